package main

import (
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pamadapter/pamadapter/adapter/cyberark/ccptest"
)

// identitiesDir holds the identity fixtures made by keytool and openssl
// (testdata/identities/generate.sh).
var identitiesDir = filepath.Join("..", "..", "testdata", "identities")

// fixturePasswords are the passwords of the fixtures, for the output scan.
var fixturePasswords = []string{
	"pem-pass-pkcs8", "pem-pass-legacy", "jks-pass-same", "jks-store-pass-diff", "jks-key-pass-diff",
	"jks-pass-two", "jks-pass-trusted", "p12-pass-keytool", "jceks-pass", "p12-pass-modern", "p12-pass-legacy", "p12-pass-cafirst",
}

// identityFixture is a simulator that trusts the fixtures' CA, with an
// application that accepts any of its client certificates.
func identityFixture(t *testing.T) *fixture {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(identitiesDir, "ca.pem"))
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode(data)
	if block == nil {
		t.Fatal("testdata/identities/ca.pem holds no certificate")
	}
	ca, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	f := newFixture(t, ccptest.WithClientCAs(ca))
	f.ccp.AddApplication(ccptest.Application{AppID: "FixtureApp", AllowedSubjects: []string{"O=pamadapter tests"}})
	return f
}

// identityRequest asks for the planted password with identity elements;
// "@" in them stands for the fixtures' folder.
func identityRequest(elements string) string {
	abs, _ := filepath.Abs(identitiesDir)
	return ccpRequest("<app-id>FixtureApp</app-id><query>Safe=Test;Object=windows1</query>\n" + strings.ReplaceAll(elements, "@", abs))
}

func TestEveryIdentityFixtureFetchesThePassword(t *testing.T) {
	f := identityFixture(t)
	tests := []struct{ name, elements string }{
		{"a PEM RSA key in PKCS#1", `<certificate-file>@/rsa.crt</certificate-file><private-key-file>@/rsa-pkcs1.key</private-key-file>`},
		{"a PEM RSA key in PKCS#8", `<certificate-file>@/rsa.crt</certificate-file><private-key-file>@/rsa-pkcs8.key</private-key-file>`},
		{"an encrypted PKCS#8 key with its key-password", `<certificate-file>@/rsa.crt</certificate-file><private-key-file>@/rsa-pkcs8-encrypted.key</private-key-file><key-password>pem-pass-pkcs8</key-password>`},
		{"a legacy encrypted PEM key with its key-password", `<certificate-file>@/rsa.crt</certificate-file><private-key-file>@/rsa-legacy-encrypted.key</private-key-file><key-password>pem-pass-legacy</key-password>`},
		{"an EC key in SEC1", `<certificate-file>@/ec.crt</certificate-file><private-key-file>@/ec-sec1.key</private-key-file>`},
		{"an EC key in PKCS#8", `<certificate-file>@/ec.crt</certificate-file><private-key-file>@/ec-pkcs8.key</private-key-file>`},
		{"an Ed25519 key", `<certificate-file>@/ed25519.crt</certificate-file><private-key-file>@/ed25519.key</private-key-file>`},
		{"a certificate chain through an intermediate CA", `<certificate-file>@/chain.crt</certificate-file><private-key-file>@/chain.key</private-key-file>`},
		{"a true JKS with one password", `<keystore-file>@/jks-same.jks</keystore-file><keystore-password>jks-pass-same</keystore-password>`},
		{"a true JKS whose key password differs", `<keystore-file>@/jks-diff.jks</keystore-file><keystore-password>jks-store-pass-diff</keystore-password><key-password>jks-key-pass-diff</key-password>`},
		{"a JKS with two keys, the first picked by alias", `<keystore-file>@/jks-two-keys.jks</keystore-file><keystore-password>jks-pass-two</keystore-password><keystore-alias>first</keystore-alias>`},
		{"a JKS with two keys, the second picked by alias in other letter case", `<keystore-file>@/jks-two-keys.jks</keystore-file><keystore-password>jks-pass-two</keystore-password><keystore-alias>SECOND</keystore-alias>`},
		{"keytool's default PKCS#12 named .jks", `<keystore-file>@/keytool-default.jks</keystore-file><keystore-password>p12-pass-keytool</keystore-password>`},
		{"an OpenSSL 3 PKCS#12", `<keystore-file>@/openssl3.p12</keystore-file><keystore-password>p12-pass-modern</keystore-password>`},
		{"a legacy RC2/3DES PKCS#12", `<keystore-file>@/legacy.p12</keystore-file><keystore-password>p12-pass-legacy</keystore-password>`},
		{"a PKCS#12 that lists the CA before the leaf", `<keystore-file>@/ca-first.p12</keystore-file><keystore-password>p12-pass-cafirst</keystore-password>`},
		{"keystore-file wins over certificate-file and private-key-file", `<keystore-file>@/openssl3.p12</keystore-file><keystore-password>p12-pass-modern</keystore-password><certificate-file>@/ec.crt</certificate-file><private-key-file>@/rsa-pkcs8.key</private-key-file>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if strings.Contains(tt.elements, "ca-first.p12") {
				if _, err := os.Stat(filepath.Join(identitiesDir, "ca-first.p12")); err != nil {
					t.Skip("no ca-first.p12 fixture: see testdata/identities/README.md")
				}
			}
			res := f.run(identityRequest(tt.elements), "run")
			if res.status != 0 {
				t.Fatalf("exit %d\n%s\n%s", res.status, res.stdout, res.stderr)
			}
			if got := f.secrets(res.stdout); len(got) != 1 || got[0] != f.password {
				t.Errorf("decrypted %q, want the planted password", got)
			}
			assertNoFixturePassword(t, res)
		})
	}
}

func TestIdentitiesThatCannotLoadGiveTheirExactError(t *testing.T) {
	f := identityFixture(t)
	abs, _ := filepath.Abs(identitiesDir)
	tests := []struct{ name, elements, want string }{
		{"a wrong keystore password", `<keystore-file>@/jks-same.jks</keystore-file><keystore-password>not-the-pass</keystore-password>`,
			"keystore-file: wrong keystore-password for @/jks-same.jks"},
		{"a wrong key password with the right store password", `<keystore-file>@/jks-diff.jks</keystore-file><keystore-password>jks-store-pass-diff</keystore-password><key-password>not-the-key-pass</key-password>`,
			`key-password: wrong key-password for entry "client" in @/jks-diff.jks (the keystore-password was right)`},
		{"a key password that differs and was not given", `<keystore-file>@/jks-diff.jks</keystore-file><keystore-password>jks-store-pass-diff</keystore-password>`,
			`key-password: wrong key-password for entry "client" in @/jks-diff.jks (the keystore-password was right)`},
		{"two keys and no alias", `<keystore-file>@/jks-two-keys.jks</keystore-file><keystore-password>jks-pass-two</keystore-password>`,
			"keystore-alias: missing: @/jks-two-keys.jks holds 2 private keys (first, second); name one in keystore-alias"},
		{"an alias that is not there", `<keystore-file>@/jks-two-keys.jks</keystore-file><keystore-password>jks-pass-two</keystore-password><keystore-alias>third</keystore-alias>`,
			`keystore-alias: no entry "third" in @/jks-two-keys.jks; its private-key entries: first, second`},
		{"an alias of a trusted certificate", `<keystore-file>@/jks-two-keys.jks</keystore-file><keystore-password>jks-pass-two</keystore-password><keystore-alias>test-ca</keystore-alias>`,
			`keystore-alias: entry "test-ca" in @/jks-two-keys.jks is a trusted certificate, not a private key; its private-key entries: first, second`},
		{"a keystore without a private key", `<keystore-file>@/jks-trusted-only.jks</keystore-file><keystore-password>jks-pass-trusted</keystore-password>`,
			"keystore-file: @/jks-trusted-only.jks holds no private key (only trusted certificates)"},
		{"a JCEKS keystore", `<keystore-file>@/jceks.jks</keystore-file><keystore-password>jceks-pass</keystore-password>`,
			"keystore-file: @/jceks.jks is a JCEKS keystore, which pamadapter cannot read; convert it to PKCS#12 with: keytool -importkeystore -srckeystore @/jceks.jks -srcstoretype JCEKS -destkeystore client.p12 -deststoretype pkcs12"},
		{"a damaged JKS", `<keystore-file>@/corrupt.jks</keystore-file><keystore-password>jks-pass-same</keystore-password>`,
			"keystore-file: @/corrupt.jks is a damaged Java KeyStore"},
		{"a JKS without its password", `<keystore-file>@/jks-same.jks</keystore-file>`,
			"keystore-password: missing: @/jks-same.jks is a Java KeyStore; give its keystore-password"},
		{"a wrong PKCS#12 password", `<keystore-file>@/openssl3.p12</keystore-file><keystore-password>not-the-pass</keystore-password>`,
			"keystore-file: wrong keystore-password for @/openssl3.p12"},
		{"a wrong password for an encrypted PKCS#8 key", `<certificate-file>@/rsa.crt</certificate-file><private-key-file>@/rsa-pkcs8-encrypted.key</private-key-file><key-password>not-the-pass</key-password>`,
			"key-password: wrong key-password for the encrypted key in @/rsa-pkcs8-encrypted.key"},
		{"a wrong password for a legacy encrypted key", `<certificate-file>@/rsa.crt</certificate-file><private-key-file>@/rsa-legacy-encrypted.key</private-key-file><key-password>not-the-pass</key-password>`,
			"key-password: wrong key-password for the encrypted key in @/rsa-legacy-encrypted.key"},
		{"an encrypted key without its password", `<certificate-file>@/rsa.crt</certificate-file><private-key-file>@/rsa-legacy-encrypted.key</private-key-file>`,
			"key-password: missing: the key in @/rsa-legacy-encrypted.key is encrypted; give its key-password"},
		{"a key that does not match its certificate", `<certificate-file>@/rsa.crt</certificate-file><private-key-file>@/ec-sec1.key</private-key-file>`,
			"private-key-file: the private key in @/ec-sec1.key does not match the certificate in @/rsa.crt"},
		{"a keystore file that does not exist", `<keystore-file>@/missing.p12</keystore-file><keystore-password>x</keystore-password>`,
			"keystore-file: @/missing.p12 does not exist"},
		{"a PEM keystore without a key", `<keystore-file>@/ca.pem</keystore-file>`,
			"keystore-file: @/ca.pem holds no PEM private key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := f.run(identityRequest(tt.elements), "run")
			r := parseResponse(t, res.stdout)
			want := strings.ReplaceAll(tt.want, "@", abs)
			if res.status != 2 || r.errorCode != "IDENTITY_LOAD_FAILED" {
				t.Fatalf("exit %d, code %q; want 2 and IDENTITY_LOAD_FAILED\n%s", res.status, r.errorCode, res.stdout)
			}
			if strings.HasSuffix(tt.want, "Java KeyStore") {
				if !strings.HasPrefix(r.errorText, want) {
					t.Errorf("error\n got %s\nwant %s...", r.errorText, want)
				}
			} else if r.errorText != want {
				t.Errorf("error\n got %s\nwant %s", r.errorText, want)
			}
			assertNoFixturePassword(t, res)
		})
	}
}

func TestCertificatesAVaultMayRefuseAreWarnedAbout(t *testing.T) {
	f := identityFixture(t)
	tests := []struct{ name, elements, want string }{
		{"an expired certificate", `<certificate-file>@/expired.crt</certificate-file><private-key-file>@/expired.key</private-key-file>`, "has expired (valid from 2020-01-01T00:00:00Z to 2021-01-01T00:00:00Z)"},
		{"a certificate without clientAuth", `<certificate-file>@/server-only.crt</certificate-file><private-key-file>@/server-only.key</private-key-file>`, "lacks the clientAuth extended key usage (it allows serverAuth"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := f.run(identityRequest(tt.elements), "run")
			if !strings.Contains(res.stderr, "level=warning") || !strings.Contains(res.stderr, tt.want) || !strings.Contains(res.stderr, "O=pamadapter tests") {
				t.Errorf("no warning naming the subject and %q in the log:\n%s", tt.want, res.stderr)
			}
			// The simulator, like IIS, refuses such a certificate.
			if r := parseResponse(t, res.stdout); res.status != 3 || r.errorCode != "TLS_FAILED" {
				t.Errorf("exit %d, code %q; want 3, TLS_FAILED", res.status, r.errorCode)
			}
		})
	}
}

// assertNoFixturePassword fails when a fixture's password is in the output.
func assertNoFixturePassword(t *testing.T, res result) {
	t.Helper()
	for _, pw := range fixturePasswords {
		if strings.Contains(res.stdout, pw) || strings.Contains(res.stderr, pw) {
			t.Errorf("the output holds the password %q", pw)
		}
	}
}
