// Package schema reads adapter requests, checks them against the elements an
// operation allows, and writes adapter responses.
//
// Requests are read with xmlquery in strict mode; responses are written with
// etree. A request document may declare no DOCTYPE and no entity: nothing is
// ever expanded or fetched.
package schema

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/antchfx/xmlquery"
)

// DefaultMaxRequestBytes caps the size of one request document.
const DefaultMaxRequestBytes = 1 << 20

// WrapperRoot is the element a workflow engine wraps a context-item request in.
const WrapperRoot = "request-data"

// Request is one adapter request as read from its XML document, before any
// operation-specific checks.
type Request struct {
	// Root is the request element's name, e.g. "cyberark-adapter-request".
	Root string
	// Wrapped reports whether the request came inside <request-data>.
	Wrapped bool
	// Fields are the request element's children in document order. Empty
	// elements ("not given") are left out.
	Fields []Field
}

// ResponseRoot is the root element of the answer to r: Root with "-request"
// replaced by "-response".
func (r *Request) ResponseRoot() string {
	return ResponseRootFor(r.Root)
}

// ResponseRootFor names the response root for a request root.
func ResponseRootFor(requestRoot string) string {
	if base, ok := strings.CutSuffix(requestRoot, "-request"); ok {
		return base + "-response"
	}
	return "adapter-response"
}

// Field is one child element of a request or of a configuration section.
type Field struct {
	// Name is the element name.
	Name string
	// Text is the element's character content, untrimmed.
	Text string
	// EncryptedData is the XML text of an <EncryptedData> child, or "".
	EncryptedData string
	// Line is the element's line in its document (1-based), 0 if unknown.
	Line int
}

// Empty reports whether the field counts as "not given": no EncryptedData and
// only white space.
func (f *Field) Empty() bool {
	return f.EncryptedData == "" && strings.TrimSpace(f.Text) == ""
}

// ParseRequest reads one request document from r, reading at most limit
// bytes (DefaultMaxRequestBytes when limit <= 0). Its errors are
// *ElementError values. When the request's root could be read, a request
// holding just its Root comes back with the error.
func ParseRequest(r io.Reader, limit int64) (*Request, error) {
	if limit <= 0 {
		limit = DefaultMaxRequestBytes
	}
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, &ElementError{Problem: fmt.Sprintf("cannot read the request: %v", err)}
	}
	if int64(len(data)) > limit {
		return nil, &ElementError{Problem: fmt.Sprintf("the request is larger than %d bytes", limit)}
	}
	return ParseRequestBytes(data)
}

// ParseRequestBytes reads one request document held in data.
func ParseRequestBytes(data []byte) (*Request, error) {
	root, err := ParseDocument(data)
	if err != nil {
		return nil, err
	}
	req := &Request{}
	if root.Data == WrapperRoot {
		req.Wrapped = true
		if err := CheckNoAttributes(root); err != nil {
			return nil, err
		}
		inner, err := onlyChildElement(root)
		if err != nil {
			return nil, err
		}
		root = inner
	}
	if root.Prefix != "" || root.NamespaceURI != "" {
		return nil, &ElementError{Element: root.Data, Problem: "request elements take no namespace"}
	}
	if !strings.HasSuffix(root.Data, "-adapter-request") {
		return nil, &ElementError{Element: root.Data, Problem: "not an adapter request: the root must be <request-data> or an element named like <cyberark-adapter-request>"}
	}
	req.Root = root.Data
	// From here on the root is known: errors come with the request so the
	// error response can carry the right root.
	if err := CheckNoAttributes(root); err != nil {
		return req, err
	}
	fields, err := ReadFields(root)
	if err != nil {
		return req, err
	}
	req.Fields = fields
	return req, nil
}

// ParseDocument parses data strictly (no DOCTYPE, no entity, exactly one
// root element, nothing but comments and white space around it) and returns
// its root element. Its errors are *ElementError values.
func ParseDocument(data []byte) (*xmlquery.Node, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &ElementError{Problem: "the document is empty; expected XML"}
	}
	doc, err := parseStrict(data)
	if err != nil {
		return nil, err
	}
	return documentElement(doc)
}

// parseStrict parses data with xmlquery's strict decoder and refuses any
// document type declaration (and so every entity declaration).
func parseStrict(data []byte) (*xmlquery.Node, error) {
	if hasDirectiveBeforeRoot(data) {
		return nil, &ElementError{Problem: "DOCTYPE and entity declarations are not allowed"}
	}
	doc, err := xmlquery.ParseWithOptions(bytes.NewReader(data), xmlquery.ParserOptions{
		Decoder:         &xmlquery.DecoderOptions{Strict: true},
		WithLineNumbers: true,
	})
	if err != nil {
		return nil, &ElementError{Problem: fmt.Sprintf("malformed XML: %v", describeXMLError(err))}
	}
	return doc, nil
}

// hasDirectiveBeforeRoot reports whether a <!DOCTYPE ...> (or any other
// directive) comes before the root element, the only place one can stand.
// Reading stops at the root, so this costs little.
func hasDirectiveBeforeRoot(data []byte) bool {
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.RawToken()
		if err != nil {
			return false // the strict parse reports it
		}
		switch tok.(type) {
		case xml.Directive:
			return true
		case xml.StartElement:
			return false
		}
	}
}

// describeXMLError strips the library prefix and keeps the decoder's own
// description (with its line number).
func describeXMLError(err error) string {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "xml: ")
	return msg
}

// documentElement returns the single element at the top of doc.
func documentElement(doc *xmlquery.Node) (*xmlquery.Node, error) {
	var root *xmlquery.Node
	for n := doc.FirstChild; n != nil; n = n.NextSibling {
		switch n.Type {
		case xmlquery.ElementNode:
			if root != nil {
				return nil, &ElementError{Problem: "a document holds exactly one root element"}
			}
			root = n
		case xmlquery.TextNode, xmlquery.CharDataNode:
			if strings.TrimSpace(n.Data) != "" {
				return nil, &ElementError{Problem: "text outside the root element"}
			}
		case xmlquery.CommentNode, xmlquery.DeclarationNode:
		case xmlquery.NotationNode:
			return nil, &ElementError{Problem: "DOCTYPE and entity declarations are not allowed"}
		default:
			return nil, &ElementError{Problem: "processing instructions are not allowed"}
		}
	}
	if root == nil {
		return nil, &ElementError{Problem: "no root element"}
	}
	return root, nil
}

// onlyChildElement returns the one element inside n.
func onlyChildElement(n *xmlquery.Node) (*xmlquery.Node, error) {
	var only *xmlquery.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case xmlquery.ElementNode:
			if only != nil {
				return nil, &ElementError{Element: n.Data, Problem: "must hold exactly one adapter request"}
			}
			only = c
		case xmlquery.TextNode, xmlquery.CharDataNode:
			if strings.TrimSpace(c.Data) != "" {
				return nil, &ElementError{Element: n.Data, Problem: "must hold an adapter request, not text"}
			}
		case xmlquery.CommentNode:
		default:
			return nil, &ElementError{Element: n.Data, Problem: "must hold an adapter request only"}
		}
	}
	if only == nil {
		return nil, &ElementError{Element: n.Data, Problem: "is empty; it must hold an adapter request"}
	}
	return only, nil
}

// CheckNoAttributes refuses attributes other than namespace declarations.
func CheckNoAttributes(n *xmlquery.Node) error {
	for _, a := range n.Attr {
		if a.Name.Space == "xmlns" || (a.Name.Space == "" && a.Name.Local == "xmlns") {
			continue
		}
		return &ElementError{Element: n.Data, Problem: fmt.Sprintf("attribute %q is not allowed", a.Name.Local)}
	}
	return nil
}

// ReadFields turns the child elements of parent into fields, leaving out
// empty ones. A child may hold text or one <EncryptedData> element, and no
// attribute.
func ReadFields(parent *xmlquery.Node) ([]Field, error) {
	var fields []Field
	for c := parent.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case xmlquery.ElementNode:
			f, err := readField(c)
			if err != nil {
				return nil, err
			}
			if !f.Empty() {
				fields = append(fields, f)
			}
		case xmlquery.TextNode, xmlquery.CharDataNode:
			if strings.TrimSpace(c.Data) != "" {
				return nil, &ElementError{Element: parent.Data, Problem: "holds text outside its elements"}
			}
		case xmlquery.CommentNode:
		default:
			return nil, &ElementError{Element: parent.Data, Problem: "holds a node that is not an element"}
		}
	}
	return fields, nil
}

// readField reads one field element: text, or one <EncryptedData> child.
func readField(n *xmlquery.Node) (Field, error) {
	f := Field{Name: n.Data, Line: n.LineNumber}
	if n.Prefix != "" || n.NamespaceURI != "" {
		return f, &ElementError{Element: n.Data, Problem: "request elements take no namespace"}
	}
	if err := CheckNoAttributes(n); err != nil {
		return f, err
	}
	var text strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case xmlquery.TextNode, xmlquery.CharDataNode:
			text.WriteString(c.Data)
		case xmlquery.CommentNode:
		case xmlquery.ElementNode:
			if c.Data != "EncryptedData" || f.EncryptedData != "" {
				return f, &ElementError{Element: n.Data, Problem: fmt.Sprintf("holds <%s>; an element holds text or one <EncryptedData>", c.Data)}
			}
			f.EncryptedData = c.OutputXMLWithOptions(xmlquery.WithOutputSelf(), xmlquery.WithPreserveSpace())
		default:
			return f, &ElementError{Element: n.Data, Problem: "holds a node that is neither text nor <EncryptedData>"}
		}
	}
	f.Text = text.String()
	if f.EncryptedData != "" && strings.TrimSpace(f.Text) != "" {
		return f, &ElementError{Element: n.Data, Problem: "holds both text and <EncryptedData>"}
	}
	return f, nil
}

// ElementError is a document that cannot be used as written: malformed XML,
// an unknown or missing element, a bad value. Element names the element at
// fault (with its section, as in "cyberark/ca-file"), when there is one.
type ElementError struct {
	Element string
	Problem string
}

// Error implements error.
func (e *ElementError) Error() string {
	if e.Element == "" {
		return e.Problem
	}
	return "<" + e.Element + ">: " + e.Problem
}

// IsElementError reports whether err is or wraps a *ElementError.
func IsElementError(err error) bool {
	var re *ElementError
	return errors.As(err, &re)
}
