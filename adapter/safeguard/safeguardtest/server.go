package safeguardtest

import (
	"crypto/sha1"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/pamadapter/pamadapter/internal/simserver"
	"github.com/pamadapter/pamadapter/internal/testpki"
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

	store store
	sim   simserver.Server // started by NewServer
}

// NewServer starts a simulator with a fresh CA and server certificate and no
// content, and returns it serving. Call Close when done.
func NewServer(opts ...Option) (*Server, error) {
	s := &Server{now: time.Now}
	for _, opt := range opts {
		if opt != nil {
			opt(s)
		}
	}
	// Like the appliance's HttpSys host (HTTP/1.1 only, as it needs for client
	// certificates) the server asks for a client certificate without
	// requiring one: a certificate that does not chain to a trusted CA fails
	// the handshake, a missing one is answered per request (401 60094).
	err := s.sim.Start(simserver.Config{
		Addr:           s.addr,
		CAName:         "safeguardtest CA",
		ExtraClientCAs: s.extraClientCAs,
		Handler:        http.HandlerFunc(s.route),
	})
	if err != nil {
		return nil, fmt.Errorf("safeguardtest: %w", err)
	}
	s.URL, s.CA = s.sim.URL, s.sim.CA
	return s, nil
}

// Close stops the server: it closes the listener and every connection and
// returns once all handlers have returned. Close may be called more than
// once.
func (s *Server) Close() {
	s.sim.Close() // does nothing when s was not made by NewServer
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
