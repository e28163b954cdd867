package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestTheSafeguardSamplesSucceedAgainstTheDemoSimulation runs every
// testdata/requests/sg-*.xml with run against the simulation of demo and
// simulate, each to a 2xx answer.
func TestTheSafeguardSamplesSucceedAgainstTheDemoSimulation(t *testing.T) {
	sim, err := startSimulation(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer sim.Close()
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "requests", "sg-*.xml"))
	if err != nil || len(files) < 5 {
		t.Fatalf("found %d Safeguard samples (%v), want one for each of the five operations at least", len(files), err)
	}
	seen := map[string]bool{}
	f := &fixture{t: t, dir: sim.dir, configPath: sim.configPath}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			f.t = t
			res := f.run(readSample(t, filepath.Base(file)), "run")
			if res.status != 0 {
				t.Fatalf("exit %d, want 0\n%s\n%s", res.status, res.stdout, res.stderr)
			}
			seen[operationOf(t, readSample(t, filepath.Base(file)))] = true
		})
	}
	for _, op := range []string{"a2a-retrieve-credential", "a2a-set-credential", "a2a-broker-access-request", "a2a-list-retrievable-accounts", "a2a-get-api-key"} {
		if !seen[op] {
			t.Errorf("no sample request for %s", op)
		}
	}
}

// operationOf reads the operation-name of a sample request.
func operationOf(t *testing.T, request string) string {
	t.Helper()
	_, rest, ok := strings.Cut(request, "<operation-name>")
	name, _, ok2 := strings.Cut(rest, "</operation-name>")
	if !ok || !ok2 {
		t.Fatalf("no operation-name in %s", request)
	}
	return strings.TrimSpace(name)
}
