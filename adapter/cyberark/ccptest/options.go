package ccptest

import (
	"crypto/x509"
	"time"
)

// Option configures a Server created by NewServer.
type Option func(*Server)

// WithWebServiceName sets the IIS application name the Accounts API is served
// under; the default is "AIMWebService". Requests match it case-insensitively,
// like IIS. The name must be non-empty and must not contain "/".
func WithWebServiceName(name string) Option {
	return func(s *Server) { s.webServiceName = name }
}

// WithClock sets the clock that stamps the Date header of every answer, so
// tests can pin it. A nil clock leaves the default, time.Now.
func WithClock(now func() time.Time) Option {
	return func(s *Server) {
		if now != nil {
			s.now = now
		}
	}
}

// WithDelay makes every Accounts request that reaches the Vault wait d before
// it is answered, as with a slow Vault; malformed requests, which the web
// service refuses itself, are answered at once. See Server.SetDelay.
func WithDelay(d time.Duration) Option {
	return func(s *Server) { s.store.setDelay(d) }
}

// WithoutClientCertificateRequirement lets requests without a client
// certificate through to the CCP, as an IIS application whose SSL settings
// accept but do not require client certificates. Applications with serial or
// subject rules then fail such requests with APPAP330E. A client certificate
// that is presented must still chain to the server's CA.
func WithoutClientCertificateRequirement() Option {
	return func(s *Server) { s.requireClientCert = false }
}

// WithAddr sets the listening address; the default, also used when addr is
// empty, is "127.0.0.1:0" (a free loopback port).
func WithAddr(addr string) Option {
	return func(s *Server) {
		if addr != "" {
			s.addr = addr
		}
	}
}

// WithClientCAs makes the server also trust client certificates issued by
// these CAs, as an IIS server trusts the CAs in its machine store. Tests use
// it for identity fixtures made by other tools.
func WithClientCAs(cas ...*x509.Certificate) Option {
	return func(s *Server) { s.extraClientCAs = append(s.extraClientCAs, cas...) }
}
