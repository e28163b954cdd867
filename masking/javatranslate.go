package masking

// After the checks: the RE2 pattern, whether it alone gives Java's result,
// and otherwise the matcher program.

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// build emits the RE2 pattern and, when needed, the matcher program.
func (p *jparser) build(root *jnode) (*JavaPattern, error) {
	jp := &JavaPattern{Source: p.src, groups: p.groupCount - 1, names: p.names, tree: root, repeated: map[int]bool{}}
	jmarkRepeated(root, false, jp.repeated)
	var b strings.Builder
	emitRE2(&b, root)
	re, err := regexp.Compile(b.String())
	if err != nil {
		return nil, &PatternError{Construct: "pattern", Offset: 0, Problem: "is too large for RE2 (" + err.Error() + ")"}
	}
	jp.RE = re
	custom, nullableLoop := jtreeNeeds(root)
	jp.exact = !custom && !nullableLoop && !jnodeFacts(root).nullable
	if !jp.exact {
		prog, err := compileJavaProg(root, jp.groups)
		if err != nil {
			return nil, err
		}
		jp.prog = prog
	}
	return jp, nil
}

// jmarkRepeated records the capturing groups under a quantifier other than
// a greedy or lazy ? (or {0}). JDK 17 does not always restore such a group
// when the match backtracks out of it (GroupCurly, possessive ?+), so the
// text it reports for the group can come from an abandoned attempt.
func jmarkRepeated(n *jnode, inside bool, out map[int]bool) {
	switch n.kind {
	case nCapture:
		if inside {
			out[n.cap] = true
		}
	case nRepeat:
		if n.max != 0 && (n.wasPos || !(n.min == 0 && n.max == 1)) {
			inside = true
		}
	}
	for _, s := range n.subs {
		jmarkRepeated(s, inside, out)
	}
}

// jtreeNeeds reports whether the tree has an assertion RE2 lacks, and
// whether it repeats a subpattern that can match empty (Java ends a loop at
// an empty iteration; RE2 discards such iterations).
func jtreeNeeds(n *jnode) (custom, nullableLoop bool) {
	switch n.kind {
	case nAssert:
		return !n.assert.native(), false
	case nRepeat:
		if n.max != 0 && n.max != 1 && jnodeFacts(n.subs[0]).nullable {
			nullableLoop = true
		}
	}
	for _, s := range n.subs {
		c, l := jtreeNeeds(s)
		custom = custom || c
		nullableLoop = nullableLoop || l
	}
	return custom, nullableLoop
}

func emitRE2(b *strings.Builder, n *jnode) {
	switch n.kind {
	case nEmpty:
		b.WriteString(`(?:)`)
	case nChars:
		emitRE2Set(b, n.set.withoutSurrogates())
	case nConcat:
		for _, s := range n.subs {
			if s.kind == nAlt {
				b.WriteString(`(?:`)
				emitRE2(b, s)
				b.WriteString(`)`)
			} else {
				emitRE2(b, s)
			}
		}
	case nAlt:
		for i, s := range n.subs {
			if i > 0 {
				b.WriteByte('|')
			}
			emitRE2(b, s)
		}
	case nCapture:
		if n.name != "" {
			b.WriteString(`(?P<` + n.name + `>`)
		} else {
			b.WriteString(`(`)
		}
		emitRE2(b, n.subs[0])
		b.WriteString(`)`)
	case nRepeat:
		sub := n.subs[0]
		if sub.kind == nChars || sub.kind == nCapture {
			emitRE2(b, sub)
		} else {
			b.WriteString(`(?:`)
			emitRE2(b, sub)
			b.WriteString(`)`)
		}
		switch {
		case n.min == 0 && n.max == 1:
			b.WriteString(`?`)
		case n.min == 0 && n.max < 0:
			b.WriteString(`*`)
		case n.min == 1 && n.max < 0:
			b.WriteString(`+`)
		case n.max < 0:
			fmt.Fprintf(b, `{%d,}`, n.min)
		case n.min == n.max:
			fmt.Fprintf(b, `{%d}`, n.min)
		default:
			fmt.Fprintf(b, `{%d,%d}`, n.min, n.max)
		}
		if n.q == qLazy {
			b.WriteString(`?`)
		}
	case nAssert:
		b.WriteString(jassertRE2[n.assert])
	}
}

// jassertRE2 is each assertion in RE2: exact for \A, \z and (?m:$) under
// UNIX_LINES; the nearest form for the others, which the matcher evaluates
// itself.
var jassertRE2 = [...]string{
	aBegin:           `\A`,
	aEnd:             `\z`,
	aDollar:          `(?:$)`,
	aDollarMulti:     `(?m:$)`,
	aUnixDollar:      `(?:$)`,
	aUnixDollarMulti: `(?m:$)`,
	aCaretMulti:      `(?m:^)`,
	aUnixCaretMulti:  `(?m:^)`,
	aWordBoundary:    `\b`,
	aNotWordBoundary: `\B`,
	aNotBeforeLF:     `(?:)`,
}

func emitRE2Set(b *strings.Builder, s jset) {
	if len(s) == 0 {
		b.WriteString(`[^\x00-\x{10FFFF}]`)
		return
	}
	if len(s) == 1 && s[0].lo == s[0].hi {
		emitRE2Rune(b, s[0].lo, false)
		return
	}
	b.WriteByte('[')
	for _, r := range s {
		emitRE2Rune(b, r.lo, true)
		if r.hi != r.lo {
			if r.hi > r.lo+1 {
				b.WriteByte('-')
			}
			emitRE2Rune(b, r.hi, true)
		}
	}
	b.WriteByte(']')
}

func emitRE2Rune(b *strings.Builder, r rune, inClass bool) {
	switch {
	case r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'):
		b.WriteRune(r)
	case r > 0x20 && r < 0x7F:
		if inClass && !strings.ContainsRune(`\[]^-`, r) || !inClass && !strings.ContainsRune(`\.+*?()|[]{}^$`, r) {
			b.WriteRune(r)
		} else {
			b.WriteByte('\\')
			b.WriteRune(r)
		}
	case r >= 0x80 && unicode.IsGraphic(r) && !unicode.IsSpace(r) && utf8.ValidRune(r) && !unicode.Is(unicode.Mn, r):
		b.WriteRune(r)
	default:
		fmt.Fprintf(b, `\x{%X}`, r)
	}
}
