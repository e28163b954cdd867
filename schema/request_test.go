package schema_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/pamadapter/pamadapter/schema"
)

// typicalRequest is a CCP get-password request as a workflow engine sends it.
const typicalRequest = `<?xml version="1.0" encoding="UTF-8"?>
<request-data>
  <cyberark-adapter-request>
    <operation-name>ccp-aim-get-password</operation-name>
    <app-id>PAMAdapterDemo</app-id>
    <query>Safe=Test;Folder=root\OS\Windows;Object=windows1</query>
    <certificate-file>client.crt</certificate-file>
    <private-key-file>client.key</private-key-file>
    <keystore-file></keystore-file>
    <request-timeout>30</request-timeout>
  </cyberark-adapter-request>
</request-data>
`

func parse(t *testing.T, doc string) (*schema.Request, error) {
	t.Helper()
	return schema.ParseRequest(strings.NewReader(doc), 0)
}

func TestARequestIsReadBareOrInsideRequestData(t *testing.T) {
	fields := []schema.Field{{Name: "operation-name", Text: "op"}, {Name: "app-id", Text: "App"}}
	tests := []struct {
		name    string
		doc     string
		wrapped bool
	}{
		{"a bare request is read", `<cyberark-adapter-request><operation-name>op</operation-name><app-id>App</app-id></cyberark-adapter-request>`, false},
		{"a request inside request-data is read", `<request-data><cyberark-adapter-request><operation-name>op</operation-name><app-id>App</app-id></cyberark-adapter-request></request-data>`, true},
		{"white space, comments and an XML declaration are fine", "<?xml version='1.0' encoding='utf-8'?>\n<!-- before -->\n<request-data>\n <!-- c -->\n <cyberark-adapter-request>\n  <!-- c -->\n  <operation-name>op</operation-name>\n  <app-id>App<!-- inside --></app-id>\n </cyberark-adapter-request>\n</request-data>\n<!-- after -->\n", true},
		{"namespace declarations are allowed", `<request-data xmlns:x="urn:x"><cyberark-adapter-request xmlns=""><operation-name>op</operation-name><app-id>App</app-id></cyberark-adapter-request></request-data>`, true},
		{"a byte order mark is fine", "\ufeff<cyberark-adapter-request><operation-name>op</operation-name><app-id>App</app-id></cyberark-adapter-request>", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := parse(t, tt.doc)
			if err != nil {
				t.Fatalf("ParseRequest: %v", err)
			}
			if req.Root != "cyberark-adapter-request" || req.Wrapped != tt.wrapped {
				t.Errorf("got root %q wrapped %v, want cyberark-adapter-request wrapped %v", req.Root, req.Wrapped, tt.wrapped)
			}
			if got := namesAndTexts(req.Fields); !reflect.DeepEqual(got, fields) {
				t.Errorf("got fields %+v, want %+v", got, fields)
			}
			if req.ResponseRoot() != "cyberark-adapter-response" {
				t.Errorf("ResponseRoot = %q", req.ResponseRoot())
			}
		})
	}
}

// namesAndTexts keeps only the names, texts and EncryptedData of fields.
func namesAndTexts(fields []schema.Field) []schema.Field {
	out := make([]schema.Field, len(fields))
	for i, f := range fields {
		out[i] = schema.Field{Name: f.Name, Text: f.Text, EncryptedData: f.EncryptedData}
	}
	return out
}

func TestATypicalRequestKeepsItsFieldsInOrderWithTheirLines(t *testing.T) {
	req, err := parse(t, typicalRequest)
	if err != nil {
		t.Fatal(err)
	}
	want := []schema.Field{
		{Name: "operation-name", Text: "ccp-aim-get-password", Line: 4},
		{Name: "app-id", Text: "PAMAdapterDemo", Line: 5},
		{Name: "query", Text: `Safe=Test;Folder=root\OS\Windows;Object=windows1`, Line: 6},
		{Name: "certificate-file", Text: "client.crt", Line: 7},
		{Name: "private-key-file", Text: "client.key", Line: 8},
		{Name: "request-timeout", Text: "30", Line: 10},
	}
	if !reflect.DeepEqual(req.Fields, want) {
		t.Errorf("got %+v\nwant %+v", req.Fields, want)
	}
}

func TestEmptyElementsAreNotGivenButTextIsKeptAsWritten(t *testing.T) {
	doc := `<cyberark-adapter-request>
	<empty></empty><self-closed/><blank>  
	 </blank><comment-only><!-- nothing --></comment-only><cdata-blank><![CDATA[ ]]></cdata-blank>
	<spaced>  a b  </spaced><escaped>&lt;&amp;&gt;&#x41;</escaped><cdata><![CDATA[<x>&]]></cdata>
</cyberark-adapter-request>`
	req, err := parse(t, doc)
	if err != nil {
		t.Fatal(err)
	}
	want := []schema.Field{{Name: "spaced", Text: "  a b  "}, {Name: "escaped", Text: "<&>A"}, {Name: "cdata", Text: "<x>&"}}
	if got := namesAndTexts(req.Fields); !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

func TestDocumentsThatAreNotOneWellFormedRequestAreRefused(t *testing.T) {
	const req = `<cyberark-adapter-request><app-id>a</app-id></cyberark-adapter-request>`
	tests := []struct {
		name  string
		doc   string
		wants []string
	}{
		{"an empty document is refused", "", []string{"empty"}},
		{"a document of white space is refused", " \n\t", []string{"empty"}},
		{"a document of comments only has no root", "<!-- only -->", []string{"no root element"}},
		{"an unclosed root is malformed", `<cyberark-adapter-request><app-id>a</app-id>`, []string{"malformed XML", "line 1", "ends before"}},
		{"a wrong end tag is malformed", "<cyberark-adapter-request>\n<app-id>a</app-ip>\n</cyberark-adapter-request>", []string{"malformed XML", "line 2", "end tag"}},
		{"plain text is malformed or text outside the root", "hello", []string{"outside the root"}},
		{"two roots are refused", req + req, []string{"exactly one root element"}},
		{"trailing junk after the root is refused", req + "junk", []string{"text outside the root element"}},
		{"text before the root is refused", "junk" + req, []string{"text outside the root element"}},
		{"a trailing unclosed tag is refused", req + "<", []string{"malformed XML"}},
		{"a processing instruction at the top is refused", req + `<?pi data?>`, []string{"processing instructions are not allowed"}},
		{"an undeclared namespace prefix is refused", `<cyberark-adapter-request><x:app-id>a</x:app-id></cyberark-adapter-request>`, []string{"namespace prefix", "not declared"}},
		{"XML 1.1 is refused", `<?xml version="1.1"?>` + req, []string{"version 1.0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := parse(t, tt.doc)
			wantError(t, err, tt.wants...)
			if !schema.IsElementError(err) {
				t.Errorf("error %v (%T) is not an *ElementError", err, err)
			}
			if r != nil {
				t.Errorf("got a request %+v with the error", r)
			}
		})
	}
}

func TestTheRootMustBeAnAdapterRequest(t *testing.T) {
	tests := []struct {
		name  string
		doc   string
		wants []string
	}{
		{"another root is refused by name", `<adapter-config><x>1</x></adapter-config>`, []string{"<adapter-config>", "not an adapter request", "request-data"}},
		{"another element inside request-data is refused by name", `<request-data><foo/></request-data>`, []string{"<foo>", "not an adapter request"}},
		{"an empty request-data is refused", `<request-data> </request-data>`, []string{"<request-data>", "empty"}},
		{"two requests inside request-data are refused", `<request-data><cyberark-adapter-request/><cyberark-adapter-request/></request-data>`, []string{"<request-data>", "exactly one"}},
		{"text inside request-data is refused", `<request-data>x<cyberark-adapter-request/></request-data>`, []string{"<request-data>", "not text"}},
		{"a request-data inside request-data is refused", `<request-data><request-data><cyberark-adapter-request/></request-data></request-data>`, []string{"<request-data>", "not an adapter request"}},
		{"a request in a namespace is refused", `<cyberark-adapter-request xmlns="urn:x"><app-id>a</app-id></cyberark-adapter-request>`, []string{"<cyberark-adapter-request>", "no namespace"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parse(t, tt.doc)
			wantError(t, err, tt.wants...)
		})
	}
}

func TestAttributesAreRefusedExceptNamespaceDeclarations(t *testing.T) {
	tests := []struct {
		name  string
		doc   string
		wants []string
	}{
		{"an attribute on request-data is refused", `<request-data id="1"><cyberark-adapter-request/></request-data>`, []string{"<request-data>", `attribute "id"`}},
		{"an attribute on the request is refused", `<cyberark-adapter-request version="2"><app-id>a</app-id></cyberark-adapter-request>`, []string{"<cyberark-adapter-request>", `attribute "version"`}},
		{"an attribute on a field is refused", `<cyberark-adapter-request><app-id encoding="b64">a</app-id></cyberark-adapter-request>`, []string{"<app-id>", `attribute "encoding"`}},
		{"a namespaced attribute on a field is refused", `<cyberark-adapter-request xmlns:x="urn:x"><app-id x:type="s">a</app-id></cyberark-adapter-request>`, []string{"<app-id>", `attribute "type"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parse(t, tt.doc)
			wantError(t, err, tt.wants...)
		})
	}
}

func TestAFieldHoldsTextOrOneEncryptedDataOnly(t *testing.T) {
	ed := encrypt(t, newRing(t), "pw").String()
	tests := []struct {
		name  string
		field string
		wants []string
	}{
		{"a nested element is refused", `<app-id><b>x</b></app-id>`, []string{"<app-id>", "holds an element other than one <EncryptedData>"}},
		{"two EncryptedData are refused", `<app-id>` + ed + ed + `</app-id>`, []string{"<app-id>", "one <EncryptedData>"}},
		{"text and EncryptedData together are refused", `<app-id>pw` + ed + `</app-id>`, []string{"<app-id>", "both text and <EncryptedData>"}},
		{"an EncryptedData outside the XML Encryption namespace is refused", `<app-id><EncryptedData><CipherData/></EncryptedData></app-id>`, []string{"<app-id>", "XML Encryption namespace"}},
		{"a processing instruction in a field is refused", `<app-id><?pi x?>a</app-id>`, []string{"<app-id>", "neither text nor <EncryptedData>"}},
		{"a field in a namespace is refused", `<x:app-id xmlns:x="urn:x">a</x:app-id>`, []string{"<app-id>", "no namespace"}},
		{"text between fields is refused", `stray<app-id>a</app-id>`, []string{"<cyberark-adapter-request>", "text outside its elements"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parse(t, `<cyberark-adapter-request>`+tt.field+`</cyberark-adapter-request>`)
			wantError(t, err, tt.wants...)
		})
	}
}

func TestAFieldErrorComesWithTheRequestRoot(t *testing.T) {
	req, err := parse(t, `<request-data><safeguard-adapter-request><app-id a="1">x</app-id></safeguard-adapter-request></request-data>`)
	wantError(t, err, "<app-id>")
	var ee *schema.ElementError
	if !errors.As(err, &ee) || ee.Element != "app-id" {
		t.Errorf("error %v is not an *ElementError for app-id", err)
	}
	if req == nil || req.Root != "safeguard-adapter-request" || req.ResponseRoot() != "safeguard-adapter-response" {
		t.Fatalf("got request %+v, want one holding the root", req)
	}
	if len(req.Fields) != 0 {
		t.Errorf("got fields %+v with the error", req.Fields)
	}
}
