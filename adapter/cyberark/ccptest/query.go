package ccptest

import (
	"regexp"
	"strings"
)

// term is one "Key=Value" condition of a CP query.
type term struct {
	key, value string
}

// search is what the CCP looks for: its query text, echoed in messages, and
// the matcher that applies it to accounts.
type search struct {
	text    string
	matcher *matcher
}

// newSearch turns the request into the CCP's internal query. Query, when
// given, is used as it is; otherwise the search fields are joined as
// "Safe=..;Folder=..;Object=..". Either way the text is then split at ";",
// so a ";" inside a field value adds a term, as on a real CCP. QueryFormat
// applies to Query only.
func newSearch(p *params) (*search, *ccpError) {
	text, format := p.query, p.format
	if text == "" {
		text, format = joinTerms(p.fields), formatExact
	}
	terms, ok := splitTerms(text)
	if !ok {
		return nil, errInvalidQuery()
	}
	m, ok := newMatcher(terms, format)
	if !ok {
		return nil, errInvalidQuery()
	}
	return &search{text: text, matcher: m}, nil
}

// joinTerms writes terms as "Key=Value;Key=Value".
func joinTerms(terms []term) string {
	parts := make([]string, len(terms))
	for i, t := range terms {
		parts[i] = t.key + "=" + t.value
	}
	return strings.Join(parts, ";")
}

// splitTerms parses "Key=Value;Key=Value". Empty terms are skipped; a term
// without "=" or without a key makes the query invalid, as does a query
// without terms.
func splitTerms(text string) ([]term, bool) {
	var terms []term
	for part := range strings.SplitSeq(text, ";") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		key, value, ok := strings.Cut(part, "=")
		key = strings.TrimSpace(key)
		if !ok || key == "" {
			return nil, false
		}
		terms = append(terms, term{key, value})
	}
	return terms, len(terms) > 0
}

// matcher decides whether an account answers a query: every term must match.
type matcher struct {
	terms    []term
	patterns []*regexp.Regexp // one per term with formatRegexp, else nil
}

// newMatcher prepares terms for matching in format. It fails on a value that
// is not a valid regular expression in formatRegexp.
func newMatcher(terms []term, format queryFormat) (*matcher, bool) {
	m := &matcher{terms: terms}
	if format != formatRegexp {
		return m, true
	}
	for _, t := range terms {
		// Compiling the value alone first rejects unbalanced groups, which
		// could otherwise escape the whole-value anchors below.
		if _, err := regexp.Compile(t.value); err != nil {
			return nil, false
		}
		re, err := regexp.Compile(`(?i)^(?:` + t.value + `)$`)
		if err != nil {
			return nil, false
		}
		m.patterns = append(m.patterns, re)
	}
	return m, true
}

// matches reports whether a answers every term.
func (m *matcher) matches(a *Account) bool {
	for i, t := range m.terms {
		v := a.property(t.key)
		if m.patterns != nil {
			if !m.patterns[i].MatchString(v) {
				return false
			}
		} else if !strings.EqualFold(v, t.value) {
			return false
		}
	}
	return true
}
