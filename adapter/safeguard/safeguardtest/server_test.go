package safeguardtest_test

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pamadapter/pamadapter/adapter/safeguard/safeguardtest"
)

func TestUnknownRoutesAndVersionsAreNotFoundWithAnEmptyBody(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := newClient(t, f.Server, f.app)
	for _, path := range []string{
		"/",
		"/service",
		"/service/a2a",
		"/service/a2a/v4",
		"/service/a2a/v1/Credentials?type=Password",
		"/service/a2a/v5/Credentials?type=Password",
		"/service/a2a/4/Credentials?type=Password",
		"/service/a2a/v4/Credentials/ApiKey",
		"/service/a2a/v4/A2ARegistrations",
		"/service/a2a/v4/Credentials//",
		"/service/core/v4/Credentials?type=Password",
		"/service/core/v4/A2ARegistrations/abc",
		"/service/core/v4/A2ARegistrations/3/AccessRequestBroker",
		"/service/core/v4/A2ARegistrations/3/RetrievableAccounts/5",
		"/service/appliance/v4/A2AService/Status",
		"/RSTS/oauth2/token",
	} {
		t.Run(path, func(t *testing.T) {
			a := send(t, f.Server, c, call{path: path, auth: a2a(rootKey)})
			wantEmpty(t, a, http.StatusNotFound)
			if a.header.Get("X-Request-Id") == "" || a.header.Get("Date") == "" {
				t.Fatalf("headers %v", a.header)
			}
		})
	}
}

func TestAKnownRouteWithAnotherMethodIsNotAllowed(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := newClient(t, f.Server, nil) // routing comes before authentication
	for _, tc := range []struct{ method, path, allow string }{
		{http.MethodPost, "/service/a2a/v4/Credentials?type=Password", "GET"},
		{http.MethodGet, "/service/a2a/v4/Credentials/Password", "PUT"},
		{http.MethodGet, "/service/a2a/v4/AccessRequests", "POST"},
		{http.MethodDelete, "/service/core/v4/A2ARegistrations/3", "GET"},
	} {
		a := send(t, f.Server, c, call{method: tc.method, path: tc.path})
		if a.status != http.StatusMethodNotAllowed || a.header.Get("Allow") != tc.allow ||
			!strings.Contains(a.body, "does not support http method '"+tc.method+"'") {
			t.Fatalf("%s %s: got %d %v %s", tc.method, tc.path, a.status, a.header, a.body)
		}
	}
}

func TestAnswersCarryTheClockDateAndACountingRequestId(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.FixedZone("CET", 3600))
	f := newFixture(t, safeguardtest.WithClock(func() time.Time { return now }))
	c := newClient(t, f.Server, f.app)
	var last int
	for i, tc := range []call{
		{path: "/service/a2a/v4/Credentials?type=Password", auth: a2a(rootKey)},
		{path: "/service/a2a/v4/Credentials?type=Password", auth: a2a("bogus")},
		{path: "/nowhere"},
	} {
		a := send(t, f.Server, c, tc)
		if got := a.header.Get("Date"); got != "Fri, 02 Jan 2026 02:04:05 GMT" {
			t.Fatalf("Date %q", got)
		}
		id, err := strconv.Atoi(a.header.Get("X-Request-Id"))
		if err != nil || (i > 0 && id != last+1) {
			t.Fatalf("X-Request-Id %q after %d", a.header.Get("X-Request-Id"), last)
		}
		last = id
	}
}

func TestRequestsAreRecordedInOrder(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	app := newClient(t, f.Server, f.app)
	send(t, f.Server, app, call{path: "/service/a2a/v4/Credentials?type=Password", auth: a2a(rootKey)})
	send(t, f.Server, app, call{method: http.MethodPut, path: "/service/A2A/v4/Credentials/Password", auth: a2a(rootKey),
		contentType: "application/json", body: `"next"`})
	send(t, f.Server, newClient(t, f.Server, nil), call{path: "/service/core/v4/A2ARegistrations?filter=Id%20eq%203", auth: "Bearer " + adminToken})

	got := f.Requests()
	thumb := safeguardtest.Thumbprint(f.app.Cert)
	want := []safeguardtest.Request{
		{Method: "GET", Path: "/service/a2a/v4/Credentials", RawQuery: "type=Password", Authorization: "A2A " + rootKey, ClientThumbprint: thumb},
		{Method: "PUT", Path: "/service/A2A/v4/Credentials/Password", Body: `"next"`, Authorization: "A2A " + rootKey, ClientThumbprint: thumb},
		{Method: "GET", Path: "/service/core/v4/A2ARegistrations", RawQuery: "filter=Id%20eq%203", Authorization: "Bearer " + adminToken},
	}
	if len(got) != len(want) {
		t.Fatalf("%d requests recorded", len(got))
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

func TestThumbprintIsTheUpperCaseSHA1OfTheCertificate(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	id := issue(t, s, "x")
	tp := safeguardtest.Thumbprint(id.Cert)
	if len(tp) != 40 || strings.ToUpper(tp) != tp {
		t.Fatalf("thumbprint %q", tp)
	}
	if safeguardtest.Thumbprint(nil) != "" {
		t.Fatal("a nil certificate has a thumbprint")
	}
}

func TestReplacingContentTakesEffect(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := newClient(t, f.Server, f.app)
	f.AddAccount(safeguardtest.Account{Id: rootID, AssetId: linuxID, Name: "root", Password: "rotated"})
	var pw string
	decode(t, send(t, f.Server, c, call{path: "/service/a2a/v4/Credentials?type=Password", auth: a2a(rootKey)}), 200, &pw)
	if pw != "rotated" {
		t.Fatalf("password %q", pw)
	}
	f.AddRetrievableAccount(myAppID, rootID, "new-key")
	wantError(t, send(t, f.Server, c, call{path: "/service/a2a/v4/Credentials?type=Password", auth: a2a(rootKey)}), 403, 60108, "")
	f.AddRegistration(safeguardtest.Registration{Id: myAppID, AppName: "MyApp", CertificateUserId: appCertUserID, Disabled: true})
	wantError(t, send(t, f.Server, c, call{path: "/service/a2a/v4/Credentials?type=Password", auth: a2a("new-key")}), 403, 60108, "")
}

func TestConcurrentRequestsAndUpdatesAreSafe(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := newClient(t, f.Server, f.app)
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			id := 1000 + i
			key := fmt.Sprintf("k-%d", i)
			f.AddAccount(safeguardtest.Account{Id: id, AssetId: linuxID, Name: key, Password: key + "-pw"})
			f.AddRetrievableAccount(myAppID, id, key)
			req, _ := http.NewRequest(http.MethodPut, f.URL+"/service/a2a/v4/Credentials/Password", strings.NewReader(`"w-`+key+`"`))
			req.Header.Set("Authorization", a2a(key))
			req.Header.Set("Content-Type", "application/json")
			resp, err := c.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusNoContent || f.Password(id) != "w-"+key {
				t.Errorf("%s: status %d, stored %q", key, resp.StatusCode, f.Password(id))
			}
			_ = f.Requests()
		})
	}
	wg.Wait()
}
