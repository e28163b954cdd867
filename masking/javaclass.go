package masking

// The parser: character classes [...] (Pattern.clazz and range).

// clazz parses a character class; the cursor is on '['.
func (p *jparser) clazz(consume bool) jset {
	start := p.cursor
	var acc jset
	content := false
	isNeg := false
	ch := p.next()
	if ch == '^' && p.at(p.cursor-1) == '[' {
		ch = p.next()
		isNeg = true
	}
	for {
		switch ch {
		case '[':
			acc = acc.union(p.clazz(true))
			content = true
			ch = p.peek()
			continue
		case '&':
			at := p.cursor
			ch = p.next()
			if ch == '&' {
				p.refuse(at, "class intersection &&", "is not supported; write the class without it")
			}
			p.unread()
		case 0:
			if p.cursor >= p.plen {
				p.cursor = start + 1
				p.fail("unclosed character class")
			}
		case ']':
			if content {
				if consume {
					p.next()
				}
				if isNeg {
					return acc.negate()
				}
				return acc
			}
		}
		acc = acc.union(p.rangeClass())
		content = true
		ch = p.peek()
	}
}

// rangeClass parses one member of a class: a character, a range, an escape
// or a property.
func (p *jparser) rangeClass() jset {
	at := p.cursor
	ch := p.peek()
	if ch == '\\' {
		ch = p.nextEscaped()
		if ch == 'p' || ch == 'P' {
			comp := ch == 'P'
			oneLetter := true
			ch = p.next()
			if ch != '{' {
				p.unread()
			} else {
				oneLetter = false
			}
			return p.family(oneLetter, comp, at)
		}
		isrange := p.at(p.cursor+1) == '-'
		p.unread()
		c, _, s := p.escape(true, true, isrange)
		if c == -1 {
			return s
		}
		ch = c
	} else {
		p.next()
	}
	if p.peek() == '-' {
		endRange := p.at(p.cursor + 1)
		if endRange == '[' {
			return p.literalSet(ch, at)
		}
		if endRange != ']' {
			p.next()
			m := p.peek()
			if m == '\\' {
				m, _, _ = p.escape(true, false, true)
			} else {
				p.next()
			}
			if m < ch {
				p.fail("illegal character range")
			}
			if p.has(jCaseInsensitive) {
				p.checkUnicodeCase(ch, m, at)
				return javaCIRange(ch, m)
			}
			return jset{{ch, m}}
		}
	}
	return p.literalSet(ch, at)
}

// javaCIRange is Java's CIRange: the range, plus ASCII letters whose other case
// is in it.
func javaCIRange(lo, hi rune) jset {
	s := jset{{lo, hi}}
	for c := rune(0); c < 0x80; c++ {
		if u, l := jasciiToUpper(c), jasciiToLower(c); (u >= lo && u <= hi) || (l >= lo && l <= hi) {
			s = append(s, jrange{c, c})
		}
	}
	return s.normalize()
}
