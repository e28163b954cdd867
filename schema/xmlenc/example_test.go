package xmlenc_test

import (
	"fmt"
	"strings"

	"github.com/pamadapter/pamadapter/schema/xmlenc"
)

// This example rotates from an old key to a new one: the new key encrypts,
// and a value encrypted earlier with the old key still decrypts.
func ExampleKeyring() {
	// In production, load keys with LoadKeyFile.
	previous, _ := xmlenc.NewKey("context-key-2025", []byte(strings.Repeat("o", xmlenc.KeySize)))
	current, _ := xmlenc.NewKey("context-key-2026", []byte(strings.Repeat("n", xmlenc.KeySize)))

	before, _ := xmlenc.NewKeyring(previous)
	earlier, _ := before.Encrypt("s3cr&t")

	ring, _ := xmlenc.NewKeyring(current, previous)
	fresh, _ := ring.Encrypt("n3w<pass>")

	for _, item := range []string{earlier.String(), fresh.String()} {
		ed, err := xmlenc.ParseString(item)
		if err != nil {
			fmt.Println(err)
			continue
		}
		secret, err := ring.Decrypt(ed)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%s: %d-byte secret\n", ed.KeyName, len(secret))
	}
	// Output:
	// context-key-2025: 6-byte secret
	// context-key-2026: 9-byte secret
}

// String gives the XML text of an EncryptedData on one line. WithRand makes
// it deterministic here; never fix the IV in production.
func ExampleEncryptedData_String() {
	key, _ := xmlenc.NewKey("context-key-2026", []byte(strings.Repeat("k", xmlenc.KeySize)))
	ring, _ := xmlenc.NewKeyring(key)
	ed, _ := ring.WithRand(strings.NewReader("fixed-iv-12b")).Encrypt("secret")
	fmt.Println(ed)
	// Output:
	// <EncryptedData xmlns="http://www.w3.org/2001/04/xmlenc#" Type="http://www.w3.org/2001/04/xmlenc#Content"><EncryptionMethod Algorithm="http://www.w3.org/2009/xmlenc11#aes256-gcm"/><KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><KeyName>context-key-2026</KeyName></KeyInfo><CipherData><CipherValue>Zml4ZWQtaXYtMTJi+OpcXRbbZElfWK/TtecrKs6Wi1d83Q==</CipherValue></CipherData></EncryptedData>
}

// A Key prints only its name.
func ExampleKey_String() {
	key, _ := xmlenc.NewKey("k1", []byte(strings.Repeat("k", xmlenc.KeySize)))
	fmt.Println(key)
	fmt.Printf("%x\n", key)
	// Output:
	// xmlenc.Key{Name:"k1", material:REDACTED}
	// xmlenc.Key{Name:"k1", material:REDACTED}
}
