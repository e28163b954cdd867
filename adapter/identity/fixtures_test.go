package identity

import (
	"path/filepath"
	"testing"
)

// fixtures is the folder of identity files made by keytool and openssl.
var fixtures = filepath.Join("..", "..", "testdata", "identities")

func TestStoresAreReadByTheirBytesWithTheirWholeChain(t *testing.T) {
	p := func(name string) string { return filepath.Join(fixtures, name) }
	tests := []struct {
		name       string
		src        Source
		wantFormat string
		wantChain  int
		wantLeafCN string
	}{
		{"a true JKS sends its leaf and CA", Source{KeystoreFile: p("jks-same.jks"), KeystorePassword: "jks-pass-same"}, "JKS", 2, ""},
		{"keytool's PKCS#12 named .jks is read as PKCS#12", Source{KeystoreFile: p("keytool-default.jks"), KeystorePassword: "p12-pass-keytool"}, "PKCS#12", 2, ""},
		{"a PKCS#12 listing the CA first still picks the matching leaf", Source{KeystoreFile: p("ca-first.p12"), KeystorePassword: "p12-pass-cafirst"}, "PKCS#12", 2, ""},
		{"a legacy PKCS#12 is read", Source{KeystoreFile: p("legacy.p12"), KeystorePassword: "p12-pass-legacy"}, "PKCS#12", 2, ""},
		{"a PEM chain sends leaf and intermediate", Source{CertificateFile: p("chain.crt"), PrivateKeyFile: p("chain.key")}, "PEM", 2, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, err := Load(tt.src)
			if err != nil {
				t.Fatal(err)
			}
			if id.Format != tt.wantFormat || len(id.Certificate.Certificate) != tt.wantChain {
				t.Errorf("format %s with a chain of %d; want %s, %d", id.Format, len(id.Certificate.Certificate), tt.wantFormat, tt.wantChain)
			}
			if !matches(id.Certificate.Leaf, id.Certificate.PrivateKey) {
				t.Error("the leaf does not carry the key's public half")
			}
			if id.Certificate.Leaf.IsCA {
				t.Error("a CA certificate was taken as the leaf")
			}
		})
	}
}
