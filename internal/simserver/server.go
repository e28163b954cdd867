// Package simserver is the HTTPS plumbing the in-process vault simulators
// share: a loopback listener with its own test CA and server certificate,
// HTTP/1.1 over TLS 1.2 or later, client certificates requested and checked
// against the CA, and a Close that waits for running handlers. What the
// simulated product answers is the simulator's business.
package simserver

import (
	"crypto/tls"
	"crypto/x509"
	"io"
	"log"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/pamadapter/pamadapter/internal/testpki"
)

// Defaults of Start.
const (
	defaultAddr       = "127.0.0.1:0"
	readHeaderTimeout = 10 * time.Second
)

// Config describes a server for Start.
type Config struct {
	// Addr is the listening address; empty means "127.0.0.1:0" (a free
	// loopback port).
	Addr string
	// CAName is the common name of the server's fresh test CA.
	CAName string
	// ExtraClientCAs are trusted for client certificates besides the CA.
	ExtraClientCAs []*x509.Certificate
	// Handler answers the requests.
	Handler http.Handler
}

// Server is an HTTPS server. The zero value is ready for Start; once started,
// its methods are safe for concurrent use, also from the handlers.
type Server struct {
	// URL is the base URL, "https://HOST:PORT" without a trailing slash.
	URL string
	// CA issued the server certificate and the client certificates the
	// server trusts (besides Config.ExtraClientCAs).
	CA *testpki.CA

	handlers  tracker
	srv       *http.Server
	done      chan struct{} // closed by Close once connections are closed
	serveDone chan struct{} // closed when the serve loop has returned
	closeOnce sync.Once
}

// Start makes a CA named cfg.CAName and a server certificate from it for
// localhost, 127.0.0.1 and ::1, listens on cfg.Addr and serves cfg.Handler
// there until Close. Call it at most once. Errors of the CA and the listener
// are returned as they are, for the caller to prefix; s is then left
// unstarted.
func (s *Server) Start(cfg Config) error {
	ca, err := testpki.NewCA(cfg.CAName)
	if err != nil {
		return err
	}
	cert, err := ca.IssueServer()
	if err != nil {
		return err
	}
	addr := cfg.Addr
	if addr == "" {
		addr = defaultAddr
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	s.URL = "https://" + ln.Addr().String()
	s.CA = ca
	s.done = make(chan struct{})
	s.serveDone = make(chan struct{})
	s.srv = &http.Server{
		Handler:           s.handlers.wrap(cfg.Handler),
		TLSConfig:         tlsConfig(cert.TLS, clientRoots(ca, cfg.ExtraClientCAs)),
		TLSNextProto:      map[string]func(*http.Server, *tls.Conn, http.Handler){}, // no HTTP/2
		ReadHeaderTimeout: readHeaderTimeout,
		ErrorLog:          log.New(io.Discard, "", 0), // handshake failures are expected noise
	}
	go func() {
		defer close(s.serveDone)
		_ = s.srv.ServeTLS(ln, "", "") // returns http.ErrServerClosed after Close
	}()
	return nil
}

// Done returns a channel that Close closes right after it has closed every
// connection, so that handlers waiting on something can give up. Before
// Start it is nil (never ready).
func (s *Server) Done() <-chan struct{} {
	return s.done
}

// Close stops the server: it closes the listener and every connection,
// closes Done, refuses new handlers with 503 and returns once all running
// handlers have returned. Close may be called more than once; on a Server
// that was not started it does nothing.
func (s *Server) Close() {
	if s.srv == nil {
		return // not started, so nothing runs
	}
	s.closeOnce.Do(func() {
		_ = s.srv.Close() // first, so that no abandoned answer reaches a client
		close(s.done)
		<-s.serveDone
		s.handlers.closeAndWait()
	})
}
