package testpki

import (
	"errors"
	"os"
)

// fileMode keeps key and certificate files readable by their owner only.
const fileMode = 0o600

// WriteFile writes data to path with mode 0600, creating or truncating the
// file. An existing file's mode is narrowed to 0600 too.
func WriteFile(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, fileMode)
	if err != nil {
		return err
	}
	err = f.Chmod(fileMode)
	if err == nil {
		_, err = f.Write(data)
	}
	return errors.Join(err, f.Close())
}
