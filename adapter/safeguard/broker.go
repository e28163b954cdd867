package safeguard

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/pamadapter/pamadapter/adapter"
	"github.com/pamadapter/pamadapter/schema"
)

// The asset elements and their aliases (the names of API versions 2 and 3).
const (
	elementAssetName  = "asset-name"
	elementAssetID    = "asset-id"
	elementSystemName = "system-name"
	elementSystemID   = "system-id"
)

// brokerSpec lists the elements of a2a-broker-access-request: api-key (the
// broker's key, secret; or the configuration's default), api-version, the
// user (for-user-id or for-user, with for-provider), the asset (asset-id or
// asset-name, or their aliases system-id and system-name), the account
// (account-id or account-name; none requests the asset itself),
// access-request-type (required), requested-for (RFC 3339),
// requested-duration-days|hours|minutes, reason-code-id or reason-code,
// reason-comment, is-emergency, ticket-number, and the identity elements.
//
// An alias and its twin together are refused. An id and the matching name
// together are allowed: the id wins and the name is not sent.
func brokerSpec() *schema.Spec {
	text := func(name string) schema.Element { return schema.Element{Name: name} }
	id := func(name string) schema.Element { return schema.Element{Name: name, Kind: schema.KindInt} }
	return &schema.Spec{
		Elements: withIdentity(
			apiKeyElement,
			apiVersionElement,
			text("for-user"), id("for-user-id"), text("for-provider"),
			text(elementAssetName), id(elementAssetID), text(elementSystemName), id(elementSystemID),
			text("account-name"), id("account-id"),
			schema.Element{Name: "access-request-type", Kind: schema.KindEnum, Required: true, Allowed: accessRequestTypes},
			schema.Element{Name: "requested-for", Check: checkRFC3339},
			durationElement("requested-duration-days", 31),
			durationElement("requested-duration-hours", 23),
			durationElement("requested-duration-minutes", 59),
			text("reason-code"), id("reason-code-id"), text("reason-comment"),
			schema.Element{Name: "is-emergency", Kind: schema.KindBool},
			text("ticket-number"),
		),
		Exclusions: []schema.Exclusion{
			{Name: elementAssetName, With: []string{elementSystemName}},
			{Name: elementAssetID, With: []string{elementSystemID}},
		},
		CheckAll: func(v *schema.Values) error {
			return errors.Join(
				requireOneOf(v, "for-user-id", "for-user"),
				requireOneOf(v, elementAssetID, elementAssetName, elementSystemID, elementSystemName),
			)
		},
	}
}

// accessRequestTypes are the types a broker may request, in the
// appliance's spelling (any letter case is accepted and normalised).
var accessRequestTypes = []string{"Password", "SSHKey", "SSH", "RemoteDesktop", "RemoteDesktopApplication", "Telnet", "ApiKey", "File"}

// durationElement is a requested-duration element: a whole number from 0
// to most.
func durationElement(name string, most int) schema.Element {
	return schema.Element{Name: name, Kind: schema.KindInt, Check: func(v string) error {
		if n, err := strconv.Atoi(v); err == nil && n > most {
			return fmt.Errorf("must be from 0 to %d, not %d", most, n)
		}
		return nil
	}}
}

// checkRFC3339 accepts a date and time such as 2026-11-23T12:00:00Z.
func checkRFC3339(v string) error {
	if _, err := time.Parse(time.RFC3339, v); err != nil {
		return fmt.Errorf("must be an RFC 3339 date and time such as 2026-11-23T12:00:00Z, not %q", v)
	}
	return nil
}

// brokerBody is the AccessRequests body, with the field names of version:
// SystemId/SystemName before 4, AssetId/AssetName from 4 (whether the
// request says asset-* or system-*). Only given elements are sent; an id
// wins over its name, which is then left out; requested-for is sent in UTC.
func brokerBody(v *schema.Values, version apiVersion) object {
	var o object
	idOrName := func(idElement, idField, nameElement, nameField string) {
		if v.Has(idElement) {
			o.set(idField, v.Int(idElement, 0))
		} else if v.Has(nameElement) {
			o.set(nameField, v.Text(nameElement))
		}
	}
	text := func(element, field string) {
		if v.Has(element) {
			o.set(field, v.Text(element))
		}
	}
	number := func(element, field string) {
		if v.Has(element) {
			o.set(field, v.Int(element, 0))
		}
	}
	idOrName("for-user-id", "ForUserId", "for-user", "ForUser")
	text("for-provider", "ForProvider")
	idOrName(given(v, elementAssetID, elementSystemID), version.asset("Id"), given(v, elementAssetName, elementSystemName), version.asset("Name"))
	idOrName("account-id", "AccountId", "account-name", "AccountName")
	text("access-request-type", "AccessRequestType")
	if v.Has("requested-for") {
		at, _ := time.Parse(time.RFC3339, v.Text("requested-for")) // checked by the spec
		o.set("RequestedFor", at.UTC().Format(time.RFC3339Nano))
	}
	number("requested-duration-days", "RequestedDurationDays")
	number("requested-duration-hours", "RequestedDurationHours")
	number("requested-duration-minutes", "RequestedDurationMinutes")
	idOrName("reason-code-id", "ReasonCodeId", "reason-code", "ReasonCode")
	text("reason-comment", "ReasonComment")
	if v.Has("is-emergency") {
		o.set("IsEmergency", v.Bool("is-emergency", false))
	}
	text("ticket-number", "TicketNumber")
	return o
}

// brokerAccessRequest serves a2a-broker-access-request: POST
// /service/a2a/v<N>/AccessRequests with the broker's API key. The
// appliance answers 201 (or 200) with the access request it made, which
// is passed through.
func brokerAccessRequest(ctx context.Context, call *adapter.Call) (*adapter.Answer, error) {
	s, auth, err := openA2A(call)
	if err != nil {
		return nil, err
	}
	body, err := encodeJSON(brokerBody(call.Request, s.version))
	if err != nil {
		return nil, adapter.Errorf(adapter.CodeInternal, "cannot encode the access request: %w", err)
	}
	answer, err := s.do(ctx, http.MethodPost, s.version.a2a("AccessRequests"), nil, auth, body)
	if err != nil {
		return nil, err
	}
	return sealMembers(call, answer, jsonObject, "AccessRequests")
}
