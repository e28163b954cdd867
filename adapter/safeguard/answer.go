package safeguard

import (
	"bytes"
	"encoding/json"

	"github.com/pamadapter/pamadapter/adapter"
)

// secretMembers are the members of the appliance's JSON answers that hold
// secrets: API key secrets (ClientSecret), A2A API keys (ApiKey) and SSH
// keys (PrivateKey), at any depth.
var secretMembers = []string{"ClientSecret", "ApiKey", "PrivateKey"}

// shape is what a successful (2xx) answer of an operation must be.
type shape int

// The shapes of successful answers.
const (
	// anyBody is passed through as it is, its secret members sealed when
	// it is JSON (write-back answers are 204 with no body, or 200).
	anyBody shape = iota
	// jsonArray is a listing: registrations, retrievable accounts, API
	// key secrets.
	jsonArray
	// jsonObject is one object: the access request the broker made.
	jsonObject
)

// is2xx reports whether the appliance did what it was asked.
func is2xx(answer *adapter.Answer) bool {
	return answer.StatusCode >= 200 && answer.StatusCode <= 299
}

// sealMembers seals the secret members of an answer. A 2xx answer must be
// of the given shape (a PROVIDER_PROTOCOL error otherwise, which never
// quotes the body); any other answer is passed through with its status, as
// the contract says, and its error code is logged. what names the call for
// messages, as in "Credentials?type=ApiKey".
func sealMembers(call *adapter.Call, answer *adapter.Answer, want shape, what string) (*adapter.Answer, error) {
	if !is2xx(answer) {
		logRefusal(call, answer, what)
	} else if err := checkShape(answer, want, what); err != nil {
		return nil, err
	}
	body, _, _, err := call.SealJSON(answer.Body, secretMembers...)
	if err != nil {
		return nil, err
	}
	answer.Body = body
	return answer, nil
}

// checkShape refuses a 2xx answer that is not the JSON value the call
// returns.
func checkShape(answer *adapter.Answer, want shape, what string) error {
	first := firstJSONByte(answer.Body)
	switch {
	case want == jsonArray && first != '[':
		return adapter.Errorf(adapter.CodeProviderProtocol, "the appliance answered %d to %s with a body that is not a JSON array (%d bytes); check appliance-url and api-version", answer.StatusCode, what, len(answer.Body))
	case want == jsonObject && first != '{':
		return adapter.Errorf(adapter.CodeProviderProtocol, "the appliance answered %d to %s with a body that is not a JSON object (%d bytes); check appliance-url and api-version", answer.StatusCode, what, len(answer.Body))
	}
	return nil
}

// firstJSONByte is the first byte of body when body is one valid JSON
// value, 0 otherwise: '"' for a string, '[' for an array, '{' for an object.
func firstJSONByte(body []byte) byte {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 || !json.Valid(trimmed) {
		return 0
	}
	return trimmed[0]
}

// logRefusal logs a non-2xx answer by its Safeguard error code. The
// Message is not logged: a validation message can quote the value it
// refused, and that value may be a secret.
func logRefusal(call *adapter.Call, answer *adapter.Answer, what string) {
	log := call.Log.WithField("status", answer.StatusCode).WithField("call", what)
	var sgErr struct{ Code json.Number }
	switch {
	case len(bytes.TrimSpace(answer.Body)) == 0:
		log.Info("the appliance refused the request with an empty body (an unknown route answers 404 so: check api-version and appliance-url)")
	case json.Unmarshal(answer.Body, &sgErr) == nil && sgErr.Code != "":
		log.WithField("safeguard_code", sgErr.Code.String()).Info("the appliance refused the request")
	default:
		log.Info("the appliance refused the request with a body that is not its error JSON")
	}
}

// isEmptyArray reports whether body is the JSON array [].
func isEmptyArray(body []byte) bool {
	var items []json.RawMessage
	return json.Unmarshal(body, &items) == nil && items != nil && len(items) == 0
}
