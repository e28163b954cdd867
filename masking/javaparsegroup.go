package masking

// The parser: groups (Pattern.group0) and quantifiers (Pattern.closure).

import (
	"fmt"
	"strings"
)

// groupname parses a group name (the trailing '>' is consumed).
func (p *jparser) groupname(ch rune) string {
	if !jasciiIsAlpha(ch) {
		p.fail("capturing group name does not start with a Latin letter")
	}
	var b strings.Builder
	for {
		b.WriteRune(ch)
		ch = p.read()
		if !jasciiIsAlnum(ch) {
			break
		}
	}
	if ch != '>' {
		p.fail("named capturing group is missing trailing '>'")
	}
	return b.String()
}

// group0 parses a group; the cursor is on '('. It returns nil for a group
// that only sets flags.
func (p *jparser) group0() *jnode {
	at := p.cursor
	save := p.flags
	var n *jnode
	ch := p.next()
	if ch == '?' {
		ch = p.skip()
		switch ch {
		case ':':
			n = p.expr()
		case '=':
			p.refuse(at, "lookahead (?=...)", jproblemNotLinear)
		case '!':
			p.refuse(at, "negative lookahead (?!...)", jproblemNotLinear)
		case '>':
			p.refuse(at, "atomic group (?>...)", jproblemNotLinear)
		case '<':
			ch = p.read()
			if ch != '=' && ch != '!' {
				name := p.groupname(ch)
				if _, dup := p.names[name]; dup {
					p.fail("named capturing group <" + name + "> is already defined")
				}
				idx := p.groupCount
				p.groupCount++
				p.names[name] = idx
				n = &jnode{kind: nCapture, cap: idx, name: name, off: p.offset(at)}
				n.subs = []*jnode{p.expr()}
				break
			}
			if ch == '=' {
				p.refuse(at, "lookbehind (?<=...)", jproblemNotLinear)
			}
			p.refuse(at, "negative lookbehind (?<!...)", jproblemNotLinear)
		case '$', '@':
			p.fail("unknown group type")
		default:
			p.unread()
			p.addFlag()
			ch = p.read()
			if ch == ')' {
				return nil // flags only: they stay set until the enclosing group ends
			}
			if ch != ':' {
				p.fail("unknown inline modifier")
			}
			n = p.expr()
		}
	} else {
		idx := p.groupCount
		p.groupCount++
		n = &jnode{kind: nCapture, cap: idx, off: p.offset(at)}
		n.subs = []*jnode{p.expr()}
	}
	p.accept(')', "unclosed group")
	p.flags = save
	p.inGroupClosure = true
	defer func() { p.inGroupClosure = false }()
	return p.closure(n, at)
}

func (p *jparser) qtype() jquant {
	ch := p.next()
	switch ch {
	case '?':
		p.next()
		return qLazy
	case '+':
		p.next()
		return qPossessive
	}
	return qGreedy
}

// closure parses a quantifier after prev; at is where prev starts.
func (p *jparser) closure(prev *jnode, at int) *jnode {
	n := p.closure0(prev, at)
	if n != prev && p.inGroupClosure {
		n.groupQuant = true
	}
	return n
}

func (p *jparser) closure0(prev *jnode, at int) *jnode {
	qat := p.cursor
	rep := func(min, max int, q jquant) *jnode {
		if max == javaMaxReps {
			max = -1
		}
		if min > re2MaxRepeat || max > re2MaxRepeat {
			p.refuse(qat, "repetition "+jquantText(&jnode{min: min, max: max}),
				fmt.Sprintf("is above RE2's limit of %d; use a smaller count or *", re2MaxRepeat))
		}
		if q == qPossessive {
			p.qPossessive = true
		}
		return &jnode{kind: nRepeat, subs: []*jnode{prev}, min: min, max: max, q: q, off: p.offset(qat)}
	}
	switch p.peek() {
	case '?':
		return rep(0, 1, p.qtype())
	case '*':
		return rep(0, -1, p.qtype())
	case '+':
		return rep(1, -1, p.qtype())
	case '{':
		ch := p.skip()
		if !jasciiIsDigit(ch) {
			p.fail("illegal repetition")
		}
		var cmin, cmax int64
		for {
			cmin = cmin*10 + int64(ch-'0')
			if cmin > javaMaxReps {
				p.fail("illegal repetition range")
			}
			ch = p.read()
			if !jasciiIsDigit(ch) {
				break
			}
		}
		if ch == ',' {
			ch = p.read()
			if ch == '}' {
				p.unread()
				return rep(int(cmin), -1, p.qtype())
			}
			for jasciiIsDigit(ch) {
				cmax = cmax*10 + int64(ch-'0')
				if cmax > javaMaxReps {
					p.fail("illegal repetition range")
				}
				ch = p.read()
			}
		} else {
			cmax = cmin
		}
		if ch != '}' {
			p.fail("unclosed counted closure")
		}
		if cmax < cmin {
			p.fail("illegal repetition range")
		}
		p.unread()
		return rep(int(cmin), int(cmax), p.qtype())
	}
	return prev
}
