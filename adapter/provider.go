// Package adapter turns one adapter request into one adapter response: it
// finds the provider and operation a request names, checks the request
// against the operation's elements, calls the vault through the provider,
// and writes the answer, with every secret sealed as <EncryptedData>.
//
// Providers live in their own packages (adapter/<vendor>) and are handed to
// New; this package knows none of them.
package adapter

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/sirupsen/logrus"

	"github.com/pamadapter/pamadapter/adapter/identity"
	"github.com/pamadapter/pamadapter/schema"
	"github.com/pamadapter/pamadapter/schema/xmlenc"
)

// Provider is one vault's adapter.
type Provider interface {
	// Name is the provider's name: its configuration section, and the
	// prefix of its request root ("cyberark" serves
	// <cyberark-adapter-request>).
	Name() string
	// ConfigSpec lists the elements of the provider's configuration section.
	ConfigSpec() *schema.Spec
	// Operations lists the operations the provider serves.
	Operations() []Operation
}

// Operation is one operation-name a provider serves.
type Operation struct {
	// Name is the <operation-name> value.
	Name string
	// Spec lists the request elements the operation takes, besides
	// <operation-name>.
	Spec *schema.Spec
	// Do calls the vault. Its error carries an adapter error code (see
	// Error); an error without one is reported as INTERNAL.
	Do func(ctx context.Context, call *Call) (*Answer, error)
}

// Call is everything an operation needs to serve one request.
type Call struct {
	// Operation is the operation's name.
	Operation string
	// Request holds the checked request elements; relative paths are
	// already resolved against the configuration folder.
	Request *schema.Values
	// Config holds the provider's configuration section (never nil).
	Config *schema.Values
	// Keyring seals secrets in answers and opens secret inputs.
	Keyring *xmlenc.Keyring
	// Identities loads client identities, decoding each store once.
	Identities *identity.Cache
	// IdentityDirs, when not empty, confines identity files a request
	// names to these folders (symbolic links resolved).
	IdentityDirs []string

	clients *clientCache
	// Log is the request's logger. Never give it a secret.
	Log logrus.FieldLogger
}

// Reveal returns the plain text of a secret element: its text, or its
// <EncryptedData> decrypted. element names it in errors (DECRYPT_FAILED).
func (c *Call) Reveal(element string, s schema.Secret) (string, error) {
	if s.Encrypted == "" {
		return s.Plain, nil
	}
	ed, err := xmlenc.ParseString(s.Encrypted)
	if err != nil {
		return "", Errorf(CodeDecryptFailed, "<%s>: %w", element, err)
	}
	plain, err := c.Keyring.Decrypt(ed)
	if err != nil {
		return "", Errorf(CodeDecryptFailed, "<%s>: %w", element, err)
	}
	return plain, nil
}

// Seal turns a secret into the XML text of an <EncryptedData> element.
func (c *Call) Seal(secret string) (string, error) {
	ed, err := c.Keyring.Encrypt(secret)
	if err != nil {
		return "", Errorf(CodeInternal, "cannot encrypt a secret from the answer: %w", err)
	}
	return ed.String(), nil
}

// SealJSON replaces the value of every member named in fields (at any
// depth) in a JSON body with its <EncryptedData>. It returns the body as it
// was when it is not JSON, with ok false.
func (c *Call) SealJSON(body []byte, fields ...string) (sealed []byte, n int, ok bool, err error) {
	isSecret := func(name string) bool { return slices.Contains(fields, name) }
	out, n, err := schema.SealJSON(body, isSecret, c.Seal)
	if err != nil {
		var je *schema.JSONError
		if errors.As(err, &je) {
			return body, 0, false, nil
		}
		return nil, 0, false, err
	}
	return out, n, true, nil
}

// Answer is the vault's answer to one call, secrets already sealed.
type Answer struct {
	// Target says what was called (method and URL without its query), for
	// the log.
	Target string
	// StatusCode and Reason are the status line as the server sent it.
	StatusCode int
	Reason     string
	// Headers are the response headers, one entry per header line.
	Headers []schema.Header
	// Body is the response body with every secret replaced.
	Body []byte
}

// HeaderLines turns an http.Header into header lines, names sorted, repeated
// headers repeated in the order received.
func HeaderLines(h http.Header) []schema.Header {
	names := make([]string, 0, len(h))
	for name := range h {
		names = append(names, name)
	}
	slices.Sort(names)
	lines := make([]schema.Header, 0, len(names))
	for _, name := range names {
		for _, v := range h[name] {
			lines = append(lines, schema.Header{Name: name, Value: v})
		}
	}
	return lines
}

// operation returns p's operation named name.
func operation(p Provider, name string) (Operation, error) {
	ops := p.Operations()
	for _, op := range ops {
		if op.Name == name {
			return op, nil
		}
	}
	names := make([]string, len(ops))
	for i, op := range ops {
		names[i] = op.Name
	}
	return Operation{}, &schema.ElementError{Element: "operation-name", Problem: fmt.Sprintf("unknown operation %q for <%s-adapter-request>; allowed: %s", name, p.Name(), strings.Join(names, ", "))}
}
