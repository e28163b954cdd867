package xmlenc

import (
	"bytes"
	cryptorand "crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime"
)

// maxKeyFileSize bounds what LoadKeyFile reads; a key file is 32 raw bytes or
// about 44 characters of base64.
const maxKeyFileSize = 4096

// LoadKeyFile returns the key named name whose material is in the file at
// path: either exactly 32 raw bytes, or the standard base64 text of 32 bytes
// (with padding; surrounding whitespace is allowed).
//
// It refuses, with a *KeyFileError, a file that is missing, is not a regular
// file, may be read or written by its group or others (mode&0o077 != 0; fix
// with chmod 600), or holds anything else. The mode check is skipped on
// Windows, whose file modes do not express it. Errors never hold the file's
// contents.
func LoadKeyFile(name, path string) (*Key, error) {
	if err := validateKeyName(name); err != nil {
		return nil, err
	}
	data, err := readKeyFile(path)
	if err != nil {
		return nil, err
	}
	defer clear(data)
	material, err := decodeKeyMaterial(path, data)
	if err != nil {
		return nil, err
	}
	defer clear(material)
	return NewKey(name, material)
}

// readKeyFile returns the contents of the key file at path after checking
// its type and mode. The caller must clear them.
func readKeyFile(path string) ([]byte, error) {
	// Check before opening, so as not to block opening a FIFO, and again on
	// the open file, in case path changed in between.
	info, err := os.Stat(path)
	if err != nil {
		return nil, keyFileOSError(path, err)
	}
	if err := checkKeyFileInfo(path, info); err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, keyFileOSError(path, err)
	}
	defer f.Close()
	if info, err = f.Stat(); err != nil {
		return nil, keyFileOSError(path, err)
	}
	if err := checkKeyFileInfo(path, info); err != nil {
		return nil, err
	}
	// One read into a buffer bigger than any key file leaves no copies of
	// the material behind, as growing a buffer would.
	buf := make([]byte, maxKeyFileSize+1)
	n, err := io.ReadFull(f, buf)
	switch {
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return buf[:n], nil // the whole file, smaller than the buffer
	case err != nil:
		clear(buf)
		return nil, keyFileOSError(path, err)
	default:
		clear(buf)
		return nil, &KeyFileError{Path: path, Problem: fmt.Sprintf("is larger than %d bytes, so it is not a key file", maxKeyFileSize)}
	}
}

// checkKeyFileInfo refuses a key file that is not a regular file or whose
// mode lets its group or others read or write it.
func checkKeyFileInfo(path string, info fs.FileInfo) error {
	mode := info.Mode()
	if !mode.IsRegular() {
		return &KeyFileError{Path: path, Problem: fmt.Sprintf("is not a regular file (its mode is %s)", mode)}
	}
	if runtime.GOOS != "windows" && mode.Perm()&0o077 != 0 {
		return &KeyFileError{Path: path, Problem: fmt.Sprintf(
			"has mode %04o, so its group or others may read or write it; make it private to its owner with: chmod 600 %s",
			uint32(mode.Perm()), path)}
	}
	return nil
}

// keyFileOSError wraps an error from the file system about the key file at
// path.
func keyFileOSError(path string, err error) error {
	problem := err.Error()
	var pathErr *fs.PathError
	if errors.As(err, &pathErr) {
		problem = pathErr.Err.Error() // the path is already in the message
	}
	if errors.Is(err, fs.ErrNotExist) {
		problem = "does not exist"
	}
	return &KeyFileError{Path: path, Problem: problem, Err: err}
}

// decodeKeyMaterial returns the key material held by data: 32 raw bytes, or
// base64 text of 32 bytes. The caller must clear it.
func decodeKeyMaterial(path string, data []byte) ([]byte, error) {
	if len(data) == KeySize {
		return bytes.Clone(data), nil
	}
	text := bytes.TrimSpace(data)
	if len(text) == 0 {
		return nil, &KeyFileError{Path: path, Problem: fmt.Sprintf(
			"is empty; it must hold %d raw bytes or their standard base64 text", KeySize)}
	}
	material := make([]byte, base64.StdEncoding.DecodedLen(len(text)))
	n, err := base64.StdEncoding.Decode(material, text)
	if err != nil {
		clear(material)
		return nil, &KeyFileError{Path: path, Problem: fmt.Sprintf(
			"holds %d bytes that are neither a %d-byte raw key nor standard base64 text", len(data), KeySize)}
	}
	if n != KeySize {
		clear(material)
		return nil, &KeyFileError{Path: path, Problem: fmt.Sprintf(
			"holds base64 text of %d bytes; a key is %d bytes", n, KeySize)}
	}
	return material[:n], nil
}

// GenerateKeyFile writes a new key, 32 bytes from rand (crypto/rand.Reader
// if nil), to a new file at path as raw bytes with mode 0600. It refuses to
// overwrite an existing file. Errors are *KeyFileError.
func GenerateKeyFile(path string, rand io.Reader) error {
	if rand == nil {
		rand = cryptorand.Reader
	}
	material := make([]byte, KeySize)
	defer clear(material)
	if _, err := io.ReadFull(rand, material); err != nil {
		return &KeyFileError{Path: path, Problem: "cannot read random bytes: " + err.Error(), Err: err}
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return &KeyFileError{Path: path, Problem: "already exists; refusing to overwrite it", Err: err}
	}
	if err != nil {
		return keyFileOSError(path, err)
	}
	_, err = f.Write(material)
	if err == nil {
		err = f.Sync()
	}
	if closeErr := f.Close(); err == nil {
		err = closeErr
	}
	if err != nil {
		_ = os.Remove(path) // do not leave a partial key behind
		return keyFileOSError(path, err)
	}
	return nil
}
