package xmlenc_test

import (
	"encoding/base64"
	"errors"
	"strings"
	"testing"

	"github.com/beevik/etree"

	"github.com/pamadapter/pamadapter/schema/xmlenc"
)

// goldenCipherValue is the CipherValue of goldenString.
const goldenCipherValue = "MDEyMzQ1Njc4OWFiRzczHiYc+nSxUyeA303teXCAYNqS7K4PjvIvIgYqlO8Hoj4="

func TestParseAcceptsTheFormsOfEncryptedData(t *testing.T) {
	tests := []struct {
		name    string
		doc     string
		keyName string
	}{
		{"the documented one-line form", goldenString, "context-key-2026"},
		{
			"the default-namespace form with indentation and an XML declaration",
			`<?xml version="1.0" encoding="UTF-8"?>
<EncryptedData xmlns="http://www.w3.org/2001/04/xmlenc#" Type="http://www.w3.org/2001/04/xmlenc#Content">
  <EncryptionMethod Algorithm="http://www.w3.org/2009/xmlenc11#aes256-gcm"/>
  <KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#">
    <KeyName>
      context-key-2026
    </KeyName>
  </KeyInfo>
  <CipherData>
    <CipherValue>
      MDEyMzQ1Njc4OWFiRzczHiYc+nSxUyeA303teXCAYNqS7K4P
      jvIvIgYqlO8Hoj4=
    </CipherValue>
  </CipherData>
</EncryptedData>
`,
			"context-key-2026",
		},
		{
			"the prefixed form with xenc and ds",
			`<xenc:EncryptedData xmlns:xenc="http://www.w3.org/2001/04/xmlenc#" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" Type="http://www.w3.org/2001/04/xmlenc#Content">` +
				`<xenc:EncryptionMethod Algorithm="http://www.w3.org/2009/xmlenc11#aes256-gcm"/>` +
				`<ds:KeyInfo><ds:KeyName>k1</ds:KeyName></ds:KeyInfo>` +
				`<xenc:CipherData><xenc:CipherValue>` + goldenCipherValue + `</xenc:CipherValue></xenc:CipherData>` +
				`</xenc:EncryptedData>`,
			"k1",
		},
		{
			"a prefixed form with KeyInfo declaring its own namespace",
			`<e:EncryptedData xmlns:e="http://www.w3.org/2001/04/xmlenc#">` +
				`<s:KeyInfo xmlns:s="http://www.w3.org/2000/09/xmldsig#"><s:KeyName>k1</s:KeyName></s:KeyInfo>` +
				`<e:CipherData><e:CipherValue>` + goldenCipherValue + `</e:CipherValue></e:CipherData>` +
				`</e:EncryptedData>`,
			"k1",
		},
		{
			"no Type, EncryptionMethod or KeyInfo",
			`<EncryptedData xmlns="http://www.w3.org/2001/04/xmlenc#"><CipherData><CipherValue>` + goldenCipherValue + `</CipherValue></CipherData></EncryptedData>`,
			"",
		},
		{
			"an empty KeyInfo",
			`<EncryptedData xmlns="http://www.w3.org/2001/04/xmlenc#"><KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"/><CipherData><CipherValue>` + goldenCipherValue + `</CipherValue></CipherData></EncryptedData>`,
			"",
		},
		{
			"comments, CDATA and EncryptionProperties",
			`<EncryptedData xmlns="http://www.w3.org/2001/04/xmlenc#"><!-- c --><KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><KeyName>k<!-- c -->1</KeyName></KeyInfo>` +
				`<CipherData><CipherValue><![CDATA[` + goldenCipherValue + `]]></CipherValue></CipherData>` +
				`<EncryptionProperties><EncryptionProperty>anything</EncryptionProperty></EncryptionProperties></EncryptedData>`,
			"k1",
		},
	}
	wantCipherValue, _ := base64.StdEncoding.DecodeString(goldenCipherValue)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ed, err := xmlenc.ParseString(tt.doc)
			if err != nil {
				t.Fatalf("ParseString: %v", err)
			}
			if ed.Algorithm != xmlenc.AlgorithmAES256GCM {
				t.Errorf("Algorithm = %q, want %q", ed.Algorithm, xmlenc.AlgorithmAES256GCM)
			}
			if ed.KeyName != tt.keyName {
				t.Errorf("KeyName = %q, want %q", ed.KeyName, tt.keyName)
			}
			if string(ed.CipherValue) != string(wantCipherValue) {
				t.Errorf("CipherValue = %x, want %x", ed.CipherValue, wantCipherValue)
			}
		})
	}
}

// encryptedData returns an EncryptedData document in the default namespace
// with the given attributes and children.
func encryptedData(attrs, children string) string {
	return `<EncryptedData xmlns="http://www.w3.org/2001/04/xmlenc#"` + attrs + `>` + children + `</EncryptedData>`
}

const (
	method      = `<EncryptionMethod Algorithm="http://www.w3.org/2009/xmlenc11#aes256-gcm"/>`
	cipherData  = `<CipherData><CipherValue>` + goldenCipherValue + `</CipherValue></CipherData>`
	keyInfoOpen = `<KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#">`
)

func TestParseRefusesWhatItCannotDecrypt(t *testing.T) {
	tests := []struct {
		name, doc, want string
	}{
		{"a root in another namespace",
			`<EncryptedData xmlns="urn:other">` + cipherData + `</EncryptedData>`,
			"EncryptedData: element is {urn:other}EncryptedData, not {http://www.w3.org/2001/04/xmlenc#}EncryptedData"},
		{"a root in no namespace",
			`<EncryptedData>` + cipherData + `</EncryptedData>`,
			"EncryptedData: element is {}EncryptedData, not {http://www.w3.org/2001/04/xmlenc#}EncryptedData"},
		{"another root element",
			`<EncryptedKey xmlns="http://www.w3.org/2001/04/xmlenc#"/>`,
			"EncryptedData: element is {http://www.w3.org/2001/04/xmlenc#}EncryptedKey, not {http://www.w3.org/2001/04/xmlenc#}EncryptedData"},
		{"Type Element",
			encryptedData(` Type="http://www.w3.org/2001/04/xmlenc#Element"`, method+cipherData),
			`EncryptedData: Type is "http://www.w3.org/2001/04/xmlenc#Element"; only http://www.w3.org/2001/04/xmlenc#Content is supported`},
		{"an unknown algorithm",
			encryptedData("", `<EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes256-cbc"/>`+cipherData),
			`EncryptedData: unsupported EncryptionMethod Algorithm "http://www.w3.org/2001/04/xmlenc#aes256-cbc"; only http://www.w3.org/2009/xmlenc11#aes256-gcm is supported`},
		{"an EncryptionMethod without Algorithm",
			encryptedData("", `<EncryptionMethod/>`+cipherData),
			"EncryptedData: EncryptionMethod has no Algorithm"},
		{"no CipherData",
			encryptedData("", method),
			"EncryptedData: no CipherData"},
		{"no CipherValue",
			encryptedData("", method+`<CipherData/>`),
			"EncryptedData: CipherData has no CipherValue"},
		{"a CipherReference",
			encryptedData("", method+`<CipherData><CipherReference URI="http://example.com/x"/></CipherData>`),
			"EncryptedData: CipherReference is not supported; CipherData must hold a CipherValue"},
		{"a CipherValue that is not base64",
			encryptedData("", method+`<CipherData><CipherValue>not*base64!</CipherValue></CipherData>`),
			"EncryptedData: CipherValue is not valid standard base64"},
		{"a CipherValue without padding",
			encryptedData("", method+`<CipherData><CipherValue>`+strings.TrimRight(goldenCipherValue, "=")+`</CipherValue></CipherData>`),
			"EncryptedData: CipherValue is not valid standard base64"},
		{"a CipherValue too short for IV and tag",
			encryptedData("", method+`<CipherData><CipherValue>AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBka</CipherValue></CipherData>`),
			"EncryptedData: CipherValue is 27 bytes; AES-GCM needs at least 28 (a 12-byte IV and a 16-byte tag)"},
		{"an empty CipherValue",
			encryptedData("", method+`<CipherData><CipherValue/></CipherData>`),
			"EncryptedData: CipherValue is 0 bytes; AES-GCM needs at least 28 (a 12-byte IV and a 16-byte tag)"},
		{"a CipherValue holding an element",
			encryptedData("", method+`<CipherData><CipherValue>AA<b/>AA</CipherValue></CipherData>`),
			"EncryptedData: CipherValue holds an element"},
		{"two CipherData",
			encryptedData("", method+cipherData+cipherData),
			"EncryptedData: EncryptedData holds more than one CipherData"},
		{"an unexpected child",
			encryptedData("", method+`<Extra/>`+cipherData),
			"EncryptedData: EncryptedData holds an unexpected element {http://www.w3.org/2001/04/xmlenc#}Extra"},
		{"a KeyInfo in the xmlenc namespace",
			encryptedData("", method+`<KeyInfo><KeyName>k1</KeyName></KeyInfo>`+cipherData),
			"EncryptedData: EncryptedData holds an unexpected element {http://www.w3.org/2001/04/xmlenc#}KeyInfo"},
		{"text between children",
			encryptedData("", method+`stray`+cipherData),
			"EncryptedData: EncryptedData holds text outside its child elements"},
		{"a KeyInfo holding an EncryptedKey",
			encryptedData("", method+keyInfoOpen+`<EncryptedKey xmlns="http://www.w3.org/2001/04/xmlenc#"/></KeyInfo>`+cipherData),
			"EncryptedData: KeyInfo holds an unexpected element {http://www.w3.org/2001/04/xmlenc#}EncryptedKey"},
		{"two KeyNames",
			encryptedData("", method+keyInfoOpen+`<KeyName>a</KeyName><KeyName>b</KeyName></KeyInfo>`+cipherData),
			"EncryptedData: KeyInfo holds more than one KeyName"},
		{"a DOCTYPE",
			`<!DOCTYPE EncryptedData>` + goldenString,
			"EncryptedData: document holds a DOCTYPE or other directive"},
		{"an internal entity declaration",
			`<!DOCTYPE x [<!ENTITY e "boom">]>` + goldenString,
			"EncryptedData: document holds a DOCTYPE or other directive"},
		{"a second root element",
			goldenString + goldenString,
			"EncryptedData: document has more than one root element"},
		{"trailing text",
			goldenString + "\ntrailing",
			"EncryptedData: document holds text outside the root element"},
		{"a trailing comment",
			goldenString + "<!-- c -->",
			"EncryptedData: document holds a comment outside the root element"},
		{"a processing instruction",
			`<?xml-stylesheet href="x"?>` + goldenString,
			"EncryptedData: document holds a processing instruction"},
		{"an empty document",
			" \n",
			"EncryptedData: document has no root element"},
		{"an unclosed root",
			`<EncryptedData xmlns="http://www.w3.org/2001/04/xmlenc#">`,
			"EncryptedData: document is not well-formed XML (an element is not closed or closed by the wrong end tag)"},
		{"a syntax error",
			"<EncryptedData xmlns=\"http://www.w3.org/2001/04/xmlenc#\">\n<Cipher Data/>\n</EncryptedData>",
			"EncryptedData: document is not well-formed XML (line 2)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ed, err := xmlenc.ParseString(tt.doc)
			if err == nil {
				t.Fatalf("ParseString = %+v, want an error", ed)
			}
			var fe *xmlenc.FormatError
			if !errors.As(err, &fe) {
				t.Errorf("error %T is not a *FormatError", err)
			}
			if err.Error() != tt.want {
				t.Errorf("error =\n%s\nwant\n%s", err, tt.want)
			}
		})
	}
}

func TestParseStringDoesNotQuoteTheInputInSyntaxErrors(t *testing.T) {
	for _, doc := range []string{
		"<EncryptedData>&Sup3rSecret;</EncryptedData>",
		"<EncryptedData Sup3rSecret></EncryptedData>",
		"<EncryptedData>Sup3rSecret</Other>",
	} {
		_, err := xmlenc.ParseString(doc)
		if err == nil {
			t.Errorf("ParseString(%q) succeeded", doc)
			continue
		}
		if strings.Contains(err.Error(), "Sup3rSecret") {
			t.Errorf("ParseString(%q) error quotes the input: %v", doc, err)
		}
	}
}

func TestParseRefusesANilElement(t *testing.T) {
	_, err := xmlenc.Parse(nil)
	var fe *xmlenc.FormatError
	if !errors.As(err, &fe) {
		t.Fatalf("Parse(nil) error = %v, want a *FormatError", err)
	}
}

// answer is a document holding EncryptedData elements at several depths and
// with several prefixes.
const answer = `<Answer xmlns:xenc="http://www.w3.org/2001/04/xmlenc#" xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
  <Item id="1">` + goldenString + `</Item>
  <Item id="2"><Nested><xenc:EncryptedData><ds:KeyInfo><ds:KeyName>k2</ds:KeyName></ds:KeyInfo>
    <xenc:CipherData><xenc:CipherValue>` + goldenCipherValue + `</xenc:CipherValue></xenc:CipherData>
    <xenc:EncryptionProperties><xenc:EncryptedData/></xenc:EncryptionProperties>
  </xenc:EncryptedData></Nested></Item>
  <Item id="3"><EncryptedData>not XML Encryption</EncryptedData></Item>
  <Item id="4"><EncryptedData xmlns="urn:other"/></Item>
  <Item id="5"><xenc:EncryptedData><xenc:CipherData><xenc:CipherValue>` + goldenCipherValue + `</xenc:CipherValue></xenc:CipherData></xenc:EncryptedData></Item>
</Answer>`

func TestFindAllFindsEncryptedDataInDocumentOrderWithoutDescending(t *testing.T) {
	doc := etree.NewDocument()
	if err := doc.ReadFromString(answer); err != nil {
		t.Fatal(err)
	}
	found := xmlenc.FindAll(doc.Root())
	var keyNames []string
	for _, el := range found {
		ed, err := xmlenc.Parse(el)
		if err != nil {
			t.Fatalf("Parse(%s in item %s): %v", el.FullTag(), el.Parent().SelectAttrValue("id", "?"), err)
		}
		keyNames = append(keyNames, ed.KeyName)
	}
	if got, want := strings.Join(keyNames, ","), "context-key-2026,k2,"; got != want {
		t.Errorf("key names of the EncryptedData found = %q, want %q", got, want)
	}
}

func TestFindAllIncludesTheElementItselfAndToleratesNil(t *testing.T) {
	ed, err := xmlenc.ParseString(goldenString)
	if err != nil {
		t.Fatal(err)
	}
	el := ed.Element()
	if found := xmlenc.FindAll(el); len(found) != 1 || found[0] != el {
		t.Errorf("FindAll(an EncryptedData) = %v, want the element itself", found)
	}
	if found := xmlenc.FindAll(nil); found != nil {
		t.Errorf("FindAll(nil) = %v, want nil", found)
	}
}

func TestIsEncryptedDataGoesByNamespaceNotPrefix(t *testing.T) {
	doc := etree.NewDocument()
	if err := doc.ReadFromString(answer); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path string
		want       bool
	}{
		{"a default-namespace EncryptedData", "./Item[@id='1']/EncryptedData", true},
		{"a prefixed EncryptedData", "./Item[@id='2']/Nested/xenc:EncryptedData", true},
		{"an EncryptedData in no namespace", "./Item[@id='3']/EncryptedData", false},
		{"an EncryptedData in another namespace", "./Item[@id='4']/EncryptedData", false},
		{"another element", "./Item[@id='1']", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			el := doc.Root().FindElement(tt.path)
			if el == nil {
				t.Fatalf("no element at %s", tt.path)
			}
			if got := xmlenc.IsEncryptedData(el); got != tt.want {
				t.Errorf("IsEncryptedData = %v, want %v", got, tt.want)
			}
		})
	}
	if xmlenc.IsEncryptedData(nil) {
		t.Error("IsEncryptedData(nil) = true")
	}
}
