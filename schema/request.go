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
	"strconv"
	"strings"

	"github.com/antchfx/xmlquery"

	"github.com/pamadapter/pamadapter/schema/xmlenc"
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
// replaced by "-response". A nil request (a document whose root could not
// be read) is answered under "adapter-response".
func (r *Request) ResponseRoot() string {
	if r == nil {
		return "adapter-response"
	}
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
		return nil, &ElementError{Element: root.Data, Problem: "takes no namespace: request elements are written without one"}
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
	if err := checkProlog(data); err != nil {
		return nil, err
	}
	doc, err := xmlquery.ParseWithOptions(bytes.NewReader(data), xmlquery.ParserOptions{
		Decoder:         &xmlquery.DecoderOptions{Strict: true, CharsetReader: refuseCharset},
		WithLineNumbers: true,
	})
	if err != nil {
		var ee *ElementError
		if errors.As(err, &ee) {
			return nil, ee
		}
		if err.Error() == "xmlquery: invalid XML document" { // no element at all
			return nil, &ElementError{Problem: "no root element"}
		}
		return nil, &ElementError{Problem: "malformed XML: " + describeXMLError(err)}
	}
	return doc, nil
}

// refuseCharset is the decoder's CharsetReader: a document must be UTF-8
// (an XML declaration may say so in any letter case; encoding/xml accepts
// that without asking).
func refuseCharset(label string, _ io.Reader) (io.Reader, error) {
	return nil, &ElementError{Problem: fmt.Sprintf("the document declares encoding %q; only UTF-8 is accepted", label)}
}

// checkProlog refuses what may stand before the root element but must not:
// a <!DOCTYPE ...> (or any other directive), text, a processing
// instruction other than the XML declaration. xmlquery does not keep text
// that comes before the root, so it is checked here. Reading stops at the
// root, so this costs little; a syntax error is left to the strict parse.
func checkProlog(data []byte) error {
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.RawToken()
		if err != nil {
			return nil // the strict parse reports it
		}
		switch t := tok.(type) {
		case xml.Directive:
			return &ElementError{Problem: "DOCTYPE and entity declarations are not allowed"}
		case xml.CharData:
			if strings.Trim(string(t), " \t\r\n\ufeff") != "" {
				return &ElementError{Problem: "text outside the root element"}
			}
		case xml.ProcInst:
			if t.Target != "xml" {
				return &ElementError{Problem: "processing instructions are not allowed"}
			}
		case xml.StartElement:
			return nil
		}
	}
}

// describeXMLError describes a parse error by its line and kind without
// quoting the document. encoding/xml's messages quote element names and
// entity text, and in a malformed request those can be pieces of a secret:
// a password holding a bare & ("p&ss" gives "invalid character entity
// &ss") or < ("p<ss>" reads as an element named "ss").
func describeXMLError(err error) string {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("line %d: %s", se.Line, syntaxProblem(se.Msg))
	}
	msg := err.Error()
	switch {
	case strings.HasPrefix(msg, "xmlquery: invalid XML document, namespace"):
		return "a namespace prefix is used but not declared"
	case strings.HasPrefix(msg, "xml: unsupported version"):
		return "only XML version 1.0 is supported"
	}
	return "the document is not well-formed XML"
}

// markupHint ends the problems that a bare & or < in a value causes.
const markupHint = " (in a value, write & as &amp; and < as &lt;)"

// syntaxProblem turns an encoding/xml syntax error message into one that
// quotes nothing from the document: messages known to be fixed text are
// kept, the others are replaced by a description of their kind.
func syntaxProblem(msg string) string {
	switch msg {
	case "unexpected EOF", "unexpected EOF in CDATA section":
		return "the document ends before its root element is closed"
	case "expected element name after <", "expected element name after </",
		"expected attribute name in element", "attribute name without = in element",
		"unquoted or missing attribute value in element", "expected /> in element":
		return msg + markupHint
	case "unescaped < inside quoted string", "unescaped ]]> not in CDATA section",
		"invalid UTF-8", "invalid sequence <!- not part of <!--", "invalid <![ sequence",
		"expected target name after <?", `invalid sequence "--" not allowed in comments`:
		return msg
	}
	switch {
	case strings.HasPrefix(msg, "invalid character entity"):
		return "an & does not start a known entity or character reference" + markupHint
	case strings.HasPrefix(msg, "unexpected end element"):
		return "an end tag has no matching start tag" + markupHint
	case strings.HasPrefix(msg, "element <") && strings.Contains(msg, "closed by </"):
		return "an element is closed by an end tag of another name" + markupHint
	case strings.HasPrefix(msg, "invalid characters between </"):
		return "an end tag holds more than its name"
	case strings.HasPrefix(msg, "illegal character code"):
		return "the document holds a character XML does not allow (a control character?)"
	case strings.HasPrefix(msg, "invalid XML name"):
		return "an element or attribute name is not a valid XML name" + markupHint
	}
	return "the document is not well-formed XML"
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
// attribute. Every bad child is reported (the error joins one
// *ElementError per problem); the good fields come back with the error.
func ReadFields(parent *xmlquery.Node) ([]Field, error) {
	var fields []Field
	var errs []error
	for c := parent.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case xmlquery.ElementNode:
			f, err := readField(c)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			if !f.Empty() {
				fields = append(fields, f)
			}
		case xmlquery.TextNode, xmlquery.CharDataNode:
			if strings.TrimSpace(c.Data) != "" {
				errs = append(errs, &ElementError{Element: parent.Data, Problem: "holds text outside its elements"})
			}
		case xmlquery.CommentNode:
		default:
			errs = append(errs, &ElementError{Element: parent.Data, Problem: "holds a node that is not an element"})
		}
	}
	switch len(errs) {
	case 0:
		return fields, nil
	case 1:
		return fields, errs[0]
	}
	return fields, errors.Join(errs...)
}

// readField reads one field element: text, or one <EncryptedData> child.
func readField(n *xmlquery.Node) (Field, error) {
	f := Field{Name: n.Data, Line: n.LineNumber}
	if n.Prefix != "" || n.NamespaceURI != "" {
		return f, &ElementError{Element: n.Data, Problem: "takes no namespace"}
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
			// The child's name is not quoted: in a secret value with a bare
			// <, it would be a piece of the secret.
			if c.Data != "EncryptedData" || f.EncryptedData != "" {
				return f, &ElementError{Element: n.Data, Problem: "holds an element other than one <EncryptedData>; an element holds text or one <EncryptedData>" + markupHint}
			}
			if c.NamespaceURI != xmlenc.Namespace {
				return f, &ElementError{Element: n.Data, Problem: fmt.Sprintf("holds an <EncryptedData> outside the XML Encryption namespace; write <EncryptedData xmlns=%q>", xmlenc.Namespace)}
			}
			f.EncryptedData = standaloneXML(c)
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

// standaloneXML writes the element n and its content as an XML text that
// stands on its own: every element declares its namespace where it differs
// from its parent's, so namespace prefixes declared on the request's
// elements (<request-data xmlns:xenc="...">) are not needed to read it.
// Prefixes are dropped, comments and processing instructions left out.
func standaloneXML(n *xmlquery.Node) string {
	var b strings.Builder
	writeStandalone(&b, n, "")
	return b.String()
}

// xmlNamespace is the namespace bound to the prefix xml.
const xmlNamespace = "http://www.w3.org/XML/1998/namespace"

func writeStandalone(b *strings.Builder, n *xmlquery.Node, inherited string) {
	b.WriteByte('<')
	b.WriteString(n.Data)
	if n.NamespaceURI != inherited {
		b.WriteString(` xmlns="`)
		escapeXMLText(b, n.NamespaceURI, true)
		b.WriteByte('"')
	}
	prefixes := 0
	for _, a := range n.Attr {
		if a.NamespaceURI == "xmlns" || (a.NamespaceURI == "" && a.Name.Local == "xmlns") {
			continue // namespace declarations are written where needed
		}
		b.WriteByte(' ')
		switch a.NamespaceURI {
		case "":
		case xmlNamespace:
			b.WriteString("xml:")
		default:
			prefixes++
			prefix := "a" + strconv.Itoa(prefixes)
			b.WriteString("xmlns:" + prefix + `="`)
			escapeXMLText(b, a.NamespaceURI, true)
			b.WriteString(`" ` + prefix + ":")
		}
		b.WriteString(a.Name.Local)
		b.WriteString(`="`)
		escapeXMLText(b, a.Value, true)
		b.WriteByte('"')
	}
	if n.FirstChild == nil {
		b.WriteString("/>")
		return
	}
	b.WriteByte('>')
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case xmlquery.TextNode, xmlquery.CharDataNode:
			escapeXMLText(b, c.Data, false)
		case xmlquery.ElementNode:
			writeStandalone(b, c, n.NamespaceURI)
		}
	}
	b.WriteString("</")
	b.WriteString(n.Data)
	b.WriteByte('>')
}

// escapeXMLText writes s escaped for character content, or for a
// double-quoted attribute value when attr is set. Carriage returns and, in
// attributes, tabs and newlines are written as references so that a reader
// gets them back unchanged.
func escapeXMLText(b *strings.Builder, s string, attr bool) {
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '\r':
			b.WriteString("&#xD;")
		case attr && r == '"':
			b.WriteString("&quot;")
		case attr && r == '\n':
			b.WriteString("&#xA;")
		case attr && r == '\t':
			b.WriteString("&#x9;")
		default:
			b.WriteRune(r)
		}
	}
}

// ElementError is a document that cannot be used as written: malformed XML,
// an unknown or missing element, a bad value. Element names the element at
// fault (with its section, as in "cyberark/ca-file"), when there is one.
type ElementError struct {
	Element string
	Problem string
	// Err is the error behind Problem, if any (such as an
	// *xmlenc.KeyFileError); Problem already says what it says.
	Err error
}

// Unwrap returns the error behind the problem, if any.
func (e *ElementError) Unwrap() error { return e.Err }

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
