package xmlenc_test

import (
	"bytes"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/beevik/etree"

	"github.com/pamadapter/pamadapter/schema/xmlenc"
)

// These tests check interoperability with xmlsec1 (Debian package xmlsec1,
// tested with 1.2.37), the reference XML Encryption implementation.
//
// xmlsec1 --decrypt replaces a #Content EncryptedData by the decrypted
// content parsed as XML and prints the whole document, re-serialised by
// libxml2: an XML declaration, then the document, with '&', '<' and '>'
// escaped, CR written as &#xD;, non-ASCII characters written as hexadecimal
// character references (no encoding is declared) and CDATA sections kept.
// So the EncryptedData must have a parent element: as the root, it would be
// replaced by bare text, which libxml2 does not print.

// xmlsec1 returns the path of xmlsec1, skipping the test if it is not
// installed, unless CI is "true".
func xmlsec1(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("xmlsec1")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("xmlsec1 is not installed, and CI needs it: %v", err)
		}
		t.Skipf("xmlsec1 is not installed: %v", err)
	}
	return path
}

// runXmlsec1 runs xmlsec1 with args in dir and returns its standard output.
func runXmlsec1(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command(xmlsec1(t), args...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("xmlsec1 %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return stdout.String()
}

// secretText returns the character data of the Secret element of the
// document xmlDoc, as a standard XML parser reads it.
func secretText(t *testing.T, xmlDoc string) string {
	t.Helper()
	var doc struct {
		Secret string `xml:",chardata"`
	}
	if err := xml.Unmarshal([]byte(xmlDoc), &doc); err != nil {
		t.Fatalf("xmlsec1 printed a document encoding/xml cannot read: %v", err)
	}
	return doc.Secret
}

func TestXmlsec1DecryptsOurEncryptedDataToTheSecret(t *testing.T) {
	const keyName = "context-key-2026"
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "key.bin"), material(3), 0o600); err != nil {
		t.Fatal(err)
	}
	ring := newKeyring(t, newKey(t, keyName, 3))
	tests := []struct {
		name, secret string
		// printed is what xmlsec1 prints between <Secret> and </Secret>.
		printed string
	}{
		{"a plain password", "correct horse", "correct horse"},
		{"the characters XML escapes", "&<>", "&amp;&lt;&gt;"},
		{"quotes", `"'`, `"'`},
		{"a CDATA end marker", "]]>", "]]&gt;"},
		{"markup taken literally", "<b>&amp;</b>", "&lt;b&gt;&amp;amp;&lt;/b&gt;"},
		{"accented letters, symbols and emoji", "é€😀", "&#xE9;&#x20AC;&#x1F600;"},
		{"a newline", "line1\nline2", "line1\nline2"},
		{"tabs and spaces", "\t a \t", "\t a \t"},
		{"a lone carriage return", "a\rb", "a&#xD;b"},
		{"CR LF", "a\r\nb", "a&#xD;\nb"},
		{"the empty secret", "", "<![CDATA[]]>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ed, err := ring.Encrypt(tt.secret)
			if err != nil {
				t.Fatal(err)
			}
			doc := "<Secret>" + ed.String() + "</Secret>"
			if err := os.WriteFile(filepath.Join(dir, "in.xml"), []byte(doc), 0o600); err != nil {
				t.Fatal(err)
			}
			got := runXmlsec1(t, dir, "--decrypt", "--aeskey:"+keyName, "key.bin", "in.xml")
			want := "<?xml version=\"1.0\"?>\n<Secret>" + tt.printed + "</Secret>\n"
			if got != want {
				t.Errorf("xmlsec1 printed\n%q\nwant\n%q", got, want)
			}
			if text := secretText(t, got); text != tt.secret {
				t.Errorf("an XML parser reads %q from xmlsec1's output, want the secret %q", text, tt.secret)
			}
		})
	}
}

// template is an xmlsec1 encryption template for our form.
const template = `<EncryptedData xmlns="http://www.w3.org/2001/04/xmlenc#" Type="http://www.w3.org/2001/04/xmlenc#Content">` +
	`<EncryptionMethod Algorithm="http://www.w3.org/2009/xmlenc11#aes256-gcm"/>` +
	`<KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><KeyName>xmlsec-key</KeyName></KeyInfo>` +
	`<CipherData><CipherValue/></CipherData></EncryptedData>`

func TestWeDecryptWhatXmlsec1Encrypts(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string][]byte{"key.bin": material(4), "template.xml": []byte(template)} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	ring := newKeyring(t, newKey(t, "ours", 3), newKey(t, "xmlsec-key", 4))
	for _, tt := range trickySecrets {
		if tt.secret == "" {
			continue // xmlsec1 refuses to encrypt an empty node
		}
		t.Run(tt.name, func(t *testing.T) {
			var escaped strings.Builder
			if err := xml.EscapeText(&escaped, []byte(tt.secret)); err != nil {
				t.Fatal(err)
			}
			data := "<Doc><Secret>" + escaped.String() + "</Secret></Doc>"
			if err := os.WriteFile(filepath.Join(dir, "data.xml"), []byte(data), 0o600); err != nil {
				t.Fatal(err)
			}
			out := runXmlsec1(t, dir, "--encrypt", "--aeskey:xmlsec-key", "key.bin",
				"--xml-data", "data.xml", "--node-name", "Secret", "template.xml")
			eds, err := encryptedDataIn(out)
			if err != nil {
				t.Fatal(err)
			}
			if len(eds) != 1 {
				t.Fatalf("xmlsec1 output holds %d EncryptedData, want 1:\n%s", len(eds), out)
			}
			got, err := ring.Decrypt(eds[0])
			if err != nil {
				t.Fatalf("Decrypt: %v", err)
			}
			if got != tt.secret {
				t.Errorf("Decrypt = %q, want %q", abbreviate(got), abbreviate(tt.secret))
			}
		})
	}
}

// encryptedDataIn parses every EncryptedData in the XML document doc.
func encryptedDataIn(doc string) ([]*xmlenc.EncryptedData, error) {
	d := etree.NewDocument()
	if err := d.ReadFromString(doc); err != nil {
		return nil, err
	}
	var eds []*xmlenc.EncryptedData
	for _, el := range xmlenc.FindAll(d.Root()) {
		ed, err := xmlenc.Parse(el)
		if err != nil {
			return nil, err
		}
		eds = append(eds, ed)
	}
	return eds, nil
}
