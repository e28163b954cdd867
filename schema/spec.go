package schema

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Kind says how an element's text is read.
type Kind int

// The kinds of element values.
const (
	// KindText is free text (leading and trailing white space removed).
	KindText Kind = iota
	// KindPath is a file path; a relative one is resolved against the
	// base folder given to Check (the configuration file's folder).
	KindPath
	// KindSeconds is a positive number of seconds, fractions allowed.
	KindSeconds
	// KindInt is a whole number of zero or more.
	KindInt
	// KindBool is true or false (any letter case).
	KindBool
	// KindEnum is one of Element.Allowed (any letter case; the value is
	// normalised to the allowed spelling).
	KindEnum
)

// Element describes one element an operation or section allows.
type Element struct {
	Name     string
	Kind     Kind
	Required bool
	// Secret elements accept plain text or an <EncryptedData> child. Their
	// values are never trimmed and never appear in error texts.
	Secret bool
	// Allowed lists the values of a KindEnum element.
	Allowed []string
	// Check, when set, vets the (trimmed, normalised) value; its error text
	// is shown after the element name.
	Check func(value string) error
	// Repeatable elements may be given more than once (see Values.All).
	Repeatable bool
}

// Exclusion says that element Name cannot be given together with any of With.
type Exclusion struct {
	Name string
	With []string
}

// Spec lists the elements of one operation, or of one configuration section.
type Spec struct {
	Elements   []Element
	Exclusions []Exclusion
	// CheckAll, when set, vets the values as a whole once every element
	// passed.
	CheckAll func(v *Values) error
}

// element returns the spec of the named element, or nil.
func (s *Spec) element(name string) *Element {
	for i := range s.Elements {
		if s.Elements[i].Name == name {
			return &s.Elements[i]
		}
	}
	return nil
}

// Names lists the allowed element names in spec order.
func (s *Spec) Names() []string {
	names := make([]string, len(s.Elements))
	for i, e := range s.Elements {
		names[i] = e.Name
	}
	return names
}

// Check vets fields against the spec and returns their values. Every
// problem is reported, each as a *ElementError naming its element (prefixed
// with scope and a slash when scope is not empty, as in "cyberark/ca-file"),
// joined with errors.Join. Relative KindPath values are resolved against
// baseDir when it is not empty.
func (s *Spec) Check(fields []Field, scope, baseDir string) (*Values, error) {
	v := &Values{fields: make(map[string]value, len(fields)), more: map[string][]value{}}
	var errs []error
	fail := func(name, format string, args ...any) {
		el := name
		if scope != "" {
			el = scope + "/" + name
		}
		errs = append(errs, &ElementError{Element: el, Problem: fmt.Sprintf(format, args...)})
	}
	seen := make(map[string]bool, len(fields))
	for _, f := range fields {
		spec := s.element(f.Name)
		if spec == nil {
			fail(f.Name, "unknown element; allowed here: %s", strings.Join(s.Names(), ", "))
			continue
		}
		// Counted whether or not the first one was good, so a repeat is
		// reported even after a bad value.
		if seen[f.Name] && !spec.Repeatable {
			fail(f.Name, "given more than once")
			continue
		}
		seen[f.Name] = true
		val, err := spec.read(f, baseDir)
		if err != nil {
			fail(f.Name, "%s", err.Error())
			continue
		}
		if _, again := v.fields[f.Name]; again {
			v.more[f.Name] = append(v.more[f.Name], val)
			continue
		}
		v.fields[f.Name] = val
		v.order = append(v.order, f.Name)
	}
	for _, e := range s.Elements {
		if e.Required && !v.Has(e.Name) && !s.failedAlready(errs, scope, e.Name) {
			fail(e.Name, "required element is missing")
		}
	}
	for _, x := range s.Exclusions {
		if !v.Has(x.Name) {
			continue
		}
		for _, other := range x.With {
			if v.Has(other) {
				fail(x.Name, "cannot be combined with <%s>", other)
			}
		}
	}
	if len(errs) == 0 && s.CheckAll != nil {
		if err := s.CheckAll(v); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return v, nil
}

// failedAlready reports whether errs already holds a problem with name, so a
// bad required element is not also reported missing.
func (s *Spec) failedAlready(errs []error, scope, name string) bool {
	want := name
	if scope != "" {
		want = scope + "/" + name
	}
	for _, err := range errs {
		var re *ElementError
		if errors.As(err, &re) && re.Element == want {
			return true
		}
	}
	return false
}

// read turns a field into a checked value.
func (e *Element) read(f Field, baseDir string) (value, error) {
	if f.EncryptedData != "" {
		if !e.Secret {
			return value{}, errors.New("holds <EncryptedData>, but only secret elements may be encrypted")
		}
		return value{encrypted: f.EncryptedData}, nil
	}
	text := f.Text
	if e.Secret {
		return value{text: text}, nil
	}
	text = strings.TrimSpace(text)
	switch e.Kind {
	case KindPath:
		if baseDir != "" && !filepath.IsAbs(text) {
			text = filepath.Join(baseDir, text)
		}
	case KindSeconds:
		// NaN fails both comparisons; a value too small to be one
		// nanosecond would become a zero duration, which means "no
		// timeout" to most users of it.
		secs, err := strconv.ParseFloat(text, 64)
		if err != nil || !(secs > 0 && secs <= 24*3600) || time.Duration(secs*float64(time.Second)) <= 0 {
			return value{}, fmt.Errorf("must be a number of seconds greater than 0 (at most 86400), not %q", text)
		}
	case KindInt:
		n, err := strconv.Atoi(text)
		if err != nil || n < 0 {
			return value{}, fmt.Errorf("must be a whole number of 0 or more, not %q", text)
		}
	case KindBool:
		switch strings.ToLower(text) {
		case "true", "false":
			text = strings.ToLower(text)
		default:
			return value{}, fmt.Errorf("must be true or false, not %q", text)
		}
	case KindEnum:
		i := slices.IndexFunc(e.Allowed, func(a string) bool { return strings.EqualFold(a, text) })
		if i < 0 {
			return value{}, fmt.Errorf("must be %s, not %q", orList(e.Allowed), text)
		}
		text = e.Allowed[i]
	}
	if e.Check != nil {
		if err := e.Check(text); err != nil {
			return value{}, err
		}
	}
	return value{text: text}, nil
}

// orList writes "a", "a or b", "a, b or c".
func orList(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}

// value is one checked element value.
type value struct {
	text      string
	encrypted string
}

// Values are the checked element values of one request or section.
type Values struct {
	fields map[string]value
	more   map[string][]value // the second and later values of repeatable elements
	order  []string
}

// Has reports whether the element was given.
func (v *Values) Has(name string) bool {
	if v == nil {
		return false
	}
	_, ok := v.fields[name]
	return ok
}

// Names lists the given elements in document order.
func (v *Values) Names() []string {
	if v == nil {
		return nil
	}
	return slices.Clone(v.order)
}

// Text returns the element's value, or "" when it was not given. For a
// secret element given as <EncryptedData> it returns "": use Secret.
func (v *Values) Text(name string) string {
	if v == nil {
		return ""
	}
	return v.fields[name].text
}

// All returns every value of a repeatable element in document order (the
// one value of any other element), nil when not given.
func (v *Values) All(name string) []string {
	if !v.Has(name) {
		return nil
	}
	all := []string{v.fields[name].text}
	for _, more := range v.more[name] {
		all = append(all, more.text)
	}
	return all
}

// Seconds returns a KindSeconds value as a duration, or def when not given.
func (v *Values) Seconds(name string, def time.Duration) time.Duration {
	if !v.Has(name) {
		return def
	}
	secs, err := strconv.ParseFloat(v.Text(name), 64)
	if err != nil {
		return def
	}
	return time.Duration(secs * float64(time.Second))
}

// Int returns a KindInt value, or def when not given.
func (v *Values) Int(name string, def int) int {
	if !v.Has(name) {
		return def
	}
	n, err := strconv.Atoi(v.Text(name))
	if err != nil {
		return def
	}
	return n
}

// Bool returns a KindBool value, or def when not given.
func (v *Values) Bool(name string, def bool) bool {
	if !v.Has(name) {
		return def
	}
	return v.Text(name) == "true"
}

// Secret returns a secret element's value: Plain for text, Encrypted (the XML
// of an <EncryptedData> element) otherwise. Both are empty when not given.
func (v *Values) Secret(name string) Secret {
	if v == nil {
		return Secret{}
	}
	f := v.fields[name]
	return Secret{Plain: f.text, Encrypted: f.encrypted}
}

// Secret is a secret element's value as given: plain text, or an
// <EncryptedData> element to decrypt. Its String and Format never print the
// plain text.
type Secret struct {
	Plain     string
	Encrypted string
}

// IsZero reports whether the secret was not given.
func (s Secret) IsZero() bool { return s.Plain == "" && s.Encrypted == "" }

// String implements fmt.Stringer without revealing the secret.
func (s Secret) String() string { return "[REDACTED]" }

// GoString implements fmt.GoStringer without revealing the secret.
func (s Secret) GoString() string { return "schema.Secret{[REDACTED]}" }

// Format implements fmt.Formatter so no verb reveals the secret.
func (s Secret) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		_, _ = f.Write([]byte(s.GoString()))
		return
	}
	_, _ = f.Write([]byte(s.String()))
}
