package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe to read while a command writes it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestSimulateWritesAConfigurationThatRunCanUse(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "sim")
	ctx, cancel := context.WithCancel(context.Background())
	var out syncBuffer
	done := make(chan int)
	go func() {
		done <- Main(ctx, []string{"simulate", "--dir", dir}, &streams{stdin: strings.NewReader(""), stdout: &out, stderr: &out})
	}()
	configPath := filepath.Join(dir, "adapter.xml")
	giveUp := time.After(time.Minute) // a hang, not a timing assertion
	for !strings.Contains(out.String(), "press Ctrl-C") {
		select {
		case status := <-done:
			t.Fatalf("simulate stopped early with %d:\n%s", status, out.String())
		case <-giveUp:
			cancel()
			t.Fatalf("simulate did not start:\n%s", out.String())
		case <-time.After(10 * time.Millisecond):
		}
	}
	f := &fixture{t: t, dir: dir, configPath: configPath}
	res := f.run(readSample(t, "ccp-get-password-pem.xml"), "run")
	if res.status != 0 || len(f.secrets(res.stdout)) != 1 {
		t.Errorf("run against the simulator: exit %d\n%s\n%s", res.status, res.stdout, res.stderr)
	}
	info, err := os.Stat(filepath.Join(dir, "context.key"))
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("the key file: %v %v", err, info)
	}
	cancel()
	if status := <-done; status != 0 {
		t.Errorf("simulate ended with %d after Ctrl-C", status)
	}
	// A folder that already holds a configuration is not overwritten.
	if status := Main(context.Background(), []string{"simulate", "--dir", dir}, &streams{stdin: strings.NewReader(""), stdout: &out, stderr: &out}); status != 2 {
		t.Errorf("simulate into a used folder: exit %d, want 2", status)
	}
}
