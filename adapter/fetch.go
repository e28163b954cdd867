package adapter

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Fetch sends req with client and reads the answer, at most maxBody bytes of
// body (DefaultMaxBodyBytes when maxBody <= 0). A failure to get an answer
// is an *Error: TIMEOUT, CONNECT_FAILED, TLS_FAILED or PROVIDER_PROTOCOL.
// The answer's Body is returned as received: the caller seals its secrets.
func Fetch(ctx context.Context, client *http.Client, req *http.Request, maxBody int64) (*Answer, error) {
	if maxBody <= 0 {
		maxBody = DefaultMaxBodyBytes
	}
	target := req.Method + " " + redactedURL(req)
	start := time.Now()
	resp, err := client.Do(req.WithContext(ctx))
	if err != nil {
		return nil, TransportError(err, req.URL.Host, client.Timeout, time.Since(start))
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	if err != nil {
		return nil, TransportError(err, req.URL.Host, client.Timeout, time.Since(start))
	}
	if int64(len(body)) > maxBody {
		return nil, Errorf(CodeProviderProtocol, "the answer from %s is larger than %d bytes", req.URL.Host, maxBody)
	}
	return &Answer{
		Target:     target,
		StatusCode: resp.StatusCode,
		Reason:     reasonPhrase(resp),
		Headers:    HeaderLines(resp.Header),
		Body:       body,
	}, nil
}

// redactedURL is the request URL without its query or user information.
func redactedURL(req *http.Request) string {
	u := *req.URL
	u.RawQuery, u.ForceQuery, u.User, u.Fragment = "", false, nil, ""
	return u.String()
}

// reasonPhrase is the reason phrase the server sent (Go keeps it in Status
// for HTTP/1.x).
func reasonPhrase(resp *http.Response) string {
	code := strconv.Itoa(resp.StatusCode)
	if reason, ok := strings.CutPrefix(resp.Status, code+" "); ok {
		return reason
	}
	if resp.Status == code {
		return ""
	}
	return http.StatusText(resp.StatusCode)
}

// TransportError classifies a failure to get an answer from host:
// TIMEOUT, TLS_FAILED, CONNECT_FAILED, or PROVIDER_PROTOCOL for a
// connection that broke after it was made.
func TransportError(err error, host string, timeout, elapsed time.Duration) *Error {
	var (
		unknownCA   x509.UnknownAuthorityError
		hostErr     x509.HostnameError
		invalidCert x509.CertificateInvalidError
		verifyErr   *tls.CertificateVerificationError
		recordErr   tls.RecordHeaderError
		alertErr    tls.AlertError
		netErr      net.Error
		opErr       *net.OpError
		dnsErr      *net.DNSError
	)
	switch {
	case errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &netErr) && netErr.Timeout()):
		within := ""
		if timeout > 0 {
			within = " within the request timeout of " + describeDuration(timeout)
		}
		return Errorf(CodeTimeout, "no answer from %s%s (waited %s); raise request-timeout or check the vault", host, within, elapsed.Round(time.Millisecond))
	case errors.Is(err, context.Canceled):
		return Errorf(CodeTimeout, "the request to %s was cancelled after %s", host, elapsed.Round(time.Millisecond))
	case errors.As(err, &unknownCA), errors.As(err, &verifyErr) && errors.As(verifyErr.Err, &unknownCA):
		return Errorf(CodeTLSFailed, "TLS with %s failed: its server certificate is not signed by a trusted CA; set ca-file to the CA bundle that issued it", host)
	case errors.As(err, &hostErr):
		return Errorf(CodeTLSFailed, "TLS with %s failed: its server certificate is not valid for that name (%v)", host, hostErr)
	case errors.As(err, &invalidCert):
		return Errorf(CodeTLSFailed, "TLS with %s failed: its server certificate is not valid: %v", host, invalidCert)
	case errors.As(err, &verifyErr):
		return Errorf(CodeTLSFailed, "TLS with %s failed: %v", host, verifyErr)
	case errors.As(err, &alertErr):
		return Errorf(CodeTLSFailed, "TLS with %s failed: the server refused the handshake (%v); check the client identity and that the vault trusts its CA", host, alertErr)
	case errors.As(err, &recordErr):
		return Errorf(CodeTLSFailed, "TLS with %s failed: the server did not answer in TLS; check that the configured URL uses https and the right port", host)
	case errors.As(err, &dnsErr):
		return Errorf(CodeConnectFailed, "cannot resolve %s: %v", host, dnsErr.Err)
	case errors.Is(err, syscall.ECONNREFUSED):
		return Errorf(CodeConnectFailed, "cannot connect to %s: connection refused", host)
	case errors.As(err, &opErr) && opErr.Op == "dial":
		return Errorf(CodeConnectFailed, "cannot connect to %s: %v", host, opErr.Err)
	case strings.Contains(err.Error(), "tls:"):
		return Errorf(CodeTLSFailed, "TLS with %s failed: %s", host, tlsReason(err))
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, syscall.ECONNRESET), errors.Is(err, os.ErrDeadlineExceeded):
		return Errorf(CodeProviderProtocol, "%s closed the connection before a complete answer", host)
	default:
		return Errorf(CodeConnectFailed, "cannot reach %s: %s", host, tlsReason(err))
	}
}

// tlsReason is the transport's own description of err, without the method
// and URL that *url.Error puts in front.
func tlsReason(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err.Error()
	}
	return err.Error()
}
