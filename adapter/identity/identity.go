// Package identity loads the client identity a provider presents to its
// vault (contract section 3): a certificate and its private key.
//
// Every provider uses this package, so its elements, its precedence rules
// and its error texts are the same everywhere.
package identity

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/pamadapter/pamadapter/schema"
)

// The identity elements (contract section 3).
const (
	ElementCertificateFile  = "certificate-file"
	ElementPrivateKeyFile   = "private-key-file"
	ElementKeystoreFile     = "keystore-file"
	ElementKeystorePassword = "keystore-password"
	ElementKeyPassword      = "key-password"
	ElementKeystoreAlias    = "keystore-alias"
)

// Elements are the identity elements, for a provider's request and
// configuration specs.
var Elements = []schema.Element{
	{Name: ElementCertificateFile, Kind: schema.KindPath},
	{Name: ElementPrivateKeyFile, Kind: schema.KindPath},
	{Name: ElementKeystoreFile, Kind: schema.KindPath},
	{Name: ElementKeystorePassword, Secret: true},
	{Name: ElementKeyPassword, Secret: true},
	{Name: ElementKeystoreAlias},
}

// MaxFileBytes caps the size of an identity file.
const MaxFileBytes = 1 << 20

// Source names where an identity is read from.
type Source struct {
	CertificateFile, PrivateKeyFile string
	KeystoreFile, KeystoreAlias     string
	// KeystorePassword and KeyPassword are the revealed secrets.
	KeystorePassword, KeyPassword string
}

// Given reports whether v names an identity file.
func Given(v *schema.Values) bool {
	return v.Has(ElementCertificateFile) || v.Has(ElementPrivateKeyFile) || v.Has(ElementKeystoreFile)
}

// Selection is where each identity element is read from.
type Selection struct {
	files, request, config *schema.Values
}

// Choose decides where the identity comes from. The files come all from the
// request when it names any identity file, all from the configuration
// otherwise: a certificate is never paired with a key from elsewhere. The
// passwords and the alias are taken from the request when it gives them, so
// a workflow can pass a keystore password for a keystore the configuration
// names.
func Choose(request, config *schema.Values) Selection {
	files := config
	if Given(request) {
		files = request
	}
	return Selection{files: files, request: request, config: config}
}

// Text returns a file or alias element's value.
func (s Selection) Text(name string) string {
	switch name {
	case ElementCertificateFile, ElementPrivateKeyFile, ElementKeystoreFile:
		return s.files.Text(name)
	}
	if s.request.Has(name) {
		return s.request.Text(name)
	}
	return s.config.Text(name)
}

// Secret returns a password element's value, the request's first.
func (s Selection) Secret(name string) schema.Secret {
	if s.request.Has(name) {
		return s.request.Secret(name)
	}
	return s.config.Secret(name)
}

// Error is an identity that cannot be loaded. Element names the element to
// fix. Its text never holds a password or a file's contents.
type Error struct {
	Element string
	Problem string
}

// Error implements error.
func (e *Error) Error() string { return e.Element + ": " + e.Problem }

// Load reads the identity src names. keystore-file wins over
// certificate-file and private-key-file.
func Load(src Source) (*tls.Certificate, error) {
	switch {
	case src.KeystoreFile != "":
		return nil, &Error{Element: ElementKeystoreFile, Problem: "JKS and PKCS#12 keystores are not supported by this version of pamadapter yet; use certificate-file and private-key-file (PEM)"}
	case src.CertificateFile == "" && src.PrivateKeyFile == "":
		return nil, &Error{Element: ElementCertificateFile, Problem: "no client identity is configured; give certificate-file and private-key-file in the request or the configuration"}
	case src.CertificateFile == "":
		return nil, &Error{Element: ElementCertificateFile, Problem: "missing: private-key-file is given, so its certificate-file must be too"}
	case src.PrivateKeyFile == "":
		return nil, &Error{Element: ElementPrivateKeyFile, Problem: "missing: certificate-file is given, so its private-key-file must be too"}
	}
	return loadPEM(src)
}

// loadPEM reads a PEM certificate (chain) and an unencrypted PEM key.
func loadPEM(src Source) (*tls.Certificate, error) {
	certPEM, err := readFile(ElementCertificateFile, src.CertificateFile)
	if err != nil {
		return nil, err
	}
	keyPEM, err := readFile(ElementPrivateKeyFile, src.PrivateKeyFile)
	if err != nil {
		return nil, err
	}
	if !hasBlock(certPEM, "CERTIFICATE") {
		return nil, &Error{Element: ElementCertificateFile, Problem: fmt.Sprintf("%s holds no PEM CERTIFICATE block", src.CertificateFile)}
	}
	if err := checkKeyPEM(keyPEM, src.PrivateKeyFile); err != nil {
		return nil, err
	}
	cert, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil {
		if strings.Contains(err.Error(), "does not match") {
			return nil, &Error{Element: ElementPrivateKeyFile, Problem: fmt.Sprintf("the private key in %s does not match the certificate in %s", src.PrivateKeyFile, src.CertificateFile)}
		}
		return nil, &Error{Element: ElementPrivateKeyFile, Problem: fmt.Sprintf("cannot use %s with %s: %s", src.PrivateKeyFile, src.CertificateFile, strings.TrimPrefix(err.Error(), "tls: "))}
	}
	if cert.Leaf == nil {
		cert.Leaf, _ = x509.ParseCertificate(cert.Certificate[0])
	}
	return &cert, nil
}

// checkKeyPEM gives a clear error for keys the PEM loader cannot use.
func checkKeyPEM(data []byte, path string) error {
	for rest := data; ; {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			return &Error{Element: ElementPrivateKeyFile, Problem: fmt.Sprintf("%s holds no PEM private key", path)}
		}
		if block.Type == "ENCRYPTED PRIVATE KEY" || block.Headers["Proc-Type"] == "4,ENCRYPTED" {
			return &Error{Element: ElementPrivateKeyFile, Problem: fmt.Sprintf("%s is encrypted; encrypted keys are not supported by this version of pamadapter yet: decrypt it (openssl pkey -in %s -out key.pem)", path, path)}
		}
		if strings.HasSuffix(block.Type, "PRIVATE KEY") {
			return nil
		}
	}
}

// hasBlock reports whether data holds a PEM block of the type.
func hasBlock(data []byte, typ string) bool {
	for rest := data; ; {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			return false
		}
		if block.Type == typ {
			return true
		}
	}
}

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
	if err != nil {
		return nil, &Error{Element: element, Problem: fmt.Sprintf("%s cannot be read: %v", path, errors.Unwrap(err))}
	}
	return data, nil
}
