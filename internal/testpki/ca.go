package testpki

import (
	"crypto"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"time"
)

// caValidity is how long a new CA certificate stays valid.
const caValidity = 10 * 365 * 24 * time.Hour

// CA is a self-signed certificate authority. It is safe for concurrent use.
type CA struct {
	// Cert is the CA certificate.
	Cert *x509.Certificate
	// CertPEM is Cert as a PEM "CERTIFICATE" block, ready for a CA bundle file.
	CertPEM []byte

	key crypto.Signer
}

// NewCA makes a CA with a fresh ECDSA P-256 key and a self-signed certificate
// named commonName, valid from an hour ago for ten years.
func NewCA(commonName string) (*CA, error) {
	if commonName == "" {
		return nil, errors.New("testpki: the CA needs a common name")
	}
	key, err := generateKey(KeyECDSA)
	if err != nil {
		return nil, fmt.Errorf("testpki: generating the CA key: %w", err)
	}
	serial, err := randomSerial()
	if err != nil {
		return nil, fmt.Errorf("testpki: generating the CA serial: %w", err)
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: commonName},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(caValidity),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(nil, tmpl, tmpl, key.Public(), key)
	if err != nil {
		return nil, fmt.Errorf("testpki: signing the CA certificate: %w", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, fmt.Errorf("testpki: parsing the CA certificate: %w", err)
	}
	return &CA{Cert: cert, CertPEM: certPEM(der), key: key}, nil
}

// Pool returns a new certificate pool holding only the CA certificate, for
// tls.Config.RootCAs or tls.Config.ClientCAs.
func (ca *CA) Pool() *x509.CertPool {
	pool := x509.NewCertPool()
	pool.AddCert(ca.Cert)
	return pool
}
