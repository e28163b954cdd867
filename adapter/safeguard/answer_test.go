package safeguard

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/sirupsen/logrus"

	"github.com/pamadapter/pamadapter/adapter"
	"github.com/pamadapter/pamadapter/schema/xmlenc"
)

// planted is a secret with the characters that break naive code.
const planted = `planted-sg-unit&<>"';=+% \`

// open decrypts one sealed value.
func open(t *testing.T, call *adapter.Call, sealed string) string {
	t.Helper()
	ed, err := xmlenc.ParseString(sealed)
	if err != nil {
		t.Fatalf("not an EncryptedData: %v\n%s", err, sealed)
	}
	plain, err := call.Keyring.Decrypt(ed)
	if err != nil {
		t.Fatal(err)
	}
	return plain
}

func TestAPasswordAnswerBecomesTheJSONStringOfItsEncryptedData(t *testing.T) {
	call, hook := newCall(t, retrieveSpec(), ``)
	body, _ := json.Marshal(planted)
	answer, err := sealCredential(call, &adapter.Answer{StatusCode: 200, Body: body}, "password", "Credentials?type=Password")
	if err != nil {
		t.Fatal(err)
	}
	var sealed string
	if err := json.Unmarshal(answer.Body, &sealed); err != nil {
		t.Fatalf("the body is not a JSON string: %s", answer.Body)
	}
	if !strings.HasPrefix(string(answer.Body), `"<EncryptedData xmlns=\"http://www.w3.org/2001/04/xmlenc#\"`) {
		t.Errorf("the EncryptedData is HTML-escaped or missing: %.80s", answer.Body)
	}
	if got := open(t, call, sealed); got != planted {
		t.Errorf("decrypted %q, want the password", got)
	}
	if strings.Contains(logText(hook), "planted") {
		t.Errorf("the log holds the password:\n%s", logText(hook))
	}
}

func TestAnEmptyPasswordAnswerStaysEmptyAndIsLogged(t *testing.T) {
	call, hook := newCall(t, retrieveSpec(), ``)
	answer, err := sealCredential(call, &adapter.Answer{StatusCode: 200}, "password", "Credentials?type=Password")
	if err != nil || len(answer.Body) != 0 {
		t.Fatalf("got %q, %v; want the empty body", answer.Body, err)
	}
	entry := hook.LastEntry()
	if entry == nil || entry.Level != logrus.InfoLevel || !strings.HasPrefix(entry.Message, "no password stored") {
		t.Errorf("the log does not say no password is stored:\n%s", logText(hook))
	}
}

func TestCredentialAnswersThatAreNotAJSONStringAreProtocolErrors(t *testing.T) {
	tests := []struct{ name, body string }{
		{"a bare password without quotes", planted},
		{"a JSON object", `{"Password":"` + "planted-sg-unit" + `"}`},
		{"an unterminated string", `"planted-sg-unit`},
		{"JSON null", `null`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			call, _ := newCall(t, retrieveSpec(), ``)
			_, err := sealCredential(call, &adapter.Answer{StatusCode: 200, Body: []byte(tt.body)}, "password", "Credentials?type=Password")
			if !adapter.IsCode(err, adapter.CodeProviderProtocol) || !strings.Contains(err.Error(), "not a JSON string") {
				t.Fatalf("got %v, want PROVIDER_PROTOCOL saying it is not a JSON string", err)
			}
			if strings.Contains(err.Error(), "planted") {
				t.Errorf("the error quotes the body: %v", err)
			}
		})
	}
}

func TestRefusalsArePassedThroughAndLoggedByCodeOnly(t *testing.T) {
	call, hook := newCall(t, retrieveSpec(), ``)
	body := `{"Code":70000,"Message":"The request is invalid.","ModelState":{"entity":["Error converting value ` + "planted-sg-unit" + `"]}}`
	answer, err := sealCredential(call, &adapter.Answer{StatusCode: 400, Body: []byte(body)}, "password", "Credentials/Password")
	if err != nil || answer.StatusCode != 400 || string(answer.Body) != body {
		t.Fatalf("got %v %v; want the answer passed through", answer, err)
	}
	logged := logText(hook)
	if !strings.Contains(logged, "safeguard_code=70000") || strings.Contains(logged, "planted") || strings.Contains(logged, "invalid") {
		t.Errorf("the log should hold the code and nothing of the message:\n%s", logged)
	}
	hook.Reset()
	answer, err = sealMembers(call, &adapter.Answer{StatusCode: 404}, jsonArray, "A2ARegistrations")
	if err != nil || answer.StatusCode != 404 || !strings.Contains(logText(hook), "empty body") {
		t.Errorf("an empty 404: %v %v\n%s", answer, err, logText(hook))
	}
}

func TestSecretMembersAreSealedWhereverTheyStand(t *testing.T) {
	call, _ := newCall(t, retrieveSpec(), ``)
	body := `[{"Id":7,"Name":"n","ClientId":"cid","ClientSecret":"` + "planted-sg-unit-1" + `"},{"AccountId":5,"ApiKey":"` + "planted-sg-unit-2" + `","Nested":{"PrivateKey":"` + "planted-sg-unit-3" + `"}}]`
	answer, err := sealMembers(call, &adapter.Answer{StatusCode: 200, Body: []byte(body)}, jsonArray, "Credentials?type=ApiKey")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(answer.Body), "planted") || !strings.Contains(string(answer.Body), `"ClientId":"cid"`) {
		t.Errorf("got %s", answer.Body)
	}
	var items []map[string]any
	if err := json.Unmarshal(answer.Body, &items); err != nil {
		t.Fatal(err)
	}
	if got := open(t, call, items[1]["ApiKey"].(string)); got != "planted-sg-unit-2" {
		t.Errorf("ApiKey decrypted to %q", got)
	}
}

func TestSuccessfulAnswersOfTheWrongShapeAreProtocolErrors(t *testing.T) {
	tests := []struct {
		name string
		want shape
		body string
	}{
		{"a listing that is an object", jsonArray, `{"Id":1}`},
		{"a listing that is an HTML page", jsonArray, `<html>login</html>`},
		{"an access request that is an array", jsonObject, `[]`},
		{"an access request that is empty", jsonObject, ``},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			call, _ := newCall(t, retrieveSpec(), ``)
			_, err := sealMembers(call, &adapter.Answer{StatusCode: 200, Body: []byte(tt.body)}, tt.want, "X")
			if !adapter.IsCode(err, adapter.CodeProviderProtocol) {
				t.Fatalf("got %v, want PROVIDER_PROTOCOL", err)
			}
		})
	}
}

func TestTheAPIKeyLookupNeedsExactlyOneRegistrationOfThatName(t *testing.T) {
	tests := []struct {
		name, body string
		wantID     int
		wantErr    string
	}{
		{"one registration of that name", `[{"Id":3,"AppName":"Billing"}]`, 3, ""},
		{"a registration of another name is ignored", `[{"Id":2,"AppName":"Other"},{"Id":3,"AppName":"Billing"}]`, 3, ""},
		{"a name that differs in case is another name", `[{"Id":2,"AppName":"billing"}]`, 0, `no A2A registration named "Billing"`},
		{"no registration", `[]`, 0, "VisibleToCertificateUsers"},
		{"two registrations", `[{"Id":3,"AppName":"Billing"},{"Id":4,"AppName":"Billing"}]`, 0, `2 A2A registrations are named "Billing" (ids [3 4])`},
		{"an Id that is not a number", `[{"Id":"x","AppName":"Billing"}]`, 0, "cannot be read"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, err := onlyRegistration(&adapter.Answer{StatusCode: 200, Body: []byte(tt.body)}, "Billing")
			if tt.wantErr == "" {
				if err != nil || id != tt.wantID {
					t.Fatalf("got %d, %v; want %d", id, err, tt.wantID)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("got %v, want an error saying %q", err, tt.wantErr)
			}
		})
	}
}
