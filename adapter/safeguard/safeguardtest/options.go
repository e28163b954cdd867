package safeguardtest

import (
	"crypto/x509"
	"time"
)

// Option configures a Server created by NewServer.
type Option func(*Server)

// WithClock sets the clock that stamps the Date header of every answer and
// the times of access requests, so tests can pin it. A nil clock leaves the
// default, time.Now.
func WithClock(now func() time.Time) Option {
	return func(s *Server) {
		if now != nil {
			s.now = now
		}
	}
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
// these CAs, as an appliance trusts the certificates uploaded to
// TrustedCertificates. Tests use it for identity fixtures made by other tools.
func WithClientCAs(cas ...*x509.Certificate) Option {
	return func(s *Server) { s.extraClientCAs = append(s.extraClientCAs, cas...) }
}
