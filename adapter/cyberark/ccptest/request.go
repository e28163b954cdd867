package ccptest

import (
	"crypto/x509"
	"net/http"

	"github.com/pamadapter/pamadapter/internal/simserver"
)

// Request is what the server recorded about one received request.
type Request struct {
	// Method is the HTTP method.
	Method string
	// Path is the decoded URL path.
	Path string
	// RawQuery is the query string as sent, without "?".
	RawQuery string
	// ClientSerial is the client certificate's serial number in lowercase hex,
	// or "" when no certificate was presented.
	ClientSerial string
	// RemoteAddr is the client's "ip:port".
	RemoteAddr string
}

// newRequest records r.
func newRequest(r *http.Request) Request {
	return Request{
		Method:       r.Method,
		Path:         r.URL.Path,
		RawQuery:     r.URL.RawQuery,
		ClientSerial: serialHex(simserver.ClientCertificate(r)),
		RemoteAddr:   r.RemoteAddr,
	}
}

// serialHex formats the serial number of cert as lowercase hex without
// separators, as the CCP reports it; "" for a nil cert.
func serialHex(cert *x509.Certificate) string {
	if cert == nil || cert.SerialNumber == nil {
		return ""
	}
	return cert.SerialNumber.Text(16)
}
