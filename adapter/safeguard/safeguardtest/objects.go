package safeguardtest

import (
	"maps"
	"slices"
	"strings"
)

// defaultProvider is the identity provider of a User without one.
const defaultProvider = "local"

// CertificateUser is an SPP user that authenticates with a client
// certificate (PrimaryAuthenticationProvider -2): the identity of an A2A
// application.
type CertificateUser struct {
	// Id is the user's database id.
	Id int
	// Name is the user name.
	Name string
	// Thumbprint is the SHA-1 thumbprint of the user's certificate, see
	// Thumbprint. It is compared ignoring case, spaces and colons.
	Thumbprint string
}

// User is an ordinary SPP user, the person an access request broker requests
// access for.
type User struct {
	// Id is the user's database id.
	Id int
	// Name is the user name, matched case-insensitively by ForUser.
	Name string
	// Provider is the identity provider name matched by ForProvider; ""
	// means "local".
	Provider string
	// GroupIds lists the user groups the user belongs to.
	GroupIds []int
}

// Asset is a managed system.
type Asset struct {
	// Id is the asset's database id.
	Id int
	// Name is the asset name.
	Name string
	// NetworkAddress is the asset's host name or IP address.
	NetworkAddress string
}

// Account is an account on an asset, with its stored credentials.
type Account struct {
	// Id is the account's database id.
	Id int
	// AssetId is the Id of the asset the account belongs to.
	AssetId int
	// Name is the account name, DomainName its directory domain (if any) and
	// Description free text.
	Name, DomainName, Description string
	// Disabled accounts cannot be retrieved by A2A.
	Disabled bool
	// Password is the stored password; "" means none is stored.
	Password string
	// SshKeys maps a key format ("OpenSsh", "Ssh2" or "Putty", matched
	// case-insensitively) to the private key text in that format.
	SshKeys map[string]string
	// ApiKeys are the API-key secrets of the account.
	ApiKeys []ApiKeySecret
}

// ApiKeySecret is one API-key secret of an account, as A2A returns it.
type ApiKeySecret struct {
	// Id is the API key's database id.
	Id int
	// Name and Description describe the API key.
	Name, Description string
	// ClientId, ClientSecret and ClientSecretId are the secret itself.
	ClientId, ClientSecret, ClientSecretId string
}

// Registration is an A2A registration: an application, identified by its
// certificate user, that may retrieve some accounts and broker access
// requests.
type Registration struct {
	// Id is the registration's database id.
	Id int
	// AppName and Description describe the application.
	AppName, Description string
	// CertificateUserId is the Id of the CertificateUser the application
	// authenticates as.
	CertificateUserId int
	// Disabled registrations refuse every A2A call.
	Disabled bool
	// VisibleToCertificateUsers lets the certificate user list the
	// registration and its retrievable accounts on the core service.
	VisibleToCertificateUsers bool
	// BidirectionalEnabled allows writing credentials back through A2A.
	BidirectionalEnabled bool
}

// Broker is the access request broker of a registration.
type Broker struct {
	// ApiKey is the broker's own API key, distinct from retrieval keys.
	ApiKey string
	// UserIds and GroupIds list the users, directly or through their
	// groups, that the application may request access for.
	UserIds, GroupIds []int
	// IpRestrictions, when not empty, lists the source addresses (IP
	// addresses or CIDR prefixes) the broker may be called from.
	IpRestrictions []string
}

// Entitlement lets a user request a type of access to an account (or an
// asset when AccountId is 0); AutoApprove decides State "RequestAvailable"
// (true) or "PendingApproval" (false).
type Entitlement struct {
	// UserId is the Id of the entitled User.
	UserId int
	// AssetId is the asset covered when AccountId is 0: the asset itself and
	// every account on it.
	AssetId int
	// AccountId is the account covered; 0 means the whole asset.
	AccountId int
	// RequestTypes lists the access request types granted, for example
	// "Password" or "RemoteDesktop", matched case-insensitively.
	RequestTypes []string
	// AutoApprove makes new requests available at once instead of pending
	// approval.
	AutoApprove bool
}

// clone returns a copy of a that shares no maps or slices with it, with the
// key formats of SshKeys spelled canonically where known.
func (a Account) clone() Account {
	keys := make(map[string]string, len(a.SshKeys))
	for f, k := range a.SshKeys {
		if canon, ok := parseEnum(keyFormats, f); ok {
			f = canon
		}
		keys[f] = k
	}
	a.SshKeys = keys
	a.ApiKeys = slices.Clone(a.ApiKeys)
	return a
}

// sshKey returns the stored key of format, matched case-insensitively.
func (a *Account) sshKey(format string) string {
	for f, k := range a.SshKeys {
		if strings.EqualFold(f, format) {
			return k
		}
	}
	return ""
}

// clone returns a copy of b that shares no slices with it.
func (b Broker) clone() Broker {
	b.UserIds = slices.Clone(b.UserIds)
	b.GroupIds = slices.Clone(b.GroupIds)
	b.IpRestrictions = slices.Clone(b.IpRestrictions)
	return b
}

// provider returns the user's identity provider name.
func (u *User) provider() string {
	if u.Provider == "" {
		return defaultProvider
	}
	return u.Provider
}

// sortedKeys returns the keys of m in ascending order.
func sortedKeys[V any](m map[int]V) []int {
	return slices.Sorted(maps.Keys(m))
}
