package safeguardtest_test

import (
	"net/http"
	"strings"
	"testing"
)

func TestAWrittenPasswordIsStoredAndRetrieved(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := newClient(t, f.Server, f.app)
	const newPassword = "n3w \"p@ss\" \\ <x>"
	a := send(t, f.Server, c, call{method: http.MethodPut, path: "/service/a2a/v4/Credentials/Password",
		auth: a2a(rootKey), contentType: "application/json", body: `"n3w \"p@ss\" \\ \u003cx>"`})
	wantEmpty(t, a, http.StatusNoContent)
	if got := f.Password(rootID); got != newPassword {
		t.Fatalf("stored %q", got)
	}
	var got string
	decode(t, send(t, f.Server, c, call{path: "/service/a2a/v4/Credentials?type=Password", auth: a2a(rootKey)}), 200, &got)
	if got != newPassword {
		t.Fatalf("read back %q", got)
	}
}

func TestAPasswordCanBeWrittenWithACharsetAndOnV3(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := newClient(t, f.Server, f.app)
	a := send(t, f.Server, c, call{method: http.MethodPut, path: "/service/a2a/v3/credentials/password",
		auth: a2a(svcKey), contentType: "application/json; charset=utf-8", body: `"first"`})
	wantEmpty(t, a, http.StatusNoContent)
	if got := f.Password(svcID); got != "first" {
		t.Fatalf("stored %q", got)
	}
}

func TestAWrittenSshKeyReplacesTheStoredFormats(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := newClient(t, f.Server, f.app)
	const key = "-----BEGIN OPENSSH PRIVATE KEY-----\nnew\n-----END OPENSSH PRIVATE KEY-----\n"
	a := send(t, f.Server, c, call{method: http.MethodPut, path: "/service/a2a/v4/Credentials/SshKey?keyFormat=Ssh2",
		auth: a2a(rootKey), contentType: "application/json",
		body: `{"privateKey":` + jsonString(key) + `,"Passphrase":""}`})
	wantEmpty(t, a, http.StatusNoContent)
	if got := f.SshKey(rootID, "ssh2"); got != key {
		t.Fatalf("stored %q", got)
	}
	if got := f.SshKey(rootID, "OpenSsh"); got != "" {
		t.Fatalf("the OpenSsh key stayed: %q", got)
	}
	var got string
	decode(t, send(t, f.Server, c, call{path: "/service/a2a/v4/Credentials?type=PrivateKey&keyFormat=Ssh2", auth: a2a(rootKey)}), 200, &got)
	if got != key {
		t.Fatalf("read back %q", got)
	}

	a = send(t, f.Server, c, call{method: http.MethodPut, path: "/service/a2a/v4/Credentials/SshKey",
		auth: a2a(svcKey), contentType: "application/json", body: `{"PrivateKey":"k","Passphrase":"secret"}`})
	wantEmpty(t, a, http.StatusNoContent)
	if got := f.SshKey(svcID, "OpenSsh"); got != "k" {
		t.Fatalf("the default format stored %q", got)
	}
}

func TestWriteBackErrors(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := newClient(t, f.Server, f.app)
	const pw, ssh = "/service/a2a/v4/Credentials/Password", "/service/a2a/v4/Credentials/SshKey"
	for _, tc := range []struct {
		name              string
		path, key         string
		contentType, body string
		status, code      int
		modelKey          string // for 400 70000
	}{
		{"a password in plain text is an unsupported media type", pw, rootKey, "text/plain", "secret", 415, 0, ""},
		{"a password as a form is an unsupported media type", pw, rootKey, "application/x-www-form-urlencoded", "password=x", 415, 0, ""},
		{"a password without a content type is an unsupported media type", pw, rootKey, "", `"x"`, 415, 0, ""},
		{"a password wrapped in an object is invalid", pw, rootKey, "application/json", `{"Password":"x"}`, 400, 70000, "password"},
		{"a number is not a password", pw, rootKey, "application/json", `42`, 400, 70000, "password"},
		{"null is not a password", pw, rootKey, "application/json", `null`, 400, 70000, "password"},
		{"malformed JSON is invalid", pw, rootKey, "application/json", `"open`, 400, 70000, "password"},
		{"an empty body is invalid", pw, rootKey, "application/json", ``, 400, 70000, "password"},
		{"a registration without write-back refuses a password", pw, readOnlyKey, "application/json", `"x"`, 403, 60108, ""},
		{"a disabled registration refuses a password", pw, offKey, "application/json", `"x"`, 403, 60108, ""},
		{"a key in plain text is an unsupported media type", ssh, rootKey, "text/plain", "k", 415, 0, ""},
		{"a key as a JSON string is invalid", ssh, rootKey, "application/json", `"k"`, 400, 70000, "sshKey"},
		{"a key without PrivateKey is invalid", ssh, rootKey, "application/json", `{"Passphrase":""}`, 400, 70000, "sshKey.PrivateKey"},
		{"an unknown key format is invalid", ssh + "?keyFormat=Pem", rootKey, "application/json", `{"PrivateKey":"k"}`, 400, 70000, "keyFormat"},
		{"a registration without write-back refuses a key", ssh, readOnlyKey, "application/json", `{"PrivateKey":"k"}`, 403, 60108, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := send(t, f.Server, c, call{method: http.MethodPut, path: tc.path, auth: a2a(tc.key), contentType: tc.contentType, body: tc.body})
			if tc.status == 415 {
				if a.status != 415 || !strings.Contains(a.body, `"Message":"The request`) {
					t.Fatalf("got %d %s", a.status, a.body)
				}
				return
			}
			e := wantError(t, a, tc.status, tc.code, "")
			if tc.modelKey != "" && len(e.ModelState[tc.modelKey]) == 0 {
				t.Fatalf("ModelState %v has no %q", e.ModelState, tc.modelKey)
			}
		})
	}
	if got := f.Password(rootID); got != rootPassword {
		t.Fatalf("a refused write changed the password to %q", got)
	}
	if got := f.SshKey(rootID, "OpenSsh"); got != opensshKey {
		t.Fatalf("a refused write changed the key to %q", got)
	}
}

// jsonString quotes s as a JSON string.
func jsonString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}
