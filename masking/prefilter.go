package masking

import (
	"regexp"
	"regexp/syntax"
)

// requiredLiteral returns the longest literal that every match of re
// contains, or "" when there is none (or the pattern folds case). A text
// without it cannot match, so the regex need not run on it.
func requiredLiteral(re *regexp.Regexp) string {
	prog, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return ""
	}
	return longest(prog.Simplify())
}

// longest finds the longest literal run every match of r must contain.
func longest(r *syntax.Regexp) string {
	switch r.Op {
	case syntax.OpLiteral:
		if r.Flags&syntax.FoldCase != 0 {
			return ""
		}
		return string(r.Rune)
	case syntax.OpCapture:
		return longest(r.Sub[0])
	case syntax.OpPlus:
		return longest(r.Sub[0])
	case syntax.OpRepeat:
		if r.Min > 0 {
			return longest(r.Sub[0])
		}
	case syntax.OpConcat:
		best, run := "", ""
		for _, sub := range r.Sub {
			if zeroWidth(sub) {
				continue // an assertion consumes nothing: the run goes on
			}
			lit, whole := literalOf(sub)
			if whole {
				run += lit
				if len(run) > len(best) {
					best = run
				}
				continue
			}
			run = ""
			if inner := longest(sub); len(inner) > len(best) {
				best = inner
			}
		}
		return best
	}
	return ""
}

// literalOf returns r's text when r matches exactly one literal string.
func literalOf(r *syntax.Regexp) (string, bool) {
	switch r.Op {
	case syntax.OpLiteral:
		if r.Flags&syntax.FoldCase != 0 {
			return "", false
		}
		return string(r.Rune), true
	case syntax.OpCapture:
		return literalOf(r.Sub[0])
	case syntax.OpConcat:
		s := ""
		for _, sub := range r.Sub {
			lit, ok := literalOf(sub)
			if !ok {
				return "", false
			}
			s += lit
		}
		return s, true
	case syntax.OpEmptyMatch:
		return "", true
	}
	return "", false
}

// zeroWidth reports whether r is an assertion that consumes no text.
func zeroWidth(r *syntax.Regexp) bool {
	switch r.Op {
	case syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary, syntax.OpEmptyMatch:
		return true
	}
	return false
}
