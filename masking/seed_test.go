package masking

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sirupsen/logrus"
)

// seedLogConfig is the log_config.xml of the product's seed, unchanged.
const seedLogConfig = `<log-config>
  <replacement-string>$1***MASKED***$2</replacement-string>
  <patterns>
    <mask-pattern><![CDATA[(\"Content\":\")[^&]*?\"(,\"|}</message-body>)]]></mask-pattern>
    <mask-pattern><![CDATA[(\"password\":)[^&]*(})]]></mask-pattern>
  </patterns>
</log-config>`

// seedResponseLine is the seed's success response as a grid log line holds
// it: the adapter response XML with the CCP's JSON in the message-body.
const seedResponseLine = `2026-11-23 12:00:00 INFO response: <cyberark-adapter-response><metadata><status>success</status></metadata>` +
	`<status-line><code>200</code><reason>OK</reason></status-line><header-lines><Content-Type>application/json; charset=utf-8</Content-Type></header-lines>` +
	`<message-body>{"Content":"planted-Seed-Pa55","CreationMethod":"PVWA","Address":"windows1.example.com","Safe":"Test","UserName":"Administrator","Name":"windows1","PolicyID":"WinServerLocal","Folder":"root\\OS\\Windows","PasswordChangeInProcess":"False"}</message-body></cyberark-adapter-response>`

func seedRules(t *testing.T) *Rules {
	t.Helper()
	rules, err := ParseLogConfig("log_config.xml", []byte(seedLogConfig))
	if err != nil {
		t.Fatal(err)
	}
	return NewRules(rules)
}

func TestTheSeedLogConfigMasksTheSeedResponse(t *testing.T) {
	rules, err := ParseLogConfig("log_config.xml", []byte(seedLogConfig))
	if err != nil {
		t.Fatal(err)
	}
	// The operator's patterns alone do the job, as they do in Java.
	got := seedResponseLine
	for i := range rules {
		got = rules[i].Pattern.ReplaceAll(got, rules[i].Replacement)
	}
	// Java's own result: the pattern's \" before group 2 eats the value's
	// closing quote, so it is missing from the masked text too.
	if strings.Contains(got, "planted-Seed-Pa55") || !strings.Contains(got, `{"Content":"***MASKED***,"CreationMethod"`) {
		t.Errorf("the seed's pattern did not mask the seed's response:\n%s", got)
	}
}

func TestTheBuiltinMasksCatchWhatTheSeedPatternMisses(t *testing.T) {
	m := seedRules(t)
	var jsonLog bytes.Buffer
	log := logrus.New()
	log.Out = &jsonLog
	log.Formatter = &logrus.JSONFormatter{} // unmasked: the text as a JSON log line holds it
	log.WithField("body", `{"Content":"planted-Seed-Pa55"}`).Info("answer")
	tests := []struct{ name, in string }{
		{"pretty-printed JSON", "{\n  \"Content\": \"planted-Seed-Pa55\",\n  \"Safe\": \"Test\"\n}"},
		{"a JSON-formatted logrus line", jsonLog.String()},
		{"an Authorization header", "Authorization: Basic planted-Seed-Pa55"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := m.Mask(tt.in); strings.Contains(got, "planted-Seed-Pa55") {
				t.Errorf("not masked:\n%s", got)
			}
		})
	}
}

func TestLogConfigFilesAreMergedInOrderAndCheckedWhole(t *testing.T) {
	dir := t.TempDir()
	first := filepath.Join(dir, "first.xml")
	second := filepath.Join(dir, "second.xml")
	bad := filepath.Join(dir, "bad.xml")
	write := func(path, text string) {
		if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(first, `<log-config><replacement-string>[$1]</replacement-string><patterns><mask-pattern>(token)=\w+</mask-pattern></patterns></log-config>`)
	write(second, `<log-config><replacement-string>&lt;hidden&gt;</replacement-string><patterns><mask-pattern>\[token\]</mask-pattern></patterns></log-config>`)
	rules, err := LoadLogConfigs(first, second)
	if err != nil {
		t.Fatal(err)
	}
	if got := NewRules(rules).Mask("token=abc"); got != "<hidden>" {
		t.Errorf("rules ran out of order or not at all: %q", got)
	}
	write(bad, `<log-config><replacement-string>$3</replacement-string><patterns>
<mask-pattern>(?=x)y</mask-pattern><mask-pattern>(a)(b)</mask-pattern></patterns><extra/></log-config>`)
	_, err = LoadLogConfigs(first, bad, filepath.Join(dir, "missing.xml"))
	if err == nil {
		t.Fatal("a bad file was accepted")
	}
	for _, want := range []string{"bad.xml: unknown element <extra>", "missing.xml: cannot be read"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error lacks %q:\n%v", want, err)
		}
	}
	write(bad, `<log-config><replacement-string>$3</replacement-string><patterns>
<mask-pattern>(?=x)y</mask-pattern><mask-pattern>(a)(b)</mask-pattern></patterns></log-config>`)
	_, err = LoadLogConfig(bad)
	for _, want := range []string{"bad.xml: mask-pattern 1: at offset 0: lookahead", "bad.xml: mask-pattern 2: replacement-string:"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("the error lacks %q:\n%v", want, err)
		}
	}
}
