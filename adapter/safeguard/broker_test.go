package safeguard

import (
	"strings"
	"testing"
)

func TestBrokerBodiesUseTheFieldNamesOfTheVersion(t *testing.T) {
	all := `<for-user>alice</for-user><for-provider>local</for-provider><asset-name>linux01</asset-name>
<account-name>root</account-name><access-request-type>sshkey</access-request-type>
<requested-for>2026-11-23T14:30:00+02:00</requested-for><requested-duration-days>1</requested-duration-days>
<requested-duration-hours>2</requested-duration-hours><requested-duration-minutes>30</requested-duration-minutes>
<reason-code>Maintenance</reason-code><reason-comment>patch &amp; reboot</reason-comment><is-emergency>TRUE</is-emergency>
<ticket-number>CHG-42</ticket-number>`
	ids := `<for-user-id>7</for-user-id><system-id>3</system-id><account-id>5</account-id><access-request-type>Password</access-request-type><reason-code-id>2</reason-code-id>`
	tests := []struct {
		name     string
		version  apiVersion
		elements string
		want     string
	}{
		{"every field by name in version 4", 4, all,
			`{"ForUser":"alice","ForProvider":"local","AssetName":"linux01","AccountName":"root","AccessRequestType":"SSHKey","RequestedFor":"2026-11-23T12:30:00Z","RequestedDurationDays":1,"RequestedDurationHours":2,"RequestedDurationMinutes":30,"ReasonCode":"Maintenance","ReasonComment":"patch & reboot","IsEmergency":true,"TicketNumber":"CHG-42"}`},
		{"every field by name in version 3", 3, all,
			`{"ForUser":"alice","ForProvider":"local","SystemName":"linux01","AccountName":"root","AccessRequestType":"SSHKey","RequestedFor":"2026-11-23T12:30:00Z","RequestedDurationDays":1,"RequestedDurationHours":2,"RequestedDurationMinutes":30,"ReasonCode":"Maintenance","ReasonComment":"patch & reboot","IsEmergency":true,"TicketNumber":"CHG-42"}`},
		{"a requested time keeps its fraction of a second, in UTC", 4, `<for-user>a</for-user><asset-name>x</asset-name><access-request-type>Ssh</access-request-type><requested-for>2026-11-23T14:30:00.250+02:00</requested-for>`,
			`{"ForUser":"a","AssetName":"x","AccessRequestType":"SSH","RequestedFor":"2026-11-23T12:30:00.25Z"}`},
		{"ids in version 4, system-id sent as AssetId", 4, ids,
			`{"ForUserId":7,"AssetId":3,"AccountId":5,"AccessRequestType":"Password","ReasonCodeId":2}`},
		{"ids in version 2", 2, ids,
			`{"ForUserId":7,"SystemId":3,"AccountId":5,"AccessRequestType":"Password","ReasonCodeId":2}`},
		{"ids win over names, which are not sent", 4, ids + `<for-user>alice</for-user><asset-name>linux01</asset-name><account-name>root</account-name><reason-code>R</reason-code>`,
			`{"ForUserId":7,"AssetId":3,"AccountId":5,"AccessRequestType":"Password","ReasonCodeId":2}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := encodeJSON(brokerBody(mustCheck(t, brokerSpec(), tt.elements), tt.version))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestBrokerRequestsAreCheckedBeforeTheyAreSent(t *testing.T) {
	base := `<access-request-type>Password</access-request-type>`
	tests := []struct {
		name, elements, wantErr string
	}{
		{"an alias and its twin together are refused", base + `<for-user>a</for-user><asset-name>x</asset-name><system-name>x</system-name>`,
			"<asset-name>: cannot be combined with <system-name>"},
		{"an id alias and its twin together are refused", base + `<for-user>a</for-user><asset-id>1</asset-id><system-id>1</system-id>`,
			"<asset-id>: cannot be combined with <system-id>"},
		{"a request without a user is refused", base + `<asset-name>x</asset-name>`, "<for-user-id>: required: give <for-user-id> or <for-user>"},
		{"a request without an asset is refused", base + `<for-user>a</for-user>`, "<asset-id>: required"},
		{"a request without a type is refused", `<for-user>a</for-user><asset-name>x</asset-name>`, "<access-request-type>: required element is missing"},
		{"an unknown type is refused with the allowed ones", `<for-user>a</for-user><asset-name>x</asset-name><access-request-type>Vnc</access-request-type>`,
			"must be Password, SSHKey, SSH, RemoteDesktop"},
		{"a time that is not RFC 3339 is refused", base + `<for-user>a</for-user><asset-name>x</asset-name><requested-for>2026-11-23 12:00</requested-for>`,
			"<requested-for>: must be an RFC 3339 date and time"},
		{"too many hours are refused", base + `<for-user>a</for-user><asset-name>x</asset-name><requested-duration-hours>24</requested-duration-hours>`,
			"<requested-duration-hours>: must be from 0 to 23, not 24"},
		{"a negative id is refused", base + `<for-user-id>-1</for-user-id><asset-name>x</asset-name>`, "<for-user-id>: must be a whole number"},
		{"a retrieval element is not a broker element", base + `<for-user>a</for-user><asset-name>x</asset-name><credential-type>Password</credential-type>`,
			"<credential-type>: unknown element"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := check(brokerSpec(), tt.elements)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("got %v, want an error saying %q", err, tt.wantErr)
			}
		})
	}
}
