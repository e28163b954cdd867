package adapter

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net/http"
	"os"
	"time"
)

// DefaultMaxBodyBytes caps how much of a vault's answer is read.
const DefaultMaxBodyBytes = 4 << 20

// maxIdleConnsPerHost is how many idle connections to one vault are kept.
const maxIdleConnsPerHost = 64

// ClientConfig is what the HTTP client recipe needs.
type ClientConfig struct {
	// CAFile names a PEM bundle of the CAs to trust for the vault's server
	// certificate; empty means the system's roots.
	CAFile string
	// InsecureSkipVerify turns server certificate checks off. Only a
	// configuration that says so in plain words sets it.
	InsecureSkipVerify bool
	// Certificate is the client identity, sent whenever the server asks,
	// whatever CAs it names as acceptable.
	Certificate *tls.Certificate
	// Timeout bounds the whole exchange, body included.
	Timeout time.Duration
}

// NewHTTPClient builds the client every provider uses: TLS 1.2 or later,
// verified unless told otherwise, the client certificate always sent, one
// renegotiation allowed (IIS and Safeguard ask for certificates that way),
// HTTP/1.1 only (renegotiation does not exist in HTTP/2), proxies from the
// environment, and redirects never followed (a 3xx is reported as it is,
// so no credential travels to another host).
func NewHTTPClient(cc ClientConfig) (*http.Client, error) {
	tlsConfig := &tls.Config{
		MinVersion:         tls.VersionTLS12,
		Renegotiation:      tls.RenegotiateOnceAsClient,
		InsecureSkipVerify: cc.InsecureSkipVerify, //nolint:gosec // only when the configuration says so in plain words
		NextProtos:         []string{"http/1.1"},
	}
	if cc.CAFile != "" {
		pool, err := loadCAFile(cc.CAFile)
		if err != nil {
			return nil, err
		}
		tlsConfig.RootCAs = pool
	}
	if cc.Certificate != nil {
		cert := cc.Certificate
		tlsConfig.GetClientCertificate = func(*tls.CertificateRequestInfo) (*tls.Certificate, error) {
			return cert, nil
		}
	}
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.TLSClientConfig = tlsConfig
	// A long-running service calls one vault from many requests at once:
	// keep enough idle connections that they are reused rather than
	// renegotiated (the default keeps 2 per host).
	transport.MaxIdleConns = maxIdleConnsPerHost * 4
	transport.MaxIdleConnsPerHost = maxIdleConnsPerHost
	transport.ForceAttemptHTTP2 = false
	transport.TLSNextProto = map[string]func(string, *tls.Conn) http.RoundTripper{}
	var protocols http.Protocols
	protocols.SetHTTP1(true)
	transport.Protocols = &protocols
	return &http.Client{
		Transport: transport,
		Timeout:   cc.Timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}, nil
}

// loadCAFile reads a PEM bundle into a pool.
func loadCAFile(path string) (*x509.CertPool, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, Errorf(CodeInvalidConfig, "ca-file: %w", err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(data) {
		return nil, Errorf(CodeInvalidConfig, "ca-file: %s holds no PEM certificate", path)
	}
	return pool, nil
}

// describeDuration writes a timeout the way an operator configured it.
func describeDuration(d time.Duration) string {
	if d%time.Second == 0 {
		return fmt.Sprintf("%ds", int(d/time.Second))
	}
	return d.String()
}
