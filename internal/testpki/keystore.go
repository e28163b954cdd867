package testpki

import (
	"bytes"
	"crypto/rand"
	"crypto/x509"
	"fmt"
	"time"

	keystore "github.com/pavlo-v-chernykh/keystore-go/v4"
	"software.sslmate.com/src/go-pkcs12"
)

// JKS writes a Java KeyStore (magic FE ED FE ED) holding one private-key
// entry under alias: the key, protected by keyPassword, and the chain leaf
// then chain. The store's integrity is sealed with storePassword.
func (i *Issued) JKS(alias, storePassword, keyPassword string, chain ...*x509.Certificate) ([]byte, error) {
	der, err := x509.MarshalPKCS8PrivateKey(i.TLS.PrivateKey)
	if err != nil {
		return nil, fmt.Errorf("testpki: %w", err)
	}
	certs := []keystore.Certificate{{Type: "X509", Content: i.Cert.Raw}}
	for _, c := range chain {
		certs = append(certs, keystore.Certificate{Type: "X509", Content: c.Raw})
	}
	ks := keystore.New(keystore.WithCaseExactAliases())
	entry := keystore.PrivateKeyEntry{CreationTime: time.Now(), PrivateKey: der, CertificateChain: certs}
	if err := ks.SetPrivateKeyEntry(alias, entry, []byte(keyPassword)); err != nil {
		return nil, fmt.Errorf("testpki: %w", err)
	}
	var buf bytes.Buffer
	if err := ks.Store(&buf, []byte(storePassword)); err != nil {
		return nil, fmt.Errorf("testpki: %w", err)
	}
	return buf.Bytes(), nil
}

// PKCS12 writes a modern PKCS#12 file (AES-256, PBKDF2) holding the key,
// the leaf and chain, protected by password.
func (i *Issued) PKCS12(password string, chain ...*x509.Certificate) ([]byte, error) {
	data, err := pkcs12.Modern2023.WithRand(rand.Reader).Encode(i.TLS.PrivateKey, i.Cert, chain, password)
	if err != nil {
		return nil, fmt.Errorf("testpki: %w", err)
	}
	return data, nil
}
