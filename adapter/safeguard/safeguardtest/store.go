package safeguardtest

import (
	"slices"
	"sync"
)

// maxRecorded bounds the request log of a long-running simulator; older
// requests are dropped first.
const maxRecorded = 10000

// retrievable is an account made retrievable under a registration.
type retrievable struct {
	registrationId, accountId int
	apiKey                    string
	ipRestrictions            []string
}

// store is the simulated appliance content and the request log, guarded by
// mu.
type store struct {
	mu            sync.Mutex
	certUsers     map[int]CertificateUser
	users         map[int]User
	assets        map[int]Asset
	accounts      map[int]Account
	registrations map[int]Registration
	retrievables  []retrievable // in the order they were added
	brokers       map[int]Broker
	entitlements  []Entitlement
	tokens        map[string]int
	requests      []Request
	requestSeq    int // last X-Request-Id
	accessSeq     int // last access request number
}

// init makes the maps of st; st.mu must be held.
func (st *store) init() {
	if st.certUsers != nil {
		return
	}
	st.certUsers = make(map[int]CertificateUser)
	st.users = make(map[int]User)
	st.assets = make(map[int]Asset)
	st.accounts = make(map[int]Account)
	st.registrations = make(map[int]Registration)
	st.brokers = make(map[int]Broker)
	st.tokens = make(map[string]int)
}

// lock locks st with its maps made; the caller must unlock st.mu.
func (st *store) lock() {
	st.mu.Lock()
	st.init()
}

// AddCertificateUser adds a certificate user, replacing any with the same Id.
func (s *Server) AddCertificateUser(u CertificateUser) {
	u.Thumbprint = normalizeThumbprint(u.Thumbprint)
	s.store.lock()
	defer s.store.mu.Unlock()
	s.store.certUsers[u.Id] = u
}

// AddUser adds a user, replacing any with the same Id.
func (s *Server) AddUser(u User) {
	u.GroupIds = slices.Clone(u.GroupIds)
	s.store.lock()
	defer s.store.mu.Unlock()
	s.store.users[u.Id] = u
}

// AddAsset adds an asset, replacing any with the same Id.
func (s *Server) AddAsset(a Asset) {
	s.store.lock()
	defer s.store.mu.Unlock()
	s.store.assets[a.Id] = a
}

// AddAccount adds an account with its credentials, replacing any with the
// same Id.
func (s *Server) AddAccount(a Account) {
	a = a.clone()
	s.store.lock()
	defer s.store.mu.Unlock()
	s.store.accounts[a.Id] = a
}

// AddRegistration adds an A2A registration, replacing any with the same Id
// (its retrievable accounts and broker stay).
func (s *Server) AddRegistration(r Registration) {
	s.store.lock()
	defer s.store.mu.Unlock()
	s.store.registrations[r.Id] = r
}

// AddRetrievableAccount makes account retrievable under a registration with
// its own API key.
//
// The key authenticates the a2a Credentials calls for that account, from the
// source addresses of ipRestrictions (IP addresses or CIDR prefixes) when
// any are given. Adding the same registration and account again replaces the
// key and the restrictions.
func (s *Server) AddRetrievableAccount(registrationId, accountId int, apiKey string, ipRestrictions ...string) {
	ra := retrievable{registrationId, accountId, apiKey, slices.Clone(ipRestrictions)}
	st := &s.store
	st.lock()
	defer st.mu.Unlock()
	for i := range st.retrievables {
		if st.retrievables[i].registrationId == registrationId && st.retrievables[i].accountId == accountId {
			st.retrievables[i] = ra
			return
		}
	}
	st.retrievables = append(st.retrievables, ra)
}

// SetBroker configures the access request broker of a registration,
// replacing any earlier one.
func (s *Server) SetBroker(registrationId int, b Broker) {
	b = b.clone()
	s.store.lock()
	defer s.store.mu.Unlock()
	s.store.brokers[registrationId] = b
}

// AddEntitlement lets a user request a type of access, as an access policy
// of an entitlement does.
func (s *Server) AddEntitlement(e Entitlement) {
	e.RequestTypes = slices.Clone(e.RequestTypes)
	s.store.lock()
	defer s.store.mu.Unlock()
	s.store.entitlements = append(s.store.entitlements, e)
}

// AddAccessToken makes a bearer token valid for the core service as the
// given user (PolicyAdmin/Auditor-like: may list every registration).
func (s *Server) AddAccessToken(token string, userId int) {
	s.store.lock()
	defer s.store.mu.Unlock()
	s.store.tokens[token] = userId
}

// Password returns the password currently stored for an account, "" when
// none is or the account is unknown. Tests use it to check write-back.
func (s *Server) Password(accountId int) string {
	s.store.lock()
	defer s.store.mu.Unlock()
	return s.store.accounts[accountId].Password
}

// SshKey returns the private key currently stored for an account in
// keyFormat (matched case-insensitively), "" when there is none.
func (s *Server) SshKey(accountId int, keyFormat string) string {
	s.store.lock()
	defer s.store.mu.Unlock()
	a := s.store.accounts[accountId]
	return a.sshKey(keyFormat)
}

// Requests returns the requests received so far, in order of arrival (the
// latest 10000 when there were more).
func (s *Server) Requests() []Request {
	s.store.mu.Lock()
	defer s.store.mu.Unlock()
	return slices.Clone(s.store.requests)
}

// record logs r and returns the X-Request-Id of its answer.
func (st *store) record(r Request) int {
	st.mu.Lock()
	defer st.mu.Unlock()
	if len(st.requests) == maxRecorded {
		st.requests = slices.Delete(st.requests, 0, 1)
	}
	st.requests = append(st.requests, r)
	st.requestSeq++
	return st.requestSeq
}

// certUserByThumbprint returns the certificate user whose certificate has
// thumbprint.
func (st *store) certUserByThumbprint(thumbprint string) (CertificateUser, bool) {
	st.lock()
	defer st.mu.Unlock()
	for _, id := range sortedKeys(st.certUsers) {
		if u := st.certUsers[id]; u.Thumbprint != "" && u.Thumbprint == thumbprint {
			return u, true
		}
	}
	return CertificateUser{}, false
}

// setPassword stores password for an account, if it exists.
func (st *store) setPassword(accountId int, password string) {
	st.lock()
	defer st.mu.Unlock()
	if a, ok := st.accounts[accountId]; ok {
		a.Password = password
		st.accounts[accountId] = a
	}
}

// setSshKey replaces the stored SSH keys of an account with key in format.
func (st *store) setSshKey(accountId int, format, key string) {
	st.lock()
	defer st.mu.Unlock()
	if a, ok := st.accounts[accountId]; ok {
		a.SshKeys = map[string]string{format: key}
		st.accounts[accountId] = a
	}
}
