package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestDecryptOpensEveryItemOfAResponse(t *testing.T) {
	f := newFixture(t)
	res := f.run(readSample(t, "ccp-get-password-pem.xml"), "run")
	if res.status != 0 {
		t.Fatalf("run: exit %d\n%s", res.status, res.stdout)
	}
	dec := f.run(res.stdout, "decrypt")
	if dec.status != 0 || dec.stdout != f.password+"\n" {
		t.Fatalf("decrypt: exit %d, stdout %q, want the password and a newline; stderr %s", dec.status, dec.stdout, dec.stderr)
	}
	one := encryptedData.FindString(strings.ReplaceAll(parseResponse(t, res.stdout).body, `\"`, `"`))
	dec = f.run(one, "decrypt")
	if dec.status != 0 || dec.stdout != f.password+"\n" {
		t.Fatalf("decrypt of one EncryptedData: exit %d, stdout %q", dec.status, dec.stdout)
	}
}

func TestEncryptThenDecryptGivesTheSecretBack(t *testing.T) {
	f := newFixture(t)
	tests := []struct{ name, input, flag, want string }{
		{"one final newline from echo is dropped", "s3cret&<x>\n", "", "s3cret&<x>"},
		{"a final CRLF is dropped", "s3cret\r\n", "", "s3cret"},
		{"--keep-newline keeps it", "s3cret\n", "--keep-newline", "s3cret\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := []string{"encrypt"}
			if tt.flag != "" {
				args = append(args, tt.flag)
			}
			enc := f.run(tt.input, args...)
			if enc.status != 0 || !strings.HasPrefix(enc.stdout, "<EncryptedData ") {
				t.Fatalf("encrypt: exit %d, stdout %q, stderr %q", enc.status, enc.stdout, enc.stderr)
			}
			dec := f.run(enc.stdout, "decrypt")
			if dec.status != 0 || dec.stdout != tt.want+"\n" {
				t.Fatalf("decrypt: exit %d, stdout %q, want %q", dec.status, dec.stdout, tt.want+"\n")
			}
		})
	}
}

func TestDecryptRefusesInputWithoutItems(t *testing.T) {
	f := newFixture(t)
	for _, input := range []string{"", "not xml", "<a/>", `<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>`} {
		res := f.run(input, "decrypt")
		if res.status != 2 || res.stdout != "" || res.stderr == "" {
			t.Errorf("decrypt of %q: exit %d, stdout %q, stderr %q; want 2, nothing, an error", input, res.status, res.stdout, res.stderr)
		}
	}
}

func TestKeygenWritesAPrivateKeyFileOnce(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "new.key")
	f := &fixture{t: t}
	if res := f.run("", "keygen", "--out", path); res.status != 0 {
		t.Fatalf("keygen: exit %d: %s", res.status, res.stderr)
	}
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 || info.Size() != 32 {
		t.Fatalf("key file: %v, mode %v, size %d; want 0600 and 32 bytes", err, info.Mode().Perm(), info.Size())
	}
	if res := f.run("", "keygen", "--out", path); res.status != 2 {
		t.Errorf("keygen over an existing file: exit %d, want 2", res.status)
	}
}

func TestEveryCommandExplainsItselfWithHelp(t *testing.T) {
	f := &fixture{t: t}
	for _, c := range commands() {
		res := f.run("", c.name, "--help")
		if res.status != 0 || !strings.Contains(res.stdout, "Usage: pamadapter "+c.name) {
			t.Errorf("%s --help: exit %d, stdout %q", c.name, res.status, res.stdout)
		}
	}
	if res := f.run("", "help"); res.status != 0 || !strings.Contains(res.stdout, "simulate") {
		t.Errorf("help: exit %d, stdout %q", res.status, res.stdout)
	}
	if res := f.run("", "frobnicate"); res.status != 2 {
		t.Errorf("an unknown command: exit %d, want 2", res.status)
	}
}

func TestVersionPrintsAVersion(t *testing.T) {
	f := &fixture{t: t}
	res := f.run("", "version")
	if res.status != 0 || !strings.HasPrefix(res.stdout, "pamadapter ") {
		t.Errorf("version: exit %d, stdout %q", res.status, res.stdout)
	}
}

func TestRunWithoutConfigStillWritesAnErrorResponse(t *testing.T) {
	f := &fixture{t: t}
	res := f.run(readSample(t, "ccp-get-password-pem.xml"), "run")
	r := parseResponse(t, res.stdout)
	if res.status != 2 || r.errorCode != "INVALID_CONFIG" || r.root != "cyberark-adapter-response" {
		t.Errorf("exit %d, code %q, root %q", res.status, r.errorCode, r.root)
	}
}

func TestMalformedRequestsGetAnInvalidRequestResponse(t *testing.T) {
	f := newFixture(t)
	tests := []struct{ name, input, root, want string }{
		{"an empty input", "", "adapter-response", "empty"},
		{"broken XML", "<cyberark-adapter-request><operation-name>", "adapter-response", "malformed XML"},
		{"an entity declaration", `<!DOCTYPE r [<!ENTITY x "y">]><cyberark-adapter-request>&x;</cyberark-adapter-request>`, "adapter-response", "DOCTYPE"},
		{"an unknown request root", "<vault-adapter-request><operation-name>x</operation-name></vault-adapter-request>", "vault-adapter-response", "no provider serves this request"},
		{"a request larger than 1 MiB", "<cyberark-adapter-request><reason>" + strings.Repeat("x", 1<<20) + "</reason></cyberark-adapter-request>", "adapter-response", "larger than 1048576 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := f.run(tt.input, "run")
			r := parseResponse(t, res.stdout)
			if res.status != 2 || r.errorCode != "INVALID_REQUEST" || r.root != tt.root || !strings.Contains(r.errorText, tt.want) {
				t.Errorf("exit %d, code %q, root %q, error %q; want 2, INVALID_REQUEST, %s, %q", res.status, r.errorCode, r.root, r.errorText, tt.root, tt.want)
			}
		})
	}
}

func TestRunReadsAndWritesFiles(t *testing.T) {
	f := newFixture(t)
	in := f.write("request.xml", []byte(readSample(t, "ccp-get-password-pem.xml")))
	out := filepath.Join(f.dir, "response.xml")
	res := f.run("", "run", "--in", in, "--out", out)
	if res.status != 0 || res.stdout != "" {
		t.Fatalf("exit %d, stdout %q", res.status, res.stdout)
	}
	if got := f.secrets(readFile(t, out)); len(got) != 1 || got[0] != f.password {
		t.Errorf("the response file holds %q", got)
	}
}

func TestTheDemoAnswersEverySampleRequest(t *testing.T) {
	f := &fixture{t: t}
	res := f.run("", "demo", "--requests", filepath.Join("..", "..", "testdata", "requests"))
	if res.status != 0 {
		t.Fatalf("demo: exit %d\n%s\n%s", res.status, res.stdout, res.stderr)
	}
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "requests", "*.xml"))
	if want := len(files); !strings.Contains(res.stdout, "answered") || strings.Count(res.stdout, "\n=== ") != want {
		t.Errorf("the demo did not show %d requests:\n%s", want, res.stdout)
	}
	if !strings.Contains(res.stdout, "DEMO ONLY") {
		t.Error("the demo did not show (and label) a decrypted secret")
	}
}

func TestMaskCleansALogLineByLine(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "log_config.xml")
	if err := os.WriteFile(cfg, []byte(seedLogConfig), 0o600); err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("x", 3<<20)
	in := `<message-body>{"Content":"planted-one","Safe":"S"}</message-body>` + "\n" +
		"Authorization: Bearer planted-two\r\n" +
		long + `{"password": "planted-three"}` + "\n" +
		"no newline at the end"
	f := &fixture{t: t}
	res := f.run(in, "mask", "--log-config", cfg)
	if res.status != 0 || strings.Contains(res.stdout, "planted-") {
		t.Fatalf("exit %d, stderr %q; output still holds a secret", res.status, res.stderr)
	}
	// As Java masks with the seed's patterns (which eat a quote), then the
	// built-in masks.
	want := `<message-body>{"Content":"***MASKED***,"Safe":"S"}</message-body>` + "\n" +
		"Authorization: ***MASKED***\r\n" +
		long + `{"password":***MASKED***}` + "\n" +
		"no newline at the end"
	if res.stdout != want {
		t.Errorf("output differs from the input beyond the masks (got %d bytes, want %d)", len(res.stdout), len(want))
	}
	bad := filepath.Join(dir, "bad.xml")
	if err := os.WriteFile(bad, []byte(`<log-config><replacement-string>x</replacement-string><patterns><mask-pattern>(?&lt;=a)b</mask-pattern></patterns></log-config>`), 0o600); err != nil {
		t.Fatal(err)
	}
	if res := f.run("x", "mask", "--log-config", bad); res.status != 2 || !strings.Contains(res.stderr, "mask-pattern 1") {
		t.Errorf("a pattern RE2 cannot run: exit %d, stderr %q", res.status, res.stderr)
	}
}
