package main

import (
	"context"
	"fmt"
	"runtime/debug"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = ""

// versionString is the build's version: the linked one, else the module's.
func versionString() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "devel"
}

func cmdVersion(_ context.Context, s *streams, args []string) int {
	fs := newFlags(s, "version")
	if done, status := parseFlags(fs, s, args); done {
		return status
	}
	fmt.Fprintf(s.stdout, "pamadapter %s\n", versionString())
	return 0
}
