package xmlenc

import (
	"encoding/base64"
	"strings"

	"github.com/beevik/etree"
)

// EncryptedData is a parsed or freshly made <EncryptedData> element. It
// never holds plaintext.
type EncryptedData struct {
	// Algorithm is EncryptionMethod/@Algorithm. Parse sets it to
	// AlgorithmAES256GCM when EncryptionMethod is absent; Element and
	// Decrypt take an empty Algorithm to mean AlgorithmAES256GCM.
	Algorithm string

	// KeyName is KeyInfo/KeyName, without surrounding whitespace. It may be
	// empty; then Element writes no KeyInfo.
	KeyName string

	// CipherValue is the decoded CipherValue: IV (12 bytes) || ciphertext
	// || tag (16 bytes).
	CipherValue []byte
}

// Element returns a new, unparented element for e in the default-namespace
// form, without indentation:
//
//	<EncryptedData xmlns="http://www.w3.org/2001/04/xmlenc#" Type="http://www.w3.org/2001/04/xmlenc#Content">
//	<EncryptionMethod Algorithm="..."/><KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#">
//	<KeyName>NAME</KeyName></KeyInfo><CipherData><CipherValue>BASE64</CipherValue></CipherData>
//	</EncryptedData>
//
// (shown here on several lines).
func (e *EncryptedData) Element() *etree.Element {
	el := etree.NewElement("EncryptedData")
	el.CreateAttr("xmlns", Namespace)
	el.CreateAttr("Type", TypeContent)
	el.CreateElement("EncryptionMethod").CreateAttr("Algorithm", e.algorithm())
	if e.KeyName != "" {
		keyInfo := el.CreateElement("KeyInfo")
		keyInfo.CreateAttr("xmlns", DSigNamespace)
		keyInfo.CreateElement("KeyName").SetText(e.KeyName)
	}
	el.CreateElement("CipherData").
		CreateElement("CipherValue").
		SetText(base64.StdEncoding.EncodeToString(e.CipherValue))
	return el
}

// String returns the XML text of Element on one line, for example
//
//	<EncryptedData xmlns="http://www.w3.org/2001/04/xmlenc#" Type="http://www.w3.org/2001/04/xmlenc#Content"><EncryptionMethod Algorithm="http://www.w3.org/2009/xmlenc11#aes256-gcm"/><KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><KeyName>k1</KeyName></KeyInfo><CipherData><CipherValue>B64</CipherValue></CipherData></EncryptedData>
func (e *EncryptedData) String() string {
	var b strings.Builder
	e.Element().WriteTo(&b, &etree.WriteSettings{CanonicalText: true, CanonicalAttrVal: true})
	return b.String()
}

// algorithm returns the algorithm to write.
func (e *EncryptedData) algorithm() string {
	if e.Algorithm == "" {
		return AlgorithmAES256GCM
	}
	return e.Algorithm
}

// validate returns a *FormatError if e cannot be decrypted whatever the key.
func (e *EncryptedData) validate() *FormatError {
	if alg := e.algorithm(); alg != AlgorithmAES256GCM {
		return unsupportedAlgorithm(alg)
	}
	if len(e.CipherValue) < ivSize+tagSize {
		return formatErrorf("CipherValue is %d bytes; AES-GCM needs at least %d (a %d-byte IV and a %d-byte tag)",
			len(e.CipherValue), ivSize+tagSize, ivSize, tagSize)
	}
	return nil
}

// unsupportedAlgorithm returns the error for an EncryptionMethod other than
// AES-256-GCM.
func unsupportedAlgorithm(alg string) *FormatError {
	return formatErrorf("unsupported EncryptionMethod Algorithm %q; only %s is supported", alg, AlgorithmAES256GCM)
}
