package masking

import "strings"

// Rules applies operator rules (from log_config.xml files, in order) and
// then the built-in masks. It is safe for concurrent use.
type Rules struct {
	rules   []Rule
	builtin Masker
}

// NewRules makes a masker of rules followed by the built-in masks.
func NewRules(rules []Rule) *Rules {
	return &Rules{rules: rules, builtin: Builtin()}
}

// Mask implements Masker. A rule whose required literal is absent from s is
// skipped without running its pattern.
func (m *Rules) Mask(s string) string {
	for i := range m.rules {
		r := &m.rules[i]
		if r.filter != "" && !strings.Contains(s, r.filter) {
			continue
		}
		s = r.Pattern.ReplaceAll(s, r.Replacement)
	}
	return m.builtin.Mask(s)
}

// Len is the number of operator rules.
func (m *Rules) Len() int { return len(m.rules) }
