package main

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/pamadapter/pamadapter/adapter/safeguard/safeguardtest"
)

// TestEachSafeguardOperationRunsThroughThePipeline runs every operation
// against a fresh simulator for API versions 3 and 4 and compares the whole
// response with its golden file.
func TestEachSafeguardOperationRunsThroughThePipeline(t *testing.T) {
	tests := []struct {
		operation string
		elements  func(f *sgFixture) string
		wantCode  string
		// check looks at what the operation did, beyond the golden file.
		check func(t *testing.T, f *sgFixture, r response, out string, version int)
	}{
		{"a2a-retrieve-credential",
			func(f *sgFixture) string { return "<api-key>" + f.retrievalKey + "</api-key>" },
			"200",
			func(t *testing.T, f *sgFixture, r response, _ string, _ int) {
				if got := f.sealedString(r.body); got != f.password {
					t.Errorf("decrypted %q, want the account's password", got)
				}
			}},
		{"a2a-set-credential",
			func(f *sgFixture) string {
				return "<api-key>" + f.retrievalKey + "</api-key><new-password>" + xmlEscape(f.plant("sg-new-password")) + "</new-password>"
			},
			"204",
			func(t *testing.T, f *sgFixture, r response, _ string, _ int) {
				if got := f.sg.Password(sgRootID); !strings.HasPrefix(got, "planted-sg-new-password-") || !strings.HasSuffix(got, `&<>"';=+% \`) {
					t.Errorf("the appliance holds %q, want the new password, every character intact", got)
				}
			}},
		{"a2a-broker-access-request",
			func(f *sgFixture) string {
				return "<api-key>" + f.brokerKey + `</api-key><for-user>alice</for-user><asset-name>linux01</asset-name>
<account-name>root</account-name><access-request-type>Password</access-request-type>
<requested-duration-hours>3</requested-duration-hours><reason-comment>nightly backup</reason-comment><ticket-number>CHG-42</ticket-number>`
			},
			"201",
			func(t *testing.T, f *sgFixture, r response, _ string, version int) {
				asset := map[int]string{3: "SystemName", 4: "AssetName"}[version]
				if !strings.Contains(r.body, `"`+asset+`":"linux01"`) || !strings.Contains(r.body, `"State":"RequestAvailable"`) {
					t.Errorf("the access request lacks %s or its state: %s", asset, r.body)
				}
			}},
		{"a2a-list-retrievable-accounts",
			func(f *sgFixture) string {
				return fmt.Sprintf("<registration-id>%d</registration-id>", sgRegistrationID)
			},
			"200",
			func(t *testing.T, f *sgFixture, _ response, out string, _ int) {
				got := f.secrets(out)
				if len(got) != 2 || got[0] != f.retrievalKey || got[1] != f.emptyKey {
					t.Errorf("the sealed API keys decrypt to %q, want the two accounts' keys", got)
				}
			}},
		{"a2a-get-api-key",
			func(f *sgFixture) string {
				return "<app-name>" + sgAppName + "</app-name><account-name>root</account-name><asset-name>linux01</asset-name>"
			},
			"200",
			func(t *testing.T, f *sgFixture, _ response, out string, _ int) {
				if got := f.secrets(out); len(got) != 1 || got[0] != f.retrievalKey {
					t.Errorf("the sealed API key decrypts to %q, want the account's key", got)
				}
			}},
	}
	for _, tt := range tests {
		for _, version := range []int{3, 4} {
			t.Run(fmt.Sprintf("%s with API version %d", tt.operation, version), func(t *testing.T) {
				f := newSGFixture(t)
				f.writeSGConfig(version)
				res := f.run(sgRequest(tt.operation, tt.elements(f)), "run")
				r := parseResponse(t, res.stdout)
				if r.root != "safeguard-adapter-response" || r.status != "success" || r.code != tt.wantCode || res.status != 0 {
					t.Fatalf("root %q status %q code %q exit %d; want success %s exit 0\n%s\n%s", r.root, r.status, r.code, res.status, tt.wantCode, res.stdout, res.stderr)
				}
				for _, req := range f.sg.Requests() {
					if !strings.Contains(req.Path, fmt.Sprintf("/v%d/", version)) {
						t.Errorf("%s %s is not a version %d path", req.Method, req.Path, version)
					}
					if req.ClientThumbprint != safeguardtest.Thumbprint(f.client.Cert) {
						t.Errorf("%s %s arrived without the client certificate", req.Method, req.Path)
					}
				}
				tt.check(t, f, r, res.stdout, version)
				assertGolden(t, fmt.Sprintf("sg-%s-v%d.response.xml", tt.operation, version), sgNormalise(res.stdout))
				f.assertClean(res)
			})
		}
	}
}

// TestTheBrokerBodyCarriesEveryFieldUnderTheNameOfTheVersion checks the
// AccessRequests body the simulator received, field by field.
func TestTheBrokerBodyCarriesEveryFieldUnderTheNameOfTheVersion(t *testing.T) {
	byName := `<for-user>alice</for-user><for-provider>local</for-provider><system-name>linux01</system-name>
<account-name>root</account-name><access-request-type>sshkey</access-request-type>
<requested-for>2026-11-23T14:30:00+02:00</requested-for><requested-duration-days>1</requested-duration-days>
<requested-duration-hours>2</requested-duration-hours><requested-duration-minutes>30</requested-duration-minutes>
<reason-code>Maintenance</reason-code><reason-comment>patch &amp; reboot &lt;now&gt;</reason-comment>
<is-emergency>true</is-emergency><ticket-number>CHG-42</ticket-number>`
	byID := fmt.Sprintf(`<for-user-id>%d</for-user-id><for-user>nobody</for-user><asset-id>%d</asset-id><asset-name>elsewhere</asset-name>
<account-id>%d</account-id><account-name>nobody</account-name><access-request-type>Password</access-request-type>
<reason-code-id>4</reason-code-id><is-emergency>false</is-emergency>`, sgAliceID, sgAssetID, sgRootID)
	tests := []struct {
		name     string
		version  int
		elements string
		want     map[string]any
	}{
		{"names in version 4 are sent as Asset fields", 4, byName, map[string]any{
			"ForUser": "alice", "ForProvider": "local", "AssetName": "linux01", "AccountName": "root",
			"AccessRequestType": "SSHKey", "RequestedFor": "2026-11-23T12:30:00Z",
			"RequestedDurationDays": 1.0, "RequestedDurationHours": 2.0, "RequestedDurationMinutes": 30.0,
			"ReasonCode": "Maintenance", "ReasonComment": "patch & reboot <now>", "IsEmergency": true, "TicketNumber": "CHG-42"}},
		{"names in version 3 are sent as System fields", 3, byName, map[string]any{
			"ForUser": "alice", "ForProvider": "local", "SystemName": "linux01", "AccountName": "root",
			"AccessRequestType": "SSHKey", "RequestedFor": "2026-11-23T12:30:00Z",
			"RequestedDurationDays": 1.0, "RequestedDurationHours": 2.0, "RequestedDurationMinutes": 30.0,
			"ReasonCode": "Maintenance", "ReasonComment": "patch & reboot <now>", "IsEmergency": true, "TicketNumber": "CHG-42"}},
		{"ids in version 4 win over names, which are not sent", 4, byID, map[string]any{
			"ForUserId": float64(sgAliceID), "AssetId": float64(sgAssetID), "AccountId": float64(sgRootID),
			"AccessRequestType": "Password", "ReasonCodeId": 4.0, "IsEmergency": false}},
		{"ids in version 3 win over names, which are not sent", 3, byID, map[string]any{
			"ForUserId": float64(sgAliceID), "SystemId": float64(sgAssetID), "AccountId": float64(sgRootID),
			"AccessRequestType": "Password", "ReasonCodeId": 4.0, "IsEmergency": false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newSGFixture(t)
			f.writeSGConfig(tt.version)
			res := f.run(sgRequest("a2a-broker-access-request", "<api-key>"+f.brokerKey+"</api-key>"+tt.elements), "run")
			if r := parseResponse(t, res.stdout); r.code != "201" {
				t.Fatalf("the broker answered %s, want 201\n%s", r.code, res.stdout)
			}
			req := f.lastRequest()
			if req.Method != "POST" || req.Path != fmt.Sprintf("/service/a2a/v%d/AccessRequests", tt.version) || req.Authorization != "A2A "+f.brokerKey {
				t.Errorf("got %s %s with the broker key %v", req.Method, req.Path, req.Authorization == "A2A "+f.brokerKey)
			}
			var got map[string]any
			if err := json.Unmarshal([]byte(req.Body), &got); err != nil {
				t.Fatalf("the body is not JSON: %v", err)
			}
			for field, want := range tt.want {
				if !reflect.DeepEqual(got[field], want) {
					t.Errorf("%s = %#v, want %#v", field, got[field], want)
				}
			}
			for field := range got {
				if _, ok := tt.want[field]; !ok {
					t.Errorf("the body holds %s = %#v, which the request did not ask for", field, got[field])
				}
			}
		})
	}
}

// TestTheSeedFlowFindsTheAPIKeyThenRetrievesThePassword chains two run
// invocations as a workflow would: the second request carries the first
// response's <EncryptedData> API key unchanged.
func TestTheSeedFlowFindsTheAPIKeyThenRetrievesThePassword(t *testing.T) {
	for _, auth := range []string{"the client certificate alone", "a bearer access token"} {
		t.Run("with "+auth, func(t *testing.T) {
			f := newSGFixture(t)
			lookup := "<app-name>" + sgAppName + "</app-name><account-name>root</account-name><system-name>linux01</system-name>"
			wantAuth := ""
			if auth == "a bearer access token" {
				lookup += "<access-token>" + f.accessToken + "</access-token>"
				wantAuth = "Bearer " + f.accessToken
			}
			first := f.run(sgRequest("a2a-get-api-key", lookup), "run")
			r := parseResponse(t, first.stdout)
			if first.status != 0 {
				t.Fatalf("the lookup: exit %d\n%s\n%s", first.status, first.stdout, first.stderr)
			}
			reqs := f.sg.Requests()
			if len(reqs) != 2 {
				t.Fatalf("the lookup made %d calls, want 2", len(reqs))
			}
			wantQueries := []string{
				"filter=AppName%20eq%20%27" + sgAppName + "%27",
				"fields=ApiKey&filter=AccountName%20eq%20%27root%27%20and%20AssetName%20eq%20%27linux01%27",
			}
			for i, path := range []string{"/service/core/v4/A2ARegistrations", fmt.Sprintf("/service/core/v4/A2ARegistrations/%d/RetrievableAccounts", sgRegistrationID)} {
				if reqs[i].Method != "GET" || reqs[i].Path != path || reqs[i].RawQuery != wantQueries[i] || reqs[i].Authorization != wantAuth {
					t.Errorf("call %d: %s %s?%s (Authorization %q)\nwant GET %s?%s (Authorization %q)", i+1, reqs[i].Method, reqs[i].Path, reqs[i].RawQuery, reqs[i].Authorization, path, wantQueries[i], wantAuth)
				}
			}
			var accounts []struct{ ApiKey string }
			if err := json.Unmarshal([]byte(r.body), &accounts); err != nil || len(accounts) != 1 || !strings.HasPrefix(accounts[0].ApiKey, "<EncryptedData") {
				t.Fatalf("the lookup's answer is not one sealed ApiKey (%v): %s", err, r.body)
			}
			second := f.run(sgRequest("a2a-retrieve-credential", "<api-key>"+accounts[0].ApiKey+"</api-key><credential-type>Password</credential-type>"), "run")
			if second.status != 0 {
				t.Fatalf("the retrieval: exit %d\n%s\n%s", second.status, second.stdout, second.stderr)
			}
			if got := f.lastRequest().Authorization; got != "A2A "+f.retrievalKey {
				t.Error("the retrieval did not send the decrypted API key")
			}
			if got := f.sealedString(parseResponse(t, second.stdout).body); got != f.password {
				t.Errorf("decrypted %q, want the account's password", got)
			}
			f.assertClean(first)
			f.assertClean(second)
		})
	}
}

// TestEveryCredentialTypeIsRetrievedAndSealed covers the retrievals beyond
// the golden password: keys in each format, API key secrets, and an
// account with nothing stored.
func TestEveryCredentialTypeIsRetrievedAndSealed(t *testing.T) {
	f := newSGFixture(t)
	f.sg.AddAccount(safeguardtest.Account{Id: sgRootID, AssetId: sgAssetID, Name: "root", Password: f.password,
		SshKeys: map[string]string{"OpenSsh": f.sshKey, "Putty": "PuTTY-User-Key-File-3: " + f.plant("sg-putty")},
		ApiKeys: []safeguardtest.ApiKeySecret{{Id: 7, Name: "deploy", ClientId: "ci-client", ClientSecret: f.clientSecret, ClientSecretId: "cs-1"}}})
	tests := []struct {
		name, elements string
		wantQuery      string
		check          func(t *testing.T, res result, r response)
	}{
		{"a private key defaults to the OpenSsh format", "<credential-type>PrivateKey</credential-type>", "keyFormat=OpenSsh&type=PrivateKey",
			func(t *testing.T, _ result, r response) {
				if got := f.sealedString(r.body); got != f.sshKey {
					t.Errorf("decrypted %q, want the OpenSSH key", got)
				}
			}},
		{"a private key in PuTTY format", "<credential-type>privatekey</credential-type><key-format>PUTTY</key-format>", "keyFormat=Putty&type=PrivateKey",
			func(t *testing.T, _ result, r response) {
				if got := f.sealedString(r.body); !strings.HasPrefix(got, "PuTTY-User-Key-File-3: planted-sg-putty-") {
					t.Errorf("decrypted %q, want the PuTTY key", got)
				}
			}},
		{"API key secrets have their ClientSecret sealed", "<credential-type>ApiKey</credential-type>", "type=ApiKey",
			func(t *testing.T, res result, r response) {
				if !strings.Contains(r.body, `"ClientId":"ci-client"`) {
					t.Errorf("the answer lost its other members: %s", r.body)
				}
				if got := f.secrets(res.stdout); len(got) != 1 || got[0] != f.clientSecret {
					t.Errorf("decrypted %q, want the client secret", got)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := f.run(sgRequest("a2a-retrieve-credential", "<api-key>"+f.retrievalKey+"</api-key>"+tt.elements), "run")
			r := parseResponse(t, res.stdout)
			if res.status != 0 || r.code != "200" {
				t.Fatalf("exit %d code %s\n%s\n%s", res.status, r.code, res.stdout, res.stderr)
			}
			if got := f.lastRequest().RawQuery; got != tt.wantQuery {
				t.Errorf("query %s, want %s", got, tt.wantQuery)
			}
			tt.check(t, res, r)
			f.assertClean(res)
		})
	}
	t.Run("an account with no password stored gives an empty body and says so in the log", func(t *testing.T) {
		res := f.run(sgRequest("a2a-retrieve-credential", "<api-key>"+f.emptyKey+"</api-key>"), "run")
		r := parseResponse(t, res.stdout)
		if res.status != 0 || r.code != "200" || r.body != "" {
			t.Fatalf("exit %d code %s body %q\n%s", res.status, r.code, r.body, res.stdout)
		}
		if !strings.Contains(res.stderr, "no password stored") || !strings.Contains(res.stderr, "level=info") {
			t.Errorf("the log does not say no password is stored:\n%s", res.stderr)
		}
	})
}

// TestAnSSHKeyIsWrittenBackAsJSON checks the SshKey write-back body and
// that the appliance holds the new key afterwards.
func TestAnSSHKeyIsWrittenBackAsJSON(t *testing.T) {
	f := newSGFixture(t)
	key := "-----BEGIN OPENSSH PRIVATE KEY-----\n" + f.plant("sg-new-key") + "\n-----END OPENSSH PRIVATE KEY-----"
	passphrase := f.plant("sg-passphrase")
	res := f.run(sgRequest("a2a-set-credential", "<api-key>"+f.retrievalKey+"</api-key><new-private-key>"+xmlEscape(key)+
		"</new-private-key><new-passphrase>"+xmlEscape(passphrase)+"</new-passphrase><key-format>Ssh2</key-format>"), "run")
	if r := parseResponse(t, res.stdout); res.status != 0 || r.code != "204" {
		t.Fatalf("exit %d code %s\n%s\n%s", res.status, r.code, res.stdout, res.stderr)
	}
	req := f.lastRequest()
	var body map[string]string
	if err := json.Unmarshal([]byte(req.Body), &body); err != nil {
		t.Fatalf("the body is not a JSON object: %v", err)
	}
	if req.Method != "PUT" || req.Path != "/service/a2a/v4/Credentials/SshKey" || req.RawQuery != "keyFormat=Ssh2" ||
		body["PrivateKey"] != key || body["Passphrase"] != passphrase || len(body) != 2 {
		t.Errorf("got %s %s?%s with members %d", req.Method, req.Path, req.RawQuery, len(body))
	}
	if got := f.sg.SshKey(sgRootID, "Ssh2"); got != key {
		t.Error("the appliance does not hold the new key")
	}
	f.assertClean(res)
}

// TestTheRegistrationsAreListedWithTheCertificateAlone lists registrations
// without a registration-id, and shows the hint for an invisible one.
func TestTheRegistrationsAreListedWithTheCertificateAlone(t *testing.T) {
	f := newSGFixture(t)
	res := f.run(sgRequest("a2a-list-retrievable-accounts", ""), "run")
	r := parseResponse(t, res.stdout)
	if res.status != 0 || !strings.Contains(r.body, `"AppName":"`+sgAppName+`"`) {
		t.Fatalf("exit %d\n%s\n%s", res.status, res.stdout, res.stderr)
	}
	if req := f.lastRequest(); req.Path != "/service/core/v4/A2ARegistrations" || req.RawQuery != "" || req.Authorization != "" {
		t.Errorf("got %s?%s with Authorization %q, want the bare listing with the certificate alone", req.Path, req.RawQuery, req.Authorization)
	}
	f.sg.AddRegistration(safeguardtest.Registration{Id: sgRegistrationID, AppName: sgAppName, CertificateUserId: sgCertUserID})
	res = f.run(sgRequest("a2a-list-retrievable-accounts", ""), "run")
	if r := parseResponse(t, res.stdout); res.status != 0 || r.body != "[]" {
		t.Fatalf("exit %d body %q, want [] for a registration its certificate user may not see", res.status, r.body)
	}
	if !strings.Contains(res.stderr, "VisibleToCertificateUsers") {
		t.Errorf("the log gives no hint about VisibleToCertificateUsers:\n%s", res.stderr)
	}
}
