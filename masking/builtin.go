package masking

import (
	"regexp"
	"strings"
)

// Replacement is what a masked value becomes.
const Replacement = "***MASKED***"

// secretNames are JSON members known to hold secrets.
const secretNames = `Content|password|Password|ClientSecret|client_secret|access_token|SecretText|ApiKey|PrivateKey`

// builtinPatterns match known secret carriers as (prefix)(value)(suffix):
// the value is masked, prefix and suffix are kept.
var builtinPatterns = []*regexp.Regexp{
	// JSON members that hold secrets, however spaced.
	regexp.MustCompile(`("(?:` + secretNames + `)"\s*:\s*")((?:[^"\\]|\\.)*)(")`),
	// The same inside a JSON string that was itself JSON-escaped.
	regexp.MustCompile(`(\\"(?:` + secretNames + `)\\"\s*:\s*\\")((?:[^"\\]|\\[^"])*)(\\")`),
	// XML elements that hold secrets.
	regexp.MustCompile(`(<(?:keystore-password|key-password|api-key|client-secret|new-password|new-passphrase|new-private-key|access-token)>)([^<]*)(</)`),
	// HTTP authorisation headers: the scheme and its credentials.
	regexp.MustCompile(`(?i)(\b(?:Authorization|Authorize)\s*[:=]\s*)([^\s,"]+(?:\s+[^\s,"]+)?)()`),
}

// Builtin returns the masks that are always on. A value that is already a
// sealed <EncryptedData> element is left as it is: it is ciphertext.
func Builtin() Masker {
	return MaskerFunc(func(s string) string {
		for _, re := range builtinPatterns {
			s = maskGroup2(re, s)
		}
		return s
	})
}

// maskGroup2 replaces group 2 of every match of re in s.
func maskGroup2(re *regexp.Regexp, s string) string {
	matches := re.FindAllStringSubmatchIndex(s, -1)
	if matches == nil {
		return s
	}
	var b strings.Builder
	last := 0
	for _, m := range matches {
		value := s[m[4]:m[5]]
		if strings.HasPrefix(value, "<EncryptedData") {
			continue
		}
		b.WriteString(s[last:m[4]])
		b.WriteString(Replacement)
		last = m[5]
	}
	b.WriteString(s[last:])
	return b.String()
}
