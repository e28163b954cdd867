package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/pamadapter/pamadapter/adapter"
	"github.com/pamadapter/pamadapter/config"
	"github.com/pamadapter/pamadapter/schema"
)

func cmdDemo(ctx context.Context, s *streams, args []string) int {
	fs := newFlags(s, "demo")
	requests := fs.String("requests", filepath.Join("testdata", "requests"), "the `folder` of sample requests (*.xml)")
	if done, status := parseFlags(fs, s, args); done {
		return status
	}
	files, err := filepath.Glob(filepath.Join(*requests, "*.xml"))
	if err != nil || len(files) == 0 {
		fmt.Fprintf(s.stderr, "pamadapter demo: no sample requests in %s; run it from the repository root or give --requests DIR\n", *requests)
		return 2
	}
	slices.Sort(files)
	dir, err := os.MkdirTemp("", "pamadapter-demo-")
	if err != nil {
		fmt.Fprintf(s.stderr, "pamadapter demo: %v\n", err)
		return 4
	}
	defer os.RemoveAll(dir)
	sim, err := startSimulation(dir)
	if err != nil {
		fmt.Fprintf(s.stderr, "pamadapter demo: %v\n", err)
		return 4
	}
	defer sim.Close()
	fmt.Fprintf(s.stdout, "pamadapter demo: simulators on loopback (CCP at %s, Safeguard at %s), fresh certificates and key in %s\n", sim.ccp.URL, sim.sg.URL, dir)
	failed := 0
	for _, file := range files {
		if !demoOne(ctx, s, sim, file) {
			failed++
		}
	}
	fmt.Fprintf(s.stdout, "\n%d of %d sample requests answered\n", len(files)-failed, len(files))
	if failed > 0 {
		return 1
	}
	return 0
}

// demoOne runs one sample request through the code path of run and shows
// the request, the log, the response and (for the demo only) the secrets.
func demoOne(ctx context.Context, s *streams, sim *simulation, file string) bool {
	request, err := os.ReadFile(file)
	if err != nil {
		fmt.Fprintf(s.stdout, "\n=== %s: %v\n", file, err)
		return false
	}
	var logs bytes.Buffer
	resp := serveOne(ctx, sim.configPath, bytes.NewReader(request), &logs)
	fmt.Fprintf(s.stdout, "\n=== %s (exit status %d)\n", filepath.Base(file), adapter.ExitStatus(resp))
	fmt.Fprintf(s.stdout, "--- request\n%s\n", bytes.TrimSpace(request))
	fmt.Fprintf(s.stdout, "--- log (stderr)\n%s", logs.String())
	fmt.Fprintf(s.stdout, "--- response (stdout)\n%s", resp.Bytes())
	if resp.Status != schema.StatusSuccess {
		return false
	}
	cfg, err := config.Load(sim.configPath, adapter.ConfigSpecs(providers()...))
	if err != nil {
		fmt.Fprintf(s.stdout, "--- cannot reload the configuration: %v\n", err)
		return false
	}
	secrets, err := openAll(cfg.Keyring, resp.Bytes())
	if err == nil {
		fmt.Fprintln(s.stdout, "--- DEMO ONLY: the secure context items decrypted (a real workflow passes them on sealed)")
		for _, secret := range secrets {
			fmt.Fprintf(s.stdout, "    %s\n", secret)
		}
	}
	return true
}
