package xmlenc_test

import (
	"bytes"
	"testing"

	"github.com/beevik/etree"

	"github.com/pamadapter/pamadapter/schema/xmlenc"
)

// goldenString is the String of "p&ss<w>rd" encrypted with material(0),
// named context-key-2026, under fixedIV. xmlsec1 1.2.37 decrypts it (wrapped
// in a parent element) to p&amp;ss&lt;w&gt;rd.
const goldenString = `<EncryptedData xmlns="http://www.w3.org/2001/04/xmlenc#" Type="http://www.w3.org/2001/04/xmlenc#Content">` +
	`<EncryptionMethod Algorithm="http://www.w3.org/2009/xmlenc11#aes256-gcm"/>` +
	`<KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><KeyName>context-key-2026</KeyName></KeyInfo>` +
	`<CipherData><CipherValue>MDEyMzQ1Njc4OWFiRzczHiYc+nSxUyeA303teXCAYNqS7K4PjvIvIgYqlO8Hoj4=</CipherValue></CipherData>` +
	`</EncryptedData>`

func TestStringIsExactlyTheDocumentedForm(t *testing.T) {
	r := newKeyring(t, newKey(t, "context-key-2026", 0)).WithRand(fixedIVReader())
	ed, err := r.Encrypt("p&ss<w>rd")
	if err != nil {
		t.Fatal(err)
	}
	if got := ed.String(); got != goldenString {
		t.Errorf("String() =\n%s\nwant\n%s", got, goldenString)
	}
}

func TestStringEscapesTheKeyNameAndOmitsAnEmptyOne(t *testing.T) {
	tests := []struct {
		name string
		ed   xmlenc.EncryptedData
		want string
	}{
		{
			"a key name with markup characters is escaped",
			xmlenc.EncryptedData{Algorithm: xmlenc.AlgorithmAES256GCM, KeyName: `a&b<c>"d'`, CipherValue: []byte{0xff, 0xfe}},
			`<EncryptedData xmlns="http://www.w3.org/2001/04/xmlenc#" Type="http://www.w3.org/2001/04/xmlenc#Content">` +
				`<EncryptionMethod Algorithm="http://www.w3.org/2009/xmlenc11#aes256-gcm"/>` +
				`<KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><KeyName>a&amp;b&lt;c&gt;"d'</KeyName></KeyInfo>` +
				`<CipherData><CipherValue>//4=</CipherValue></CipherData></EncryptedData>`,
		},
		{
			"an empty key name and algorithm give no KeyInfo and the default algorithm",
			xmlenc.EncryptedData{CipherValue: []byte{1}},
			`<EncryptedData xmlns="http://www.w3.org/2001/04/xmlenc#" Type="http://www.w3.org/2001/04/xmlenc#Content">` +
				`<EncryptionMethod Algorithm="http://www.w3.org/2009/xmlenc11#aes256-gcm"/>` +
				`<CipherData><CipherValue>AQ==</CipherValue></CipherData></EncryptedData>`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.ed.String(); got != tt.want {
				t.Errorf("String() =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestElementWritesWhatStringShows(t *testing.T) {
	ed, err := xmlenc.ParseString(goldenString)
	if err != nil {
		t.Fatal(err)
	}
	doc := etree.NewDocument()
	doc.WriteSettings = etree.WriteSettings{CanonicalText: true, CanonicalAttrVal: true}
	doc.SetRoot(ed.Element())
	got, err := doc.WriteToString()
	if err != nil {
		t.Fatal(err)
	}
	if got != goldenString {
		t.Errorf("Element() written by etree =\n%s\nwant\n%s", got, goldenString)
	}
	if el := ed.Element(); el.Parent() != nil || !xmlenc.IsEncryptedData(el) {
		t.Errorf("Element() is not an unparented EncryptedData element")
	}
}

func TestStringParsesBackToTheSameEncryptedData(t *testing.T) {
	want := &xmlenc.EncryptedData{
		Algorithm:   xmlenc.AlgorithmAES256GCM,
		KeyName:     "k&1",
		CipherValue: bytes.Repeat([]byte{0xa5}, 40),
	}
	got, err := xmlenc.ParseString(want.String())
	if err != nil {
		t.Fatal(err)
	}
	if got.Algorithm != want.Algorithm || got.KeyName != want.KeyName || !bytes.Equal(got.CipherValue, want.CipherValue) {
		t.Errorf("ParseString(String()) = %+v, want %+v", got, want)
	}
}
