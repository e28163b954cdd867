package ccptest

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// defaultConnectionTimeout is the CCP's own wait on the Vault when the
// request does not set ConnectionTimeout.
const defaultConnectionTimeout = 30 * time.Second

// queryFormat is how Query values are compared.
type queryFormat int

const (
	formatExact  queryFormat = iota // case-insensitive equality
	formatRegexp                    // case-insensitive whole-value regular expression
)

// params are the parameters of an Accounts request.
type params struct {
	appID string
	// fields are the search fields, in the order the CCP writes them into its
	// query; only non-empty ones are kept.
	fields []term
	// query is the Query parameter; it overrides fields.
	query             string
	format            queryFormat
	connectionTimeout time.Duration
	failOnChange      bool
}

// searchFields are the parameters that become query terms, in query order.
var searchFields = []string{"Safe", "Folder", "Object", "UserName", "Address", "Database", "PolicyID"}

// parseParams reads and validates the parameters of an Accounts request.
// Unknown parameters are ignored, and Reason is accepted and not used.
func parseParams(rawQuery string) (*params, *ccpError) {
	q := parseQueryString(rawQuery)
	p := &params{appID: q.get("AppID"), query: q.get("Query")}
	if p.appID == "" {
		return nil, errAppIDRequired()
	}
	p.fields = searchTerms(q)
	var ok bool
	if p.format, ok = parseFormat(q.get("QueryFormat")); !ok {
		return nil, errInvalidQuery()
	}
	if p.connectionTimeout, ok = parseTimeout(q.get("ConnectionTimeout")); !ok {
		return nil, errInvalidQuery()
	}
	if p.failOnChange, ok = parseBool(q.get("FailRequestOnPasswordChange")); !ok {
		return nil, errInvalidQuery()
	}
	if p.query == "" && len(p.fields) == 0 {
		return nil, errInvalidQuery()
	}
	return p, nil
}

// searchTerms returns the search fields given in q, in query order. When
// any is given, Folder defaults to "Root".
func searchTerms(q queryString) []term {
	var terms []term
	for _, name := range searchFields {
		if v := q.get(name); v != "" {
			terms = append(terms, term{name, v})
		}
	}
	if len(terms) > 0 && q.get("Folder") == "" {
		folder := term{"Folder", defaultFolder}
		if terms[0].key == "Safe" {
			return slices.Insert(terms, 1, folder)
		}
		return slices.Insert(terms, 0, folder)
	}
	return terms
}

// parseFormat reads QueryFormat: "Exact" (the default) or "Regexp", in any case.
func parseFormat(s string) (queryFormat, bool) {
	switch strings.ToLower(s) {
	case "", "exact":
		return formatExact, true
	case "regexp":
		return formatRegexp, true
	default:
		return formatExact, false
	}
}

// parseTimeout reads ConnectionTimeout: a 32-bit count of seconds, zero or
// more; zero or empty means the default.
func parseTimeout(s string) (time.Duration, bool) {
	if s == "" {
		return defaultConnectionTimeout, true
	}
	n, err := strconv.ParseInt(s, 10, 32)
	switch {
	case err != nil || n < 0:
		return 0, false
	case n == 0:
		return defaultConnectionTimeout, true
	default:
		return time.Duration(n) * time.Second, true
	}
}

// parseBool reads "true" or "false" in any case; empty means false.
func parseBool(s string) (bool, bool) {
	switch {
	case s == "" || strings.EqualFold(s, "false"):
		return false, true
	case strings.EqualFold(s, "true"):
		return true, true
	default:
		return false, false
	}
}
