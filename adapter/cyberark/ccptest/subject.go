package ccptest

import (
	"crypto/x509"
	"encoding/asn1"
	"strings"
)

// attributeTypes maps the short attribute names of subject rules (lowercase)
// to their object identifiers. Windows spells State "S" and email "E".
var attributeTypes = map[string]asn1.ObjectIdentifier{
	"cn":           {2, 5, 4, 3},
	"serialnumber": {2, 5, 4, 5},
	"c":            {2, 5, 4, 6},
	"l":            {2, 5, 4, 7},
	"st":           {2, 5, 4, 8},
	"s":            {2, 5, 4, 8},
	"street":       {2, 5, 4, 9},
	"o":            {2, 5, 4, 10},
	"ou":           {2, 5, 4, 11},
	"postalcode":   {2, 5, 4, 17},
	"dc":           {0, 9, 2342, 19200300, 100, 1, 25},
	"uid":          {0, 9, 2342, 19200300, 100, 1, 1},
	"e":            {1, 2, 840, 113549, 1, 9, 1},
	"emailaddress": {1, 2, 840, 113549, 1, 9, 1},
}

// subjectAllowed reports whether every rule matches the subject of cert.
func subjectAllowed(rules []string, cert *x509.Certificate) bool {
	for _, rule := range rules {
		if !ruleMatches(rule, cert) {
			return false
		}
	}
	return true
}

// ruleMatches reports whether every "attr=value" pair of the comma-separated
// rule is an attribute of the subject of cert (values compared
// case-insensitively). A rule with an unknown attribute or without pairs never
// matches.
func ruleMatches(rule string, cert *x509.Certificate) bool {
	pairs := 0
	for _, pair := range strings.Split(rule, ",") {
		if strings.TrimSpace(pair) == "" {
			continue
		}
		name, value, ok := strings.Cut(pair, "=")
		oid, known := attributeTypes[strings.ToLower(strings.TrimSpace(name))]
		if !ok || !known || !hasAttribute(cert, oid, strings.TrimSpace(value)) {
			return false
		}
		pairs++
	}
	return pairs > 0
}

// hasAttribute reports whether the subject of cert has attribute oid with
// value (ignoring case).
func hasAttribute(cert *x509.Certificate, oid asn1.ObjectIdentifier, value string) bool {
	for _, atv := range cert.Subject.Names {
		if s, ok := atv.Value.(string); ok && atv.Type.Equal(oid) && strings.EqualFold(s, value) {
			return true
		}
	}
	return false
}
