package schema_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/pamadapter/pamadapter/schema/xmlenc"
)

// testKeyName names the key of newRing.
const testKeyName = "test-key"

// newRing returns a keyring holding one fixed key named testKeyName.
func newRing(t testing.TB) *xmlenc.Keyring {
	t.Helper()
	key, err := xmlenc.NewKey(testKeyName, bytes.Repeat([]byte{7}, xmlenc.KeySize))
	if err != nil {
		t.Fatalf("NewKey: %v", err)
	}
	ring, err := xmlenc.NewKeyring(key)
	if err != nil {
		t.Fatalf("NewKeyring: %v", err)
	}
	return ring
}

// encrypt returns secret sealed with ring.
func encrypt(t testing.TB, ring *xmlenc.Keyring, secret string) *xmlenc.EncryptedData {
	t.Helper()
	ed, err := ring.Encrypt(secret)
	if err != nil {
		t.Fatalf("Encrypt: %v", err)
	}
	return ed
}

// decrypt parses the XML text of an <EncryptedData> and decrypts it with
// ring.
func decrypt(t testing.TB, ring *xmlenc.Keyring, xmlText string) string {
	t.Helper()
	ed, err := xmlenc.ParseString(xmlText)
	if err != nil {
		t.Fatalf("xmlenc.ParseString(%q): %v", xmlText, err)
	}
	plain, err := ring.Decrypt(ed)
	if err != nil {
		t.Fatalf("Decrypt: %v", err)
	}
	return plain
}

// wantError fails t unless err is not nil and its text holds every one of
// wants.
func wantError(t testing.TB, err error, wants ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want one saying %q", wants)
	}
	for _, w := range wants {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q does not say %q", err, w)
		}
	}
}
