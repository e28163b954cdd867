package masking

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/sirupsen/logrus"
)

func TestTheBuiltinMasksCatchKnownSecretCarriers(t *testing.T) {
	const secret = "planted-s3cret"
	tests := []struct{ name, in string }{
		{"compact JSON Content", `{"Content":"planted-s3cret","Safe":"Test"}`},
		{"pretty-printed JSON Content", "{\n  \"Content\": \"planted-s3cret\",\n  \"Safe\": \"Test\"\n}"},
		{"a JSON password with escaped quotes inside", `{"password":"x\"planted-s3cret\"more"}`},
		{"JSON that was itself escaped into a string", `msg="{\"access_token\":\"planted-s3cret\"}"`},
		{"escaped JSON whose value holds an escaped quote", `msg="{\"Content\":\"a\\\"planted-s3cret\"}"`},
		{"JSON escaped twice", `{"msg":"{\"inner\":\"{\\\"password\\\":\\\"planted-s3cret\\\"}\"}"}`},
		{"an upper-case member name", `{"PASSWORD": "planted-s3cret"}`},
		{"a CipherValue", `<CipherValue>planted-s3cret</CipherValue>`},
		{"a prefixed XML secret element", `<ns:client-secret>planted-s3cret</ns:client-secret>`},
		{"a password in a URL", `dial https://admin:planted-s3cret@vault.example.com/api`},
		{"a secret query parameter", `GET /token?client_id=app&client_secret=planted-s3cret&x=1`},
		{"a ClientSecret member", `{"ClientSecret" : "planted-s3cret"}`},
		{"an XML keystore-password", `<keystore-password>planted-s3cret</keystore-password>`},
		{"an XML api-key", `<api-key>planted-s3cret</api-key>`},
		{"an Authorization header", `Authorization: Bearer planted-s3cret`},
		{"an Authorize header in a field", `authorize=A2A planted-s3cret`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Builtin().Mask(tt.in)
			if strings.Contains(got, secret) {
				t.Errorf("still holds the secret: %s", got)
			}
			if !strings.Contains(got, Replacement) {
				t.Errorf("nothing was masked: %s", got)
			}
		})
	}
}

func TestSealedItemsAndOrdinaryTextStayAsTheyAre(t *testing.T) {
	for _, in := range []string{
		`{"Content":"<EncryptedData xmlns=\"http://www.w3.org/2001/04/xmlenc#\"><CipherData></CipherData></EncryptedData>","Safe":"Test"}`,
		`request served status=200 target="GET https://ccp/AIMWebService/api/Accounts"`,
		`GET /AIMWebService/api/Accounts?AppID=App1&Query=Safe%3DTest%3BObject%3Dx`,
		`{"Safe":"Test","UserName":"Administrator"}`,
	} {
		if got := Builtin().Mask(in); got != in {
			t.Errorf("changed:\n in %s\nout %s", in, got)
		}
	}
}

func TestTheFormatterMasksACopyOfMessageAndFields(t *testing.T) {
	for _, inner := range []logrus.Formatter{&logrus.TextFormatter{DisableColors: true}, &logrus.JSONFormatter{}} {
		var out bytes.Buffer
		log := logrus.New()
		log.Out = &out
		log.Formatter = NewFormatter(inner, nil)
		entry := log.WithFields(logrus.Fields{
			"body":  `{"Content":"planted-field"}`,
			"err":   errors.New(`<key-password>planted-error</key-password>`),
			"other": struct{ A string }{`Authorization: Basic planted-struct`},
			"count": 3,
		})
		entry.Info(`{"password":"planted-message"}`)
		if strings.Contains(out.String(), "planted-") {
			t.Errorf("%T wrote a secret: %s", inner, out.String())
		}
		if !strings.Contains(out.String(), "count") {
			t.Errorf("%T lost a field: %s", inner, out.String())
		}
		if entry.Data["body"] != `{"Content":"planted-field"}` {
			t.Error("the formatter changed the caller's entry")
		}
	}
}
