package simserver_test

import (
	"crypto/tls"
	"crypto/x509"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pamadapter/pamadapter/internal/simserver"
	"github.com/pamadapter/pamadapter/internal/testpki"
)

// start starts a server whose handler answers with the common name of the
// client certificate, "-" without one.
func start(t *testing.T, cfg simserver.Config) *simserver.Server {
	t.Helper()
	if cfg.Handler == nil {
		cfg.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			name := "-"
			if c := simserver.ClientCertificate(r); c != nil {
				name = c.Subject.CommonName
			}
			_, _ = io.WriteString(w, name)
		})
	}
	s := new(simserver.Server)
	if err := s.Start(cfg); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

// get requests path from s, presenting id when it is not nil.
func get(t *testing.T, s *simserver.Server, id *testpki.Issued, path string) (*http.Response, string, error) {
	t.Helper()
	cfg := &tls.Config{RootCAs: s.CA.Pool(), NextProtos: []string{"h2", "http/1.1"}}
	if id != nil {
		cfg.Certificates = []tls.Certificate{id.TLS}
	}
	tr := &http.Transport{TLSClientConfig: cfg, ForceAttemptHTTP2: true}
	defer tr.CloseIdleConnections()
	resp, err := (&http.Client{Transport: tr, Timeout: 10 * time.Second}).Get(s.URL + path)
	if err != nil {
		return nil, "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return resp, string(body), err
}

func TestClientCertificatesAreOptionalButMustChainToATrustedCA(t *testing.T) {
	t.Parallel()
	other, err := testpki.NewCA("other CA")
	if err != nil {
		t.Fatal(err)
	}
	foreign, err := other.IssueClient("foreign")
	if err != nil {
		t.Fatal(err)
	}
	s := start(t, simserver.Config{CAName: "test CA"})
	if !strings.HasPrefix(s.URL, "https://127.0.0.1:") || s.CA.Cert.Subject.CommonName != "test CA" {
		t.Fatalf("URL %q, CA %v", s.URL, s.CA.Cert.Subject)
	}
	own, err := s.CA.IssueClient("own")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		id   *testpki.Issued
		want string
	}{{nil, "-"}, {own, "own"}} {
		resp, body, err := get(t, s, tc.id, "/")
		if err != nil || body != tc.want || resp.Proto != "HTTP/1.1" {
			t.Fatalf("got %q (%v), want %q over HTTP/1.1", body, err, tc.want)
		}
	}
	if _, _, err := get(t, s, foreign, "/"); err == nil || !strings.Contains(err.Error(), "tls: ") {
		t.Fatalf("a certificate of an untrusted CA: %v, want a TLS alert", err)
	}
	trusting := start(t, simserver.Config{CAName: "test CA", ExtraClientCAs: []*x509.Certificate{other.Cert}})
	if _, body, err := get(t, trusting, foreign, "/"); err != nil || body != "foreign" {
		t.Fatalf("with the other CA trusted: %q (%v)", body, err)
	}
}

func TestTLSBelow12IsRefused(t *testing.T) {
	t.Parallel()
	s := start(t, simserver.Config{CAName: "test CA"})
	tr := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: s.CA.Pool(), MaxVersion: tls.VersionTLS11}}
	defer tr.CloseIdleConnections()
	if resp, err := (&http.Client{Transport: tr}).Get(s.URL); err == nil {
		resp.Body.Close()
		t.Fatal("a TLS 1.1 handshake succeeded")
	}
}

func TestCloseEndsDoneAndWaitsForRunningHandlers(t *testing.T) {
	t.Parallel()
	s := new(simserver.Server)
	entered, returned := make(chan struct{}), make(chan struct{})
	err := s.Start(simserver.Config{CAName: "test CA", Handler: http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		close(entered)
		<-s.Done()
		time.Sleep(50 * time.Millisecond)
		close(returned)
	})})
	if err != nil {
		t.Fatal(err)
	}
	go func() { _, _, _ = get(t, s, nil, "/") }()
	<-entered
	s.Close()
	select {
	case <-returned:
	default:
		t.Fatal("Close returned before the handler")
	}
	s.Close() // a second Close is harmless
}

func TestAnUnstartedServerIsInert(t *testing.T) {
	t.Parallel()
	var s simserver.Server
	if s.Done() != nil {
		t.Fatal("Done is not nil before Start")
	}
	s.Close()
}

func TestStartFailsOnAnAddressThatCannotBeListened(t *testing.T) {
	t.Parallel()
	var s simserver.Server
	if err := s.Start(simserver.Config{Addr: "256.0.0.1:0", CAName: "test CA"}); err == nil {
		s.Close()
		t.Fatal("Start succeeded")
	}
}
