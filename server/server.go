package server

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"

	"github.com/prometheus/client_golang/prometheus"
)

// Server is the HTTP service.
type Server struct {
	opts     Options
	metrics  *metrics
	inFlight chan struct{}
	http     *http.Server
}

// New checks the options (refusing an unsafe exposure) and builds the
// service. It does not listen yet: see Run.
func New(opts Options) (*Server, error) {
	opts = opts.withDefaults()
	if opts.Adapter == nil || opts.Log == nil {
		return nil, errors.New("server: an adapter and a logger are required")
	}
	if err := opts.checkSafe(); err != nil {
		return nil, err
	}
	tlsConfig, err := opts.tlsConfig()
	if err != nil {
		return nil, err
	}
	s := &Server{
		opts:     opts,
		metrics:  newMetrics(prometheus.NewRegistry()),
		inFlight: make(chan struct{}, opts.MaxInFlight),
	}
	s.http = &http.Server{
		Handler:           s.Handler(),
		TLSConfig:         tlsConfig,
		ReadHeaderTimeout: opts.ReadHeaderTimeout,
		IdleTimeout:       opts.IdleTimeout,
		// The body has its own limit; reading it may take as long as a
		// request may.
		ReadTimeout:    opts.RequestTimeout,
		MaxHeaderBytes: 64 << 10,
		ErrorLog:       log.New(&tlsErrorLog{s: s}, "", 0),
	}
	return s, nil
}

// tlsConfig builds the server side of TLS: the server identity and, with a
// client CA file, verified client certificates (optional at the handshake
// when bearer tokens are accepted too, so either method works).
func (o Options) tlsConfig() (*tls.Config, error) {
	if o.TLSCertificateFile == "" {
		if o.ClientCAFile != "" {
			return nil, errors.New("server: client-ca-file needs TLS: set tls-certificate-file and tls-private-key-file")
		}
		return nil, nil
	}
	cert, err := tls.LoadX509KeyPair(o.TLSCertificateFile, o.TLSPrivateKeyFile)
	if err != nil {
		return nil, fmt.Errorf("server: tls-certificate-file and tls-private-key-file: %w", err)
	}
	cfg := &tls.Config{MinVersion: tls.VersionTLS12, Certificates: []tls.Certificate{cert}}
	if o.ClientCAFile != "" {
		data, err := os.ReadFile(o.ClientCAFile)
		if err != nil {
			return nil, fmt.Errorf("server: client-ca-file: %w", err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(data) {
			return nil, fmt.Errorf("server: client-ca-file %s holds no PEM certificate", o.ClientCAFile)
		}
		cfg.ClientCAs = pool
		cfg.ClientAuth = tls.VerifyClientCertIfGiven
		if len(o.BearerTokenHashes) == 0 {
			cfg.ClientAuth = tls.RequireAndVerifyClientCert
		}
	}
	return cfg, nil
}

// Run listens and serves until ctx is done, then shuts down gracefully:
// no new connections, requests in flight finish within ShutdownGrace, the
// rest are cut. ready, when not nil, receives the listening address.
func (s *Server) Run(ctx context.Context, ready chan<- net.Addr) error {
	ln, err := net.Listen("tcp", s.opts.ListenAddress)
	if err != nil {
		return fmt.Errorf("server: %w", err)
	}
	if s.http.TLSConfig != nil {
		ln = tls.NewListener(ln, s.http.TLSConfig)
	}
	s.opts.Log.WithFields(map[string]any{"address": ln.Addr().String(), "tls": s.http.TLSConfig != nil}).Info("serving")
	if ready != nil {
		ready <- ln.Addr()
	}
	served := make(chan error, 1)
	go func() { served <- s.http.Serve(ln) }()
	select {
	case err := <-served:
		return fmt.Errorf("server: %w", err)
	case <-ctx.Done():
	}
	s.opts.Log.WithField("grace", s.opts.ShutdownGrace.String()).Info("shutting down: finishing requests in flight")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), s.opts.ShutdownGrace)
	defer cancel()
	err = s.http.Shutdown(shutdownCtx)
	if errors.Is(err, context.DeadlineExceeded) {
		s.opts.Log.Warn("shutdown grace period over: closing the requests still in flight")
		err = s.http.Close()
	}
	s.opts.Adapter.Close()
	<-served
	if err != nil {
		return fmt.Errorf("server: shutdown: %w", err)
	}
	s.opts.Log.Info("stopped")
	return nil
}

// tlsErrorLog sends http.Server's own messages (mostly failed handshakes)
// to the masked logger at debug level.
type tlsErrorLog struct{ s *Server }

func (w *tlsErrorLog) Write(p []byte) (int, error) {
	w.s.opts.Log.WithField("source", "http").Debug(string(trimNewline(p)))
	return len(p), nil
}

// trimNewline drops one final newline.
func trimNewline(p []byte) []byte {
	if n := len(p); n > 0 && p[n-1] == '\n' {
		return p[:n-1]
	}
	return p
}

var _ io.Writer = (*tlsErrorLog)(nil)
