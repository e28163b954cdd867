package config

import (
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"time"

	"github.com/antchfx/xmlquery"

	"github.com/pamadapter/pamadapter/schema"
)

// DefaultListenAddress is where serve listens when the configuration names
// no address: loopback only, where plain HTTP without caller
// authentication is allowed.
const DefaultListenAddress = "127.0.0.1:8080"

// Server holds the <server> section: how `pamadapter serve` listens, whom
// it serves and what it bounds.
type Server struct {
	ListenAddress                         string
	TLSCertificateFile, TLSPrivateKeyFile string
	ClientCAFile                          string
	// BearerTokenSHA256 are the hex SHA-256 hashes of the accepted tokens.
	BearerTokenSHA256 []string
	// AllowedIdentityDirs confine the identity files requests may name.
	AllowedIdentityDirs []string
	MaxInFlight         int
	MaxRequestBytes     int64
	RequestDeadline     time.Duration
	ReadHeaderTimeout   time.Duration
	IdleTimeout         time.Duration
	ShutdownGrace       time.Duration
}

// serverSpec lists the elements of <server>.
var serverSpec = &schema.Spec{
	Elements: []schema.Element{
		{Name: "listen-address", Check: checkHostPort},
		{Name: "tls-certificate-file", Kind: schema.KindPath},
		{Name: "tls-private-key-file", Kind: schema.KindPath},
		{Name: "client-ca-file", Kind: schema.KindPath},
		{Name: "bearer-token-sha256", Repeatable: true, Check: checkSHA256Hex},
		{Name: "allowed-identity-dir", Kind: schema.KindPath, Repeatable: true},
		{Name: "max-in-flight", Kind: schema.KindInt, Check: checkAtLeastOne},
		{Name: "max-request-bytes", Kind: schema.KindInt, Check: checkAtLeastOne},
		{Name: "request-deadline", Kind: schema.KindSeconds},
		{Name: "read-header-timeout", Kind: schema.KindSeconds},
		{Name: "idle-timeout", Kind: schema.KindSeconds},
		{Name: "shutdown-grace", Kind: schema.KindSeconds},
	},
	CheckAll: func(v *schema.Values) error {
		if v.Has("tls-certificate-file") != v.Has("tls-private-key-file") {
			return &schema.ElementError{Element: "server/tls-certificate-file", Problem: "give tls-certificate-file and tls-private-key-file together"}
		}
		if v.Has("client-ca-file") && !v.Has("tls-certificate-file") {
			return &schema.ElementError{Element: "server/client-ca-file", Problem: "client certificates need TLS: give tls-certificate-file and tls-private-key-file"}
		}
		return nil
	},
}

// readServer reads <server>.
func (c *Config) readServer(n *xmlquery.Node) []error {
	fields, errs := readFields(n)
	read := errs
	v, err := serverSpec.Check(fields, "server", c.Dir)
	if err != nil {
		return append(errs, notAgain(unjoin(err), read)...)
	}
	c.Server = Server{
		ListenAddress:       v.Text("listen-address"),
		TLSCertificateFile:  v.Text("tls-certificate-file"),
		TLSPrivateKeyFile:   v.Text("tls-private-key-file"),
		ClientCAFile:        v.Text("client-ca-file"),
		BearerTokenSHA256:   v.All("bearer-token-sha256"),
		AllowedIdentityDirs: v.All("allowed-identity-dir"),
		MaxInFlight:         v.Int("max-in-flight", 0),
		MaxRequestBytes:     int64(v.Int("max-request-bytes", 0)),
		RequestDeadline:     v.Seconds("request-deadline", 0),
		ReadHeaderTimeout:   v.Seconds("read-header-timeout", 0),
		IdleTimeout:         v.Seconds("idle-timeout", 0),
		ShutdownGrace:       v.Seconds("shutdown-grace", 0),
	}
	if c.Server.ListenAddress == "" {
		c.Server.ListenAddress = DefaultListenAddress
	}
	return errs
}

// checkHostPort accepts host:port.
func checkHostPort(v string) error {
	if _, _, err := net.SplitHostPort(v); err != nil {
		return fmt.Errorf("must be host:port (like 127.0.0.1:8443), not %q", v)
	}
	return nil
}

// checkSHA256Hex accepts 64 hex digits (the token itself never belongs
// here: `printf %s "$TOKEN" | sha256sum`).
func checkSHA256Hex(v string) error {
	if b, err := hex.DecodeString(v); err != nil || len(b) != 32 {
		return errors.New("must be the 64 hex digits of the token's SHA-256 (printf %s \"$TOKEN\" | sha256sum), never the token")
	}
	return nil
}

// checkAtLeastOne refuses 0.
func checkAtLeastOne(v string) error {
	if v == "0" {
		return errors.New("must be at least 1")
	}
	return nil
}
