package testpki_test

import (
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/pamadapter/pamadapter/internal/testpki"
)

func newCA(t *testing.T) *testpki.CA {
	t.Helper()
	ca, err := testpki.NewCA("testpki test CA")
	if err != nil {
		t.Fatalf("NewCA: %v", err)
	}
	return ca
}

func verify(t *testing.T, ca *testpki.CA, cert *x509.Certificate, usage x509.ExtKeyUsage) error {
	t.Helper()
	_, err := cert.Verify(x509.VerifyOptions{Roots: ca.Pool(), KeyUsages: []x509.ExtKeyUsage{usage}})
	return err
}

func TestNewCAMakesASelfSignedAuthority(t *testing.T) {
	ca := newCA(t)
	if !ca.Cert.IsCA || ca.Cert.Subject.CommonName != "testpki test CA" {
		t.Fatalf("CA certificate: IsCA=%v subject=%v", ca.Cert.IsCA, ca.Cert.Subject)
	}
	block, _ := pem.Decode(ca.CertPEM)
	if block == nil || block.Type != "CERTIFICATE" {
		t.Fatalf("CertPEM is not a CERTIFICATE block: %q", ca.CertPEM)
	}
	if err := verify(t, ca, ca.Cert, x509.ExtKeyUsageAny); err != nil {
		t.Fatalf("the CA does not verify against its own pool: %v", err)
	}
}

func TestNewCARefusesAnEmptyName(t *testing.T) {
	if _, err := testpki.NewCA(""); err == nil {
		t.Fatal("NewCA(\"\") succeeded")
	}
}

func TestIssueMakesUsableKeyPairsOfEveryType(t *testing.T) {
	ca := newCA(t)
	for _, tc := range []struct {
		name    string
		keyType testpki.KeyType
		isKey   func(any) bool
	}{
		{"an ECDSA key is the default", testpki.KeyECDSA, func(k any) bool { _, ok := k.(*ecdsa.PrivateKey); return ok }},
		{"an RSA key is 2048 bits", testpki.KeyRSA, func(k any) bool { r, ok := k.(*rsa.PrivateKey); return ok && r.N.BitLen() == 2048 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			iss, err := ca.Issue(testpki.Template{CommonName: "leaf", ClientAuth: true, KeyType: tc.keyType})
			if err != nil {
				t.Fatalf("Issue: %v", err)
			}
			block, _ := pem.Decode(iss.KeyPEM)
			if block == nil || block.Type != "PRIVATE KEY" {
				t.Fatalf("KeyPEM is not a PKCS#8 PRIVATE KEY block")
			}
			key, err := x509.ParsePKCS8PrivateKey(block.Bytes)
			if err != nil || !tc.isKey(key) {
				t.Fatalf("PKCS#8 key: %T, %v", key, err)
			}
			if _, err := tls.X509KeyPair(iss.CertPEM, iss.KeyPEM); err != nil {
				t.Fatalf("CertPEM and KeyPEM do not pair: %v", err)
			}
			if len(iss.TLS.Certificate) != 1 || iss.TLS.Leaf != iss.Cert {
				t.Fatalf("TLS certificate should hold the leaf only")
			}
			if err := verify(t, ca, iss.Cert, x509.ExtKeyUsageClientAuth); err != nil {
				t.Fatalf("leaf does not verify for client auth: %v", err)
			}
		})
	}
}

func TestIssueAppliesDefaultsAndExplicitValues(t *testing.T) {
	ca := newCA(t)
	t.Run("a nil serial becomes a random positive serial and validity is a day", func(t *testing.T) {
		iss, err := ca.Issue(testpki.Template{})
		if err != nil {
			t.Fatal(err)
		}
		if iss.Cert.SerialNumber.Sign() <= 0 || iss.Cert.SerialNumber.BitLen() > 128 {
			t.Fatalf("serial %v", iss.Cert.SerialNumber)
		}
		if d := iss.Cert.NotAfter.Sub(iss.Cert.NotBefore); d < 24*time.Hour || d > 26*time.Hour {
			t.Fatalf("validity %v", d)
		}
	})
	t.Run("explicit serial, subject and dates are kept, so expired certificates can be made", func(t *testing.T) {
		nb := time.Now().Add(-48 * time.Hour).Truncate(time.Second)
		na := time.Now().Add(-24 * time.Hour).Truncate(time.Second)
		iss, err := ca.Issue(testpki.Template{
			CommonName: "app1", Organization: []string{"Acme"}, OrganizationalUnit: []string{"Ops"},
			Serial: big.NewInt(0x1234), NotBefore: nb, NotAfter: na, ServerAuth: true,
		})
		if err != nil {
			t.Fatal(err)
		}
		c := iss.Cert
		if c.SerialNumber.Int64() != 0x1234 || c.Subject.String() != "CN=app1,OU=Ops,O=Acme" ||
			!c.NotBefore.Equal(nb) || !c.NotAfter.Equal(na) {
			t.Fatalf("got serial %v subject %q validity %v..%v", c.SerialNumber, c.Subject, c.NotBefore, c.NotAfter)
		}
		if err := verify(t, ca, c, x509.ExtKeyUsageServerAuth); err == nil {
			t.Fatal("an expired certificate verified")
		}
	})
}

func TestIssueRejectsBadTemplates(t *testing.T) {
	ca := newCA(t)
	now := time.Now()
	for name, tmpl := range map[string]testpki.Template{
		"a zero serial is refused":             {Serial: big.NewInt(0)},
		"a negative serial is refused":         {Serial: big.NewInt(-5)},
		"NotAfter before NotBefore is refused": {NotBefore: now, NotAfter: now.Add(-time.Minute)},
		"an unknown key type is refused":       {KeyType: testpki.KeyType(42)},
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := ca.Issue(tmpl); err == nil {
				t.Fatal("Issue succeeded")
			}
		})
	}
}

func TestIssueServerCoversLoopbackByDefault(t *testing.T) {
	ca := newCA(t)
	iss, err := ca.IssueServer()
	if err != nil {
		t.Fatal(err)
	}
	for _, host := range []string{"localhost", "127.0.0.1", "::1"} {
		if err := iss.Cert.VerifyHostname(host); err != nil {
			t.Errorf("VerifyHostname(%q): %v", host, err)
		}
	}
	if len(iss.Cert.IPAddresses) != 2 || !iss.Cert.IPAddresses[1].Equal(net.IPv6loopback) {
		t.Errorf("IP SANs %v", iss.Cert.IPAddresses)
	}
	if err := verify(t, ca, iss.Cert, x509.ExtKeyUsageServerAuth); err != nil {
		t.Errorf("server certificate does not verify: %v", err)
	}
}

func TestIssueServerTakesExplicitHosts(t *testing.T) {
	ca := newCA(t)
	iss, err := ca.IssueServer("ccp.example.test", "10.1.2.3")
	if err != nil {
		t.Fatal(err)
	}
	if iss.Cert.Subject.CommonName != "ccp.example.test" || iss.Cert.VerifyHostname("10.1.2.3") != nil ||
		iss.Cert.VerifyHostname("localhost") == nil {
		t.Fatalf("DNS %v IP %v", iss.Cert.DNSNames, iss.Cert.IPAddresses)
	}
	if _, err := ca.IssueServer("ok", ""); err == nil {
		t.Fatal("an empty host was accepted")
	}
}

func TestIssueClientMakesAClientCertificate(t *testing.T) {
	ca := newCA(t)
	iss, err := ca.IssueClient("app1")
	if err != nil {
		t.Fatal(err)
	}
	if iss.Cert.Subject.CommonName != "app1" {
		t.Fatalf("subject %v", iss.Cert.Subject)
	}
	if err := verify(t, ca, iss.Cert, x509.ExtKeyUsageClientAuth); err != nil {
		t.Fatalf("client auth: %v", err)
	}
	if err := verify(t, ca, iss.Cert, x509.ExtKeyUsageServerAuth); err == nil {
		t.Fatal("a client certificate verified for server auth")
	}
	if err := verify(t, newCA(t), iss.Cert, x509.ExtKeyUsageClientAuth); err == nil {
		t.Fatal("a certificate verified against another CA")
	}
}

func TestWriteFileKeepsFilesPrivate(t *testing.T) {
	dir := t.TempDir()
	for name, existing := range map[string]bool{"a new file is 0600": false, "an existing 0644 file becomes 0600": true} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name)
			if existing {
				if err := os.WriteFile(path, []byte("old content that is longer"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if err := testpki.WriteFile(path, []byte("key")); err != nil {
				t.Fatal(err)
			}
			info, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if info.Mode().Perm() != 0o600 {
				t.Errorf("mode %v", info.Mode().Perm())
			}
			if got, _ := os.ReadFile(path); string(got) != "key" {
				t.Errorf("content %q", got)
			}
		})
	}
	if err := testpki.WriteFile(filepath.Join(dir, "missing", "f"), nil); err == nil {
		t.Error("writing into a missing directory succeeded")
	}
}
