package schema_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/pamadapter/pamadapter/schema"
	"github.com/pamadapter/pamadapter/schema/xmlenc"
)

func TestDocumentTypeDeclarationsAreRefusedAndNeverExpanded(t *testing.T) {
	// The external entity points at a real file: if it were ever read, its
	// marker would show up in the request or the error.
	marker := "EXTERNAL-ENTITY-MARKER-7f3a"
	external := filepath.Join(t.TempDir(), "entity.txt")
	if err := os.WriteFile(external, []byte(marker), 0o600); err != nil {
		t.Fatal(err)
	}
	const body = `<cyberark-adapter-request><app-id>&e;</app-id></cyberark-adapter-request>`
	tests := []struct{ name, doc string }{
		{"a bare DOCTYPE is refused", `<!DOCTYPE cyberark-adapter-request><cyberark-adapter-request><app-id>a</app-id></cyberark-adapter-request>`},
		{"a DOCTYPE after the XML declaration and a comment is refused", "<?xml version=\"1.0\"?>\n<!-- c -->\n<!DOCTYPE x>\n<cyberark-adapter-request><app-id>a</app-id></cyberark-adapter-request>"},
		{"an internal entity declaration is refused", `<!DOCTYPE r [<!ENTITY e "` + marker + `">]>` + body},
		{"a billion laughs document is refused", `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY e "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>` + body},
		{"an external SYSTEM entity is refused", `<!DOCTYPE r [<!ENTITY e SYSTEM "file://` + filepath.ToSlash(external) + `">]>` + body},
		{"an external DTD is refused", `<!DOCTYPE r SYSTEM "file://` + filepath.ToSlash(external) + `">` + body},
		{"a parameter entity is refused", `<!DOCTYPE r [<!ENTITY % p SYSTEM "file://` + filepath.ToSlash(external) + `"> %p;]>` + body},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := parse(t, tt.doc)
			wantError(t, err, "DOCTYPE")
			if req != nil {
				t.Errorf("got a request %+v with the error", req)
			}
			if strings.Contains(err.Error(), marker) || strings.Contains(err.Error(), "lol") {
				t.Errorf("error %q shows entity text", err)
			}
		})
	}
}

func TestAnUndeclaredEntityIsAnErrorNotAnExpansion(t *testing.T) {
	_, err := parse(t, `<cyberark-adapter-request><app-id>&e;</app-id></cyberark-adapter-request>`)
	wantError(t, err, "malformed XML", "line 1", "&amp;")
}

func TestTheSizeOfARequestIsCapped(t *testing.T) {
	head, tail := `<cyberark-adapter-request><app-id>a</app-id>`, `</cyberark-adapter-request>`
	const limit = 200
	exact := head + strings.Repeat(" ", limit-len(head)-len(tail)) + tail
	if len(exact) != limit {
		t.Fatalf("test document is %d bytes", len(exact))
	}
	if _, err := schema.ParseRequest(strings.NewReader(exact), limit); err != nil {
		t.Errorf("a request of exactly the limit was refused: %v", err)
	}
	_, err := schema.ParseRequest(strings.NewReader(exact+" "), limit)
	wantError(t, err, "larger than 200 bytes")

	big := head + strings.Repeat(" ", schema.DefaultMaxRequestBytes) + tail
	_, err = schema.ParseRequest(strings.NewReader(big), 0)
	wantError(t, err, "larger than 1048576 bytes")
}

func TestAReadErrorIsReported(t *testing.T) {
	_, err := schema.ParseRequest(iotest.ErrReader(errors.New("disk on fire")), 0)
	wantError(t, err, "cannot read the request", "disk on fire")
}

func TestOnlyUTF8DocumentsAreAccepted(t *testing.T) {
	const body = "<cyberark-adapter-request><app-id>caf\xe9</app-id></cyberark-adapter-request>"
	for _, enc := range []string{"ISO-8859-1", "windows-1252", "UTF-16", "bogus"} {
		t.Run("encoding "+enc+" is refused", func(t *testing.T) {
			_, err := parse(t, `<?xml version="1.0" encoding="`+enc+`"?>`+body)
			wantError(t, err, `encoding "`+enc+`"`, "only UTF-8")
		})
	}
	t.Run("undeclared bytes that are not UTF-8 are refused", func(t *testing.T) {
		_, err := parse(t, body)
		wantError(t, err, "invalid UTF-8")
	})
	for _, enc := range []string{"UTF-8", "utf-8"} {
		t.Run("encoding "+enc+" is accepted", func(t *testing.T) {
			req, err := parse(t, `<?xml version="1.0" encoding="`+enc+`"?><cyberark-adapter-request><app-id>café</app-id></cyberark-adapter-request>`)
			if err != nil {
				t.Fatal(err)
			}
			if req.Fields[0].Text != "café" {
				t.Errorf("got %q", req.Fields[0].Text)
			}
		})
	}
}

func TestMalformedXMLErrorsNeverQuoteTheDocument(t *testing.T) {
	// A password with a bare & or < makes the document malformed; the
	// error must say where and why without showing any of it.
	const secretPart = "Zq9vWk"
	tests := []struct{ name, value string }{
		{"a bare ampersand", "p&" + secretPart},
		{"a bare ampersand with a semicolon", "p&" + secretPart + ";"},
		{"a bare less-than that reads as a start tag", "p<" + secretPart + ">"},
		{"a bare less-than that reads as an end tag", "p</" + secretPart + ">"},
		{"a bare less-than with attribute-like text", "p<" + secretPart + " x"},
		{"a character XML forbids", "p\x01" + secretPart},
		{"a character reference XML forbids", "p&#1;" + secretPart},
		{"a bad name", "p<" + secretPart + ":" + secretPart + ":x/>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := "<cyberark-adapter-request>\n<keystore-password>" + tt.value + "</keystore-password>\n</cyberark-adapter-request>"
			_, err := parse(t, doc)
			wantError(t, err, "line ")
			if strings.Contains(err.Error(), secretPart) || strings.Contains(err.Error(), "U+0001") {
				t.Errorf("error %q quotes the document", err)
			}
		})
	}
}

func FuzzParseRequest(f *testing.F) {
	for _, seed := range []string{
		typicalRequest,
		`<cyberark-adapter-request><keystore-password><EncryptedData xmlns="http://www.w3.org/2001/04/xmlenc#"><CipherData/></EncryptedData></keystore-password></cyberark-adapter-request>`,
		`<!DOCTYPE r [<!ENTITY e "x">]><r>&e;</r>`,
		`<request-data xmlns:x="urn:x"><x-adapter-request><a x:b="1">&amp;</a></x-adapter-request></request-data>`,
		"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a/>",
		`<a><b>p&ss</b></a>`,
		`<x-adapter-request xmlns:e="http://www.w3.org/2001/04/xmlenc#" xmlns:p="urn:p"><k><e:EncryptedData p:a="&quot;&#9;" xml:lang="x"><e:CipherData xmlns="urn:q">a&#13;<b/>]]&gt;</e:CipherData></e:EncryptedData></k></x-adapter-request>`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		req, err := schema.ParseRequest(strings.NewReader(string(doc)), 0)
		if err != nil {
			if !schema.IsElementError(err) {
				t.Fatalf("error %v (%T) is not an *ElementError", err, err)
			}
			if req != nil && req.Root == "" {
				t.Fatalf("a request without a root came back with %v", err)
			}
			return
		}
		if !strings.HasSuffix(req.Root, "-adapter-request") {
			t.Fatalf("accepted root %q", req.Root)
		}
		for _, f := range req.Fields {
			if f.Empty() {
				t.Fatalf("an empty field %q was kept", f.Name)
			}
			if f.EncryptedData == "" {
				continue
			}
			// The captured XML stands on its own: whatever xmlenc thinks
			// of its content, it is well-formed.
			if _, err := xmlenc.ParseString(f.EncryptedData); err != nil && strings.Contains(err.Error(), "well-formed") {
				t.Fatalf("captured %q from %q: %v", f.EncryptedData, doc, err)
			}
		}
	})
}
