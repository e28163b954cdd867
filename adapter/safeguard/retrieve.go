package safeguard

import (
	"context"
	"net/http"
	"net/url"

	"github.com/pamadapter/pamadapter/adapter"
	"github.com/pamadapter/pamadapter/schema"
)

// The credential types of a2a-retrieve-credential.
const (
	typePassword   = "Password"
	typePrivateKey = "PrivateKey"
	typeAPIKey     = "ApiKey"
)

// retrieveSpec lists the elements of a2a-retrieve-credential: api-key
// (secret; or the configuration's default), api-version, credential-type
// (Password, PrivateKey or ApiKey; default Password), key-format (OpenSsh,
// Ssh2 or Putty; PrivateKey only, default OpenSsh) and the identity
// elements.
func retrieveSpec() *schema.Spec {
	return &schema.Spec{
		Elements: withIdentity(
			apiKeyElement,
			apiVersionElement,
			schema.Element{Name: "credential-type", Kind: schema.KindEnum, Allowed: []string{typePassword, typePrivateKey, typeAPIKey}},
			keyFormatElement,
		),
		CheckAll: checkKeyFormatOnlyWithPrivateKey,
	}
}

// credentialType is the requested type, Password when not given.
func credentialType(v *schema.Values) string {
	if t := v.Text("credential-type"); t != "" {
		return t
	}
	return typePassword
}

// checkKeyFormatOnlyWithPrivateKey refuses a key-format the retrieval
// would not use.
func checkKeyFormatOnlyWithPrivateKey(v *schema.Values) error {
	if v.Has(elementKeyFormat) && credentialType(v) != typePrivateKey {
		return &schema.ElementError{Element: elementKeyFormat, Problem: "applies only with <credential-type>PrivateKey</credential-type>"}
	}
	return nil
}

// retrieveQuery is the query of GET Credentials: type, and keyFormat for a
// private key.
func retrieveQuery(v *schema.Values) url.Values {
	q := url.Values{"type": {credentialType(v)}}
	if credentialType(v) == typePrivateKey {
		format := v.Text(elementKeyFormat)
		if format == "" {
			format = defaultKeyFormat
		}
		q.Set("keyFormat", format)
	}
	return q
}

// retrieveCredential serves a2a-retrieve-credential:
// GET /service/a2a/v<N>/Credentials?type=<credential-type>[&keyFormat=].
// A password or private key answer becomes the JSON string of its
// <EncryptedData>; an ApiKey answer (an array) has each ClientSecret
// sealed.
func retrieveCredential(ctx context.Context, call *adapter.Call) (*adapter.Answer, error) {
	s, auth, err := openA2A(call)
	if err != nil {
		return nil, err
	}
	kind := credentialType(call.Request)
	what := "Credentials?type=" + kind
	answer, err := s.do(ctx, http.MethodGet, s.version.a2a("Credentials"), retrieveQuery(call.Request), auth, nil)
	if err != nil {
		return nil, err
	}
	switch kind {
	case typePassword:
		return sealCredential(call, answer, "password", what)
	case typePrivateKey:
		return sealCredential(call, answer, "private key", what)
	default:
		answer, err := sealMembers(call, answer, jsonArray, what)
		if err == nil && is2xx(answer) && isEmptyArray(answer.Body) {
			call.Log.Info("no API key secret stored: the appliance answered with an empty list")
		}
		return answer, err
	}
}
