package identity

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/pamadapter/pamadapter/internal/testpki"
)

// jksFile writes a JKS keystore for a fresh client certificate.
func jksFile(t testing.TB, dir, name, storePass, keyPass string) string {
	t.Helper()
	ca, err := testpki.NewCA("cache test CA")
	if err != nil {
		t.Fatal(err)
	}
	client, err := ca.IssueClient("cache-client")
	if err != nil {
		t.Fatal(err)
	}
	data, err := client.JKS("client", storePass, keyPass, ca.Cert)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestTheCacheDecodesAStoreOnceUntilItChanges(t *testing.T) {
	dir := t.TempDir()
	path := jksFile(t, dir, "client.jks", "store-pass", "key-pass")
	src := Source{KeystoreFile: path, KeystorePassword: "store-pass", KeyPassword: "key-pass"}
	c := NewCache()
	first, fresh, err := c.Load(src)
	if err != nil || !fresh {
		t.Fatalf("first load: %v, fresh %v", err, fresh)
	}
	second, fresh, err := c.Load(src)
	if err != nil || fresh || second != first || c.Decodes() != 1 {
		t.Fatalf("second load decoded again: fresh %v, same %v, decodes %d, %v", fresh, second == first, c.Decodes(), err)
	}
	// A wrong password is not served from the cache.
	if _, _, err := c.Load(Source{KeystoreFile: path, KeystorePassword: "wrong-pass", KeyPassword: "key-pass"}); err == nil {
		t.Fatal("a wrong password was accepted from the cache")
	}
	// A replaced file is decoded afresh.
	jksFile(t, dir, "client.jks", "store-pass", "key-pass")
	later := time.Now().Add(time.Minute)
	if err := os.Chtimes(path, later, later); err != nil {
		t.Fatal(err)
	}
	third, fresh, err := c.Load(src)
	if err != nil || !fresh || third.Certificate.Leaf.Equal(first.Certificate.Leaf) {
		t.Fatalf("a changed file was not decoded afresh: fresh %v, %v", fresh, err)
	}
}

// BenchmarkLoadJKS decodes a JKS keystore every time.
func BenchmarkLoadJKS(b *testing.B) {
	path := jksFile(b, b.TempDir(), "client.jks", "store-pass", "key-pass")
	src := Source{KeystoreFile: path, KeystorePassword: "store-pass", KeyPassword: "key-pass"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(src); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCachedJKS is the second and later requests with one identity:
// a stat of the file and a map lookup, no decoding.
func BenchmarkCachedJKS(b *testing.B) {
	path := jksFile(b, b.TempDir(), "client.jks", "store-pass", "key-pass")
	src := Source{KeystoreFile: path, KeystorePassword: "store-pass", KeyPassword: "key-pass"}
	c := NewCache()
	if _, _, err := c.Load(src); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := c.Load(src); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(c.Decodes()-1)/float64(b.N), "decodes/op")
}
