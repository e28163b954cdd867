package masking

// The parser: escape sequences (Pattern.escape), and the numeric ones \c,
// \0, \x and \u.

import "unicode"

// escape parses an escape sequence at the cursor (which is on '\'). It
// returns the code point for a literal; otherwise -1 and, when create is
// set, the node (outside a class) or set (inside).
func (p *jparser) escape(inclass, create, isrange bool) (rune, *jnode, jset) {
	at := p.cursor
	ch := p.skip()
	set := func(s jset) (rune, *jnode, jset) {
		if !create {
			return -1, nil, nil
		}
		if inclass {
			return -1, nil, s
		}
		return -1, p.charNode(s, at), nil
	}
	assert := func(k jassertKind) (rune, *jnode, jset) {
		if create {
			return -1, &jnode{kind: nAssert, assert: k, off: p.offset(at)}, nil
		}
		return -1, nil, nil
	}
	switch ch {
	case '0':
		return p.o(), nil, nil
	case '1', '2', '3', '4', '5', '6', '7', '8', '9':
		if inclass {
			break
		}
		if create {
			p.refuse(at, "backreference \\"+string(ch), jproblemNotLinear)
		}
		return -1, nil, nil
	case 'A':
		if inclass {
			break
		}
		return assert(aBegin)
	case 'B':
		if inclass {
			break
		}
		return assert(aNotWordBoundary)
	case 'D':
		return set(jsetASCIIDigit.negate())
	case 'G':
		if inclass {
			break
		}
		if create {
			p.refuse(at, "end of previous match \\G", "is not supported by RE2; rewrite the pattern without it")
		}
		return -1, nil, nil
	case 'H':
		return set(jsetHorizWS.negate())
	case 'N':
		p.refuse(at, "named character \\N{...}", "is not supported; write the character as \\x{...}")
	case 'R':
		if inclass {
			break
		}
		if create {
			p.sawR = true
			return -1, p.lineEnding(at), nil
		}
		return -1, nil, nil
	case 'S':
		return set(jsetASCIISpace.negate())
	case 'V':
		return set(jsetVertWS.negate())
	case 'W':
		return set(jsetASCIIWord.negate())
	case 'X':
		if inclass {
			break
		}
		if create {
			p.refuse(at, "grapheme cluster \\X", "is not supported by RE2")
		}
		return -1, nil, nil
	case 'Z':
		if inclass {
			break
		}
		return assert(p.dollarKind(false))
	case 'a':
		return 0x07, nil, nil
	case 'b':
		if inclass {
			break
		}
		if create {
			if p.peek() == '{' {
				if p.skip() == 'g' {
					if p.read() == '}' {
						p.refuse(at, "grapheme boundary \\b{g}", "is not supported by RE2")
					}
					break // Java: error, missing trailing }
				}
				p.unread()
				p.unread()
			}
			return assert(aWordBoundary)
		}
		return -1, nil, nil
	case 'c':
		return p.c(), nil, nil
	case 'd':
		return set(jsetASCIIDigit)
	case 'e':
		return 0x1B, nil, nil
	case 'f':
		return '\f', nil, nil
	case 'h':
		return set(jsetHorizWS)
	case 'k':
		if inclass {
			break
		}
		if p.read() != '<' {
			p.fail("\\k is not followed by '<' for named capturing group")
		}
		name := p.groupname(p.read())
		if _, ok := p.names[name]; !ok {
			p.fail("named capturing group <" + name + "> does not exist")
		}
		if create {
			p.refuse(at, "backreference \\k<"+name+">", jproblemNotLinear)
		}
		return -1, nil, nil
	case 'n':
		return '\n', nil, nil
	case 'r':
		return '\r', nil, nil
	case 's':
		return set(jsetASCIISpace)
	case 't':
		return '\t', nil, nil
	case 'u':
		return p.u(), nil, nil
	case 'v':
		if isrange {
			return 0x0B, nil, nil
		}
		return set(jsetVertWS)
	case 'w':
		return set(jsetASCIIWord)
	case 'x':
		return p.x(), nil, nil
	case 'z':
		if inclass {
			break
		}
		return assert(aEnd)
	case 'C', 'E', 'F', 'I', 'J', 'K', 'L', 'M', 'O', 'P', 'Q', 'T', 'U', 'Y',
		'g', 'i', 'j', 'l', 'm', 'o', 'p', 'q', 'y':
		// Java: illegal
	default:
		return ch, nil, nil
	}
	p.fail("illegal/unsupported escape sequence")
	return -1, nil, nil
}

// c is \cX: X xor 64.
func (p *jparser) c() rune {
	if p.cursor < p.plen {
		return p.read() ^ 64
	}
	p.fail("illegal control escape sequence")
	return 0
}

// o is \0n, \0nn, \0mnn (m <= 3).
func (p *jparser) o() rune {
	n := p.read()
	if n >= '0' && n <= '7' {
		m := p.read()
		if m >= '0' && m <= '7' {
			o := p.read()
			if o >= '0' && o <= '7' && n <= '3' {
				return (n-'0')*64 + (m-'0')*8 + (o - '0')
			}
			p.unread()
			return (n-'0')*8 + (m - '0')
		}
		p.unread()
		return n - '0'
	}
	p.fail("illegal octal escape sequence")
	return 0
}

// x is \xhh or \x{h...h}.
func (p *jparser) x() rune {
	n := p.read()
	if jasciiIsHexDigit(n) {
		m := p.read()
		if jasciiIsHexDigit(m) {
			return jasciiToDigit(n)*16 + jasciiToDigit(m)
		}
	} else if n == '{' && jasciiIsHexDigit(p.peek()) {
		var ch rune
		for {
			n = p.read()
			if !jasciiIsHexDigit(n) {
				break
			}
			ch = ch<<4 + jasciiToDigit(n)
			if ch > unicode.MaxRune {
				p.fail("hexadecimal codepoint is too big")
			}
		}
		if n != '}' {
			p.fail("unclosed hexadecimal escape sequence")
		}
		return ch
	}
	p.fail("illegal hexadecimal escape sequence")
	return 0
}

func (p *jparser) uxxxx() rune {
	var n rune
	for i := 0; i < 4; i++ {
		ch := p.read()
		if !jasciiIsHexDigit(ch) {
			p.fail("illegal Unicode escape sequence")
		}
		n = n*16 + jasciiToDigit(ch)
	}
	return n
}

// u is \uXXXX, joining an escaped surrogate pair.
func (p *jparser) u() rune {
	n := p.uxxxx()
	if n >= 0xD800 && n <= 0xDBFF {
		cur := p.cursor
		if p.read() == '\\' && p.read() == 'u' {
			n2 := p.uxxxx()
			if n2 >= 0xDC00 && n2 <= 0xDFFF {
				return javaUTF16Join(n, n2)
			}
		}
		p.cursor = cur
	}
	return n
}

func javaUTF16Join(hi, lo rune) rune { return (hi-0xD800)<<10 + (lo - 0xDC00) + 0x10000 }
