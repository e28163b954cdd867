package schema

import (
	"encoding/json"
	"errors"
	"io"
	"strings"

	"github.com/beevik/etree"

	"github.com/pamadapter/pamadapter/schema/xmlenc"
)

// SealedItems returns every secure context item in data, in document order:
// data is either one <EncryptedData> element or an adapter response, whose
// items stand as elements or, in <message-body>, as JSON strings holding
// an element's XML.
func SealedItems(data []byte) ([]*xmlenc.EncryptedData, error) {
	// Looking for "<!DOCTYPE" in the bytes would also refuse a response
	// whose body is an HTML error page; the directive is looked for where
	// it can stand instead.
	if err := checkProlog(data); err != nil {
		return nil, err
	}
	doc := etree.NewDocument()
	doc.ReadSettings.PreserveCData = true
	if err := doc.ReadFromBytes(data); err != nil {
		return nil, &ElementError{Problem: "malformed XML: " + describeXMLError(err)}
	}
	root := doc.Root()
	if root == nil {
		return nil, &ElementError{Problem: "no root element"}
	}
	if hasDirective(&doc.Element) {
		return nil, &ElementError{Problem: "DOCTYPE and entity declarations are not allowed"}
	}
	var items []*xmlenc.EncryptedData
	var walk func(el *etree.Element) error
	walk = func(el *etree.Element) error {
		if xmlenc.IsEncryptedData(el) {
			ed, err := xmlenc.Parse(el)
			if err != nil {
				return err
			}
			items = append(items, ed)
			return nil
		}
		if el.Tag == "message-body" {
			found, err := sealedInJSON(el.Text())
			if err != nil {
				return err
			}
			items = append(items, found...)
		}
		for _, child := range el.ChildElements() {
			if err := walk(child); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(root); err != nil {
		return nil, err
	}
	return items, nil
}

// hasDirective reports whether a directive (<!DOCTYPE ...>) stands
// anywhere in el.
func hasDirective(el *etree.Element) bool {
	for _, tok := range el.Child {
		switch t := tok.(type) {
		case *etree.Directive:
			return true
		case *etree.Element:
			if hasDirective(t) {
				return true
			}
		}
	}
	return false
}

// sealedInJSON finds the JSON strings of body that hold an <EncryptedData>
// element. A body that is not JSON holds none.
func sealedInJSON(body string) ([]*xmlenc.EncryptedData, error) {
	dec := json.NewDecoder(strings.NewReader(body))
	var items []*xmlenc.EncryptedData
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return items, nil
		}
		if err != nil {
			return items, nil //nolint:nilerr // not JSON: no item in it
		}
		s, ok := tok.(string)
		if !ok || !looksSealed(s) {
			continue
		}
		ed, err := xmlenc.ParseString(s)
		if err != nil {
			return nil, err
		}
		items = append(items, ed)
	}
}

// looksSealed reports whether s is the XML of an <EncryptedData> element.
func looksSealed(s string) bool {
	s = strings.TrimSpace(s)
	if !strings.HasPrefix(s, "<") {
		return false
	}
	name := s[1:]
	if i := strings.IndexAny(name, " \t\r\n/>"); i >= 0 {
		name = name[:i]
	}
	if j := strings.IndexByte(name, ':'); j >= 0 {
		name = name[j+1:]
	}
	return name == "EncryptedData"
}
