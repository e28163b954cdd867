package ccptest_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/pamadapter/pamadapter/adapter/cyberark/ccptest"
	"github.com/pamadapter/pamadapter/internal/testpki"
)

func TestAuthenticationRulesAreCheckedInTheOrderAddressSerialSubject(t *testing.T) {
	t.Parallel()
	s := newFixture(t)
	id, err := s.CA.Issue(testpki.Template{CommonName: "app1", Organization: []string{"Acme"}, ClientAuth: true})
	if err != nil {
		t.Fatal(err)
	}
	c := newClient(t, s, id)
	serial := id.Cert.SerialNumber.Text(16)
	colonSerial := strings.ToUpper("00:" + strings.Join(splitPairs(serial), ":"))
	const authErr = "Authentication error for App ID [%s]. Reason: APPAP133E Failed to verify application authentication data: "
	for i, tc := range []struct {
		name string
		app  ccptest.Application
		msg  string // "" means the request succeeds
	}{
		{"an application without rules accepts any trusted certificate", ccptest.Application{}, ""},
		{"the loopback address is allowed by IP", ccptest.Application{AllowedAddresses: []string{"192.0.2.1", "127.0.0.1"}}, ""},
		{"the loopback address is allowed by CIDR", ccptest.Application{AllowedAddresses: []string{"127.0.0.0/8"}}, ""},
		{"another network is refused by address", ccptest.Application{AllowedAddresses: []string{"10.0.0.0/8", "bogus"}},
			`Machine "127.0.0.1" is unauthorized`},
		{"the certificate serial is allowed", ccptest.Application{AllowedSerials: []string{"abc", serial}}, ""},
		{"the serial matches ignoring case, colons and leading zeros", ccptest.Application{AllowedSerials: []string{colonSerial}}, ""},
		{"another serial is refused with the serial in lowercase hex", ccptest.Application{AllowedSerials: []string{"abc"}},
			`CertificateSN "` + serial + `" is unauthorized`},
		{"subject rules that all match are allowed", ccptest.Application{AllowedSubjects: []string{"CN=app1", "o=acme"}}, ""},
		{"a rule with several attributes must match them all", ccptest.Application{AllowedSubjects: []string{"CN=app1, O=Acme"}}, ""},
		{"one failing subject rule refuses", ccptest.Application{AllowedSubjects: []string{"CN=app1", "OU=Other"}},
			`CertificateAttributes "CN=app1,O=Acme" is unauthorized`},
		{"an unknown attribute never matches", ccptest.Application{AllowedSubjects: []string{"XYZ=app1"}},
			`CertificateAttributes "CN=app1,O=Acme" is unauthorized`},
		{"the address is checked before the serial",
			ccptest.Application{AllowedAddresses: []string{"10.0.0.1"}, AllowedSerials: []string{"abc"}},
			`Machine "127.0.0.1" is unauthorized`},
		{"the serial is checked before the subject",
			ccptest.Application{AllowedSerials: []string{"abc"}, AllowedSubjects: []string{"CN=other"}},
			`CertificateSN "` + serial + `" is unauthorized`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			appID := fmt.Sprintf("Auth%d", i)
			tc.app.AppID = appID
			s.AddApplication(tc.app)
			a := get(t, c, accountsURL(s, "AppID="+appID+"&Safe=Ops&Object=web-1"))
			if tc.msg == "" {
				wantOK(t, a)
				return
			}
			want := strings.Replace(authErr, "%s", appID, 1) + tc.msg
			wantError(t, a, http.StatusForbidden, "APPAP306E", want)
		})
	}
}

func TestCertificateRulesWithoutAClientCertificateFailWithAPPAP330E(t *testing.T) {
	t.Parallel()
	s := newFixture(t, ccptest.WithoutClientCertificateRequirement())
	s.AddApplication(ccptest.Application{AppID: "Serial", AllowedSerials: []string{"abc"}})
	s.AddApplication(ccptest.Application{AppID: "Subject", AllowedSubjects: []string{"CN=app1"}})
	c := newClient(t, s, nil)
	for _, appID := range []string{"Serial", "Subject"} {
		t.Run(appID+" rules need a certificate", func(t *testing.T) {
			a := get(t, c, accountsURL(s, "AppID="+appID+"&Safe=Ops&Object=web-1"))
			wantError(t, a, http.StatusForbidden, "APPAP306E", "Authentication error for App ID ["+appID+
				"]. Reason: APPAP330E Failed to verify application authentication data: Could not obtain client certificate details")
		})
	}
	t.Run("an application without certificate rules answers", func(t *testing.T) {
		wantOK(t, get(t, c, accountsURL(s, "AppID=App1&Safe=Ops&Object=web-1")))
	})
}

// splitPairs cuts hex into two-digit groups, padding an odd length.
func splitPairs(hex string) []string {
	if len(hex)%2 == 1 {
		hex = "0" + hex
	}
	var pairs []string
	for i := 0; i < len(hex); i += 2 {
		pairs = append(pairs, hex[i:i+2])
	}
	return pairs
}
