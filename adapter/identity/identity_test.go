package identity

import (
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pamadapter/pamadapter/internal/testpki"
)

// files writes PEM files for one issued identity in several key encodings.
func files(t *testing.T) (dir string, rsaID, ecID *testpki.Issued) {
	t.Helper()
	ca, err := testpki.NewCA("identity test CA")
	if err != nil {
		t.Fatal(err)
	}
	rsaID, err = ca.Issue(testpki.Template{CommonName: "rsa-client", ClientAuth: true, KeyType: testpki.KeyRSA})
	if err != nil {
		t.Fatal(err)
	}
	ecID, err = ca.IssueClient("ec-client")
	if err != nil {
		t.Fatal(err)
	}
	dir = t.TempDir()
	rsaKey := rsaID.TLS.PrivateKey.(*rsa.PrivateKey)
	ecKey := ecID.TLS.PrivateKey.(*ecdsa.PrivateKey)
	sec1, err := x509.MarshalECPrivateKey(ecKey)
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("rsa.crt", rsaID.CertPEM)
	write("rsa-pkcs8.key", rsaID.KeyPEM)
	write("rsa-pkcs1.key", pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(rsaKey)}))
	write("ec.crt", ecID.CertPEM)
	write("ec-sec1.key", pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: sec1}))
	write("chain.crt", append(append([]byte{}, ecID.CertPEM...), ca.CertPEM...))
	write("encrypted-pkcs8.key", pem.EncodeToMemory(&pem.Block{Type: "ENCRYPTED PRIVATE KEY", Bytes: []byte{0x30, 0}}))
	write("legacy-encrypted.key", pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Headers: map[string]string{"Proc-Type": "4,ENCRYPTED", "DEK-Info": "AES-256-CBC,00"}, Bytes: []byte{1}}))
	write("garbage.key", []byte("not a key at all: planted-garbage-contents"))
	return dir, rsaID, ecID
}

func TestPEMIdentitiesLoad(t *testing.T) {
	dir, rsaID, ecID := files(t)
	tests := []struct {
		name, cert, key string
		want            *testpki.Issued
		chainLen        int
	}{
		{"an RSA key in PKCS#8 loads", "rsa.crt", "rsa-pkcs8.key", rsaID, 1},
		{"an RSA key in PKCS#1 loads", "rsa.crt", "rsa-pkcs1.key", rsaID, 1},
		{"an EC key in SEC1 loads", "ec.crt", "ec-sec1.key", ecID, 1},
		{"a certificate chain is kept whole, leaf first", "chain.crt", "ec-sec1.key", ecID, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, err := Load(Source{CertificateFile: filepath.Join(dir, tt.cert), PrivateKeyFile: filepath.Join(dir, tt.key)})
			if err != nil {
				t.Fatal(err)
			}
			cert := id.Certificate
			if !cert.Leaf.Equal(tt.want.Cert) || len(cert.Certificate) != tt.chainLen {
				t.Errorf("leaf %s, chain of %d; want %s, %d", cert.Leaf.Subject, len(cert.Certificate), tt.want.Cert.Subject, tt.chainLen)
			}
		})
	}
}

func TestIdentitiesThatCannotLoadSayWhatToFix(t *testing.T) {
	dir, _, _ := files(t)
	p := func(name string) string { return filepath.Join(dir, name) }
	tests := []struct {
		name    string
		src     Source
		element string
		want    string
	}{
		{"nothing configured", Source{}, ElementCertificateFile, "no client identity is configured"},
		{"a key without its certificate", Source{PrivateKeyFile: p("ec-sec1.key")}, ElementCertificateFile, "its certificate-file must be too"},
		{"a certificate without its key", Source{CertificateFile: p("ec.crt")}, ElementPrivateKeyFile, "its private-key-file must be too"},
		{"a missing certificate file", Source{CertificateFile: p("nope.crt"), PrivateKeyFile: p("ec-sec1.key")}, ElementCertificateFile, p("nope.crt") + " does not exist"},
		{"a folder given as the key", Source{CertificateFile: p("ec.crt"), PrivateKeyFile: dir}, ElementPrivateKeyFile, "is not a regular file"},
		{"a certificate file without a certificate", Source{CertificateFile: p("garbage.key"), PrivateKeyFile: p("ec-sec1.key")}, ElementCertificateFile, "holds no PEM CERTIFICATE block"},
		{"a key file without a key", Source{CertificateFile: p("ec.crt"), PrivateKeyFile: p("garbage.key")}, ElementPrivateKeyFile, "holds no PEM private key"},
		{"a key of another certificate", Source{CertificateFile: p("rsa.crt"), PrivateKeyFile: p("ec-sec1.key")}, ElementPrivateKeyFile, "does not match the certificate"},
		{"an encrypted PKCS#8 key without its password", Source{CertificateFile: p("ec.crt"), PrivateKeyFile: p("encrypted-pkcs8.key")}, ElementKeyPassword, "is encrypted; give its key-password"},
		{"a legacy encrypted PEM key without its password", Source{CertificateFile: p("rsa.crt"), PrivateKeyFile: p("legacy-encrypted.key")}, ElementKeyPassword, "is encrypted; give its key-password"},
		{"a keystore that does not exist", Source{KeystoreFile: p("client.jks"), KeystorePassword: "planted-store-password"}, ElementKeystoreFile, "does not exist"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(tt.src)
			ie, ok := err.(*Error)
			if !ok || ie.Element != tt.element || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want an error on %s saying %q", err, tt.element, tt.want)
			}
			if strings.Contains(err.Error(), "planted-") {
				t.Errorf("the error quotes a password or file contents: %v", err)
			}
		})
	}
}
