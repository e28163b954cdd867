package schema_test

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/pamadapter/pamadapter/schema"
)

// named reports whether a member name is one of names.
func named(names ...string) func(string) bool {
	return func(name string) bool { return slices.Contains(names, name) }
}

// wrap is a seal function that shows what it was given.
func wrap(secret string) (string, error) { return "SEALED(" + secret + ")", nil }

func TestSealJSONReplacesOnlyNamedMembersAndKeepsEveryOtherByte(t *testing.T) {
	in := "{ \"Content\" :\t\"pw\\u00e9\" ,\"Amount\":1.50e3,\"Name\":\"\\u0041dmin\\/x\",\n" +
		"  \"Content\":\"dup\", \"nested\": {\"deep\": [ {\"password\": 12.0E-1 }, {\"other\": \"Content\"} ]},\n" +
		"  \"list\": [\"Content\", {\"Content\": null}], \"Cont\\u0065nt\": true, \"z\": {}   }\n"
	want := "{ \"Content\" :\t\"SEALED(pwé)\" ,\"Amount\":1.50e3,\"Name\":\"\\u0041dmin\\/x\",\n" +
		"  \"Content\":\"SEALED(dup)\", \"nested\": {\"deep\": [ {\"password\": \"SEALED(12.0E-1)\" }, {\"other\": \"Content\"} ]},\n" +
		"  \"list\": [\"Content\", {\"Content\": null}], \"Cont\\u0065nt\": \"SEALED(true)\", \"z\": {}   }\n"
	out, n, err := schema.SealJSON([]byte(in), named("Content", "password"), wrap)
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
	if n != 4 {
		t.Errorf("sealed %d values, want 4", n)
	}
	if !json.Valid(out) {
		t.Errorf("output is not valid JSON")
	}
}

func TestEachKindOfSecretValueIsSealedAsItsTextOrLeftAloneWhenNull(t *testing.T) {
	tests := []struct {
		name, value string
		wantSealed  string // what seal is given; "" when it must not be called
	}{
		{"a string is given decoded", `"a\"b\\c\n\u00e9\ud83d\ude00\/"`, "a\"b\\c\né😀/"},
		{"an empty string is sealed", `""`, ""},
		{"a number is given as its JSON text", `-1.50e+3`, "-1.50e+3"},
		{"true is given as its JSON text", `true`, "true"},
		{"false is given as its JSON text", `false`, "false"},
		{"an object is given as its JSON text", `{ "a" : [1, {"b":null}], "Content": "x" }`, `{ "a" : [1, {"b":null}], "Content": "x" }`},
		{"an array is given as its JSON text", `[ "x", 2 ,[]]`, `[ "x", 2 ,[]]`},
		{"null is left alone", `null`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var given []string
			seal := func(s string) (string, error) { given = append(given, s); return "S", nil }
			in := `{"x":1,"Content": ` + tt.value + ` ,"y":2}`
			out, n, err := schema.SealJSON([]byte(in), named("Content"), seal)
			if err != nil {
				t.Fatal(err)
			}
			if tt.value == "null" {
				if n != 0 || len(given) != 0 || string(out) != in {
					t.Errorf("null: sealed %d (%q), out %s", n, given, out)
				}
				return
			}
			if len(given) != 1 || given[0] != tt.wantSealed {
				t.Errorf("seal was given %q, want [%q]", given, tt.wantSealed)
			}
			if want := `{"x":1,"Content": "S" ,"y":2}`; string(out) != want || n != 1 {
				t.Errorf("got %s (%d sealed), want %s", out, n, want)
			}
		})
	}
}

func TestTheReplacementDecodesToExactlyWhatSealReturned(t *testing.T) {
	ring := newRing(t)
	const secret = `p"a<s>s&w\o'rd` + "\n\t\u2028é"
	ed := encrypt(t, ring, secret).String()
	replacements := []string{
		ed,
		`quotes " and \ backslashes`,
		"<tag attr=\"v\">&amp;</tag>",
		"controls \x00\x01\x1f and \u2028\u2029 and 😀",
	}
	for _, r := range replacements {
		out, _, err := schema.SealJSON([]byte(`{"Content":"pw"}`), named("Content"),
			func(string) (string, error) { return r, nil })
		if err != nil {
			t.Fatal(err)
		}
		var got struct{ Content string }
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatalf("output %s is not JSON: %v", out, err)
		}
		if got.Content != r {
			t.Errorf("decodes to %q, want %q", got.Content, r)
		}
		if strings.Contains(r, "<") && (!strings.Contains(string(out), "<") || strings.Contains(string(out), `\u003c`) || strings.Contains(string(out), `\u0026`)) {
			t.Errorf("markup is HTML-escaped: %s", out)
		}
	}
	// End to end: a secret JSON-escaped by the provider is sealed with its
	// escapes resolved and decrypts to itself.
	body, err := json.Marshal(map[string]string{"Content": secret})
	if err != nil {
		t.Fatal(err)
	}
	out, _, err := schema.SealJSON(body, named("Content"),
		func(s string) (string, error) { return encrypt(t, ring, s).String(), nil })
	if err != nil {
		t.Fatal(err)
	}
	var got struct{ Content string }
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	if plain := decrypt(t, ring, got.Content); plain != secret {
		t.Errorf("decrypts to %q, want %q", plain, secret)
	}
}

func TestABodyThatIsNotOneJSONValueIsRefusedWithoutBeingQuoted(t *testing.T) {
	const secret = "Zq9vWk"
	tests := []struct{ name, body string }{
		{"an empty body", ""},
		{"a body of white space", " \n "},
		{"an unquoted secret", `{"Content": ` + secret + `}`},
		{"an unquoted secret after a good member", `{"a":1,"b":` + secret + `}`},
		{"a truncated secret string", `{"Content":"` + secret},
		{"a truncated object", `{"Content":"x","a":[1,2`},
		{"a truncated secret object", `{"Content":{"a":"` + secret + `"`},
		{"two top-level values", `{"Content":"` + secret + `"} {"a":1}`},
		{"two top-level scalars", `1 2`},
		{"trailing junk", `{"a":"` + secret + `"}` + secret},
		{"a bad escape", `{"Content":"` + secret + `\q"}`},
		{"a control character in a string", "{\"Content\":\"" + secret + "\x01\"}"},
		{"a missing colon", `{"Content" "` + secret + `"}`},
		{"a doubled colon", `{"Content"::"` + secret + `"}`},
		{"HTML", `<html>` + secret + `</html>`},
		{"a stray closing bracket", `{"a":1}]`},
	}
	for _, tt := range tests {
		t.Run(tt.name+" is refused", func(t *testing.T) {
			out, n, err := schema.SealJSON([]byte(tt.body), named("Content"), wrap)
			var je *schema.JSONError
			if !errors.As(err, &je) {
				t.Fatalf("got %s, %d, %v; want a *JSONError", out, n, err)
			}
			if out != nil || n != 0 {
				t.Errorf("got output %q and %d sealed with the error", out, n)
			}
			msg := err.Error()
			if strings.Contains(msg, secret) || strings.Contains(msg, "character '") {
				t.Errorf("error %q quotes the body", msg)
			}
			if !strings.Contains(msg, "not valid JSON") {
				t.Errorf("error %q does not say what is wrong", msg)
			}
		})
	}
}

func TestASealErrorStopsTheSealing(t *testing.T) {
	boom := errors.New("keyring broke")
	calls := 0
	out, n, err := schema.SealJSON([]byte(`{"Content":"a","Content":"b"}`), named("Content"),
		func(string) (string, error) { calls++; return "", boom })
	if !errors.Is(err, boom) || out != nil || n != 0 || calls != 1 {
		t.Errorf("got %q, %d, %v after %d calls; want the seal error after 1", out, n, err, calls)
	}
}

func TestABodyWithoutSecretsIsReturnedUnchanged(t *testing.T) {
	for _, body := range []string{
		`{"ErrorCode":"APPAP004E","ErrorMsg":"Password object matching query [Content] was not found"}`,
		`{"Content":null}`,
		`["Content", {"content": "case matters"}]`,
		`"Content"`,
		` 42 `,
	} {
		called := false
		out, n, err := schema.SealJSON([]byte(body), named("Content"), func(string) (string, error) { called = true; return "", nil })
		if err != nil || n != 0 || called || string(out) != body {
			t.Errorf("%s: got %s, %d, %v (seal called: %v)", body, out, n, err, called)
		}
	}
}

func FuzzSealJSON(f *testing.F) {
	for _, seed := range []string{
		`{"Content":"pw","a":[1,2,{"password":{"x":null}}]}`,
		`{"Content":1.50e3}`, `{"Content":null}`, `[{"s":true}]`, `"x"`, `{}`, `{"a":"\u00e9\ud83d"}`,
		`{"Content":"a" "b"}`, `{"Content"::1}`, `{"Content":}`, `1 2`, ``, `{"Content":"\"<&>"}`,
	} {
		f.Add([]byte(seed))
	}
	isSecret := func(name string) bool { return name == "Content" || strings.HasPrefix(name, "s") || name == "password" }
	seal := func(s string) (string, error) { return `<E a="1">` + s + `</E>&"\`, nil }
	f.Fuzz(func(t *testing.T, body []byte) {
		out, n, err := schema.SealJSON(body, isSecret, seal)
		valid := json.Valid(body)
		if err != nil {
			var je *schema.JSONError
			if !errors.As(err, &je) {
				t.Fatalf("error %v is not a *JSONError", err)
			}
			if valid {
				t.Fatalf("valid JSON %q refused: %v", body, err)
			}
			return
		}
		if !valid {
			t.Fatalf("invalid JSON %q accepted, giving %q", body, out)
		}
		if !json.Valid(out) {
			t.Fatalf("valid JSON %q gave invalid JSON %q", body, out)
		}
		if n == 0 && string(out) != string(body) {
			t.Fatalf("nothing sealed but %q became %q", body, out)
		}
	})
}
