package masking

import (
	"regexp"
	"strings"
)

// Replacement is what a masked value becomes.
const Replacement = "***MASKED***"

// secretJSONNames are JSON members known to hold secrets (any letter case).
const secretJSONNames = `content|password|passwd|passphrase|secret|clientsecret|client_secret|` +
	`access_token|accesstoken|refresh_token|id_token|secrettext|apikey|api_key|privatekey|private_key`

// secretXMLNames are XML elements known to hold secrets.
const secretXMLNames = `keystore-password|key-password|api-key|client-secret|new-password|new-passphrase|` +
	`new-private-key|access-token|password|CipherValue`

// builtinMask is one always-on mask: where pattern matches as
// (prefix)(value)(suffix), value is masked. A text that may not hold a
// match (maybe false) is skipped without running the pattern: maybe must be
// cheap and must never say false where the pattern could match.
type builtinMask struct {
	maybe   func(string) bool
	pattern *regexp.Regexp
}

// jsonMember matches a secret JSON member written at an escaping depth:
// 0 is plain JSON ({"Content":"x"}), 1 is JSON inside a JSON or log string
// ({\"Content\":\"x\"}), 2 is one level deeper. At depth n a quote of the
// original JSON is written q and a backslash b; the value is a run of
// ordinary characters and escapes (b followed by q, b or an ordinary
// character), so an escaped quote inside the value never ends it early.
func jsonMember(depth int) *regexp.Regexp {
	q, b := `"`, `\`
	for range depth {
		q = strings.ReplaceAll(strings.ReplaceAll(q, `\`, `\\`), `"`, `\"`)
		b = strings.ReplaceAll(b, `\`, `\\`)
	}
	eq, eb := regexp.QuoteMeta(q), regexp.QuoteMeta(b)
	value := `(?:[^"\\]|` + eb + `(?:` + eq + `|` + eb + `|[^"\\]))*`
	return regexp.MustCompile(`(` + eq + `(?i:` + secretJSONNames + `)` + eq + `\s*:\s*` + eq + `)(` + value + `)(` + eq + `)`)
}

var builtinMasks = []builtinMask{
	// JSON members, plain and as escaped inside JSON or log strings, however
	// spaced ({"Content":"x"}, { "Content" : "x" }).
	{memberAt(`"`), jsonMember(0)},
	{memberAt(`\"`), jsonMember(1)},
	{memberAt(`\\\"`), jsonMember(2)},
	// XML elements, with or without a namespace prefix.
	{containsAll("</"), regexp.MustCompile(`(<(?:[\w.-]+:)?(?:` + secretXMLNames + `)>)([^<]*)(</)`)},
	// HTTP authorisation headers: the scheme and its credentials.
	{containsFold("authoriz", "x-api-key"), regexp.MustCompile(`(?i)(\b(?:proxy-authorization|authorization|authorize|x-api-key)\s*[:=]\s*"?)([^\s,"]+(?:[ ]+[^\s,"]+)?)()`)},
	// Passwords in URLs: scheme://user:password@host.
	{containsAll("://", "@"), regexp.MustCompile(`(\b[A-Za-z][A-Za-z0-9+.-]*://[^/\s:@"]+:)([^/\s@"]+)(@)`)},
	// Secret query parameters: ?password=..., &client_secret=...
	{containsAny("?", "&", ";"), regexp.MustCompile(`(?i)([?&;](?:password|passwd|pwd|secret|client_secret|access_token|refresh_token|api_key|apikey|token)=)([^&\s"#;]+)()`)},
}

// Builtin returns the masks that are always on. A value that is already a
// sealed <EncryptedData> element is left as it is: it is ciphertext (whose
// CipherValue the XML mask hides anyway).
func Builtin() Masker {
	return MaskerFunc(func(s string) string {
		for _, m := range builtinMasks {
			if m.maybe(s) {
				s = maskValues(m.pattern, s)
			}
		}
		return s
	})
}

// memberAt says whether s may hold a JSON member name closed by quote q:
// q, then white space, then a colon.
func memberAt(q string) func(string) bool {
	return func(s string) bool {
		for i := strings.Index(s, q); i >= 0; {
			rest := strings.TrimLeft(s[i+len(q):], " \t\r\n")
			if strings.HasPrefix(rest, ":") {
				return true
			}
			j := strings.Index(s[i+len(q):], q)
			if j < 0 {
				return false
			}
			i += len(q) + j
		}
		return false
	}
}

// containsAll says whether s holds every one of parts.
func containsAll(parts ...string) func(string) bool {
	return func(s string) bool {
		for _, p := range parts {
			if !strings.Contains(s, p) {
				return false
			}
		}
		return true
	}
}

// containsAny says whether s holds one of parts.
func containsAny(parts ...string) func(string) bool {
	return func(s string) bool {
		for _, p := range parts {
			if strings.Contains(s, p) {
				return true
			}
		}
		return false
	}
}

// containsFold says whether s holds one of the lower-case words in any
// letter case (ASCII).
func containsFold(words ...string) func(string) bool {
	return func(s string) bool {
		for _, w := range words {
			for i := 0; i+len(w) <= len(s); i++ {
				if strings.EqualFold(s[i:i+len(w)], w) {
					return true
				}
			}
		}
		return false
	}
}

// maskValues replaces group 2 of every match of re in s.
func maskValues(re *regexp.Regexp, s string) string {
	matches := re.FindAllStringSubmatchIndex(s, -1)
	if matches == nil {
		return s
	}
	var b strings.Builder
	last := 0
	for _, m := range matches {
		value := s[m[4]:m[5]]
		// Ciphertext, or a value an operator pattern masked already (its
		// replacement may have eaten the closing quote, as the seed's does).
		if strings.HasPrefix(value, "<EncryptedData") || strings.HasPrefix(value, Replacement) {
			continue
		}
		b.WriteString(s[last:m[4]])
		b.WriteString(Replacement)
		last = m[5]
	}
	b.WriteString(s[last:])
	return b.String()
}
