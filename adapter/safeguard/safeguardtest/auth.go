package safeguardtest

import (
	"net"
	"net/http"
	"net/netip"
	"strings"

	"github.com/pamadapter/pamadapter/internal/simserver"
)

// retrievalGrant is what a valid retrieval API key gives access to.
type retrievalGrant struct {
	registration Registration
	account      Account
}

// brokerGrant is what a valid broker API key gives access to.
type brokerGrant struct {
	registration Registration
	broker       Broker
}

// a2aKey returns the API key of an "A2A <key>" Authorization header (the
// scheme compared case-insensitively), or "".
func a2aKey(header string) string {
	scheme, key, _ := strings.Cut(strings.TrimSpace(header), " ")
	if !strings.EqualFold(scheme, "A2A") {
		return ""
	}
	return strings.TrimSpace(key)
}

// a2aCaller checks the first factor of every a2a call, the client
// certificate, and returns its thumbprint and the API key of the
// Authorization header.
func a2aCaller(r *http.Request) (thumbprint, key string, e *apiError) {
	cert := simserver.ClientCertificate(r)
	if cert == nil {
		return "", "", errAuthorizationDenied()
	}
	key = a2aKey(r.Header.Get("Authorization"))
	if key == "" {
		return "", "", errAuthorizationRequired()
	}
	return Thumbprint(cert), key, nil
}

// authorizeRetrieval authenticates an a2a Credentials call: a client
// certificate (else 401), and the API key of a retrievable account whose
// registration belongs to that certificate's user, is enabled, and whose
// account is enabled, called from an allowed address (else 403).
func (s *Server) authorizeRetrieval(r *http.Request) (retrievalGrant, *apiError) {
	thumbprint, key, e := a2aCaller(r)
	if e != nil {
		return retrievalGrant{}, e
	}
	st := &s.store
	st.lock()
	defer st.mu.Unlock()
	for _, ra := range st.retrievables {
		if ra.apiKey != key {
			continue
		}
		reg, ok := st.registrations[ra.registrationId]
		if !ok || !st.ownedBy(reg, thumbprint) || reg.Disabled {
			return retrievalGrant{}, errAuthorizationRequired()
		}
		acct, ok := st.accounts[ra.accountId]
		if !ok || acct.Disabled || !addressAllowed(r.RemoteAddr, ra.ipRestrictions) {
			return retrievalGrant{}, errAuthorizationRequired()
		}
		return retrievalGrant{reg, acct.clone()}, nil
	}
	return retrievalGrant{}, errAuthorizationRequired()
}

// authorizeBroker authenticates an a2a AccessRequests call like
// authorizeRetrieval, with the broker's API key.
func (s *Server) authorizeBroker(r *http.Request) (brokerGrant, *apiError) {
	thumbprint, key, e := a2aCaller(r)
	if e != nil {
		return brokerGrant{}, e
	}
	st := &s.store
	st.lock()
	defer st.mu.Unlock()
	for _, regID := range sortedKeys(st.brokers) {
		b := st.brokers[regID]
		if b.ApiKey != key {
			continue
		}
		reg, ok := st.registrations[regID]
		if !ok || !st.ownedBy(reg, thumbprint) || reg.Disabled || !addressAllowed(r.RemoteAddr, b.IpRestrictions) {
			return brokerGrant{}, errAuthorizationRequired()
		}
		return brokerGrant{reg, b.clone()}, nil
	}
	return brokerGrant{}, errAuthorizationRequired()
}

// ownedBy reports whether the certificate user of reg has the certificate of
// thumbprint; st.mu must be held.
func (st *store) ownedBy(reg Registration, thumbprint string) bool {
	u, ok := st.certUsers[reg.CertificateUserId]
	return ok && u.Thumbprint != "" && u.Thumbprint == thumbprint
}

// addressAllowed reports whether remoteAddr ("ip:port") is allowed by
// restrictions, IP addresses or CIDR prefixes; no restrictions allow all.
func addressAllowed(remoteAddr string, restrictions []string) bool {
	if len(restrictions) == 0 {
		return true
	}
	host, _, err := net.SplitHostPort(remoteAddr)
	if err != nil {
		host = remoteAddr
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return false
	}
	ip = ip.Unmap()
	for _, rule := range restrictions {
		rule = strings.TrimSpace(rule)
		if pfx, err := netip.ParsePrefix(rule); err == nil {
			if pfx.Contains(ip) {
				return true
			}
		} else if a, err := netip.ParseAddr(rule); err == nil && a.Unmap() == ip {
			return true
		}
	}
	return false
}

// coreCaller is who calls the core service.
type coreCaller struct {
	// all is true for a bearer-token user, who sees every registration.
	all bool
	// certUserId is the certificate user of a certificate-only caller.
	certUserId int
}

// authenticateCore authenticates a core call: "Authorization: Bearer
// <token>" with a token of AddAccessToken, or the client certificate of a
// certificate user with no Authorization header or an "A2A ..." one (such
// as "A2A NONE"). Anything else is 401 60094.
func (s *Server) authenticateCore(r *http.Request) (coreCaller, *apiError) {
	if h := strings.TrimSpace(r.Header.Get("Authorization")); h != "" {
		scheme, token, _ := strings.Cut(h, " ")
		switch {
		case strings.EqualFold(scheme, "Bearer"):
			st := &s.store
			st.lock()
			defer st.mu.Unlock()
			if _, ok := st.tokens[strings.TrimSpace(token)]; ok && strings.TrimSpace(token) != "" {
				return coreCaller{all: true}, nil
			}
			return coreCaller{}, errAuthorizationDenied()
		case !strings.EqualFold(scheme, "A2A"):
			return coreCaller{}, errAuthorizationDenied()
		}
	}
	cert := simserver.ClientCertificate(r)
	if cert == nil {
		return coreCaller{}, errAuthorizationDenied()
	}
	u, ok := s.store.certUserByThumbprint(Thumbprint(cert))
	if !ok {
		return coreCaller{}, errAuthorizationDenied()
	}
	return coreCaller{certUserId: u.Id}, nil
}

// sees reports whether caller may see reg.
func (caller coreCaller) sees(reg Registration) bool {
	return caller.all || (reg.CertificateUserId == caller.certUserId && reg.VisibleToCertificateUsers)
}
