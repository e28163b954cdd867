package xmlenc

import (
	cryptorand "crypto/rand"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Keyring holds the keys that encrypt and decrypt EncryptedData: the first
// key encrypts, and any key decrypts, chosen by KeyInfo/KeyName. To rotate,
// put the new key first and keep the old ones after it until nothing
// encrypted with them remains.
//
// A Keyring is safe for concurrent use as long as Rand is. It prints only
// its key names.
type Keyring struct {
	keys []*Key

	// Rand is the source of IVs; nil means crypto/rand.Reader. Set it only
	// before the Keyring is shared, or use WithRand.
	Rand io.Reader
}

// NewKeyring returns a keyring holding keys, in order. It needs at least one
// key, and refuses nil keys and duplicate names.
func NewKeyring(keys ...*Key) (*Keyring, error) {
	if len(keys) == 0 {
		return nil, errors.New("keyring needs at least one key")
	}
	seen := make(map[string]bool, len(keys))
	for i, k := range keys {
		if k == nil || k.aead == nil {
			return nil, fmt.Errorf("keyring key %d was not made by NewKey or LoadKeyFile", i)
		}
		if seen[k.name] {
			return nil, fmt.Errorf("keyring holds two keys named %q", k.name)
		}
		seen[k.name] = true
	}
	return &Keyring{keys: append([]*Key(nil), keys...)}, nil
}

// WithRand returns a copy of r that reads IVs from rand (crypto/rand.Reader
// if nil). Tests use it to make deterministic output; in production the
// default is the only safe choice, as repeating an IV under one key breaks
// AES-GCM.
func (r *Keyring) WithRand(rand io.Reader) *Keyring {
	c := *r
	c.Rand = rand
	return &c
}

// EncryptionKeyName returns the name of the key that encrypts, or "" for an
// empty Keyring.
func (r *Keyring) EncryptionKeyName() string {
	if len(r.keys) == 0 {
		return ""
	}
	return r.keys[0].name
}

// ivSource returns the source of IVs.
func (r *Keyring) ivSource() io.Reader {
	if r.Rand == nil {
		return cryptorand.Reader
	}
	return r.Rand
}

// keyFor returns the key that decrypts ed, or a *DecryptError wrapping
// ErrUnknownKey.
func (r *Keyring) keyFor(ed *EncryptedData) (*Key, error) {
	if len(r.keys) == 0 {
		return nil, &DecryptError{KeyName: ed.KeyName, Problem: "keyring has no keys", Err: ErrUnknownKey}
	}
	if ed.KeyName == "" {
		if len(r.keys) == 1 {
			return r.keys[0], nil
		}
		return nil, &DecryptError{
			Problem: fmt.Sprintf("it names no key (no KeyInfo/KeyName) and %d keys are configured (%s)",
				len(r.keys), r.names()),
			Err: ErrUnknownKey,
		}
	}
	for _, k := range r.keys {
		if k.name == ed.KeyName {
			return k, nil
		}
	}
	return nil, &DecryptError{
		KeyName: ed.KeyName,
		Problem: fmt.Sprintf("no key named %q is configured (configured: %s)", ed.KeyName, r.names()),
		Err:     ErrUnknownKey,
	}
}

// names returns the key names, comma-separated.
func (r *Keyring) names() string {
	names := make([]string, len(r.keys))
	for i, k := range r.keys {
		names[i] = k.name
	}
	return strings.Join(names, ", ")
}

// String lists the key names, as in xmlenc.Keyring{Keys:["new" "old"]}.
func (r Keyring) String() string {
	names := make([]string, len(r.keys))
	for i, k := range r.keys {
		names[i] = k.name
	}
	return fmt.Sprintf("xmlenc.Keyring{Keys:%q}", names)
}

// GoString returns the same as String.
func (r Keyring) GoString() string {
	return r.String()
}

// Format writes the same as String for every verb and flag.
func (r Keyring) Format(f fmt.State, _ rune) {
	_, _ = io.WriteString(f, r.String())
}
