package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/pamadapter/pamadapter/adapter"
	"github.com/pamadapter/pamadapter/masking"
)

// stringsFlag is a repeatable string flag.
type stringsFlag []string

func (s *stringsFlag) String() string     { return strings.Join(*s, ",") }
func (s *stringsFlag) Set(v string) error { *s = append(*s, v); return nil }

func cmdMask(_ context.Context, s *streams, args []string) int {
	fs := newFlags(s, "mask")
	var files stringsFlag
	fs.Var(&files, "log-config", "a log_config.xml `file` whose mask patterns to apply (repeatable, applied in order); the built-in masks always apply")
	if done, status := parseFlags(fs, s, args); done {
		return status
	}
	rules, err := masking.LoadLogConfigs(files...)
	if err != nil {
		fmt.Fprintf(s.stderr, "pamadapter mask: %s\n", adapter.ErrorText(err))
		return 2
	}
	if _, err := masking.MaskLines(s.stdout, s.stdin, masking.NewRules(rules)); err != nil {
		fmt.Fprintf(s.stderr, "pamadapter mask: %v\n", err)
		return 4
	}
	return 0
}
