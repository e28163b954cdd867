package ccptest

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/pamadapter/pamadapter/internal/testpki"
)

// Defaults of a new Server.
const (
	defaultWebServiceName = "AIMWebService"
	defaultAddr           = "127.0.0.1:0"
	readHeaderTimeout     = 10 * time.Second
)

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

	store     store
	handlers  tracker
	srv       *http.Server
	done      chan struct{} // closed by Close: delayed answers stop waiting
	serveDone chan struct{} // closed when the serve loop has returned
	closeOnce sync.Once
}

// NewServer starts a simulator with a fresh CA and server certificate, and
// returns it serving. Call Close when done.
func NewServer(opts ...Option) (*Server, error) {
	s := &Server{
		webServiceName:    defaultWebServiceName,
		addr:              defaultAddr,
		now:               time.Now,
		requireClientCert: true,
		done:              make(chan struct{}),
		serveDone:         make(chan struct{}),
	}
	for _, opt := range opts {
		if opt != nil {
			opt(s)
		}
	}
	if s.webServiceName == "" || strings.Contains(s.webServiceName, "/") {
		return nil, fmt.Errorf("ccptest: invalid web service name %q", s.webServiceName)
	}
	ca, err := testpki.NewCA("ccptest CA")
	if err != nil {
		return nil, fmt.Errorf("ccptest: %w", err)
	}
	cert, err := ca.IssueServer()
	if err != nil {
		return nil, fmt.Errorf("ccptest: %w", err)
	}
	ln, err := net.Listen("tcp", s.addr)
	if err != nil {
		return nil, fmt.Errorf("ccptest: %w", err)
	}
	s.CA = ca
	s.URL = "https://" + ln.Addr().String()
	s.srv = &http.Server{
		Handler:           s.handlers.wrap(s.Handler()),
		TLSConfig:         s.tlsConfig(cert.TLS),
		TLSNextProto:      map[string]func(*http.Server, *tls.Conn, http.Handler){}, // no HTTP/2
		ReadHeaderTimeout: readHeaderTimeout,
		ErrorLog:          log.New(io.Discard, "", 0), // handshake failures are expected noise
	}
	go func() {
		defer close(s.serveDone)
		_ = s.srv.ServeTLS(ln, "", "") // returns http.ErrServerClosed after Close
	}()
	return s, nil
}

// tlsConfig is the server side of the handshake: TLS 1.2 or later, HTTP/1.1
// only. Like IIS (which by default sends no trusted-issuer list) it asks for a
// client certificate without naming acceptable CAs, so clients send whatever
// certificate they hold. A certificate that does not chain to the CA fails
// the handshake; a missing one is decided per request, so that the client gets
// IIS's 403.7 page rather than a handshake failure.
func (s *Server) tlsConfig(cert tls.Certificate) *tls.Config {
	roots := s.CA.Pool()
	for _, ca := range s.extraClientCAs {
		roots.AddCert(ca)
	}
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

// Close stops the server: it closes the listener and every connection, makes
// delayed answers stop waiting, and returns once all handlers have returned.
// Close may be called more than once.
func (s *Server) Close() {
	if s.srv == nil {
		return // not made by NewServer, so nothing runs
	}
	s.closeOnce.Do(func() {
		_ = s.srv.Close() // first, so that no abandoned answer reaches a client
		close(s.done)
		<-s.serveDone
		s.handlers.closeAndWait()
	})
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
