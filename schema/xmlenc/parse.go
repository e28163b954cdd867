package xmlenc

import (
	"encoding/base64"
	"encoding/xml"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/beevik/etree"
)

// name is an expanded XML name: namespace URI and local name.
type name struct{ space, local string }

// String returns the name in Clark notation, {namespace}local.
func (n name) String() string {
	return "{" + n.space + "}" + n.local
}

// nameOf returns el's expanded name.
func nameOf(el *etree.Element) name {
	return name{el.NamespaceURI(), el.Tag}
}

// Names of the elements Parse reads.
var (
	nameEncryptionMethod     = name{Namespace, "EncryptionMethod"}
	nameKeyInfo              = name{DSigNamespace, "KeyInfo"}
	nameKeyName              = name{DSigNamespace, "KeyName"}
	nameCipherData           = name{Namespace, "CipherData"}
	nameCipherValue          = name{Namespace, "CipherValue"}
	nameCipherReference      = name{Namespace, "CipherReference"}
	nameEncryptionProperties = name{Namespace, "EncryptionProperties"}
)

// IsEncryptedData reports whether el is an EncryptedData element in the XML
// Encryption namespace, whatever its prefix.
func IsEncryptedData(el *etree.Element) bool {
	return el != nil && el.Tag == "EncryptedData" && el.NamespaceURI() == Namespace
}

// FindAll returns every EncryptedData element in the tree rooted at el,
// including el itself, in document order. It does not look inside an
// EncryptedData it has found.
func FindAll(el *etree.Element) []*etree.Element {
	var found []*etree.Element
	var walk func(*etree.Element)
	walk = func(e *etree.Element) {
		if IsEncryptedData(e) {
			found = append(found, e)
			return
		}
		for _, tok := range e.Child {
			if child, ok := tok.(*etree.Element); ok {
				walk(child)
			}
		}
	}
	if el != nil {
		walk(el)
	}
	return found
}

// ParseString parses s, an XML document whose root element is an
// EncryptedData, as Parse does. Besides the root, s may hold only an XML
// declaration and whitespace: a DOCTYPE or other directive, a comment, a
// processing instruction, text or a second element is refused. Its errors
// are *FormatError; they give the line of a syntax error but do not quote
// the input.
func ParseString(s string) (*EncryptedData, error) {
	doc := etree.NewDocument()
	if err := doc.ReadFromString(s); err != nil {
		return nil, &FormatError{Problem: describeSyntaxError(err)}
	}
	var root *etree.Element
	for i, tok := range doc.Child {
		switch t := tok.(type) {
		case *etree.Element:
			if root != nil {
				return nil, &FormatError{Problem: "document has more than one root element"}
			}
			root = t
		case *etree.CharData:
			if !isXMLSpace(t.Data) {
				return nil, &FormatError{Problem: "document holds text outside the root element"}
			}
		case *etree.ProcInst:
			if t.Target != "xml" || i != 0 {
				return nil, &FormatError{Problem: "document holds a processing instruction"}
			}
		case *etree.Directive:
			return nil, &FormatError{Problem: "document holds a DOCTYPE or other directive"}
		case *etree.Comment:
			return nil, &FormatError{Problem: "document holds a comment outside the root element"}
		}
	}
	if root == nil {
		return nil, &FormatError{Problem: "document has no root element"}
	}
	return Parse(root)
}

// describeSyntaxError describes an XML syntax error without quoting the
// input: encoding/xml's messages may hold fragments of it.
func describeSyntaxError(err error) string {
	var syntax *xml.SyntaxError
	if errors.As(err, &syntax) {
		return fmt.Sprintf("document is not well-formed XML (line %d)", syntax.Line)
	}
	if errors.Is(err, etree.ErrXML) {
		return "document is not well-formed XML (an element is not closed or closed by the wrong end tag)"
	}
	return "document is not well-formed XML"
}

// Parse reads el, an EncryptedData element in the XML Encryption namespace
// with any prefix (or none), and its KeyInfo in the XML Signature namespace.
// Whitespace, comments and an EncryptionProperties element are ignored.
//
// Type must be absent or TypeContent. EncryptionMethod may be absent, which
// means AES-256-GCM; if present its Algorithm must be AlgorithmAES256GCM.
// KeyInfo may be absent; if present it may hold only a KeyName. CipherData
// must hold a CipherValue of standard base64, which may be broken by
// whitespace, of at least 28 bytes. Errors are *FormatError.
func Parse(el *etree.Element) (*EncryptedData, error) {
	if el == nil {
		return nil, &FormatError{Problem: "no element (nil)"}
	}
	if !IsEncryptedData(el) {
		return nil, formatErrorf("element is %s, not %s", nameOf(el), name{Namespace, "EncryptedData"})
	}
	if typ := unprefixedAttr(el, "Type"); typ != nil && typ.Value != TypeContent {
		return nil, formatErrorf("Type is %q; only %s is supported", typ.Value, TypeContent)
	}
	children, err := childElements(el,
		nameEncryptionMethod, nameKeyInfo, nameCipherData, nameEncryptionProperties)
	if err != nil {
		return nil, err
	}
	method, keyInfo, cipherData := children[0], children[1], children[2]

	ed := &EncryptedData{Algorithm: AlgorithmAES256GCM}
	if method != nil {
		alg := unprefixedAttr(method, "Algorithm")
		if alg == nil {
			return nil, &FormatError{Problem: "EncryptionMethod has no Algorithm"}
		}
		ed.Algorithm = alg.Value
	}
	if keyInfo != nil {
		if ed.KeyName, err = parseKeyInfo(keyInfo); err != nil {
			return nil, err
		}
	}
	if cipherData == nil {
		return nil, &FormatError{Problem: "no CipherData"}
	}
	if ed.CipherValue, err = parseCipherData(cipherData); err != nil {
		return nil, err
	}
	if err := ed.validate(); err != nil {
		return nil, err
	}
	return ed, nil
}

// parseKeyInfo returns the key name in keyInfo, or "" if it has none.
func parseKeyInfo(keyInfo *etree.Element) (string, *FormatError) {
	children, err := childElements(keyInfo, nameKeyName)
	if err != nil {
		return "", err
	}
	if children[0] == nil {
		return "", nil
	}
	keyName, err := text(children[0])
	if err != nil {
		return "", err
	}
	return strings.Trim(keyName, xmlSpace), nil
}

// parseCipherData returns the decoded CipherValue in cipherData.
func parseCipherData(cipherData *etree.Element) ([]byte, *FormatError) {
	children, err := childElements(cipherData, nameCipherValue, nameCipherReference)
	if err != nil {
		return nil, err
	}
	value, reference := children[0], children[1]
	if reference != nil {
		return nil, &FormatError{Problem: "CipherReference is not supported; CipherData must hold a CipherValue"}
	}
	if value == nil {
		return nil, &FormatError{Problem: "CipherData has no CipherValue"}
	}
	b64, err := text(value)
	if err != nil {
		return nil, err
	}
	if strings.ContainsAny(b64, " \t") { // DecodeString itself skips CR and LF
		b64 = strings.Map(dropXMLSpace, b64)
	}
	cipherValue, decodeErr := base64.StdEncoding.DecodeString(b64)
	if decodeErr != nil {
		return nil, &FormatError{Problem: "CipherValue is not valid standard base64"}
	}
	return cipherValue, nil
}

// childElements returns el's child elements with the names in want, in the
// order of want, with nil for those el does not hold. It refuses text other
// than whitespace, elements with other names and repeated elements.
func childElements(el *etree.Element, want ...name) ([]*etree.Element, *FormatError) {
	found := make([]*etree.Element, len(want))
	for _, tok := range el.Child {
		switch t := tok.(type) {
		case *etree.CharData:
			if !isXMLSpace(t.Data) {
				return nil, formatErrorf("%s holds text outside its child elements", el.Tag)
			}
		case *etree.Element:
			n := nameOf(t)
			i := slices.Index(want, n)
			if i < 0 {
				return nil, formatErrorf("%s holds an unexpected element %s", el.Tag, n)
			}
			if found[i] != nil {
				return nil, formatErrorf("%s holds more than one %s", el.Tag, n.local)
			}
			found[i] = t
		}
	}
	return found, nil
}

// text returns the character data of el, which must hold no elements.
// Comments and processing instructions are skipped.
func text(el *etree.Element) (string, *FormatError) {
	if len(el.Child) == 1 { // the usual case, without copying
		if cd, ok := el.Child[0].(*etree.CharData); ok {
			return cd.Data, nil
		}
	}
	var b strings.Builder
	for _, tok := range el.Child {
		switch t := tok.(type) {
		case *etree.CharData:
			b.WriteString(t.Data)
		case *etree.Element:
			return "", formatErrorf("%s holds an element", el.Tag)
		}
	}
	return b.String(), nil
}

// unprefixedAttr returns el's attribute named local in no namespace, or nil.
func unprefixedAttr(el *etree.Element, local string) *etree.Attr {
	for i, a := range el.Attr {
		if a.Space == "" && a.Key == local {
			return &el.Attr[i]
		}
	}
	return nil
}

// xmlSpace holds the characters XML counts as white space.
const xmlSpace = " \t\r\n"

// isXMLSpace reports whether s is only XML white space.
func isXMLSpace(s string) bool {
	return strings.Trim(s, xmlSpace) == ""
}

// dropXMLSpace is a strings.Map function that removes XML white space.
func dropXMLSpace(r rune) rune {
	if strings.ContainsRune(xmlSpace, r) {
		return -1
	}
	return r
}
