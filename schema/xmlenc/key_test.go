package xmlenc_test

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/pamadapter/pamadapter/schema/xmlenc"
)

func TestNewKeyRefusesBadNamesAndMaterial(t *testing.T) {
	tests := []struct {
		name     string
		keyName  string
		material []byte
		want     string
	}{
		{"an empty name", "", material(0), "key name is empty"},
		{"a whitespace-only name", " \t", material(0), `key name " \t" begins or ends with whitespace`},
		{"a name with leading space", " k1", material(0), `key name " k1" begins or ends with whitespace`},
		{"a name with a trailing newline", "k1\n", material(0), `key name "k1\n" begins or ends with whitespace`},
		{"a name with a tab inside", "k\t1", material(0), `key name "k\t1" holds a control or unprintable character`},
		{"a name with a NUL", "k\x001", material(0), `key name "k\x001" holds a control or unprintable character`},
		{"a name that is not UTF-8", "k\xff", material(0), `key name "k\xff" is not valid UTF-8`},
		{"material of 31 bytes", "k1", material(0)[:31], `key "k1" is 31 bytes; an AES-256 key is 32 bytes`},
		{"material of 33 bytes", "k1", append(material(0), 0), `key "k1" is 33 bytes; an AES-256 key is 32 bytes`},
		{"no material", "k1", nil, `key "k1" is 0 bytes; an AES-256 key is 32 bytes`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k, err := xmlenc.NewKey(tt.keyName, tt.material)
			if err == nil {
				t.Fatalf("NewKey = %v, want an error", k)
			}
			if err.Error() != tt.want {
				t.Errorf("error = %q, want %q", err, tt.want)
			}
		})
	}
}

func TestNewKeyAcceptsNamesWithInnerSpacesAndUnicode(t *testing.T) {
	for _, name := range []string{"k", "context-key-2026", "key 2026", "clé€", "a&b<c>"} {
		k, err := xmlenc.NewKey(name, material(0))
		if err != nil {
			t.Errorf("NewKey(%q): %v", name, err)
			continue
		}
		if k.Name() != name {
			t.Errorf("Name() = %q, want %q", k.Name(), name)
		}
	}
}

func TestNewKeyCopiesItsMaterial(t *testing.T) {
	m := material(7)
	k, err := xmlenc.NewKey("k1", m)
	if err != nil {
		t.Fatal(err)
	}
	clear(m) // the caller wipes its copy
	ed, err := newKeyring(t, k).Encrypt("secret")
	if err != nil {
		t.Fatal(err)
	}
	got, err := newKeyring(t, newKey(t, "k1", 7)).Decrypt(ed)
	if err != nil {
		t.Fatalf("a key made from the original material cannot decrypt: %v", err)
	}
	if got != "secret" {
		t.Errorf("Decrypt = %q, want %q", got, "secret")
	}
}

// materialForms returns the ways key material m could show up in text.
func materialForms(m []byte) []string {
	return []string{
		string(m),
		hex.EncodeToString(m),
		strings.ToUpper(hex.EncodeToString(m)),
		base64.StdEncoding.EncodeToString(m),
		fmt.Sprint(m),          // [65 66 ...]
		fmt.Sprint(m[:4])[1:8], // the first bytes in decimal
		fmt.Sprintf("%#v", m[:4])[7:20],
		// The first word of an expanded AES key schedule, as fmt prints
		// the internals of a cipher.AEAD.
		fmt.Sprint(binary.LittleEndian.Uint32(m)),
		fmt.Sprint(binary.BigEndian.Uint32(m)),
		fmt.Sprintf("%x", binary.LittleEndian.Uint32(m)),
		fmt.Sprintf("%x", binary.BigEndian.Uint32(m)),
	}
}

func TestKeysAndKeyringsPrintOnlyKeyNames(t *testing.T) {
	// material(65) starts with 'A' 'B' 'C'..., easy to spot in any form.
	k := newKey(t, "k1", 65)
	r := newKeyring(t, k, newKey(t, "k2", 65+32))
	var textLog, jsonLog bytes.Buffer
	slog.New(slog.NewTextHandler(&textLog, nil)).Info("loaded", "key", k, "keyValue", *k, "ring", r)
	slog.New(slog.NewJSONHandler(&jsonLog, nil)).Info("loaded", "key", k, "keyValue", *k, "ring", r)

	outputs := map[string]string{
		"text log": textLog.String(),
		"JSON log": jsonLog.String(),
	}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%T %p"} {
		outputs["key pointer with "+verb] = fmt.Sprintf(verb, k)
		outputs["key value with "+verb] = fmt.Sprintf(verb, *k)
		outputs["keyring pointer with "+verb] = fmt.Sprintf(verb, r)
		outputs["keyring value with "+verb] = fmt.Sprintf(verb, *r)
		outputs["struct holding a key with "+verb] = fmt.Sprintf(verb, struct{ K xmlenc.Key }{*k})
		outputs["slice of keys with "+verb] = fmt.Sprintf(verb, []*xmlenc.Key{k})
	}
	for what, out := range outputs {
		for _, form := range append(materialForms(material(65)), materialForms(material(65+32))...) {
			if strings.Contains(out, form) {
				t.Errorf("%s shows key material as %q: %s", what, form, out)
			}
		}
	}
	if got, want := k.String(), `xmlenc.Key{Name:"k1", material:REDACTED}`; got != want {
		t.Errorf("Key.String() = %s, want %s", got, want)
	}
	if got, want := fmt.Sprintf("%#v", *k), `xmlenc.Key{Name:"k1", material:REDACTED}`; got != want {
		t.Errorf("%%#v of a Key value = %s, want %s", got, want)
	}
	if got, want := fmt.Sprintf("%v", r), `xmlenc.Keyring{Keys:["k1" "k2"]}`; got != want {
		t.Errorf("%%v of a Keyring = %s, want %s", got, want)
	}
	if !strings.Contains(textLog.String(), "key.name=k1") {
		t.Errorf("text log does not name the key: %s", textLog.String())
	}
}
