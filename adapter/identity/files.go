package identity

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// MaxFileBytes caps the size of an identity file.
const MaxFileBytes = 1 << 20

// readFile reads an identity file, never quoting it in errors.
func readFile(element, path string) ([]byte, error) {
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, &Error{Element: element, Problem: fmt.Sprintf("%s does not exist", path)}
	case errors.Is(err, fs.ErrPermission):
		return nil, &Error{Element: element, Problem: fmt.Sprintf("%s cannot be read: permission denied", path)}
	case err != nil:
		return nil, &Error{Element: element, Problem: fmt.Sprintf("%s cannot be read: %v", path, errors.Unwrap(err))}
	case !info.Mode().IsRegular():
		return nil, &Error{Element: element, Problem: fmt.Sprintf("%s is not a regular file", path)}
	case info.Size() > MaxFileBytes:
		return nil, &Error{Element: element, Problem: fmt.Sprintf("%s is larger than %d bytes", path, MaxFileBytes)}
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrPermission) {
		return nil, &Error{Element: element, Problem: fmt.Sprintf("%s cannot be read: permission denied", path)}
	}
	if err != nil {
		return nil, &Error{Element: element, Problem: fmt.Sprintf("%s cannot be read: %v", path, errors.Unwrap(err))}
	}
	return data, nil
}
