package safeguardtest_test

import (
	"net/http"
	"reflect"
	"testing"
)

func TestCredentialsAreRetrievedByTypeAndKeyFormat(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := newClient(t, f.Server, f.app)
	for _, tc := range []struct {
		name, path, key string
		want            string // the decoded JSON string; "" means an empty body
	}{
		{"the password is a JSON string", "/service/a2a/v4/Credentials?type=Password", rootKey, rootPassword},
		{"type is case-insensitive", "/service/a2a/v4/Credentials?type=password", rootKey, rootPassword},
		{"the query parameter name is case-insensitive", "/service/a2a/v4/Credentials?Type=PASSWORD", rootKey, rootPassword},
		{"v3 serves the same password", "/service/a2a/v3/Credentials?type=Password", rootKey, rootPassword},
		{"v2 serves the same password", "/service/a2a/v2/Credentials?type=Password", rootKey, rootPassword},
		{"an account without a password gives an empty body", "/service/a2a/v4/Credentials?type=Password", svcKey, ""},
		{"the private key defaults to OpenSsh", "/service/a2a/v4/Credentials?type=PrivateKey", rootKey, opensshKey},
		{"an empty keyFormat means OpenSsh", "/service/a2a/v4/Credentials?type=PrivateKey&keyFormat=", rootKey, opensshKey},
		{"OpenSsh is served", "/service/a2a/v4/Credentials?type=PrivateKey&keyFormat=OpenSsh", rootKey, opensshKey},
		{"Ssh2 is served", "/service/a2a/v4/Credentials?type=privatekey&keyFormat=ssh2", rootKey, ssh2Key},
		{"Putty is served", "/service/a2a/v4/Credentials?keyFormat=PUTTY&type=PrivateKey", rootKey, puttyKey},
		{"an account without a key gives an empty body", "/service/a2a/v4/Credentials?type=PrivateKey", svcKey, ""},
		{"paths are case-insensitive", "/SERVICE/A2A/V4/credentials?type=Password", rootKey, rootPassword},
		{"a trailing slash is ignored", "/service/a2a/v4/Credentials/?type=Password", rootKey, rootPassword},
		{"an address inside a CIDR restriction is allowed", "/service/a2a/v4/Credentials?type=Password", loopKey, "admin-pw"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := send(t, f.Server, c, call{path: tc.path, auth: a2a(tc.key)})
			if tc.want == "" {
				wantEmpty(t, a, http.StatusOK)
				return
			}
			var got string
			decode(t, a, http.StatusOK, &got)
			if got != tc.want {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestTheAuthorizationSchemeIsCaseInsensitive(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := newClient(t, f.Server, f.app)
	for _, auth := range []string{"A2A " + rootKey, "a2a " + rootKey, "A2a   " + rootKey + " "} {
		a := send(t, f.Server, c, call{path: "/service/a2a/v4/Credentials?type=Password", auth: auth})
		if a.status != http.StatusOK {
			t.Fatalf("%q: status %d", auth, a.status)
		}
	}
}

func TestApiKeySecretsAreAJSONArray(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := newClient(t, f.Server, f.app)
	a := send(t, f.Server, c, call{path: "/service/a2a/v4/Credentials?type=ApiKey", auth: a2a(rootKey)})
	var got []map[string]any
	decode(t, a, http.StatusOK, &got)
	want := []map[string]any{
		{"Id": 71.0, "Name": "ci", "Description": "CI key", "ClientId": "client-1", "ClientSecret": "secret-1", "ClientSecretId": "sid-1"},
		{"Id": 72.0, "Name": "ops", "Description": "", "ClientId": "client-2", "ClientSecret": "secret-2", "ClientSecretId": "sid-2"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v\nwant %v", got, want)
	}
	wantKeys := []string{"Id", "Name", "Description", "ClientId", "ClientSecret", "ClientSecretId"}
	if got := firstKeys(t, a.body); !reflect.DeepEqual(got, wantKeys) {
		t.Fatalf("keys %v", got)
	}

	a = send(t, f.Server, c, call{path: "/service/a2a/v4/Credentials?type=apikey", auth: a2a(svcKey)})
	if a.status != http.StatusOK || a.body != "[]" {
		t.Fatalf("an account without API keys: %d %q", a.status, a.body)
	}
}

func TestA2ACallsThatFailAuthorization(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	app := newClient(t, f.Server, f.app)
	other := newClient(t, f.Server, f.other)
	stranger := newClient(t, f.Server, issue(t, f.Server, "stranger"))
	none := newClient(t, f.Server, nil)
	const denied, required = "Authorization is denied for this request.", "Authorization is required for this request."
	for _, tc := range []struct {
		name   string
		client *http.Client
		auth   string
		status int
		code   int
		msg    string
	}{
		{"a request without a client certificate is denied", none, a2a(rootKey), 401, 60094, denied},
		{"no certificate is denied even without a key", none, "", 401, 60094, denied},
		{"a missing Authorization header is refused", app, "", 403, 60108, required},
		{"another scheme is refused", app, "Bearer " + rootKey, 403, 60108, required},
		{"an A2A header without a key is refused", app, "A2A ", 403, 60108, required},
		{"an unknown key is refused", app, a2a("bogus"), 403, 60108, required},
		{"keys are case-sensitive", app, a2a("KEY-ROOT"), 403, 60108, required},
		{"another certificate user's key is refused", app, a2a(otherKey), 403, 60108, required},
		{"a key is refused with another certificate user's certificate", other, a2a(rootKey), 403, 60108, required},
		{"a certificate that belongs to no certificate user is refused", stranger, a2a(rootKey), 403, 60108, required},
		{"a disabled registration is refused", app, a2a(offKey), 403, 60108, required},
		{"a disabled account is refused", app, a2a(disabledKey), 403, 60108, required},
		{"an address outside the IP restrictions is refused", app, a2a(farKey), 403, 60108, required},
		{"the broker key cannot retrieve credentials", app, a2a(brokerKey), 403, 60108, required},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := send(t, f.Server, tc.client, call{path: "/service/a2a/v4/Credentials?type=Password", auth: tc.auth})
			wantError(t, a, tc.status, tc.code, tc.msg)
		})
	}
}

func TestInvalidCredentialParametersAreValidationErrors(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	cl := newClient(t, f.Server, f.app)
	for _, tc := range []struct {
		name, query, key string
	}{
		{"a missing type is invalid", "", "type"},
		{"an empty type is invalid", "type=", "type"},
		{"an unknown type is invalid", "type=Secret", "type"},
		{"an unknown keyFormat is invalid", "type=PrivateKey&keyFormat=Pem", "keyFormat"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := send(t, f.Server, cl, call{path: "/service/a2a/v4/Credentials?" + tc.query, auth: a2a(rootKey)})
			e := wantError(t, a, 400, 70000, "The request is invalid.")
			if len(e.ModelState[tc.key]) == 0 {
				t.Fatalf("ModelState %v has no %q", e.ModelState, tc.key)
			}
		})
	}
}
