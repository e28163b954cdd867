package safeguard

import (
	"net/url"
	"testing"
)

func TestFilterValuesAreQuotedSoNothingEndsTheString(t *testing.T) {
	tests := []struct {
		name, value, want string
	}{
		{"a plain name is quoted", "Billing App", `AppName eq 'Billing App'`},
		{"a single quote is escaped", "O'Brien", `AppName eq 'O\'Brien'`},
		{"a double quote is escaped", `say "hi"`, `AppName eq 'say \"hi\"'`},
		{"a backslash is escaped before anything else", `dom\user\'`, `AppName eq 'dom\\user\\\''`},
		{"an asterisk is escaped so it is no wildcard", "App*", `AppName eq 'App\*'`},
		{"a value that tries to add a term stays one string", "x' or AppName ne '", `AppName eq 'x\' or AppName ne \''`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := filterEq("AppName", tt.value); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestQueryStringsEncodeSpacesAsPercent20(t *testing.T) {
	q := url.Values{"filter": {"AppName eq 'a+b&c=d'"}, "fields": {"ApiKey"}}
	want := "fields=ApiKey&filter=AppName%20eq%20%27a%2Bb%26c%3Dd%27"
	if got := encodeQuery(q); got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
	back, err := url.ParseQuery(want)
	if err != nil || back.Get("filter") != "AppName eq 'a+b&c=d'" {
		t.Errorf("decodes to %q, %v", back.Get("filter"), err)
	}
}

func TestTheAccountLookupUsesTheAssetFieldOfTheVersion(t *testing.T) {
	tests := []struct {
		name     string
		version  apiVersion
		elements string
		want     string
	}{
		{"version 4 filters on AssetName", 4, `<account-name>root</account-name><asset-name>linux01</asset-name>`,
			`AccountName eq 'root' and AssetName eq 'linux01'`},
		{"version 3 filters on SystemName", 3, `<account-name>root</account-name><system-name>linux01</system-name>`,
			`AccountName eq 'root' and SystemName eq 'linux01'`},
		{"version 2 filters on SystemName given as asset-name", 2, `<account-name>root</account-name><asset-name>linux01</asset-name>`,
			`AccountName eq 'root' and SystemName eq 'linux01'`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := mustCheck(t, getAPIKeySpec(), `<app-name>A</app-name>`+tt.elements)
			q := accountQuery(v, tt.version)
			if q.Get("filter") != tt.want || q.Get("fields") != "ApiKey" {
				t.Errorf("got %v, want filter %s and fields ApiKey", q, tt.want)
			}
		})
	}
}

func TestPathsCarryTheServiceAndVersion(t *testing.T) {
	if got := apiVersion(3).a2a("Credentials"); got != "/service/a2a/v3/Credentials" {
		t.Errorf("a2a path %s", got)
	}
	if got := apiVersion(4).core("A2ARegistrations"); got != "/service/core/v4/A2ARegistrations" {
		t.Errorf("core path %s", got)
	}
}

func TestTheRequestsAPIVersionOverridesTheConfiguration(t *testing.T) {
	call, _ := newCall(t, retrieveSpec(), `<api-version>2</api-version>`)
	call.Config = mustCheck(t, configSpec(), `<appliance-url>https://h</appliance-url><api-version>3</api-version>`)
	if got := versionOf(call); got != 2 {
		t.Errorf("request 2 over configuration 3: got %d", got)
	}
	call.Request = mustCheck(t, retrieveSpec(), ``)
	if got := versionOf(call); got != 3 {
		t.Errorf("configuration 3: got %d", got)
	}
	call.Config = mustCheck(t, configSpec(), `<appliance-url>https://h</appliance-url>`)
	if got := versionOf(call); got != 4 {
		t.Errorf("default: got %d", got)
	}
}

func TestRetrievalQueriesNameTheTypeAndTheKeyFormatOfPrivateKeysOnly(t *testing.T) {
	tests := []struct {
		name, elements, want string
	}{
		{"a password is the default type", ``, "type=Password"},
		{"an API key secret", `<credential-type>apikey</credential-type>`, "type=ApiKey"},
		{"a private key defaults to OpenSsh", `<credential-type>PrivateKey</credential-type>`, "keyFormat=OpenSsh&type=PrivateKey"},
		{"a private key in PuTTY format", `<credential-type>PrivateKey</credential-type><key-format>putty</key-format>`, "keyFormat=Putty&type=PrivateKey"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := encodeQuery(retrieveQuery(mustCheck(t, retrieveSpec(), tt.elements))); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}
