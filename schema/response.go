package schema

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/beevik/etree"
)

// Response statuses (metadata/status).
const (
	StatusSuccess = "success"
	StatusError   = "error"
)

// Header is one response header line.
type Header struct {
	Name, Value string
}

// Response is one adapter response. When Status is StatusSuccess it carries
// the provider's answer; when StatusError, ErrorCode and Error say why there
// is none.
type Response struct {
	// Root is the response element, e.g. "cyberark-adapter-response".
	Root      string
	Status    string
	ErrorCode string
	Error     string
	// StatusCode and Reason form the status line the provider sent.
	StatusCode int
	Reason     string
	// Headers are written in order, one element each.
	Headers []Header
	// Body is the provider's body with every secret already replaced.
	Body string
}

// ErrorResponse makes an error response under root.
func ErrorResponse(root, code, text string) *Response {
	return &Response{Root: root, Status: StatusError, ErrorCode: code, Error: text}
}

// Document builds the response as an etree document (indented by two spaces).
func (r *Response) Document() *etree.Document {
	doc := etree.NewDocument()
	doc.WriteSettings.CanonicalText = true
	root := doc.CreateElement(r.Root)
	meta := root.CreateElement("metadata")
	meta.CreateElement("status").SetText(r.Status)
	if r.Status != StatusSuccess {
		meta.CreateElement("error-code").SetText(r.ErrorCode)
		meta.CreateElement("error").SetText(xmlSafe(r.Error))
		doc.Indent(2)
		return doc
	}
	line := root.CreateElement("status-line")
	line.CreateElement("code").SetText(strconv.Itoa(r.StatusCode))
	line.CreateElement("reason").SetText(xmlSafe(r.Reason))
	headers := root.CreateElement("header-lines")
	for _, h := range r.Headers {
		var el *etree.Element
		if IsXMLName(h.Name) {
			el = headers.CreateElement(h.Name)
		} else {
			el = headers.CreateElement("header")
			el.CreateAttr("name", xmlSafe(h.Name))
		}
		el.SetText(xmlSafe(h.Value))
	}
	body := root.CreateElement("message-body")
	if r.Body != "" {
		// A provider may send anything (a binary or Latin-1 error page):
		// characters XML cannot carry would make the whole response
		// unreadable, so they are replaced like those of the texts.
		body.CreateCData(xmlSafe(r.Body))
	}
	doc.Indent(2)
	return doc
}

// WriteTo writes the response XML to w.
func (r *Response) WriteTo(w io.Writer) (int64, error) {
	return r.Document().WriteTo(w)
}

// Bytes returns the response XML.
func (r *Response) Bytes() []byte {
	var buf bytes.Buffer
	if _, err := r.WriteTo(&buf); err != nil {
		// Writing to a bytes.Buffer cannot fail.
		panic(fmt.Sprintf("schema: writing a response to memory: %v", err))
	}
	return buf.Bytes()
}

// IsXMLName reports whether s can be used as an XML element name as it is.
func IsXMLName(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if !isNameChar(r) || (i == 0 && !isNameStart(r)) {
			return false
		}
	}
	return true
}

func isNameStart(r rune) bool {
	return r == '_' || (r >= 'A' && r <= 'Z') || (r >= 'a' && r <= 'z') ||
		(r >= 0xC0 && r <= 0xD6) || (r >= 0xD8 && r <= 0xF6) || (r >= 0xF8 && r <= 0x2FF) ||
		(r >= 0x370 && r <= 0x37D) || (r >= 0x37F && r <= 0x1FFF) || (r >= 0x200C && r <= 0x200D) ||
		(r >= 0x2070 && r <= 0x218F) || (r >= 0x2C00 && r <= 0x2FEF) || (r >= 0x3001 && r <= 0xD7FF) ||
		(r >= 0xF900 && r <= 0xFDCF) || (r >= 0xFDF0 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0xEFFFF)
}

func isNameChar(r rune) bool {
	return isNameStart(r) || r == '-' || r == '.' || (r >= '0' && r <= '9') || r == 0xB7 ||
		(r >= 0x300 && r <= 0x36F) || (r >= 0x203F && r <= 0x2040)
}

// IsXMLText reports whether s is valid UTF-8 made only of characters XML 1.0
// allows in a document.
func IsXMLText(s string) bool {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return false
			}
		}
		if !isXMLChar(r) {
			return false
		}
	}
	return true
}

func isXMLChar(r rune) bool {
	return r == 0x9 || r == 0xA || r == 0xD || (r >= 0x20 && r <= 0xD7FF) ||
		(r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
}

// xmlSafe replaces characters XML cannot carry with U+FFFD, so a status
// reason, header, error text or body never breaks the document.
func xmlSafe(s string) string {
	if IsXMLText(s) {
		return s
	}
	var b bytes.Buffer
	for _, r := range s {
		if !isXMLChar(r) {
			r = utf8.RuneError
		}
		b.WriteRune(r)
	}
	return b.String()
}
