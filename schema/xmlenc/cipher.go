package xmlenc

import (
	"errors"
	"fmt"
	"io"
)

// Encrypt returns an EncryptedData holding secret, encrypted with the first
// key under a fresh random IV. It fails with a *SecretError if XML cannot
// carry secret (see the package documentation).
func (r *Keyring) Encrypt(secret string) (*EncryptedData, error) {
	if len(r.keys) == 0 {
		return nil, errors.New("cannot encrypt secret: keyring has no keys")
	}
	key := r.keys[0]
	n, err := contentLen(secret)
	if err != nil {
		return nil, err
	}
	// One buffer holds IV || content, and GCM seals the content in place,
	// so the plaintext exists nowhere else.
	out := make([]byte, ivSize, ivSize+n+tagSize)
	if _, err := io.ReadFull(r.ivSource(), out); err != nil {
		return nil, fmt.Errorf("cannot encrypt secret: reading random IV: %w", err)
	}
	content := appendContent(out, secret)[ivSize:]
	out = key.aead.Seal(out, out, content, nil)
	return &EncryptedData{Algorithm: AlgorithmAES256GCM, KeyName: key.name, CipherValue: out}, nil
}

// Decrypt returns the secret held by ed, decrypted with the key ed names
// (or the only key, if ed names none). Its errors are *DecryptError and
// never hold plaintext.
func (r *Keyring) Decrypt(ed *EncryptedData) (string, error) {
	if ed == nil {
		err := &FormatError{Problem: "is nil"}
		return "", &DecryptError{Problem: "EncryptedData is nil", Err: err}
	}
	if err := ed.validate(); err != nil {
		return "", &DecryptError{KeyName: ed.KeyName, Problem: err.Problem, Err: err}
	}
	key, err := r.keyFor(ed)
	if err != nil {
		return "", err
	}
	iv, sealed := ed.CipherValue[:ivSize], ed.CipherValue[ivSize:]
	content, err := key.aead.Open(nil, iv, sealed, nil)
	if err != nil {
		// GCM's error says nothing more; neither do we.
		return "", &DecryptError{KeyName: key.name, Problem: ErrAuthentication.Error(), Err: ErrAuthentication}
	}
	defer clear(content)
	secret, err := parseContent(content)
	if err != nil {
		return "", &DecryptError{
			KeyName: key.name,
			Problem: ErrNotCharacterData.Error() + ": it " + err.Error(),
			Err:     ErrNotCharacterData,
		}
	}
	return secret, nil
}
