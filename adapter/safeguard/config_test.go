package safeguard

import (
	"strings"
	"testing"
)

func TestTheApplianceURLIsHTTPSAndAHostAlone(t *testing.T) {
	tests := []struct {
		name, url string
		wantErr   string // "" = accepted
	}{
		{"a host is accepted", "https://spp.example.com", ""},
		{"a host and port is accepted", "https://127.0.0.1:8443", ""},
		{"plain http is refused because it carries no client certificate", "http://spp.example.com", "must start with https://"},
		{"a URL without a host is refused", "https://", "names no host"},
		{"a trailing slash is refused", "https://spp.example.com/", "must not end with a slash"},
		{"a path is refused, since the adapter adds the service paths", "https://spp.example.com/service/a2a", "must not hold a path"},
		{"a query is refused", "https://spp.example.com?x=1", "must not hold a query"},
		{"user information is refused", "https://u:p@spp.example.com", "must not hold a user name or password"},
		{"text that is not a URL is refused", "https://spp example.com", "is not a URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := checkApplianceURL(tt.url)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("got %v, want an error saying %q", err, tt.wantErr)
			}
		})
	}
}

func TestTheConfigurationSectionTakesItsDocumentedElements(t *testing.T) {
	v := mustCheck(t, configSpec(), `<appliance-url>https://spp.example.com</appliance-url><api-version>3</api-version>
<request-timeout>12</request-timeout><ca-file>ca.pem</ca-file><insecure-skip-tls-verify>false</insecure-skip-tls-verify>
<api-key>k</api-key><certificate-file>c.crt</certificate-file><private-key-file>c.key</private-key-file>`)
	if v.Text("api-version") != "3" || v.Secret("api-key").Plain != "k" {
		t.Errorf("api-version %q", v.Text("api-version"))
	}
	if _, err := check(configSpec(), `<api-version>4</api-version>`); err == nil || !strings.Contains(err.Error(), "<appliance-url>: required element is missing") {
		t.Errorf("a section without appliance-url: %v", err)
	}
	if _, err := check(configSpec(), `<appliance-url>https://h</appliance-url><api-version>5</api-version>`); err == nil || !strings.Contains(err.Error(), `must be 2, 3 or 4, not "5"`) {
		t.Errorf("api-version 5: %v", err)
	}
}
