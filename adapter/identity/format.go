package identity

import (
	"bytes"
	"fmt"
)

// The keystore formats, told apart by their first bytes.
const (
	formatPEM    = "PEM"
	formatJKS    = "JKS"
	formatPKCS12 = "PKCS#12"
	formatJCEKS  = "JCEKS"
)

var (
	magicJKS   = []byte{0xFE, 0xED, 0xFE, 0xED}
	magicJCEKS = []byte{0xCE, 0xCE, 0xCE, 0xCE}
)

// detectFormat tells what a keystore file is from its bytes, not its name:
// Java 9+ keytool writes PKCS#12 even to a file called client.jks.
func detectFormat(data []byte) string {
	switch {
	case bytes.HasPrefix(data, magicJKS):
		return formatJKS
	case bytes.HasPrefix(data, magicJCEKS):
		return formatJCEKS
	case len(data) > 1 && data[0] == 0x30:
		return formatPKCS12 // a DER SEQUENCE
	case bytes.Contains(data, []byte("-----BEGIN ")):
		return formatPEM
	}
	return ""
}

// loadKeystore reads keystore-file in whatever format it is.
func loadKeystore(src Source) (*Identity, error) {
	data, err := readFile(ElementKeystoreFile, src.KeystoreFile)
	if err != nil {
		return nil, err
	}
	switch detectFormat(data) {
	case formatJKS:
		return loadJKS(data, src)
	case formatPKCS12:
		return loadPKCS12(data, src)
	case formatPEM:
		return loadPEMKeystore(data, src)
	case formatJCEKS:
		return nil, &Error{Element: ElementKeystoreFile, Problem: fmt.Sprintf(
			"%s is a JCEKS keystore, which pamadapter cannot read; convert it to PKCS#12 with: keytool -importkeystore -srckeystore %s -srcstoretype JCEKS -destkeystore client.p12 -deststoretype pkcs12",
			src.KeystoreFile, src.KeystoreFile)}
	}
	return nil, &Error{Element: ElementKeystoreFile, Problem: fmt.Sprintf(
		"%s is not a keystore pamadapter knows: expected a Java KeyStore (JKS), a PKCS#12 file (.p12, .pfx) or PEM", src.KeystoreFile)}
}
