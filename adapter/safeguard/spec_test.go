package safeguard

import (
	"slices"
	"strings"
	"testing"

	"github.com/pamadapter/pamadapter/adapter/identity"
	"github.com/pamadapter/pamadapter/schema"
)

func TestEachOperationTakesOnlyItsOwnElements(t *testing.T) {
	identityNames := make([]string, len(identity.Elements))
	for i, e := range identity.Elements {
		identityNames[i] = e.Name
	}
	want := map[string][]string{
		OperationRetrieveCredential: {"api-key", "api-version", "credential-type", "key-format"},
		OperationSetCredential:      {"api-key", "api-version", "new-password", "new-private-key", "new-passphrase", "key-format"},
		OperationBrokerAccessRequest: {"api-key", "api-version", "for-user", "for-user-id", "for-provider",
			"asset-name", "asset-id", "system-name", "system-id", "account-name", "account-id", "access-request-type",
			"requested-for", "requested-duration-days", "requested-duration-hours", "requested-duration-minutes",
			"reason-code", "reason-code-id", "reason-comment", "is-emergency", "ticket-number"},
		OperationListRetrievableAccounts: {"registration-id", "access-token", "api-version"},
		OperationGetAPIKey:               {"app-name", "account-name", "asset-name", "system-name", "access-token", "api-version"},
	}
	ops := Provider{}.Operations()
	if len(ops) != len(want) {
		t.Fatalf("%d operations, want %d", len(ops), len(want))
	}
	for _, op := range ops {
		got := op.Spec.Names()
		if !slices.Equal(got, append(slices.Clone(want[op.Name]), identityNames...)) {
			t.Errorf("%s takes %v, want %v plus the identity elements", op.Name, got, want[op.Name])
		}
	}
}

func TestElementsThatDoNotApplyAreRefused(t *testing.T) {
	tests := []struct {
		name, operation, elements, wantErr string
	}{
		{"key-format with a password retrieval", OperationRetrieveCredential, `<key-format>OpenSsh</key-format>`,
			"<key-format>: applies only with <credential-type>PrivateKey</credential-type>"},
		{"a credential type the API does not have", OperationRetrieveCredential, `<credential-type>Token</credential-type>`,
			`<credential-type>: must be Password, PrivateKey or ApiKey, not "Token"`},
		{"a write-back without a new credential", OperationSetCredential, ``, "<new-password>: required: give <new-password> or <new-private-key>"},
		{"a password and a private key together", OperationSetCredential, `<new-password>a</new-password><new-private-key>b</new-private-key>`,
			"<new-password>: cannot be combined with <new-private-key>"},
		{"a passphrase without a private key", OperationSetCredential, `<new-passphrase>p</new-passphrase><new-password>x</new-password>`,
			"<new-password>: cannot be combined with <new-passphrase>"},
		{"a key format for a password write-back", OperationSetCredential, `<new-password>x</new-password><key-format>Putty</key-format>`,
			"<new-password>: cannot be combined with <key-format>"},
		{"an api-key for a core lookup", OperationGetAPIKey, `<app-name>A</app-name><account-name>r</account-name><asset-name>l</asset-name><api-key>k</api-key>`,
			"<api-key>: unknown element"},
		{"a lookup without an asset", OperationGetAPIKey, `<app-name>A</app-name><account-name>r</account-name>`,
			"<asset-name>: required: give <asset-name> or <system-name>"},
		{"a lookup with an asset and its alias", OperationGetAPIKey, `<app-name>A</app-name><account-name>r</account-name><asset-name>l</asset-name><system-name>l</system-name>`,
			"<asset-name>: cannot be combined with <system-name>"},
		{"a lookup without an application", OperationGetAPIKey, `<account-name>r</account-name><asset-name>l</asset-name>`,
			"<app-name>: required element is missing"},
		{"a registration id that is not a number", OperationListRetrievableAccounts, `<registration-id>abc</registration-id>`,
			"<registration-id>: must be a whole number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := check(operationSpec(t, tt.operation), tt.elements)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("got %v, want an error saying %q", err, tt.wantErr)
			}
		})
	}
}

// operationSpec is the spec of the named operation.
func operationSpec(t *testing.T, name string) *schema.Spec {
	t.Helper()
	for _, op := range (Provider{}).Operations() {
		if op.Name == name {
			return op.Spec
		}
	}
	t.Fatalf("no operation %s", name)
	return nil
}
