package ccptest_test

import (
	"crypto/tls"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pamadapter/pamadapter/adapter/cyberark/ccptest"
	"github.com/pamadapter/pamadapter/internal/testpki"
)

// wantPage checks an IIS HTML error page.
func wantPage(t *testing.T, a answer, status int, heading string) {
	t.Helper()
	if a.status != status || !strings.Contains(a.body, "<h2>"+heading+"</h2>") {
		t.Fatalf("got %d %s\nwant %d with heading %q", a.status, a.body, status, heading)
	}
	if ct := a.header.Get("Content-Type"); ct != "text/html" {
		t.Errorf("Content-Type %q, want text/html", ct)
	}
	if sv := a.header.Get("Server"); sv != "Microsoft-IIS/10.0" {
		t.Errorf("Server %q", sv)
	}
}

func TestARequestWithoutAClientCertificateGetsTheIIS4037Page(t *testing.T) {
	t.Parallel()
	s := newFixture(t)
	a := get(t, newClient(t, s, nil), accountsURL(s, "AppID=App1&Safe=Ops&Object=web-1"))
	wantPage(t, a, http.StatusForbidden, "403.7 - Forbidden: Client certificate required.")
	if strings.Contains(a.body, web1.Content) {
		t.Fatal("the 403.7 page holds account Content")
	}
}

func TestAnUntrustedClientCertificateFailsTheHandshake(t *testing.T) {
	t.Parallel()
	s := newFixture(t)
	other, err := testpki.NewCA("another CA")
	if err != nil {
		t.Fatal(err)
	}
	foreign, err := other.IssueClient("app1")
	if err != nil {
		t.Fatal(err)
	}
	expired, err := s.CA.Issue(testpki.Template{
		CommonName: "app1", ClientAuth: true,
		NotBefore: time.Now().Add(-48 * time.Hour), NotAfter: time.Now().Add(-24 * time.Hour),
	})
	if err != nil {
		t.Fatal(err)
	}
	serverOnly, err := s.CA.IssueServer()
	if err != nil {
		t.Fatal(err)
	}
	for name, id := range map[string]*testpki.Issued{
		"a certificate from another CA":               foreign,
		"an expired certificate from the server's CA": expired,
		"a certificate without the client-auth usage": serverOnly,
	} {
		t.Run(name+" is refused in the handshake", func(t *testing.T) {
			resp, err := newClient(t, s, id).Get(accountsURL(s, "AppID=App1&Safe=Ops&Object=web-1"))
			if err == nil {
				resp.Body.Close()
				t.Fatalf("the request succeeded with status %d", resp.StatusCode)
			}
			if !strings.Contains(err.Error(), "tls: ") {
				t.Fatalf("error %v, want a TLS alert", err)
			}
		})
	}
	if n := len(s.Requests()); n != 0 {
		t.Fatalf("%d requests reached the handler", n)
	}
}

func TestTheServerSpeaksOnlyHTTP1OverTLS12OrLater(t *testing.T) {
	t.Parallel()
	s := newFixture(t)
	id, err := s.IssueClientCertificate("app1")
	if err != nil {
		t.Fatal(err)
	}
	t.Run("a client offering h2 gets HTTP/1.1", func(t *testing.T) {
		tr := &http.Transport{ForceAttemptHTTP2: true, TLSClientConfig: &tls.Config{
			RootCAs: s.CA.Pool(), Certificates: []tls.Certificate{id.TLS}, NextProtos: []string{"h2", "http/1.1"},
		}}
		defer tr.CloseIdleConnections()
		resp, err := (&http.Client{Transport: tr}).Get(accountsURL(s, "AppID=App1&Safe=Ops&Object=web-1"))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.Proto != "HTTP/1.1" || resp.TLS.NegotiatedProtocol == "h2" {
			t.Fatalf("protocol %s, ALPN %q", resp.Proto, resp.TLS.NegotiatedProtocol)
		}
	})
	t.Run("a TLS 1.1 client is refused", func(t *testing.T) {
		tr := &http.Transport{TLSClientConfig: &tls.Config{
			RootCAs: s.CA.Pool(), Certificates: []tls.Certificate{id.TLS}, MaxVersion: tls.VersionTLS11,
		}}
		defer tr.CloseIdleConnections()
		resp, err := (&http.Client{Transport: tr}).Get(accountsURL(s, "AppID=App1&Safe=Ops&Object=web-1"))
		if err == nil {
			resp.Body.Close()
			t.Fatal("a TLS 1.1 handshake succeeded")
		}
	})
	t.Run("the certificate is valid for localhost too", func(t *testing.T) {
		url := strings.Replace(accountsURL(s, "AppID=App1&Safe=Ops&Object=web-1"), "127.0.0.1", "localhost", 1)
		wantOK(t, get(t, newClient(t, s, id), url))
	})
}

func TestPathsOutsideTheAccountsAPIGetIISPages(t *testing.T) {
	t.Parallel()
	s := newFixture(t)
	c := clientAs(t, s, "app1")
	for _, tc := range []struct {
		name, method, path string
		status             int
		heading            string
	}{
		{"a wrong web service name is not found", "GET", "/AIMWebServiceX/api/Accounts?AppID=App1&Object=web-1", 404, "404 - File or directory not found."},
		{"the site root is not found", "GET", "/", 404, "404 - File or directory not found."},
		{"another path in the application is not found", "GET", "/AIMWebService/v1.1/aim.asmx", 404, "404 - File or directory not found."},
		{"POST on the Accounts path is not allowed", "POST", "/AIMWebService/api/Accounts?AppID=App1&Object=web-1", 405, "405 - HTTP verb used to access this page is not allowed."},
		{"DELETE on the Accounts path is not allowed", "DELETE", "/AIMWebService/api/Accounts", 405, "405 - HTTP verb used to access this page is not allowed."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := do(t, c, tc.method, s.URL+tc.path)
			wantPage(t, a, tc.status, tc.heading)
			if tc.status == http.StatusMethodNotAllowed && a.header.Get("Allow") != "GET" {
				t.Errorf("Allow %q", a.header.Get("Allow"))
			}
		})
	}
}

func TestAPathOutsideTheApplicationIsNotFoundEvenWithoutACertificate(t *testing.T) {
	t.Parallel()
	s := newFixture(t)
	a := get(t, newClient(t, s, nil), s.URL+"/Other/api/Accounts?AppID=App1")
	wantPage(t, a, http.StatusNotFound, "404 - File or directory not found.")
}

func TestACustomWebServiceNameIsMatchedCaseInsensitively(t *testing.T) {
	t.Parallel()
	s := newFixture(t, ccptest.WithWebServiceName("AIMWebService_Cert"))
	c := clientAs(t, s, "app1")
	t.Run("the custom name in another case with a trailing slash answers", func(t *testing.T) {
		wantOK(t, get(t, c, s.URL+"/aimwebservice_cert/API/accounts/?AppID=App1&Safe=Ops&Object=web-1"))
	})
	t.Run("the default name is then not found", func(t *testing.T) {
		wantPage(t, get(t, c, accountsURL(s, "AppID=App1&Safe=Ops&Object=web-1")), 404, "404 - File or directory not found.")
	})
}

func TestNewServerRefusesUnusableOptions(t *testing.T) {
	t.Parallel()
	for name, opt := range map[string]ccptest.Option{
		"an empty web service name":          ccptest.WithWebServiceName(""),
		"a web service name with a slash":    ccptest.WithWebServiceName("a/b"),
		"an address that cannot be listened": ccptest.WithAddr("256.0.0.1:0"),
	} {
		t.Run(name, func(t *testing.T) {
			if s, err := ccptest.NewServer(opt); err == nil {
				s.Close()
				t.Fatal("NewServer succeeded")
			}
		})
	}
}
