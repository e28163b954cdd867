package ccptest_test

import (
	"crypto/tls"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pamadapter/pamadapter/adapter/cyberark/ccptest"
	"github.com/pamadapter/pamadapter/internal/testpki"
)

// The accounts of the standard fixture.
var (
	dbAdmin = ccptest.Account{
		Safe: "Finance", Object: "db-admin", UserName: "sa", Address: "db1.example.test",
		Database: "payroll", PolicyID: "MSSQL", DeviceType: "Database", Content: "db-admin-secret",
		Properties: []ccptest.Property{{Name: "LogonDomain", Value: "EXAMPLE"}, {Name: "Environment", Value: "prod"}},
	}
	nested  = ccptest.Account{Safe: "Finance", Folder: `Root\Sub`, Object: "nested", Content: "nested-secret"}
	web1    = ccptest.Account{Safe: "Ops", Object: "web-1", UserName: "root", Address: "10.0.0.1", Content: "web-1-secret"}
	web2    = ccptest.Account{Safe: "Ops", Object: "web-2", UserName: "root", Address: "10.0.0.2", Content: "web-2-secret"}
	busy    = ccptest.Account{Safe: "Ops", Object: "changing", PasswordChangeInProcess: true, Content: "busy-secret"}
	special = ccptest.Account{Safe: "Special", Object: "my object+1 & more", Content: "line1\nline2 \"quoted\" <tag> & amp\\"}
)

// newServer starts a simulator that is closed when the test ends.
func newServer(t *testing.T, opts ...ccptest.Option) *ccptest.Server {
	t.Helper()
	s, err := ccptest.NewServer(opts...)
	if err != nil {
		t.Fatalf("NewServer: %v", err)
	}
	t.Cleanup(s.Close)
	return s
}

// newFixture starts a simulator holding application App1 (no rules) and the
// standard accounts.
func newFixture(t *testing.T, opts ...ccptest.Option) *ccptest.Server {
	t.Helper()
	s := newServer(t, opts...)
	s.AddApplication(ccptest.Application{AppID: "App1"})
	for _, a := range []ccptest.Account{dbAdmin, nested, web1, web2, busy, special} {
		s.AddAccount(a)
	}
	return s
}

// newClient returns a client that trusts s and presents id; nil id means no
// client certificate.
func newClient(t *testing.T, s *ccptest.Server, id *testpki.Issued) *http.Client {
	t.Helper()
	cfg := &tls.Config{RootCAs: s.CA.Pool(), MinVersion: tls.VersionTLS12}
	if id != nil {
		cfg.Certificates = []tls.Certificate{id.TLS}
	}
	tr := &http.Transport{TLSClientConfig: cfg}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: tr, Timeout: 20 * time.Second}
}

// clientAs returns a client presenting a new certificate CN=commonName from s.
func clientAs(t *testing.T, s *ccptest.Server, commonName string) *http.Client {
	t.Helper()
	id, err := s.IssueClientCertificate(commonName)
	if err != nil {
		t.Fatalf("IssueClientCertificate: %v", err)
	}
	return newClient(t, s, id)
}

// accountsURL is the default Accounts endpoint of s with rawQuery.
func accountsURL(s *ccptest.Server, rawQuery string) string {
	return s.URL + "/AIMWebService/api/Accounts?" + rawQuery
}

// answer is a received response.
type answer struct {
	status int
	header http.Header
	body   string
}

// get sends GET url and reads the answer.
func get(t *testing.T, c *http.Client, url string) answer {
	t.Helper()
	return do(t, c, http.MethodGet, url)
}

// do sends a bodiless request and reads the answer.
func do(t *testing.T, c *http.Client, method, url string) answer {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading the body: %v", err)
	}
	return answer{resp.StatusCode, resp.Header, string(body)}
}

// member is one member of a JSON object, in order.
type member struct {
	key, value string
}

// members decodes a JSON object whose values must all be strings, keeping
// the member order.
func members(t *testing.T, body string) []member {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(body))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("body is not a JSON object: %v %v", tok, err)
	}
	var ms []member
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		v, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		vs, ok := v.(string)
		if !ok {
			t.Fatalf("value of %v is %T, not a string", k, v)
		}
		ms = append(ms, member{k.(string), vs})
	}
	if _, err := dec.Token(); err != nil {
		t.Fatal(err)
	}
	if dec.More() {
		t.Fatal("data after the JSON object")
	}
	return ms
}

// value returns the value of key in ms, and whether it is there.
func value(ms []member, key string) (string, bool) {
	for _, m := range ms {
		if m.key == key {
			return m.value, true
		}
	}
	return "", false
}

// keys lists the keys of ms in order.
func keys(ms []member) []string {
	ks := make([]string, len(ms))
	for i, m := range ms {
		ks[i] = m.key
	}
	return ks
}

// wantOK checks a 200 answer and returns its Content.
func wantOK(t *testing.T, a answer) string {
	t.Helper()
	if a.status != http.StatusOK {
		t.Fatalf("status %d, body %s", a.status, a.body)
	}
	content, ok := value(members(t, a.body), "Content")
	if !ok {
		t.Fatal("no Content in the answer")
	}
	return content
}

// wantError checks a CCP error answer: status, code and a message that
// contains msg.
func wantError(t *testing.T, a answer, status int, code, msg string) {
	t.Helper()
	ms := members(t, a.body)
	if got := keys(ms); len(got) != 2 || got[0] != "ErrorCode" || got[1] != "ErrorMsg" {
		t.Fatalf("error body keys %v, body %s", got, a.body)
	}
	gotCode, _ := value(ms, "ErrorCode")
	gotMsg, _ := value(ms, "ErrorMsg")
	if a.status != status || gotCode != code || !strings.Contains(gotMsg, msg) {
		t.Fatalf("got %d %s %q\nwant %d %s containing %q", a.status, gotCode, gotMsg, status, code, msg)
	}
	if ct := a.header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Fatalf("Content-Type %q", ct)
	}
}
