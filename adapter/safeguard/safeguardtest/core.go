package safeguardtest

import (
	"net/http"
	"slices"
)

// listRegistrations serves GET A2ARegistrations[?filter=&fields=]: the
// registrations the caller may see, by Id.
func (s *Server) listRegistrations(w http.ResponseWriter, c *call) {
	caller, e := s.authenticateCore(c.r)
	if e != nil {
		writeError(w, e)
		return
	}
	s.writeList(w, c, registrationSchema, func() []object {
		st := &s.store
		st.lock()
		defer st.mu.Unlock()
		var list []object
		for _, id := range sortedKeys(st.registrations) {
			if reg := st.registrations[id]; caller.sees(reg) {
				list = append(list, st.registrationObject(reg))
			}
		}
		return list
	})
}

// getRegistration serves GET A2ARegistrations/{id}[?fields=].
func (s *Server) getRegistration(w http.ResponseWriter, c *call) {
	caller, e := s.authenticateCore(c.r)
	if e != nil {
		writeError(w, e)
		return
	}
	fields, e := fieldsParam(c, registrationSchema)
	if e != nil {
		writeError(w, e)
		return
	}
	st := &s.store
	st.lock()
	reg, ok := st.registrations[c.id]
	var o object
	if ok && caller.sees(reg) {
		o = st.registrationObject(reg)
	}
	st.mu.Unlock()
	if o == nil {
		writeError(w, errObjectNotFound("A2ARegistration", c.id))
		return
	}
	writeJSON(w, http.StatusOK, project(o, fields))
}

// listRetrievableAccounts serves GET
// A2ARegistrations/{id}/RetrievableAccounts[?filter=&fields=]: the accounts
// retrievable under a registration the caller may see, by AccountId.
func (s *Server) listRetrievableAccounts(w http.ResponseWriter, c *call) {
	caller, e := s.authenticateCore(c.r)
	if e != nil {
		writeError(w, e)
		return
	}
	st := &s.store
	st.lock()
	reg, ok := st.registrations[c.id]
	visible := ok && caller.sees(reg)
	st.mu.Unlock()
	if !visible {
		writeError(w, errObjectNotFound("A2ARegistration", c.id))
		return
	}
	sc := retrievableSchema(c)
	s.writeList(w, c, sc, func() []object {
		st.lock()
		defer st.mu.Unlock()
		var ras []retrievable
		for _, ra := range st.retrievables {
			if ra.registrationId == c.id {
				ras = append(ras, ra)
			}
		}
		slices.SortStableFunc(ras, func(a, b retrievable) int { return a.accountId - b.accountId })
		var list []object
		for _, ra := range ras {
			acct, ok := st.accounts[ra.accountId]
			if !ok {
				continue
			}
			asset := st.assets[acct.AssetId]
			list = append(list, sc.build(
				acct.Id, acct.Name, acct.Description, acct.Disabled, ra.apiKey,
				asset.Id, asset.Name, "", asset.NetworkAddress, acct.DomainName,
				append([]string{}, ra.ipRestrictions...),
			))
		}
		return list
	})
}

// writeList validates the filter and fields parameters of c against sc,
// then answers 200 with the objects of load that match the filter, reduced
// to the selected fields.
func (s *Server) writeList(w http.ResponseWriter, c *call, sc schema, load func() []object) {
	cond, e := filterParam(c, sc)
	if e != nil {
		writeError(w, e)
		return
	}
	fields, e := fieldsParam(c, sc)
	if e != nil {
		writeError(w, e)
		return
	}
	list := []object{}
	for _, o := range load() {
		if cond == nil || cond.matches(o) {
			list = append(list, project(o, fields))
		}
	}
	writeJSON(w, http.StatusOK, list)
}

// registrationObject is the JSON of reg; st.mu must be held.
func (st *store) registrationObject(reg Registration) object {
	u := st.certUsers[reg.CertificateUserId]
	return registrationSchema.build(
		reg.Id, reg.AppName, reg.Description, reg.Disabled, reg.CertificateUserId,
		u.Name, u.Thumbprint, reg.VisibleToCertificateUsers, reg.BidirectionalEnabled,
	)
}
