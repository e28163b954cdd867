package schema_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/pamadapter/pamadapter/schema"
	"github.com/pamadapter/pamadapter/schema/xmlenc"
)

// prefixed rewrites the default-namespace XML of ed with the prefixes xenc
// and ds, declaring them on the element itself when declare is set.
func prefixed(ed *xmlenc.EncryptedData, declare bool) string {
	s := ed.String()
	s = strings.NewReplacer(
		`<EncryptedData xmlns="`+xmlenc.Namespace+`"`, `<xenc:EncryptedData`+map[bool]string{true: ` xmlns:xenc="` + xmlenc.Namespace + `"`}[declare],
		`</EncryptedData>`, `</xenc:EncryptedData>`,
		`<EncryptionMethod`, `<xenc:EncryptionMethod`,
		`<KeyInfo xmlns="`+xmlenc.DSigNamespace+`">`, `<ds:KeyInfo`+map[bool]string{true: ` xmlns:ds="` + xmlenc.DSigNamespace + `"`}[declare]+`>`,
		`</KeyInfo>`, `</ds:KeyInfo>`,
		`<KeyName>`, `<ds:KeyName>`, `</KeyName>`, `</ds:KeyName>`,
		`<CipherData>`, `<xenc:CipherData>`, `</CipherData>`, `</xenc:CipherData>`,
		`<CipherValue>`, `<xenc:CipherValue>`, `</CipherValue>`, `</xenc:CipherValue>`,
	).Replace(s)
	return s
}

// pretty indents the default-namespace XML of ed over several lines.
func pretty(ed *xmlenc.EncryptedData) string {
	return strings.NewReplacer("><", ">\n      <", "<CipherValue>", "<CipherValue>\n  ", "</CipherValue>", "\n  </CipherValue>").Replace(ed.String())
}

func TestAnEncryptedDataChildIsCapturedAsXMLThatStandsOnItsOwn(t *testing.T) {
	ring := newRing(t)
	const secret = `p&ss <word> "quoted"`
	ed := encrypt(t, ring, secret)
	const bothNS = ` xmlns:xenc="` + xmlenc.Namespace + `" xmlns:ds="` + xmlenc.DSigNamespace + `"`
	tests := []struct {
		name         string
		wrapperAttrs string
		requestAttrs string
		field        string
	}{
		{"the default-namespace form is captured", "", "", ed.String()},
		{"a pretty-printed form is captured", "", "", "\n    " + pretty(ed) + "\n  "},
		{"the prefix form declared on the element is captured", "", "", prefixed(ed, true)},
		{"the prefix form declared on the request is captured", "", bothNS, prefixed(ed, false)},
		{"the prefix form declared on request-data is captured", bothNS, "", prefixed(ed, false)},
		{"a comment inside is left out", "", "", strings.Replace(ed.String(), "<CipherData>", "<!-- c --><CipherData>", 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := "<request-data" + tt.wrapperAttrs + ">\n<cyberark-adapter-request" + tt.requestAttrs + ">\n  <keystore-password>" +
				tt.field + "</keystore-password>\n</cyberark-adapter-request>\n</request-data>"
			req, err := schema.ParseRequest(strings.NewReader(doc), 0)
			if err != nil {
				t.Fatalf("ParseRequest: %v", err)
			}
			if len(req.Fields) != 1 || req.Fields[0].Name != "keystore-password" || req.Fields[0].EncryptedData == "" {
				t.Fatalf("got fields %+v, want keystore-password with EncryptedData", req.Fields)
			}
			f := req.Fields[0]
			if strings.TrimSpace(f.Text) != "" {
				t.Errorf("got text %q besides the EncryptedData", f.Text)
			}
			got, err := xmlenc.ParseString(f.EncryptedData)
			if err != nil {
				t.Fatalf("the captured XML %q does not parse: %v", f.EncryptedData, err)
			}
			if got.KeyName != testKeyName || !bytes.Equal(got.CipherValue, ed.CipherValue) {
				t.Errorf("captured %+v, want %+v", got, ed)
			}
			if plain, err := ring.Decrypt(got); err != nil || plain != secret {
				t.Errorf("decrypts to %q, %v", plain, err)
			}
		})
	}
}

func TestCapturedEncryptedDataKeepsAttributeValuesAndText(t *testing.T) {
	// Values with markup characters, a carriage return and attributes in a
	// namespace must come back as an XML reader gave them.
	doc := `<cyberark-adapter-request xmlns:p="urn:p"><key-password>` +
		`<EncryptedData xmlns="` + xmlenc.Namespace + `" Id="a&amp;&lt;&quot;b&#9;c" xml:lang="en" p:note="x">` +
		`<CipherData><CipherValue>&#13;QUJD</CipherValue></CipherData><Extra xmlns="">&lt;&amp;&gt;</Extra>` +
		`</EncryptedData></key-password></cyberark-adapter-request>`
	req, err := schema.ParseRequest(strings.NewReader(doc), 0)
	if err != nil {
		t.Fatal(err)
	}
	const want = `<EncryptedData xmlns="` + xmlenc.Namespace + `" Id="a&amp;&lt;&quot;b&#x9;c" xml:lang="en" xmlns:a1="urn:p" a1:note="x">` +
		`<CipherData><CipherValue>&#xD;QUJD</CipherValue></CipherData><Extra xmlns="">&lt;&amp;&gt;</Extra></EncryptedData>`
	if got := req.Fields[0].EncryptedData; got != want {
		t.Errorf("captured\n%s\nwant\n%s", got, want)
	}
}
