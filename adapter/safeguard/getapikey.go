package safeguard

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/pamadapter/pamadapter/adapter"
	"github.com/pamadapter/pamadapter/schema"
)

// elementAppName names the A2A registration a2a-get-api-key looks in.
const elementAppName = "app-name"

// getAPIKeySpec lists the elements of a2a-get-api-key: app-name,
// account-name and asset-name (or its alias system-name), all required;
// access-token (secret; without it the client certificate alone
// authenticates), api-version and the identity elements.
func getAPIKeySpec() *schema.Spec {
	return &schema.Spec{
		Elements: withIdentity(
			schema.Element{Name: elementAppName, Required: true},
			schema.Element{Name: "account-name", Required: true},
			schema.Element{Name: elementAssetName},
			schema.Element{Name: elementSystemName},
			accessTokenElement,
			apiVersionElement,
		),
		Exclusions: []schema.Exclusion{{Name: elementAssetName, With: []string{elementSystemName}}},
		CheckAll: func(v *schema.Values) error {
			return requireOneOf(v, elementAssetName, elementSystemName)
		},
	}
}

// registration is the part of an A2A registration the lookup reads.
type registration struct {
	ID      int    `json:"Id"`
	AppName string `json:"AppName"`
}

// getAPIKey serves a2a-get-api-key with the seed's two lookups:
//
//  1. GET /service/core/v<N>/A2ARegistrations?filter=AppName eq '<app-name>'
//     finds the registration; exactly one must be named app-name;
//  2. GET .../A2ARegistrations/{id}/RetrievableAccounts?filter=AccountName
//     eq '<account-name>' and AssetName eq '<asset-name>'&fields=ApiKey
//     (SystemName before version 4) finds the account's API key.
//
// The answer is the second lookup's, its ApiKey sealed, so a workflow can
// hand the <EncryptedData> on to a2a-retrieve-credential as its api-key. A
// first lookup the appliance refuses is passed through as the answer. A
// first lookup that finds no registration, or several, is an
// INVALID_REQUEST error naming app-name: there is no account to look in,
// and the fix is in the request (or in the registration's
// VisibleToCertificateUsers). An empty second list is passed through and
// logged.
func getAPIKey(ctx context.Context, call *adapter.Call) (*adapter.Answer, error) {
	s, auth, err := openCore(call)
	if err != nil {
		return nil, err
	}
	appName := call.Request.Text(elementAppName)
	first, err := s.do(ctx, http.MethodGet, s.version.core("A2ARegistrations"), url.Values{"filter": {filterEq("AppName", appName)}}, auth, nil)
	if err != nil {
		return nil, err
	}
	if !is2xx(first) {
		return sealMembers(call, first, anyBody, "A2ARegistrations")
	}
	id, err := onlyRegistration(first, appName)
	if err != nil {
		return nil, err
	}
	call.Log.WithField("registration_id", id).Debug("A2A registration found")
	resource := retrievableAccounts(id)
	answer, err := s.do(ctx, http.MethodGet, s.version.core(resource), accountQuery(call.Request, s.version), auth, nil)
	if err != nil {
		return nil, err
	}
	answer, err = sealMembers(call, answer, jsonArray, resource)
	if err == nil && is2xx(answer) && isEmptyArray(answer.Body) {
		call.Log.WithField("registration_id", id).Warn("the registration holds no retrievable account with that account-name and asset-name: no API key found")
	}
	return answer, err
}

// accountQuery is the filter and fields of the retrievable account lookup.
func accountQuery(v *schema.Values, version apiVersion) url.Values {
	filter := filterAnd(
		filterEq("AccountName", v.Text("account-name")),
		filterEq(version.asset("Name"), v.Text(given(v, elementAssetName, elementSystemName))),
	)
	return url.Values{"filter": {filter}, "fields": {"ApiKey"}}
}

// onlyRegistration returns the id of the one registration named appName in
// a 2xx answer to the registrations lookup. The name is compared again
// here, so an appliance that ignored the filter cannot make the adapter
// pick another application's registration.
func onlyRegistration(answer *adapter.Answer, appName string) (int, error) {
	if err := checkShape(answer, jsonArray, "A2ARegistrations"); err != nil {
		return 0, err
	}
	var all []registration
	if err := json.Unmarshal(answer.Body, &all); err != nil {
		return 0, adapter.Errorf(adapter.CodeProviderProtocol, "the appliance's list of A2A registrations cannot be read: %s", describeJSON(err))
	}
	var ids []int
	for _, r := range all {
		if r.AppName == appName {
			ids = append(ids, r.ID)
		}
	}
	switch len(ids) {
	case 1:
		return ids[0], nil
	case 0:
		return 0, &schema.ElementError{Element: elementAppName, Problem: fmt.Sprintf("no A2A registration named %q is visible to this client: check the name, and that the registration is VisibleToCertificateUsers (or give an <access-token> that may read it)", appName)}
	default:
		return 0, &schema.ElementError{Element: elementAppName, Problem: fmt.Sprintf("%d A2A registrations are named %q (ids %v): the API key lookup needs exactly one", len(ids), appName, ids)}
	}
}

// describeJSON says why JSON could not be decoded into the expected type,
// without quoting the input.
func describeJSON(err error) string {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		return fmt.Sprintf("member %q holds a JSON %s", typeErr.Field, typeErr.Value)
	}
	return "it is not the expected JSON"
}
