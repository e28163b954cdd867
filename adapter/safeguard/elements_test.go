package safeguard

import (
	"strings"
	"testing"

	"github.com/pamadapter/pamadapter/adapter"
)

func TestTheAPIKeyComesFromTheRequestThenTheConfiguration(t *testing.T) {
	call, _ := newCall(t, retrieveSpec(), `<api-key>from-request</api-key>`)
	call.Config = mustCheck(t, configSpec(), `<appliance-url>https://h</appliance-url><api-key>from-config</api-key>`)
	if key, err := apiKey(call); err != nil || key != "from-request" {
		t.Errorf("got %q, %v; want the request's key", key, err)
	}
	call.Request = mustCheck(t, retrieveSpec(), ``)
	if key, err := apiKey(call); err != nil || key != "from-config" {
		t.Errorf("got %q, %v; want the configuration's key", key, err)
	}
	call.Config = mustCheck(t, configSpec(), `<appliance-url>https://h</appliance-url>`)
	if _, err := apiKey(call); adapter.CodeOf(err) != adapter.CodeInvalidRequest || !strings.Contains(err.Error(), "<api-key>: required element is missing") {
		t.Errorf("no key anywhere: %v", err)
	}
}

func TestAnEncryptedAPIKeyIsDecrypted(t *testing.T) {
	call, _ := newCall(t, retrieveSpec(), ``)
	sealed, err := call.Seal("k3y")
	if err != nil {
		t.Fatal(err)
	}
	call.Request = mustCheck(t, retrieveSpec(), `<api-key>`+sealed+`</api-key>`)
	if key, err := apiKey(call); err != nil || key != "k3y" {
		t.Errorf("got %q, %v", key, err)
	}
}

func TestAPIKeysThatCannotTravelInAHeaderAreRefusedWithoutBeingQuoted(t *testing.T) {
	for _, key := range []string{"planted key", "planted\tkey", " planted", "planted\x7f"} {
		call, _ := newCall(t, retrieveSpec(), ``)
		sealed, err := call.Seal(key)
		if err != nil {
			t.Fatal(err)
		}
		call.Request = mustCheck(t, retrieveSpec(), `<api-key>`+sealed+`</api-key>`)
		_, err = apiKey(call)
		if adapter.CodeOf(err) != adapter.CodeInvalidRequest || !strings.Contains(err.Error(), "<api-key>: must not hold white space") {
			t.Errorf("%q: got %v", key, err)
		}
		if err != nil && strings.Contains(err.Error(), "planted") {
			t.Errorf("the error quotes the key: %v", err)
		}
	}
}
