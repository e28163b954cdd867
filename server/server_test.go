package server

import (
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pamadapter/pamadapter/adapter/cyberark/ccptest"
)

func TestTheEndpointsAnswer(t *testing.T) {
	e := newEnv(t)
	o := e.options(true, true, true)
	ready := errors.New("keys unreadable")
	o.Ready = func() error { return ready }
	r := e.start(o)
	c := e.client(e.caller)
	if code, body := get(t, c, r.url, "/healthz", ""); code != 200 || body != "ok\n" {
		t.Errorf("healthz: %d %q", code, body)
	}
	if code, _ := get(t, c, r.url, "/readyz", ""); code != http.StatusServiceUnavailable {
		t.Errorf("readyz while not ready: %d", code)
	}
	ready = nil
	if code, body := get(t, c, r.url, "/readyz", ""); code != 200 || body != "ready\n" {
		t.Errorf("readyz: %d %q", code, body)
	}
	code, header, body := post(t, c, r.url, sampleRequest, "")
	if code != 200 || header.Get("Content-Type") != "application/xml; charset=utf-8" || !strings.Contains(body, "<status>success</status>") || !strings.Contains(body, "EncryptedData") {
		t.Fatalf("POST: %d %s\n%s", code, header.Get("Content-Type"), body)
	}
	code, body = get(t, c, r.url, "/metrics", "")
	for _, want := range []string{
		`pamadapter_requests_total{code="200",operation="ccp-aim-get-password",provider="cyberark",status="success"} 1`,
		`pamadapter_request_duration_seconds_count{operation="ccp-aim-get-password",provider="cyberark"} 1`,
		`pamadapter_requests_in_flight 0`,
		`pamadapter_provider_connections_total{reused="false"} 1`,
	} {
		if code != 200 || !strings.Contains(body, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	e.assertNoSecret("the response", body)
}

func TestRequestsAreAnsweredWithTheRightHTTPStatus(t *testing.T) {
	e := newEnv(t)
	o := e.options(false, false, false)
	o.MaxBodyBytes = 4096
	r := e.start(o)
	c := e.client(nil)
	tests := []struct {
		name, body string
		wantStatus int
		wantIn     string
	}{
		{"a request is answered 200 with its response", sampleRequest, 200, "<status>success</status>"},
		{"a request the adapter refuses is still a 200 response document", strings.Replace(sampleRequest, "<app-id>App1</app-id>", "", 1), 200, "<error-code>INVALID_REQUEST</error-code>"},
		{"a request the vault refuses is a 200 success with its code", strings.Replace(sampleRequest, "windows1", "missing", 1), 200, "<code>404</code>"},
		{"a body that is not XML is a 400", "hello", 400, "<error-code>INVALID_REQUEST</error-code>"},
		{"XML that is not an adapter request is a 400", "<html/>", 400, "not an adapter request"},
		{"a body over the limit is a 413", "<cyberark-adapter-request><reason>" + strings.Repeat("x", 5000) + "</reason></cyberark-adapter-request>", 413, "larger than 4096 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, body := post(t, c, r.url, tt.body, "")
			if code != tt.wantStatus || !strings.Contains(body, tt.wantIn) {
				t.Errorf("got %d\n%s", code, body)
			}
		})
	}
	// Provider connections are kept alive and reused.
	_, body := get(t, c, r.url, "/metrics", "")
	if !strings.Contains(body, `pamadapter_provider_connections_total{reused="true"}`) {
		t.Errorf("no vault connection was reused:\n%s", grepLines(body, "connections"))
	}
}

func TestCallersMustAuthenticate(t *testing.T) {
	e := newEnv(t)
	tests := []struct {
		name            string
		mtls, bearer    bool
		withCert        bool
		token           string
		wantStatus      int
		wantHandshakeKO bool
	}{
		{"a client certificate from the callers' CA is accepted", true, false, true, "", 200, false},
		{"no client certificate is refused at the handshake when only certificates are accepted", true, false, false, "", 0, true},
		{"the right bearer token is accepted", false, true, false, "TOKEN", 200, false},
		{"a wrong bearer token is refused", false, true, false, "planted-token-wrong", 401, false},
		{"a missing bearer token is refused", false, true, false, "", 401, false},
		{"with both methods a certificate alone is accepted", true, true, true, "", 200, false},
		{"with both methods a token alone is accepted", true, true, false, "TOKEN", 200, false},
		{"with both methods neither is refused", true, true, false, "", 401, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := e.start(e.options(true, tt.mtls, tt.bearer))
			defer r.stop()
			var c *http.Client
			if tt.withCert {
				c = e.client(e.caller)
			} else {
				c = e.client(nil)
			}
			token := strings.Replace(tt.token, "TOKEN", e.token, 1)
			req, _ := http.NewRequest(http.MethodPost, r.url+"/v1/requests", strings.NewReader(sampleRequest))
			if token != "" {
				req.Header.Set("Authorization", "Bearer "+token)
			}
			resp, err := c.Do(req)
			if tt.wantHandshakeKO {
				if err == nil {
					resp.Body.Close()
					t.Fatalf("got %d, want the handshake refused", resp.StatusCode)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tt.wantStatus {
				t.Errorf("got %d, want %d", resp.StatusCode, tt.wantStatus)
			}
		})
	}
	logs := e.logs.String()
	if !strings.Contains(logs, "caller authentication failed") {
		t.Error("failed authentication is not logged")
	}
	if strings.Contains(logs, "planted-token-") {
		t.Error("the log holds a presented token")
	}
}

func TestACertificateFromAnotherCAIsRefused(t *testing.T) {
	e := newEnv(t)
	r := e.start(e.options(true, true, false))
	other := newEnv(t) // its callers' CA is a different one
	c := e.client(other.caller)
	if resp, err := c.Post(r.url+"/v1/requests", "application/xml", strings.NewReader(sampleRequest)); err == nil {
		resp.Body.Close()
		t.Fatalf("got %d, want the handshake refused", resp.StatusCode)
	}
}

func TestTheServiceRefusesToStartUnsafely(t *testing.T) {
	e := newEnv(t)
	tests := []struct {
		name               string
		addr               string
		tlsOn, mtls, token bool
		wantUnsafe         bool
	}{
		{"plain HTTP on loopback without authentication starts", "127.0.0.1:0", false, false, false, false},
		{"plain HTTP on all interfaces is refused", "0.0.0.0:0", false, false, true, true},
		{"TLS on all interfaces without caller authentication is refused", "0.0.0.0:0", true, false, false, true},
		{"TLS with client certificates on all interfaces starts", "0.0.0.0:0", true, true, false, false},
		{"TLS with bearer tokens on all interfaces starts", "[::]:0", true, false, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := e.options(tt.tlsOn, tt.mtls, tt.token)
			o.ListenAddress = tt.addr
			_, err := New(o)
			if tt.wantUnsafe != errors.Is(err, ErrUnsafe) {
				t.Fatalf("got %v, want unsafe=%v", err, tt.wantUnsafe)
			}
		})
	}
}

func TestIdentityFilesOutsideTheAllowedFoldersAreRefused(t *testing.T) {
	e := newEnv(t)
	allowed := filepath.Join(e.dir, "identities")
	if err := os.MkdirAll(allowed, 0o700); err != nil {
		t.Fatal(err)
	}
	e.adapter.IdentityDirs = []string{allowed}
	if err := os.Symlink(filepath.Join(e.dir, "client.key"), filepath.Join(allowed, "escape.key")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(allowed, "client.crt"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := e.start(e.options(false, false, false))
	c := e.client(nil)
	tests := []struct{ name, file, want string }{
		{"an existing file outside", filepath.Join(e.dir, "client.crt"), filepath.Join(e.dir, "client.crt") + " is outside"},
		{"a missing file outside gets the same answer", filepath.Join(e.dir, "nope.crt"), filepath.Join(e.dir, "nope.crt") + " is outside"},
		{"a .. escape", filepath.Join(allowed, "..", "client.crt"), " is outside"},
		{"a symlink escape", filepath.Join(allowed, "escape.key"), " is outside"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := strings.Replace(sampleRequest, "</query>", "</query><certificate-file>"+tt.file+"</certificate-file><private-key-file>"+tt.file+"</private-key-file>", 1)
			code, _, body := post(t, c, r.url, req, "")
			if code != 200 || !strings.Contains(body, "<error-code>INVALID_REQUEST</error-code>") || !strings.Contains(body, tt.want) {
				t.Errorf("got %d\n%s", code, body)
			}
		})
	}
	// The configuration's own identity (outside the folders) still serves.
	if code, _, body := post(t, c, r.url, sampleRequest, ""); code != 200 || !strings.Contains(body, "success") {
		t.Errorf("the configured identity was refused: %s", body)
	}
}

func TestTooManyRequestsInFlightGet503(t *testing.T) {
	e := newEnv(t, ccptest.WithDelay(2*time.Second))
	o := e.options(false, false, false)
	o.MaxInFlight = 1
	r := e.start(o)
	c := e.client(nil)
	slow := make(chan int, 1)
	go func() {
		code, _, _ := post(t, c, r.url, sampleRequest, "")
		slow <- code
	}()
	waitFor(t, func() bool { return strings.Contains(metricsText(t, c, r.url), "pamadapter_requests_in_flight 1") })
	code, header, _ := post(t, c, r.url, sampleRequest, "")
	if code != http.StatusServiceUnavailable || header.Get("Retry-After") == "" {
		t.Errorf("got %d, Retry-After %q; want 503 with Retry-After", code, header.Get("Retry-After"))
	}
	if code := <-slow; code != 200 {
		t.Errorf("the request in flight got %d", code)
	}
}

func TestShutdownFinishesTheRequestInFlight(t *testing.T) {
	e := newEnv(t, ccptest.WithDelay(time.Second))
	r := e.start(e.options(false, false, false))
	c := e.client(nil)
	slow := make(chan string, 1)
	go func() {
		_, _, body := post(t, c, r.url, sampleRequest, "")
		slow <- body
	}()
	waitFor(t, func() bool { return strings.Contains(metricsText(t, c, r.url), "pamadapter_requests_in_flight 1") })
	if err := r.stop(); err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	if body := <-slow; !strings.Contains(body, "<status>success</status>") {
		t.Errorf("the request in flight was cut:\n%s", body)
	}
}

// metricsText fetches /metrics.
func metricsText(t *testing.T, c *http.Client, url string) string {
	t.Helper()
	_, body := get(t, c, url, "/metrics", "")
	return body
}

// waitFor polls cond (a hang guard, not a timing assertion).
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("the condition never came true")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// grepLines keeps the lines of text holding word.
func grepLines(text, word string) string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		if strings.Contains(line, word) {
			out = append(out, line)
		}
	}
	return strings.Join(out, "\n")
}
