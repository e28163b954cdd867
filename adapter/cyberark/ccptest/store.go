package ccptest

import (
	"slices"
	"strings"
	"sync"
	"time"
)

// maxRecorded bounds the request log of a long-running simulator; older
// requests are dropped first.
const maxRecorded = 10000

// store is the simulated Vault content and the request log, guarded by mu.
type store struct {
	mu       sync.Mutex
	apps     map[string]Application // by lower-case AppID
	accounts []Account
	delay    time.Duration
	requests []Request
}

// AddApplication defines an application (AppID) in the simulated Vault,
// replacing any application with the same AppID (compared case-insensitively,
// like Vault user names).
func (s *Server) AddApplication(app Application) {
	app.AllowedSerials = slices.Clone(app.AllowedSerials)
	app.AllowedSubjects = slices.Clone(app.AllowedSubjects)
	app.AllowedAddresses = slices.Clone(app.AllowedAddresses)
	st := &s.store
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.apps == nil {
		st.apps = make(map[string]Application)
	}
	st.apps[strings.ToLower(app.AppID)] = app
}

// AddAccount stores an account in the simulated Vault, replacing any account
// with the same Safe, Folder and Object (compared case-insensitively). An
// empty Folder means "Root". Properties without a name, named like a standard
// property, or repeating an earlier name are dropped.
func (s *Server) AddAccount(a Account) {
	a = a.normalized()
	st := &s.store
	st.mu.Lock()
	defer st.mu.Unlock()
	for i := range st.accounts {
		if st.accounts[i].sameObject(&a) {
			st.accounts[i] = a
			return
		}
	}
	st.accounts = append(st.accounts, a)
}

// SetDelay makes every later Accounts request that reaches the Vault wait d
// before it is answered, as with a slow Vault; zero or less means no delay.
// Malformed requests (AIMWS030E, AIMWS031E) are answered at once. A waiting
// request stops when its client goes away or the server closes. When d is
// longer than the request's ConnectionTimeout (default 30 seconds), the CCP
// gives up after ConnectionTimeout with APPAP007E, as the real one does.
func (s *Server) SetDelay(d time.Duration) {
	s.store.setDelay(d)
}

// Requests returns the requests received so far, in order of arrival. A
// long-running simulator keeps only the most recent ones: at least the
// latest 5000 once more than 10000 have arrived.
func (s *Server) Requests() []Request {
	st := &s.store
	st.mu.Lock()
	defer st.mu.Unlock()
	return slices.Clone(st.requests)
}

func (st *store) setDelay(d time.Duration) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.delay = max(d, 0)
}

func (st *store) currentDelay() time.Duration {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.delay
}

// record keeps r, dropping the older half of the record when it is full
// (one copy per maxRecorded/2 requests, so recording stays cheap under
// load).
func (st *store) record(r Request) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if len(st.requests) >= maxRecorded {
		st.requests = slices.Delete(st.requests, 0, maxRecorded/2)
	}
	st.requests = append(st.requests, r)
}

// application returns the application named appID.
func (st *store) application(appID string) (Application, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	app, ok := st.apps[strings.ToLower(appID)]
	return app, ok
}

// find returns copies of at most limit accounts that m matches, in the order
// they were added.
func (st *store) find(m *matcher, limit int) []Account {
	st.mu.Lock()
	defer st.mu.Unlock()
	var found []Account
	for i := range st.accounts {
		if len(found) == limit {
			break
		}
		if m.matches(&st.accounts[i]) {
			found = append(found, st.accounts[i])
		}
	}
	return found
}
