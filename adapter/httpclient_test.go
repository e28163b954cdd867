package adapter

import (
	"crypto/tls"
	"net/http"
	"testing"
)

// Go servers never renegotiate, so the renegotiation setting is checked on
// the client's configuration itself.
func TestTheHTTPClientAllowsOneRenegotiationOverHTTP11WithTLS12(t *testing.T) {
	cert := &tls.Certificate{}
	client, err := NewHTTPClient(ClientConfig{Certificate: cert})
	if err != nil {
		t.Fatal(err)
	}
	tr := client.Transport.(*http.Transport)
	cfg := tr.TLSClientConfig
	if cfg.Renegotiation != tls.RenegotiateOnceAsClient {
		t.Errorf("renegotiation %v, want once as client", cfg.Renegotiation)
	}
	if cfg.MinVersion != tls.VersionTLS12 || cfg.InsecureSkipVerify {
		t.Errorf("min version %x, insecure %v", cfg.MinVersion, cfg.InsecureSkipVerify)
	}
	if tr.ForceAttemptHTTP2 || tr.Protocols.HTTP2() || len(cfg.NextProtos) != 1 || cfg.NextProtos[0] != "http/1.1" {
		t.Errorf("HTTP/2 is not off: force %v, protocols %v, ALPN %v", tr.ForceAttemptHTTP2, tr.Protocols, cfg.NextProtos)
	}
	// The certificate goes out whatever CAs the server names as acceptable.
	got, err := cfg.GetClientCertificate(&tls.CertificateRequestInfo{AcceptableCAs: [][]byte{[]byte("some other CA")}})
	if err != nil || got != cert {
		t.Errorf("GetClientCertificate gave %v, %v; want the configured certificate", got, err)
	}
	if client.CheckRedirect(nil, nil) != http.ErrUseLastResponse {
		t.Error("redirects are followed")
	}
}

func TestAMissingCAFileIsAConfigurationError(t *testing.T) {
	_, err := NewHTTPClient(ClientConfig{CAFile: "/nonexistent/ca.pem"})
	if !IsCode(err, CodeInvalidConfig) {
		t.Fatalf("got %v, want INVALID_CONFIG", err)
	}
}
