// Package safeguardtest is an in-process simulator of the application-to-
// application (A2A) service of One Identity Safeguard for Privileged
// Passwords (SPP), with the core-service endpoints an A2A client uses for
// discovery. It is used like net/http/httptest:
//
//	s, err := safeguardtest.NewServer()
//	if err != nil { ... }
//	defer s.Close()
//	id, err := s.IssueClientCertificate("billing")
//	s.AddCertificateUser(safeguardtest.CertificateUser{Id: 10, Name: "billing", Thumbprint: safeguardtest.Thumbprint(id.Cert)})
//	s.AddAsset(safeguardtest.Asset{Id: 1, Name: "linux01", NetworkAddress: "10.0.0.1"})
//	s.AddAccount(safeguardtest.Account{Id: 5, AssetId: 1, Name: "root", Password: "s3cr3t"})
//	s.AddRegistration(safeguardtest.Registration{Id: 3, AppName: "Billing", CertificateUserId: 10})
//	s.AddRetrievableAccount(3, 5, "api-key-1")
//	// GET s.URL + "/service/a2a/v4/Credentials?type=Password" with
//	// "Authorization: A2A api-key-1", over TLS with id.TLS as client
//	// certificate and s.CA.Pool() as RootCAs.
//
// The server listens on a loopback socket with HTTP/1.1 over TLS 1.2 or
// later and has its own test CA. It serves API versions v2, v3 and v4 of the
// "a2a" service (credential retrieval, write-back and the access request
// broker) and of the "core" service (A2ARegistrations and their
// RetrievableAccounts, with the filter and fields query parameters). Paths
// match case-insensitively; JSON names follow the version of the path (v2
// and v3 say "System" where v4 says "Asset").
//
// Errors have SPP's shape, {"Code":N,"Message":"...","InnerError":null}, plus
// "ModelState" for validation errors (Code 70000). Where the vendor's
// behaviour is not documented the simulator makes these choices:
//
//   - Unknown paths and API versions: 404 with an empty body. A known path
//     with another method: 405 with an Allow header and ASP.NET Web API's
//     {"Message":"The requested resource does not support http method 'X'."}.
//   - a2a service: no client certificate is 401 60094 "Authorization is
//     denied for this request."; every other authorization failure is 403
//     60108 "Authorization is required for this request.": a missing or
//     unknown API key, a certificate that is not the one of the
//     registration's certificate user (including a certificate that belongs
//     to no certificate user), a disabled registration or account, a source
//     address outside the IpRestrictions, a broker key used for credentials,
//     a retrieval key used for an access request, and write-back to a
//     registration without BidirectionalEnabled (checked after the body has
//     been bound). IpRestrictions entries are IP addresses or CIDR prefixes.
//   - Write-back bodies must be application/json (or text/json); any other
//     media type on a non-empty body is 415 with ASP.NET Web API's
//     {"Message":"The request entity's media type '...' is not supported for
//     this resource."}. A body that is empty, not JSON, or of the wrong JSON
//     type is 400 70000 with ModelState.
//   - Writing an SSH key replaces every stored format of the account's key
//     with the one written (the simulator cannot convert between formats);
//     the passphrase is not kept.
//   - Access request broker: the user, asset and account must each resolve to
//     exactly one object, otherwise 400 60657 with a message saying what was
//     not found or was ambiguous. A missing user, a missing target (no asset
//     and no account), a missing account for Password, SSHKey and ApiKey
//     requests, a missing or unknown AccessRequestType, out-of-range
//     durations and values of the wrong JSON type are 400 70000 with
//     ModelState keys "entity.<Field>". An AssetName matches asset names
//     first, then network addresses. An entitlement without AccountId covers
//     its asset and every account on it. Without a requested duration the
//     request lasts 120 minutes. Ids are "0155-1-18B1694CF1C0-" followed by a
//     four-digit counter starting at 0001.
//   - core service: a certificate that belongs to no certificate user, an
//     unknown bearer token and any other Authorization scheme are 401 60094.
//     An unknown registration, or one the caller may not see, is 404 60657.
//     An unknown filter operator is 400 70003 "Invalid filter operator - 'X'
//     is not a valid filter operator."; other malformed filters are 400
//     70000 with ModelState key "filter".
//
// Every answer carries a Date header from the server's clock and an
// X-Request-Id (a counter). The simulator writes secrets only into the
// answers that retrieve them and into the request log of Requests; it logs
// nothing.
package safeguardtest
