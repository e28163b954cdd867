package schema_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/beevik/etree"

	"github.com/pamadapter/pamadapter/schema"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with the file testdata/name, or rewrites the file
// with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run go test -update to accept it)\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}

// typicalBody is a CCP answer whose Content is already sealed.
const typicalBody = `{"Content":"<EncryptedData xmlns=\"http://www.w3.org/2001/04/xmlenc#\" Type=\"http://www.w3.org/2001/04/xmlenc#Content\"><EncryptionMethod Algorithm=\"http://www.w3.org/2009/xmlenc11#aes256-gcm\"/><KeyInfo xmlns=\"http://www.w3.org/2000/09/xmldsig#\"><KeyName>test-key</KeyName></KeyInfo><CipherData><CipherValue>AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIj</CipherValue></CipherData></EncryptedData>","CreationMethod":"PVWA","Address":"windows1.example.com","Safe":"Test","UserName":"Administrator","Name":"windows1","PolicyID":"WinServerLocal","DeviceType":"Operating System","Folder":"root\\OS\\Windows","PasswordChangeInProcess":"False","LastTask":"ChangeTask","LastSuccessChange":"1795435200","LastSuccessVerification":"1795521600","RetriesCount":"-1","LogonDomain":"EXAMPLE","Note":"a & b < c > d ' \""}`

// typicalResponse is a CCP success answer with nine headers.
func typicalResponse() *schema.Response {
	return &schema.Response{
		Root:       "cyberark-adapter-response",
		Status:     schema.StatusSuccess,
		StatusCode: 200,
		Reason:     "OK",
		Headers: []schema.Header{
			{"Cache-Control", "no-cache"},
			{"Content-Length", "299"},
			{"Content-Type", "application/json; charset=utf-8"},
			{"Date", "Mon, 23 Nov 2026 12:00:00 GMT"},
			{"Expires", "-1"},
			{"Pragma", "no-cache"},
			{"Server", "Microsoft-IIS/10.0"},
			{"X-AspNet-Version", "4.0.30319"},
			{"X-Powered-By", "ASP.NET"},
		},
		Body: typicalBody,
	}
}

func TestASuccessResponseIsWrittenExactly(t *testing.T) {
	golden(t, "success.response.xml", typicalResponse().Bytes())
}

func TestAnErrorResponseIsWrittenExactly(t *testing.T) {
	r := schema.ErrorResponse("cyberark-adapter-response", "IDENTITY_LOAD_FAILED", "keystore-file: wrong keystore-password for /etc/pam/client.jks & <x>")
	const want = `<cyberark-adapter-response>
  <metadata>
    <status>error</status>
    <error-code>IDENTITY_LOAD_FAILED</error-code>
    <error>keystore-file: wrong keystore-password for /etc/pam/client.jks &amp; &lt;x&gt;</error>
  </metadata>
</cyberark-adapter-response>
`
	if got := string(r.Bytes()); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	var buf bytes.Buffer
	n, err := r.WriteTo(&buf)
	if err != nil || n != int64(len(want)) || buf.String() != want {
		t.Errorf("WriteTo wrote %d bytes (err %v): %q", n, err, buf.String())
	}
}

// readBack parses a response and returns its root.
func readBack(t *testing.T, r *schema.Response) *etree.Element {
	t.Helper()
	doc := etree.NewDocument()
	if err := doc.ReadFromBytes(r.Bytes()); err != nil {
		t.Fatalf("the response is not well-formed: %v\n%s", err, r.Bytes())
	}
	return doc.Root()
}

func TestHeadersAreWrittenOneElementEachInOrder(t *testing.T) {
	r := &schema.Response{Root: "x-adapter-response", Status: schema.StatusSuccess, StatusCode: 404, Reason: "Not Found",
		Headers: []schema.Header{
			{"Set-Cookie", "a=1"},
			{"X Odd Name", "spaced"},
			{"Set-Cookie", "b=2"},
			{"1st-Header", "digit first"},
			{"ns:name", "colon"},
			{"", "no name"},
			{"X-Ünïcode", "accented"},
			{"Bad\x01Name\xff", "odd characters"},
			{"X-Empty", ""},
		}}
	type line struct{ tag, name, value string }
	want := []line{
		{"Set-Cookie", "", "a=1"},
		{"header", "X Odd Name", "spaced"},
		{"Set-Cookie", "", "b=2"},
		{"header", "1st-Header", "digit first"},
		{"header", "ns:name", "colon"},
		{"header", "", "no name"},
		{"X-Ünïcode", "", "accented"},
		{"header", "Bad\uFFFDName\uFFFD", "odd characters"},
		{"X-Empty", "", ""},
	}
	root := readBack(t, r)
	if code := root.FindElement("status-line/code"); code == nil || code.Text() != "404" {
		t.Errorf("status-line/code is %v", code)
	}
	var got []line
	for _, el := range root.FindElements("header-lines/*") {
		got = append(got, line{el.Tag, el.SelectAttrValue("name", ""), el.Text()})
		if el.Tag == "header" && el.SelectAttr("name") == nil {
			t.Errorf("<header> without a name attribute")
		}
	}
	if len(got) != len(want) {
		t.Fatalf("got %d header lines %q, want %d", len(got), got, len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("header line %d: got %q, want %q", i, got[i], want[i])
		}
	}
}

func TestTheBodySurvivesAsWrittenInCDATA(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"a body holding ]]> survives", `{"a":"x]]>y","b":"]]]]>>"}`, `{"a":"x]]>y","b":"]]]]>>"}`},
		{"markup characters survive", `<html>&amp; & < > ' "</html>`, `<html>&amp; & < > ' "</html>`},
		{"characters XML cannot carry are replaced", "a\x00b\x1bc\xffd\uFFFEe", "a\uFFFDb\uFFFDc\uFFFDd\uFFFDe"},
		{"an empty body gives an empty message-body", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := typicalResponse()
			r.Body = tt.body
			body := readBack(t, r).FindElement("message-body")
			if body == nil {
				t.Fatal("no message-body")
			}
			if got := body.Text(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCharactersXMLCannotCarryAreReplacedInTexts(t *testing.T) {
	const bad = "a\x00b\x08c\xfe\xffd\uFFFFe\ud7ff"
	const want = "a\uFFFDb\uFFFDc\uFFFD\uFFFDd\uFFFDe\ud7ff"
	r := typicalResponse()
	r.Reason = bad
	r.Headers = []schema.Header{{"X-Bad", bad}}
	root := readBack(t, r)
	if got := root.FindElement("status-line/reason").Text(); got != want {
		t.Errorf("reason: got %q, want %q", got, want)
	}
	if got := root.FindElement("header-lines/X-Bad").Text(); got != want {
		t.Errorf("header: got %q, want %q", got, want)
	}
	e := readBack(t, schema.ErrorResponse("cyberark-adapter-response", "INTERNAL", bad))
	if got := e.FindElement("metadata/error").Text(); got != want {
		t.Errorf("error: got %q, want %q", got, want)
	}
}

func TestWhiteSpaceAndCarriageReturnsInTextsSurvive(t *testing.T) {
	r := typicalResponse()
	r.Reason = "  spaced \r\n out "
	r.Headers = []schema.Header{{"X-Spaces", "   "}}
	root := readBack(t, r)
	if got := root.FindElement("status-line/reason").Text(); got != r.Reason {
		t.Errorf("reason: got %q, want %q", got, r.Reason)
	}
	if got := root.FindElement("header-lines/X-Spaces").Text(); got != "   " {
		t.Errorf("header: got %q", got)
	}
}

func TestIsXMLTextAcceptsOnlyWhatXMLCanCarry(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"", true},
		{"plain text", true},
		{"tab\tnewline\ncr\r", true},
		{"unicode é 日本 😀", true},
		{"\uFFFD", true},
		{"\ud7ff\ue000\ufffd\U00010000\U0010FFFF", true},
		{"nul\x00", false},
		{"escape\x1b", false},
		{"\x7f is allowed", true},
		{"invalid utf-8 \xff", false},
		{"truncated utf-8 \xe6\x97", false},
		{"\uFFFE", false},
		{"\uFFFF", false},
		{"\xed\xa0\x80 (a UTF-8 encoded surrogate)", false},
	}
	for _, tt := range tests {
		if got := schema.IsXMLText(tt.s); got != tt.want {
			t.Errorf("IsXMLText(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

func TestIsXMLNameAcceptsOnlyNamesWithoutPrefix(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"Content-Type", true},
		{"_x", true},
		{"X-Ünïcode", true},
		{"a.b·c", true},
		{"", false},
		{"1abc", false},
		{"-abc", false},
		{".abc", false},
		{"a b", false},
		{"a:b", false},
		{"a/b", false},
		{"a\x00", false},
	}
	for _, tt := range tests {
		if got := schema.IsXMLName(tt.s); got != tt.want {
			t.Errorf("IsXMLName(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

func TestTheResponseRootIsTheRequestRootWithResponse(t *testing.T) {
	tests := []struct{ request, want string }{
		{"cyberark-adapter-request", "cyberark-adapter-response"},
		{"safeguard-adapter-request", "safeguard-adapter-response"},
		{"miniorange-adapter-request", "miniorange-adapter-response"},
		{"request-data", "adapter-response"},
		{"", "adapter-response"},
		{"foo", "adapter-response"},
	}
	for _, tt := range tests {
		if got := schema.ResponseRootFor(tt.request); got != tt.want {
			t.Errorf("ResponseRootFor(%q) = %q, want %q", tt.request, got, tt.want)
		}
	}
}
