package safeguard

import (
	"encoding/json"
	"testing"
)

func TestBodiesAreJSONWithoutHTMLEscaping(t *testing.T) {
	got, err := encodeJSON(`p&<w>"d\`)
	if err != nil {
		t.Fatal(err)
	}
	if want := `"p&<w>\"d\\"`; string(got) != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

func TestObjectsKeepTheOrderOfTheirMembers(t *testing.T) {
	var o object
	o.set("PrivateKey", "-----BEGIN <key>-----\n")
	o.set("Passphrase", "")
	o.set("Id", 7)
	o.set("IsEmergency", true)
	got, err := encodeJSON(o)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"PrivateKey":"-----BEGIN <key>-----\n","Passphrase":"","Id":7,"IsEmergency":true}`
	if string(got) != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
	if !json.Valid(got) {
		t.Error("not valid JSON")
	}
}

func TestWriteBackBodiesAreJSONEncoded(t *testing.T) {
	tests := []struct {
		name, elements      string
		wantResource, wantQ string
		wantBody            string
	}{
		{"a password is a JSON string", `<new-password>n3w "p@ss" \ &amp; &lt;x&gt;</new-password>`,
			"Credentials/Password", "", `"n3w \"p@ss\" \\ & <x>"`},
		{"an SSH key is an object with an empty passphrase by default", `<new-private-key>KEY
LINE</new-private-key>`,
			"Credentials/SshKey", "keyFormat=OpenSsh", `{"PrivateKey":"KEY\nLINE","Passphrase":""}`},
		{"an SSH key with its passphrase and format", `<new-private-key>K</new-private-key><new-passphrase>pp</new-passphrase><key-format>ssh2</key-format>`,
			"Credentials/SshKey", "keyFormat=Ssh2", `{"PrivateKey":"K","Passphrase":"pp"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			call, _ := newCall(t, setSpec(), tt.elements)
			wb, err := newWriteBack(call)
			if err != nil {
				t.Fatal(err)
			}
			if wb.resource != tt.wantResource || encodeQuery(wb.query) != tt.wantQ || string(wb.body) != tt.wantBody {
				t.Errorf("got %s?%s %s\nwant %s?%s %s", wb.resource, encodeQuery(wb.query), wb.body, tt.wantResource, tt.wantQ, tt.wantBody)
			}
		})
	}
}

func TestEncryptedWriteBackSecretsAreDecryptedBeforeTheyAreEncoded(t *testing.T) {
	call, _ := newCall(t, setSpec(), `<new-password>x</new-password>`)
	key, err := call.Seal("K&<ey>")
	if err != nil {
		t.Fatal(err)
	}
	passphrase, err := call.Seal(`p"p`)
	if err != nil {
		t.Fatal(err)
	}
	call.Request = mustCheck(t, setSpec(), `<new-private-key>`+key+`</new-private-key><new-passphrase>`+passphrase+`</new-passphrase>`)
	wb, err := newWriteBack(call)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"PrivateKey":"K&<ey>","Passphrase":"p\"p"}`; string(wb.body) != want {
		t.Errorf("got %s, want %s", wb.body, want)
	}
}
