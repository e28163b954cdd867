package safeguardtest_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"reflect"
	"testing"

	"github.com/pamadapter/pamadapter/adapter/safeguard/safeguardtest"
)

// appNames returns the AppName of each registration.
func appNames(regs []map[string]any) []string {
	names := []string{}
	for _, r := range regs {
		names = append(names, r["AppName"].(string))
	}
	return names
}

func TestRegistrationListingDependsOnTheCaller(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	app := newClient(t, f.Server, f.app)
	for _, tc := range []struct {
		name   string
		client *http.Client
		auth   string
		want   []string
	}{
		{"a certificate user sees its visible registrations", app, "", []string{"MyApp", "Off", "ReadOnly"}},
		{"A2A NONE is certificate authentication", app, "A2A NONE", []string{"MyApp", "Off", "ReadOnly"}},
		{"another certificate user sees its own", newClient(t, f.Server, f.other), "", []string{"OtherApp"}},
		{"a bearer token sees every registration", newClient(t, f.Server, nil), "Bearer " + adminToken,
			[]string{"MyApp", "Hidden", "OtherApp", "Off", "ReadOnly"}},
		{"a bearer token wins over the certificate", app, "bearer " + adminToken,
			[]string{"MyApp", "Hidden", "OtherApp", "Off", "ReadOnly"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var regs []map[string]any
			decode(t, send(t, f.Server, tc.client, call{path: "/service/core/v4/A2ARegistrations", auth: tc.auth}), 200, &regs)
			if got := appNames(regs); !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestARegistrationHasTheDocumentedProperties(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a := send(t, f.Server, newClient(t, f.Server, f.app), call{path: "/service/core/v4/A2ARegistrations/3"})
	var got map[string]any
	decode(t, a, 200, &got)
	want := map[string]any{
		"Id": 3.0, "AppName": "MyApp", "Description": "the app", "Disabled": false, "CertificateUserId": 10.0,
		"CertificateUser": "app-cert", "CertificateUserThumbprint": safeguardtest.Thumbprint(f.app.Cert),
		"VisibleToCertificateUsers": true, "BidirectionalEnabled": true,
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got  %v\nwant %v", got, want)
	}
	wantKeys := []string{"Id", "AppName", "Description", "Disabled", "CertificateUserId", "CertificateUser",
		"CertificateUserThumbprint", "VisibleToCertificateUsers", "BidirectionalEnabled"}
	if keys := keysOf(t, a.body); !reflect.DeepEqual(keys, wantKeys) {
		t.Fatalf("keys %v", keys)
	}
}

func TestACertificateUserWithoutVisibleRegistrationsGetsAnEmptyList(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.AddRegistration(safeguardtest.Registration{Id: otherAppID, AppName: "OtherApp", CertificateUserId: otherCertUserID})
	a := send(t, f.Server, newClient(t, f.Server, f.other), call{path: "/service/core/v4/A2ARegistrations"})
	if a.status != 200 || a.body != "[]" {
		t.Fatalf("got %d %s", a.status, a.body)
	}
	a = send(t, f.Server, newClient(t, f.Server, f.other), call{path: "/service/core/v4/A2ARegistrations/5/RetrievableAccounts"})
	wantError(t, a, 404, 60657, "Unable to find A2ARegistration with Id 5.")
}

func TestCoreAuthenticationFailures(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	none := newClient(t, f.Server, nil)
	app := newClient(t, f.Server, f.app)
	stranger := newClient(t, f.Server, issue(t, f.Server, "stranger"))
	for _, tc := range []struct {
		name   string
		client *http.Client
		auth   string
	}{
		{"no certificate and no token are denied", none, ""},
		{"A2A NONE without a certificate is denied", none, "A2A NONE"},
		{"an unknown bearer token is denied", app, "Bearer nope"},
		{"an empty bearer token is denied", app, "Bearer"},
		{"another scheme is denied", app, "Basic YTpi"},
		{"a certificate of no certificate user is denied", stranger, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, path := range []string{"/service/core/v4/A2ARegistrations", "/service/core/v4/A2ARegistrations/3",
				"/service/core/v3/A2ARegistrations/3/RetrievableAccounts"} {
				wantError(t, send(t, f.Server, tc.client, call{path: path, auth: tc.auth}), 401, 60094,
					"Authorization is denied for this request.")
			}
		})
	}
}

func TestRegistrationsACallerMayNotSeeAreNotFound(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	app := newClient(t, f.Server, f.app)
	admin := newClient(t, f.Server, nil)
	for _, tc := range []struct {
		name   string
		client *http.Client
		auth   string
		path   string
		status int
	}{
		{"an invisible registration is not found by its owner", app, "", "/service/core/v4/A2ARegistrations/4", 404},
		{"its accounts are not found either", app, "", "/service/core/v4/A2ARegistrations/4/RetrievableAccounts", 404},
		{"another user's registration is not found", app, "", "/service/core/v4/A2ARegistrations/5", 404},
		{"an unknown registration is not found", admin, "Bearer " + adminToken, "/service/core/v4/A2ARegistrations/99", 404},
		{"a bearer token sees an invisible registration", admin, "Bearer " + adminToken, "/service/core/v4/A2ARegistrations/4", 200},
		{"and its accounts", admin, "Bearer " + adminToken, "/service/core/v4/A2ARegistrations/4/RetrievableAccounts", 200},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := send(t, f.Server, tc.client, call{path: tc.path, auth: tc.auth})
			if tc.status == 404 {
				wantError(t, a, 404, 60657, "Unable to find A2ARegistration with Id")
			} else if a.status != tc.status {
				t.Fatalf("got %d %s", a.status, a.body)
			}
		})
	}
}

func TestRetrievableAccountsUseTheVersionsNames(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	app := newClient(t, f.Server, f.app)
	a := send(t, f.Server, app, call{path: "/service/core/v4/A2ARegistrations/3/RetrievableAccounts"})
	var got []map[string]any
	decode(t, a, 200, &got)
	if len(got) != 5 {
		t.Fatalf("%d accounts: %s", len(got), a.body)
	}
	wantRoot := map[string]any{
		"AccountId": 5.0, "AccountName": "root", "AccountDescription": "superuser", "AccountDisabled": false,
		"ApiKey": rootKey, "AssetId": 1.0, "AssetName": "linux01", "AssetDescription": "",
		"NetworkAddress": "10.0.0.1", "DomainName": "", "IpRestrictions": []any{},
	}
	if !reflect.DeepEqual(got[0], wantRoot) {
		t.Fatalf("got  %v\nwant %v", got[0], wantRoot)
	}
	if got[1]["AccountId"] != 6.0 || got[2]["AccountId"] != 7.0 || got[2]["DomainName"] != "EXAMPLE" ||
		!reflect.DeepEqual(got[2]["IpRestrictions"], []any{"192.0.2.10", "127.0.0.0/8"}) || got[3]["AccountDisabled"] != true {
		t.Fatalf("got %v", got)
	}

	a = send(t, f.Server, app, call{path: "/service/core/v3/A2ARegistrations/3/RetrievableAccounts"})
	var v3 []map[string]any
	decode(t, a, 200, &v3)
	wantKeys := []string{"AccountId", "AccountName", "AccountDescription", "AccountDisabled", "ApiKey",
		"SystemId", "SystemName", "SystemDescription", "NetworkAddress", "DomainName", "IpRestrictions"}
	if v3[0]["SystemName"] != "linux01" || v3[0]["SystemId"] != 1.0 {
		t.Fatalf("got %v", v3[0])
	}
	if keys := firstKeys(t, a.body); !reflect.DeepEqual(keys, wantKeys) {
		t.Fatalf("keys %v", keys)
	}
}

// firstKeys returns the member names of the first object of a JSON array,
// in order.
func firstKeys(t *testing.T, body string) []string {
	t.Helper()
	var arr []json.RawMessage
	if err := json.Unmarshal([]byte(body), &arr); err != nil || len(arr) == 0 {
		t.Fatalf("not a non-empty array: %s (%v)", body, err)
	}
	return keysOf(t, string(arr[0]))
}

func TestTheSeedLooksUpAnAPIKeyByAppAccountAndAsset(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	app := newClient(t, f.Server, f.app)
	for _, tc := range []struct{ version, assetName string }{{"v4", "AssetName"}, {"v3", "SystemName"}} {
		t.Run(tc.version, func(t *testing.T) {
			q := url.Values{"filter": {`AppName eq "MyApp"`}}
			var regs []map[string]any
			decode(t, send(t, f.Server, app, call{path: "/service/core/" + tc.version + "/A2ARegistrations?" + q.Encode()}), 200, &regs)
			if len(regs) != 1 || regs[0]["Id"] != 3.0 {
				t.Fatalf("registrations %v", regs)
			}
			q = url.Values{
				"filter": {"AccountName eq 'root' and " + tc.assetName + " eq 'linux01'"},
				"fields": {"ApiKey"},
			}
			a := send(t, f.Server, app, call{path: "/service/core/" + tc.version + "/A2ARegistrations/3/RetrievableAccounts?" + q.Encode()})
			if a.status != 200 || a.body != `[{"ApiKey":"key-root"}]` {
				t.Fatalf("got %d %s", a.status, a.body)
			}
		})
	}
	t.Run("v4 does not know SystemName", func(t *testing.T) {
		q := url.Values{"filter": {"AccountName eq 'root' and SystemName eq 'linux01'"}}
		wantError(t, send(t, f.Server, app, call{path: "/service/core/v4/A2ARegistrations/3/RetrievableAccounts?" + q.Encode()}),
			400, 70009, "Invalid filter property - 'SystemName' is not a valid filter property name.")
	})
}
