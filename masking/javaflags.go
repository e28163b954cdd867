package masking

// The parser: Java's flags, and the inline modifiers that set and clear
// them, (?imsdux-imsdux).

// Java's flag bits.
const (
	jUnixLines        = 0x01
	jCaseInsensitive  = 0x02
	jComments         = 0x04
	jMultiline        = 0x08
	jDotall           = 0x20
	jUnicodeCase      = 0x40
	jCanonEq          = 0x80
	jUnicodeCharClass = 0x100
)

func (p *jparser) addFlag() {
	ch := p.peek()
	for {
		switch ch {
		case 'i':
			p.flags |= jCaseInsensitive
		case 'm':
			p.flags |= jMultiline
		case 's':
			p.flags |= jDotall
		case 'd':
			p.flags |= jUnixLines
		case 'u':
			p.flags |= jUnicodeCase
		case 'c':
			p.refuse(p.cursor, "flag (?c) CANON_EQ", "is not supported")
		case 'x':
			p.flags |= jComments
		case 'U':
			p.refuse(p.cursor, "flag (?U) UNICODE_CHARACTER_CLASS", "is not supported (and means ungreedy in RE2); remove it")
		case '-':
			p.next()
			p.subFlag()
			return
		default:
			return
		}
		ch = p.next()
	}
}

func (p *jparser) subFlag() {
	ch := p.peek()
	for {
		switch ch {
		case 'i':
			p.flags &^= jCaseInsensitive
		case 'm':
			p.flags &^= jMultiline
		case 's':
			p.flags &^= jDotall
		case 'd':
			p.flags &^= jUnixLines
		case 'u':
			p.flags &^= jUnicodeCase
		case 'c':
			p.flags &^= jCanonEq
		case 'x':
			p.flags &^= jComments
		case 'U':
			p.flags &^= jUnicodeCharClass | jUnicodeCase
		default:
			return
		}
		ch = p.next()
	}
}
