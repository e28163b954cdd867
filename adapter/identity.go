package adapter

import (
	"crypto/tls"

	"github.com/pamadapter/pamadapter/adapter/identity"
)

// ClientIdentity loads the client certificate for this call: the request's
// identity files when it names any, the configuration's otherwise, with
// passwords (plain or <EncryptedData>) from the request first. Each store is
// decoded once per process; warnings about the certificate are logged when
// it is decoded. Failures are IDENTITY_LOAD_FAILED (DECRYPT_FAILED for a
// password that does not decrypt).
func (c *Call) ClientIdentity() (*tls.Certificate, error) {
	sel := identity.Choose(c.Request, c.Config)
	if len(c.IdentityDirs) > 0 && sel.FromRequest() {
		for _, element := range []string{identity.ElementCertificateFile, identity.ElementPrivateKeyFile, identity.ElementKeystoreFile} {
			if path := sel.Text(element); path != "" {
				if err := confineTo(c.IdentityDirs, element, path); err != nil {
					return nil, err
				}
			}
		}
	}
	keystorePassword, err := c.Reveal(identity.ElementKeystorePassword, sel.Secret(identity.ElementKeystorePassword))
	if err != nil {
		return nil, err
	}
	keyPassword, err := c.Reveal(identity.ElementKeyPassword, sel.Secret(identity.ElementKeyPassword))
	if err != nil {
		return nil, err
	}
	src := identity.Source{
		CertificateFile:  sel.Text(identity.ElementCertificateFile),
		PrivateKeyFile:   sel.Text(identity.ElementPrivateKeyFile),
		KeystoreFile:     sel.Text(identity.ElementKeystoreFile),
		KeystoreAlias:    sel.Text(identity.ElementKeystoreAlias),
		KeystorePassword: keystorePassword,
		KeyPassword:      keyPassword,
	}
	cache := c.Identities
	if cache == nil {
		cache = identity.NewCache()
	}
	id, fresh, err := cache.Load(src)
	if err != nil {
		return nil, WithCode(CodeIdentityLoadFailed, err)
	}
	if fresh {
		log := c.Log.WithField("identity", id.Format)
		for _, w := range id.Warnings {
			log.Warn(w)
		}
	}
	return &id.Certificate, nil
}
