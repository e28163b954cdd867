package safeguardtest_test

import (
	"net/http"
	"net/url"
	"reflect"
	"testing"

	"github.com/pamadapter/pamadapter/adapter/safeguard/safeguardtest"
)

// listAsAdmin lists the registrations of f with query, with the bearer
// token, and returns the answer.
func listAsAdmin(t *testing.T, f *fixture, query url.Values) answer {
	t.Helper()
	return send(t, f.Server, newClient(t, f.Server, nil), call{
		path: "/service/core/v4/A2ARegistrations?" + query.Encode(), auth: "Bearer " + adminToken,
	})
}

func TestFiltersSelectRegistrations(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.AddRegistration(safeguardtest.Registration{Id: 8, AppName: `It's "quoted" \ *`, CertificateUserId: appCertUserID})
	all := []string{"MyApp", "Hidden", "OtherApp", "Off", "ReadOnly", `It's "quoted" \ *`}
	for _, tc := range []struct {
		name, filter string
		want         []string
	}{
		{"eq with single quotes", "AppName eq 'MyApp'", []string{"MyApp"}},
		{"eq with double quotes", `AppName eq "MyApp"`, []string{"MyApp"}},
		{"eq is case-sensitive", "AppName eq 'myapp'", []string{}},
		{"ieq ignores case", "AppName ieq 'myapp'", []string{"MyApp"}},
		{"property names ignore case", "appname eq 'MyApp'", []string{"MyApp"}},
		{"operators ignore case", "AppName EQ 'MyApp'", []string{"MyApp"}},
		{"ne excludes", "AppName ne 'MyApp'", []string{"Hidden", "OtherApp", "Off", "ReadOnly", `It's "quoted" \ *`}},
		{"numbers are unquoted", "Id eq 4", []string{"Hidden"}},
		{"numbers may be compared", "Id gt 5 and Id le 7", []string{"Off", "ReadOnly"}},
		{"booleans are unquoted", "Disabled eq true", []string{"Off"}},
		{"false matches too", "VisibleToCertificateUsers eq false", []string{"Hidden", `It's "quoted" \ *`}},
		{"and binds tighter than or", "AppName eq 'Off' or AppName eq 'MyApp' and Disabled eq true", []string{"Off"}},
		{"parentheses group", "(AppName eq 'Off' or AppName eq 'MyApp') and Disabled eq false", []string{"MyApp"}},
		{"not negates", "not (CertificateUserId eq 10)", []string{"OtherApp"}},
		{"backslashes escape quotes and themselves", `AppName eq 'It\'s "quoted" \\ \*'`, []string{`It's "quoted" \ *`}},
		{"contains finds a part", "AppName contains 'App'", []string{"MyApp", "OtherApp"}},
		{"icontains ignores case", "AppName icontains 'app'", []string{"MyApp", "OtherApp"}},
		{"sw and ew match the ends", "AppName sw 'Other' or AppName ew 'Only'", []string{"OtherApp", "ReadOnly"}},
		{"in lists values", "Id in [3, 5]", []string{"MyApp", "OtherApp"}},
		{"a thumbprint compares ignoring case", "CertificateUserThumbprint ieq '" + lower(safeguardtest.Thumbprint(f.other.Cert)) + "'", []string{"OtherApp"}},
		{"an empty filter selects all", "", all},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var regs []map[string]any
			decode(t, listAsAdmin(t, f, url.Values{"filter": {tc.filter}}), 200, &regs)
			if got := appNames(regs); !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
		})
	}
}

// lower is strings.ToLower for ASCII hex.
func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func TestBadFiltersAndFieldsAreRefused(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for _, tc := range []struct {
		name          string
		query         url.Values
		code          int
		msg           string
		modelStateKey string
	}{
		{"an unknown filter property", url.Values{"filter": {"This eq 'x'"}}, 70009,
			"Invalid filter property - 'This' is not a valid filter property name.", ""},
		{"a nested property is unknown", url.Values{"filter": {"Asset.Name eq 'x'"}}, 70009,
			"Invalid filter property - 'Asset.Name' is not a valid filter property name.", ""},
		{"a long-form operator", url.Values{"filter": {"AppName startswith 'My'"}}, 70003,
			"Invalid filter operator - 'startswith' is not a valid filter operator.", ""},
		{"a symbolic operator", url.Values{"filter": {"AppName = 'MyApp'"}}, 70003,
			"Invalid filter operator - '=' is not a valid filter operator.", ""},
		{"an unterminated string", url.Values{"filter": {"AppName eq 'MyApp"}}, 70000, "The request is invalid.", "filter"},
		{"a missing value", url.Values{"filter": {"AppName eq"}}, 70000, "The request is invalid.", "filter"},
		{"an unquoted word value", url.Values{"filter": {"AppName eq MyApp"}}, 70000, "The request is invalid.", "filter"},
		{"a missing closing parenthesis", url.Values{"filter": {"(AppName eq 'MyApp'"}}, 70000, "The request is invalid.", "filter"},
		{"a dangling and", url.Values{"filter": {"AppName eq 'MyApp' and"}}, 70000, "The request is invalid.", "filter"},
		{"text after the filter", url.Values{"filter": {"AppName eq 'MyApp' 'x'"}}, 70000, "The request is invalid.", "filter"},
		{"a string for a number", url.Values{"filter": {"Id eq 'three'"}}, 70000, "The request is invalid.", "filter"},
		{"an unknown field property", url.Values{"fields": {"AppName,X"}}, 70002,
			"Invalid field property - 'X' is not a valid property name.", ""},
	} {
		t.Run(tc.name+" is refused", func(t *testing.T) {
			e := wantError(t, listAsAdmin(t, f, tc.query), http.StatusBadRequest, tc.code, tc.msg)
			if e.Message != tc.msg {
				t.Fatalf("Message %q", e.Message)
			}
			if tc.modelStateKey != "" && len(e.ModelState[tc.modelStateKey]) == 0 {
				t.Fatalf("ModelState %v", e.ModelState)
			}
		})
	}
}

func TestFieldsSelectProperties(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a := listAsAdmin(t, f, url.Values{"fields": {" appname , Id,AppName"}, "filter": {"Id le 4"}})
	if a.status != 200 || a.body != `[{"Id":3,"AppName":"MyApp"},{"Id":4,"AppName":"Hidden"}]` {
		t.Fatalf("got %d %s", a.status, a.body)
	}
	a = send(t, f.Server, newClient(t, f.Server, f.app), call{path: "/service/core/v4/A2ARegistrations/3?fields=AppName"})
	if a.status != 200 || a.body != `{"AppName":"MyApp"}` {
		t.Fatalf("got %d %s", a.status, a.body)
	}
	a = send(t, f.Server, newClient(t, f.Server, f.app), call{path: "/service/core/v4/A2ARegistrations/3?fields=Nope"})
	wantError(t, a, 400, 70002, "Invalid field property - 'Nope' is not a valid property name.")
}

func TestRetrievableAccountsFilterOnIpRestrictions(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	q := url.Values{"filter": {"IpRestrictions eq '127.0.0.0/8'"}, "fields": {"AccountName"}}
	a := send(t, f.Server, newClient(t, f.Server, f.app), call{path: "/service/core/v4/A2ARegistrations/3/RetrievableAccounts?" + q.Encode()})
	if a.status != 200 || a.body != `[{"AccountName":"admin"}]` {
		t.Fatalf("got %d %s", a.status, a.body)
	}
}
