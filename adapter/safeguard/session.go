package safeguard

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"

	"github.com/pamadapter/pamadapter/adapter"
)

// session is one operation's connection to the appliance: the HTTP client
// (with the call's client certificate), the appliance URL and the API
// version. One session serves every call of an operation, so the lookups of
// a2a-get-api-key share one TLS connection.
type session struct {
	client  *http.Client
	baseURL string
	version apiVersion
}

// newSession loads the client identity and builds the HTTP client the way
// every provider does (adapter.NewHTTPClient, kept per identity by the
// adapter so connections are reused).
func newSession(call *adapter.Call) (*session, error) {
	cert, err := call.ClientIdentity()
	if err != nil {
		return nil, err
	}
	insecure := call.Config.Bool("insecure-skip-tls-verify", false)
	client, err := call.HTTPClient(adapter.ClientConfig{
		CAFile:             call.Config.Text("ca-file"),
		InsecureSkipVerify: insecure,
		Certificate:        cert,
		Timeout:            call.Config.Seconds("request-timeout", DefaultRequestTimeout),
	})
	if err != nil {
		return nil, err
	}
	if insecure {
		call.Log.Warn("insecure-skip-tls-verify is true: the appliance's server certificate is not checked")
	}
	return &session{client: client, baseURL: call.Config.Text("appliance-url"), version: versionOf(call)}, nil
}

// openA2A reveals the API key and opens a session for the a2a service.
func openA2A(call *adapter.Call) (*session, authorization, error) {
	key, err := apiKey(call)
	if err != nil {
		return nil, "", err
	}
	s, err := newSession(call)
	if err != nil {
		return nil, "", err
	}
	return s, a2aAuth(key), nil
}

// openCore reveals the access token, if the request gives one, and opens a
// session for the core service.
func openCore(call *adapter.Call) (*session, authorization, error) {
	token, err := accessToken(call)
	if err != nil {
		return nil, "", err
	}
	s, err := newSession(call)
	if err != nil {
		return nil, "", err
	}
	return s, bearerAuth(token), nil
}

// authorization is the value of the Authorization header, "" for none.
type authorization string

// a2aAuth authorises an a2a service call with an API key.
func a2aAuth(apiKey string) authorization { return authorization("A2A " + apiKey) }

// bearerAuth authorises a core service call with an access token; with no
// token the call relies on the client certificate alone.
func bearerAuth(token string) authorization {
	if token == "" {
		return ""
	}
	return authorization("Bearer " + token)
}

// do sends one request to the appliance and returns its answer unsealed.
// path is absolute (see apiVersion.a2a and apiVersion.core); query may be
// nil; body, when not nil, is sent as application/json.
func (s *session) do(ctx context.Context, method, path string, query url.Values, auth authorization, body []byte) (*adapter.Answer, error) {
	target := s.baseURL + path
	if len(query) > 0 {
		target += "?" + encodeQuery(query)
	}
	var reader io.Reader
	if body != nil {
		reader = bytes.NewReader(body)
	}
	req, err := http.NewRequest(method, target, reader)
	if err != nil {
		// The URL is the configured appliance-url plus our own path;
		// the error quotes neither a key nor a body.
		return nil, adapter.Errorf(adapter.CodeInvalidConfig, "appliance-url: %w", err)
	}
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if auth != "" {
		req.Header.Set("Authorization", string(auth))
	}
	return adapter.Fetch(ctx, s.client, req, adapter.DefaultMaxBodyBytes)
}
