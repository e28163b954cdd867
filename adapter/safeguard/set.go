package safeguard

import (
	"context"
	"net/http"
	"net/url"

	"github.com/pamadapter/pamadapter/adapter"
	"github.com/pamadapter/pamadapter/schema"
)

// The write-back elements.
const (
	elementNewPassword   = "new-password"
	elementNewPrivateKey = "new-private-key"
	elementNewPassphrase = "new-passphrase"
)

// setSpec lists the elements of a2a-set-credential: api-key (secret; or
// the configuration's default), api-version, and either new-password or
// new-private-key with its optional new-passphrase and key-format (all
// secrets but key-format), plus the identity elements. Which new-* element
// is given decides what is written back.
func setSpec() *schema.Spec {
	return &schema.Spec{
		Elements: withIdentity(
			apiKeyElement,
			apiVersionElement,
			schema.Element{Name: elementNewPassword, Secret: true},
			schema.Element{Name: elementNewPrivateKey, Secret: true},
			schema.Element{Name: elementNewPassphrase, Secret: true},
			keyFormatElement,
		),
		Exclusions: []schema.Exclusion{
			{Name: elementNewPassword, With: []string{elementNewPrivateKey, elementNewPassphrase, elementKeyFormat}},
		},
		CheckAll: checkSetCredential,
	}
}

// checkSetCredential requires a new credential, and a private key for a
// passphrase or key format.
func checkSetCredential(v *schema.Values) error {
	if err := requireOneOf(v, elementNewPassword, elementNewPrivateKey); err != nil {
		return err
	}
	for _, name := range []string{elementNewPassphrase, elementKeyFormat} {
		if v.Has(name) && !v.Has(elementNewPrivateKey) {
			return &schema.ElementError{Element: name, Problem: "applies only with <" + elementNewPrivateKey + ">"}
		}
	}
	return nil
}

// writeBack is one write-back call: its resource, query and JSON body.
type writeBack struct {
	resource string
	query    url.Values
	body     []byte
}

// newWriteBack reveals the new credential and encodes the body: a JSON
// string for a password (PUT Credentials/Password), {"PrivateKey":..,
// "Passphrase":..} for an SSH key (PUT Credentials/SshKey?keyFormat=..,
// the passphrase "" when not given).
func newWriteBack(call *adapter.Call) (*writeBack, error) {
	if call.Request.Has(elementNewPassword) {
		password, err := call.Reveal(elementNewPassword, call.Request.Secret(elementNewPassword))
		if err != nil {
			return nil, err
		}
		body, err := encodeJSON(password)
		if err != nil {
			return nil, adapter.Errorf(adapter.CodeInternal, "cannot encode <%s> as JSON: %w", elementNewPassword, err)
		}
		return &writeBack{resource: "Credentials/Password", body: body}, nil
	}
	key, err := call.Reveal(elementNewPrivateKey, call.Request.Secret(elementNewPrivateKey))
	if err != nil {
		return nil, err
	}
	passphrase, err := call.Reveal(elementNewPassphrase, call.Request.Secret(elementNewPassphrase))
	if err != nil {
		return nil, err
	}
	var o object
	o.set("PrivateKey", key)
	o.set("Passphrase", passphrase)
	body, err := encodeJSON(o)
	if err != nil {
		return nil, adapter.Errorf(adapter.CodeInternal, "cannot encode <%s> as JSON: %w", elementNewPrivateKey, err)
	}
	format := call.Request.Text(elementKeyFormat)
	if format == "" {
		format = defaultKeyFormat
	}
	return &writeBack{resource: "Credentials/SshKey", query: url.Values{"keyFormat": {format}}, body: body}, nil
}

// setCredential serves a2a-set-credential: PUT
// /service/a2a/v<N>/Credentials/Password or .../Credentials/SshKey with a
// JSON body. The appliance answers 204 (or 200) when it took the
// credential; its answer is passed through.
func setCredential(ctx context.Context, call *adapter.Call) (*adapter.Answer, error) {
	wb, err := newWriteBack(call)
	if err != nil {
		return nil, err
	}
	s, auth, err := openA2A(call)
	if err != nil {
		return nil, err
	}
	answer, err := s.do(ctx, http.MethodPut, s.version.a2a(wb.resource), wb.query, auth, wb.body)
	if err != nil {
		return nil, err
	}
	return sealMembers(call, answer, anyBody, wb.resource)
}
