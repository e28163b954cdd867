// Package xmlenc builds, parses, encrypts and decrypts the W3C XML Encryption
// elements that pamadapter puts in place of every secret it answers with
// (its "secure context items"):
//
//	<EncryptedData xmlns="http://www.w3.org/2001/04/xmlenc#" Type="http://www.w3.org/2001/04/xmlenc#Content">
//	  <EncryptionMethod Algorithm="http://www.w3.org/2009/xmlenc11#aes256-gcm"/>
//	  <KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><KeyName>context-key-2026</KeyName></KeyInfo>
//	  <CipherData><CipherValue>base64(IV(12) || ciphertext || tag(16))</CipherValue></CipherData>
//	</EncryptedData>
//
// # Cipher
//
// The cipher is AES-256-GCM with a random 12-byte IV, a 16-byte tag and no
// additional authenticated data. A [Keyring] holds one or more named keys for
// rotation: the first key encrypts, and any key decrypts, chosen by
// KeyInfo/KeyName.
//
// # Plaintext
//
// Because Type is #Content, the plaintext is the secret written as XML
// character content, so that a standard processor such as xmlsec1, which
// parses decrypted content as XML, gives back exactly the secret:
//
//   - '&', '<' and '>' are written as "&amp;", "&lt;" and "&gt;";
//   - a carriage return is written as "&#13;", because XML parsers turn a
//     literal CR or CR LF into LF;
//   - the empty secret is written as an empty CDATA section, "<![CDATA[]]>",
//     because xmlsec1 refuses to decrypt empty #Content;
//   - every other character is written as itself, in UTF-8.
//
// XML 1.0 cannot carry some characters at all: NUL, the C0 controls other
// than tab, LF and CR, unpaired surrogates, U+FFFE and U+FFFF. Encrypting a
// secret that holds one, or that is not valid UTF-8, fails with a
// [*SecretError] that gives the character's position but never the
// character or its neighbours.
//
// Decryption accepts any XML character content: plain text, the predefined
// entity references, character references and CDATA sections, with line
// ends normalised as an XML parser does. It refuses content that holds
// markup such as elements, comments or processing instructions.
//
// # Interoperability with xmlsec1
//
// xmlsec1 (tested with 1.2.37) decrypts the String of an EncryptedData that
// has a parent element, given the raw key file and the key's name:
//
//	xmlsec1 --decrypt --aeskey:context-key-2026 key.bin answer.xml
//
// It replaces the EncryptedData by the decrypted content and prints the
// whole document re-serialised by libxml2, so that an XML parser reading
// its output gets exactly the secret, CR included (printed as &#xD;). An
// EncryptedData that is the document's root is replaced by bare text, which
// libxml2 does not print. Conversely, Decrypt reads what
//
//	xmlsec1 --encrypt --aeskey:NAME key.bin --xml-data data.xml --node-name Secret template.xml
//
// makes from a template of the form above with an empty CipherValue.
//
// # Keeping secrets
//
// No error, String, GoString or Format output of this package holds a
// secret, key material or a fragment of decrypted content: errors give
// positions and sizes instead. [Key] and [Keyring] print only key names.
package xmlenc
