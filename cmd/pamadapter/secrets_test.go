package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/pamadapter/pamadapter/adapter/cyberark/ccptest"
)

var encryptedData = regexp.MustCompile(`(?s)<EncryptedData.*?</EncryptedData>`)

// TestNoPlantedSecretReachesAnyOutput runs requests that succeed, fail at
// the CCP and fail in the adapter, at debug level in both log formats, and
// scans every byte written for the planted secrets.
func TestNoPlantedSecretReachesAnyOutput(t *testing.T) {
	for _, format := range []string{"text", "json"} {
		t.Run("with "+format+" logs", func(t *testing.T) {
			f := newFixture(t)
			f.ccp.AddAccount(ccptest.Account{Safe: "Twins", Object: "twin-a", Content: f.plant("twin-a")})
			f.ccp.AddAccount(ccptest.Account{Safe: "Twins", Object: "twin-b", Content: f.plant("twin-b")})
			f.ccp.AddAccount(ccptest.Account{Safe: "Busy", Object: "changing", Content: f.plant("changing"), PasswordChangeInProcess: true})
			keyPassword := f.plant("key-password")
			f.writeConfig("")
			f.write("log_config.xml", []byte(seedLogConfig))
			cfg := strings.Replace(readFile(t, f.configPath), "<format>text</format>", "<format>"+format+"</format><log-config-file>log_config.xml</log-config-file>", 1)
			f.write("adapter.xml", []byte(cfg))
			requests := []string{
				readSample(t, "ccp-get-password-pem.xml"),
				readSample(t, "ccp-get-password-not-found.xml"),
				ccpRequest(`<app-id>` + testAppID + `</app-id><query>Safe=Twins;Object=twin-.*</query><query-format>Regexp</query-format>`),
				ccpRequest(`<app-id>` + testAppID + `</app-id><safe>Busy</safe><object>changing</object>`),
				ccpRequest(`<app-id>` + testAppID + `</app-id><safe>Busy</safe><object>changing</object><fail-request-on-password-change>true</fail-request-on-password-change>`),
				ccpRequest(`<app-id>` + testAppID + `</app-id><safe>Test</safe><object>windows1</object><key-password>` + xmlEscape(keyPassword) + `</key-password>`),
				ccpRequest(`<app-id>` + testAppID + `</app-id><safe>Test</safe><bogus>` + xmlEscape(keyPassword) + `</bogus><key-password>` + xmlEscape(keyPassword) + `</key-password>`),
			}
			sawDebugResponse := false
			for i, req := range requests {
				res := f.run(req, "run")
				if !strings.Contains(res.stdout, "-adapter-response>") {
					t.Fatalf("request %d gave no response:\n%s", i, res.stdout)
				}
				f.assertNoPlantedSecret("stdout outside EncryptedData", encryptedData.ReplaceAllString(res.stdout, ""))
				f.assertNoPlantedSecret("stderr", res.stderr)
				sawDebugResponse = sawDebugResponse || strings.Contains(res.stderr, "cyberark-adapter-response")
			}
			if !sawDebugResponse {
				t.Error("the debug log never showed a response: the scan proves nothing about debug level")
			}
		})
	}
}

// seedLogConfig is the seed's log_config.xml.
const seedLogConfig = `<log-config>
  <replacement-string>$1***MASKED***$2</replacement-string>
  <patterns>
    <mask-pattern><![CDATA[(\"Content\":\")[^&]*?\"(,\"|}</message-body>)]]></mask-pattern>
    <mask-pattern><![CDATA[(\"password\":)[^&]*(})]]></mask-pattern>
  </patterns>
</log-config>`

// xmlEscape escapes text for an XML element.
func xmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}
