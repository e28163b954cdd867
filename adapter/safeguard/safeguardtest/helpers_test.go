package safeguardtest_test

import (
	"crypto/tls"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pamadapter/pamadapter/adapter/safeguard/safeguardtest"
	"github.com/pamadapter/pamadapter/internal/testpki"
)

// Ids and keys of the standard fixture.
const (
	appCertUserID   = 10
	otherCertUserID = 11

	aliceID   = 100 // brokered directly, local
	bobID     = 101 // brokered through group 7
	carolID   = 102 // brokered, local
	carolADID = 103 // brokered, provider "ad"
	daveID    = 104 // not brokered

	linuxID = 1 // asset linux01, 10.0.0.1
	winID   = 2 // asset win01, 10.0.0.2
	dbID    = 3 // asset db01, address 10.0.0.1 like linux01

	rootID     = 5 // root on linux01: password, three key formats, API keys
	svcID      = 6 // svc on linux01: nothing stored
	adminID    = 7 // admin on win01, domain EXAMPLE
	disabledID = 8 // disabled account on linux01
	rootWinID  = 9 // root on win01

	myAppID    = 3 // MyApp: visible, bidirectional, cert user 10
	hiddenID   = 4 // Hidden: not visible, cert user 10
	otherAppID = 5 // OtherApp: visible, cert user 11
	offAppID   = 6 // Off: disabled, visible, cert user 10
	readOnlyID = 7 // ReadOnly: visible, not bidirectional, cert user 10

	rootKey      = "key-root"
	svcKey       = "key-svc"
	disabledKey  = "key-disabled-account"
	hiddenKey    = "key-hidden"
	otherKey     = "key-other"
	offKey       = "key-off"
	readOnlyKey  = "key-read-only"
	farKey       = "key-far"  // restricted to 192.0.2.10
	loopKey      = "key-loop" // restricted to 127.0.0.0/8
	brokerKey    = "broker-key"
	offBrokerKey = "broker-key-off"
	adminToken   = "admin-token"

	rootPassword = `r00t "pw" <&>`
	opensshKey   = "-----BEGIN RSA PRIVATE KEY-----\nopenssh\n-----END RSA PRIVATE KEY-----\n"
	ssh2Key      = "---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\nssh2\n---- END SSH2 ENCRYPTED PRIVATE KEY ----\n"
	puttyKey     = "PuTTY-User-Key-File-3: ssh-rsa\nputty\n"
)

// rootAPIKeys are the API-key secrets of root.
var rootAPIKeys = []safeguardtest.ApiKeySecret{
	{Id: 71, Name: "ci", Description: "CI key", ClientId: "client-1", ClientSecret: "secret-1", ClientSecretId: "sid-1"},
	{Id: 72, Name: "ops", ClientId: "client-2", ClientSecret: "secret-2", ClientSecretId: "sid-2"},
}

// fixture is a simulator with the standard content and the certificates of
// its two certificate users.
type fixture struct {
	*safeguardtest.Server
	app, other *testpki.Issued
}

// newServer starts a simulator that is closed when the test ends.
func newServer(t *testing.T, opts ...safeguardtest.Option) *safeguardtest.Server {
	t.Helper()
	s, err := safeguardtest.NewServer(opts...)
	if err != nil {
		t.Fatalf("NewServer: %v", err)
	}
	t.Cleanup(s.Close)
	return s
}

// issue issues a client certificate from s.
func issue(t *testing.T, s *safeguardtest.Server, cn string) *testpki.Issued {
	t.Helper()
	id, err := s.IssueClientCertificate(cn)
	if err != nil {
		t.Fatalf("IssueClientCertificate: %v", err)
	}
	return id
}

// newFixture starts a simulator holding the standard content.
func newFixture(t *testing.T, opts ...safeguardtest.Option) *fixture {
	t.Helper()
	s := newServer(t, opts...)
	f := &fixture{Server: s, app: issue(t, s, "app"), other: issue(t, s, "other")}
	// A thumbprint as pasted from Windows: lower case with spaces.
	pasted := strings.ToLower(safeguardtest.Thumbprint(f.app.Cert))
	pasted = pasted[:8] + " " + pasted[8:]
	s.AddCertificateUser(safeguardtest.CertificateUser{Id: appCertUserID, Name: "app-cert", Thumbprint: pasted})
	s.AddCertificateUser(safeguardtest.CertificateUser{Id: otherCertUserID, Name: "other-cert",
		Thumbprint: safeguardtest.Thumbprint(f.other.Cert)})

	s.AddUser(safeguardtest.User{Id: aliceID, Name: "alice"})
	s.AddUser(safeguardtest.User{Id: bobID, Name: "bob", GroupIds: []int{7}})
	s.AddUser(safeguardtest.User{Id: carolID, Name: "carol"})
	s.AddUser(safeguardtest.User{Id: carolADID, Name: "Carol", Provider: "ad"})
	s.AddUser(safeguardtest.User{Id: daveID, Name: "dave"})

	s.AddAsset(safeguardtest.Asset{Id: linuxID, Name: "linux01", NetworkAddress: "10.0.0.1"})
	s.AddAsset(safeguardtest.Asset{Id: winID, Name: "win01", NetworkAddress: "10.0.0.2"})
	s.AddAsset(safeguardtest.Asset{Id: dbID, Name: "db01", NetworkAddress: "10.0.0.1"})

	s.AddAccount(safeguardtest.Account{Id: rootID, AssetId: linuxID, Name: "root", Description: "superuser",
		Password: rootPassword,
		SshKeys:  map[string]string{"openssh": opensshKey, "SSH2": ssh2Key, "Putty": puttyKey},
		ApiKeys:  rootAPIKeys})
	s.AddAccount(safeguardtest.Account{Id: svcID, AssetId: linuxID, Name: "svc"})
	s.AddAccount(safeguardtest.Account{Id: adminID, AssetId: winID, Name: "admin", DomainName: "EXAMPLE", Password: "admin-pw"})
	s.AddAccount(safeguardtest.Account{Id: disabledID, AssetId: linuxID, Name: "old", Disabled: true, Password: "old-pw"})
	s.AddAccount(safeguardtest.Account{Id: rootWinID, AssetId: winID, Name: "root", Password: "root-win-pw"})

	s.AddRegistration(safeguardtest.Registration{Id: myAppID, AppName: "MyApp", Description: "the app",
		CertificateUserId: appCertUserID, VisibleToCertificateUsers: true, BidirectionalEnabled: true})
	s.AddRegistration(safeguardtest.Registration{Id: hiddenID, AppName: "Hidden", CertificateUserId: appCertUserID})
	s.AddRegistration(safeguardtest.Registration{Id: otherAppID, AppName: "OtherApp",
		CertificateUserId: otherCertUserID, VisibleToCertificateUsers: true})
	s.AddRegistration(safeguardtest.Registration{Id: offAppID, AppName: "Off", CertificateUserId: appCertUserID,
		Disabled: true, VisibleToCertificateUsers: true, BidirectionalEnabled: true})
	s.AddRegistration(safeguardtest.Registration{Id: readOnlyID, AppName: "ReadOnly",
		CertificateUserId: appCertUserID, VisibleToCertificateUsers: true})

	s.AddRetrievableAccount(myAppID, rootID, rootKey)
	s.AddRetrievableAccount(myAppID, svcID, svcKey)
	s.AddRetrievableAccount(myAppID, disabledID, disabledKey)
	s.AddRetrievableAccount(myAppID, rootWinID, farKey, "192.0.2.10")
	s.AddRetrievableAccount(myAppID, adminID, loopKey, "192.0.2.10", "127.0.0.0/8")
	s.AddRetrievableAccount(hiddenID, adminID, hiddenKey)
	s.AddRetrievableAccount(otherAppID, rootWinID, otherKey)
	s.AddRetrievableAccount(offAppID, rootID, offKey)
	s.AddRetrievableAccount(readOnlyID, rootID, readOnlyKey)

	s.SetBroker(myAppID, safeguardtest.Broker{ApiKey: brokerKey, UserIds: []int{aliceID, carolID, carolADID}, GroupIds: []int{7}})
	s.SetBroker(offAppID, safeguardtest.Broker{ApiKey: offBrokerKey, UserIds: []int{aliceID}})

	s.AddEntitlement(safeguardtest.Entitlement{UserId: aliceID, AccountId: rootID, RequestTypes: []string{"Password", "sshkey"}, AutoApprove: true})
	s.AddEntitlement(safeguardtest.Entitlement{UserId: aliceID, AssetId: winID, RequestTypes: []string{"RemoteDesktop"}})
	s.AddEntitlement(safeguardtest.Entitlement{UserId: bobID, AssetId: linuxID, RequestTypes: []string{"SSH", "Password"}})
	s.AddEntitlement(safeguardtest.Entitlement{UserId: carolID, AccountId: rootWinID, RequestTypes: []string{"Password"}, AutoApprove: true})
	s.AddEntitlement(safeguardtest.Entitlement{UserId: daveID, AccountId: rootID, RequestTypes: []string{"Password"}, AutoApprove: true})

	s.AddAccessToken(adminToken, aliceID)
	return f
}

// newClient returns a client that trusts s and presents id; nil id means no
// client certificate.
func newClient(t *testing.T, s *safeguardtest.Server, id *testpki.Issued) *http.Client {
	t.Helper()
	cfg := &tls.Config{RootCAs: s.CA.Pool(), MinVersion: tls.VersionTLS12}
	if id != nil {
		cfg.Certificates = []tls.Certificate{id.TLS}
	}
	tr := &http.Transport{TLSClientConfig: cfg}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: tr, Timeout: 20 * time.Second}
}

// answer is a received response.
type answer struct {
	status int
	header http.Header
	body   string
}

// call is one request to send.
type call struct {
	method, path, auth string
	contentType, body  string
}

// send sends c to s through client and reads the answer.
func send(t *testing.T, s *safeguardtest.Server, client *http.Client, c call) answer {
	t.Helper()
	if c.method == "" {
		c.method = http.MethodGet
	}
	var body io.Reader
	if c.body != "" {
		body = strings.NewReader(c.body)
	}
	req, err := http.NewRequestWithContext(t.Context(), c.method, s.URL+c.path, body)
	if err != nil {
		t.Fatal(err)
	}
	if c.auth != "" {
		req.Header.Set("Authorization", c.auth)
	}
	if c.contentType != "" {
		req.Header.Set("Content-Type", c.contentType)
	}
	req.Header.Set("Accept", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", c.method, c.path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading the body: %v", err)
	}
	return answer{resp.StatusCode, resp.Header, string(b)}
}

// a2a is the A2A Authorization header for key.
func a2a(key string) string { return "A2A " + key }

// sppError is the decoded body of an SPP error.
type sppError struct {
	Code       int
	Message    string
	InnerError any
	ModelState map[string][]string
}

// wantError checks an SPP error answer: status, code and a message that
// contains msg; it returns the decoded error.
func wantError(t *testing.T, a answer, status, code int, msg string) sppError {
	t.Helper()
	if a.status != status {
		t.Fatalf("status %d, want %d; body %s", a.status, status, a.body)
	}
	if ct := a.header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Fatalf("Content-Type %q", ct)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(a.body), &raw); err != nil {
		t.Fatalf("body %q: %v", a.body, err)
	}
	if string(raw["InnerError"]) != "null" {
		t.Fatalf("InnerError %s, want null; body %s", raw["InnerError"], a.body)
	}
	var e sppError
	if err := json.Unmarshal([]byte(a.body), &e); err != nil {
		t.Fatal(err)
	}
	if e.Code != code || !strings.Contains(e.Message, msg) {
		t.Fatalf("got %d %q, want %d containing %q", e.Code, e.Message, code, msg)
	}
	if (code == 70000) != (e.ModelState != nil) {
		t.Fatalf("ModelState %v with code %d", e.ModelState, e.Code)
	}
	return e
}

// wantEmpty checks an answer with status and an empty body.
func wantEmpty(t *testing.T, a answer, status int) {
	t.Helper()
	if a.status != status || a.body != "" {
		t.Fatalf("got %d %q, want %d with an empty body", a.status, a.body, status)
	}
}

// decode decodes the JSON body of a 200 or 201 answer into v.
func decode(t *testing.T, a answer, status int, v any) {
	t.Helper()
	if a.status != status {
		t.Fatalf("status %d, want %d; body %s", a.status, status, a.body)
	}
	if ct := a.header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Fatalf("Content-Type %q", ct)
	}
	if err := json.Unmarshal([]byte(a.body), v); err != nil {
		t.Fatalf("body %q: %v", a.body, err)
	}
}

// keysOf returns the member names of a JSON object body, in order.
func keysOf(t *testing.T, raw string) []string {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("not a JSON object: %s", raw)
	}
	var keys []string
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, k.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatal(err)
		}
	}
	return keys
}
