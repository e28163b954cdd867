package simserver

import (
	"crypto/tls"
	"crypto/x509"
	"net/http"

	"github.com/pamadapter/pamadapter/internal/testpki"
)

// clientRoots is a pool of ca and extra, the CAs client certificates may
// chain to.
func clientRoots(ca *testpki.CA, extra []*x509.Certificate) *x509.CertPool {
	roots := ca.Pool()
	for _, c := range extra {
		roots.AddCert(c)
	}
	return roots
}

// tlsConfig is the server side of the handshake: TLS 1.2 or later, HTTP/1.1
// only. It asks for a client certificate without naming acceptable CAs (as
// IIS and HttpSys do by default) and without requiring one: a certificate
// that does not chain to roots fails the handshake, a missing one is left to
// the handler, which answers it the way the simulated product does.
func tlsConfig(cert tls.Certificate, roots *x509.CertPool) *tls.Config {
	return &tls.Config{
		MinVersion:   tls.VersionTLS12,
		Certificates: []tls.Certificate{cert},
		ClientAuth:   tls.RequestClientCert,
		VerifyConnection: func(cs tls.ConnectionState) error {
			return verifyClientCertificate(cs.PeerCertificates, roots)
		},
		NextProtos: []string{"http/1.1"},
	}
}

// verifyClientCertificate accepts no certificate, or a client-authentication
// certificate chain (leaf first) that leads to roots.
func verifyClientCertificate(chain []*x509.Certificate, roots *x509.CertPool) error {
	if len(chain) == 0 {
		return nil
	}
	intermediates := x509.NewCertPool()
	for _, c := range chain[1:] {
		intermediates.AddCert(c)
	}
	_, err := chain[0].Verify(x509.VerifyOptions{
		Roots:         roots,
		Intermediates: intermediates,
		KeyUsages:     []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	})
	return err
}

// ClientCertificate returns the leaf client certificate of r's TLS
// connection (one a Server has verified in the handshake), or nil when the
// client presented none or r did not come over TLS.
func ClientCertificate(r *http.Request) *x509.Certificate {
	if r.TLS == nil || len(r.TLS.PeerCertificates) == 0 {
		return nil
	}
	return r.TLS.PeerCertificates[0]
}
