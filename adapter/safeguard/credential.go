package safeguard

import (
	"bytes"
	"encoding/json"

	"github.com/pamadapter/pamadapter/adapter"
)

// sealCredential seals the answer to a password or private key retrieval.
// The appliance sends the credential as a JSON string; the whole body
// becomes the JSON string of its <EncryptedData> (so a workflow decodes
// the body as JSON either way). An empty body means no credential is
// stored: it stays empty and the log says so. A 2xx body that is not a
// JSON string is a PROVIDER_PROTOCOL error; other answers are passed
// through as sealMembers does.
func sealCredential(call *adapter.Call, answer *adapter.Answer, noun, what string) (*adapter.Answer, error) {
	if !is2xx(answer) {
		return sealMembers(call, answer, anyBody, what)
	}
	if len(bytes.TrimSpace(answer.Body)) == 0 {
		call.Log.WithField("status", answer.StatusCode).Info("no " + noun + " stored: the appliance answered with an empty body")
		return answer, nil
	}
	var secret string
	if firstJSONByte(answer.Body) != '"' || json.Unmarshal(answer.Body, &secret) != nil {
		return nil, adapter.Errorf(adapter.CodeProviderProtocol, "the appliance answered %d to %s with a body that is not a JSON string (%d bytes); check appliance-url and api-version", answer.StatusCode, what, len(answer.Body))
	}
	sealed, err := call.Seal(secret)
	if err != nil {
		return nil, err
	}
	body, err := encodeJSON(sealed)
	if err != nil {
		return nil, adapter.Errorf(adapter.CodeInternal, "cannot write the sealed %s as JSON: %w", noun, err)
	}
	answer.Body = body
	return answer, nil
}
