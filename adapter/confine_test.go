package adapter

import (
	"os"
	"path/filepath"
	"testing"
)

func TestIdentityFilesAreConfinedToTheAllowedFolders(t *testing.T) {
	base := t.TempDir()
	allowed := filepath.Join(base, "identities")
	secret := filepath.Join(base, "secret")
	for _, dir := range []string{allowed, secret, filepath.Join(allowed, "sub")} {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{filepath.Join(allowed, "client.p12"), filepath.Join(secret, "other.p12"), filepath.Join(allowed, "sub", "deep.p12")} {
		if err := os.WriteFile(f, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join(secret, "other.p12"), filepath.Join(allowed, "link.p12")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(allowed, "linkdir")); err != nil {
		t.Fatal(err)
	}
	// The allowed folder itself reached through a link is still allowed.
	if err := os.Symlink(allowed, filepath.Join(base, "alias")); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path string
		allowed    bool
	}{
		{"a file in the folder is allowed", filepath.Join(allowed, "client.p12"), true},
		{"a file in a subfolder is allowed", filepath.Join(allowed, "sub", "deep.p12"), true},
		{"a missing file in the folder is allowed (reading it then fails)", filepath.Join(allowed, "missing.p12"), true},
		{"the folder named through a link is allowed", filepath.Join(base, "alias", "client.p12"), true},
		{"a file outside is refused", filepath.Join(secret, "other.p12"), false},
		{"a missing file outside is refused the same way", filepath.Join(secret, "missing.p12"), false},
		{"a .. escape is refused", filepath.Join(allowed, "..", "secret", "other.p12"), false},
		{"a link to a file outside is refused", filepath.Join(allowed, "link.p12"), false},
		{"a link to a folder outside is refused", filepath.Join(allowed, "linkdir", "other.p12"), false},
		{"a sibling folder with the same prefix is refused", filepath.Join(base, "identities-evil", "x.p12"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := confineTo([]string{allowed}, "keystore-file", tt.path)
			if (err == nil) != tt.allowed {
				t.Fatalf("got %v, want allowed=%v", err, tt.allowed)
			}
			if err != nil && (!IsCode(err, CodeInvalidRequest) || err.Error() != "<keystore-file>: "+tt.path+" is outside the folders allowed for identity files (allowed-identity-dir)") {
				t.Errorf("error %q", err)
			}
		})
	}
}
