package testpki

import (
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"net"
	"time"
)

// Issued is a certificate signed by a CA, with its private key.
type Issued struct {
	// Cert is the issued certificate.
	Cert *x509.Certificate
	// CertPEM is Cert as a PEM "CERTIFICATE" block.
	CertPEM []byte
	// KeyPEM is the private key as a PKCS#8 PEM "PRIVATE KEY" block.
	KeyPEM []byte
	// TLS holds the leaf certificate (no chain) and its private key, ready for
	// tls.Config.Certificates.
	TLS tls.Certificate
}

// Issue makes a new key of t.KeyType and signs a certificate for it as
// described by t.
func (ca *CA) Issue(t Template) (*Issued, error) {
	tmpl, err := t.certificate(time.Now())
	if err != nil {
		return nil, err
	}
	key, err := generateKey(t.KeyType)
	if err != nil {
		return nil, err
	}
	if _, ok := key.(*rsa.PrivateKey); ok {
		// TLS 1.2 RSA key exchange encrypts to the certificate key.
		tmpl.KeyUsage |= x509.KeyUsageKeyEncipherment
	}
	der, err := x509.CreateCertificate(nil, tmpl, ca.Cert, key.Public(), ca.key)
	if err != nil {
		return nil, fmt.Errorf("testpki: signing the certificate: %w", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, fmt.Errorf("testpki: parsing the certificate: %w", err)
	}
	kp, err := keyPEM(key)
	if err != nil {
		return nil, fmt.Errorf("testpki: encoding the private key: %w", err)
	}
	return &Issued{
		Cert:    cert,
		CertPEM: certPEM(der),
		KeyPEM:  kp,
		TLS:     tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: cert},
	}, nil
}

// IssueServer issues a server certificate for hosts, which default to
// "localhost", "127.0.0.1" and "::1". Hosts that parse as IP addresses become
// IP subject alternative names, the others DNS names; the first host is also
// the common name.
func (ca *CA) IssueServer(hosts ...string) (*Issued, error) {
	if len(hosts) == 0 {
		hosts = []string{"localhost", "127.0.0.1", "::1"}
	}
	t := Template{CommonName: hosts[0], ServerAuth: true}
	for _, h := range hosts {
		if h == "" {
			return nil, errors.New("testpki: empty host name")
		}
		if ip := net.ParseIP(h); ip != nil {
			t.IPAddresses = append(t.IPAddresses, ip)
		} else {
			t.DNSNames = append(t.DNSNames, h)
		}
	}
	return ca.Issue(t)
}

// IssueClient issues a client-authentication certificate whose subject is
// CN=commonName.
func (ca *CA) IssueClient(commonName string) (*Issued, error) {
	return ca.Issue(Template{CommonName: commonName, ClientAuth: true})
}

// certificate turns t into an x509 template, filling in the defaults
// relative to now.
func (t Template) certificate(now time.Time) (*x509.Certificate, error) {
	serial := t.Serial
	if serial == nil {
		var err error
		if serial, err = randomSerial(); err != nil {
			return nil, fmt.Errorf("testpki: generating a serial: %w", err)
		}
	} else if serial.Sign() <= 0 {
		return nil, fmt.Errorf("testpki: serial %v is not positive", serial)
	}
	notBefore, notAfter := t.NotBefore, t.NotAfter
	if notBefore.IsZero() {
		notBefore = now.Add(-defaultBackdate)
	}
	if notAfter.IsZero() {
		notAfter = now.Add(defaultValidity)
	}
	if !notAfter.After(notBefore) {
		return nil, fmt.Errorf("testpki: NotAfter %v is not after NotBefore %v", notAfter, notBefore)
	}
	var usages []x509.ExtKeyUsage
	if t.ServerAuth {
		usages = append(usages, x509.ExtKeyUsageServerAuth)
	}
	if t.ClientAuth {
		usages = append(usages, x509.ExtKeyUsageClientAuth)
	}
	return &x509.Certificate{
		SerialNumber: serial,
		Subject: pkix.Name{
			CommonName:         t.CommonName,
			Organization:       t.Organization,
			OrganizationalUnit: t.OrganizationalUnit,
		},
		NotBefore:             notBefore,
		NotAfter:              notAfter,
		KeyUsage:              x509.KeyUsageDigitalSignature,
		ExtKeyUsage:           usages,
		BasicConstraintsValid: true,
		DNSNames:              t.DNSNames,
		IPAddresses:           t.IPAddresses,
	}, nil
}
