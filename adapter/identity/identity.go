// Package identity loads the client identity a provider presents to its
// vault (contract section 3): a certificate and its private key.
//
// Every provider uses this package, so its elements, its precedence rules
// and its error texts are the same everywhere.
package identity

import (
	"crypto/tls"

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

// FromRequest reports whether the identity files come from the request.
func (s Selection) FromRequest() bool {
	return s.files == s.request && s.request != nil && Given(s.request)
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

// Identity is a loaded client identity.
type Identity struct {
	// Certificate holds the chain (leaf first), the private key and the
	// parsed Leaf.
	Certificate tls.Certificate
	// Format says what the identity was read from: "PEM", "JKS" or
	// "PKCS#12".
	Format string
	// Warnings say what may make the vault refuse the certificate (expired,
	// not yet valid, no clientAuth usage). They name the certificate's
	// subject and dates, never a secret.
	Warnings []string
}

// Load reads the identity src names: keystore-file (JKS, PKCS#12 or PEM,
// told apart by their bytes) when given, which wins over certificate-file
// and private-key-file (PEM).
func Load(src Source) (*Identity, error) {
	switch {
	case src.KeystoreFile != "":
		return loadKeystore(src)
	case src.CertificateFile == "" && src.PrivateKeyFile == "":
		return nil, &Error{Element: ElementCertificateFile, Problem: "no client identity is configured; give certificate-file and private-key-file, or keystore-file, in the request or the configuration"}
	case src.CertificateFile == "":
		return nil, &Error{Element: ElementCertificateFile, Problem: "missing: private-key-file is given, so its certificate-file must be too"}
	case src.PrivateKeyFile == "":
		return nil, &Error{Element: ElementPrivateKeyFile, Problem: "missing: certificate-file is given, so its private-key-file must be too"}
	}
	return loadPEMFiles(src)
}
