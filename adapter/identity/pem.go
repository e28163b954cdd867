package identity

import (
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"strings"

	"github.com/youmark/pkcs8"
)

// loadPEMFiles reads certificate-file (a PEM certificate or chain) and
// private-key-file (a PEM key, perhaps encrypted with key-password).
func loadPEMFiles(src Source) (*Identity, error) {
	certPEM, err := readFile(ElementCertificateFile, src.CertificateFile)
	if err != nil {
		return nil, err
	}
	keyPEM, err := readFile(ElementPrivateKeyFile, src.PrivateKeyFile)
	if err != nil {
		return nil, err
	}
	certs, err := parseCertificates(certPEM, ElementCertificateFile, src.CertificateFile)
	if err != nil {
		return nil, err
	}
	key, err := parsePrivateKey(keyPEM, src.KeyPassword, ElementPrivateKeyFile, src.PrivateKeyFile)
	if err != nil {
		return nil, err
	}
	id := assemble(key, certs, formatPEM)
	if id == nil {
		return nil, &Error{Element: ElementPrivateKeyFile, Problem: fmt.Sprintf("the private key in %s does not match the certificate in %s", src.PrivateKeyFile, src.CertificateFile)}
	}
	return id, nil
}

// loadPEMKeystore reads a keystore-file that is PEM: certificates and the
// key in one file. The key's password is key-password, else
// keystore-password.
func loadPEMKeystore(data []byte, src Source) (*Identity, error) {
	certs, err := parseCertificates(data, ElementKeystoreFile, src.KeystoreFile)
	if err != nil {
		return nil, err
	}
	key, err := parsePrivateKey(data, src.keyPassword(), ElementKeystoreFile, src.KeystoreFile)
	if err != nil {
		return nil, err
	}
	id := assemble(key, certs, formatPEM)
	if id == nil {
		return nil, &Error{Element: ElementKeystoreFile, Problem: fmt.Sprintf("the private key in %s does not match any certificate in it", src.KeystoreFile)}
	}
	return id, nil
}

// keyPassword is the password of the key inside a store: key-password,
// defaulting to keystore-password.
func (s Source) keyPassword() string {
	if s.KeyPassword != "" {
		return s.KeyPassword
	}
	return s.KeystorePassword
}

// parseCertificates reads every CERTIFICATE block of data, in order.
func parseCertificates(data []byte, element, path string) ([]*x509.Certificate, error) {
	var certs []*x509.Certificate
	for rest := data; ; {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			break
		}
		if block.Type != "CERTIFICATE" {
			continue
		}
		cert, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return nil, &Error{Element: element, Problem: fmt.Sprintf("certificate %d in %s cannot be parsed: %v", len(certs)+1, path, err)}
		}
		certs = append(certs, cert)
	}
	if len(certs) == 0 {
		return nil, &Error{Element: element, Problem: fmt.Sprintf("%s holds no PEM CERTIFICATE block", path)}
	}
	return certs, nil
}

// parsePrivateKey reads the first PEM private key of data: PKCS#1, PKCS#8
// (RSA, EC, Ed25519), SEC1, encrypted PKCS#8 or legacy encrypted PEM, the
// encrypted ones opened with password.
func parsePrivateKey(data []byte, password, element, path string) (any, error) {
	for rest := data; ; {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			return nil, &Error{Element: element, Problem: fmt.Sprintf("%s holds no PEM private key", path)}
		}
		if !strings.HasSuffix(block.Type, "PRIVATE KEY") {
			continue
		}
		if block.Type == "ENCRYPTED PRIVATE KEY" || x509.IsEncryptedPEMBlock(block) { //nolint:staticcheck // legacy PEM encryption is what old keys use
			return decryptKey(block, password, element, path)
		}
		key, err := parseKeyDER(block.Type, block.Bytes)
		if err != nil {
			return nil, &Error{Element: element, Problem: fmt.Sprintf("the %s in %s cannot be parsed: %v", block.Type, path, err)}
		}
		return key, nil
	}
}

// decryptKey opens an encrypted PKCS#8 or legacy encrypted PEM key.
func decryptKey(block *pem.Block, password, element, path string) (any, error) {
	if password == "" {
		return nil, &Error{Element: ElementKeyPassword, Problem: fmt.Sprintf("missing: the key in %s is encrypted; give its key-password", path)}
	}
	wrong := &Error{Element: ElementKeyPassword, Problem: fmt.Sprintf("wrong key-password for the encrypted key in %s", path)}
	if block.Type == "ENCRYPTED PRIVATE KEY" {
		key, err := pkcs8.ParsePKCS8PrivateKey(block.Bytes, []byte(password))
		switch {
		case err == nil:
			return key, nil
		case strings.Contains(err.Error(), "incorrect password"):
			return nil, wrong
		case strings.Contains(err.Error(), "unsupported") || strings.Contains(err.Error(), "only"):
			return nil, &Error{Element: element, Problem: fmt.Sprintf("the key in %s is encrypted with a scheme pamadapter cannot read (%s); re-encrypt it with: openssl pkcs8 -topk8 -v2 aes-256-cbc -in old.key -out %s",
				path, strings.TrimPrefix(err.Error(), "pkcs8: "), path)}
		default:
			return nil, wrong // a wrong password often decrypts to garbage that does not parse
		}
	}
	der, err := x509.DecryptPEMBlock(block, []byte(password)) //nolint:staticcheck // see above
	if err != nil {
		return nil, wrong
	}
	key, err := parseKeyDER(block.Type, der)
	if err != nil {
		return nil, wrong
	}
	return key, nil
}

// parseKeyDER parses an unencrypted key of the PEM type given.
func parseKeyDER(pemType string, der []byte) (any, error) {
	switch pemType {
	case "RSA PRIVATE KEY":
		return x509.ParsePKCS1PrivateKey(der)
	case "EC PRIVATE KEY":
		return x509.ParseECPrivateKey(der)
	case "PRIVATE KEY":
		return x509.ParsePKCS8PrivateKey(der)
	}
	return nil, fmt.Errorf("a %s block is not a key format pamadapter reads (PKCS#1, PKCS#8 or SEC1)", pemType)
}
