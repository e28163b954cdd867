package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/beevik/etree"

	"github.com/pamadapter/pamadapter/adapter"
	"github.com/pamadapter/pamadapter/adapter/cyberark/ccptest"
	"github.com/pamadapter/pamadapter/config"
	"github.com/pamadapter/pamadapter/internal/testpki"
	"github.com/pamadapter/pamadapter/schema/xmlenc"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// testAppID is the CCP application the fixture's client certificate may use.
const testAppID = DemoAppID

// fixture is a CCP simulator with an application, an account holding a
// planted password, a client identity and an adapter.xml pointing at it all.
type fixture struct {
	t          testing.TB
	dir        string
	ccp        *ccptest.Server
	client     *testpki.Issued
	configPath string
	// password is the planted password of Safe=Test;Object=windows1.
	password string
	// planted lists every secret the fixture planted, for output scans.
	planted []string
}

// fixedClock pins the simulator's Date header for golden files.
func fixedClock() time.Time { return time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC) }

// newFixture starts a simulator and writes the client's files.
func newFixture(t testing.TB, opts ...ccptest.Option) *fixture {
	t.Helper()
	ccp, err := ccptest.NewServer(append([]ccptest.Option{ccptest.WithClock(fixedClock)}, opts...)...)
	if err != nil {
		t.Fatalf("starting the CCP simulator: %v", err)
	}
	t.Cleanup(ccp.Close)
	f := &fixture{t: t, dir: t.TempDir(), ccp: ccp}
	f.client, err = ccp.IssueClientCertificate("app1-client")
	if err != nil {
		t.Fatal(err)
	}
	f.write("ccp-ca.pem", ccp.CA.CertPEM)
	f.write("client.crt", f.client.CertPEM)
	f.write("client.key", f.client.KeyPEM)
	if err := xmlenc.GenerateKeyFile(filepath.Join(f.dir, "context.key"), nil); err != nil {
		t.Fatal(err)
	}
	ccp.AddApplication(ccptest.Application{AppID: testAppID, AllowedSerials: []string{fmt.Sprintf("%x", f.client.Cert.SerialNumber)}})
	f.password = f.plant("windows1")
	ccp.AddAccount(ccptest.Account{Safe: "Test", Folder: `root\OS\Windows`, Object: "windows1", UserName: "Administrator",
		Address: "windows1.example.com", PolicyID: "WinServerLocal", DeviceType: "Operating System", Content: f.password})
	f.writeConfig("")
	return f
}

// plant makes a unique secret holding the characters that break naive code.
func (f *fixture) plant(label string) string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	secret := "planted-" + label + "-" + hex.EncodeToString(b) + `&<>"';=+% \`
	f.planted = append(f.planted, secret)
	return secret
}

// write writes a file into the fixture's folder, mode 0600.
func (f *fixture) write(name string, data []byte) string {
	f.t.Helper()
	path := filepath.Join(f.dir, name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		f.t.Fatal(err)
	}
	return path
}

// writeConfig writes adapter.xml with the default CCP section plus extra
// elements inside <cyberark> (which override defaults of the same name by
// being the only ones written: give "" for the defaults).
func (f *fixture) writeConfig(cyberark string, loggingLevel ...string) {
	level := "debug"
	if len(loggingLevel) > 0 {
		level = loggingLevel[0]
	}
	if cyberark == "" {
		cyberark = f.defaultCyberArk()
	}
	f.configPath = f.write("adapter.xml", []byte(fmt.Sprintf(`<adapter-config>
  <encryption><key name="test-key" file="context.key"/></encryption>
  <logging><level>%s</level><format>text</format></logging>
  <cyberark>
%s
  </cyberark>
</adapter-config>
`, level, cyberark)))
}

// defaultCyberArk is the CCP section pointing at the fixture's simulator.
func (f *fixture) defaultCyberArk() string {
	return fmt.Sprintf(`    <aim-endpoint-url>%s</aim-endpoint-url>
    <request-timeout>10</request-timeout>
    <ca-file>ccp-ca.pem</ca-file>
    <certificate-file>client.crt</certificate-file>
    <private-key-file>client.key</private-key-file>`, f.ccp.URL)
}

// result is what one command invocation wrote.
type result struct {
	stdout, stderr string
	status         int
}

// run runs pamadapter with args (the fixture's --config is added for run,
// encrypt and decrypt), request on stdin.
func (f *fixture) run(stdin string, args ...string) result {
	f.t.Helper()
	if len(args) > 0 && (args[0] == "run" || args[0] == "encrypt" || args[0] == "decrypt") {
		args = append([]string{args[0], "--config", f.configPath}, args[1:]...)
	}
	var stdout, stderr bytes.Buffer
	status := Main(context.Background(), args, &streams{stdin: strings.NewReader(stdin), stdout: &stdout, stderr: &stderr})
	return result{stdout: stdout.String(), stderr: stderr.String(), status: status}
}

// ccpRequest makes a ccp-aim-get-password request with the given elements.
func ccpRequest(elements string) string {
	return "<cyberark-adapter-request>\n  <operation-name>ccp-aim-get-password</operation-name>\n" + elements + "\n</cyberark-adapter-request>\n"
}

// response is a parsed adapter response.
type response struct {
	root, status, errorCode, errorText string
	code                               string
	reason                             string
	body                               string
	headers                            map[string][]string
}

// parseResponse reads stdout as an adapter response.
func parseResponse(t *testing.T, out string) response {
	t.Helper()
	doc := etree.NewDocument()
	if err := doc.ReadFromString(out); err != nil {
		t.Fatalf("the response is not XML: %v\n%s", err, out)
	}
	root := doc.Root()
	if root == nil {
		t.Fatalf("the response has no root:\n%s", out)
	}
	r := response{root: root.Tag, headers: map[string][]string{}}
	text := func(path string) string {
		if el := root.FindElement(path); el != nil {
			return el.Text()
		}
		return ""
	}
	r.status, r.errorCode, r.errorText = text("metadata/status"), text("metadata/error-code"), text("metadata/error")
	r.code, r.reason, r.body = text("status-line/code"), text("status-line/reason"), text("message-body")
	if hl := root.FindElement("header-lines"); hl != nil {
		for _, h := range hl.ChildElements() {
			r.headers[h.Tag] = append(r.headers[h.Tag], h.Text())
		}
	}
	return r
}

// keyring loads the fixture's configured keys.
func (f *fixture) keyring() *xmlenc.Keyring {
	f.t.Helper()
	cfg, err := config.Load(f.configPath, adapter.ConfigSpecs(providers()...))
	if err != nil {
		f.t.Fatal(err)
	}
	return cfg.Keyring
}

// secrets decrypts every secure context item of a response.
func (f *fixture) secrets(out string) []string {
	f.t.Helper()
	secrets, err := openAll(f.keyring(), []byte(out))
	if err != nil {
		f.t.Fatalf("opening the response's items: %v", err)
	}
	return secrets
}

// assertNoPlantedSecret fails when a planted secret (or a telling part of
// it) appears in text outside <EncryptedData> elements.
func (f *fixture) assertNoPlantedSecret(where, text string) {
	f.t.Helper()
	for _, secret := range f.planted {
		unique := secret[:strings.Index(secret, "&")] // "planted-<label>-<hex>"
		if strings.Contains(text, unique) {
			f.t.Errorf("%s holds the planted secret %q:\n%s", where, unique, text)
		}
	}
}

var cipherValue = regexp.MustCompile(`<CipherValue>[^<]*</CipherValue>`)
var simulatorURL = regexp.MustCompile(`https://127\.0\.0\.1:\d+`)

// normalise replaces what changes from run to run (ciphertext, port).
func normalise(s string) string {
	s = cipherValue.ReplaceAllString(s, "<CipherValue>CIPHERVALUE</CipherValue>")
	return simulatorURL.ReplaceAllString(s, "https://127.0.0.1:PORT")
}

// assertGolden compares got with testdata/golden/name (rewritten with -update).
func assertGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("..", "..", "testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading the golden file (run with -update to create it): %v", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (run go test -update to accept):\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

// readSample reads a sample request from testdata/requests.
func readSample(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "requests", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
