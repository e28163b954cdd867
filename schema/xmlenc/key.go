package xmlenc

import (
	"crypto/aes"
	"crypto/cipher"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"unicode"
	"unicode/utf8"
)

// Key is a named AES-256 key. Make one with [NewKey] or [LoadKeyFile].
//
// A Key never shows its material: String, GoString, Format (every verb) and
// LogValue print only its name, as in
//
//	xmlenc.Key{Name:"k1", material:REDACTED}
//
// These methods have value receivers so that printing a Key value, not only
// a *Key, is redacted too.
type Key struct {
	name string
	aead cipher.AEAD // AES-256-GCM; it holds the material
}

// Compile-time checks that a Key value redacts itself wherever it is printed.
var (
	_ fmt.Stringer   = Key{}
	_ fmt.GoStringer = Key{}
	_ fmt.Formatter  = Key{}
	_ slog.LogValuer = Key{}
)

// NewKey returns a key named name with a copy of material, which must be
// KeySize (32) bytes. The name goes into KeyInfo/KeyName: it must be
// non-empty valid UTF-8 of printable characters and must not begin or end
// with whitespace. The caller may clear material afterwards.
func NewKey(name string, material []byte) (*Key, error) {
	if err := validateKeyName(name); err != nil {
		return nil, err
	}
	if len(material) != KeySize {
		return nil, fmt.Errorf("key %q is %d bytes; an AES-256 key is %d bytes", name, len(material), KeySize)
	}
	block, err := aes.NewCipher(material) // copies material
	if err != nil {
		return nil, fmt.Errorf("key %q: %w", name, err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("key %q: %w", name, err)
	}
	return &Key{name: name, aead: aead}, nil
}

// validateKeyName returns an error if name cannot name a key.
func validateKeyName(name string) error {
	if name == "" {
		return errors.New("key name is empty")
	}
	if !utf8.ValidString(name) {
		return fmt.Errorf("key name %q is not valid UTF-8", name)
	}
	first, _ := utf8.DecodeRuneInString(name)
	last, _ := utf8.DecodeLastRuneInString(name)
	if unicode.IsSpace(first) || unicode.IsSpace(last) {
		return fmt.Errorf("key name %q begins or ends with whitespace", name)
	}
	for _, r := range name {
		if !unicode.IsGraphic(r) || !isXMLChar(r) {
			return fmt.Errorf("key name %q holds a control or unprintable character", name)
		}
	}
	return nil
}

// Name returns the key's name, as written in KeyInfo/KeyName.
func (k *Key) Name() string {
	return k.name
}

// String returns the key's name in a redacted Go-like form.
func (k Key) String() string {
	return fmt.Sprintf("xmlenc.Key{Name:%q, material:REDACTED}", k.name)
}

// GoString returns the same as String.
func (k Key) GoString() string {
	return k.String()
}

// Format writes the same as String for every verb and flag, so that no
// formatting directive can print the material.
func (k Key) Format(f fmt.State, _ rune) {
	_, _ = io.WriteString(f, k.String())
}

// LogValue gives log/slog the key's name only.
func (k Key) LogValue() slog.Value {
	return slog.GroupValue(slog.String("name", k.name), slog.String("material", "REDACTED"))
}
