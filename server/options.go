// Package server is pamadapter as a long-running HTTP service: POST
// /v1/requests takes any adapter request and answers the adapter response;
// /healthz, /readyz and /metrics serve operations. It authenticates
// callers (client certificates and/or bearer tokens), bounds what one
// caller can cost (body size, deadlines, requests in flight) and shuts down
// gracefully.
package server

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"net"
	"time"

	"github.com/sirupsen/logrus"

	"github.com/pamadapter/pamadapter/adapter"
)

// Defaults of Options.
const (
	DefaultMaxBodyBytes      = 1 << 20
	DefaultMaxInFlight       = 256
	DefaultRequestTimeout    = 60 * time.Second
	DefaultReadHeaderTimeout = 10 * time.Second
	DefaultIdleTimeout       = 120 * time.Second
	DefaultShutdownGrace     = 30 * time.Second
)

// Options configure a Server.
type Options struct {
	// Adapter serves the requests; Log receives the access lines and errors.
	Adapter *adapter.Adapter
	Log     *logrus.Logger
	// ListenAddress is host:port.
	ListenAddress string
	// TLSCertificateFile and TLSPrivateKeyFile hold the server's identity
	// (PEM); empty means plain HTTP, allowed on loopback only.
	TLSCertificateFile, TLSPrivateKeyFile string
	// ClientCAFile, when set, makes callers authenticate with a client
	// certificate issued by one of its CAs.
	ClientCAFile string
	// BearerTokenHashes, when set, lets callers authenticate with a bearer
	// token whose SHA-256 is one of these.
	BearerTokenHashes [][sha256.Size]byte
	// MaxBodyBytes, MaxInFlight, RequestTimeout, ReadHeaderTimeout,
	// IdleTimeout and ShutdownGrace bound the service (defaults above when 0).
	MaxBodyBytes      int64
	MaxInFlight       int
	RequestTimeout    time.Duration
	ReadHeaderTimeout time.Duration
	IdleTimeout       time.Duration
	ShutdownGrace     time.Duration
	// Ready reports whether the service can serve (configuration loaded,
	// keys readable); nil means always ready.
	Ready func() error
}

// withDefaults fills the zero bounds.
func (o Options) withDefaults() Options {
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if o.MaxInFlight <= 0 {
		o.MaxInFlight = DefaultMaxInFlight
	}
	if o.RequestTimeout <= 0 {
		o.RequestTimeout = DefaultRequestTimeout
	}
	if o.ReadHeaderTimeout <= 0 {
		o.ReadHeaderTimeout = DefaultReadHeaderTimeout
	}
	if o.IdleTimeout <= 0 {
		o.IdleTimeout = DefaultIdleTimeout
	}
	if o.ShutdownGrace <= 0 {
		o.ShutdownGrace = DefaultShutdownGrace
	}
	return o
}

// ErrUnsafe is returned (wrapped) when the options would expose the
// service without TLS or without caller authentication.
var ErrUnsafe = errors.New("refusing to start unsafely")

// checkSafe refuses a non-loopback address without TLS and at least one
// caller-authentication method.
func (o Options) checkSafe() error {
	host, _, err := net.SplitHostPort(o.ListenAddress)
	if err != nil {
		return fmt.Errorf("listen-address %q: %w", o.ListenAddress, err)
	}
	if isLoopback(host) {
		return nil
	}
	var missing []string
	if o.TLSCertificateFile == "" || o.TLSPrivateKeyFile == "" {
		missing = append(missing, "TLS (tls-certificate-file and tls-private-key-file)")
	}
	if o.ClientCAFile == "" && len(o.BearerTokenHashes) == 0 {
		missing = append(missing, "caller authentication (client-ca-file and/or bearer-token-sha256)")
	}
	if len(missing) > 0 {
		return fmt.Errorf("%w: listen-address %s is not a loopback address, so the service needs %s", ErrUnsafe, o.ListenAddress, joinAnd(missing))
	}
	return nil
}

// isLoopback reports whether host names only this machine.
func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// joinAnd writes "a" or "a and b".
func joinAnd(items []string) string {
	if len(items) == 2 {
		return items[0] + " and " + items[1]
	}
	return items[0]
}
