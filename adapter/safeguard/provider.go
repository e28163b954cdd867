// Package safeguard is the One Identity Safeguard for Privileged Passwords
// provider, for its Application to Application (A2A) service. It serves
// <safeguard-adapter-request> with five operations:
//
//   - a2a-retrieve-credential: GET /service/a2a/v<N>/Credentials?type=...
//     (a password, an SSH private key or API key secrets), sealed as
//     <EncryptedData>;
//   - a2a-set-credential: PUT .../Credentials/Password or
//     .../Credentials/SshKey?keyFormat=..., a JSON-encoded write-back;
//   - a2a-broker-access-request: POST .../AccessRequests on behalf of a user;
//   - a2a-list-retrievable-accounts: GET /service/core/v<N>/A2ARegistrations,
//     or one registration's RetrievableAccounts;
//   - a2a-get-api-key: finds the API key of a registration's account by
//     application, account and asset name, with two core lookups.
//
// Every call presents the client certificate (HTTP/1.1, renegotiation
// allowed: the appliance asks for it that way). The a2a service calls also
// send "Authorization: A2A <api-key>"; the core lookups send the certificate
// alone, or "Authorization: Bearer <access-token>" when the request gives
// one; request-timeout bounds each call. Answers are passed through with
// their status line and headers; every secret in them (the credential
// string, ClientSecret, ApiKey, PrivateKey) is replaced by its
// <EncryptedData>. The api-key, access-token and new-* inputs accept plain
// text or <EncryptedData>.
//
// api-version 2, 3 or 4 (default 4) selects the paths and the field names of
// that version: SystemId and SystemName up to 3, AssetId and AssetName from 4.
package safeguard

import (
	"github.com/pamadapter/pamadapter/adapter"
	"github.com/pamadapter/pamadapter/schema"
)

// The operation names of <safeguard-adapter-request>.
const (
	OperationRetrieveCredential      = "a2a-retrieve-credential"
	OperationSetCredential           = "a2a-set-credential"
	OperationBrokerAccessRequest     = "a2a-broker-access-request"
	OperationListRetrievableAccounts = "a2a-list-retrievable-accounts"
	OperationGetAPIKey               = "a2a-get-api-key"
)

// Provider serves <safeguard-adapter-request>.
type Provider struct{}

var _ adapter.Provider = Provider{}

// Name implements adapter.Provider.
func (Provider) Name() string { return "safeguard" }

// ConfigSpec implements adapter.Provider.
func (Provider) ConfigSpec() *schema.Spec { return configSpec() }

// Operations implements adapter.Provider.
func (Provider) Operations() []adapter.Operation {
	return []adapter.Operation{
		{Name: OperationRetrieveCredential, Spec: retrieveSpec(), Do: retrieveCredential},
		{Name: OperationSetCredential, Spec: setSpec(), Do: setCredential},
		{Name: OperationBrokerAccessRequest, Spec: brokerSpec(), Do: brokerAccessRequest},
		{Name: OperationListRetrievableAccounts, Spec: listSpec(), Do: listRetrievableAccounts},
		{Name: OperationGetAPIKey, Spec: getAPIKeySpec(), Do: getAPIKey},
	}
}
