// Command pamadapter fetches credentials from privileged-access vaults for
// orchestration workflows: one adapter request in (XML), one adapter
// response out, every secret sealed as XML-Encryption <EncryptedData>.
//
// Run "pamadapter help" for the commands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// command is one subcommand.
type command struct {
	name, args, summary string
	run                 func(ctx context.Context, s *streams, args []string) int
}

// streams are the process's standard streams (tests give their own).
type streams struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// commands lists the subcommands in the order help shows them.
func commands() []command {
	return []command{
		{"run", "--config FILE [--in FILE] [--out FILE]", "serve one adapter request (stdin) with one adapter response (stdout)", cmdRun},
		{"serve", "--config FILE", "serve adapter requests over HTTP (POST /v1/requests) until SIGTERM/SIGINT; logs on stderr", cmdServe},
		{"demo", "[--requests DIR]", "run every sample request against the embedded simulators and show the results", cmdDemo},
		{"simulate", "--dir DIR", "run the vault simulators until stopped; write their certificates and DIR/adapter.xml", cmdSimulate},
		{"keygen", "--out FILE", "write a new AES-256 key file (mode 0600)", cmdKeygen},
		{"encrypt", "--config FILE", "seal the plaintext on stdin as <EncryptedData> on stdout", cmdEncrypt},
		{"decrypt", "--config FILE", "open the <EncryptedData> items of a response (or one item) on stdin: one secret a line on stdout", cmdDecrypt},
		{"mask", "[--log-config FILE ...]", "mask secrets in a log (stdin to stdout, line by line) with log_config.xml patterns and the built-in masks", cmdMask},
		{"version", "", "print the version", cmdVersion},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := Main(ctx, os.Args[1:], &streams{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr})
	stop()
	os.Exit(code)
}

// Main runs the command line args and returns the exit status.
func Main(ctx context.Context, args []string, s *streams) int {
	if len(args) == 0 {
		usage(s.stderr)
		return 2
	}
	name := args[0]
	switch name {
	case "help", "-h", "-help", "--help":
		usage(s.stdout)
		return 0
	}
	for _, c := range commands() {
		if c.name == name {
			return c.run(ctx, s, args[1:])
		}
	}
	fmt.Fprintf(s.stderr, "pamadapter: unknown command %q\n\n", name)
	usage(s.stderr)
	return 2
}

// usage prints the command list.
func usage(w io.Writer) {
	fmt.Fprintln(w, "Usage: pamadapter COMMAND [options]  (pamadapter COMMAND --help for its options)")
	fmt.Fprintln(w)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
}

// newFlags makes a command's flag set, with --help describing it.
func newFlags(s *streams, name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(s.stderr)
	for _, c := range commands() {
		if c.name == name {
			fs.Usage = func() {
				fmt.Fprintf(fs.Output(), "Usage: pamadapter %s %s\n\n%s.\n", c.name, c.args, c.summary)
				if hasFlags(fs) {
					fmt.Fprintln(fs.Output(), "\nOptions:")
					fs.PrintDefaults()
				}
			}
		}
	}
	return fs
}

// hasFlags reports whether fs defines any flag.
func hasFlags(fs *flag.FlagSet) bool {
	any := false
	fs.VisitAll(func(*flag.Flag) { any = true })
	return any
}

// parseFlags parses args; done is true when the command must stop with
// status (after --help: 0, after a usage error: 2).
func parseFlags(fs *flag.FlagSet, s *streams, args []string) (done bool, status int) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(s.stdout)
			fs.Usage()
			return true, 0
		}
		return true, 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(s.stderr, "pamadapter %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		fs.Usage()
		return true, 2
	}
	return false, 0
}
