package xmlenc_test

import (
	"testing"

	"github.com/pamadapter/pamadapter/schema/xmlenc"
)

// benchPassword is a typical 20-byte password.
const benchPassword = "p@ss&w0rd<2026>!xyzQ"

func benchRing(b *testing.B) *xmlenc.Keyring {
	return newKeyring(b, newKey(b, "context-key-2026", 1), newKey(b, "context-key-2025", 2))
}

func BenchmarkEncrypt(b *testing.B) {
	r := benchRing(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Encrypt(benchPassword); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecrypt(b *testing.B) {
	r := benchRing(b)
	ed, err := r.Encrypt(benchPassword)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Decrypt(ed); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkString(b *testing.B) {
	ed, err := benchRing(b).Encrypt(benchPassword)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = ed.String()
	}
}

func BenchmarkParseString(b *testing.B) {
	ed, err := benchRing(b).Encrypt(benchPassword)
	if err != nil {
		b.Fatal(err)
	}
	s := ed.String()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := xmlenc.ParseString(s); err != nil {
			b.Fatal(err)
		}
	}
}
