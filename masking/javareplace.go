package masking

// Java replacement strings: TranslateReplacement reads them with the rules
// of Java's Matcher.appendReplacement. JavaPattern.ReplaceAll (javaregex.go)
// applies them.

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// JavaReplacement is a Java replacement string translated for a pattern.
type JavaReplacement struct {
	Source string

	pieces   []jreplPiece
	template string // for RE.ReplaceAllString: ${n} and $$
	literal  bool   // no group reference: the text is pieces[0].lit (or empty)
}

type jreplPiece struct {
	lit   string
	group int // -1 for literal text
}

// ReplacementError says why a Java replacement string cannot be used.
// Offset is the byte offset in the replacement of the '$' or '\' at fault.
type ReplacementError struct {
	Offset  int
	Problem string
}

// Error implements error.
func (e *ReplacementError) Error() string {
	return fmt.Sprintf("replacement at offset %d: %s", e.Offset, e.Problem)
}

// TranslateReplacement translates a Java replacement for p, with the rules
// of Java's Matcher.appendReplacement: `$n` reads digits greedily only while
// the number is a group of p (`$12` with 2 groups is group 1 then "2");
// `${name}` is a named group; `\x` is the literal x. A trailing lone `\` or
// `$`, a `$` not followed by a digit or `{`, and a group number or name p
// does not have are errors, as Java throws for them (Java only when a match
// occurs; here when the configuration loads).
//
// A reference to a group under a quantifier other than a greedy or lazy ?
// (say $1 in (a|b)+ or (?<g>x)?+y) is refused too: JDK 17 does not always
// restore such a group when it backtracks out of it, so the text Java puts
// there can come from an abandoned attempt, which a linear-time matcher
// cannot reproduce. Referencing a group around the whole repetition,
// ((?:a|b)+), is fine.
func TranslateReplacement(repl string, p *JavaPattern) (*JavaReplacement, error) {
	if p == nil {
		p = &JavaPattern{}
	}
	r := &JavaReplacement{Source: repl}
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			r.pieces = append(r.pieces, jreplPiece{lit: lit.String(), group: -1})
			lit.Reset()
		}
	}
	fail := func(at int, problem string) (*JavaReplacement, error) {
		return nil, &ReplacementError{Offset: at, Problem: problem}
	}
	i := 0
	for i < len(repl) {
		c, w := utf8.DecodeRuneInString(repl[i:])
		switch c {
		case '\\':
			if i+w == len(repl) {
				return fail(i, "character to be escaped is missing (a lone \\ at the end)")
			}
			_, w2 := utf8.DecodeRuneInString(repl[i+w:])
			lit.WriteString(repl[i+w : i+w+w2])
			i += w + w2
		case '$':
			at := i
			i++
			if i == len(repl) {
				return fail(at, "illegal group reference: group index is missing (a lone $ at the end; write \\$ for a dollar sign)")
			}
			var ref int
			if repl[i] == '{' {
				i++
				j := i
				for j < len(repl) && jasciiIsAlnum(rune(repl[j])) {
					j++
				}
				name := repl[i:j]
				if name == "" {
					return fail(at, "named capturing group has 0 length name")
				}
				if j == len(repl) || repl[j] != '}' {
					return fail(at, "named capturing group is missing trailing '}'")
				}
				if jasciiIsDigit(rune(name[0])) {
					return fail(at, "capturing group name {"+name+"} starts with digit character")
				}
				n, ok := p.names[name]
				if !ok {
					return fail(at, "no group with name {"+name+"}")
				}
				ref = n
				i = j + 1
			} else {
				if !jasciiIsDigit(rune(repl[i])) {
					return fail(at, "illegal group reference: $ must be followed by a group number or {name} (write \\$ for a dollar sign)")
				}
				ref = int(repl[i] - '0')
				i++
				for i < len(repl) && jasciiIsDigit(rune(repl[i])) {
					next := ref*10 + int(repl[i]-'0')
					if next > p.groups {
						break
					}
					ref = next
					i++
				}
				if ref > p.groups {
					return fail(at, "no group "+strconv.Itoa(ref)+" (the pattern has "+strconv.Itoa(p.groups)+")")
				}
			}
			if p.repeated[ref] {
				return fail(at, fmt.Sprintf("group %d is repeated by a quantifier in the pattern (only ? is allowed around a referenced group); the text Java puts there depends on how it backtracked and cannot be reproduced; capture the whole repetition instead, as in ((?:...)+)", ref))
			}
			flush()
			r.pieces = append(r.pieces, jreplPiece{group: ref})
		default:
			lit.WriteString(repl[i : i+w])
			i += w
		}
	}
	flush()
	var t strings.Builder
	r.literal = true
	for _, pc := range r.pieces {
		if pc.group < 0 {
			t.WriteString(strings.ReplaceAll(pc.lit, "$", "$$"))
		} else {
			r.literal = false
			fmt.Fprintf(&t, "${%d}", pc.group)
		}
	}
	r.template = t.String()
	return r, nil
}

// text is the literal replacement (for a replacement without references).
func (r *JavaReplacement) text() string {
	if len(r.pieces) == 0 {
		return ""
	}
	return r.pieces[0].lit
}
