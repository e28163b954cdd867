package main

import (
	"fmt"
	"strings"
	"testing"
)

// TestNoPlantedSafeguardSecretReachesAnyOutput runs every operation, and
// requests that the appliance or the adapter refuse while holding secrets,
// at debug level in both log formats, and scans every byte written for the
// planted passwords, keys, API keys, client secrets and tokens.
func TestNoPlantedSafeguardSecretReachesAnyOutput(t *testing.T) {
	for _, format := range []string{"text", "json"} {
		t.Run("with "+format+" logs", func(t *testing.T) {
			f := newSGFixture(t)
			f.write("adapter.xml", []byte(strings.Replace(readFile(t, f.configPath), "<format>text</format>", "<format>"+format+"</format>", 1)))
			key, broker, token := "<api-key>"+f.retrievalKey+"</api-key>", "<api-key>"+f.brokerKey+"</api-key>", "<access-token>"+f.accessToken+"</access-token>"
			newPassword := xmlEscape(f.plant("sg-new-password"))
			requests := []struct{ operation, elements string }{
				{"a2a-retrieve-credential", key},
				{"a2a-retrieve-credential", key + "<credential-type>PrivateKey</credential-type>"},
				{"a2a-retrieve-credential", key + "<credential-type>ApiKey</credential-type>"},
				{"a2a-retrieve-credential", "<api-key>" + f.emptyKey + "</api-key>"},
				{"a2a-retrieve-credential", "<api-key>" + f.brokerKey + "</api-key>"},
				{"a2a-set-credential", key + "<new-password>" + newPassword + "</new-password>"},
				{"a2a-set-credential", key + "<new-private-key>" + xmlEscape(f.plant("sg-new-key")) + "</new-private-key><new-passphrase>" + xmlEscape(f.plant("sg-pp")) + "</new-passphrase>"},
				{"a2a-set-credential", key + "<new-password>" + newPassword + "</new-password><new-passphrase>" + newPassword + "</new-passphrase>"},
				{"a2a-broker-access-request", broker + "<for-user>alice</for-user><asset-name>linux01</asset-name><account-name>root</account-name><access-request-type>Password</access-request-type>"},
				{"a2a-broker-access-request", broker + "<for-user>bob</for-user><asset-name>linux01</asset-name><account-name>root</account-name><access-request-type>Password</access-request-type>"},
				{"a2a-list-retrievable-accounts", token},
				{"a2a-list-retrievable-accounts", fmt.Sprintf("<registration-id>%d</registration-id>", sgRegistrationID)},
				{"a2a-get-api-key", "<app-name>" + sgAppName + "</app-name><account-name>root</account-name><asset-name>linux01</asset-name>" + token},
				{"a2a-get-api-key", "<app-name>nobody</app-name><account-name>root</account-name><asset-name>linux01</asset-name>" + token},
				{"a2a-retrieve-credential", key + "<bogus>" + newPassword + "</bogus>"},
			}
			sawDebugResponse := false
			for i, req := range requests {
				res := f.run(sgRequest(req.operation, req.elements), "run")
				if !strings.Contains(res.stdout, "safeguard-adapter-response>") {
					t.Fatalf("request %d gave no response:\n%s", i, res.stdout)
				}
				f.assertClean(res)
				sawDebugResponse = sawDebugResponse || strings.Contains(res.stderr, "safeguard-adapter-response")
			}
			if !sawDebugResponse {
				t.Error("the debug log never showed a response: the scan proves nothing about debug level")
			}
		})
	}
}
