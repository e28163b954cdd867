package testpki

import (
	"crypto"
	"crypto/x509"
	"encoding/pem"
)

// certPEM encodes a DER certificate as a PEM "CERTIFICATE" block.
func certPEM(der []byte) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
}

// keyPEM encodes a private key as a PKCS#8 PEM "PRIVATE KEY" block.
func keyPEM(key crypto.Signer) ([]byte, error) {
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), nil
}
