package identity

import (
	"bytes"
	"crypto/x509"
	"fmt"
	"slices"
	"strings"

	keystore "github.com/pavlo-v-chernykh/keystore-go/v4"
)

// loadJKS reads a Java KeyStore: the store opens with keystore-password,
// the key entry with key-password (default: keystore-password);
// keystore-alias picks the entry when there are several; trusted
// certificates are skipped; the entry's whole chain is sent.
func loadJKS(data []byte, src Source) (*Identity, error) {
	path := src.KeystoreFile
	if src.KeystorePassword == "" {
		return nil, &Error{Element: ElementKeystorePassword, Problem: fmt.Sprintf("missing: %s is a Java KeyStore; give its keystore-password", path)}
	}
	storePassword, keyPassword := []byte(src.KeystorePassword), []byte(src.keyPassword())
	defer clear(storePassword)
	defer clear(keyPassword)
	ks := keystore.New(keystore.WithOrderedAliases(), keystore.WithCaseExactAliases())
	if err := ks.Load(bytes.NewReader(data), storePassword); err != nil {
		if strings.Contains(err.Error(), "invalid digest") {
			return nil, &Error{Element: ElementKeystoreFile, Problem: "wrong keystore-password for " + path}
		}
		return nil, &Error{Element: ElementKeystoreFile, Problem: fmt.Sprintf("%s is a damaged Java KeyStore (%s)", path, strings.TrimPrefix(err.Error(), "got "))}
	}
	alias, err := jksAlias(ks, src)
	if err != nil {
		return nil, err
	}
	entry, err := ks.GetPrivateKeyEntry(alias, keyPassword)
	if err != nil {
		return nil, &Error{Element: ElementKeyPassword, Problem: fmt.Sprintf("wrong key-password for entry %q in %s (the keystore-password was right)", alias, path)}
	}
	defer clear(entry.PrivateKey)
	key, err := x509.ParsePKCS8PrivateKey(entry.PrivateKey)
	if err != nil {
		return nil, &Error{Element: ElementKeystoreFile, Problem: fmt.Sprintf("the key of entry %q in %s cannot be parsed: %v", alias, path, err)}
	}
	certs := make([]*x509.Certificate, 0, len(entry.CertificateChain))
	for i, c := range entry.CertificateChain {
		cert, err := x509.ParseCertificate(c.Content)
		if err != nil {
			return nil, &Error{Element: ElementKeystoreFile, Problem: fmt.Sprintf("certificate %d of entry %q in %s cannot be parsed: %v", i+1, alias, path, err)}
		}
		certs = append(certs, cert)
	}
	id := assemble(key, certs, formatJKS)
	if id == nil {
		return nil, &Error{Element: ElementKeystoreFile, Problem: fmt.Sprintf("the private key of entry %q in %s does not match its certificate", alias, path)}
	}
	return id, nil
}

// jksAlias picks the private-key entry to use.
func jksAlias(ks keystore.KeyStore, src Source) (string, error) {
	var keys []string
	for _, a := range ks.Aliases() {
		if ks.IsPrivateKeyEntry(a) {
			keys = append(keys, a)
		}
	}
	path := src.KeystoreFile
	if src.KeystoreAlias != "" {
		// keytool lower-cases aliases; accept any case for one that exists.
		i := slices.IndexFunc(ks.Aliases(), func(a string) bool { return strings.EqualFold(a, src.KeystoreAlias) })
		switch {
		case i < 0:
			return "", &Error{Element: ElementKeystoreAlias, Problem: fmt.Sprintf("no entry %q in %s; its private-key entries: %s", src.KeystoreAlias, path, listOrNone(keys))}
		case !ks.IsPrivateKeyEntry(ks.Aliases()[i]):
			return "", &Error{Element: ElementKeystoreAlias, Problem: fmt.Sprintf("entry %q in %s is a trusted certificate, not a private key; its private-key entries: %s", src.KeystoreAlias, path, listOrNone(keys))}
		}
		return ks.Aliases()[i], nil
	}
	switch len(keys) {
	case 0:
		return "", &Error{Element: ElementKeystoreFile, Problem: fmt.Sprintf("%s holds no private key (only trusted certificates)", path)}
	case 1:
		return keys[0], nil
	}
	return "", &Error{Element: ElementKeystoreAlias, Problem: fmt.Sprintf("missing: %s holds %d private keys (%s); name one in keystore-alias", path, len(keys), strings.Join(keys, ", "))}
}

// listOrNone joins names, or says there are none.
func listOrNone(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}
