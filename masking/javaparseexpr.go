package masking

// The parser: alternatives, sequences and runs of literal characters
// (Pattern.expr, sequence and atom).

import (
	"fmt"
	"unicode"
)

// expr parses alternatives.
func (p *jparser) expr() *jnode {
	start := p.cursor
	var branches []*jnode
	for {
		branches = append(branches, p.sequence())
		if p.peek() != '|' {
			break
		}
		p.next()
	}
	if len(branches) == 1 {
		return branches[0]
	}
	return &jnode{kind: nAlt, subs: branches, off: p.offset(start)}
}

// sequence parses the items between alternation bars.
func (p *jparser) sequence() *jnode {
	start := p.cursor
	var items []*jnode
loop:
	for {
		ch := p.peek()
		at := p.cursor
		var n *jnode
		switch ch {
		case '(':
			n = p.group0()
			if n != nil {
				items = append(items, n)
			}
			continue
		case '[':
			n = p.charNode(p.clazz(true), at)
		case '\\':
			ch = p.nextEscaped()
			if ch == 'p' || ch == 'P' {
				oneLetter := true
				comp := ch == 'P'
				ch = p.next()
				if ch != '{' {
					p.unread()
				} else {
					oneLetter = false
				}
				n = p.charNode(p.family(oneLetter, comp, at), at)
			} else {
				p.unread()
				n = p.atom()
			}
		case '^':
			p.next()
			k := aBegin
			if p.has(jMultiline) {
				k = aCaretMulti
				if p.has(jUnixLines) {
					k = aUnixCaretMulti
				}
			}
			n = &jnode{kind: nAssert, assert: k, off: p.offset(at)}
		case '$':
			p.next()
			n = &jnode{kind: nAssert, assert: p.dollarKind(p.has(jMultiline)), off: p.offset(at)}
		case '.':
			p.next()
			var s jset
			switch {
			case p.has(jDotall):
				s = jsetAll
			case p.has(jUnixLines):
				s = jsetUnixDot
			default:
				s = jsetDot
			}
			n = p.charNode(s, at)
		case '|', ')':
			break loop
		case ']', '}':
			n = p.atom()
		case '?', '*', '+':
			p.next()
			p.fail(fmt.Sprintf("dangling meta character '%c'", ch))
		case 0:
			if p.cursor >= p.plen {
				break loop
			}
			n = p.atom()
		default:
			n = p.atom()
		}
		items = append(items, p.closure(n, at))
	}
	switch len(items) {
	case 0:
		return &jnode{kind: nEmpty, off: p.offset(start)}
	case 1:
		return items[0]
	}
	return &jnode{kind: nConcat, subs: items, off: p.offset(start)}
}

func (p *jparser) dollarKind(multiline bool) jassertKind {
	switch {
	case p.has(jUnixLines) && multiline:
		return aUnixDollarMulti
	case p.has(jUnixLines):
		return aUnixDollar
	case multiline:
		return aDollarMulti
	}
	return aDollar
}

// atom parses a run of literal characters. As in Java, a quantifier after a
// run applies to its last character only.
func (p *jparser) atom() *jnode {
	start := p.cursor
	first := 0
	prev := -1
	var buf []rune
	var bufAt []int
	ch := p.peek()
loop:
	for {
		switch ch {
		case '*', '+', '?', '{':
			if first > 1 {
				p.cursor = prev
				first--
				buf, bufAt = buf[:first], bufAt[:first]
			}
			break loop
		case '$', '.', '^', '(', '[', '|', ')':
			break loop
		case '\\':
			ch = p.nextEscaped()
			if ch == 'p' || ch == 'P' {
				if first > 0 {
					p.unread()
					break loop
				}
				at := p.cursor - 1
				comp := ch == 'P'
				oneLetter := true
				ch = p.next()
				if ch != '{' {
					p.unread()
				} else {
					oneLetter = false
				}
				return p.charNode(p.family(oneLetter, comp, at), at)
			}
			p.unread()
			prev = p.cursor
			c, n, _ := p.escape(false, first == 0, false)
			if c >= 0 {
				buf = append(buf, c)
				bufAt = append(bufAt, prev)
				first++
				ch = p.peek()
				continue
			} else if first == 0 {
				return n
			}
			p.cursor = prev
			break loop
		case 0:
			if p.cursor >= p.plen {
				break loop
			}
			fallthrough
		default:
			prev = p.cursor
			buf = append(buf, ch)
			bufAt = append(bufAt, prev)
			first++
			ch = p.next()
			continue
		}
	}
	if first == 0 {
		return &jnode{kind: nEmpty, off: p.offset(start)}
	}
	items := make([]*jnode, first)
	for i, c := range buf {
		items[i] = p.charNode(p.literalSet(c, bufAt[i]), bufAt[i])
	}
	if first == 1 {
		return items[0]
	}
	return &jnode{kind: nConcat, subs: items, off: p.offset(start)}
}

func (p *jparser) charNode(s jset, at int) *jnode {
	return &jnode{kind: nChars, set: s, off: p.offset(at)}
}

// literalSet is what one literal character matches under the current flags:
// with CASE_INSENSITIVE, Java folds ASCII letters only.
func (p *jparser) literalSet(c rune, at int) jset {
	if p.has(jCaseInsensitive) {
		p.checkUnicodeCase(c, c, at)
		if l, u := jasciiToLower(c), jasciiToUpper(c); l != u {
			return jset{{l, l}, {u, u}}.normalize()
		}
	}
	return jset{{c, c}}
}

// checkUnicodeCase refuses (?iu) on characters that have case variants:
// Java then folds with Character.toUpperCase/toLowerCase, whose tables
// (Unicode 13) this package does not carry.
func (p *jparser) checkUnicodeCase(lo, hi rune, at int) {
	if !p.has(jCaseInsensitive) || !p.has(jUnicodeCase) {
		return
	}
	for c := lo; c <= hi && c <= unicode.MaxRune; c++ {
		if unicode.SimpleFold(c) != c || unicode.ToUpper(c) != c || unicode.ToLower(c) != c || unicode.ToTitle(c) != c {
			p.refuse(at, "(?iu) Unicode case folding", "is not supported; use (?i) (ASCII letters) or list the letters in a class")
		}
	}
}
