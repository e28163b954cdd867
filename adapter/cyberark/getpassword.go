package cyberark

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/pamadapter/pamadapter/adapter"
	"github.com/pamadapter/pamadapter/schema"
)

// secretFields are the members of a CCP answer that hold secrets.
var secretFields = []string{"Content"}

// getPassword serves ccp-aim-get-password:
// GET <aim-endpoint-url>/<web-service-name>/api/Accounts?AppID=...
func getPassword(ctx context.Context, call *adapter.Call) (*adapter.Answer, error) {
	cert, err := call.ClientIdentity()
	if err != nil {
		return nil, err
	}
	timeout := httpTimeout(call.Request, call.Config)
	client, err := call.HTTPClient(adapter.ClientConfig{
		CAFile:             call.Config.Text("ca-file"),
		InsecureSkipVerify: call.Config.Bool("insecure-skip-tls-verify", false),
		Certificate:        cert,
		Timeout:            timeout,
	})
	if err != nil {
		return nil, err
	}
	if client.Transport.(*http.Transport).TLSClientConfig.InsecureSkipVerify {
		call.Log.Warn("insecure-skip-tls-verify is true: the CCP's server certificate is not checked")
	}
	req, err := http.NewRequest(http.MethodGet, accountsURL(call.Request, call.Config), nil)
	if err != nil {
		return nil, adapter.Errorf(adapter.CodeInvalidConfig, "aim-endpoint-url: %v", err)
	}
	req.Header.Set("Accept", "application/json")
	answer, err := adapter.Fetch(ctx, client, req, adapter.DefaultMaxBodyBytes)
	if err != nil {
		return nil, err
	}
	return sealAnswer(call, answer)
}

// httpTimeout is request-timeout, made longer than the CCP's own
// connection-timeout when the request sets one.
func httpTimeout(req, cfg *schema.Values) time.Duration {
	timeout := cfg.Seconds("request-timeout", DefaultRequestTimeout)
	if req.Has("connection-timeout") {
		ccp := time.Duration(req.Int("connection-timeout", 0)) * time.Second
		if ccp+timeoutMargin > timeout {
			timeout = ccp + timeoutMargin
		}
	}
	return timeout
}

// accountsURL builds the Accounts URL with every value percent-encoded.
func accountsURL(req, cfg *schema.Values) string {
	service := cfg.Text("web-service-name")
	if service == "" {
		service = DefaultWebServiceName
	}
	var q queryBuilder
	q.add("AppID", req.Text("app-id"))
	for _, f := range searchFields {
		q.add(f.param, req.Text(f.element))
	}
	q.add("Query", req.Text("query"))
	q.add("QueryFormat", req.Text("query-format"))
	q.add("Reason", req.Text("reason"))
	q.add("ConnectionTimeout", req.Text("connection-timeout"))
	q.add("FailRequestOnPasswordChange", req.Text("fail-request-on-password-change"))
	return cfg.Text("aim-endpoint-url") + "/" + url.PathEscape(service) + "/api/Accounts?" + q.String()
}

// queryBuilder writes query parameters in the order added, each value
// percent-encoded (a space as %20, never '+', which IIS reads as a space).
type queryBuilder struct{ strings.Builder }

func (q *queryBuilder) add(name, value string) {
	if value == "" {
		return
	}
	if q.Len() > 0 {
		q.WriteByte('&')
	}
	q.WriteString(name)
	q.WriteByte('=')
	q.WriteString(strings.ReplaceAll(url.QueryEscape(value), "+", "%20"))
}

// sealAnswer replaces Content with its <EncryptedData>. A 2xx answer must
// be a JSON object; other answers (the CCP's error JSON, an IIS HTML page)
// are passed through with their status.
func sealAnswer(call *adapter.Call, answer *adapter.Answer) (*adapter.Answer, error) {
	ok2xx := answer.StatusCode >= 200 && answer.StatusCode <= 299
	if ok2xx && !isJSONObject(answer.Body) {
		return nil, adapter.Errorf(adapter.CodeProviderProtocol, "the CCP answered %d with a body that is not a JSON object (%d bytes); check aim-endpoint-url and web-service-name", answer.StatusCode, len(answer.Body))
	}
	body, sealed, isJSON, err := call.SealJSON(answer.Body, secretFields...)
	if err != nil {
		return nil, err
	}
	answer.Body = body
	log := call.Log.WithField("status", answer.StatusCode)
	switch {
	case ok2xx && sealed == 0:
		log.Warn("the CCP answer holds no Content member: no password was returned")
	case !ok2xx && isJSON:
		var ccpErr struct{ ErrorCode string }
		if json.Unmarshal(answer.Body, &ccpErr) == nil && ccpErr.ErrorCode != "" {
			log.WithField("ccp_error_code", ccpErr.ErrorCode).Info("the CCP refused the request")
		}
	case !ok2xx:
		log.Info("the CCP answered with a body that is not JSON (a web server error page?)")
	}
	return answer, nil
}

// isJSONObject reports whether body is one JSON object.
func isJSONObject(body []byte) bool {
	var obj map[string]json.RawMessage
	return json.Unmarshal(body, &obj) == nil
}
