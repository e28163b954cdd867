package testpki

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"fmt"
)

// KeyType selects the algorithm of a generated private key.
type KeyType int

const (
	// KeyECDSA is an ECDSA key on curve P-256. It is the zero value, because it
	// is fast to generate.
	KeyECDSA KeyType = iota
	// KeyRSA is a 2048-bit RSA key.
	KeyRSA
)

// rsaBits is the size of generated RSA keys.
const rsaBits = 2048

// String returns "ECDSA", "RSA" or a description of an unknown value.
func (k KeyType) String() string {
	switch k {
	case KeyECDSA:
		return "ECDSA"
	case KeyRSA:
		return "RSA"
	default:
		return fmt.Sprintf("KeyType(%d)", int(k))
	}
}

// generateKey makes a new private key of type k.
func generateKey(k KeyType) (crypto.Signer, error) {
	switch k {
	case KeyECDSA:
		return ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	case KeyRSA:
		return rsa.GenerateKey(rand.Reader, rsaBits)
	default:
		return nil, fmt.Errorf("testpki: unknown key type %v", k)
	}
}
