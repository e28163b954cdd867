package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
)

func cmdSimulate(ctx context.Context, s *streams, args []string) int {
	fs := newFlags(s, "simulate")
	dir := fs.String("dir", "", "the `folder` to write certificates, keys and adapter.xml into (created if missing)")
	if done, status := parseFlags(fs, s, args); done {
		return status
	}
	if *dir == "" {
		fmt.Fprintln(s.stderr, "pamadapter simulate: give --dir DIR")
		return 2
	}
	if err := os.MkdirAll(*dir, 0o700); err != nil {
		fmt.Fprintf(s.stderr, "pamadapter simulate: %v\n", err)
		return 2
	}
	abs, err := filepath.Abs(*dir)
	if err != nil {
		abs = *dir
	}
	for _, name := range []string{"adapter.xml", "context.key", "client.crt", "client.key", "client.jks", "ccp-ca.pem", "sg-ca.pem"} {
		if _, err := os.Stat(filepath.Join(abs, name)); err == nil {
			fmt.Fprintf(s.stderr, "pamadapter simulate: %s already exists; use an empty folder\n", filepath.Join(abs, name))
			return 2
		}
	}
	sim, err := startSimulation(abs)
	if err != nil {
		fmt.Fprintf(s.stderr, "pamadapter simulate: %v\n", err)
		return 4
	}
	defer sim.Close()
	fmt.Fprintf(s.stdout, "CCP simulator listening on %s (web service AIMWebService, AppID %s)\n", sim.ccp.URL, DemoAppID)
	fmt.Fprintf(s.stdout, "Safeguard simulator listening on %s (A2A registration %s, API key %s, broker key %s)\n", sim.sg.URL, DemoAppID, DemoSafeguardAPIKey, DemoSafeguardBrokerKey)
	fmt.Fprintf(s.stdout, "wrote %s and its certificates and key\n\n", sim.configPath)
	fmt.Fprintf(s.stdout, "try:\n  pamadapter run --config %s < testdata/requests/ccp-get-password-pem.xml\n", sim.configPath)
	fmt.Fprintf(s.stdout, "  pamadapter run --config %s < testdata/requests/sg-retrieve-password.xml\n\n", sim.configPath)
	fmt.Fprintln(s.stdout, "press Ctrl-C to stop")
	<-ctx.Done()
	fmt.Fprintln(s.stdout, "stopping")
	return 0
}
