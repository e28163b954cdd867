package ccptest

import (
	"slices"
	"strings"
)

// creationMethod is what the simulated Vault reports for every account.
const creationMethod = "PVWA"

// defaultFolder is the Vault's top folder, used when none is given.
const defaultFolder = "Root"

// Account is a password object in the simulated Vault.
type Account struct {
	// Safe, Folder and Object (the account's "Name") locate the account;
	// an empty Folder means "Root".
	Safe, Folder, Object string
	// UserName, Address, Database, PolicyID and DeviceType are the standard
	// properties; empty ones are left out of answers.
	UserName, Address, Database, PolicyID, DeviceType string
	// Content is the secret. It is only ever written into the body of a
	// successful answer, and cannot be searched on.
	Content string
	// PasswordChangeInProcess reports that the CPM is changing the password.
	PasswordChangeInProcess bool
	// Properties are extra string properties, answered in order after the
	// standard ones and usable as Query keys.
	Properties []Property
}

// Property is an extra account property (a platform or file category).
type Property struct {
	// Name is the property name, for example "LogonDomain". It must differ
	// from the standard names (Content, Safe, Name, ...).
	Name string
	// Value is the property value.
	Value string
}

// standardNames are the property names the CCP answers itself, plus
// "Object", the request name of "Name".
var standardNames = []string{
	"Content", "CreationMethod", "Address", "Safe", "UserName", "Name", "Object",
	"PolicyID", "DeviceType", "Folder", "Database", "PasswordChangeInProcess",
}

// normalized returns a copy of a that owns its Properties, with the default
// folder filled in and unusable properties dropped.
func (a Account) normalized() Account {
	if a.Folder == "" {
		a.Folder = defaultFolder
	}
	props := make([]Property, 0, len(a.Properties))
	for _, p := range a.Properties {
		if p.Name == "" || isNamed(standardNames, p.Name) || slices.ContainsFunc(props, func(q Property) bool {
			return strings.EqualFold(q.Name, p.Name)
		}) {
			continue
		}
		props = append(props, p)
	}
	a.Properties = props
	return a
}

// sameObject reports whether a and b are the same Vault object.
func (a *Account) sameObject(b *Account) bool {
	return strings.EqualFold(a.Safe, b.Safe) &&
		strings.EqualFold(a.Folder, b.Folder) &&
		strings.EqualFold(a.Object, b.Object)
}

// property returns the value of the property named key (case-insensitive)
// for query matching; "" when the account has no such property. Content is
// deliberately not reachable.
func (a *Account) property(key string) string {
	switch strings.ToLower(key) {
	case "safe":
		return a.Safe
	case "folder":
		return a.Folder
	case "object", "name":
		return a.Object
	case "username":
		return a.UserName
	case "address":
		return a.Address
	case "database":
		return a.Database
	case "policyid":
		return a.PolicyID
	case "devicetype":
		return a.DeviceType
	case "creationmethod":
		return creationMethod
	case "passwordchangeinprocess":
		return boolString(a.PasswordChangeInProcess)
	}
	for _, p := range a.Properties {
		if strings.EqualFold(p.Name, key) {
			return p.Value
		}
	}
	return ""
}

// location is the account as the CCP names it in messages:
// "Safe=..;Folder=..;Object=..".
func (a *Account) location() string {
	return "Safe=" + a.Safe + ";Folder=" + a.Folder + ";Object=" + a.Object
}

// fields is the body of a successful answer, in the CCP's key order.
func (a *Account) fields() []field {
	f := make([]field, 0, 11+len(a.Properties))
	f = append(f, field{"Content", a.Content}, field{"CreationMethod", creationMethod})
	f = appendSet(f, "Address", a.Address)
	f = append(f, field{"Safe", a.Safe})
	f = appendSet(f, "UserName", a.UserName)
	f = append(f, field{"Name", a.Object})
	f = appendSet(f, "PolicyID", a.PolicyID)
	f = appendSet(f, "DeviceType", a.DeviceType)
	f = append(f, field{"Folder", a.Folder})
	f = appendSet(f, "Database", a.Database)
	f = append(f, field{"PasswordChangeInProcess", boolString(a.PasswordChangeInProcess)})
	for _, p := range a.Properties {
		f = append(f, field{p.Name, p.Value})
	}
	return f
}

// appendSet appends the field unless its value is empty.
func appendSet(f []field, name, value string) []field {
	if value == "" {
		return f
	}
	return append(f, field{name, value})
}

// boolString formats b the .NET way.
func boolString(b bool) string {
	if b {
		return "True"
	}
	return "False"
}

// isNamed reports whether names holds name, ignoring case.
func isNamed(names []string, name string) bool {
	return slices.ContainsFunc(names, func(n string) bool { return strings.EqualFold(n, name) })
}
