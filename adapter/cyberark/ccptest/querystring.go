package ccptest

import "strings"

// queryString holds the parameters of a URL query string the way ASP.NET
// reads them: names compared case-insensitively, the first occurrence of a
// name wins, and only "&" separates parameters, so a ";" stays in its value.
type queryString map[string]string

// parseQueryString decodes raw. Names and values are percent-decoded with
// "+" meaning a space; malformed escapes are kept as they are, as ASP.NET's
// UrlDecode keeps them.
func parseQueryString(raw string) queryString {
	q := make(queryString)
	for part := range strings.SplitSeq(raw, "&") {
		if part == "" {
			continue
		}
		name, value, _ := strings.Cut(part, "=")
		key := strings.ToLower(urlDecode(name))
		if _, seen := q[key]; !seen {
			q[key] = urlDecode(value)
		}
	}
	return q
}

// get returns the value of the parameter name, or "".
func (q queryString) get(name string) string {
	return q[strings.ToLower(name)]
}

// urlDecode turns "+" into a space and "%XX" into the byte XX, leaving any
// other "%" as it is.
func urlDecode(s string) string {
	if !strings.ContainsAny(s, "+%") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '+':
			b.WriteByte(' ')
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b.WriteByte(unhex(s[i+1])<<4 | unhex(s[i+2]))
			i += 2
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	default:
		return c - '0'
	}
}
