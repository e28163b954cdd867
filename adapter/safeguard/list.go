package safeguard

import (
	"context"
	"net/http"
	"strconv"

	"github.com/pamadapter/pamadapter/adapter"
	"github.com/pamadapter/pamadapter/schema"
)

// elementRegistrationID names the registration whose accounts to list.
const elementRegistrationID = "registration-id"

// listSpec lists the elements of a2a-list-retrievable-accounts:
// registration-id (without it the registrations themselves are listed),
// access-token (secret; without it the client certificate alone
// authenticates), api-version and the identity elements.
func listSpec() *schema.Spec {
	return &schema.Spec{Elements: withIdentity(
		schema.Element{Name: elementRegistrationID, Kind: schema.KindInt},
		accessTokenElement,
		apiVersionElement,
	)}
}

// listRetrievableAccounts serves a2a-list-retrievable-accounts: GET
// /service/core/v<N>/A2ARegistrations, or with registration-id
// .../A2ARegistrations/{id}/RetrievableAccounts, whose ApiKey members are
// sealed. A registration is listed to its certificate user only when it is
// VisibleToCertificateUsers; an empty list is logged with that hint.
func listRetrievableAccounts(ctx context.Context, call *adapter.Call) (*adapter.Answer, error) {
	s, auth, err := openCore(call)
	if err != nil {
		return nil, err
	}
	resource := "A2ARegistrations"
	if call.Request.Has(elementRegistrationID) {
		resource = retrievableAccounts(call.Request.Int(elementRegistrationID, 0))
	}
	answer, err := s.do(ctx, http.MethodGet, s.version.core(resource), nil, auth, nil)
	if err != nil {
		return nil, err
	}
	answer, err = sealMembers(call, answer, jsonArray, resource)
	if err == nil && is2xx(answer) && isEmptyArray(answer.Body) {
		call.Log.Info("the appliance listed nothing: a registration is visible to its certificate user only when VisibleToCertificateUsers is on")
	}
	return answer, err
}

// retrievableAccounts is the core resource listing a registration's
// retrievable accounts.
func retrievableAccounts(registrationID int) string {
	return "A2ARegistrations/" + strconv.Itoa(registrationID) + "/RetrievableAccounts"
}
