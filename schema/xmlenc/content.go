package xmlenc

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// This file converts between a secret and the XML character content that is
// the plaintext of its EncryptedData (Type #Content). See the package
// documentation for the rules.

// emptyContent is the content written for the empty secret: an empty CDATA
// section stands for no characters, and unlike empty content it can be
// decrypted by xmlsec1, whose XML parser refuses an empty fragment.
const emptyContent = "<![CDATA[]]>"

const (
	cdataStart = "<![CDATA["
	cdataEnd   = "]]>"
)

// contentLen returns the length of secret written as XML character content,
// or a *SecretError if XML cannot carry secret.
func contentLen(secret string) (int, error) {
	if secret == "" {
		return len(emptyContent), nil
	}
	n := 0
	for index, off := 0, 0; off < len(secret); index++ {
		r, size := utf8.DecodeRuneInString(secret[off:])
		switch {
		case r == utf8.RuneError && size == 1:
			return 0, &SecretError{Index: index, Offset: off, Problem: "is not valid UTF-8"}
		case !isXMLChar(r):
			return 0, &SecretError{Index: index, Offset: off,
				Problem: "is not allowed in XML 1.0, which forbids NUL and the other C0 controls except tab, LF and CR, as well as U+FFFE and U+FFFF"}
		}
		if esc := escapeOf(secret[off]); esc != "" {
			n += len(esc)
		} else {
			n += size
		}
		off += size
	}
	return n, nil
}

// appendContent appends secret written as XML character content to dst.
// secret must have passed contentLen.
func appendContent(dst []byte, secret string) []byte {
	if secret == "" {
		return append(dst, emptyContent...)
	}
	last := 0
	for i := 0; i < len(secret); i++ {
		// Every character that needs escaping is ASCII, and the bytes of a
		// multi-byte UTF-8 sequence are never ASCII.
		if esc := escapeOf(secret[i]); esc != "" {
			dst = append(dst, secret[last:i]...)
			dst = append(dst, esc...)
			last = i + 1
		}
	}
	return append(dst, secret[last:]...)
}

// escapeOf returns the escape for byte c in character content, or "" if c
// stands for itself.
func escapeOf(c byte) string {
	switch c {
	case '&':
		return "&amp;"
	case '<':
		return "&lt;"
	case '>':
		return "&gt;"
	case '\r':
		// A literal CR would reach an XML parser's reader as LF.
		return "&#13;"
	}
	return ""
}

// parseContent returns the characters that XML character content b stands
// for, as an XML parser reads them. It decodes b in place, which is possible
// because no construct stands for more bytes than it takes, so the plaintext
// is copied nowhere but into the returned string; the caller clears b. Its
// errors give byte offsets into b, never b's bytes.
func parseContent(b []byte) (string, error) {
	out := b[:0] // out never overtakes the reading position i
	for i := 0; i < len(b); {
		var err error
		switch {
		case b[i] == '<':
			out, i, err = appendCDATA(out, b, i)
		case b[i] == '&':
			out, i, err = appendReference(out, b, i)
		case b[i] == ']' && bytes.HasPrefix(b[i:], []byte(cdataEnd)):
			err = contentErrorf(i, "holds %q outside a CDATA section", cdataEnd)
		default:
			out, i, err = appendChar(out, b, i)
		}
		if err != nil {
			return "", err
		}
	}
	return string(out), nil
}

// appendCDATA appends to out the characters of the CDATA section that
// starts at b[i] and returns the offset after it. Any other markup is an
// error.
func appendCDATA(out, b []byte, i int) ([]byte, int, error) {
	rest := b[i:]
	if !bytes.HasPrefix(rest, []byte(cdataStart)) {
		return nil, 0, contentErrorf(i, "holds %s", describeMarkup(rest))
	}
	start := i + len(cdataStart)
	n := bytes.Index(b[start:], []byte(cdataEnd))
	if n < 0 {
		return nil, 0, contentErrorf(i, "holds an unterminated CDATA section")
	}
	end := start + n
	for j := start; j < end; {
		var err error
		if out, j, err = appendChar(out, b[:end], j); err != nil {
			return nil, 0, err
		}
	}
	return out, end + len(cdataEnd), nil
}

// describeMarkup names the kind of markup that starts b.
func describeMarkup(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte("<!--")):
		return "a comment"
	case bytes.HasPrefix(b, []byte("<?")):
		return "a processing instruction"
	case bytes.HasPrefix(b, []byte("<!")):
		return "a markup declaration"
	case bytes.HasPrefix(b, []byte("</")):
		return "an end tag"
	default:
		return "an element"
	}
}

// appendReference appends to out the character that the entity or
// character reference starting at b[i] stands for and returns the offset
// after it.
func appendReference(out, b []byte, i int) ([]byte, int, error) {
	end := i + 1
	for end < len(b) && isReferenceByte(b[end]) {
		end++
	}
	if end == len(b) || b[end] != ';' {
		return nil, 0, contentErrorf(i, "holds a malformed reference")
	}
	var r rune
	switch name := b[i+1 : end]; string(name) {
	case "amp":
		r = '&'
	case "lt":
		r = '<'
	case "gt":
		r = '>'
	case "quot":
		r = '"'
	case "apos":
		r = '\''
	default:
		if len(name) == 0 || name[0] != '#' {
			return nil, 0, contentErrorf(i, "holds a reference to an undeclared entity")
		}
		var ok bool
		if r, ok = parseCharRef(name[1:]); !ok {
			return nil, 0, contentErrorf(i, "holds a malformed character reference")
		}
		if !isXMLChar(r) {
			return nil, 0, contentErrorf(i, "holds a reference to a character XML 1.0 does not allow")
		}
	}
	return utf8.AppendRune(out, r), end + 1, nil
}

// isReferenceByte reports whether c may appear between '&' and ';' of a
// reference this package understands.
func isReferenceByte(c byte) bool {
	return c == '#' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// parseCharRef parses the part of a character reference after "&#": decimal
// digits, or 'x' and hexadecimal digits.
func parseCharRef(s []byte) (rune, bool) {
	base := rune(10)
	if len(s) > 0 && s[0] == 'x' {
		base, s = 16, s[1:]
	}
	if len(s) == 0 {
		return 0, false
	}
	var r rune
	for _, c := range s {
		var d rune
		switch {
		case '0' <= c && c <= '9':
			d = rune(c - '0')
		case base == 16 && 'a' <= c && c <= 'f':
			d = rune(c-'a') + 10
		case base == 16 && 'A' <= c && c <= 'F':
			d = rune(c-'A') + 10
		default:
			return 0, false
		}
		r = r*base + d
		if r > utf8.MaxRune {
			return 0, false
		}
	}
	return r, true
}

// appendChar appends to out the character at b[i] and returns the offset
// after it. A CR, alone or followed by LF, becomes LF, as XML line-end
// handling requires.
func appendChar(out, b []byte, i int) ([]byte, int, error) {
	c := b[i]
	switch {
	case c == '\r':
		if i+1 < len(b) && b[i+1] == '\n' {
			return append(out, '\n'), i + 2, nil
		}
		return append(out, '\n'), i + 1, nil
	case c < utf8.RuneSelf:
		if !isXMLChar(rune(c)) {
			return nil, 0, contentErrorf(i, "holds a character XML 1.0 does not allow")
		}
		return append(out, c), i + 1, nil
	}
	r, size := utf8.DecodeRune(b[i:])
	if r == utf8.RuneError && size == 1 {
		return nil, 0, contentErrorf(i, "is not valid UTF-8")
	}
	if !isXMLChar(r) {
		return nil, 0, contentErrorf(i, "holds a character XML 1.0 does not allow")
	}
	return append(out, b[i:i+size]...), i + size, nil
}

// contentErrorf returns an error about the decrypted content at byte offset
// off. format must not print content.
func contentErrorf(off int, format string, args ...any) error {
	return fmt.Errorf(format+" at byte offset %d", append(args, off)...)
}

// isXMLChar reports whether XML 1.0 allows r in a document (production
// [2] Char).
func isXMLChar(r rune) bool {
	switch {
	case r == '\t', r == '\n', r == '\r':
		return true
	case 0x20 <= r && r <= 0xD7FF:
		return true
	case 0xE000 <= r && r <= 0xFFFD:
		return true
	case 0x10000 <= r && r <= utf8.MaxRune:
		return true
	}
	return false
}
