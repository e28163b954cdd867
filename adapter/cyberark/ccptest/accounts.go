package ccptest

import (
	"net/http"
	"net/netip"

	"github.com/pamadapter/pamadapter/internal/simserver"
)

// serveAccounts answers GET .../api/Accounts: it validates the parameters,
// then, after the Vault delay, authenticates the application and searches
// the accounts.
func (s *Server) serveAccounts(w http.ResponseWriter, r *http.Request) {
	p, cerr := parseParams(r.URL.RawQuery)
	if cerr != nil {
		s.writeError(w, cerr)
		return
	}
	srch, cerr := newSearch(p)
	if cerr != nil {
		s.writeError(w, cerr)
		return
	}
	s.answerFromVault(w, r, p, srch)
}

// answerFromVault waits for the simulated Vault and writes its answer.
func (s *Server) answerFromVault(w http.ResponseWriter, r *http.Request, p *params, srch *search) {
	switch s.waitForVault(r.Context(), p.connectionTimeout) {
	case vaultGone:
		return
	case vaultTimedOut:
		s.writeError(w, errVaultTimeout())
		return
	}
	acct, cerr := s.retrieve(p, srch, callerOf(r))
	if cerr != nil {
		s.writeError(w, cerr)
		return
	}
	s.writeJSON(w, http.StatusOK, acct.fields())
}

// retrieve does what the Vault does for a request: it checks the
// application and its authentication rules, then finds exactly one account.
func (s *Server) retrieve(p *params, srch *search, c caller) (*Account, *ccpError) {
	app, ok := s.store.application(p.appID)
	if !ok {
		return nil, errAppNotDefined(p.appID)
	}
	if app.Disabled {
		return nil, errAppSuspended(p.appID)
	}
	if cerr := app.authenticate(p.appID, c); cerr != nil {
		return nil, cerr
	}
	found := s.store.find(srch.matcher, 2)
	switch {
	case len(found) == 0:
		return nil, errNotFound(srch.text)
	case len(found) > 1:
		return nil, errTooMany(srch.text, &found[0], &found[1])
	case found[0].PasswordChangeInProcess && p.failOnChange:
		return nil, errPasswordChanging(found[0].Object)
	}
	return &found[0], nil
}

// callerOf collects the authentication evidence of r.
func callerOf(r *http.Request) caller {
	c := caller{host: r.RemoteAddr, cert: simserver.ClientCertificate(r)}
	if ap, err := netip.ParseAddrPort(r.RemoteAddr); err == nil {
		c.addr = ap.Addr().Unmap()
	} else if a, err := netip.ParseAddr(r.RemoteAddr); err == nil {
		c.addr = a.Unmap()
	}
	if c.addr.IsValid() {
		c.host = c.addr.String()
	}
	return c
}
