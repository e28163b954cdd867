package identity

import (
	"crypto"
	"crypto/tls"
	"crypto/x509"
	"slices"
)

// publicKeyOf returns the public half of a private key, or nil when the key
// is of a kind TLS cannot use.
func publicKeyOf(key any) crypto.PublicKey {
	signer, ok := key.(crypto.Signer)
	if !ok {
		return nil
	}
	return signer.Public()
}

// matches reports whether cert carries the public half of key.
func matches(cert *x509.Certificate, key any) bool {
	pub, ok := publicKeyOf(key).(interface{ Equal(crypto.PublicKey) bool })
	return ok && pub.Equal(cert.PublicKey)
}

// assemble picks the certificate that matches key as the leaf, whatever its
// position among certs, and sends the rest after it in their order. It
// returns nil when no certificate matches.
func assemble(key any, certs []*x509.Certificate, format string) *Identity {
	i := slices.IndexFunc(certs, func(c *x509.Certificate) bool { return matches(c, key) })
	if i < 0 {
		return nil
	}
	leaf := certs[i]
	chain := [][]byte{leaf.Raw}
	for j, c := range certs {
		if j != i {
			chain = append(chain, c.Raw)
		}
	}
	return &Identity{
		Certificate: tls.Certificate{Certificate: chain, PrivateKey: key, Leaf: leaf},
		Format:      format,
		Warnings:    warnings(leaf),
	}
}
