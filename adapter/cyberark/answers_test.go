package cyberark

import (
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sirupsen/logrus"

	"github.com/pamadapter/pamadapter/adapter"
	"github.com/pamadapter/pamadapter/internal/testpki"
	"github.com/pamadapter/pamadapter/schema"
	"github.com/pamadapter/pamadapter/schema/xmlenc"
)

// server is a TLS server that answers every request with handler, and the
// files a call to it needs.
type server struct {
	url, dir string
	ring     *xmlenc.Keyring
}

// newServer starts handler on loopback TLS with a certificate from a test CA.
func newServer(t *testing.T, handler http.HandlerFunc) *server {
	t.Helper()
	ca, err := testpki.NewCA("answers test CA")
	if err != nil {
		t.Fatal(err)
	}
	srvCert, err := ca.IssueServer()
	if err != nil {
		t.Fatal(err)
	}
	client, err := ca.IssueClient("client")
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewUnstartedServer(handler)
	ts.TLS = &tls.Config{Certificates: []tls.Certificate{srvCert.TLS}, ClientAuth: tls.RequestClientCert}
	ts.Config.ErrorLog = log.New(io.Discard, "", 0)
	ts.StartTLS()
	t.Cleanup(ts.Close)
	dir := t.TempDir()
	for name, data := range map[string][]byte{"ca.pem": ca.CertPEM, "client.crt": client.CertPEM, "client.key": client.KeyPEM} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	key, err := xmlenc.NewKey("k", make([]byte, 32))
	if err != nil {
		t.Fatal(err)
	}
	ring, err := xmlenc.NewKeyring(key)
	if err != nil {
		t.Fatal(err)
	}
	return &server{url: ts.URL, dir: dir, ring: ring}
}

// call runs ccp-aim-get-password against s.
func (s *server) call(t *testing.T) (*adapter.Answer, error) {
	t.Helper()
	section := fmt.Sprintf(`<cyberark><aim-endpoint-url>%s</aim-endpoint-url><ca-file>ca.pem</ca-file>
<certificate-file>client.crt</certificate-file><private-key-file>client.key</private-key-file><request-timeout>5</request-timeout></cyberark>`, s.url)
	cfgValues := checkXML(t, configSpec(), section, s.dir)
	reqValues := checkXML(t, getPasswordSpec(), `<r><app-id>App1</app-id><query>Safe=S;Object=O</query></r>`, s.dir)
	log := logrus.New()
	log.Out = &strings.Builder{}
	return getPassword(context.Background(), &adapter.Call{Operation: OperationGetPassword, Request: reqValues, Config: cfgValues, Keyring: s.ring, Log: log})
}

// checkXML reads the children of a small document against spec.
func checkXML(t *testing.T, spec *schema.Spec, doc, dir string) *schema.Values {
	t.Helper()
	root, err := schema.ParseDocument([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	fields, err := schema.ReadFields(root)
	if err != nil {
		t.Fatal(err)
	}
	v, err := spec.Check(fields, "", dir)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestAnswersThatAreNotCCPJSON(t *testing.T) {
	tests := []struct {
		name     string
		status   int
		header   string
		body     string
		wantCode adapter.Code // "" = passed through
		wantIn   string
	}{
		{"an IIS 403.7 page is passed through with its status", 403, "text/html",
			"<html><body><h2>403.7 - Forbidden: Client certificate required.</h2></body></html>", "", "403.7"},
		{"a 500 proxy page is passed through", 502, "text/html", "<h1>Bad Gateway</h1>", "", "Bad Gateway"},
		{"a 200 answer that is not JSON is a protocol error", 200, "text/html", "<html>login page</html>", adapter.CodeProviderProtocol, "not a JSON object"},
		{"a 200 answer that is a JSON array is a protocol error", 200, "application/json", `["Content"]`, adapter.CodeProviderProtocol, "not a JSON object"},
		{"a 200 answer with a raw control byte in a string is a protocol error", 200, "application/json", "{\"Content\":\"x\",\"Note\":\"\x00\"}", adapter.CodeProviderProtocol, "not a JSON object"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", tt.header)
				w.WriteHeader(tt.status)
				_, _ = w.Write([]byte(tt.body))
			})
			answer, err := s.call(t)
			if tt.wantCode != "" {
				if !adapter.IsCode(err, tt.wantCode) || !strings.Contains(err.Error(), tt.wantIn) {
					t.Fatalf("got %v, want %s mentioning %q", err, tt.wantCode, tt.wantIn)
				}
				return
			}
			if err != nil {
				t.Fatalf("got %v, want the answer", err)
			}
			if answer.StatusCode != tt.status || !strings.Contains(string(answer.Body), tt.wantIn) {
				t.Errorf("got %d %q", answer.StatusCode, answer.Body)
			}
		})
	}
}

func TestRedirectsAreReportedNotFollowed(t *testing.T) {
	followed := false
	s := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/elsewhere" {
			followed = true
		}
		http.Redirect(w, r, "/elsewhere", http.StatusFound)
	})
	answer, err := s.call(t)
	if err != nil {
		t.Fatal(err)
	}
	if followed || answer.StatusCode != http.StatusFound {
		t.Errorf("followed %v, status %d; want the 302 reported as it is", followed, answer.StatusCode)
	}
}

func TestAnOversizedAnswerIsAProtocolError(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"Content":"x","Pad":"` + strings.Repeat("a", adapter.DefaultMaxBodyBytes) + `"}`))
	})
	if _, err := s.call(t); !adapter.IsCode(err, adapter.CodeProviderProtocol) || !strings.Contains(err.Error(), "larger than") {
		t.Fatalf("got %v, want PROVIDER_PROTOCOL for a body over the cap", err)
	}
}

func TestTheClientCertificateIsSentOverHTTP11(t *testing.T) {
	var proto string
	var certs int
	s := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		proto, certs = r.Proto, len(r.TLS.PeerCertificates)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"Content":"pw"}`))
	})
	if _, err := s.call(t); err != nil {
		t.Fatal(err)
	}
	if proto != "HTTP/1.1" || certs == 0 {
		t.Errorf("protocol %s with %d client certificates; want HTTP/1.1 with the client certificate", proto, certs)
	}
}
