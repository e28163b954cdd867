package config_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pamadapter/pamadapter/schema"
	"github.com/pamadapter/pamadapter/schema/xmlenc"
)

// cyberarkSpec is a small provider section for the tests.
func cyberarkSpec() *schema.Spec {
	return &schema.Spec{Elements: []schema.Element{
		{Name: "aim-endpoint-url", Required: true},
		{Name: "request-timeout", Kind: schema.KindSeconds},
		{Name: "ca-file", Kind: schema.KindPath},
		{Name: "insecure-skip-tls-verify", Kind: schema.KindBool},
		{Name: "keystore-password", Secret: true},
	}}
}

// sections are the sections this test build serves.
func sections() map[string]*schema.Spec {
	return map[string]*schema.Spec{"cyberark": cyberarkSpec()}
}

// newKeyFile writes a fresh key file (mode 0600) at dir/rel.
func newKeyFile(t *testing.T, dir, rel string) string {
	t.Helper()
	path := filepath.Join(dir, rel)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := xmlenc.GenerateKeyFile(path, nil); err != nil {
		t.Fatalf("GenerateKeyFile: %v", err)
	}
	return path
}

// writeConfig writes doc to dir/adapter.xml and returns its path.
func writeConfig(t *testing.T, dir, doc string) string {
	t.Helper()
	path := filepath.Join(dir, "adapter.xml")
	if err := os.WriteFile(path, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// encryptionSection names one good key file made in dir.
func encryptionSection(t *testing.T, dir string) string {
	t.Helper()
	newKeyFile(t, dir, "keys/main.key")
	return `<encryption><key name="main" file="keys/main.key"/></encryption>`
}

// wantProblems fails t unless err holds every one of wants.
func wantProblems(t *testing.T, err error, wants ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want one saying %q", wants)
	}
	for _, w := range wants {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error does not say %q:\n%s", w, err)
		}
	}
}
