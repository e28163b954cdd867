package main

import (
	"fmt"
	"net"
	"strings"
	"testing"

	"github.com/pamadapter/pamadapter/adapter/cyberark/ccptest"
	"github.com/pamadapter/pamadapter/internal/testpki"
)

// TestTheCCPErrorsArePassedThroughWithTheirStatus runs each CCP error
// through the whole pipeline: request XML in, response XML and exit status
// out.
func TestTheCCPErrorsArePassedThroughWithTheirStatus(t *testing.T) {
	f := newFixture(t)
	f.ccp.AddApplication(ccptest.Application{AppID: "OtherSerialApp", AllowedSerials: []string{"6300014713a198178ce2f24f32000000014713"}})
	f.ccp.AddAccount(ccptest.Account{Safe: "Twins", Object: "twin-a", Content: f.plant("twin-a")})
	f.ccp.AddAccount(ccptest.Account{Safe: "Twins", Object: "twin-b", Content: f.plant("twin-b")})
	f.ccp.AddAccount(ccptest.Account{Safe: "Busy", Object: "changing", Content: f.plant("changing"), PasswordChangeInProcess: true})
	serial := fmt.Sprintf("%x", f.client.Cert.SerialNumber)
	tests := []struct {
		name, elements string
		wantCode       string
		wantBody       []string
	}{
		{"an unknown AppID gets APPAP008E and 403",
			`<app-id>NoSuchApp</app-id><query>Safe=Test;Object=windows1</query>`,
			"403", []string{`"ErrorCode":"APPAP008E"`, "ITATS982E User NoSuchApp is not defined"}},
		{"a certificate the application does not allow gets APPAP306E with its serial",
			`<app-id>OtherSerialApp</app-id><query>Safe=Test;Object=windows1</query>`,
			"403", []string{`"ErrorCode":"APPAP306E"`, `CertificateSN \"` + serial + `\" is unauthorized`}},
		{"an object that does not exist gets APPAP004E and 404",
			`<app-id>` + testAppID + `</app-id><safe>Test</safe><object>missing</object>`,
			"404", []string{`"ErrorCode":"APPAP004E"`, "[Safe=Test;Folder=Root;Object=missing] was not found"}},
		{"a query that matches two objects gets APPAP227E and 400",
			`<app-id>` + testAppID + `</app-id><query>Safe=Twins;Object=twin-.*</query><query-format>Regexp</query-format>`,
			"400", []string{`"ErrorCode":"APPAP227E"`, "Too many password objects"}},
		{"a password being changed gets APPAP282E and 500 when asked to fail",
			`<app-id>` + testAppID + `</app-id><safe>Busy</safe><object>changing</object><fail-request-on-password-change>true</fail-request-on-password-change>`,
			"500", []string{`"ErrorCode":"APPAP282E"`, "is currently being changed by the CPM"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := f.run(ccpRequest(tt.elements), "run")
			r := parseResponse(t, res.stdout)
			if res.status != 1 || r.status != "success" || r.code != tt.wantCode {
				t.Fatalf("exit %d, status %q, code %q; want 1, success, %s\n%s", res.status, r.status, r.code, tt.wantCode, res.stdout)
			}
			for _, want := range tt.wantBody {
				if !strings.Contains(r.body, want) {
					t.Errorf("the body lacks %q: %s", want, r.body)
				}
			}
			f.assertNoPlantedSecret("stdout", res.stdout)
			f.assertNoPlantedSecret("stderr", res.stderr)
		})
	}
}

func TestAPasswordBeingChangedIsReturnedWhenNotAskedToFail(t *testing.T) {
	f := newFixture(t)
	password := f.plant("changing")
	f.ccp.AddAccount(ccptest.Account{Safe: "Busy", Object: "changing", Content: password, PasswordChangeInProcess: true})
	res := f.run(ccpRequest(`<app-id>`+testAppID+`</app-id><safe>Busy</safe><object>changing</object>`), "run")
	r := parseResponse(t, res.stdout)
	if res.status != 0 || !strings.Contains(r.body, `"PasswordChangeInProcess":"True"`) {
		t.Fatalf("exit %d; body %s", res.status, r.body)
	}
	if got := f.secrets(res.stdout); len(got) != 1 || got[0] != password {
		t.Errorf("decrypted %q", got)
	}
}

func TestAWrongWebServiceNameGivesIISsHTML404(t *testing.T) {
	f := newFixture(t)
	f.writeConfig(f.defaultCyberArk() + "\n    <web-service-name>AIMWebServiceCert</web-service-name>")
	res := f.run(readSample(t, "ccp-get-password-pem.xml"), "run")
	r := parseResponse(t, res.stdout)
	if res.status != 1 || r.status != "success" || r.code != "404" {
		t.Fatalf("exit %d, status %q, code %q\n%s", res.status, r.status, r.code, res.stdout)
	}
	if !strings.Contains(r.body, "404 - File or directory not found.") || !strings.HasPrefix(r.headers["Content-Type"][0], "text/html") {
		t.Errorf("the IIS page was not passed through: %v %s", r.headers["Content-Type"], r.body)
	}
}

// TestAdapterErrorsGiveTheirCodeAndExitStatus covers every adapter error
// code a CCP request can meet, through the whole pipeline.
func TestAdapterErrorsGiveTheirCodeAndExitStatus(t *testing.T) {
	f := newFixture(t)
	otherCA, err := testpki.NewCA("some other CA")
	if err != nil {
		t.Fatal(err)
	}
	f.write("other-ca.pem", otherCA.CertPEM)
	stranger, err := otherCA.IssueClient("stranger")
	if err != nil {
		t.Fatal(err)
	}
	f.write("stranger.crt", stranger.CertPEM)
	f.write("stranger.key", stranger.KeyPEM)
	closed := closedPort(t)
	sample := `<app-id>` + testAppID + `</app-id><query>Safe=Test;Object=windows1</query>`
	tests := []struct {
		name      string
		cyberark  string // the <cyberark> section; "" = the fixture's
		elements  string
		wantCode  string
		wantExit  int
		wantInErr string
	}{
		{"a request without app-id is refused before it reaches the CCP", "", `<query>Safe=Test;Object=windows1</query>`,
			"INVALID_REQUEST", 2, "<app-id>: required element is missing"},
		{"an unknown element is refused and named", "", sample + `<safe-name>x</safe-name>`,
			"INVALID_REQUEST", 2, "<safe-name>: unknown element; allowed here: app-id, query"},
		{"query together with search fields is refused", "", sample + `<object>windows1</object>`,
			"INVALID_REQUEST", 2, "<query>: cannot be combined with <object>"},
		{"a semicolon inside a search field is refused", "", `<app-id>` + testAppID + `</app-id><safe>Test;Object=x</safe>`,
			"INVALID_REQUEST", 2, `<safe>: must not contain ";"`},
		{"a bad query-format is refused with the allowed values", "", sample + `<query-format>Fuzzy</query-format>`,
			"INVALID_REQUEST", 2, `<query-format>: must be Exact or Regexp, not "Fuzzy"`},
		{"an unknown operation is refused with the known ones", "", "", "INVALID_REQUEST", 2, `unknown operation "ccp-get-everything"`},
		{"a missing certificate file fails to load the identity", "", sample + `<certificate-file>nope.crt</certificate-file><private-key-file>client.key</private-key-file>`,
			"IDENTITY_LOAD_FAILED", 2, "certificate-file: " + f.dir + "/nope.crt does not exist"},
		{"a key that does not match its certificate fails to load the identity", "", sample + `<certificate-file>client.crt</certificate-file><private-key-file>stranger.key</private-key-file>`,
			"IDENTITY_LOAD_FAILED", 2, "does not match the certificate"},
		{"an encrypted key-password that does not decrypt fails", "", sample + `<key-password><EncryptedData xmlns="http://www.w3.org/2001/04/xmlenc#"><CipherData><CipherValue>AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA</CipherValue></CipherData></EncryptedData></key-password>`,
			"DECRYPT_FAILED", 2, "<key-password>:"},
		{"a configuration without a cyberark section is refused", "-", sample, "INVALID_CONFIG", 2, "no <cyberark> section"},
		{"an endpoint URL with a trailing slash is refused", "<aim-endpoint-url>" + f.ccp.URL + "/</aim-endpoint-url>", sample,
			"INVALID_CONFIG", 2, "cyberark/aim-endpoint-url>: must not end with a slash"},
		{"a server certificate from an untrusted CA fails TLS", strings.Replace(f.defaultCyberArk(), "ccp-ca.pem", "other-ca.pem", 1), sample,
			"TLS_FAILED", 3, "not signed by a trusted CA"},
		{"a client certificate the CCP's CA did not issue fails TLS", strings.NewReplacer("client.crt", "stranger.crt", "client.key", "stranger.key").Replace(f.defaultCyberArk()), sample,
			"TLS_FAILED", 3, "TLS with 127.0.0.1"},
		{"a refused port fails to connect", strings.Replace(f.defaultCyberArk(), f.ccp.URL, "https://"+closed, 1), sample,
			"CONNECT_FAILED", 3, "connection refused"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			switch tt.cyberark {
			case "":
				f.writeConfig("")
			case "-":
				f.configPath = f.write("adapter.xml", []byte(`<adapter-config><encryption><key name="k" file="context.key"/></encryption></adapter-config>`))
			default:
				f.writeConfig(tt.cyberark)
			}
			request := ccpRequest(tt.elements)
			if tt.elements == "" {
				request = strings.Replace(ccpRequest(sample), "ccp-aim-get-password", "ccp-get-everything", 1)
			}
			before := len(f.ccp.Requests())
			res := f.run(request, "run")
			r := parseResponse(t, res.stdout)
			if r.root != "cyberark-adapter-response" || r.status != "error" || r.errorCode != tt.wantCode || res.status != tt.wantExit {
				t.Fatalf("root %q status %q code %q exit %d; want error %s exit %d\n%s\n%s", r.root, r.status, r.errorCode, res.status, tt.wantCode, tt.wantExit, res.stdout, res.stderr)
			}
			if !strings.Contains(r.errorText, tt.wantInErr) {
				t.Errorf("the error text %q lacks %q", r.errorText, tt.wantInErr)
			}
			if tt.wantExit == 2 && tt.wantCode != "INVALID_CONFIG" && len(f.ccp.Requests()) != before {
				t.Errorf("a request the adapter refused still reached the CCP")
			}
			if !strings.Contains(res.stderr, "error_code="+tt.wantCode) {
				t.Errorf("the log does not record the error code:\n%s", res.stderr)
			}
			f.assertNoPlantedSecret("stdout", res.stdout)
			f.assertNoPlantedSecret("stderr", res.stderr)
		})
	}
}

// closedPort returns a loopback address nothing listens on.
func closedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}
