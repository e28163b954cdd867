package xmlenc_test

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/pamadapter/pamadapter/schema/xmlenc"
)

func TestNewKeyringRefusesBadKeySets(t *testing.T) {
	k1 := newKey(t, "k1", 1)
	tests := []struct {
		name string
		keys []*xmlenc.Key
		want string
	}{
		{"no keys", nil, "keyring needs at least one key"},
		{"a nil key", []*xmlenc.Key{k1, nil}, "keyring key 1 was not made by NewKey or LoadKeyFile"},
		{"a zero Key", []*xmlenc.Key{{}}, "keyring key 0 was not made by NewKey or LoadKeyFile"},
		{"two keys with one name", []*xmlenc.Key{k1, newKey(t, "k1", 2)}, `keyring holds two keys named "k1"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := xmlenc.NewKeyring(tt.keys...)
			if err == nil {
				t.Fatalf("NewKeyring = %v, want an error", r)
			}
			if err.Error() != tt.want {
				t.Errorf("error = %q, want %q", err, tt.want)
			}
		})
	}
}

func TestNewKeyringKeepsItsOwnCopyOfTheKeyList(t *testing.T) {
	keys := []*xmlenc.Key{newKey(t, "new", 1), newKey(t, "old", 2)}
	r := newKeyring(t, keys...)
	keys[0] = newKey(t, "other", 3)
	if got := r.EncryptionKeyName(); got != "new" {
		t.Errorf("EncryptionKeyName = %q after the caller changed its slice, want %q", got, "new")
	}
}

func TestEveryTrickySecretSurvivesARoundTrip(t *testing.T) {
	r := newKeyring(t, newKey(t, "k1", 1))
	for _, tt := range trickySecrets {
		t.Run(tt.name, func(t *testing.T) {
			ed, err := r.Encrypt(tt.secret)
			if err != nil {
				t.Fatalf("Encrypt: %v", err)
			}
			// Through the XML text too, as the secret travels.
			parsed, err := xmlenc.ParseString(ed.String())
			if err != nil {
				t.Fatalf("ParseString(String()): %v", err)
			}
			got, err := r.Decrypt(parsed)
			if err != nil {
				t.Fatalf("Decrypt: %v", err)
			}
			if got != tt.secret {
				t.Errorf("round trip gave %q, want %q", abbreviate(got), abbreviate(tt.secret))
			}
		})
	}
}

// abbreviate shortens s for a failure message.
func abbreviate(s string) string {
	if len(s) > 80 {
		return s[:80] + "..."
	}
	return s
}

func TestEncryptMakesTheDocumentedFormWithAFreshIVEachTime(t *testing.T) {
	r := newKeyring(t, newKey(t, "k1", 1))
	a, err := r.Encrypt("same secret")
	if err != nil {
		t.Fatal(err)
	}
	b, err := r.Encrypt("same secret")
	if err != nil {
		t.Fatal(err)
	}
	if a.Algorithm != xmlenc.AlgorithmAES256GCM || a.KeyName != "k1" {
		t.Errorf("Encrypt gave Algorithm %q, KeyName %q; want %q, %q", a.Algorithm, a.KeyName, xmlenc.AlgorithmAES256GCM, "k1")
	}
	if want := 12 + len("same secret") + 16; len(a.CipherValue) != want {
		t.Errorf("CipherValue is %d bytes, want %d (IV, ciphertext, tag)", len(a.CipherValue), want)
	}
	if bytes.Equal(a.CipherValue[:12], b.CipherValue[:12]) {
		t.Errorf("two encryptions used the same IV %x", a.CipherValue[:12])
	}
}

func TestEncryptReadsTheIVFromWithRandAndLeavesTheOriginalAlone(t *testing.T) {
	r := newKeyring(t, newKey(t, "k1", 1))
	ed, err := r.WithRand(fixedIVReader()).Encrypt("x")
	if err != nil {
		t.Fatal(err)
	}
	if got := string(ed.CipherValue[:12]); got != fixedIV {
		t.Errorf("IV = %q, want %q from WithRand's reader", got, fixedIV)
	}
	if r.Rand != nil {
		t.Errorf("WithRand changed the original keyring's Rand")
	}
}

func TestEncryptReportsAFailingRandomSource(t *testing.T) {
	boom := errors.New("entropy exhausted")
	r := newKeyring(t, newKey(t, "k1", 1)).WithRand(iotest.ErrReader(boom))
	_, err := r.Encrypt("Sup3rSecret")
	if !errors.Is(err, boom) {
		t.Fatalf("Encrypt error = %v, want it to wrap %v", err, boom)
	}
	if strings.Contains(err.Error(), "Sup3rSecret") {
		t.Errorf("error %q holds the secret", err)
	}
	_, err = newKeyring(t, newKey(t, "k1", 1)).WithRand(strings.NewReader("short")).Encrypt("x")
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("Encrypt with 5 random bytes: error = %v, want io.ErrUnexpectedEOF", err)
	}
}

func TestEncryptRefusesSecretsXMLCannotCarryWithoutShowingThem(t *testing.T) {
	r := newKeyring(t, newKey(t, "k1", 1))
	tests := []struct {
		name   string
		secret string
		want   string
	}{
		{"a NUL byte", "Sup3r\x00Secret", "cannot encrypt secret: character at index 5 (byte offset 5) is not allowed in XML 1.0"},
		{"a bell after a euro sign", "€Sup3r\aSecret", "cannot encrypt secret: character at index 6 (byte offset 8) is not allowed in XML 1.0"},
		{"invalid UTF-8", "Sup3r\xc0Secret", "cannot encrypt secret: character at index 5 (byte offset 5) is not valid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ed, err := r.Encrypt(tt.secret)
			if err == nil {
				t.Fatalf("Encrypt = %v, want an error", ed)
			}
			var se *xmlenc.SecretError
			if !errors.As(err, &se) {
				t.Errorf("error %T is not a *SecretError", err)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error = %q, want it to start with %q", err, tt.want)
			}
			for _, part := range []string{"Sup3r", "Secret"} {
				if strings.Contains(err.Error(), part) {
					t.Errorf("error %q shows part of the secret", err)
				}
			}
		})
	}
}

func TestRotationEncryptsWithTheFirstKeyAndDecryptsWithAny(t *testing.T) {
	oldK, newK := newKey(t, "old", 1), newKey(t, "new", 2)
	before := newKeyring(t, oldK)
	after := newKeyring(t, newK, oldK)

	if got := after.EncryptionKeyName(); got != "new" {
		t.Errorf("EncryptionKeyName = %q, want %q", got, "new")
	}
	fresh, err := after.Encrypt("fresh")
	if err != nil {
		t.Fatal(err)
	}
	if fresh.KeyName != "new" {
		t.Errorf("ring [new, old] encrypted with %q, want %q", fresh.KeyName, "new")
	}
	stale, err := before.Encrypt("stale")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		ed   *xmlenc.EncryptedData
		want string
	}{
		{"a value from ring [old] decrypts with ring [new, old]", stale, "stale"},
		{"a value from ring [new, old] decrypts with ring [new, old]", fresh, "fresh"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := after.Decrypt(c.ed)
			if err != nil {
				t.Fatal(err)
			}
			if got != c.want {
				t.Errorf("Decrypt = %q, want %q", got, c.want)
			}
		})
	}
	t.Run("a value from ring [new, old] does not decrypt with ring [old]", func(t *testing.T) {
		_, err := before.Decrypt(fresh)
		if !errors.Is(err, xmlenc.ErrUnknownKey) {
			t.Fatalf("error = %v, want ErrUnknownKey", err)
		}
	})
}

func TestDecryptWithoutKeyNameUsesTheOnlyKey(t *testing.T) {
	ed := sealContent(t, "", 1, "a&amp;b")
	got, err := newKeyring(t, newKey(t, "only", 1)).Decrypt(ed)
	if err != nil {
		t.Fatal(err)
	}
	if got != "a&b" {
		t.Errorf("Decrypt = %q, want %q", got, "a&b")
	}
}

func TestDecryptAcceptsAnyXMLCharacterContent(t *testing.T) {
	ed := sealContent(t, "k1", 1, "a&amp;&#13;&#x1F600;<![CDATA[<b>&x;]]>\r\nz")
	got, err := newKeyring(t, newKey(t, "k1", 1)).Decrypt(ed)
	if err != nil {
		t.Fatal(err)
	}
	if want := "a&\r😀<b>&x;\nz"; got != want {
		t.Errorf("Decrypt = %q, want %q", got, want)
	}
}

func TestDecryptFailuresAreTypedAndShowNoPlaintext(t *testing.T) {
	ring := newKeyring(t, newKey(t, "k1", 1), newKey(t, "k2", 2))
	good, err := ring.Encrypt("Sup3rSecret")
	if err != nil {
		t.Fatal(err)
	}
	withCipherValue := func(mutate func([]byte) []byte) *xmlenc.EncryptedData {
		c := *good
		c.CipherValue = mutate(bytes.Clone(good.CipherValue))
		return &c
	}
	flip := func(i int) func([]byte) []byte {
		return func(b []byte) []byte {
			if i < 0 {
				i += len(b)
			}
			b[i] ^= 1
			return b
		}
	}
	var formatErr *xmlenc.FormatError
	tests := []struct {
		name    string
		ring    *xmlenc.Keyring
		ed      *xmlenc.EncryptedData
		wantErr any // a sentinel error, or a pointer to an error type for errors.As
		want    string
	}{
		{
			"an unknown key name is reported with the configured names", ring,
			&xmlenc.EncryptedData{KeyName: "x", CipherValue: good.CipherValue},
			xmlenc.ErrUnknownKey,
			`cannot decrypt EncryptedData: no key named "x" is configured (configured: k1, k2)`,
		},
		{
			"a missing key name with several keys is refused", ring,
			&xmlenc.EncryptedData{CipherValue: good.CipherValue},
			xmlenc.ErrUnknownKey,
			"cannot decrypt EncryptedData: it names no key (no KeyInfo/KeyName) and 2 keys are configured (k1, k2)",
		},
		{
			"an empty keyring decrypts nothing", &xmlenc.Keyring{}, good,
			xmlenc.ErrUnknownKey,
			"cannot decrypt EncryptedData: keyring has no keys",
		},
		{
			"a tampered IV fails authentication", ring, withCipherValue(flip(0)),
			xmlenc.ErrAuthentication,
			`cannot decrypt EncryptedData with key "k1": authentication failed (wrong key or altered data)`,
		},
		{
			"a tampered ciphertext fails authentication", ring, withCipherValue(flip(12)),
			xmlenc.ErrAuthentication,
			`cannot decrypt EncryptedData with key "k1": authentication failed (wrong key or altered data)`,
		},
		{
			"a tampered tag fails authentication", ring, withCipherValue(flip(-1)),
			xmlenc.ErrAuthentication,
			`cannot decrypt EncryptedData with key "k1": authentication failed (wrong key or altered data)`,
		},
		{
			"a truncated CipherValue fails authentication", ring,
			withCipherValue(func(b []byte) []byte { return b[:len(b)-1] }),
			xmlenc.ErrAuthentication,
			`cannot decrypt EncryptedData with key "k1": authentication failed (wrong key or altered data)`,
		},
		{
			"a wrong key of the right name fails authentication", newKeyring(t, newKey(t, "k1", 9)), good,
			xmlenc.ErrAuthentication,
			`cannot decrypt EncryptedData with key "k1": authentication failed (wrong key or altered data)`,
		},
		{
			"a CipherValue too short for IV and tag is refused cleanly", ring,
			withCipherValue(func(b []byte) []byte { return b[:27] }),
			&formatErr,
			`cannot decrypt EncryptedData with key "k1": CipherValue is 27 bytes; AES-GCM needs at least 28 (a 12-byte IV and a 16-byte tag)`,
		},
		{
			"an empty CipherValue is refused cleanly", ring,
			withCipherValue(func([]byte) []byte { return nil }),
			&formatErr,
			`cannot decrypt EncryptedData with key "k1": CipherValue is 0 bytes; AES-GCM needs at least 28 (a 12-byte IV and a 16-byte tag)`,
		},
		{
			"another algorithm is refused by name", ring,
			&xmlenc.EncryptedData{Algorithm: "http://www.w3.org/2001/04/xmlenc#aes256-cbc", KeyName: "k1", CipherValue: good.CipherValue},
			&formatErr,
			`cannot decrypt EncryptedData with key "k1": unsupported EncryptionMethod Algorithm "http://www.w3.org/2001/04/xmlenc#aes256-cbc"; only http://www.w3.org/2009/xmlenc11#aes256-gcm is supported`,
		},
		{
			"a nil EncryptedData is refused", ring, nil,
			&formatErr,
			"cannot decrypt EncryptedData: EncryptedData is nil",
		},
		{
			"content holding an element is refused", newKeyring(t, newKey(t, "k1", 1)),
			sealContent(t, "k1", 1, "Sup3r<b>Secret</b>"),
			xmlenc.ErrNotCharacterData,
			`cannot decrypt EncryptedData with key "k1": decrypted content is not XML character data: it holds an element at byte offset 5`,
		},
		{
			"content holding an undeclared entity is refused", newKeyring(t, newKey(t, "k1", 1)),
			sealContent(t, "k1", 1, "Sup3r&Secret;"),
			xmlenc.ErrNotCharacterData,
			`cannot decrypt EncryptedData with key "k1": decrypted content is not XML character data: it holds a reference to an undeclared entity at byte offset 5`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.ring.Decrypt(tt.ed)
			if err == nil {
				t.Fatalf("Decrypt = %q, want an error", got)
			}
			var de *xmlenc.DecryptError
			if !errors.As(err, &de) {
				t.Errorf("error %T is not a *DecryptError", err)
			}
			switch want := tt.wantErr.(type) {
			case error:
				if !errors.Is(err, want) {
					t.Errorf("error %v does not wrap %v", err, want)
				}
			default:
				if !errors.As(err, want) {
					t.Errorf("error %v does not wrap a %T", err, want)
				}
			}
			if err.Error() != tt.want {
				t.Errorf("error =\n%s\nwant\n%s", err, tt.want)
			}
			for _, part := range []string{"Sup3r", "Secret"} {
				if strings.Contains(err.Error(), part) {
					t.Errorf("error %q shows part of the plaintext", err)
				}
			}
		})
	}
}

func TestAZeroKeyringEncryptsNothing(t *testing.T) {
	var r xmlenc.Keyring
	if _, err := r.Encrypt("x"); err == nil {
		t.Error("Encrypt with a zero Keyring succeeded")
	}
	if got := r.EncryptionKeyName(); got != "" {
		t.Errorf("EncryptionKeyName = %q, want empty", got)
	}
}

func TestAKeyringIsSafeForConcurrentUse(t *testing.T) {
	r := newKeyring(t, newKey(t, "k1", 1))
	done := make(chan error)
	for i := range 8 {
		go func() {
			secret := strings.Repeat("s", i)
			ed, err := r.Encrypt(secret)
			if err == nil {
				var got string
				got, err = r.Decrypt(ed)
				if err == nil && got != secret {
					err = errors.New("round trip changed the secret")
				}
			}
			done <- err
		}()
	}
	for range 8 {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}
