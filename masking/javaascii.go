package masking

// java.util.regex.ASCII: the character types of ASCII code points.

const (
	jctUpper = 0x100
	jctLower = 0x200
	jctDigit = 0x400
	jctSpace = 0x800
	jctPunct = 0x1000
	jctCntrl = 0x2000
	jctBlank = 0x4000
	jctHex   = 0x8000
	jctUnder = 0x10000
	jctAlpha = jctUpper | jctLower
	jctAlnum = jctUpper | jctLower | jctDigit
	jctGraph = jctPunct | jctUpper | jctLower | jctDigit
	jctWord  = jctUpper | jctLower | jctUnder | jctDigit
)

func jasciiType(c rune) int {
	switch {
	case c < 0 || c >= 0x80:
		return 0
	case c >= '0' && c <= '9':
		return jctDigit | jctHex | int(c-'0')
	case c >= 'A' && c <= 'Z':
		t := jctUpper | int(c-'A'+10)
		if c <= 'F' {
			t |= jctHex
		}
		return t
	case c >= 'a' && c <= 'z':
		t := jctLower | int(c-'a'+10)
		if c <= 'f' {
			t |= jctHex
		}
		return t
	case c == '\t':
		return jctSpace | jctCntrl | jctBlank
	case c >= '\n' && c <= '\r':
		return jctSpace | jctCntrl
	case c < 0x20 || c == 0x7F:
		return jctCntrl
	case c == ' ':
		return jctSpace | jctBlank
	case c == '_':
		return jctPunct | jctUnder
	}
	return jctPunct
}

func jasciiIsASCII(c rune) bool    { return c >= 0 && c < 0x80 }
func jasciiIsAlpha(c rune) bool    { return jasciiType(c)&jctAlpha != 0 }
func jasciiIsAlnum(c rune) bool    { return jasciiType(c)&jctAlnum != 0 }
func jasciiIsDigit(c rune) bool    { return c >= '0' && c <= '9' }
func jasciiIsSpace(c rune) bool    { return jasciiType(c)&jctSpace != 0 }
func jasciiIsHexDigit(c rune) bool { return jasciiType(c)&jctHex != 0 }
func jasciiToDigit(c rune) rune    { return rune(jasciiType(c) & 0x3F) }
func jasciiToLower(c rune) rune {
	if c >= 'A' && c <= 'Z' {
		return c + 0x20
	}
	return c
}
func jasciiToUpper(c rune) rune {
	if c >= 'a' && c <= 'z' {
		return c - 0x20
	}
	return c
}

func jasciiCtype(mask int) jset {
	var s jset
	for c := rune(0); c < 0x80; c++ {
		if jasciiType(c)&mask != 0 {
			s = append(s, jrange{c, c})
		}
	}
	return s.normalize()
}
