package ccptest

import (
	"crypto/x509"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/pamadapter/pamadapter/internal/simserver"
	"github.com/pamadapter/pamadapter/internal/testpki"
)

// defaultWebServiceName is the web service name of a new Server.
const defaultWebServiceName = "AIMWebService"

// Server is a running CCP simulator. Its methods are safe for concurrent use.
type Server struct {
	// URL is the base URL, "https://127.0.0.1:PORT" without a trailing slash:
	// the aim-endpoint-url of a client configuration.
	URL string
	// CA issued the server certificate and the client certificates the
	// server trusts (besides those of WithClientCAs).
	CA *testpki.CA

	webServiceName    string
	addr              string
	now               func() time.Time
	requireClientCert bool
	extraClientCAs    []*x509.Certificate

	store store
	sim   simserver.Server // started by NewServer
}

// NewServer starts a simulator with a fresh CA and server certificate, and
// returns it serving. Call Close when done.
func NewServer(opts ...Option) (*Server, error) {
	s := &Server{
		webServiceName:    defaultWebServiceName,
		now:               time.Now,
		requireClientCert: true,
	}
	for _, opt := range opts {
		if opt != nil {
			opt(s)
		}
	}
	if s.webServiceName == "" || strings.Contains(s.webServiceName, "/") {
		return nil, fmt.Errorf("ccptest: invalid web service name %q", s.webServiceName)
	}
	// Like IIS (which by default sends no trusted-issuer list) the server asks
	// for a client certificate without naming acceptable CAs, so clients send
	// whatever certificate they hold. A certificate that does not chain to
	// the CA fails the handshake; a missing one is decided per request, so
	// that the client gets IIS's 403.7 page rather than a handshake failure.
	err := s.sim.Start(simserver.Config{
		Addr:           s.addr,
		CAName:         "ccptest CA",
		ExtraClientCAs: s.extraClientCAs,
		Handler:        s.Handler(),
	})
	if err != nil {
		return nil, fmt.Errorf("ccptest: %w", err)
	}
	s.URL, s.CA = s.sim.URL, s.sim.CA
	return s, nil
}

// Close stops the server: it closes the listener and every connection, makes
// delayed answers stop waiting, and returns once all handlers have returned.
// Close may be called more than once.
func (s *Server) Close() {
	s.sim.Close() // does nothing when s was not made by NewServer
}

// Handler returns the simulator's router, for mounting it in another server.
// Client certificates are then read from that server's TLS connections.
func (s *Server) Handler() http.Handler {
	return http.HandlerFunc(s.route)
}

// IssueClientCertificate issues a client certificate with subject
// CN=commonName from the server's CA; the server trusts it.
func (s *Server) IssueClientCertificate(commonName string) (*testpki.Issued, error) {
	if s.CA == nil {
		return nil, errors.New("ccptest: the server has no CA")
	}
	return s.CA.IssueClient(commonName)
}
