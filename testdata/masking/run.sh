#!/bin/sh
# Regenerates expected.txt from cases.txt with JDK 17's java.util.regex.
#
#   testdata/masking/run.sh            # uses javac and java from PATH
#   JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64 testdata/masking/run.sh
#
# The answers are JDK 17's: run.sh stops if the JDK is another version.
set -eu
cd "$(dirname "$0")"
if [ -n "${JAVA_HOME:-}" ]; then
	JAVA="$JAVA_HOME/bin/java"
	JAVAC="$JAVA_HOME/bin/javac"
else
	JAVA=java
	JAVAC=javac
fi
version=$("$JAVA" -version 2>&1 | head -n 1)
case "$version" in
*'"17.'*) ;;
*)
	echo "run.sh: need JDK 17, found: $version" >&2
	exit 1
	;;
esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$JAVAC" -encoding UTF-8 -d "$tmp" MaskGolden.java
"$JAVA" -Dfile.encoding=UTF-8 -cp "$tmp" MaskGolden cases.txt expected.txt
