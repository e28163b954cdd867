package safeguardtest

import (
	"crypto/sha1"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
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
	defaultAddr       = "127.0.0.1:0"
	readHeaderTimeout = 10 * time.Second
)

// Server is a running SPP simulator. Its methods are safe for concurrent use.
type Server struct {
	// URL is the appliance URL, "https://127.0.0.1:PORT" without a trailing
	// slash; the services live under URL + "/service/".
	URL string
	// CA issued the server certificate and the client certificates the
	// server trusts (besides those of WithClientCAs).
	CA *testpki.CA

	addr           string
	now            func() time.Time
	extraClientCAs []*x509.Certificate

	store     store
	handlers  tracker
	srv       *http.Server
	serveDone chan struct{} // closed when the serve loop has returned
	closeOnce sync.Once
}

// NewServer starts a simulator with a fresh CA and server certificate and no
// content, and returns it serving. Call Close when done.
func NewServer(opts ...Option) (*Server, error) {
	s := &Server{
		addr:      defaultAddr,
		now:       time.Now,
		serveDone: make(chan struct{}),
	}
	for _, opt := range opts {
		if opt != nil {
			opt(s)
		}
	}
	ca, err := testpki.NewCA("safeguardtest CA")
	if err != nil {
		return nil, fmt.Errorf("safeguardtest: %w", err)
	}
	cert, err := ca.IssueServer()
	if err != nil {
		return nil, fmt.Errorf("safeguardtest: %w", err)
	}
	ln, err := net.Listen("tcp", s.addr)
	if err != nil {
		return nil, fmt.Errorf("safeguardtest: %w", err)
	}
	s.CA = ca
	s.URL = "https://" + ln.Addr().String()
	s.srv = &http.Server{
		Handler:           s.handlers.wrap(http.HandlerFunc(s.route)),
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
// only, as the appliance's HttpSys host needs for client certificates. It
// asks for a client certificate without requiring one: a certificate that
// does not chain to a trusted CA fails the handshake, a missing one is
// answered per request (401 60094).
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

// Close stops the server: it closes the listener and every connection and
// returns once all handlers have returned. Close may be called more than
// once.
func (s *Server) Close() {
	if s.srv == nil {
		return // not made by NewServer, so nothing runs
	}
	s.closeOnce.Do(func() {
		_ = s.srv.Close()
		<-s.serveDone
		s.handlers.closeAndWait()
	})
}

// IssueClientCertificate issues a client certificate with subject
// CN=commonName from the server's CA; the server trusts it. Register its
// Thumbprint with AddCertificateUser to make it a certificate user.
func (s *Server) IssueClientCertificate(commonName string) (*testpki.Issued, error) {
	if s.CA == nil {
		return nil, errors.New("safeguardtest: the server has no CA")
	}
	return s.CA.IssueClient(commonName)
}

// Thumbprint returns the SHA-1 thumbprint of cert as SPP shows it: the hash
// of the DER encoding in upper-case hex without separators; "" for nil.
func Thumbprint(cert *x509.Certificate) string {
	if cert == nil {
		return ""
	}
	sum := sha1.Sum(cert.Raw)
	return strings.ToUpper(hex.EncodeToString(sum[:]))
}

// normalizeThumbprint makes a thumbprint as people paste it comparable with
// Thumbprint: upper case, without spaces, colons or the invisible
// left-to-right mark Windows copies along.
func normalizeThumbprint(t string) string {
	return strings.ToUpper(strings.Map(func(r rune) rune {
		switch r {
		case ' ', ':', '\u200e', '\t':
			return -1
		}
		return r
	}, t))
}
