package cyberark

import (
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/pamadapter/pamadapter/adapter"
	"github.com/pamadapter/pamadapter/adapter/identity"
	"github.com/pamadapter/pamadapter/schema"
)

// Defaults of the configuration section.
const (
	DefaultWebServiceName = "AIMWebService"
	DefaultRequestTimeout = 45 * time.Second
	// timeoutMargin is how much longer than the CCP's own connection-timeout
	// the adapter waits for its answer, so a slow Vault shows up as the
	// CCP's APPAP007E rather than as our TIMEOUT.
	timeoutMargin = 5 * time.Second
)

// searchFields maps the request's search elements to the CCP's query
// parameters, in the order they are sent.
var searchFields = []struct{ element, param string }{
	{"safe", "Safe"},
	{"folder", "Folder"},
	{"object", "Object"},
	{"username", "UserName"},
	{"address", "Address"},
	{"database", "Database"},
	{"policy-id", "PolicyID"},
}

// searchElements lists the search elements' names.
func searchElements() []string {
	names := make([]string, len(searchFields))
	for i, f := range searchFields {
		names[i] = f.element
	}
	return names
}

// configSpec lists the elements of the <cyberark> configuration section.
func configSpec() *schema.Spec {
	elements := []schema.Element{
		{Name: "aim-endpoint-url", Required: true, Check: checkEndpointURL},
		{Name: "web-service-name", Check: checkWebServiceName},
		{Name: "request-timeout", Kind: schema.KindSeconds},
		{Name: "ca-file", Kind: schema.KindPath},
		{Name: "insecure-skip-tls-verify", Kind: schema.KindBool},
	}
	return &schema.Spec{Elements: append(elements, identity.Elements...)}
}

// getPasswordSpec lists the elements of ccp-aim-get-password.
func getPasswordSpec() *schema.Spec {
	elements := []schema.Element{
		{Name: "app-id", Required: true},
		{Name: "query"},
	}
	for _, name := range searchElements() {
		elements = append(elements, schema.Element{Name: name, Check: checkSearchValue})
	}
	elements = append(elements,
		schema.Element{Name: "query-format", Kind: schema.KindEnum, Allowed: []string{"Exact", "Regexp"}},
		schema.Element{Name: "reason"},
		schema.Element{Name: "connection-timeout", Kind: schema.KindInt, Check: checkPositive},
		schema.Element{Name: "fail-request-on-password-change", Kind: schema.KindBool},
	)
	return &schema.Spec{
		Elements:   append(elements, identity.Elements...),
		Exclusions: []schema.Exclusion{{Name: "query", With: searchElements()}},
		CheckAll:   checkHasSearch,
	}
}

// checkHasSearch requires a query or at least one search element: the CCP
// refuses an AppID alone.
func checkHasSearch(v *schema.Values) error {
	if v.Has("query") || slices.ContainsFunc(searchElements(), v.Has) {
		return nil
	}
	return &schema.ElementError{Element: "query", Problem: "required: give <query>, or at least one of <" + strings.Join(searchElements(), ">, <") + ">"}
}

// checkSearchValue refuses a ';' in a search value: the CCP joins the
// values into "Safe=..;Object=.." and a ';' would add a term of its own.
func checkSearchValue(v string) error {
	if strings.Contains(v, ";") {
		return errors.New(`must not contain ";" (the CCP would read it as the start of another search term); use <query> for complex searches`)
	}
	return nil
}

// checkPositive refuses 0.
func checkPositive(v string) error {
	if v == "0" {
		return errors.New("must be at least 1 second")
	}
	return nil
}

// checkEndpointURL accepts "https://host[:port]" with no trailing slash
// (http:// too, as BMC's adapter does).
func checkEndpointURL(v string) error {
	return adapter.BaseURL{
		Example:   "https://ccp.example.com[:port]",
		PathHint:  "the adapter adds /<web-service-name>/api/Accounts itself; name the IIS application in <web-service-name>",
		AllowHTTP: true,
	}.Check(v)
}

// checkWebServiceName accepts an IIS application name.
func checkWebServiceName(v string) error {
	if strings.ContainsAny(v, "/\\?#") {
		return errors.New(`must be the IIS application's name alone (like AIMWebService), without "/", "\", "?" or "#"`)
	}
	return nil
}
