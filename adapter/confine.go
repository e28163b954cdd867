package adapter

import (
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
)

// confineTo checks that path, with every symbolic link resolved, lies
// inside one of dirs (themselves resolved). A path outside gets the same
// answer whether it exists or not, so a caller learns nothing about the
// file system from it.
func confineTo(dirs []string, element, path string) error {
	outside := Errorf(CodeInvalidRequest, "<%s>: %s is outside the folders allowed for identity files (allowed-identity-dir)", element, path)
	resolved, err := resolvePath(path)
	if err != nil {
		return outside
	}
	for _, dir := range dirs {
		root, err := resolvePath(dir)
		if err != nil {
			continue
		}
		if resolved == root || strings.HasPrefix(resolved, root+string(filepath.Separator)) {
			return nil
		}
	}
	return outside
}

// resolvePath makes path absolute and resolves its symbolic links; for a
// path that does not exist, the links of its deepest existing ancestor are
// resolved and the rest is joined on, cleaned.
func resolvePath(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	rest := ""
	for dir := abs; ; {
		resolved, err := filepath.EvalSymlinks(dir)
		if err == nil {
			return filepath.Join(resolved, rest), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", err
		}
		rest = filepath.Join(filepath.Base(dir), rest)
		dir = parent
	}
}
