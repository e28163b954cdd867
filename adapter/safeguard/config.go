package safeguard

import (
	"time"

	"github.com/pamadapter/pamadapter/adapter"
	"github.com/pamadapter/pamadapter/adapter/identity"
	"github.com/pamadapter/pamadapter/schema"
)

// DefaultRequestTimeout bounds one call to the appliance when the
// configuration sets no request-timeout.
const DefaultRequestTimeout = 30 * time.Second

// configSpec lists the elements of the <safeguard> configuration section:
//
//   - appliance-url (required): https://host[:port], no path, no slash at
//     the end; the adapter adds /service/<service>/v<N>/... itself;
//   - api-version: 2, 3 or 4 (default 4), which a request may override;
//   - request-timeout: seconds for one call, body included (default 30);
//   - ca-file: the CA bundle that issued the appliance's certificate
//     (default: the system's roots);
//   - insecure-skip-tls-verify: true turns server certificate checks off;
//   - api-key: a default A2A API key (secret) for requests that give none;
//   - the identity elements: the default client certificate.
func configSpec() *schema.Spec {
	elements := []schema.Element{
		{Name: "appliance-url", Required: true, Check: checkApplianceURL},
		apiVersionElement,
		{Name: "request-timeout", Kind: schema.KindSeconds},
		{Name: "ca-file", Kind: schema.KindPath},
		{Name: "insecure-skip-tls-verify", Kind: schema.KindBool},
		apiKeyElement,
	}
	return &schema.Spec{Elements: append(elements, identity.Elements...)}
}

// checkApplianceURL accepts "https://host[:port]" with no trailing slash.
// Plain http is refused: A2A authenticates with a client certificate, which
// only TLS carries.
func checkApplianceURL(v string) error {
	return adapter.BaseURL{
		Example:  "https://spp.example.com[:port]",
		PathHint: "the adapter adds /service/a2a/v<N>/... and /service/core/v<N>/... itself",
	}.Check(v)
}
