package adapter

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sirupsen/logrus"

	"github.com/pamadapter/pamadapter/adapter/identity"
	"github.com/pamadapter/pamadapter/config"
	"github.com/pamadapter/pamadapter/schema"
)

// Adapter serves adapter requests with a set of providers and one
// configuration.
type Adapter struct {
	providers  map[string]Provider
	identities *identity.Cache
	clients    clientCache
	// IdentityDirs, when not empty, confines the identity files requests
	// name to these folders (serve sets it from allowed-identity-dir).
	IdentityDirs []string
	cfg          *config.Config
	log          *logrus.Logger
	// MaxRequestBytes caps a request document (schema.DefaultMaxRequestBytes
	// when 0).
	MaxRequestBytes int64
}

// New makes an Adapter. Two providers with one name are a programming error.
func New(cfg *config.Config, log *logrus.Logger, providers ...Provider) (*Adapter, error) {
	byName := make(map[string]Provider, len(providers))
	for _, p := range providers {
		if _, dup := byName[p.Name()]; dup {
			return nil, fmt.Errorf("adapter: provider %q registered twice", p.Name())
		}
		byName[p.Name()] = p
	}
	return &Adapter{providers: byName, identities: identity.NewCache(), cfg: cfg, log: log}, nil
}

// ConfigSpecs maps each provider's configuration section to its spec, for
// config.Load.
func ConfigSpecs(providers ...Provider) map[string]*schema.Spec {
	specs := make(map[string]*schema.Spec, len(providers))
	for _, p := range providers {
		specs[p.Name()] = p.ConfigSpec()
	}
	return specs
}

// ServeReader reads one request document from r and answers it. It always
// returns a response; its exit status is ExitStatus(response).
func (a *Adapter) ServeReader(ctx context.Context, r io.Reader) *schema.Response {
	req, err := schema.ParseRequest(r, a.MaxRequestBytes)
	if err != nil {
		return a.fail(req.ResponseRoot(), logrus.Fields{}, err, 0)
	}
	return a.Serve(ctx, req)
}

// Outcome says which provider and operation served a request ("" when the
// request did not get that far), for metrics and access logs.
type Outcome struct {
	Provider, Operation string
}

// Serve answers one parsed request.
func (a *Adapter) Serve(ctx context.Context, req *schema.Request) *schema.Response {
	resp, _ := a.Handle(ctx, req)
	return resp
}

// Handle answers one parsed request and says who served it.
func (a *Adapter) Handle(ctx context.Context, req *schema.Request) (*schema.Response, Outcome) {
	var out Outcome
	start := time.Now()
	root := req.ResponseRoot()
	fields := logrus.Fields{"request": req.Root}
	p, op, call, err := a.prepare(req)
	if p != nil {
		fields["provider"] = p.Name()
		out.Provider = p.Name()
	}
	if op.Name != "" {
		fields["operation"] = op.Name
		out.Operation = op.Name
	}
	if err != nil {
		return a.fail(root, fields, err, time.Since(start)), out
	}
	call.Log = a.log.WithFields(fields)
	answer, err := a.do(ctx, op, call)
	if err != nil {
		return a.fail(root, fields, err, time.Since(start)), out
	}
	resp := &schema.Response{
		Root:       root,
		Status:     schema.StatusSuccess,
		StatusCode: answer.StatusCode,
		Reason:     answer.Reason,
		Headers:    contentLength(answer.Headers, len(answer.Body)),
		Body:       string(answer.Body),
	}
	if !schema.IsXMLText(resp.Body) {
		err := Errorf(CodeProviderProtocol, "the answer from %s holds bytes that are not UTF-8 text and cannot be carried in XML", answer.Target)
		return a.fail(root, fields, err, time.Since(start)), out
	}
	a.log.WithFields(fields).WithFields(logrus.Fields{
		"target":   answer.Target,
		"status":   answer.StatusCode,
		"duration": time.Since(start).Round(time.Millisecond).String(),
	}).Info("request served")
	a.debugResponse(fields, resp)
	return resp, out
}

// contentLength sets a Content-Length header line to the length of the
// body as delivered: sealing a secret makes the body longer than the vault
// sent it, and a workflow reading the header must not be misled.
func contentLength(headers []schema.Header, n int) []schema.Header {
	for i, h := range headers {
		if strings.EqualFold(h.Name, "Content-Length") {
			headers[i].Value = strconv.Itoa(n)
		}
	}
	return headers
}

// Close closes the idle connections the adapter keeps to vaults.
func (a *Adapter) Close() { a.clients.closeIdle() }

// prepare finds the provider and operation and checks the request elements.
func (a *Adapter) prepare(req *schema.Request) (Provider, Operation, *Call, error) {
	name, _ := strings.CutSuffix(req.Root, "-adapter-request")
	p, ok := a.providers[name]
	if !ok {
		return nil, Operation{}, nil, &schema.ElementError{Element: req.Root, Problem: "no provider serves this request; known roots: " + strings.Join(a.roots(), ", ")}
	}
	opName, rest, err := splitOperation(req.Fields)
	if err != nil {
		return p, Operation{}, nil, err
	}
	op, err := operation(p, opName)
	if err != nil {
		return p, Operation{}, nil, err
	}
	section := a.cfg.Section(p.Name())
	if section == nil {
		return p, op, nil, Errorf(CodeInvalidConfig, "the configuration file has no <%s> section; add one to use <%s>", p.Name(), req.Root)
	}
	values, err := op.Spec.Check(rest, "", a.cfg.Dir)
	if err != nil {
		return p, op, nil, err
	}
	return p, op, &Call{Operation: op.Name, Request: values, Config: section, Keyring: a.cfg.Keyring,
		Identities: a.identities, IdentityDirs: a.IdentityDirs, clients: &a.clients}, nil
}

// splitOperation takes <operation-name> out of fields.
func splitOperation(fields []schema.Field) (string, []schema.Field, error) {
	name := ""
	rest := make([]schema.Field, 0, len(fields))
	for _, f := range fields {
		if f.Name != "operation-name" {
			rest = append(rest, f)
			continue
		}
		if name != "" {
			return "", nil, &schema.ElementError{Element: "operation-name", Problem: "given more than once"}
		}
		if f.EncryptedData != "" {
			return "", nil, &schema.ElementError{Element: "operation-name", Problem: "holds <EncryptedData>, but only secret elements may be encrypted"}
		}
		name = strings.TrimSpace(f.Text)
	}
	if name == "" {
		return "", nil, &schema.ElementError{Element: "operation-name", Problem: "required element is missing"}
	}
	return name, rest, nil
}

// do runs the operation, turning a panic into INTERNAL so one bad answer
// cannot take a long-running process down.
func (a *Adapter) do(ctx context.Context, op Operation, call *Call) (answer *Answer, err error) {
	defer func() {
		if r := recover(); r != nil {
			// The panic value may quote data; log only its type.
			call.Log.WithField("panic", fmt.Sprintf("%T", r)).Error("operation panicked")
			answer, err = nil, Errorf(CodeInternal, "internal error in operation %s; see the log", op.Name)
		}
	}()
	answer, err = op.Do(ctx, call)
	if err == nil && answer == nil {
		err = Errorf(CodeInternal, "operation %s gave no answer", op.Name)
	}
	return answer, err
}

// fail logs err and makes its error response.
func (a *Adapter) fail(root string, fields logrus.Fields, err error, elapsed time.Duration) *schema.Response {
	code := CodeOf(err)
	text := ErrorText(err)
	entry := a.log.WithFields(fields).WithFields(logrus.Fields{"error_code": string(code), "error": text})
	if elapsed > 0 {
		entry = entry.WithField("duration", elapsed.Round(time.Millisecond).String())
	}
	if code == CodeInternal {
		entry.Error("request failed")
	} else {
		entry.Warn("request failed")
	}
	resp := schema.ErrorResponse(root, string(code), text)
	a.debugResponse(fields, resp)
	return resp
}

// ErrorText writes err on one line: the parts of a joined error (every
// problem of a request or configuration) separated by "; ".
func ErrorText(err error) string {
	var parts []string
	var collect func(error)
	collect = func(e error) {
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			for _, inner := range j.Unwrap() {
				collect(inner)
			}
			return
		}
		parts = append(parts, e.Error())
	}
	collect(err)
	return strings.Join(parts, "; ")
}

// debugResponse logs the response XML (secrets already sealed) at debug.
func (a *Adapter) debugResponse(fields logrus.Fields, resp *schema.Response) {
	if !a.log.IsLevelEnabled(logrus.DebugLevel) {
		return
	}
	a.log.WithFields(fields).WithField("response", string(resp.Bytes())).Debug("response")
}

// roots lists the request roots the adapter serves.
func (a *Adapter) roots() []string {
	roots := make([]string, 0, len(a.providers))
	for name := range a.providers {
		roots = append(roots, "<"+name+"-adapter-request>")
	}
	slices.Sort(roots)
	return roots
}

// IsCode reports whether err carries code.
func IsCode(err error, code Code) bool {
	var ae *Error
	return errors.As(err, &ae) && ae.Code == code
}

// IdentityDecodes counts the client identity stores the adapter has decoded
// (the second request with one identity decodes nothing).
func (a *Adapter) IdentityDecodes() int64 { return a.identities.Decodes() }
