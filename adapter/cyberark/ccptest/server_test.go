package ccptest_test

import (
	"crypto/x509"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/pamadapter/pamadapter/adapter/cyberark/ccptest"
)

func TestTheURLIsAnHTTPSLoopbackAddressWithoutTrailingSlash(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	if !strings.HasPrefix(s.URL, "https://127.0.0.1:") || strings.HasSuffix(s.URL, "/") {
		t.Fatalf("URL %q", s.URL)
	}
}

func TestIssuedClientCertificatesChainToTheServerCA(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	id, err := s.IssueClientCertificate("app1")
	if err != nil {
		t.Fatal(err)
	}
	_, err = id.Cert.Verify(x509.VerifyOptions{Roots: s.CA.Pool(), KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}})
	if err != nil || id.Cert.Subject.CommonName != "app1" {
		t.Fatalf("subject %v, verify: %v", id.Cert.Subject, err)
	}
}

func TestRequestsAreRecordedInOrderWithTheClientSerial(t *testing.T) {
	t.Parallel()
	s := newFixture(t)
	id, err := s.IssueClientCertificate("app1")
	if err != nil {
		t.Fatal(err)
	}
	c := newClient(t, s, id)
	get(t, c, accountsURL(s, "AppID=App1&Safe=Ops&Object=web-1"))
	do(t, c, http.MethodPost, s.URL+"/Other")
	get(t, newClient(t, s, nil), accountsURL(s, "AppID=App1"))

	got := s.Requests()
	if len(got) != 3 {
		t.Fatalf("%d requests recorded", len(got))
	}
	serial := id.Cert.SerialNumber.Text(16)
	want := []ccptest.Request{
		{Method: "GET", Path: "/AIMWebService/api/Accounts", RawQuery: "AppID=App1&Safe=Ops&Object=web-1", ClientSerial: serial},
		{Method: "POST", Path: "/Other", ClientSerial: serial},
		{Method: "GET", Path: "/AIMWebService/api/Accounts", RawQuery: "AppID=App1"},
	}
	for i := range want {
		if !strings.HasPrefix(got[i].RemoteAddr, "127.0.0.1:") {
			t.Errorf("request %d RemoteAddr %q", i, got[i].RemoteAddr)
		}
		got[i].RemoteAddr = ""
		if got[i] != want[i] {
			t.Errorf("request %d: got %+v\nwant %+v", i, got[i], want[i])
		}
	}
}

func TestConcurrentRequestsAndUpdatesAreSafe(t *testing.T) {
	t.Parallel()
	s := newFixture(t)
	c := clientAs(t, s, "app1")
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			object := fmt.Sprintf("obj-%d", i)
			s.AddAccount(ccptest.Account{Safe: "Load", Object: object, Content: object + "-secret"})
			s.AddApplication(ccptest.Application{AppID: "App1"})
			s.SetDelay(0)
			resp, err := c.Get(accountsURL(s, "AppID=App1&Safe=Load&Object="+object))
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Errorf("%s: status %d", object, resp.StatusCode)
			}
			_ = s.Requests()
		})
	}
	wg.Wait()
}

func TestAddApplicationReplacesTheSameAppIDIgnoringCase(t *testing.T) {
	t.Parallel()
	s := newFixture(t)
	c := clientAs(t, s, "app1")
	s.AddApplication(ccptest.Application{AppID: "APP1", Disabled: true})
	wantError(t, get(t, c, accountsURL(s, "AppID=App1&Safe=Ops&Object=web-1")), http.StatusForbidden, "APPAP008E", "suspended")
	s.AddApplication(ccptest.Application{AppID: "app1"})
	wantOK(t, get(t, c, accountsURL(s, "AppID=App1&Safe=Ops&Object=web-1")))
}
