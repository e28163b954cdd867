package schema_test

import (
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/pamadapter/pamadapter/schema"
)

// testSpec is a small operation: one required element, one of each kind,
// a secret, and two elements that exclude each other.
func testSpec() *schema.Spec {
	return &schema.Spec{
		Elements: []schema.Element{
			{Name: "operation-name", Required: true},
			{Name: "app-id", Required: true},
			{Name: "ca-file", Kind: schema.KindPath},
			{Name: "request-timeout", Kind: schema.KindSeconds},
			{Name: "retries", Kind: schema.KindInt},
			{Name: "insecure", Kind: schema.KindBool},
			{Name: "format", Kind: schema.KindEnum, Allowed: []string{"text", "JSON"}},
			{Name: "keystore-file"},
			{Name: "certificate-file"},
			{Name: "keystore-password", Secret: true},
		},
		Exclusions: []schema.Exclusion{{Name: "keystore-file", With: []string{"certificate-file"}}},
	}
}

// fields makes fields from name, text pairs.
func fields(pairs ...string) []schema.Field {
	var fs []schema.Field
	for i := 0; i+1 < len(pairs); i += 2 {
		fs = append(fs, schema.Field{Name: pairs[i], Text: pairs[i+1]})
	}
	return fs
}

// required are the fields every check of testSpec needs.
var required = []string{"operation-name", "op", "app-id", "App"}

// problems splits an errors.Join result into its parts' texts.
func problems(err error) []string {
	if err == nil {
		return nil
	}
	var parts []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		parts = j.Unwrap()
	} else {
		parts = []error{err}
	}
	texts := make([]string, len(parts))
	for i, p := range parts {
		texts[i] = p.Error()
	}
	return texts
}

func TestCheckRefusesElementsTheSpecDoesNotAllow(t *testing.T) {
	tests := []struct {
		name   string
		fields []schema.Field
		want   []string
	}{
		{
			"an unknown element is named with the allowed names",
			fields(append(required, "app_id", "x")...),
			[]string{"<app_id>: unknown element; allowed here: operation-name, app-id, ca-file, request-timeout, retries, insecure, format, keystore-file, certificate-file, keystore-password"},
		},
		{
			"an element given twice is refused",
			fields(append(required, "retries", "1", "retries", "2")...),
			[]string{"<retries>: given more than once"},
		},
		{
			"missing required elements are each named",
			fields("retries", "1"),
			[]string{"<operation-name>: required element is missing", "<app-id>: required element is missing"},
		},
		{
			"elements that exclude each other are refused",
			fields(append(required, "keystore-file", "a.jks", "certificate-file", "c.pem")...),
			[]string{"<keystore-file>: cannot be combined with <certificate-file>"},
		},
		{
			"a bad required element is not also reported missing",
			[]schema.Field{{Name: "operation-name", Text: "op"}, {Name: "app-id", EncryptedData: "<EncryptedData/>"}},
			[]string{"<app-id>: holds <EncryptedData>, but only secret elements may be encrypted"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := testSpec().Check(tt.fields, "", "")
			if v != nil {
				t.Errorf("got values with the error")
			}
			if got := problems(err); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got problems\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

func TestCheckReportsEveryProblemAtOnceEachAnElementError(t *testing.T) {
	fs := fields("app-id", "App", "retries", "many", "insecure", "yes", "bogus", "1", "keystore-file", "k", "certificate-file", "c", "retries", "3")
	_, err := testSpec().Check(fs, "cyberark", "")
	want := []string{
		`<cyberark/retries>: must be a whole number of 0 or more, not "many"`,
		`<cyberark/insecure>: must be true or false, not "yes"`,
		"<cyberark/bogus>: unknown element; allowed here: " + strings.Join(testSpec().Names(), ", "),
		"<cyberark/retries>: given more than once",
		"<cyberark/operation-name>: required element is missing",
		"<cyberark/keystore-file>: cannot be combined with <certificate-file>",
	}
	if got := problems(err); !reflect.DeepEqual(got, want) {
		t.Errorf("got problems\n%q\nwant\n%q", got, want)
	}
	var ee *schema.ElementError
	if !errors.As(err, &ee) || ee.Element != "cyberark/retries" {
		t.Errorf("errors.As gives %+v, want the first problem's *ElementError", ee)
	}
}

func TestCheckReadsEachKindOfValue(t *testing.T) {
	base := filepath.Join(string(filepath.Separator), "etc", "pamadapter")
	abs := filepath.Join(string(filepath.Separator), "opt", "ca.pem")
	tests := []struct {
		name, element, text string
		baseDir             string
		want                string // the value read, when wantErr is ""
		wantErr             string
	}{
		{"text is trimmed", "keystore-file", "  k.jks \n", "", "k.jks", ""},
		{"a relative path is resolved against the base folder", "ca-file", " certs/ca.pem ", base, filepath.Join(base, "certs", "ca.pem"), ""},
		{"an absolute path is kept", "ca-file", abs, base, abs, ""},
		{"a relative path stays relative without a base folder", "ca-file", "ca.pem", "", "ca.pem", ""},
		{"whole seconds are read", "request-timeout", "30", "", "30", ""},
		{"fractions of seconds are read", "request-timeout", " 0.25 ", "", "0.25", ""},
		{"a day of seconds is the most", "request-timeout", "86400", "", "86400", ""},
		{"zero seconds are refused", "request-timeout", "0", "", "", "greater than 0"},
		{"negative seconds are refused", "request-timeout", "-5", "", "", "greater than 0"},
		{"more than a day is refused", "request-timeout", "86401", "", "", "at most 86400"},
		{"seconds that are not a number are refused", "request-timeout", "30s", "", "", `not "30s"`},
		{"NaN seconds are refused", "request-timeout", "NaN", "", "", `not "NaN"`},
		{"infinite seconds are refused", "request-timeout", "+Inf", "", "", `not "+Inf"`},
		{"seconds too small to be a duration are refused", "request-timeout", "1e-12", "", "", `not "1e-12"`},
		{"a whole number is read", "retries", " 7 ", "", "7", ""},
		{"zero is a whole number", "retries", "0", "", "0", ""},
		{"a negative number is refused", "retries", "-1", "", "", "0 or more"},
		{"a fraction is not a whole number", "retries", "1.5", "", "", `not "1.5"`},
		{"true in any case is true", "insecure", "TRUE", "", "true", ""},
		{"false in any case is false", "insecure", " False ", "", "false", ""},
		{"yes is not a boolean", "insecure", "yes", "", "", `must be true or false, not "yes"`},
		{"an enum value is normalised to its spelling", "format", "json", "", "JSON", ""},
		{"an enum value in another case is accepted", "format", "TeXt", "", "text", ""},
		{"an enum value not allowed lists the allowed ones", "format", "xml", "", "", `must be text or JSON, not "xml"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := testSpec().Check(fields(append(required, tt.element, tt.text)...), "", tt.baseDir)
			if tt.wantErr != "" {
				wantError(t, err, "<"+tt.element+">: ", tt.wantErr)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := v.Text(tt.element); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestValuesGiveTypedValuesOrTheirDefaults(t *testing.T) {
	v, err := testSpec().Check(fields(append(required, "request-timeout", "1.5", "retries", "4", "insecure", "True")...), "", "")
	if err != nil {
		t.Fatal(err)
	}
	if got := v.Seconds("request-timeout", time.Minute); got != 1500*time.Millisecond {
		t.Errorf("Seconds = %v", got)
	}
	if got := v.Int("retries", 9); got != 4 {
		t.Errorf("Int = %v", got)
	}
	if !v.Bool("insecure", false) {
		t.Errorf("Bool = false")
	}
	if got := v.Names(); !reflect.DeepEqual(got, []string{"operation-name", "app-id", "request-timeout", "retries", "insecure"}) {
		t.Errorf("Names = %q", got)
	}

	empty, err := testSpec().Check(fields(required...), "", "")
	if err != nil {
		t.Fatal(err)
	}
	var none *schema.Values
	for _, v := range []*schema.Values{empty, none} {
		if v.Seconds("request-timeout", time.Minute) != time.Minute || v.Int("retries", 9) != 9 || !v.Bool("insecure", true) ||
			v.Has("retries") || v.Text("retries") != "" || !v.Secret("keystore-password").IsZero() {
			t.Errorf("values %v do not give the defaults", v)
		}
	}
	if none.Names() != nil {
		t.Errorf("nil Values have names")
	}
}

func TestAnElementCheckSeesTheNormalisedValueAndNamesTheElement(t *testing.T) {
	var seen string
	spec := &schema.Spec{Elements: []schema.Element{{
		Name: "aim-endpoint-url",
		Check: func(v string) error {
			seen = v
			if strings.HasSuffix(v, "/") {
				return errors.New("must not end with a slash")
			}
			return nil
		},
	}}}
	_, err := spec.Check(fields("aim-endpoint-url", " https://ccp.example.com/ "), "cyberark", "")
	if seen != "https://ccp.example.com/" {
		t.Errorf("Check saw %q", seen)
	}
	wantError(t, err, "<cyberark/aim-endpoint-url>: must not end with a slash")
}

func TestSecretsKeepTheirTextAndMayBeEncrypted(t *testing.T) {
	tests := []struct {
		name  string
		field schema.Field
		want  schema.Secret
	}{
		{"surrounding white space is kept", schema.Field{Name: "keystore-password", Text: "  pa ss\t"}, schema.Secret{Plain: "  pa ss\t"}},
		{"an EncryptedData is kept as its XML", schema.Field{Name: "keystore-password", EncryptedData: "<EncryptedData/>", Text: "\n  "}, schema.Secret{Encrypted: "<EncryptedData/>"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := testSpec().Check(append(fields(required...), tt.field), "", "")
			if err != nil {
				t.Fatal(err)
			}
			if got := v.Secret("keystore-password"); got != tt.want {
				t.Errorf("got %#v (Plain %q, Encrypted %q), want Plain %q, Encrypted %q", got, got.Plain, got.Encrypted, tt.want.Plain, tt.want.Encrypted)
			}
			if tt.want.Encrypted != "" && v.Text("keystore-password") != "" {
				t.Errorf("Text gives %q for an encrypted secret", v.Text("keystore-password"))
			}
		})
	}
}

func TestASecretValueNeverAppearsInAnError(t *testing.T) {
	const planted = "Pl4nted-S3cret"
	spec := testSpec()
	spec.Elements = append(spec.Elements,
		// A careless Check that quotes the value it refuses.
		schema.Element{Name: "api-key", Secret: true, Required: true, Kind: schema.KindInt, Check: func(v string) error { return fmt.Errorf("%q is refused", v) }},
		schema.Element{Name: "token", Secret: true, Kind: schema.KindEnum, Allowed: []string{"a"}})
	fs := []schema.Field{
		{Name: "keystore-password", Text: planted},
		{Name: "keystore-password", Text: planted + "2"}, // duplicate
		{Name: "api-key", Text: planted},                 // not an int, and its Check refuses all
		{Name: "token", Text: planted},                   // not an allowed value
		{Name: "retries", Text: "bad"},                   // a non-secret problem, so there is an error
	}
	_, err := spec.Check(fs, "cyberark", "")
	wantError(t, err, "<cyberark/keystore-password>: given more than once", "<cyberark/retries>")
	if strings.Contains(err.Error(), planted) {
		t.Errorf("error %q holds the secret", err)
	}
}

func TestCheckAllRunsOnlyWhenEveryElementPasses(t *testing.T) {
	calls := 0
	spec := testSpec()
	spec.CheckAll = func(v *schema.Values) error {
		calls++
		if v.Has("keystore-file") && !v.Has("keystore-password") {
			return &schema.ElementError{Element: "keystore-password", Problem: "is needed with keystore-file"}
		}
		return nil
	}
	if _, err := spec.Check(fields("retries", "x"), "", ""); err == nil || calls != 0 {
		t.Errorf("CheckAll ran %d times on bad elements (err %v)", calls, err)
	}
	_, err := spec.Check(fields(append(required, "keystore-file", "k.jks")...), "", "")
	wantError(t, err, "<keystore-password>: is needed with keystore-file")
	if calls != 1 {
		t.Errorf("CheckAll ran %d times, want 1", calls)
	}
	if _, err := spec.Check(fields(required...), "", ""); err != nil || calls != 2 {
		t.Errorf("good values: err %v, CheckAll ran %d times", err, calls)
	}
}

func TestASecretNeverPrintsItsPlainText(t *testing.T) {
	const plain = "Pl4in-Secret"
	s := schema.Secret{Plain: plain, Encrypted: "<EncryptedData>" + plain + "</EncryptedData>"}
	type holder struct{ S schema.Secret }
	outputs := map[string]string{
		"String":   s.String(),
		"GoString": s.GoString(),
		"Sprint":   fmt.Sprint(s),
		"Sprintln": fmt.Sprintln(s, &s),
		"Errorf":   fmt.Errorf("got %v", s).Error(),
	}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%10.3s"} {
		outputs[verb] = fmt.Sprintf(verb, s)
		outputs[verb+" pointer"] = fmt.Sprintf(verb, &s)
		outputs[verb+" in a struct"] = fmt.Sprintf(verb, holder{s})
		outputs[verb+" in a slice"] = fmt.Sprintf(verb, []schema.Secret{s})
	}
	for how, out := range outputs {
		if strings.Contains(out, plain) || strings.Contains(out, fmt.Sprintf("%x", plain)) || strings.Contains(out, fmt.Sprintf("%X", plain)) {
			t.Errorf("%s prints %q", how, out)
		}
		if !strings.Contains(out, "REDACTED") {
			t.Errorf("%s prints %q, which does not say the value is redacted", how, out)
		}
	}
}

func TestRepeatableElementsKeepEveryValueInOrder(t *testing.T) {
	spec := &schema.Spec{Elements: []schema.Element{{Name: "dir", Kind: schema.KindPath, Repeatable: true}, {Name: "one"}}}
	v, err := spec.Check([]schema.Field{{Name: "dir", Text: "a"}, {Name: "one", Text: "x"}, {Name: "dir", Text: "/b"}}, "", "/base")
	if err != nil {
		t.Fatal(err)
	}
	if got := v.All("dir"); len(got) != 2 || got[0] != "/base/a" || got[1] != "/b" {
		t.Errorf("All(dir) = %q", got)
	}
	if got := v.All("one"); len(got) != 1 || got[0] != "x" {
		t.Errorf("All(one) = %q", got)
	}
	if got := v.All("missing"); got != nil {
		t.Errorf("All(missing) = %q", got)
	}
	if _, err := spec.Check([]schema.Field{{Name: "one", Text: "x"}, {Name: "one", Text: "y"}}, "", ""); err == nil {
		t.Error("a second value of an element that does not repeat was accepted")
	}
}
