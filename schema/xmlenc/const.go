package xmlenc

// Names of the XML Encryption format and sizes of its cipher.
const (
	// Namespace is the XML Encryption namespace of EncryptedData and its
	// EncryptionMethod, CipherData and CipherValue children.
	Namespace = "http://www.w3.org/2001/04/xmlenc#"

	// TypeContent is the EncryptedData Type saying that the plaintext is
	// XML element content (here: character data only).
	TypeContent = Namespace + "Content"

	// AlgorithmAES256GCM is the EncryptionMethod Algorithm for AES-256-GCM
	// from XML Encryption 1.1, the only algorithm supported.
	AlgorithmAES256GCM = "http://www.w3.org/2009/xmlenc11#aes256-gcm"

	// DSigNamespace is the XML Signature namespace of KeyInfo and KeyName.
	DSigNamespace = "http://www.w3.org/2000/09/xmldsig#"

	// KeySize is the size in bytes of an AES-256 key.
	KeySize = 32
)

const (
	// ivSize is the size in bytes of the GCM IV (nonce) that starts a
	// CipherValue.
	ivSize = 12

	// tagSize is the size in bytes of the GCM authentication tag that ends a
	// CipherValue.
	tagSize = 16
)
