package safeguardtest_test

import (
	"crypto/tls"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pamadapter/pamadapter/adapter/safeguard/safeguardtest"
	"github.com/pamadapter/pamadapter/internal/testpki"
)

func TestTheURLIsAnHTTPSLoopbackAddressWithoutTrailingSlash(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	if !strings.HasPrefix(s.URL, "https://127.0.0.1:") || strings.HasSuffix(s.URL, "/") {
		t.Fatalf("URL %q", s.URL)
	}
}

func TestAnUntrustedClientCertificateFailsTheHandshake(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	other, err := testpki.NewCA("another CA")
	if err != nil {
		t.Fatal(err)
	}
	foreign, err := other.IssueClient("app")
	if err != nil {
		t.Fatal(err)
	}
	expired, err := f.CA.Issue(testpki.Template{
		CommonName: "app", ClientAuth: true,
		NotBefore: time.Now().Add(-48 * time.Hour), NotAfter: time.Now().Add(-24 * time.Hour),
	})
	if err != nil {
		t.Fatal(err)
	}
	serverOnly, err := f.CA.IssueServer()
	if err != nil {
		t.Fatal(err)
	}
	for name, id := range map[string]*testpki.Issued{
		"a certificate from another CA":               foreign,
		"an expired certificate from the server's CA": expired,
		"a certificate without the client-auth usage": serverOnly,
	} {
		t.Run(name+" is refused in the handshake", func(t *testing.T) {
			resp, err := newClient(t, f.Server, id).Get(f.URL + "/service/a2a/v4/Credentials?type=Password")
			if err == nil {
				resp.Body.Close()
				t.Fatalf("the request succeeded with status %d", resp.StatusCode)
			}
			if !strings.Contains(err.Error(), "tls: ") {
				t.Fatalf("error %v, want a TLS alert", err)
			}
		})
	}
	if n := len(f.Requests()); n != 0 {
		t.Fatalf("%d requests reached the handler", n)
	}
}

func TestWithClientCAsTrustsCertificatesOfAnotherCA(t *testing.T) {
	t.Parallel()
	other, err := testpki.NewCA("another CA")
	if err != nil {
		t.Fatal(err)
	}
	id, err := other.IssueClient("foreign")
	if err != nil {
		t.Fatal(err)
	}
	s := newServer(t, safeguardtest.WithClientCAs(other.Cert))
	s.AddCertificateUser(safeguardtest.CertificateUser{Id: 1, Name: "foreign", Thumbprint: safeguardtest.Thumbprint(id.Cert)})
	s.AddAsset(safeguardtest.Asset{Id: 1, Name: "a"})
	s.AddAccount(safeguardtest.Account{Id: 1, AssetId: 1, Name: "x", Password: "pw"})
	s.AddRegistration(safeguardtest.Registration{Id: 1, AppName: "A", CertificateUserId: 1})
	s.AddRetrievableAccount(1, 1, "k")
	a := send(t, s, newClient(t, s, id), call{path: "/service/a2a/v4/Credentials?type=Password", auth: a2a("k")})
	if a.status != http.StatusOK || a.body != `"pw"` {
		t.Fatalf("got %d %s", a.status, a.body)
	}
}

func TestTheServerSpeaksOnlyHTTP1OverTLS12OrLater(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	t.Run("a client offering h2 gets HTTP/1.1", func(t *testing.T) {
		tr := &http.Transport{ForceAttemptHTTP2: true, TLSClientConfig: &tls.Config{
			RootCAs: f.CA.Pool(), Certificates: []tls.Certificate{f.app.TLS}, NextProtos: []string{"h2", "http/1.1"},
		}}
		defer tr.CloseIdleConnections()
		req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, f.URL+"/service/a2a/v4/Credentials?type=Password", nil)
		req.Header.Set("Authorization", a2a(rootKey))
		resp, err := (&http.Client{Transport: tr}).Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.Proto != "HTTP/1.1" || resp.TLS.NegotiatedProtocol == "h2" || resp.StatusCode != http.StatusOK {
			t.Fatalf("protocol %s, ALPN %q, status %d", resp.Proto, resp.TLS.NegotiatedProtocol, resp.StatusCode)
		}
	})
	t.Run("a TLS 1.1 client is refused", func(t *testing.T) {
		tr := &http.Transport{TLSClientConfig: &tls.Config{
			RootCAs: f.CA.Pool(), MinVersion: tls.VersionTLS10, MaxVersion: tls.VersionTLS11,
		}}
		defer tr.CloseIdleConnections()
		resp, err := (&http.Client{Transport: tr}).Get(f.URL + "/service/a2a/v4/Credentials")
		if err == nil {
			resp.Body.Close()
			t.Fatal("a TLS 1.1 handshake succeeded")
		}
	})
}

func TestCloseStopsTheServerAndMayBeRepeated(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := newClient(t, f.Server, f.app)
	if a := send(t, f.Server, c, call{path: "/service/a2a/v4/Credentials?type=Password", auth: a2a(rootKey)}); a.status != 200 {
		t.Fatalf("status %d", a.status)
	}
	f.Close()
	f.Close()
	resp, err := c.Get(f.URL + "/service/a2a/v4/Credentials?type=Password")
	if err == nil {
		resp.Body.Close()
		t.Fatalf("a request after Close got status %d", resp.StatusCode)
	}
	var zero safeguardtest.Server
	zero.Close() // a Server not made by NewServer has nothing to stop
}
