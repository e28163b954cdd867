package xmlenc

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSecretsAreWrittenAsXMLCharacterContent(t *testing.T) {
	tests := []struct {
		name, secret, want string
	}{
		{"the empty secret becomes an empty CDATA section", "", "<![CDATA[]]>"},
		{"plain text stays as it is", "abc 123", "abc 123"},
		{"ampersand and angle brackets are escaped", "a&b<c>d", "a&amp;b&lt;c&gt;d"},
		{"quotes stay as they are", `"'`, `"'`},
		{"a CDATA end marker loses its >", "]]>", "]]&gt;"},
		{"a CR becomes a character reference", "a\rb\r\n", "a&#13;b&#13;\n"},
		{"tabs and newlines stay as they are", "\t\n", "\t\n"},
		{"non-ASCII characters stay as UTF-8", "é€😀", "é€😀"},
		{"an existing reference is escaped", "&amp;", "&amp;amp;"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := contentLen(tt.secret)
			if err != nil {
				t.Fatalf("contentLen: %v", err)
			}
			got := string(appendContent(nil, tt.secret))
			if got != tt.want {
				t.Errorf("appendContent = %q, want %q", got, tt.want)
			}
			if n != len(got) {
				t.Errorf("contentLen = %d, but appendContent wrote %d bytes", n, len(got))
			}
		})
	}
}

func TestSecretsXMLCannotCarryAreRefusedByPosition(t *testing.T) {
	tests := []struct {
		name          string
		secret        string
		index, offset int
		problem       string
	}{
		{"a NUL byte", "pass\x00word", 4, 4, "is not allowed in XML 1.0"},
		{"a NUL after multi-byte characters", "é€\x00", 2, 5, "is not allowed in XML 1.0"},
		{"an escape control", "\x1b[0m", 0, 0, "is not allowed in XML 1.0"},
		{"the non-character U+FFFE", "ab\uFFFE", 2, 2, "is not allowed in XML 1.0"},
		{"the non-character U+FFFF", "\uFFFF", 0, 0, "is not allowed in XML 1.0"},
		{"a byte that is not UTF-8", "pass\xffword", 4, 4, "is not valid UTF-8"},
		{"a UTF-8 encoded surrogate", "x\xed\xa0\x80", 1, 1, "is not valid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := contentLen(tt.secret)
			var se *SecretError
			if !errors.As(err, &se) {
				t.Fatalf("contentLen error = %v, want a *SecretError", err)
			}
			if se.Index != tt.index || se.Offset != tt.offset {
				t.Errorf("position = index %d, offset %d; want index %d, offset %d", se.Index, se.Offset, tt.index, tt.offset)
			}
			if !strings.HasPrefix(se.Problem, tt.problem) {
				t.Errorf("problem = %q, want it to start with %q", se.Problem, tt.problem)
			}
		})
	}
}

func TestCharacterContentIsReadAsAnXMLParserReadsIt(t *testing.T) {
	tests := []struct {
		name, content, want string
	}{
		{"empty content is the empty secret", "", ""},
		{"an empty CDATA section is the empty secret", "<![CDATA[]]>", ""},
		{"plain text is itself", "abc", "abc"},
		{"the predefined entities are expanded", "&amp;&lt;&gt;&quot;&apos;", `&<>"'`},
		{"decimal character references are expanded", "&#65;&#0065;&#128512;", "AA😀"},
		{"hexadecimal character references are expanded", "&#x41;&#x1f600;&#x1F600;", "A😀😀"},
		{"a CDATA section is taken literally", "a<![CDATA[<b>&amp;]]]]>c", "a<b>&amp;]]c"},
		{"a literal CR LF becomes LF", "a\r\nb", "a\nb"},
		{"a literal lone CR becomes LF", "a\rb\r", "a\nb\n"},
		{"line ends in CDATA are normalised too", "<![CDATA[a\r\nb\rc]]>", "a\nb\nc"},
		{"a CR reference survives", "a&#13;b&#xD;&#13;\n", "a\rb\r\r\n"},
		{"a greater-than sign may appear literally", "a>b", "a>b"},
		{"brackets without a greater-than sign are text", "]]a]", "]]a]"},
		{"UTF-8 text is itself", "é€😀", "é€😀"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseContent([]byte(tt.content))
			if err != nil {
				t.Fatalf("parseContent(%q): %v", tt.content, err)
			}
			if got != tt.want {
				t.Errorf("parseContent(%q) = %q, want %q", tt.content, got, tt.want)
			}
		})
	}
}

func TestContentHoldingMarkupOrBadCharactersIsRefused(t *testing.T) {
	tests := []struct {
		name, content, want string
	}{
		{"an element", "ab<Qz/>", "holds an element at byte offset 2"},
		{"an element with text", "<b>Qz</b>", "holds an element at byte offset 0"},
		{"an end tag", "Qz</b>", "holds an end tag at byte offset 2"},
		{"a comment", "<!--Qz-->", "holds a comment at byte offset 0"},
		{"a processing instruction", "<?Qz?>", "holds a processing instruction at byte offset 0"},
		{"a DOCTYPE", "<!DOCTYPE Qz>", "holds a markup declaration at byte offset 0"},
		{"an unterminated CDATA section", "x<![CDATA[Qz", "holds an unterminated CDATA section at byte offset 1"},
		{"a CDATA end outside a section", "Qz]]>", `holds "]]>" outside a CDATA section at byte offset 2`},
		{"an undeclared entity", "&Qz;", "holds a reference to an undeclared entity at byte offset 0"},
		{"a reference without a semicolon", "&amp Qz", "holds a malformed reference at byte offset 0"},
		{"an ampersand at the end", "Qz&", "holds a malformed reference at byte offset 2"},
		{"an empty character reference", "&#;", "holds a malformed character reference at byte offset 0"},
		{"an empty hexadecimal reference", "&#x;", "holds a malformed character reference at byte offset 0"},
		{"a hexadecimal reference with a capital X", "&#X41;", "holds a malformed character reference at byte offset 0"},
		{"a character reference with a bad digit", "&#1a;", "holds a malformed character reference at byte offset 0"},
		{"a character reference beyond Unicode", "&#x110000;", "holds a malformed character reference at byte offset 0"},
		{"a huge character reference", "&#99999999999999999999;", "holds a malformed character reference at byte offset 0"},
		{"a reference to NUL", "&#0;", "holds a reference to a character XML 1.0 does not allow at byte offset 0"},
		{"a reference to a surrogate", "&#xD800;", "holds a reference to a character XML 1.0 does not allow at byte offset 0"},
		{"a literal NUL", "Q\x00z", "holds a character XML 1.0 does not allow at byte offset 1"},
		{"a literal U+FFFF", "Qz\uFFFF", "holds a character XML 1.0 does not allow at byte offset 2"},
		{"a NUL in a CDATA section", "<![CDATA[Qz\x00]]>", "holds a character XML 1.0 does not allow at byte offset 11"},
		{"bytes that are not UTF-8", "Qz\xc3", "is not valid UTF-8 at byte offset 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseContent([]byte(tt.content))
			if err == nil {
				t.Fatalf("parseContent(%q) = %q, want an error", tt.content, got)
			}
			if err.Error() != tt.want {
				t.Errorf("error = %q, want %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "Qz") {
				t.Errorf("error %q quotes the content", err)
			}
		})
	}
}

// FuzzContentRoundTrip checks that every secret XML can carry reads back
// unchanged, and that contentLen predicts appendContent's length.
func FuzzContentRoundTrip(f *testing.F) {
	for _, s := range []string{"", "a", "&<>", "]]>", "\r\n\r", "é€😀", "<![CDATA[x]]>", "&#13;"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, secret string) {
		n, err := contentLen(secret)
		if err != nil {
			var se *SecretError
			if !errors.As(err, &se) {
				t.Fatalf("contentLen error %v is not a *SecretError", err)
			}
			if utf8.ValidString(secret) && strings.IndexFunc(secret, func(r rune) bool { return !isXMLChar(r) }) != se.Offset {
				t.Fatalf("SecretError offset %d is not the first bad character", se.Offset)
			}
			return
		}
		content := appendContent(nil, secret)
		if len(content) != n {
			t.Fatalf("contentLen = %d, appendContent wrote %d bytes", n, len(content))
		}
		got, err := parseContent(content)
		if err != nil {
			t.Fatalf("parseContent(appendContent(%q)): %v", secret, err)
		}
		if got != secret {
			t.Fatalf("round trip of %q gave %q", secret, got)
		}
	})
}

// FuzzParseContent checks parseContent against encoding/xml: content that
// parseContent accepts must read the same as the character data of an
// element holding it, and content that encoding/xml reads as character data
// only must be accepted, but for encoding/xml's known laxities.
func FuzzParseContent(f *testing.F) {
	for _, s := range []string{
		"", "a", "&amp;&quot;", "&#65;&#x1F600;", "&#X41;", "&#0;", "&#xD800;", "&undeclared;",
		"<![CDATA[a\r\n]]>", "<![CDATA[", "<a/>", "</x><x>", "a<!--c-->", "<?pi?>",
		"\r\n\r", "\x00", "\uFFFE", "\xff", "a]]>b",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, content []byte) {
		want, wantOK := readAsXML(content)
		got, err := parseContent(bytes.Clone(content))
		switch {
		case err == nil && !wantOK:
			t.Fatalf("parseContent(%q) = %q, but encoding/xml does not read it as character data", content, got)
		case err == nil && got != want:
			t.Fatalf("parseContent(%q) = %q, encoding/xml reads %q", content, got, want)
		case err != nil && wantOK && !encodingXMLLaxity(err):
			t.Fatalf("parseContent(%q): %v, but encoding/xml reads %q", content, err, want)
		}
	})
}

// encodingXMLLaxity reports whether parseContent refused content, with err,
// for a reason that XML 1.0 gives but encoding/xml does not check: "]]>"
// outside CDATA, or a character reference to a character XML forbids, such
// as a surrogate, which encoding/xml reads as U+FFFD.
func encodingXMLLaxity(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "outside a CDATA section") ||
		strings.Contains(msg, "reference to a character XML 1.0 does not allow")
}

// readAsXML returns what encoding/xml reads as the content of an element
// holding content, and whether that content is character data only.
func readAsXML(content []byte) (string, bool) {
	doc := append(append([]byte("<x>"), content...), "</x>"...)
	d := xml.NewDecoder(bytes.NewReader(doc))
	var text strings.Builder
	depth, elements := 0, 0
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return text.String(), depth == 0
		}
		if err != nil {
			return "", false
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			depth++
			if elements++; elements > 1 {
				return "", false
			}
		case xml.EndElement:
			depth--
		case xml.CharData:
			if depth != 1 {
				return "", false
			}
			text.Write(tok)
		default: // comment, processing instruction, directive
			return "", false
		}
	}
}
