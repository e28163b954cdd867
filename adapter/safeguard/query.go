package safeguard

import (
	"net/url"
	"slices"
	"strings"
)

// encodeQuery writes query parameters sorted by name, each value
// percent-encoded with a space as %20: "+" means a space to some servers
// and a plus to others, %20 means a space to all.
func encodeQuery(q url.Values) string {
	names := make([]string, 0, len(q))
	for name := range q {
		names = append(names, name)
	}
	slices.Sort(names)
	var b strings.Builder
	for _, name := range names {
		for _, value := range q[name] {
			if b.Len() > 0 {
				b.WriteByte('&')
			}
			b.WriteString(escapeQuery(name))
			b.WriteByte('=')
			b.WriteString(escapeQuery(value))
		}
	}
	return b.String()
}

// escapeQuery percent-encodes s for a query string, a space as %20.
func escapeQuery(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}

// filterEscaper puts a backslash before the characters the appliance's
// filter grammar gives a meaning inside a quoted value: the backslash
// itself, both quotes, and the asterisk (a wildcard).
var filterEscaper = strings.NewReplacer(`\`, `\\`, `'`, `\'`, `"`, `\"`, `*`, `\*`)

// filterEq is the filter term "<field> eq '<value>'", with value quoted so
// that no character in it can end the string or add a term of its own.
func filterEq(field, value string) string {
	return field + " eq '" + filterEscaper.Replace(value) + "'"
}

// filterAnd joins filter terms with "and".
func filterAnd(terms ...string) string {
	return strings.Join(terms, " and ")
}
