// Package cyberark is the CyberArk Central Credential Provider (CCP, the
// "AIM web service") provider: operation ccp-aim-get-password fetches an
// account's password over mutual TLS and seals it as <EncryptedData>.
package cyberark

import (
	"github.com/pamadapter/pamadapter/adapter"
	"github.com/pamadapter/pamadapter/schema"
)

// OperationGetPassword is the one CCP operation.
const OperationGetPassword = "ccp-aim-get-password"

// Provider serves <cyberark-adapter-request>.
type Provider struct{}

var _ adapter.Provider = Provider{}

// Name implements adapter.Provider.
func (Provider) Name() string { return "cyberark" }

// ConfigSpec implements adapter.Provider.
func (Provider) ConfigSpec() *schema.Spec { return configSpec() }

// Operations implements adapter.Provider.
func (Provider) Operations() []adapter.Operation {
	return []adapter.Operation{{
		Name: OperationGetPassword,
		Spec: getPasswordSpec(),
		Do:   getPassword,
	}}
}
