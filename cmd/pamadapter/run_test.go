package main

import (
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pamadapter/pamadapter/adapter/cyberark/ccptest"
)

func TestTheSeedSampleWithPEMFilesGivesTheSealedPassword(t *testing.T) {
	f := newFixture(t)
	res := f.run(readSample(t, "ccp-get-password-pem.xml"), "run")
	if res.status != 0 {
		t.Fatalf("exit status %d, want 0\nstdout:\n%s\nstderr:\n%s", res.status, res.stdout, res.stderr)
	}
	r := parseResponse(t, res.stdout)
	if r.root != "cyberark-adapter-response" || r.status != "success" || r.code != "200" || r.reason != "OK" {
		t.Fatalf("got root %q status %q code %q reason %q", r.root, r.status, r.code, r.reason)
	}
	if got := f.secrets(res.stdout); len(got) != 1 || got[0] != f.password {
		t.Fatalf("decrypted items %q, want exactly the vault's password", got)
	}
	if got, want := r.headers["Content-Length"], strconv.Itoa(len(r.body)); len(got) != 1 || got[0] != want {
		t.Errorf("Content-Length %q, want %s: the length of the body as delivered, sealed", got, want)
	}
	assertGolden(t, "ccp-get-password-pem.response.xml", normalise(res.stdout))
	f.assertNoPlantedSecret("stdout", res.stdout)
	f.assertNoPlantedSecret("stderr", res.stderr)
}

func TestTheSeedNotFoundSampleIsASuccessWith404AndTheCCPError(t *testing.T) {
	f := newFixture(t)
	res := f.run(readSample(t, "ccp-get-password-not-found.xml"), "run")
	if res.status != 1 {
		t.Fatalf("exit status %d, want 1 (success with a non-2xx code)\n%s", res.status, res.stdout)
	}
	r := parseResponse(t, res.stdout)
	if r.status != "success" || r.code != "404" || r.reason != "Not Found" {
		t.Fatalf("got status %q code %q reason %q", r.status, r.code, r.reason)
	}
	if !strings.Contains(r.body, `"ErrorCode":"APPAP004E"`) || !strings.Contains(r.body, `Object=objectdoesnotexist] was not found (Diagnostic Info: 5)`) {
		t.Errorf("the body is not the CCP's APPAP004E JSON: %s", r.body)
	}
	assertGolden(t, "ccp-get-password-not-found.response.xml", normalise(res.stdout))
}

func TestSpecialCharactersInValuesReachTheCCPIntact(t *testing.T) {
	f := newFixture(t)
	const object = `db&1 +50% \x=y`
	const objectXML = `db&amp;1 +50% \x=y`
	password := f.plant("special")
	f.ccp.AddAccount(ccptest.Account{Safe: "Sp ecial&Safe", Object: object, Content: password})
	tests := []struct {
		name, elements string
		wantParam      string // the parameter whose decoded value is checked
		wantValue      string
	}{
		{"a query with & + % spaces backslash = and ; keeps every character",
			"<app-id>" + testAppID + "</app-id><query>Safe=Sp ecial&amp;Safe;Object=" + objectXML + "</query>",
			"Query", "Safe=Sp ecial&Safe;Object=" + object},
		{"search fields with & + % spaces backslash and = keep every character",
			"<app-id>" + testAppID + "</app-id><safe>Sp ecial&amp;Safe</safe><object>" + objectXML + "</object>",
			"Object", object},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := f.run(ccpRequest(tt.elements), "run")
			if res.status != 0 {
				t.Fatalf("exit status %d\n%s\n%s", res.status, res.stdout, res.stderr)
			}
			reqs := f.ccp.Requests()
			raw := reqs[len(reqs)-1].RawQuery
			if strings.Contains(raw, "+") {
				t.Errorf("the query string holds a raw '+', which IIS reads as a space: %s", raw)
			}
			values, err := url.ParseQuery(raw)
			if err != nil {
				t.Fatal(err)
			}
			if got := values.Get(tt.wantParam); got != tt.wantValue {
				t.Errorf("%s arrived as %q, want %q (raw %s)", tt.wantParam, got, tt.wantValue, raw)
			}
			if got := f.secrets(res.stdout); len(got) != 1 || got[0] != password {
				t.Errorf("decrypted %q, want the account's password", got)
			}
		})
	}
}

func TestEveryParameterIsSentUnderItsCCPName(t *testing.T) {
	f := newFixture(t)
	res := f.run(ccpRequest(`<app-id>`+testAppID+`</app-id><safe>Test</safe><folder>root\OS\Windows</folder><object>windows1</object>
<username>Administrator</username><address>windows1.example.com</address><policy-id>WinServerLocal</policy-id>
<query-format>exact</query-format><reason>ticket 42</reason><connection-timeout>20</connection-timeout>
<fail-request-on-password-change>TRUE</fail-request-on-password-change>`), "run")
	if res.status != 0 {
		t.Fatalf("exit status %d\n%s\n%s", res.status, res.stdout, res.stderr)
	}
	reqs := f.ccp.Requests()
	want := "AppID=" + testAppID + `&Safe=Test&Folder=root%5COS%5CWindows&Object=windows1&UserName=Administrator&Address=windows1.example.com&PolicyID=WinServerLocal&QueryFormat=Exact&Reason=ticket%2042&ConnectionTimeout=20&FailRequestOnPasswordChange=true`
	if got := reqs[len(reqs)-1].RawQuery; got != want {
		t.Errorf("query string\n got %s\nwant %s", got, want)
	}
	if got := reqs[len(reqs)-1].Path; got != "/AIMWebService/api/Accounts" {
		t.Errorf("path %q", got)
	}
}

func TestASlowVaultTimesOutWithinRequestTimeoutPlusOneSecond(t *testing.T) {
	f := newFixture(t, ccptest.WithDelay(time.Minute))
	f.writeConfig(strings.Replace(f.defaultCyberArk(), "<request-timeout>10</request-timeout>", "<request-timeout>1</request-timeout>", 1))
	start := time.Now()
	res := f.run(readSample(t, "ccp-get-password-pem.xml"), "run")
	elapsed := time.Since(start)
	r := parseResponse(t, res.stdout)
	if res.status != 3 || r.errorCode != "TIMEOUT" {
		t.Fatalf("exit status %d, error code %q, want 3 and TIMEOUT\n%s", res.status, r.errorCode, res.stdout)
	}
	if elapsed > 2*time.Second {
		t.Errorf("the adapter gave up after %s, want within request-timeout (1s) plus one second", elapsed)
	}
	if !strings.Contains(r.errorText, "request timeout of 1s") {
		t.Errorf("the error does not say which timeout ran out: %s", r.errorText)
	}
}

func TestTheHTTPTimeoutOutlastsTheCCPConnectionTimeout(t *testing.T) {
	f := newFixture(t, ccptest.WithDelay(1500*time.Millisecond))
	f.writeConfig(strings.Replace(f.defaultCyberArk(), "<request-timeout>10</request-timeout>", "<request-timeout>1</request-timeout>", 1))
	// connection-timeout 2 makes the adapter wait 2s + 5s, so the 1.5s
	// answer arrives although request-timeout alone is 1s.
	res := f.run(ccpRequest(`<app-id>`+testAppID+`</app-id><query>Safe=Test;Object=windows1</query><connection-timeout>2</connection-timeout>`), "run")
	if res.status != 0 {
		t.Fatalf("exit status %d, want 0: the HTTP timeout must be longer than connection-timeout\n%s", res.status, res.stdout)
	}
}
