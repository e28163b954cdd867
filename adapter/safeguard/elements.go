package safeguard

import (
	"strings"

	"github.com/pamadapter/pamadapter/adapter"
	"github.com/pamadapter/pamadapter/adapter/identity"
	"github.com/pamadapter/pamadapter/schema"
)

// Names of the elements more than one operation takes.
const (
	elementAPIKey      = "api-key"
	elementAPIVersion  = "api-version"
	elementAccessToken = "access-token"
	elementKeyFormat   = "key-format"
)

// The elements more than one operation (or the configuration) takes.
var (
	// apiKeyElement is the A2A API key (secret): a retrieval key for the
	// credential operations, the broker's key for access requests.
	apiKeyElement = schema.Element{Name: elementAPIKey, Secret: true}
	// apiVersionElement overrides the configuration's api-version.
	apiVersionElement = schema.Element{Name: elementAPIVersion, Kind: schema.KindEnum, Allowed: []string{"2", "3", "4"}}
	// accessTokenElement is a bearer token (secret) for the core lookups,
	// for appliances where certificate-only discovery is not enabled.
	accessTokenElement = schema.Element{Name: elementAccessToken, Secret: true}
	// keyFormatElement is the SSH key format; the adapter sends OpenSsh
	// when it is not given, as the appliance's own default is.
	keyFormatElement = schema.Element{Name: elementKeyFormat, Kind: schema.KindEnum, Allowed: []string{"OpenSsh", "Ssh2", "Putty"}}
)

// defaultKeyFormat is the key format sent when key-format is not given.
const defaultKeyFormat = "OpenSsh"

// withIdentity appends the identity elements (contract section 3) to an
// operation's own elements.
func withIdentity(elements ...schema.Element) []schema.Element {
	return append(elements, identity.Elements...)
}

// given returns whichever of an element and its alias was given (the spec
// makes sure it is at most one), or "" when neither was.
func given(v *schema.Values, name, alias string) string {
	switch {
	case v.Has(name):
		return name
	case v.Has(alias):
		return alias
	}
	return ""
}

// requireOneOf reports a missing element, named after the first of names,
// when none of names is given.
func requireOneOf(v *schema.Values, names ...string) error {
	for _, name := range names {
		if v.Has(name) {
			return nil
		}
	}
	return &schema.ElementError{Element: names[0], Problem: "required: give <" + strings.Join(names, "> or <") + ">"}
}

// apiKey reveals the A2A API key: the request's api-key, or else the
// configuration's default.
func apiKey(call *adapter.Call) (string, error) {
	element, secret := elementAPIKey, call.Request.Secret(elementAPIKey)
	if secret.IsZero() {
		element, secret = "safeguard/"+elementAPIKey, call.Config.Secret(elementAPIKey)
	}
	if secret.IsZero() {
		return "", &schema.ElementError{Element: elementAPIKey, Problem: "required element is missing; give it in the request, or a default <api-key> in <safeguard>"}
	}
	return revealToken(call, element, secret)
}

// accessToken reveals the request's access-token, or "" when it gives none.
func accessToken(call *adapter.Call) (string, error) {
	secret := call.Request.Secret(elementAccessToken)
	if secret.IsZero() {
		return "", nil
	}
	return revealToken(call, elementAccessToken, secret)
}

// revealToken reveals a secret that travels in the Authorization header and
// checks it is one word of printable characters: white space would split it
// (the appliance reads "A2A k1 k2" as two keys) and a control character
// would break the header. The check never quotes the value.
func revealToken(call *adapter.Call, element string, secret schema.Secret) (string, error) {
	token, err := call.Reveal(element, secret)
	if err != nil {
		return "", err
	}
	if token == "" {
		return "", &schema.ElementError{Element: element, Problem: "is empty"}
	}
	for _, r := range token {
		if r <= ' ' || r == 0x7f {
			return "", &schema.ElementError{Element: element, Problem: "must not hold white space or control characters: it is sent as one word in the Authorization header"}
		}
	}
	return token, nil
}
