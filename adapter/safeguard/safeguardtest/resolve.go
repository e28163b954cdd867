package safeguardtest

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// resolveUser finds the one user of req that b may request access for;
// st.mu must be held.
func (st *store) resolveUser(req *accessRequest, b *Broker) (User, *apiError) {
	brokered := func(u *User) bool {
		return slices.Contains(b.UserIds, u.Id) || slices.ContainsFunc(u.GroupIds, func(g int) bool {
			return slices.Contains(b.GroupIds, g)
		})
	}
	var found []User
	desc := req.forUser
	if req.forUserId != 0 {
		desc = strconv.Itoa(req.forUserId)
		if u, ok := st.users[req.forUserId]; ok && brokered(&u) {
			found = append(found, u)
		}
	} else {
		for _, id := range sortedKeys(st.users) {
			u := st.users[id]
			if strings.EqualFold(u.Name, req.forUser) && brokered(&u) &&
				(req.forProvider == "" || strings.EqualFold(u.provider(), req.forProvider)) {
				found = append(found, u)
			}
		}
	}
	switch len(found) {
	case 0:
		return User{}, errUnresolved("Unable to find a user matching '" + desc + "' that the application may request access for.")
	case 1:
		return found[0], nil
	}
	return User{}, errUnresolved("More than one user matches '" + desc + "'; specify ForUserId or ForProvider.")
}

// resolveAsset finds the asset of id or, when id is 0, the one asset whose
// name, else whose network address, is name; st.mu must be held.
func (st *store) resolveAsset(id int, name string) (*Asset, *apiError) {
	if id != 0 {
		a, ok := st.assets[id]
		if !ok {
			return nil, errUnresolved(fmt.Sprintf("Unable to find an asset with Id %d.", id))
		}
		return &a, nil
	}
	for _, matches := range []func(*Asset) bool{
		func(a *Asset) bool { return strings.EqualFold(a.Name, name) },
		func(a *Asset) bool { return strings.EqualFold(a.NetworkAddress, name) },
	} {
		var found []Asset
		for _, id := range sortedKeys(st.assets) {
			if a := st.assets[id]; matches(&a) {
				found = append(found, a)
			}
		}
		switch len(found) {
		case 0:
			continue
		case 1:
			return &found[0], nil
		}
		return nil, errUnresolved("More than one asset matches '" + name + "'.")
	}
	return nil, errUnresolved("Unable to find an asset matching '" + name + "'.")
}

// resolveAccount finds the account of req.accountId or, when it is 0, the
// one account named req.accountName (in req.accountDomainName when given)
// on asset, or on any asset when asset is nil; st.mu must be held.
func (st *store) resolveAccount(req *accessRequest, asset *Asset) (*Account, *apiError) {
	if req.accountId != 0 {
		a, ok := st.accounts[req.accountId]
		if !ok {
			return nil, errUnresolved(fmt.Sprintf("Unable to find an account with Id %d.", req.accountId))
		}
		return &a, nil
	}
	var found []Account
	for _, id := range sortedKeys(st.accounts) {
		a := st.accounts[id]
		if strings.EqualFold(a.Name, req.accountName) &&
			(asset == nil || a.AssetId == asset.Id) &&
			(req.accountDomainName == "" || strings.EqualFold(a.DomainName, req.accountDomainName)) {
			found = append(found, a)
		}
	}
	switch len(found) {
	case 0:
		return nil, errUnresolved("Unable to find an account matching '" + req.accountName + "'.")
	case 1:
		return &found[0], nil
	}
	return nil, errUnresolved("More than one account matches '" + req.accountName + "'.")
}

// entitled reports whether an entitlement lets user request typ on asset or
// account, and whether one of those entitlements approves automatically;
// st.mu must be held.
func (st *store) entitled(userId int, typ string, asset *Asset, account *Account) (approved, ok bool) {
	for _, e := range st.entitlements {
		if e.UserId != userId || !slices.ContainsFunc(e.RequestTypes, func(t string) bool { return strings.EqualFold(t, typ) }) {
			continue
		}
		if e.AccountId != 0 && (account == nil || account.Id != e.AccountId) {
			continue
		}
		if e.AccountId == 0 && e.AssetId != asset.Id {
			continue
		}
		ok = true
		approved = approved || e.AutoApprove
	}
	return approved, ok
}
