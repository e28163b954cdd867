package ccptest

import (
	"crypto/x509"
	"net/netip"
	"slices"
	"strings"
)

// Application is an application (AppID) defined in the simulated Vault, with
// its authentication rules. The CCP checks them in the order address, serial
// number, subject; a rule list that is empty is not checked.
type Application struct {
	// AppID is the application's name, matched case-insensitively.
	AppID string
	// AllowedSerials are the client-certificate serial numbers the
	// application accepts, in hex. Case, ":", "-", spaces and leading zeros
	// are ignored when comparing.
	AllowedSerials []string
	// AllowedSubjects are certificate attribute rules such as "CN=app1",
	// "O=Acme" or "CN=app1,OU=Ops"; every rule must match the client
	// certificate subject. Known attributes: CN, O, OU, C, L, ST (or S),
	// STREET, POSTALCODE, SERIALNUMBER, DC, UID and E (or EMAILADDRESS).
	AllowedSubjects []string
	// AllowedAddresses are the source IP addresses or CIDR prefixes the
	// application may call from.
	AllowedAddresses []string
	// Disabled suspends the application: every request for it fails with
	// APPAP008E.
	Disabled bool
}

// caller is the transport-level evidence the CCP authenticates with.
type caller struct {
	addr netip.Addr // invalid when the remote address did not parse
	host string     // the remote host as text, for messages
	cert *x509.Certificate
}

// authenticate checks c against the rules of app; appID is the name the
// request used.
func (app *Application) authenticate(appID string, c caller) *ccpError {
	if len(app.AllowedAddresses) > 0 && !addressAllowed(app.AllowedAddresses, c.addr) {
		return errUnauthorized(appID, authDataError(`Machine "`+c.host+`" is unauthorized`))
	}
	if len(app.AllowedSerials)+len(app.AllowedSubjects) == 0 {
		return nil
	}
	if c.cert == nil {
		return errUnauthorized(appID, "APPAP330E Failed to verify application authentication data: Could not obtain client certificate details")
	}
	if len(app.AllowedSerials) > 0 && !serialAllowed(app.AllowedSerials, c.cert) {
		return errUnauthorized(appID, authDataError(`CertificateSN "`+serialHex(c.cert)+`" is unauthorized`))
	}
	if len(app.AllowedSubjects) > 0 && !subjectAllowed(app.AllowedSubjects, c.cert) {
		return errUnauthorized(appID, authDataError(`CertificateAttributes "`+c.cert.Subject.String()+`" is unauthorized`))
	}
	return nil
}

// authDataError is the APPAP133E reason for a failed rule.
func authDataError(detail string) string {
	return "APPAP133E Failed to verify application authentication data: " + detail
}

// addressAllowed reports whether addr equals an allowed address or lies in
// an allowed prefix. Entries that do not parse never match.
func addressAllowed(allowed []string, addr netip.Addr) bool {
	if !addr.IsValid() {
		return false
	}
	return slices.ContainsFunc(allowed, func(entry string) bool {
		entry = strings.TrimSpace(entry)
		if p, err := netip.ParsePrefix(entry); err == nil {
			return p.Contains(addr)
		}
		a, err := netip.ParseAddr(entry)
		return err == nil && a.Unmap() == addr
	})
}

// serialAllowed reports whether the serial number of cert is in allowed.
func serialAllowed(allowed []string, cert *x509.Certificate) bool {
	got := normalizeSerial(serialHex(cert))
	return slices.ContainsFunc(allowed, func(s string) bool {
		return got != "" && normalizeSerial(s) == got
	})
}

// normalizeSerial lowercases a hex serial and drops separators and leading
// zeros, so that "00:AB:CD" and "abcd" compare equal.
func normalizeSerial(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case ':', '-', ' ':
			return -1
		}
		return r
	}, strings.ToLower(s))
	return strings.TrimLeft(s, "0")
}
