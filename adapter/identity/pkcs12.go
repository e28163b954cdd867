package identity

import (
	"crypto/x509"
	"errors"
	"fmt"
	"strings"

	"software.sslmate.com/src/go-pkcs12"
)

// loadPKCS12 reads a PKCS#12 file (modern AES/PBES2 or legacy RC2/3DES)
// with keystore-password. The leaf is the certificate that matches the key,
// wherever it stands; the other certificates follow it as the chain.
func loadPKCS12(data []byte, src Source) (*Identity, error) {
	path := src.KeystoreFile
	key, first, rest, err := pkcs12.DecodeChain(data, src.KeystorePassword)
	if err != nil {
		return nil, pkcs12Error(err, src)
	}
	certs := append([]*x509.Certificate{first}, rest...)
	id := assemble(key, certs, formatPKCS12)
	if id == nil {
		return nil, &Error{Element: ElementKeystoreFile, Problem: fmt.Sprintf("the private key in %s matches none of its certificates", path)}
	}
	if src.KeystoreAlias != "" {
		id.Warnings = append(id.Warnings, fmt.Sprintf("keystore-alias %q is not checked for %s: a PKCS#12 file is read with its one key", src.KeystoreAlias, path))
	}
	return id, nil
}

// pkcs12Error explains a PKCS#12 decoding failure.
func pkcs12Error(err error, src Source) error {
	path := src.KeystoreFile
	var notImplemented pkcs12.NotImplementedError
	switch {
	case errors.Is(err, pkcs12.ErrIncorrectPassword) && src.KeystorePassword == "":
		return &Error{Element: ElementKeystorePassword, Problem: fmt.Sprintf("missing: %s is a PKCS#12 file protected by a password; give its keystore-password", path)}
	case errors.Is(err, pkcs12.ErrIncorrectPassword), errors.Is(err, pkcs12.ErrDecryption):
		return &Error{Element: ElementKeystoreFile, Problem: "wrong keystore-password for " + path}
	case errors.As(err, &notImplemented):
		return &Error{Element: ElementKeystoreFile, Problem: fmt.Sprintf("%s uses a PKCS#12 feature pamadapter cannot read (%s); re-export it with: openssl pkcs12 -export", path, strings.TrimPrefix(err.Error(), "pkcs12: "))}
	case strings.Contains(err.Error(), "exactly one key bag"):
		return &Error{Element: ElementKeystoreFile, Problem: fmt.Sprintf("%s holds more than one private key; pamadapter reads PKCS#12 files with one key: export the entry you need with keytool -importkeystore -srcalias NAME, or use a JKS keystore and keystore-alias", path)}
	case strings.Contains(err.Error(), "indefinite length") || strings.Contains(err.Error(), "asn1"):
		return &Error{Element: ElementKeystoreFile, Problem: fmt.Sprintf("%s is not a valid DER PKCS#12 file (some Windows and BouncyCastle exports use BER); re-encode it with: openssl pkcs12 -in %s -nodes | openssl pkcs12 -export -out client.p12", path, path)}
	}
	return &Error{Element: ElementKeystoreFile, Problem: fmt.Sprintf("%s cannot be read as PKCS#12: %s", path, strings.TrimPrefix(err.Error(), "pkcs12: "))}
}
