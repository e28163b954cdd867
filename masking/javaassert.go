package masking

// Java's assertions, as the matcher evaluates them.

import (
	"unicode"
	"unicode/utf8"
)

func javaIsLineTerm(r rune) bool {
	return r == '\n' || r == '\r' || r == 0x85 || r == 0x2028 || r == 0x2029
}

// javaAssertAt tells whether assertion k holds at byte i of s, as JDK 17's
// Begin, End, Dollar, UnixDollar, Caret, UnixCaret and Bound nodes decide.
func javaAssertAt(k jassertKind, s string, i int) bool {
	n := len(s)
	switch k {
	case aBegin:
		return i == 0
	case aEnd:
		return i == n
	case aDollar, aDollarMulti:
		if i == n {
			return true
		}
		if k == aDollar && s[i:] == "\r\n" {
			return true
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if k == aDollar && i+w != n {
			return false
		}
		if r == '\n' {
			return i == 0 || s[i-1] != '\r'
		}
		return javaIsLineTerm(r)
	case aUnixDollar:
		return i == n || i == n-1 && s[i] == '\n'
	case aUnixDollarMulti:
		return i == n || s[i] == '\n'
	case aCaretMulti:
		if i == n {
			return false
		}
		if i == 0 {
			return true
		}
		r, _ := utf8.DecodeLastRuneInString(s[:i])
		if r == '\r' {
			return s[i] != '\n'
		}
		return javaIsLineTerm(r)
	case aUnixCaretMulti:
		return i < n && (i == 0 || s[i-1] == '\n')
	case aWordBoundary, aNotWordBoundary:
		return javaBoundary(s, i) == (k == aWordBoundary)
	case aNotBeforeLF:
		return i == n || s[i] != '\n'
	}
	return false
}

// javaBoundary is JDK 17's Bound.check: a word character is '_' or a letter
// or digit (Character.isLetterOrDigit); a non-spacing mark counts as one
// when it follows a letter or digit, possibly through other marks. The walk
// back reads UTF-16 units as Java does: a character outside the BMP seen
// from its second half stops it.
func javaBoundary(s string, i int) bool {
	left, right := false, false
	if i > 0 {
		r, w := utf8.DecodeLastRuneInString(s[:i])
		left = isJavaWord(r) || unicode.Is(unicode.Mn, r) && javaHasBase(s, i-w, false)
	}
	if i < len(s) {
		r, _ := utf8.DecodeRuneInString(s[i:])
		right = isJavaWord(r) || unicode.Is(unicode.Mn, r) && javaHasBase(s, i, true)
	}
	return left != right
}

func isJavaLetterOrDigit(r rune) bool { return unicode.IsLetter(r) || unicode.Is(unicode.Nd, r) }

func isJavaWord(r rune) bool { return r == '_' || isJavaLetterOrDigit(r) }

// javaHasBase is Pattern.hasBaseCharacter from the character at byte pos;
// whole tells whether Java reads that character whole (from its start).
func javaHasBase(s string, pos int, whole bool) bool {
	for {
		r, _ := utf8.DecodeRuneInString(s[pos:])
		if !whole && r > 0xFFFF {
			return false
		}
		whole = false
		if isJavaLetterOrDigit(r) {
			return true
		}
		if !unicode.Is(unicode.Mn, r) || pos == 0 {
			return false
		}
		_, w := utf8.DecodeLastRuneInString(s[:pos])
		pos -= w
	}
}
