#!/usr/bin/env bash
# Regenerates the client-identity test fixtures in this folder.
#
#   bash testdata/identities/generate.sh      (from anywhere)
#
# Needs openssl (3.0.x) and keytool (Java 17). The generated files are committed
# so the Go tests need neither tool. Every run deletes the files listed in
# OUTPUTS below and creates them again with fresh keys, serial numbers and
# dates; generate.sh and README.md are never touched. See README.md for what
# each file is, its passwords and aliases.
#
# All passwords are fake test values; each is unique and contains "pass" so
# tests can assert that none of them leaks into output.
set -euo pipefail

DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$DIR"

for tool in openssl keytool xxd; do
	command -v "$tool" >/dev/null || { echo "generate.sh: $tool not found" >&2; exit 1; }
done

# keytool messages are localised; force English for predictable logs.
KT=(keytool -J-Duser.language=en -J-Duser.country=US)

# run <cmd...>: runs quietly, shows the command's output only if it fails.
run() {
	local out
	if ! out=$("$@" 2>&1); then
		printf 'generate.sh: command failed: %s\n%s\n' "$*" "$out" >&2
		exit 1
	fi
}

DAYS=7300 # 20 years (keytool's temporary self-signed certs only)
NOT_BEFORE=20250101000000Z # every certificate except expired.crt:
NOT_AFTER=20450101000000Z  # 20 years, fixed dates
ORG="pamadapter tests"

# Passwords (unique, all contain "pass").
PEM_PASS_PKCS8="pem-pass-pkcs8"
PEM_PASS_LEGACY="pem-pass-legacy"
JKS_PASS_SAME="jks-pass-same"
JKS_STORE_PASS_DIFF="jks-store-pass-diff"
JKS_KEY_PASS_DIFF="jks-key-pass-diff"
JKS_PASS_TWO="jks-pass-two"
JKS_PASS_TRUSTED="jks-pass-trusted"
P12_PASS_KEYTOOL="p12-pass-keytool"
JCEKS_PASS="jceks-pass"
P12_PASS_MODERN="p12-pass-modern"
P12_PASS_LEGACY="p12-pass-legacy"
P12_PASS_CAFIRST="p12-pass-cafirst"

OUTPUTS=(
	ca.pem ca.key
	other-ca.pem other-ca.key
	rsa.crt rsa-pkcs1.key rsa-pkcs8.key rsa-pkcs8-encrypted.key rsa-legacy-encrypted.key
	ec.crt ec-sec1.key ec-pkcs8.key
	ed25519.crt ed25519.key
	chain.crt chain.key
	expired.crt expired.key
	server-only.crt server-only.key
	other-ca-client.crt other-ca-client.key
	jks-same.jks jks-diff.jks jks-two-keys.jks jks-trusted-only.jks
	keytool-default.jks jceks.jks corrupt.jks
	openssl3.p12 legacy.p12 ca-first.p12
)

rm -f -- "${OUTPUTS[@]}"

WORK="$(mktemp -d)"
trap 'rm -rf -- "$WORK"' EXIT

# ---------------------------------------------------------------- extensions
EXT="$WORK/ext.cnf"
cat >"$EXT" <<'EOF'
[root_ca]
basicConstraints       = critical, CA:TRUE
keyUsage               = critical, keyCertSign, cRLSign
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always

[intermediate_ca]
basicConstraints       = critical, CA:TRUE, pathlen:0
keyUsage               = critical, keyCertSign, cRLSign
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always

[client]
basicConstraints       = critical, CA:FALSE
keyUsage               = critical, digitalSignature
extendedKeyUsage       = clientAuth
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always

[server]
basicConstraints       = critical, CA:FALSE
keyUsage               = critical, digitalSignature
extendedKeyUsage       = serverAuth
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always
EOF

subj() { printf '/O=%s/CN=%s' "$ORG" "$1"; }

new_rsa_key() { run openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1"; }
new_ec_key() {
	run openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
		-pkeyopt ec_param_enc:named_curve -out "$1"
}

# All certificates are issued with `openssl ca`, the one OpenSSL 3.0 command
# that takes explicit -startdate/-enddate (x509 -req only has -days). Fixed
# dates keep the fixtures valid even when this machine's clock runs ahead of
# the machine running the tests.
mkdir -p "$WORK/ca-db/new"
: >"$WORK/ca-db/index.txt"
CACNF="$WORK/ca.cnf"
cat >"$CACNF" <<EOF
[ca]
default_ca       = test_ca
[test_ca]
dir              = $WORK/ca-db
database         = \$dir/index.txt
new_certs_dir    = \$dir/new
rand_serial      = yes
default_md       = sha256
policy           = policy_any
unique_subject   = no
copy_extensions  = none
email_in_dn      = no
[policy_any]
organizationName = supplied
commonName       = supplied
EOF

# ca_sign <csr> <ca-cert|-selfsign> <ca-key> <ext-section> <cert-out> [startdate enddate]
ca_sign() {
	local -a issuer=(-cert "$2")
	[[ $2 == -selfsign ]] && issuer=(-selfsign)
	run openssl ca -batch -notext -preserveDN -config "$CACNF" "${issuer[@]}" -keyfile "$3" \
		-extfile "$EXT" -extensions "$4" -startdate "${6:-$NOT_BEFORE}" -enddate "${7:-$NOT_AFTER}" \
		-in "$1" -out "$5"
}

# make_root <key-out> <cert-out> <CN>
make_root() {
	new_rsa_key "$1"
	run openssl req -new -key "$1" -subj "$(subj "$3")" -out "$WORK/root.csr"
	ca_sign "$WORK/root.csr" -selfsign "$1" root_ca "$2"
}

# sign_csr <csr> <ca-cert> <ca-key> <ext-section> <cert-out>
sign_csr() { ca_sign "$@"; }

# issue <key> <CN> <ext-section> <cert-out> [ca-cert ca-key] [startdate enddate]
issue() {
	local csr="$WORK/$(basename "$4").csr"
	run openssl req -new -key "$1" -subj "$(subj "$2")" -out "$csr"
	ca_sign "$csr" "${5:-ca.pem}" "${6:-ca.key}" "$3" "$4" "${@:7}"
}

echo "== CAs"
make_root ca.key ca.pem "pamadapter test CA"
make_root other-ca.key other-ca.pem "pamadapter other (untrusted) test CA"

echo "== PEM: RSA"
new_rsa_key rsa-pkcs8.key
run openssl rsa -in rsa-pkcs8.key -traditional -out rsa-pkcs1.key
run openssl pkcs8 -topk8 -in rsa-pkcs8.key -v2 aes-256-cbc -v2prf hmacWithSHA256 \
	-passout "pass:$PEM_PASS_PKCS8" -out rsa-pkcs8-encrypted.key
run openssl rsa -in rsa-pkcs8.key -aes256 -traditional \
	-passout "pass:$PEM_PASS_LEGACY" -out rsa-legacy-encrypted.key
issue rsa-pkcs8.key "RSA 2048 client" client rsa.crt

echo "== PEM: EC"
new_ec_key ec-pkcs8.key
run openssl ec -in ec-pkcs8.key -out ec-sec1.key
issue ec-pkcs8.key "EC P-256 client" client ec.crt

echo "== PEM: Ed25519"
run openssl genpkey -algorithm ed25519 -out ed25519.key
issue ed25519.key "Ed25519 client" client ed25519.crt

echo "== PEM: chain (leaf + intermediate)"
new_rsa_key "$WORK/intermediate.key"
issue "$WORK/intermediate.key" "pamadapter test intermediate CA" intermediate_ca "$WORK/intermediate.pem"
new_ec_key chain.key
issue chain.key "EC P-256 client via intermediate" client "$WORK/chain-leaf.crt" \
	"$WORK/intermediate.pem" "$WORK/intermediate.key"
cat "$WORK/chain-leaf.crt" "$WORK/intermediate.pem" >chain.crt

echo "== PEM: expired"
new_rsa_key expired.key
issue expired.key "expired RSA client" client expired.crt ca.pem ca.key 20200101000000Z 20210101000000Z

echo "== PEM: server-only"
new_rsa_key server-only.key
issue server-only.key "server-only (no clientAuth)" server server-only.crt

echo "== PEM: client of another CA"
new_rsa_key other-ca-client.key
issue other-ca-client.key "client of other CA" client other-ca-client.crt other-ca.pem other-ca.key

# ---------------------------------------------------------------- keytool
# kt_key <store> <storetype|""> <storepass> <keypass|""> <alias> <RSA|EC> <CN>
# Creates a key pair, has the test CA sign it, and installs the reply so the
# entry's chain is leaf + CA. The CA is imported as trusted entry "test-ca"
# first (so keytool accepts the reply without prompting); callers remove it
# when the store should hold only the key entry.
kt_key() {
	local store=$1 stype=$2 spass=$3 kpass=$4 alias=$5 alg=$6 cn=$7
	local -a st=() kp=() algo=()
	[[ -n $stype ]] && st=(-storetype "$stype")
	[[ -n $kpass ]] && kp=(-keypass "$kpass")
	if [[ $alg == EC ]]; then algo=(-keyalg EC -groupname secp256r1); else algo=(-keyalg RSA -keysize 2048); fi
	run "${KT[@]}" -genkeypair -alias "$alias" "${algo[@]}" -dname "CN=$cn, O=$ORG" -validity "$DAYS" \
		-keystore "$store" "${st[@]}" -storepass "$spass" "${kp[@]}"
	run "${KT[@]}" -certreq -alias "$alias" -keystore "$store" "${st[@]}" -storepass "$spass" "${kp[@]}" \
		-file "$WORK/$alias.csr"
	sign_csr "$WORK/$alias.csr" ca.pem ca.key client "$WORK/$alias.crt"
	if ! "${KT[@]}" -list -alias test-ca -keystore "$store" "${st[@]}" -storepass "$spass" >/dev/null 2>&1; then
		run "${KT[@]}" -importcert -noprompt -alias test-ca -file ca.pem \
			-keystore "$store" "${st[@]}" -storepass "$spass"
	fi
	# Without -noprompt: the reply must chain to test-ca or keytool refuses it.
	run "${KT[@]}" -importcert -alias "$alias" -file "$WORK/$alias.crt" \
		-keystore "$store" "${st[@]}" -storepass "$spass" "${kp[@]}" </dev/null
}
kt_drop_ca() { run "${KT[@]}" -delete -alias test-ca -keystore "$1" ${2:+-storetype "$2"} -storepass "$3"; }

echo "== JKS"
kt_key jks-same.jks JKS "$JKS_PASS_SAME" "$JKS_PASS_SAME" client RSA "JKS RSA client (same passwords)"
kt_drop_ca jks-same.jks JKS "$JKS_PASS_SAME"

kt_key jks-diff.jks JKS "$JKS_STORE_PASS_DIFF" "$JKS_KEY_PASS_DIFF" client EC "JKS EC client (different passwords)"
kt_drop_ca jks-diff.jks JKS "$JKS_STORE_PASS_DIFF"

kt_key jks-two-keys.jks JKS "$JKS_PASS_TWO" "$JKS_PASS_TWO" first RSA "JKS first RSA client"
kt_key jks-two-keys.jks JKS "$JKS_PASS_TWO" "$JKS_PASS_TWO" second EC "JKS second EC client"

run "${KT[@]}" -importcert -noprompt -alias test-ca -file ca.pem -keystore jks-trusted-only.jks \
	-storetype JKS -storepass "$JKS_PASS_TRUSTED"

echo "== keytool default store type (PKCS#12 on Java 17)"
kt_key keytool-default.jks "" "$P12_PASS_KEYTOOL" "" client RSA "keytool default-type client"
kt_drop_ca keytool-default.jks "" "$P12_PASS_KEYTOOL"

echo "== JCEKS"
kt_key jceks.jks JCEKS "$JCEKS_PASS" "$JCEKS_PASS" client RSA "JCEKS RSA client"
kt_drop_ca jceks.jks JCEKS "$JCEKS_PASS"

echo "== corrupt.jks (first 200 bytes of jks-same.jks)"
head -c 200 jks-same.jks >corrupt.jks

# ---------------------------------------------------------------- PKCS#12
echo "== PKCS#12"
run openssl pkcs12 -export -in rsa.crt -inkey rsa-pkcs8.key -certfile ca.pem -name client \
	-passout "pass:$P12_PASS_MODERN" -out openssl3.p12
run openssl pkcs12 -export -legacy -in ec.crt -inkey ec-pkcs8.key -certfile ca.pem -name client \
	-passout "pass:$P12_PASS_LEGACY" -out legacy.p12
# openssl pkcs12 -export always writes the cert matching the key first when the
# cert comes from -in. With -nocerts the key is exported without an "end-entity"
# cert and the -certfile certs are written in file order, so CA precedes leaf.
cat ca.pem rsa.crt >"$WORK/ca-then-leaf.pem"
run openssl pkcs12 -export -nocerts -inkey rsa-pkcs8.key -certfile "$WORK/ca-then-leaf.pem" -name client \
	-passout "pass:$P12_PASS_CAFIRST" -out ca-first.p12

# ---------------------------------------------------------------- verification
echo
echo "== verification"
fail() { echo "FAIL: $*" >&2; exit 1; }
magic() { xxd -p -l 4 "$1"; }
pub_of_key() { openssl pkey -in "$1" ${2:+-passin "pass:$2"} -pubout; }
pub_of_crt() { openssl x509 -in "$1" -noout -pubkey; }

expect_header() { grep -q -- "$2" "$1" || fail "$1 lacks '$2'"; }
expect_header rsa-pkcs1.key "BEGIN RSA PRIVATE KEY"
expect_header rsa-pkcs8.key "BEGIN PRIVATE KEY"
expect_header rsa-pkcs8-encrypted.key "BEGIN ENCRYPTED PRIVATE KEY"
expect_header rsa-legacy-encrypted.key "Proc-Type: 4,ENCRYPTED"
expect_header rsa-legacy-encrypted.key "DEK-Info: AES-256-CBC,"
expect_header ec-sec1.key "BEGIN EC PRIVATE KEY"
expect_header ec-pkcs8.key "BEGIN PRIVATE KEY"
expect_header ed25519.key "BEGIN PRIVATE KEY"
expect_header chain.key "BEGIN PRIVATE KEY"
openssl asn1parse -in rsa-pkcs8-encrypted.key | grep -q PBKDF2 || fail "pkcs8: not PBKDF2"
openssl asn1parse -in rsa-pkcs8-encrypted.key | grep -q hmacWithSHA256 || fail "pkcs8: not HMAC-SHA256"
openssl asn1parse -in rsa-pkcs8-encrypted.key | grep -q aes-256-cbc || fail "pkcs8: not AES-256-CBC"

for pair in rsa.crt:rsa-pkcs1.key: rsa.crt:rsa-pkcs8.key: rsa.crt:rsa-pkcs8-encrypted.key:$PEM_PASS_PKCS8 \
	rsa.crt:rsa-legacy-encrypted.key:$PEM_PASS_LEGACY ec.crt:ec-sec1.key: ec.crt:ec-pkcs8.key: \
	ed25519.crt:ed25519.key: chain.crt:chain.key: expired.crt:expired.key: \
	server-only.crt:server-only.key: other-ca-client.crt:other-ca-client.key:; do
	IFS=: read -r crt key pass <<<"$pair"
	[[ "$(pub_of_crt "$crt")" == "$(pub_of_key "$key" "$pass")" ]] || fail "$key does not match $crt"
	printf '  %-24s matches %-20s %s | %s\n' "$key" "$crt" \
		"$(openssl x509 -in "$crt" -noout -dates | cut -d= -f2 | paste -sd'>' - | sed 's/>/ -> /')" \
		"$(openssl x509 -in "$crt" -noout -ext extendedKeyUsage | tail -n +2 | tr -d ' ')"
done

for c in rsa.crt ec.crt ed25519.crt server-only.crt; do
	openssl verify -CAfile ca.pem "$c" >/dev/null || fail "$c does not verify against ca.pem"
done
openssl verify -CAfile ca.pem -untrusted chain.crt chain.crt >/dev/null || fail "chain.crt does not verify"
[[ $(grep -c 'BEGIN CERTIFICATE' chain.crt) == 2 ]] || fail "chain.crt should hold 2 certs"
if openssl verify -CAfile ca.pem expired.crt >/dev/null 2>&1; then fail "expired.crt verifies"; fi
openssl verify -CAfile ca.pem -no_check_time expired.crt >/dev/null || fail "expired.crt not signed by CA"
openssl x509 -in expired.crt -noout -checkend 0 >/dev/null && fail "expired.crt is not expired"
if openssl verify -CAfile ca.pem other-ca-client.crt >/dev/null 2>&1; then fail "other-ca-client.crt verifies against ca.pem"; fi
openssl verify -CAfile other-ca.pem other-ca-client.crt >/dev/null || fail "other-ca-client.crt not signed by other-ca"
openssl x509 -in server-only.crt -noout -ext extendedKeyUsage | grep -q 'Client' && fail "server-only has clientAuth"
echo "  PEM certificates verify as intended (expired/other-CA rejected)"

# kt_check <store> <type> <storepass> <expected "alias:type,..." sorted> <magic>
kt_check() {
	local out got
	out=$("${KT[@]}" -list -v -keystore "$1" -storetype "$2" -storepass "$3" 2>/dev/null) || fail "keytool cannot read $1"
	got=$(awk -F': ' '/^Alias name:/{a=$2} /^Entry type:/{print a":"$2}' <<<"$out" | sort | paste -sd, -)
	[[ $got == "$4" ]] || fail "$1: entries '$got', want '$4'"
	[[ $(magic "$1") == "$5" ]] || fail "$1: magic $(magic "$1"), want $5"
	local chains
	chains=$(awk -F': ' '/^Certificate chain length:/{print $2}' <<<"$out" | paste -sd, -)
	printf '  %-22s %-8s magic=%s entries=%s chain-lengths=%s\n' "$1" "$2" "$(magic "$1")" "$got" "${chains:--}"
}
kt_check jks-same.jks JKS "$JKS_PASS_SAME" "client:PrivateKeyEntry" feedfeed
kt_check jks-diff.jks JKS "$JKS_STORE_PASS_DIFF" "client:PrivateKeyEntry" feedfeed
kt_check jks-two-keys.jks JKS "$JKS_PASS_TWO" "first:PrivateKeyEntry,second:PrivateKeyEntry,test-ca:trustedCertEntry" feedfeed
kt_check jks-trusted-only.jks JKS "$JKS_PASS_TRUSTED" "test-ca:trustedCertEntry" feedfeed
kt_check keytool-default.jks PKCS12 "$P12_PASS_KEYTOOL" "client:PrivateKeyEntry" "$(magic keytool-default.jks)"
[[ $(magic keytool-default.jks) == 30* ]] || fail "keytool-default.jks is not DER/PKCS#12"
kt_check jceks.jks JCEKS "$JCEKS_PASS" "client:PrivateKeyEntry" cececece
# The key password really differs from the store password in jks-diff.jks.
if "${KT[@]}" -certreq -alias client -keystore jks-diff.jks -storepass "$JKS_STORE_PASS_DIFF" \
	-keypass "$JKS_STORE_PASS_DIFF" -file /dev/null >/dev/null 2>&1; then
	fail "jks-diff.jks key opens with the store password"
fi
if "${KT[@]}" -list -keystore corrupt.jks -storetype JKS -storepass "$JKS_PASS_SAME" >/dev/null 2>&1; then
	fail "corrupt.jks loads"
fi
printf '  %-22s magic=%s size=%s (keytool refuses it)\n' corrupt.jks "$(magic corrupt.jks)" "$(wc -c <corrupt.jks)"

# p12_check <file> <pass> <extra args>
p12_check() {
	local f=$1 pass=$2; shift 2
	local info
	info=$(openssl pkcs12 -info -noout -in "$f" -passin "pass:$pass" "$@" 2>&1) || fail "openssl cannot read $f"
	local subjects
	subjects=$(openssl pkcs12 -nokeys -in "$f" -passin "pass:$pass" "$@" 2>/dev/null | awk -F'CN = ' '/^subject=/{print $2}' | paste -sd'|' -)
	printf '  %-22s magic=%s %s\n      %s\n      cert bag order: %s\n' "$f" "$(magic "$f")" \
		"$(grep -m1 '^MAC:' <<<"$info")" \
		"$(grep -E '^(PKCS7 Encrypted data|Shrouded Keybag)' <<<"$info" | paste -sd';' - | sed 's/;/; /g')" \
		"$subjects"
}
p12_check openssl3.p12 "$P12_PASS_MODERN"
p12_check legacy.p12 "$P12_PASS_LEGACY" -legacy
p12_check ca-first.p12 "$P12_PASS_CAFIRST"
p12_check keytool-default.jks "$P12_PASS_KEYTOOL"
first_cn=$(openssl pkcs12 -nokeys -in ca-first.p12 -passin "pass:$P12_PASS_CAFIRST" 2>/dev/null | awk -F'CN = ' '/^subject=/{print $2; exit}')
[[ $first_cn == "pamadapter test CA" ]] || fail "ca-first.p12: first cert bag is '$first_cn'"
[[ "$(openssl pkcs12 -nocerts -nodes -in ca-first.p12 -passin "pass:$P12_PASS_CAFIRST" 2>/dev/null | openssl pkey -pubout)" == "$(pub_of_crt rsa.crt)" ]] \
	|| fail "ca-first.p12 key is not the rsa.crt key"

echo
echo "== first 4 bytes"
for f in *.jks *.p12; do printf '  %-22s %s\n' "$f" "$(xxd -l 4 "$f")"; done

echo
echo "generated ${#OUTPUTS[@]} files in $DIR"
