package safeguardtest

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
)

// accessRequestTypes are the values of AccessRequestType.
var accessRequestTypes = []string{
	"Password", "SSHKey", "SSH", "RemoteDesktop", "RemoteDesktopApplication", "Telnet", "ApiKey", "File",
}

// accountRequestTypes are the request types that need an account.
var accountRequestTypes = []string{"Password", "SSHKey", "ApiKey"}

// Choices where the appliance's policy would decide.
const (
	defaultDurationMinutes = 120
	accessRequestIDPrefix  = "0155-1-18B1694CF1C0-"
)

// requestedForLayouts are the accepted spellings of RequestedFor; those
// without a zone are UTC.
var requestedForLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05",
}

// accessRequest is a bound broker request body.
type accessRequest struct {
	forUserId                          int
	forUser, forProvider               string
	assetId                            int
	assetName                          string
	accountId                          int
	accountName, accountDomainName     string
	accountAssetId                     int
	accountAssetName                   string
	requestType                        string
	isEmergency                        bool
	reasonCodeId                       int
	reasonCode, reasonComment, ticket  string
	requestedFor                       time.Time // zero: now
	durationMinutes                    int       // 0: the default
	hasAsset, hasAccount, hasAccountAt bool
}

// postAccessRequest serves POST AccessRequests: the access request broker
// creates an access request on behalf of a user and answers 201 with it.
func (s *Server) postAccessRequest(w http.ResponseWriter, c *call) {
	g, e := s.authorizeBroker(c.r)
	if e != nil {
		writeError(w, e)
		return
	}
	if !acceptedMediaType(w, c) {
		return
	}
	if len(c.body) == 0 {
		writeError(w, errInvalidOne("entity", "The entity field is required."))
		return
	}
	o, err := decodeObject(c.body)
	if err != nil {
		writeError(w, errInvalidOne("entity", err.Error()))
		return
	}
	var ms modelState
	req := bindAccessRequest(c, o, &ms)
	if !ms.empty() {
		writeError(w, errInvalid(&ms))
		return
	}
	now := s.now().UTC()
	created, e := s.store.createAccessRequest(&req, &g.broker)
	if e != nil {
		writeError(w, e)
		return
	}
	writeJSON(w, http.StatusCreated, created.object(c, now))
}

// bindAccessRequest reads the fields of a broker request body, named for
// the version of c, recording what is invalid in ms. Unknown members are
// ignored; null members count as absent.
func bindAccessRequest(c *call, o jsonObject, ms *modelState) accessRequest {
	key := func(name string) string { return "entity." + name }
	intField := func(name string, dst *int) bool {
		v, ok, err := o.int(name)
		if err != nil {
			ms.add(key(name), err.Error())
		}
		*dst = v
		return ok && v != 0
	}
	strField := func(name string, dst *string) bool {
		v, ok, err := o.str(name)
		if err != nil {
			ms.add(key(name), err.Error())
		}
		*dst = v
		return ok && v != ""
	}
	var r accessRequest
	hasUser := intField("ForUserId", &r.forUserId)
	hasUser = strField("ForUser", &r.forUser) || hasUser
	strField("ForProvider", &r.forProvider)
	r.hasAsset = intField(c.assetName("Id"), &r.assetId)
	r.hasAsset = strField(c.assetName("Name"), &r.assetName) || r.hasAsset
	r.hasAccount = intField("AccountId", &r.accountId)
	r.hasAccount = strField("AccountName", &r.accountName) || r.hasAccount
	strField("AccountDomainName", &r.accountDomainName)
	r.hasAccountAt = intField(c.accountAssetName("Id"), &r.accountAssetId)
	r.hasAccountAt = strField(c.accountAssetName("Name"), &r.accountAssetName) || r.hasAccountAt

	var rawType string
	if !strField("AccessRequestType", &rawType) {
		if _, _, err := o.str("AccessRequestType"); err == nil {
			ms.add(key("AccessRequestType"), "The AccessRequestType field is required.")
		}
	} else if t, ok := parseEnum(accessRequestTypes, rawType); ok {
		r.requestType = t
	} else {
		ms.add(key("AccessRequestType"), fmt.Sprintf("Error converting value %q to type 'AccessRequestType'.", rawType))
	}

	if v, _, err := o.bool("IsEmergency"); err != nil {
		ms.add(key("IsEmergency"), err.Error())
	} else {
		r.isEmergency = v
	}
	intField("ReasonCodeId", &r.reasonCodeId)
	strField("ReasonCode", &r.reasonCode)
	strField("ReasonComment", &r.reasonComment)
	strField("TicketNumber", &r.ticket)

	var rawFor string
	if strField("RequestedFor", &rawFor) {
		t, ok := parseRequestedFor(rawFor)
		if !ok {
			ms.add(key("RequestedFor"), fmt.Sprintf("Could not convert string to DateTime: %s.", rawFor))
		}
		r.requestedFor = t
	}

	for _, d := range []struct {
		name     string
		max, per int
	}{{"RequestedDurationDays", 31, 24 * 60}, {"RequestedDurationHours", 23, 60}, {"RequestedDurationMinutes", 59, 1}} {
		var v int
		intField(d.name, &v)
		if v < 0 || v > d.max {
			ms.add(key(d.name), fmt.Sprintf("The field %s must be between 0 and %d.", d.name, d.max))
		}
		r.durationMinutes += v * d.per
	}

	if !hasUser {
		ms.add(key("ForUser"), "The ForUser or ForUserId field is required.")
	}
	if !r.hasAsset && !r.hasAccount {
		ms.add(key(c.assetName("Id")), "The "+c.assetName("Id")+" or "+c.assetName("Name")+" field is required.")
	}
	if !r.hasAccount && slices.Contains(accountRequestTypes, r.requestType) {
		ms.add(key("AccountId"), "The AccountId or AccountName field is required for "+r.requestType+" requests.")
	}
	return r
}

// parseRequestedFor parses a RequestedFor date and time.
func parseRequestedFor(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range requestedForLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// createdRequest is an access request the broker created.
type createdRequest struct {
	id      string
	req     *accessRequest
	user    User
	asset   Asset
	account *Account
	state   string
}

// createAccessRequest resolves the user, asset and account of req, checks
// the user's entitlement and numbers the new request.
func (st *store) createAccessRequest(req *accessRequest, b *Broker) (*createdRequest, *apiError) {
	st.lock()
	defer st.mu.Unlock()
	user, e := st.resolveUser(req, b)
	if e != nil {
		return nil, e
	}
	var asset *Asset
	if req.hasAsset {
		if asset, e = st.resolveAsset(req.assetId, req.assetName); e != nil {
			return nil, e
		}
	}
	var account *Account
	if req.hasAccount {
		accountAsset := asset
		if req.hasAccountAt {
			if accountAsset, e = st.resolveAsset(req.accountAssetId, req.accountAssetName); e != nil {
				return nil, e
			}
		}
		if account, e = st.resolveAccount(req, accountAsset); e != nil {
			return nil, e
		}
		if asset == nil {
			a, ok := st.assets[account.AssetId]
			if !ok {
				return nil, errUnresolved(fmt.Sprintf("Unable to find an asset with Id %d.", account.AssetId))
			}
			asset = &a
		}
	}
	approved, ok := st.entitled(user.Id, req.requestType, asset, account)
	if !ok {
		return nil, errRequestTypeDenied()
	}
	st.accessSeq++
	cr := &createdRequest{
		id:      fmt.Sprintf("%s%04d", accessRequestIDPrefix, st.accessSeq),
		req:     req,
		user:    user,
		asset:   *asset,
		account: account,
		state:   "PendingApproval",
	}
	if approved {
		cr.state = "RequestAvailable"
	}
	return cr, nil
}

// object is the AccessRequest JSON of cr, named for the version of c; now
// is the creation time.
func (cr *createdRequest) object(c *call, now time.Time) object {
	r := cr.req
	requestedFor := r.requestedFor
	if requestedFor.IsZero() {
		requestedFor = now
	}
	duration := r.durationMinutes
	if duration == 0 {
		duration = defaultDurationMinutes
	}
	var accountID, accountName, accountDomain any
	if cr.account != nil {
		accountID, accountName, accountDomain = cr.account.Id, cr.account.Name, nullable(cr.account.DomainName)
	}
	var reasonCodeID, reasonCode any
	if r.reasonCodeId != 0 {
		reasonCodeID = r.reasonCodeId // the id wins over the name
	} else {
		reasonCode = nullable(r.reasonCode)
	}
	return object{
		{"Id", cr.id},
		{"AccessRequestType", r.requestType},
		{"State", cr.state},
		{"RequesterId", cr.user.Id},
		{"RequesterName", cr.user.Name},
		{c.assetName("Id"), cr.asset.Id},
		{c.assetName("Name"), cr.asset.Name},
		{"AccountId", accountID},
		{"AccountName", accountName},
		{"AccountDomainName", accountDomain},
		{"IsEmergency", r.isEmergency},
		{"ReasonCodeId", reasonCodeID},
		{"ReasonCode", reasonCode},
		{"ReasonComment", nullable(r.reasonComment)},
		{"TicketNumber", nullable(r.ticket)},
		{"CreatedOn", formatTime(now)},
		{"RequestedFor", formatTime(requestedFor)},
		{"DurationInMinutes", duration},
		{"ExpiresOn", formatTime(requestedFor.Add(time.Duration(duration) * time.Minute))},
	}
}

// nullable is s, or nil (JSON null) when s is empty.
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// formatTime formats t in UTC as RFC 3339.
func formatTime(t time.Time) string {
	return t.UTC().Format(time.RFC3339Nano)
}
