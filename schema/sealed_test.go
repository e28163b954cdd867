package schema_test

import (
	"strings"
	"testing"

	"github.com/pamadapter/pamadapter/schema"
	"github.com/pamadapter/pamadapter/schema/xmlenc"
)

// decryptAll decrypts items with ring.
func decryptAll(t *testing.T, ring *xmlenc.Keyring, items []*xmlenc.EncryptedData) []string {
	t.Helper()
	plains := make([]string, len(items))
	for i, ed := range items {
		p, err := ring.Decrypt(ed)
		if err != nil {
			t.Fatalf("item %d: %v", i, err)
		}
		plains[i] = p
	}
	return plains
}

// sealedResponse is a whole success response whose body holds secrets
// sealed with ring, in order.
func sealedResponse(t *testing.T, ring *xmlenc.Keyring, body string) []byte {
	t.Helper()
	sealed, _, err := schema.SealJSON([]byte(body), named("Content", "password"),
		func(s string) (string, error) { return encrypt(t, ring, s).String(), nil })
	if err != nil {
		t.Fatal(err)
	}
	r := typicalResponse()
	r.Body = string(sealed)
	return r.Bytes()
}

func TestSealedItemsAreFoundWhereverTheyStandInDocumentOrder(t *testing.T) {
	ring := newRing(t)
	ed := func(s string) string { return encrypt(t, ring, s).String() }
	tests := []struct {
		name string
		doc  []byte
		want []string
	}{
		{
			"items in a response body's JSON are found",
			sealedResponse(t, ring, `{"Content":"first","x":{"password":"second"},"list":[{"Content":"third ]]> <&>"}]}`),
			[]string{"first", "second", "third ]]> <&>"},
		},
		{
			"a bare EncryptedData document is one item",
			[]byte(ed("alone")),
			[]string{"alone"},
		},
		{
			"EncryptedData elements in the XML are found around the body",
			[]byte(`<cyberark-adapter-response xmlns:xenc="` + xmlenc.Namespace + `" xmlns:ds="` + xmlenc.DSigNamespace + `"><a>` + ed("one") + `</a>` +
				`<message-body><![CDATA[{"Content":` + jsonString(ed("two")) + `}]]></message-body>` +
				`<b>` + prefixed(encrypt(t, ring, "three"), false) + `</b></cyberark-adapter-response>`),
			[]string{"one", "two", "three"},
		},
		{
			"a body with HTML-escaped JSON strings is read",
			[]byte(`<r><message-body>{"Content":"` + strings.NewReplacer(`"`, `\"`, "<", `\u003c`, ">", `\u003e`).Replace(ed("escaped")) + `"}</message-body></r>`),
			[]string{"escaped"},
		},
		{
			"a body that is not JSON holds no item",
			[]byte(`<r><message-body><![CDATA[<!DOCTYPE html><html><body>404 "<EncryptedData"</body></html>]]></message-body></r>`),
			nil,
		},
		{
			"a response without items holds none",
			[]byte(`<r><metadata><status>error</status></metadata></r>`),
			nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, err := schema.SealedItems(tt.doc)
			if err != nil {
				t.Fatalf("SealedItems: %v\n%s", err, tt.doc)
			}
			got := decryptAll(t, ring, items)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// jsonString quotes s for JSON the way SealJSON does.
func jsonString(s string) string {
	out, _, _ := schema.SealJSON([]byte(`{"v":0}`), named("v"), func(string) (string, error) { return s, nil })
	return strings.TrimSuffix(strings.TrimPrefix(string(out), `{"v":`), `}`)
}

func TestSealedItemsRefusesDocumentsItCannotRead(t *testing.T) {
	tests := []struct {
		name  string
		doc   string
		wants []string
	}{
		{"a DOCTYPE is refused", `<!DOCTYPE r [<!ENTITY e "x">]><r>&e;</r>`, []string{"DOCTYPE"}},
		{"a DOCTYPE inside the document is refused", `<r><!DOCTYPE r><a/></r>`, []string{"DOCTYPE"}},
		{"malformed XML is refused", `<r><a></r>`, []string{"malformed XML"}},
		{"an empty document has no root", ``, []string{"no root element"}},
		{"a broken EncryptedData element is refused", `<r><EncryptedData xmlns="` + xmlenc.Namespace + `"/></r>`, []string{"CipherData"}},
		{"a broken EncryptedData in the body is refused", `<r><message-body>{"Content":"\u003cEncryptedData xmlns='` + xmlenc.Namespace + `'/>"}</message-body></r>`, []string{"CipherData"}},
		{"an EncryptedData in the body that is not XML is refused", `<r><message-body><![CDATA[{"Content":"<EncryptedData"}]]></message-body></r>`, []string{"well-formed"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, err := schema.SealedItems([]byte(tt.doc))
			wantError(t, err, tt.wants...)
			if items != nil {
				t.Errorf("got items %v with the error", items)
			}
		})
	}
}
