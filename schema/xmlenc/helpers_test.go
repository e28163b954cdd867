package xmlenc_test

import (
	"crypto/aes"
	"crypto/cipher"
	"strings"
	"testing"

	"github.com/pamadapter/pamadapter/schema/xmlenc"
)

// material returns 32 bytes of key material derived from seed, distinct for
// distinct seeds.
func material(seed byte) []byte {
	m := make([]byte, xmlenc.KeySize)
	for i := range m {
		m[i] = seed + byte(i)
	}
	return m
}

// newKey returns a key named name with material(seed).
func newKey(t testing.TB, name string, seed byte) *xmlenc.Key {
	t.Helper()
	k, err := xmlenc.NewKey(name, material(seed))
	if err != nil {
		t.Fatalf("NewKey(%q): %v", name, err)
	}
	return k
}

// newKeyring returns a keyring holding keys.
func newKeyring(t testing.TB, keys ...*xmlenc.Key) *xmlenc.Keyring {
	t.Helper()
	r, err := xmlenc.NewKeyring(keys...)
	if err != nil {
		t.Fatalf("NewKeyring: %v", err)
	}
	return r
}

// fixedIV is the IV that WithRand(fixedIVReader()) gives the next Encrypt.
const fixedIV = "0123456789ab"

// fixedIVReader returns a reader that yields fixedIV once.
func fixedIVReader() *strings.Reader {
	return strings.NewReader(fixedIV)
}

// sealContent encrypts content, taken as the raw plaintext (already XML
// character content), with material(seed), as another producer might, and
// returns the EncryptedData naming keyName.
func sealContent(t testing.TB, keyName string, seed byte, content string) *xmlenc.EncryptedData {
	t.Helper()
	block, err := aes.NewCipher(material(seed))
	if err != nil {
		t.Fatal(err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		t.Fatal(err)
	}
	iv := []byte(fixedIV)
	return &xmlenc.EncryptedData{
		Algorithm:   xmlenc.AlgorithmAES256GCM,
		KeyName:     keyName,
		CipherValue: aead.Seal(iv, iv, []byte(content), nil),
	}
}

// trickySecrets are secrets whose XML form needs care, by description.
var trickySecrets = []struct {
	name, secret string
}{
	{"the empty secret", ""},
	{"a plain password", "correct horse battery staple"},
	{"the characters XML escapes", `&<>"'`},
	{"entity references taken literally", "&amp;&lt;&#65;&#x41;"},
	{"a CDATA end marker", "]]>"},
	{"a CDATA section taken literally", "<![CDATA[x]]>"},
	{"markup taken literally", "<b>bold</b><!-- c --><?pi x?>"},
	{"accented letters, symbols and emoji", "é€😀 日本語"},
	{"U+FFFD and C1 controls", "\uFFFD\u0085\u009f"},
	{"newlines", "line1\nline2\n"},
	{"a lone carriage return", "a\rb"},
	{"CR LF line ends", "a\r\nb\r\n"},
	{"CR at the ends", "\ra\r"},
	{"tabs and spaces at the ends", "\t a b \t"},
	{"only whitespace", " \t\n"},
	{"a 64 KiB secret", strings.Repeat("p&<>\r\n€😀abc", 65536/16)}, // 16 bytes × 4096
}
