package masking

// The parser: a port of JDK 17 java.util.regex.Pattern's compile(), with the
// same cursor moves, so that it accepts and rejects what Java does. This
// file holds the parser's state, its cursor moves and the \Q...\E removal
// that precedes parsing; the grammar is in javaparseexpr.go,
// javaparsegroup.go, javaflags.go, javaescape.go, javaclass.go and
// javaprops.go.

const javaMaxReps = 0x7FFFFFFF

// re2MaxRepeat is RE2's limit on a counted repetition.
const re2MaxRepeat = 1000

type jparser struct {
	src         string
	temp        []rune // code points after \Q...\E removal, then two zeros
	offs        []int  // byte offset in src of each temp element
	plen        int
	cursor      int
	flags       int
	groupCount  int // next group number, as Java's capturingGroupCount
	names       map[string]int
	qPossessive bool // a possessive quantifier was seen
	sawR        bool // a \R was seen
	// inGroupClosure is set while the quantifier after a group is parsed.
	inGroupClosure bool
}

func newJParser(src string) *jparser {
	p := &jparser{src: src, groupCount: 1, names: map[string]int{}}
	for i, r := range src {
		p.temp = append(p.temp, r)
		p.offs = append(p.offs, i)
	}
	p.plen = len(p.temp)
	p.temp = append(p.temp, 0, 0)
	p.offs = append(p.offs, len(src), len(src))
	return p
}

// offset maps a temp index to a byte offset in the source.
func (p *jparser) offset(i int) int {
	if i < 0 {
		i = 0
	}
	if i >= len(p.offs) {
		return len(p.src)
	}
	return p.offs[i]
}

// fail reports a syntax error where Java reports it (cursor-1). Construct
// is then Java's own message.
func (p *jparser) fail(msg string) {
	panic(&PatternError{Construct: msg, Offset: p.offset(p.cursor - 1), Problem: jproblemSyntax})
}

// refuse reports a construct Java accepts that cannot be used here.
func (p *jparser) refuse(at int, construct, problem string) {
	panic(&PatternError{Construct: construct, Offset: p.offset(at), Problem: problem})
}

func (p *jparser) has(f int) bool { return p.flags&f != 0 }

// at reads temp like Java's array access: out of range is an error (Java
// throws ArrayIndexOutOfBoundsException from Pattern.compile).
func (p *jparser) at(i int) rune {
	if i < 0 || i >= len(p.temp) {
		p.fail("unexpected end of pattern")
	}
	return p.temp[i]
}

func (p *jparser) accept(ch rune, msg string) {
	test := p.at(p.cursor)
	p.cursor++
	if p.has(jComments) {
		test = p.parsePastWhitespace(test)
	}
	if ch != test {
		p.fail(msg)
	}
}

func (p *jparser) mark(c rune) { p.temp[p.plen] = c }

func (p *jparser) peek() rune {
	ch := p.at(p.cursor)
	if p.has(jComments) {
		ch = p.peekPastWhitespace(ch)
	}
	return ch
}

func (p *jparser) read() rune {
	ch := p.at(p.cursor)
	p.cursor++
	if p.has(jComments) {
		ch = p.parsePastWhitespace(ch)
	}
	return ch
}

func (p *jparser) next() rune {
	p.cursor++
	ch := p.at(p.cursor)
	if p.has(jComments) {
		ch = p.peekPastWhitespace(ch)
	}
	return ch
}

func (p *jparser) nextEscaped() rune {
	p.cursor++
	return p.at(p.cursor)
}

func (p *jparser) peekPastWhitespace(ch rune) rune {
	for jasciiIsSpace(ch) || ch == '#' {
		for jasciiIsSpace(ch) {
			p.cursor++
			ch = p.at(p.cursor)
		}
		if ch == '#' {
			ch = p.peekPastLine()
		}
	}
	return ch
}

func (p *jparser) parsePastWhitespace(ch rune) rune {
	for jasciiIsSpace(ch) || ch == '#' {
		for jasciiIsSpace(ch) {
			ch = p.at(p.cursor)
			p.cursor++
		}
		if ch == '#' {
			ch = p.parsePastLine()
		}
	}
	return ch
}

func (p *jparser) parsePastLine() rune {
	ch := p.at(p.cursor)
	p.cursor++
	for ch != 0 && !p.isLineSeparator(ch) {
		ch = p.at(p.cursor)
		p.cursor++
	}
	if ch == 0 && p.cursor > p.plen {
		p.cursor = p.plen
		ch = p.at(p.cursor)
		p.cursor++
	}
	return ch
}

func (p *jparser) peekPastLine() rune {
	p.cursor++
	ch := p.at(p.cursor)
	for ch != 0 && !p.isLineSeparator(ch) {
		p.cursor++
		ch = p.at(p.cursor)
	}
	if ch == 0 && p.cursor > p.plen {
		p.cursor = p.plen
		ch = p.at(p.cursor)
	}
	return ch
}

func (p *jparser) isLineSeparator(ch rune) bool {
	if p.has(jUnixLines) {
		return ch == '\n'
	}
	return ch == '\n' || ch == '\r' || ch|1 == 0x2029 || ch == 0x85
}

func (p *jparser) skip() rune {
	i := p.cursor
	ch := p.at(i + 1)
	p.cursor = i + 2
	return ch
}

func (p *jparser) unread() { p.cursor-- }

// removeQEQuoting is Pattern.RemoveQEQuoting: \Q...\E becomes escaped text.
func (p *jparser) removeQEQuoting() {
	pLen := p.plen
	t := p.temp
	i := 0
	for i < pLen-1 {
		if t[i] != '\\' {
			i++
		} else if t[i+1] != 'Q' {
			i += 2
		} else {
			break
		}
	}
	if i >= pLen-1 { // no \Q
		return
	}
	j := i
	i += 2
	nt := make([]rune, 0, j+3*(pLen-i)+2)
	no := make([]int, 0, cap(nt))
	nt = append(nt, t[:j]...)
	no = append(no, p.offs[:j]...)
	put := func(c rune, src int) {
		nt = append(nt, c)
		no = append(no, p.offs[src])
	}
	inQuote, beginQuote := true, true
	for i < pLen {
		c := t[i]
		ci := i
		i++
		switch {
		case !jasciiIsASCII(c) || jasciiIsAlpha(c):
			put(c, ci)
		case jasciiIsDigit(c):
			if beginQuote {
				// Java writes \x3 before a digit that opens a quote, so that a
				// preceding \0 or \x escape cannot swallow it.
				put('\\', ci)
				put('x', ci)
				put('3', ci)
			}
			put(c, ci)
		case c != '\\':
			if inQuote {
				put('\\', ci)
			}
			put(c, ci)
		case inQuote:
			if t[i] == 'E' {
				i++
				inQuote = false
			} else {
				put('\\', ci)
				put('\\', ci)
			}
		default:
			if t[i] == 'Q' {
				i++
				inQuote = true
				beginQuote = true
				continue
			}
			put(c, ci)
			if i != pLen {
				put(t[i], i)
				i++
			}
		}
		beginQuote = false
	}
	p.plen = len(nt)
	p.temp = append(nt, 0, 0)
	p.offs = append(no, len(p.src), len(p.src))
}
