package safeguardtest

import (
	"strings"
)

// fieldKind is the type of a property of a listed object.
type fieldKind int

// The property types.
const (
	kindInt fieldKind = iota
	kindString
	kindBool
	kindStrings // an array of strings
)

// fieldDef is one property of a listed object.
type fieldDef struct {
	name string
	kind fieldKind
}

// schema lists the properties of a listed object, in answer order: the
// names a filter or fields parameter may use.
type schema []fieldDef

// field returns the property called name, compared case-insensitively.
func (sc schema) field(name string) (fieldDef, bool) {
	for _, f := range sc {
		if strings.EqualFold(f.name, name) {
			return f, true
		}
	}
	return fieldDef{}, false
}

// registrationSchema describes an A2ARegistration.
var registrationSchema = schema{
	{"Id", kindInt},
	{"AppName", kindString},
	{"Description", kindString},
	{"Disabled", kindBool},
	{"CertificateUserId", kindInt},
	{"CertificateUser", kindString},
	{"CertificateUserThumbprint", kindString},
	{"VisibleToCertificateUsers", kindBool},
	{"BidirectionalEnabled", kindBool},
}

// retrievableSchema describes a RetrievableAccount in the version of c.
func retrievableSchema(c *call) schema {
	return schema{
		{"AccountId", kindInt},
		{"AccountName", kindString},
		{"AccountDescription", kindString},
		{"AccountDisabled", kindBool},
		{"ApiKey", kindString},
		{c.assetName("Id"), kindInt},
		{c.assetName("Name"), kindString},
		{c.assetName("Description"), kindString},
		{"NetworkAddress", kindString},
		{"DomainName", kindString},
		{"IpRestrictions", kindStrings},
	}
}

// build makes an object with the properties of sc, in order, from values in
// the same order.
func (sc schema) build(values ...any) object {
	o := make(object, len(sc))
	for i, f := range sc {
		o[i] = prop{f.name, values[i]}
	}
	return o
}

// fieldsParam returns the properties the fields parameter of c selects, in
// schema order, or nil for all of them; an unknown name is 400 70002.
func fieldsParam(c *call, sc schema) ([]string, *apiError) {
	raw, ok := queryValue(c.r.URL.Query(), "fields")
	if !ok || strings.TrimSpace(raw) == "" {
		return nil, nil
	}
	selected := make(map[string]bool)
	for _, name := range strings.Split(raw, ",") {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		f, ok := sc.field(name)
		if !ok {
			return nil, errFieldProperty(name)
		}
		selected[f.name] = true
	}
	var names []string
	for _, f := range sc {
		if selected[f.name] {
			names = append(names, f.name)
		}
	}
	return names, nil
}

// project returns o with only the properties names; nil names keep all.
func project(o object, names []string) object {
	if names == nil {
		return o
	}
	out := make(object, 0, len(names))
	for _, p := range o {
		for _, n := range names {
			if p.name == n {
				out = append(out, p)
				break
			}
		}
	}
	return out
}
