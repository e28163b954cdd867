package server

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sirupsen/logrus"

	"github.com/pamadapter/pamadapter/adapter"
	"github.com/pamadapter/pamadapter/adapter/cyberark"
	"github.com/pamadapter/pamadapter/adapter/cyberark/ccptest"
	"github.com/pamadapter/pamadapter/config"
	"github.com/pamadapter/pamadapter/internal/testpki"
	"github.com/pamadapter/pamadapter/masking"
	"github.com/pamadapter/pamadapter/schema/xmlenc"
)

// lockedBuffer collects log output written from many goroutines.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// env is a CCP simulator, an adapter configured for it, and the PKI of the
// service's callers.
type env struct {
	t        testing.TB
	dir      string
	ccp      *ccptest.Server
	adapter  *adapter.Adapter
	logs     *lockedBuffer
	password string
	// callerCA issues the service's certificate and its callers'.
	callerCA *testpki.CA
	caller   *testpki.Issued
	token    string
}

// newEnv starts a simulator holding a planted password and builds the
// adapter, logging at debug level into env.logs.
func newEnv(t testing.TB, opts ...ccptest.Option) *env {
	t.Helper()
	ccp, err := ccptest.NewServer(opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(ccp.Close)
	e := &env{t: t, dir: t.TempDir(), ccp: ccp, logs: &lockedBuffer{}}
	client, err := ccp.IssueClientCertificate("server-test-client")
	if err != nil {
		t.Fatal(err)
	}
	e.write("ccp-ca.pem", ccp.CA.CertPEM)
	e.write("client.crt", client.CertPEM)
	e.write("client.key", client.KeyPEM)
	if err := xmlenc.GenerateKeyFile(filepath.Join(e.dir, "context.key"), nil); err != nil {
		t.Fatal(err)
	}
	ccp.AddApplication(ccptest.Application{AppID: "App1", AllowedSerials: []string{fmt.Sprintf("%x", client.Cert.SerialNumber)}})
	e.password = "planted-serve-" + randomHex(8) + `&<"`
	ccp.AddAccount(ccptest.Account{Safe: "Test", Object: "windows1", Content: e.password})
	e.write("adapter.xml", []byte(fmt.Sprintf(`<adapter-config>
  <encryption><key name="k" file="context.key"/></encryption>
  <logging><level>debug</level></logging>
  <cyberark><aim-endpoint-url>%s</aim-endpoint-url><ca-file>ccp-ca.pem</ca-file>
    <certificate-file>client.crt</certificate-file><private-key-file>client.key</private-key-file></cyberark>
</adapter-config>`, ccp.URL)))
	providers := []adapter.Provider{cyberark.Provider{}}
	cfg, err := config.Load(filepath.Join(e.dir, "adapter.xml"), adapter.ConfigSpecs(providers...))
	if err != nil {
		t.Fatal(err)
	}
	e.adapter, err = adapter.New(cfg, e.logger(), providers...)
	if err != nil {
		t.Fatal(err)
	}
	e.callerCA, err = testpki.NewCA("callers CA")
	if err != nil {
		t.Fatal(err)
	}
	srv, err := e.callerCA.IssueServer()
	if err != nil {
		t.Fatal(err)
	}
	e.write("server.crt", srv.CertPEM)
	e.write("server.key", srv.KeyPEM)
	e.write("callers-ca.pem", e.callerCA.CertPEM)
	e.caller, err = e.callerCA.IssueClient("workflow-engine")
	if err != nil {
		t.Fatal(err)
	}
	e.token = "planted-token-" + randomHex(16)
	return e
}

// logger is a masked debug logger writing into env.logs.
func (e *env) logger() *logrus.Logger {
	return masking.NewLogger(e.logs, logrus.DebugLevel, false, nil)
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func (e *env) write(name string, data []byte) string {
	e.t.Helper()
	path := filepath.Join(e.dir, name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		e.t.Fatal(err)
	}
	return path
}

// options are the service's options on a free loopback port; tls adds the
// server certificate, mtls the callers' CA, bearer the token's hash.
func (e *env) options(tlsOn, mtls, bearer bool) Options {
	o := Options{Adapter: e.adapter, Log: e.logger(), ListenAddress: "127.0.0.1:0", ShutdownGrace: 5 * time.Second}
	if tlsOn {
		o.TLSCertificateFile, o.TLSPrivateKeyFile = filepath.Join(e.dir, "server.crt"), filepath.Join(e.dir, "server.key")
	}
	if mtls {
		o.ClientCAFile = filepath.Join(e.dir, "callers-ca.pem")
	}
	if bearer {
		o.BearerTokenHashes = [][sha256.Size]byte{sha256.Sum256([]byte(e.token))}
	}
	return o
}

// running is a started service.
type running struct {
	url    string
	cancel context.CancelFunc
	done   chan error
}

// start runs the service until the test ends (or stop is called).
func (e *env) start(o Options) *running {
	e.t.Helper()
	s, err := New(o)
	if err != nil {
		e.t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan net.Addr, 1)
	r := &running{cancel: cancel, done: make(chan error, 1)}
	go func() { r.done <- s.Run(ctx, ready) }()
	select {
	case addr := <-ready:
		scheme := "http"
		if o.TLSCertificateFile != "" {
			scheme = "https"
		}
		r.url = scheme + "://" + addr.String()
	case err := <-r.done:
		e.t.Fatalf("the service did not start: %v", err)
	}
	e.t.Cleanup(func() { r.stop() })
	return r
}

// stop shuts the service down and returns Run's error.
func (r *running) stop() error {
	r.cancel()
	err, ok := <-r.done
	if ok {
		close(r.done)
	}
	return err
}

// client makes an HTTP client that trusts the service; with a caller
// certificate when cert is not nil.
func (e *env) client(cert *testpki.Issued) *http.Client {
	cfg := &tls.Config{RootCAs: e.callerCA.Pool(), MinVersion: tls.VersionTLS12}
	if cert != nil {
		cfg.Certificates = []tls.Certificate{cert.TLS}
	}
	return &http.Client{Transport: &http.Transport{TLSClientConfig: cfg}, Timeout: 30 * time.Second}
}

// sampleRequest asks for the planted password.
const sampleRequest = `<cyberark-adapter-request><operation-name>ccp-aim-get-password</operation-name><app-id>App1</app-id><query>Safe=Test;Object=windows1</query></cyberark-adapter-request>`

// post sends body to /v1/requests with an optional bearer token.
func post(t testing.TB, c *http.Client, url, body, token string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url+"/v1/requests", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/xml")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("POST: %v", err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(data)
}

// get fetches path.
func get(t testing.TB, c *http.Client, url, path, token string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(data)
}

// assertNoSecret fails when the planted password or token is in text.
func (e *env) assertNoSecret(where, text string) {
	e.t.Helper()
	for _, secret := range []string{e.password[:len("planted-serve-")+16], e.token} {
		if strings.Contains(text, secret) {
			e.t.Errorf("%s holds a planted secret", where)
		}
	}
}
