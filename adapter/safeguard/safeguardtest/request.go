package safeguardtest

import (
	"net/http"

	"github.com/pamadapter/pamadapter/internal/simserver"
)

// Request is what the server recorded about one received request.
type Request struct {
	// Method is the HTTP method.
	Method string
	// Path is the decoded URL path, as sent (not case-folded).
	Path string
	// RawQuery is the query string as sent, without "?".
	RawQuery string
	// Body is the request body as received (at most 1 MiB).
	Body string
	// Authorization is the Authorization header as received.
	Authorization string
	// ClientThumbprint is the Thumbprint of the client certificate, or ""
	// when no certificate was presented.
	ClientThumbprint string
	// RemoteAddr is the client's "ip:port".
	RemoteAddr string
}

// newRequest records r, whose body was body.
func newRequest(r *http.Request, body []byte) Request {
	return Request{
		Method:           r.Method,
		Path:             r.URL.Path,
		RawQuery:         r.URL.RawQuery,
		Body:             string(body),
		Authorization:    r.Header.Get("Authorization"),
		ClientThumbprint: Thumbprint(simserver.ClientCertificate(r)),
		RemoteAddr:       r.RemoteAddr,
	}
}
