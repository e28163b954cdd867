package xmlenc_test

import (
	"bytes"
	"encoding/base64"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/pamadapter/pamadapter/schema/xmlenc"
)

// writeFile writes data to a new file named name in a test directory, sets
// its mode to mode (whatever the umask) and returns its path.
func writeFile(t *testing.T, name string, data []byte, mode os.FileMode) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
	return path
}

// sameKey reports whether keys a and b have the same material, by
// decrypting with b what a encrypted.
func sameKey(t *testing.T, a, b *xmlenc.Key) bool {
	t.Helper()
	ed, err := newKeyring(t, a).Encrypt("probe")
	if err != nil {
		t.Fatal(err)
	}
	got, err := newKeyring(t, b).Decrypt(ed)
	return err == nil && got == "probe"
}

func TestLoadKeyFileAcceptsRawAndBase64Keys(t *testing.T) {
	b64 := base64.StdEncoding.EncodeToString(material(1))
	tests := []struct {
		name string
		data []byte
		mode os.FileMode
	}{
		{"32 raw bytes with mode 0600", material(1), 0o600},
		{"32 raw bytes with mode 0400", material(1), 0o400},
		{"32 raw bytes that end in a newline", append(material(1)[:31], '\n'), 0o600},
		{"base64 text", []byte(b64), 0o600},
		{"base64 text with a trailing newline", []byte(b64 + "\n"), 0o600},
		{"base64 text with surrounding whitespace", []byte(" \r\n\t" + b64 + " \r\n"), 0o600},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, "key", tt.data, tt.mode)
			k, err := xmlenc.LoadKeyFile("k1", path)
			if err != nil {
				t.Fatalf("LoadKeyFile: %v", err)
			}
			if k.Name() != "k1" {
				t.Errorf("Name() = %q, want %q", k.Name(), "k1")
			}
			want, err := xmlenc.NewKey("k1", tt.data)
			if len(tt.data) != xmlenc.KeySize {
				want, err = xmlenc.NewKey("k1", material(1))
			}
			if err != nil {
				t.Fatal(err)
			}
			if !sameKey(t, k, want) {
				t.Error("the loaded key does not have the file's material")
			}
		})
	}
}

func TestLoadKeyFileRefusesUnsafeOrMalformedFiles(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("file modes do not express group and other access on Windows")
	}
	// A planted base64 string of the wrong length (24 bytes) that must never
	// be echoed, nor what it decodes to.
	planted := base64.StdEncoding.EncodeToString([]byte("PLANTED-KEY-MATERIAL-24!"))
	dir := t.TempDir()
	tests := []struct {
		name    string
		path    string
		wantErr error // matched with errors.Is, if not nil
		want    string
	}{
		{"a file readable by others (0644)",
			writeFile(t, "k", material(1), 0o644), nil,
			"has mode 0644, so its group or others may read or write it; make it private to its owner with: chmod 600 "},
		{"a file readable by its group (0640)",
			writeFile(t, "k", material(1), 0o640), nil,
			"has mode 0640, so its group or others may read or write it; make it private to its owner with: chmod 600 "},
		{"a file writable by others (0602)",
			writeFile(t, "k", material(1), 0o602), nil,
			"has mode 0602, so its group or others may read or write it; make it private to its owner with: chmod 600 "},
		{"a missing file",
			filepath.Join(dir, "missing"), fs.ErrNotExist,
			"does not exist"},
		{"a directory",
			dir, nil,
			"is not a regular file (its mode is d"},
		{"31 raw bytes",
			writeFile(t, "k", material(1)[:31], 0o600), nil,
			"holds 31 bytes that are neither a 32-byte raw key nor standard base64 text"},
		{"33 raw bytes",
			writeFile(t, "k", append(material(1), 'x'), 0o600), nil,
			"holds 33 bytes that are neither a 32-byte raw key nor standard base64 text"},
		{"base64 text of 24 bytes",
			writeFile(t, "k", []byte(planted+"\n"), 0o600), nil,
			"holds base64 text of 24 bytes; a key is 32 bytes"},
		{"base64 text of 24 bytes readable by others",
			writeFile(t, "k", []byte(planted), 0o644), nil,
			"has mode 0644"},
		{"text that is not base64",
			writeFile(t, "k", []byte("PLANTED not base64 at all, and long enough!!\n"), 0o600), nil,
			"holds 45 bytes that are neither a 32-byte raw key nor standard base64 text"},
		{"an empty file",
			writeFile(t, "k", nil, 0o600), nil,
			"is empty; it must hold 32 raw bytes or their standard base64 text"},
		{"a file of whitespace",
			writeFile(t, "k", []byte(" \n"), 0o600), nil,
			"is empty; it must hold 32 raw bytes or their standard base64 text"},
		{"a file too big to be a key",
			writeFile(t, "k", bytes.Repeat([]byte("PLANTED"), 1000), 0o600), nil,
			"is larger than 4096 bytes, so it is not a key file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k, err := xmlenc.LoadKeyFile("k1", tt.path)
			if err == nil {
				t.Fatalf("LoadKeyFile = %v, want an error", k)
			}
			var kfe *xmlenc.KeyFileError
			if !errors.As(err, &kfe) {
				t.Fatalf("error %T is not a *KeyFileError", err)
			}
			if kfe.Path != tt.path {
				t.Errorf("Path = %q, want %q", kfe.Path, tt.path)
			}
			if want := "key file " + tt.path + ": " + tt.want; !strings.HasPrefix(err.Error(), want) {
				t.Errorf("error =\n%s\nwant it to start with\n%s", err, want)
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("error does not wrap %v", tt.wantErr)
			}
			for _, secret := range []string{planted, "PLANTED", "KEY-MATERIAL", string(material(1)[:8])} {
				if strings.Contains(err.Error(), secret) {
					t.Errorf("error echoes the file's contents (%q): %s", secret, err)
				}
			}
		})
	}
}

func TestLoadKeyFileTellsHowToFixTheModeWithThePath(t *testing.T) {
	path := writeFile(t, "key", material(1), 0o644)
	_, err := xmlenc.LoadKeyFile("k1", path)
	if err == nil || !strings.HasSuffix(err.Error(), "chmod 600 "+path) {
		t.Errorf("error = %v, want it to end with %q", err, "chmod 600 "+path)
	}
}

func TestLoadKeyFileChecksTheKeyName(t *testing.T) {
	path := writeFile(t, "key", material(1), 0o600)
	if _, err := xmlenc.LoadKeyFile(" ", path); err == nil {
		t.Error("LoadKeyFile accepted a whitespace-only key name")
	}
}

func TestGenerateKeyFileWritesAPrivateKeyOfRandomBytes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.key")
	if err := xmlenc.GenerateKeyFile(path, bytes.NewReader(material(5))); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && info.Mode().Perm() != 0o600 {
		t.Errorf("mode = %04o, want 0600", info.Mode().Perm())
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, material(5)) {
		t.Errorf("file holds %d bytes %x, want the 32 bytes read from rand", len(data), data)
	}
	k, err := xmlenc.LoadKeyFile("k1", path)
	if err != nil {
		t.Fatalf("LoadKeyFile of the generated file: %v", err)
	}
	if !sameKey(t, k, newKey(t, "k1", 5)) {
		t.Error("the generated file does not load as its key")
	}
}

func TestGenerateKeyFileRefusesToOverwrite(t *testing.T) {
	path := writeFile(t, "existing.key", material(1), 0o600)
	err := xmlenc.GenerateKeyFile(path, bytes.NewReader(material(5)))
	var kfe *xmlenc.KeyFileError
	if !errors.As(err, &kfe) || !errors.Is(err, fs.ErrExist) {
		t.Fatalf("error = %v, want a *KeyFileError wrapping fs.ErrExist", err)
	}
	if want := "key file " + path + ": already exists; refusing to overwrite it"; err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
	if data, _ := os.ReadFile(path); !bytes.Equal(data, material(1)) {
		t.Error("the existing key file was changed")
	}
}

func TestGenerateKeyFileLeavesNoFileWhenRandomnessFails(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.key")
	boom := errors.New("no entropy")
	err := xmlenc.GenerateKeyFile(path, iotest.ErrReader(boom))
	if !errors.Is(err, boom) {
		t.Fatalf("error = %v, want it to wrap %v", err, boom)
	}
	if _, statErr := os.Stat(path); !errors.Is(statErr, fs.ErrNotExist) {
		t.Errorf("a file was left at %s (stat: %v)", path, statErr)
	}
}

func TestGenerateKeyFileUsesCryptoRandByDefault(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.key"), filepath.Join(dir, "b.key")
	for _, path := range []string{a, b} {
		if err := xmlenc.GenerateKeyFile(path, nil); err != nil {
			t.Fatal(err)
		}
	}
	da, _ := os.ReadFile(a)
	db, _ := os.ReadFile(b)
	if len(da) != xmlenc.KeySize || bytes.Equal(da, db) {
		t.Errorf("two generated keys: %d bytes, equal = %v; want 32 different bytes", len(da), bytes.Equal(da, db))
	}
}
