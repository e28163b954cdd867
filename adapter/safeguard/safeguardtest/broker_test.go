package safeguardtest_test

import (
	"encoding/json"
	"net/http"
	"reflect"
	"testing"
	"time"

	"github.com/pamadapter/pamadapter/adapter/safeguard/safeguardtest"
)

// clock is the pinned time of the broker tests.
var clock = time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)

// broker posts an access request body with the broker key on version.
func broker(t *testing.T, f *fixture, version, key, body string) answer {
	t.Helper()
	return send(t, f.Server, newClient(t, f.Server, f.app), call{method: http.MethodPost,
		path: "/service/a2a/" + version + "/AccessRequests", auth: a2a(key), contentType: "application/json", body: body})
}

func TestTheBrokerCreatesAnAccessRequestWithV4Names(t *testing.T) {
	t.Parallel()
	f := newFixture(t, safeguardtest.WithClock(func() time.Time { return clock }))
	body := `{"ForUserId":100,"ForUser":"carol","AssetId":1,"AssetName":"win01","AccountId":5,"AccountName":"admin",` +
		`"AccessRequestType":"password","IsEmergency":true,"ReasonCodeId":4,"ReasonCode":"Maintenance",` +
		`"ReasonComment":"patching","TicketNumber":"CHG-1","RequestedFor":"2026-03-05T10:00:00Z",` +
		`"RequestedDurationDays":1,"RequestedDurationHours":2,"RequestedDurationMinutes":3,"Unknown":{"x":1}}`
	a := broker(t, f, "v4", brokerKey, body)
	var got map[string]any
	decode(t, a, http.StatusCreated, &got)
	want := map[string]any{
		"Id": "0155-1-18B1694CF1C0-0001", "AccessRequestType": "Password", "State": "RequestAvailable",
		"RequesterId": 100.0, "RequesterName": "alice", "AssetId": 1.0, "AssetName": "linux01",
		"AccountId": 5.0, "AccountName": "root", "AccountDomainName": nil, "IsEmergency": true,
		"ReasonCodeId": 4.0, "ReasonCode": nil, "ReasonComment": "patching", "TicketNumber": "CHG-1",
		"CreatedOn": "2026-03-04T05:06:07Z", "RequestedFor": "2026-03-05T10:00:00Z",
		"DurationInMinutes": 1563.0, "ExpiresOn": "2026-03-06T12:03:00Z",
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got  %v\nwant %v", got, want)
	}
	wantKeys := []string{"Id", "AccessRequestType", "State", "RequesterId", "RequesterName", "AssetId", "AssetName",
		"AccountId", "AccountName", "AccountDomainName", "IsEmergency", "ReasonCodeId", "ReasonCode", "ReasonComment",
		"TicketNumber", "CreatedOn", "RequestedFor", "DurationInMinutes", "ExpiresOn"}
	if keys := keysOf(t, a.body); !reflect.DeepEqual(keys, wantKeys) {
		t.Fatalf("keys %v", keys)
	}
	if a.header.Get("Date") != "Wed, 04 Mar 2026 05:06:07 GMT" {
		t.Fatalf("Date %q", a.header.Get("Date"))
	}
	reqs := f.Requests()
	last := reqs[len(reqs)-1]
	var sent map[string]any
	if err := json.Unmarshal([]byte(last.Body), &sent); err != nil || sent["TicketNumber"] != "CHG-1" || last.Authorization != "A2A "+brokerKey {
		t.Fatalf("recorded %+v (%v)", last, err)
	}
}

func TestTheBrokerUsesSystemNamesBeforeV4(t *testing.T) {
	t.Parallel()
	f := newFixture(t, safeguardtest.WithClock(func() time.Time { return clock }))
	for _, version := range []string{"v3", "v2"} {
		t.Run(version+" reads SystemId and answers SystemId and SystemName", func(t *testing.T) {
			a := broker(t, f, version, brokerKey,
				`{"ForUser":"ALICE","ForProvider":"Local","SystemId":2,"SystemName":"linux01","AccessRequestType":"RemoteDesktop"}`)
			var got map[string]any
			decode(t, a, http.StatusCreated, &got)
			if got["SystemId"] != 2.0 || got["SystemName"] != "win01" || got["AccountId"] != nil ||
				got["State"] != "PendingApproval" || got["DurationInMinutes"] != 120.0 ||
				got["RequestedFor"] != "2026-03-04T05:06:07Z" || got["ExpiresOn"] != "2026-03-04T07:06:07Z" {
				t.Fatalf("got %v", got)
			}
			if _, ok := got["AssetId"]; ok {
				t.Fatalf("%s answers AssetId: %v", version, got)
			}
		})
	}
	t.Run("v3 resolves the account's asset by AccountSystemName", func(t *testing.T) {
		a := broker(t, f, "v3", brokerKey, `{"ForUserId":102,"AccountName":"root","AccountSystemName":"win01","AccessRequestType":"Password"}`)
		var got map[string]any
		decode(t, a, http.StatusCreated, &got)
		if got["AccountId"] != 9.0 || got["SystemId"] != 2.0 || got["RequesterName"] != "carol" {
			t.Fatalf("got %v", got)
		}
	})
	t.Run("v4 ignores SystemId, so the asset is missing", func(t *testing.T) {
		a := broker(t, f, "v4", brokerKey, `{"ForUserId":100,"SystemId":2,"AccessRequestType":"RemoteDesktop"}`)
		e := wantError(t, a, 400, 70000, "The request is invalid.")
		if len(e.ModelState["entity.AssetId"]) == 0 {
			t.Fatalf("ModelState %v", e.ModelState)
		}
	})
}

func TestBrokeredRequestsArePendingOrAvailableByEntitlement(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for _, tc := range []struct {
		name, body, state string
	}{
		{"an auto-approved account entitlement is available",
			`{"ForUserId":100,"AccountId":5,"AccessRequestType":"SSHKey"}`, "RequestAvailable"},
		{"an asset entitlement that needs approval is pending",
			`{"ForUserId":100,"AssetName":"10.0.0.2","AccessRequestType":"remotedesktop"}`, "PendingApproval"},
		{"a user in a brokered group is found by name",
			`{"ForUser":"bob","AssetName":"linux01","AccountName":"svc","AccessRequestType":"Password"}`, "PendingApproval"},
		{"an asset entitlement covers a session to the asset",
			`{"ForUser":"bob","AssetId":1,"AccessRequestType":"ssh"}`, "PendingApproval"},
		{"ForProvider picks one of two users of the same name",
			`{"ForUser":"carol","ForProvider":"local","AccountId":9,"AccessRequestType":"Password"}`, "RequestAvailable"},
		{"a domain name narrows the account and the account gives the asset",
			`{"ForUserId":100,"AccountName":"admin","AccountDomainName":"example","AccessRequestType":"RemoteDesktop"}`, "PendingApproval"},
		{"null members count as absent",
			`{"ForUserId":100,"ForUser":null,"AssetId":null,"AccountId":5,"AccessRequestType":"Password","TicketNumber":null}`, "RequestAvailable"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got map[string]any
			decode(t, broker(t, f, "v4", brokerKey, tc.body), http.StatusCreated, &got)
			if got["State"] != tc.state {
				t.Fatalf("got %v", got)
			}
		})
	}
}

func TestAccessRequestIdsCountUp(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for _, want := range []string{"0155-1-18B1694CF1C0-0001", "0155-1-18B1694CF1C0-0002"} {
		var got map[string]any
		decode(t, broker(t, f, "v4", brokerKey, `{"ForUserId":100,"AccountId":5,"AccessRequestType":"Password"}`), 201, &got)
		if got["Id"] != want {
			t.Fatalf("Id %v, want %s", got["Id"], want)
		}
	}
}

func TestBrokerErrors(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for _, tc := range []struct {
		name, key, body string
		status, code    int
		detail          string // a ModelState key for 70000, else a part of the message
	}{
		{"a retrieval key cannot broker", rootKey, `{"ForUserId":100,"AccountId":5,"AccessRequestType":"Password"}`, 403, 60108, "required"},
		{"an unknown key cannot broker", "nope", `{"ForUserId":100,"AccountId":5,"AccessRequestType":"Password"}`, 403, 60108, "required"},
		{"the broker of a disabled registration is refused", offBrokerKey, `{"ForUserId":100,"AccountId":5,"AccessRequestType":"Password"}`, 403, 60108, "required"},
		{"a missing AccessRequestType is invalid", brokerKey, `{"ForUserId":100,"AccountId":5}`, 400, 70000, "entity.AccessRequestType"},
		{"an unknown AccessRequestType is invalid", brokerKey, `{"ForUserId":100,"AccountId":5,"AccessRequestType":"Shell"}`, 400, 70000, "entity.AccessRequestType"},
		{"a missing user is invalid", brokerKey, `{"AccountId":5,"AccessRequestType":"Password"}`, 400, 70000, "entity.ForUser"},
		{"a missing target is invalid", brokerKey, `{"ForUserId":100,"AccessRequestType":"SSH"}`, 400, 70000, "entity.AssetId"},
		{"a password request needs an account", brokerKey, `{"ForUserId":100,"AssetId":1,"AccessRequestType":"Password"}`, 400, 70000, "entity.AccountId"},
		{"too many days are invalid", brokerKey, `{"ForUserId":100,"AccountId":5,"AccessRequestType":"Password","RequestedDurationDays":32}`, 400, 70000, "entity.RequestedDurationDays"},
		{"too many hours are invalid", brokerKey, `{"ForUserId":100,"AccountId":5,"AccessRequestType":"Password","RequestedDurationHours":24}`, 400, 70000, "entity.RequestedDurationHours"},
		{"too many minutes are invalid", brokerKey, `{"ForUserId":100,"AccountId":5,"AccessRequestType":"Password","RequestedDurationMinutes":60}`, 400, 70000, "entity.RequestedDurationMinutes"},
		{"negative minutes are invalid", brokerKey, `{"ForUserId":100,"AccountId":5,"AccessRequestType":"Password","RequestedDurationMinutes":-1}`, 400, 70000, "entity.RequestedDurationMinutes"},
		{"a malformed RequestedFor is invalid", brokerKey, `{"ForUserId":100,"AccountId":5,"AccessRequestType":"Password","RequestedFor":"tomorrow"}`, 400, 70000, "entity.RequestedFor"},
		{"a user id of the wrong type is invalid", brokerKey, `{"ForUserId":true,"AccountId":5,"AccessRequestType":"Password"}`, 400, 70000, "entity.ForUserId"},
		{"a body that is not an object is invalid", brokerKey, `["x"]`, 400, 70000, "entity"},
		{"an unknown user is not found", brokerKey, `{"ForUser":"zed","AccountId":5,"AccessRequestType":"Password"}`, 400, 60657, "Unable to find a user matching 'zed'"},
		{"a user the broker does not list is not found", brokerKey, `{"ForUserId":104,"AccountId":5,"AccessRequestType":"Password"}`, 400, 60657, "Unable to find a user matching '104'"},
		{"two users of the same name are ambiguous", brokerKey, `{"ForUser":"carol","AccountId":9,"AccessRequestType":"Password"}`, 400, 60657, "More than one user matches 'carol'"},
		{"an unknown asset id is not found", brokerKey, `{"ForUserId":100,"AssetId":99,"AccessRequestType":"SSH"}`, 400, 60657, "Unable to find an asset with Id 99"},
		{"an unknown asset name is not found", brokerKey, `{"ForUserId":100,"AssetName":"nowhere","AccessRequestType":"SSH"}`, 400, 60657, "Unable to find an asset matching 'nowhere'"},
		{"a network address of two assets is ambiguous", brokerKey, `{"ForUserId":100,"AssetName":"10.0.0.1","AccessRequestType":"SSH"}`, 400, 60657, "More than one asset matches '10.0.0.1'"},
		{"an account name on two assets is ambiguous", brokerKey, `{"ForUserId":100,"AccountName":"root","AccessRequestType":"Password"}`, 400, 60657, "More than one account matches 'root'"},
		{"an account that is not on the asset is not found", brokerKey, `{"ForUserId":100,"AssetId":2,"AccountName":"svc","AccessRequestType":"Password"}`, 400, 60657, "Unable to find an account matching 'svc'"},
		{"an account in another domain is not found", brokerKey, `{"ForUserId":100,"AccountName":"admin","AccountDomainName":"OTHER","AccessRequestType":"RemoteDesktop"}`, 400, 60657, "Unable to find an account matching 'admin'"},
		{"an unknown account id is not found", brokerKey, `{"ForUserId":100,"AccountId":99,"AccessRequestType":"Password"}`, 400, 60657, "Unable to find an account with Id 99"},
		{"a request type the user is not entitled to is refused", brokerKey, `{"ForUserId":100,"AccountId":5,"AccessRequestType":"ApiKey"}`, 400, 90408, "User is not authorized to use this request type."},
		{"an account the user is not entitled to is refused", brokerKey, `{"ForUserId":100,"AccountId":6,"AccessRequestType":"Password"}`, 400, 90408, "User is not authorized to use this request type."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := broker(t, f, "v4", tc.key, tc.body)
			if tc.code == 70000 {
				e := wantError(t, a, tc.status, tc.code, "The request is invalid.")
				if len(e.ModelState[tc.detail]) == 0 {
					t.Fatalf("ModelState %v has no %q", e.ModelState, tc.detail)
				}
				return
			}
			wantError(t, a, tc.status, tc.code, tc.detail)
		})
	}
	t.Run("a plain-text body is an unsupported media type", func(t *testing.T) {
		a := send(t, f.Server, newClient(t, f.Server, f.app), call{method: http.MethodPost,
			path: "/service/a2a/v4/AccessRequests", auth: a2a(brokerKey), contentType: "text/plain", body: "x"})
		if a.status != http.StatusUnsupportedMediaType {
			t.Fatalf("got %d %s", a.status, a.body)
		}
	})
}

func TestTheBrokersIPRestrictionsApply(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	const body = `{"ForUserId":100,"AccountId":5,"AccessRequestType":"Password"}`
	f.SetBroker(myAppID, safeguardtest.Broker{ApiKey: brokerKey, UserIds: []int{aliceID}, IpRestrictions: []string{"192.0.2.1"}})
	wantError(t, broker(t, f, "v4", brokerKey, body), 403, 60108, "Authorization is required for this request.")
	f.SetBroker(myAppID, safeguardtest.Broker{ApiKey: brokerKey, UserIds: []int{aliceID}, IpRestrictions: []string{"192.0.2.1", "127.0.0.1"}})
	if a := broker(t, f, "v4", brokerKey, body); a.status != http.StatusCreated {
		t.Fatalf("got %d %s", a.status, a.body)
	}
	a := send(t, f.Server, newClient(t, f.Server, f.other), call{method: http.MethodPost,
		path: "/service/a2a/v4/AccessRequests", auth: a2a(brokerKey), contentType: "application/json", body: body})
	wantError(t, a, 403, 60108, "Authorization is required for this request.")
}
