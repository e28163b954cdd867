package main

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pamadapter/pamadapter/internal/testpki"
)

// TestSafeguardErrorsArePassedThroughWithTheirStatus runs each error the
// appliance gives through the whole pipeline. The adapter never provokes
// some of them itself (it always presents its certificate, sends JSON as
// application/json and uses known routes), so those go through a
// middlebox that breaks the request on its way, as a misconfigured load
// balancer or gateway would.
func TestSafeguardErrorsArePassedThroughWithTheirStatus(t *testing.T) {
	f := newSGFixture(t)
	dropCert := f.startMiddlebox(false, nil)
	plainText := f.startMiddlebox(true, func(r *http.Request) { r.Header.Set("Content-Type", "text/plain") })
	noBody := f.startMiddlebox(true, func(r *http.Request) {
		r.Body, r.ContentLength = http.NoBody, 0
	})
	unknownVersion := f.startMiddlebox(true, func(r *http.Request) {
		r.URL.Path = strings.Replace(r.URL.Path, "/v4/", "/v9/", 1)
	})
	wrongKey := f.plantWord("sg-wrong-key")
	retrieve := "<api-key>" + f.retrievalKey + "</api-key>"
	broker := "<api-key>" + f.brokerKey + "</api-key><asset-name>linux01</asset-name><account-name>root</account-name>"
	tests := []struct {
		name         string
		applianceURL string // "" = the simulator itself
		operation    string
		elements     string
		wantCode     string
		sgCode       string   // Safeguard's error code, in the body and the log; "" for none
		wantBody     []string // more the body must hold
	}{
		{"a request whose client certificate does not reach the appliance gets 401 60094", dropCert,
			"a2a-retrieve-credential", retrieve, "401", "60094", []string{"Authorization is denied for this request."}},
		{"a wrong API key gets 403 60108", "",
			"a2a-retrieve-credential", "<api-key>" + wrongKey + "</api-key>", "403", "60108", nil},
		{"a retrieval key used for an access request gets 403 60108", "",
			"a2a-broker-access-request", "<api-key>" + f.retrievalKey + "</api-key><for-user>alice</for-user><asset-name>linux01</asset-name><access-request-type>Password</access-request-type>",
			"403", "60108", nil},
		{"an access request without the account its type needs gets 400 70000 with ModelState", "",
			"a2a-broker-access-request", "<api-key>" + f.brokerKey + "</api-key><for-user>alice</for-user><asset-name>linux01</asset-name><access-request-type>Password</access-request-type>",
			"400", "70000", []string{`"ModelState":{"entity.`}},
		{"a write-back whose body is lost on the way gets 400 70000 with ModelState", noBody,
			"a2a-set-credential", retrieve + "<new-password>" + xmlEscape(f.plant("sg-lost")) + "</new-password>",
			"400", "70000", []string{`"ModelState":{`}},
		{"a user without an entitlement for the type gets 90408", "",
			"a2a-broker-access-request", broker + "<for-user>bob</for-user><access-request-type>Password</access-request-type>",
			"400", "90408", []string{"User is not authorized to use this request type."}},
		{"a write-back whose body arrives as text/plain gets 415", plainText,
			"a2a-set-credential", retrieve + "<new-password>" + xmlEscape(f.plant("sg-415")) + "</new-password>",
			"415", "", []string{"The request entity's media type 'text/plain' is not supported for this resource."}},
		{"an unknown route gets 404 with an empty body", unknownVersion,
			"a2a-retrieve-credential", retrieve, "404", "", nil},
		{"an unknown registration gets 404 60657", "",
			"a2a-list-retrievable-accounts", "<registration-id>99</registration-id>", "404", "60657", nil},
		{"an unknown bearer token gets 401 60094 from the first lookup", "",
			"a2a-get-api-key", "<app-name>" + sgAppName + "</app-name><account-name>root</account-name><asset-name>linux01</asset-name><access-token>" + wrongKey + "</access-token>",
			"401", "60094", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f.writeSGConfig(4)
			if tt.applianceURL != "" {
				f.writeConfigWith(strings.Replace(f.sgSection(4), f.sg.URL, tt.applianceURL, 1))
			}
			res := f.run(sgRequest(tt.operation, tt.elements), "run")
			r := parseResponse(t, res.stdout)
			if res.status != 1 || r.status != "success" || r.code != tt.wantCode {
				t.Fatalf("exit %d, status %q, code %q; want 1, success, %s\n%s\n%s", res.status, r.status, r.code, tt.wantCode, res.stdout, res.stderr)
			}
			if tt.sgCode != "" {
				if !strings.Contains(r.body, `"Code":`+tt.sgCode+`,`) {
					t.Errorf("the body lacks Safeguard's code %s: %s", tt.sgCode, r.body)
				}
				if !strings.Contains(res.stderr, "safeguard_code="+tt.sgCode) {
					t.Errorf("the log does not record Safeguard's code %s:\n%s", tt.sgCode, res.stderr)
				}
			}
			for _, want := range tt.wantBody {
				if !strings.Contains(r.body, want) {
					t.Errorf("the body lacks %q: %s", want, r.body)
				}
			}
			if tt.sgCode == "" && tt.wantBody == nil && r.body != "" {
				t.Errorf("the body is %q, want it empty", r.body)
			}
			f.assertClean(res)
		})
	}
}

// TestSafeguardAdapterErrorsGiveTheirCodeAndExitStatus covers the adapter's
// own refusals and failures for safeguard requests, through the whole
// pipeline.
func TestSafeguardAdapterErrorsGiveTheirCodeAndExitStatus(t *testing.T) {
	f := newSGFixture(t)
	otherCA, err := testpki.NewCA("some other CA")
	if err != nil {
		t.Fatal(err)
	}
	f.write("other-ca.pem", otherCA.CertPEM)
	closed := closedPort(t)
	retrieve := "<api-key>" + f.retrievalKey + "</api-key>"
	lookup := "<app-name>" + sgAppName + "</app-name><account-name>root</account-name>"
	tests := []struct {
		name      string
		section   string // the <safeguard> section; "" = the fixture's, "-" = none
		operation string
		elements  string
		wantCode  string
		wantExit  int
		wantInErr string
	}{
		{"a retrieval without an api-key anywhere is refused", "", "a2a-retrieve-credential", "",
			"INVALID_REQUEST", 2, "<api-key>: required element is missing; give it in the request, or a default <api-key> in <safeguard>"},
		{"key-format with a password retrieval is refused", "", "a2a-retrieve-credential", retrieve + "<key-format>Putty</key-format>",
			"INVALID_REQUEST", 2, "<key-format>: applies only with <credential-type>PrivateKey</credential-type>"},
		{"an element of another operation is refused and named", "", "a2a-retrieve-credential", retrieve + "<for-user>alice</for-user>",
			"INVALID_REQUEST", 2, "<for-user>: unknown element; allowed here: api-key, api-version, credential-type, key-format"},
		{"an asset name given under both its names is refused", "", "a2a-get-api-key", lookup + "<asset-name>linux01</asset-name><system-name>linux01</system-name>",
			"INVALID_REQUEST", 2, "<asset-name>: cannot be combined with <system-name>"},
		{"a broker request without a user is refused", "", "a2a-broker-access-request", "<api-key>" + f.brokerKey + "</api-key><asset-id>1</asset-id><access-request-type>Password</access-request-type>",
			"INVALID_REQUEST", 2, "<for-user-id>: required: give <for-user-id> or <for-user>"},
		{"an api-version the API does not have is refused", "", "a2a-retrieve-credential", retrieve + "<api-version>5</api-version>",
			"INVALID_REQUEST", 2, `<api-version>: must be 2, 3 or 4, not "5"`},
		{"an application no registration is named after is refused and named", "", "a2a-get-api-key",
			"<app-name>No 'Such' App</app-name><account-name>root</account-name><asset-name>linux01</asset-name>",
			"INVALID_REQUEST", 2, `<app-name>: no A2A registration named "No 'Such' App" is visible to this client`},
		{"an encrypted api-key that does not decrypt fails", "", "a2a-retrieve-credential",
			`<api-key><EncryptedData xmlns="http://www.w3.org/2001/04/xmlenc#"><CipherData><CipherValue>AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA</CipherValue></CipherData></EncryptedData></api-key>`,
			"DECRYPT_FAILED", 2, "<api-key>:"},
		{"a configuration without a safeguard section is refused", "-", "a2a-retrieve-credential", retrieve,
			"INVALID_CONFIG", 2, "no <safeguard> section"},
		{"an http appliance URL is refused", "<appliance-url>http://127.0.0.1:1</appliance-url>", "a2a-retrieve-credential", retrieve,
			"INVALID_CONFIG", 2, "safeguard/appliance-url>: must start with https://"},
		{"an appliance URL with a path is refused", "<appliance-url>" + f.sg.URL + "/service/a2a</appliance-url>", "a2a-retrieve-credential", retrieve,
			"INVALID_CONFIG", 2, "safeguard/appliance-url>: must not hold a path"},
		{"an appliance certificate from an untrusted CA fails TLS", strings.Replace(f.sgSection(4), "sg-ca.pem", "other-ca.pem", 1), "a2a-retrieve-credential", retrieve,
			"TLS_FAILED", 3, "not signed by a trusted CA"},
		{"a refused port fails to connect", strings.Replace(f.sgSection(4), f.sg.URL, "https://"+closed, 1), "a2a-retrieve-credential", retrieve,
			"CONNECT_FAILED", 3, "connection refused"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			switch tt.section {
			case "":
				f.writeSGConfig(4)
			case "-":
				f.configPath = f.write("adapter.xml", []byte(`<adapter-config><encryption><key name="k" file="context.key"/></encryption></adapter-config>`))
			default:
				f.writeConfigWith(tt.section)
			}
			before := len(f.sg.Requests())
			res := f.run(sgRequest(tt.operation, tt.elements), "run")
			r := parseResponse(t, res.stdout)
			if r.root != "safeguard-adapter-response" || r.status != "error" || r.errorCode != tt.wantCode || res.status != tt.wantExit {
				t.Fatalf("root %q status %q code %q exit %d; want error %s exit %d\n%s\n%s", r.root, r.status, r.errorCode, res.status, tt.wantCode, tt.wantExit, res.stdout, res.stderr)
			}
			if !strings.Contains(r.errorText, tt.wantInErr) {
				t.Errorf("the error text %q lacks %q", r.errorText, tt.wantInErr)
			}
			if tt.operation != "a2a-get-api-key" && tt.wantExit == 2 && len(f.sg.Requests()) != before {
				t.Errorf("a request the adapter refused still reached the appliance")
			}
			if !strings.Contains(res.stderr, "error_code="+tt.wantCode) {
				t.Errorf("the log does not record the error code:\n%s", res.stderr)
			}
			f.assertClean(res)
		})
	}
}

func TestTheConfigurationsDefaultAPIKeyServesRequestsWithoutOne(t *testing.T) {
	f := newSGFixture(t)
	sealed := strings.TrimSpace(f.run(f.retrievalKey, "encrypt").stdout)
	f.writeSGConfig(4, "\n    <api-key>"+sealed+"</api-key>")
	res := f.run(sgRequest("a2a-retrieve-credential", ""), "run")
	if res.status != 0 {
		t.Fatalf("exit %d\n%s\n%s", res.status, res.stdout, res.stderr)
	}
	if got := f.sealedString(parseResponse(t, res.stdout).body); got != f.password {
		t.Errorf("decrypted %q, want the password", got)
	}
	if got := f.lastRequest().Authorization; got != "A2A "+f.retrievalKey {
		t.Error("the default key was not sent")
	}
	f.assertClean(res)
}
