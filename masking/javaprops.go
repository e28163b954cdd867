package masking

// \p{...}: the name parsed as JDK 17's Pattern.family does, resolved with
// JDK 17's CharPredicates, over Go's Unicode tables.

import (
	"strings"
	"unicode"
)

// family parses \p{...} or \pX after the 'p'; at is the backslash.
func (p *jparser) family(singleLetter, isComplement bool, at int) jset {
	p.next()
	var name string
	if singleLetter {
		name = string(p.at(p.cursor))
		p.read()
	} else {
		i := p.cursor
		p.mark('}')
		for p.read() != '}' {
		}
		p.mark(0)
		j := p.cursor
		if j > p.plen {
			p.fail("unclosed character family")
		}
		if i+1 >= j {
			p.fail("empty character family")
		}
		name = string(p.temp[i : j-1])
	}
	s := p.property(name, at)
	if isComplement {
		s = s.negate()
	}
	return s
}

// property resolves a \p name as JDK 17's Pattern.family does.
func (p *jparser) property(name string, at int) jset {
	ci := p.has(jCaseInsensitive)
	construct := `\p{` + name + `}`
	if i := strings.IndexByte(name, '='); i >= 0 {
		value := name[i+1:]
		key := strings.ToLower(name[:i]) // Locale.ENGLISH
		var s jset
		var st jpropStatus
		switch key {
		case "sc", "script":
			s, st = javaScriptSet(value)
		case "blk", "block":
			p.refuse(at, construct, "(Unicode block) is not supported; use a script or a range")
		case "gc", "general_category":
			s, st = javaProperty(value, ci)
		}
		return p.propResult(s, st, at, construct, "unknown Unicode property {name=<"+key+">, value=<"+value+">}")
	}
	var s jset
	var st jpropStatus
	switch {
	case strings.HasPrefix(name, "In"):
		p.refuse(at, construct, "(Unicode block) is not supported; use a script or a range")
	case strings.HasPrefix(name, "Is"):
		short := name[2:]
		s, st = javaUnicodeProperty(short, ci)
		if st == jpropUnknown {
			s, st = javaProperty(short, ci)
		}
		if st == jpropUnknown {
			s, st = javaScriptSet(short)
		}
	default:
		s, st = javaProperty(name, ci)
	}
	return p.propResult(s, st, at, construct, "unknown character property name {"+name+"}")
}

func (p *jparser) propResult(s jset, st jpropStatus, at int, construct, unknown string) jset {
	switch st {
	case jpropUnknown:
		p.fail(unknown)
	case jpropUnsupported:
		p.refuse(at, construct, "is not supported; list the characters in a class instead")
	}
	return s
}

type jpropStatus uint8

const (
	jpropOK jpropStatus = iota
	jpropUnknown
	jpropUnsupported
)

func javaCats(names ...string) jset {
	tabs := make([]*unicode.RangeTable, len(names))
	for i, n := range names {
		tabs[i] = unicode.Categories[n]
	}
	return rangeTableSet(tabs...)
}

func javaProps(names ...string) jset {
	tabs := make([]*unicode.RangeTable, len(names))
	for i, n := range names {
		tabs[i] = unicode.Properties[n]
	}
	return rangeTableSet(tabs...)
}

// Character.isLowerCase, isUpperCase, isTitleCase, isAlphabetic, ...
func javaLowerCase() jset { return javaCats("Ll").union(javaProps("Other_Lowercase")) }
func javaUpperCase() jset { return javaCats("Lu").union(javaProps("Other_Uppercase")) }
func javaTitleCase() jset { return javaCats("Lt") }
func javaCased() jset {
	return javaLowerCase().union(javaUpperCase()).union(javaTitleCase())
}
func javaAlphabetic() jset {
	return javaCats("Lu", "Ll", "Lt", "Lm", "Lo", "Nl").union(javaProps("Other_Alphabetic"))
}
func javaIgnorable() jset {
	return jset{{0, 8}, {0x0E, 0x1B}, {0x7F, 0x9F}}.union(javaCats("Cf"))
}
func javaWhiteSpaceProp() jset { // \p{IsWhite_Space}
	return javaCats("Zs", "Zl", "Zp").union(jset{{0x09, 0x0D}, {0x85, 0x85}})
}
func javaHexDigit() jset {
	return javaCats("Nd").union(jset{{'0', '9'}, {'A', 'F'}, {'a', 'f'}, {0xFF10, 0xFF19}, {0xFF21, 0xFF26}, {0xFF41, 0xFF46}})
}
func javaGraph() jset {
	return javaCats("Zs", "Zl", "Zp", "Cc", "Cs", "Cn").negate()
}
func javaBlank() jset { return javaCats("Zs").union(jset{{'\t', '\t'}}) }

// javaProperty is CharPredicates.forProperty.
func javaProperty(name string, ci bool) (jset, jpropStatus) {
	cased := func(one string) jset {
		if ci {
			return javaCats("Lu", "Ll", "Lt")
		}
		return javaCats(one)
	}
	switch name {
	case "Cn", "Lm", "Lo", "Mn", "Me", "Mc", "Nd", "Nl", "No", "Zs", "Zl", "Zp", "Cc", "Cf", "Co", "Cs",
		"Pd", "Ps", "Pe", "Pc", "Po", "Sm", "Sc", "Sk", "So", "Pi", "Pf":
		return javaCats(name), jpropOK
	case "Lu", "Ll", "Lt":
		return cased(name), jpropOK
	case "L":
		return javaCats("Lu", "Ll", "Lt", "Lm", "Lo"), jpropOK
	case "M":
		return javaCats("Mn", "Me", "Mc"), jpropOK
	case "N":
		return javaCats("Nd", "Nl", "No"), jpropOK
	case "Z":
		return javaCats("Zs", "Zl", "Zp"), jpropOK
	case "C":
		return javaCats("Cc", "Cf", "Co", "Cs", "Cn"), jpropOK
	case "P":
		return javaCats("Pd", "Ps", "Pe", "Pc", "Po", "Pi", "Pf"), jpropOK
	case "S":
		return javaCats("Sm", "Sc", "Sk", "So"), jpropOK
	case "LC":
		return javaCats("Lu", "Ll", "Lt"), jpropOK
	case "LD":
		return javaCats("Lu", "Ll", "Lt", "Lm", "Lo", "Nd"), jpropOK
	case "L1":
		return jset{{0, 0xFF}}, jpropOK
	case "all":
		return jsetAll, jpropOK
	case "ASCII":
		return jset{{0, 0x7F}}, jpropOK
	case "Alnum":
		return jasciiCtype(jctAlnum), jpropOK
	case "Alpha":
		return jasciiCtype(jctAlpha), jpropOK
	case "Blank":
		return jasciiCtype(jctBlank), jpropOK
	case "Cntrl":
		return jasciiCtype(jctCntrl), jpropOK
	case "Digit":
		return jset{{'0', '9'}}, jpropOK
	case "Graph":
		return jasciiCtype(jctGraph), jpropOK
	case "Lower":
		if ci {
			return jasciiCtype(jctAlpha), jpropOK
		}
		return jset{{'a', 'z'}}, jpropOK
	case "Print":
		return jset{{0x20, 0x7E}}, jpropOK
	case "Punct":
		return jasciiCtype(jctPunct), jpropOK
	case "Space":
		return jasciiCtype(jctSpace), jpropOK
	case "Upper":
		if ci {
			return jasciiCtype(jctAlpha), jpropOK
		}
		return jset{{'A', 'Z'}}, jpropOK
	case "XDigit":
		return jasciiCtype(jctHex), jpropOK
	case "javaLowerCase":
		if ci {
			return javaCased(), jpropOK
		}
		return javaLowerCase(), jpropOK
	case "javaUpperCase":
		if ci {
			return javaCased(), jpropOK
		}
		return javaUpperCase(), jpropOK
	case "javaTitleCase":
		if ci {
			return javaCased(), jpropOK
		}
		return javaTitleCase(), jpropOK
	case "javaAlphabetic":
		return javaAlphabetic(), jpropOK
	case "javaIdeographic":
		return javaProps("Ideographic"), jpropOK
	case "javaDigit":
		return javaCats("Nd"), jpropOK
	case "javaDefined":
		return javaCats("Cn").negate(), jpropOK
	case "javaLetter":
		return javaCats("Lu", "Ll", "Lt", "Lm", "Lo"), jpropOK
	case "javaLetterOrDigit":
		return javaCats("Lu", "Ll", "Lt", "Lm", "Lo", "Nd"), jpropOK
	case "javaJavaIdentifierStart":
		return javaCats("Lu", "Ll", "Lt", "Lm", "Lo", "Nl", "Sc", "Pc"), jpropOK
	case "javaJavaIdentifierPart":
		return javaCats("Lu", "Ll", "Lt", "Lm", "Lo", "Sc", "Pc", "Nd", "Nl", "Mc", "Mn").union(javaIgnorable()), jpropOK
	case "javaUnicodeIdentifierStart":
		return javaCats("Lu", "Ll", "Lt", "Lm", "Lo", "Nl").union(javaProps("Other_ID_Start")), jpropOK
	case "javaUnicodeIdentifierPart":
		return javaCats("Lu", "Ll", "Lt", "Lm", "Lo", "Pc", "Nd", "Nl", "Mc", "Mn").
			union(javaIgnorable()).union(javaProps("Other_ID_Start", "Other_ID_Continue")), jpropOK
	case "javaIdentifierIgnorable":
		return javaIgnorable(), jpropOK
	case "javaSpaceChar":
		return javaCats("Zs", "Zl", "Zp"), jpropOK
	case "javaWhitespace":
		return javaCats("Zs", "Zl", "Zp").minus(jset{{0xA0, 0xA0}, {0x2007, 0x2007}, {0x202F, 0x202F}}).
			union(jset{{0x09, 0x0D}, {0x1C, 0x1F}}), jpropOK
	case "javaISOControl":
		return jset{{0, 0x1F}, {0x7F, 0x9F}}, jpropOK
	case "javaMirrored":
		return nil, jpropUnsupported
	}
	return nil, jpropUnknown
}

// javaUnicodeProperty is CharPredicates.forUnicodeProperty (\p{IsAlphabetic}...).
func javaUnicodeProperty(name string, ci bool) (jset, jpropStatus) {
	switch strings.ToUpper(name) {
	case "ALPHABETIC", "ALPHA":
		return javaAlphabetic(), jpropOK
	case "ASSIGNED":
		return javaCats("Cn").negate(), jpropOK
	case "CONTROL", "CNTRL":
		return javaCats("Cc"), jpropOK
	case "HEXDIGIT", "HEX_DIGIT", "XDIGIT":
		return javaHexDigit(), jpropOK
	case "IDEOGRAPHIC":
		return javaProps("Ideographic"), jpropOK
	case "JOINCONTROL", "JOIN_CONTROL":
		return jset{{0x200C, 0x200D}}, jpropOK
	case "LETTER":
		return javaCats("Lu", "Ll", "Lt", "Lm", "Lo"), jpropOK
	case "LOWERCASE", "LOWER":
		if ci {
			return javaCased(), jpropOK
		}
		return javaLowerCase(), jpropOK
	case "UPPERCASE", "UPPER":
		if ci {
			return javaCased(), jpropOK
		}
		return javaUpperCase(), jpropOK
	case "TITLECASE":
		if ci {
			return javaCased(), jpropOK
		}
		return javaTitleCase(), jpropOK
	case "NONCHARACTERCODEPOINT", "NONCHARACTER_CODE_POINT":
		s := jset{{0xFDD0, 0xFDEF}}
		for plane := rune(0); plane <= 0x10; plane++ {
			s = append(s, jrange{plane<<16 | 0xFFFE, plane<<16 | 0xFFFF})
		}
		return s.normalize(), jpropOK
	case "PUNCTUATION", "PUNCT":
		return javaCats("Pd", "Ps", "Pe", "Pc", "Po", "Pi", "Pf"), jpropOK
	case "WHITESPACE", "WHITE_SPACE", "SPACE":
		return javaWhiteSpaceProp(), jpropOK
	case "WORD":
		return javaAlphabetic().union(javaCats("Mn", "Me", "Mc", "Nd", "Pc")).union(jset{{0x200C, 0x200D}}), jpropOK
	case "ALNUM":
		return javaAlphabetic().union(javaCats("Nd")), jpropOK
	case "DIGIT":
		return javaCats("Nd"), jpropOK
	case "BLANK":
		return javaBlank(), jpropOK
	case "GRAPH":
		return javaGraph(), jpropOK
	case "PRINT":
		return javaGraph().union(javaBlank()).minus(javaCats("Cc")), jpropOK
	}
	return nil, jpropUnknown
}

// javaScriptsAfterUnicode13 are in Go's tables but unknown to JDK 17, which
// rejects their names.
var javaScriptsAfterUnicode13 = map[string]bool{
	"Cypro_Minoan": true, "Old_Uyghur": true, "Tangsa": true, "Toto": true, "Vithkuqi": true,
	"Kawi": true, "Nag_Mundari": true,
}

// javaScriptSet is CharPredicates.forUnicodeScript by full script name.
// ISO 15924 aliases (Latn) and UNKNOWN are not supported.
func javaScriptSet(name string) (jset, jpropStatus) {
	up := strings.ToUpper(name)
	for goName, tab := range unicode.Scripts {
		if strings.ToUpper(goName) == up && !javaScriptsAfterUnicode13[goName] {
			return rangeTableSet(tab), jpropOK
		}
	}
	if up == "UNKNOWN" || len(up) == 4 {
		return nil, jpropUnsupported
	}
	return nil, jpropUnknown
}
