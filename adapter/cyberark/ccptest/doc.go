// Package ccptest is an in-process simulator of the CyberArk Central
// Credential Provider (CCP), the "AIM web service" that IIS hosts at
// GET /<web-service-name>/api/Accounts. It is used like net/http/httptest:
//
//	s, err := ccptest.NewServer()
//	if err != nil { ... }
//	defer s.Close()
//	s.AddApplication(ccptest.Application{AppID: "App1"})
//	s.AddAccount(ccptest.Account{Safe: "Safe1", Object: "db-admin", Content: "secret"})
//	id, err := s.IssueClientCertificate("App1")
//	// GET s.URL + "/AIMWebService/api/Accounts?AppID=App1&Safe=Safe1&Object=db-admin"
//	// over TLS with id.TLS as client certificate and s.CA.Pool() as RootCAs.
//
// The server listens on a loopback socket with HTTP/1.1 over TLS 1.2 or later,
// has its own test CA, and by default answers a request that carries no client
// certificate with IIS's HTML "403.7 Forbidden" page, as a CCP web application
// that requires client certificates does. It reproduces the documented
// parameter handling, authentication checks, error codes and messages, and
// the shape of successful answers (every value a JSON string, in a fixed key
// order), including IIS quirks such as case-insensitive paths and parameter
// names and "+" decoding to a space.
//
// The simulator writes account Content only into the response body that
// retrieves it; it logs nothing.
package ccptest
