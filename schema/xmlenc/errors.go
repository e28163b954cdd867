package xmlenc

import (
	"errors"
	"fmt"
)

// Causes a [*DecryptError] wraps, for errors.Is. A DecryptError whose input
// was structurally invalid wraps a [*FormatError] instead.
var (
	// ErrUnknownKey means that no configured key matches the EncryptedData:
	// it names a key the keyring does not hold, or it names no key and the
	// keyring holds more than one.
	ErrUnknownKey = errors.New("no configured key matches the EncryptedData")

	// ErrAuthentication means that AES-GCM authentication failed: the key
	// is wrong or the CipherValue was altered. Nothing more is known.
	ErrAuthentication = errors.New("authentication failed (wrong key or altered data)")

	// ErrNotCharacterData means that the decrypted content is not XML
	// character data: it holds markup such as an element, is not well-formed
	// or holds a character XML 1.0 forbids.
	ErrNotCharacterData = errors.New("decrypted content is not XML character data")
)

// FormatError reports an EncryptedData element that does not have the
// expected form. Its Problem names elements, attributes and sizes, never
// content that could be plaintext.
type FormatError struct {
	// Problem says what is wrong.
	Problem string
}

// Error returns "EncryptedData: " followed by the problem.
func (e *FormatError) Error() string {
	return "EncryptedData: " + e.Problem
}

// formatErrorf returns a *FormatError whose problem is formatted from format
// and args.
func formatErrorf(format string, args ...any) *FormatError {
	return &FormatError{Problem: fmt.Sprintf(format, args...)}
}

// DecryptError reports why [Keyring.Decrypt] could not decrypt an
// EncryptedData. It never holds plaintext.
type DecryptError struct {
	// KeyName is the key the EncryptedData names or, if it names none, the
	// keyring's only key used in its place. It is empty when the
	// EncryptedData names no key and no key was used.
	KeyName string

	// Problem says what went wrong.
	Problem string

	// Err is the cause: ErrUnknownKey, ErrAuthentication,
	// ErrNotCharacterData or a *FormatError.
	Err error
}

// Error describes the failure, naming the key when one was tried.
func (e *DecryptError) Error() string {
	if e.KeyName == "" || errors.Is(e.Err, ErrUnknownKey) {
		return "cannot decrypt EncryptedData: " + e.Problem
	}
	return fmt.Sprintf("cannot decrypt EncryptedData with key %q: %s", e.KeyName, e.Problem)
}

// Unwrap returns the cause.
func (e *DecryptError) Unwrap() error {
	return e.Err
}

// KeyFileError reports a key file that cannot be loaded or generated. It
// never holds the file's contents.
type KeyFileError struct {
	// Path is the key file's path as given.
	Path string

	// Problem says what is wrong and, where it can, how to fix it.
	Problem string

	// Err is the underlying error, if any, such as one matching
	// fs.ErrNotExist or fs.ErrExist.
	Err error
}

// Error returns "key file <path>: <problem>".
func (e *KeyFileError) Error() string {
	return "key file " + e.Path + ": " + e.Problem
}

// Unwrap returns the underlying error, if any.
func (e *KeyFileError) Unwrap() error {
	return e.Err
}

// SecretError reports a secret that cannot be encrypted because XML cannot
// carry it. It gives the position of the offending character, never the
// character or its neighbours.
type SecretError struct {
	// Index is the 0-based index of the offending character (rune) in the
	// secret.
	Index int

	// Offset is the 0-based byte offset of the offending character.
	Offset int

	// Problem says what is wrong with the character.
	Problem string
}

// Error describes the problem and where it is.
func (e *SecretError) Error() string {
	return fmt.Sprintf("cannot encrypt secret: character at index %d (byte offset %d) %s",
		e.Index, e.Offset, e.Problem)
}
