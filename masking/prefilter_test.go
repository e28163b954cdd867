package masking

import (
	"regexp"
	"testing"
)

func TestTheRequiredLiteralIsOneEveryMatchContains(t *testing.T) {
	tests := []struct{ name, pattern, want string }{
		{"the seed's Content pattern needs its member name", `("Content":")[^&]*?"(,"|}</message-body>)`, `"Content":"`},
		{"the seed's password pattern needs its member name", `("password":)[^&]*(})`, `"password":`},
		{"a zero-width assertion does not break a run", `pass\bword`, `password`},
		{"a repeated literal is required once", `(?:token)+=\w+`, `token`},
		{"an optional literal is not required", `(?:secret)?=\w+`, `=`},
		{"an alternation requires nothing", `apple|pear`, ``},
		{"case folding requires nothing", `(?i)secret`, ``},
		{"a pattern without literals requires nothing", `\w+`, ``},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := requiredLiteral(regexp.MustCompile(tt.pattern)); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestARuleIsSkippedOnlyWhereItCannotMatch(t *testing.T) {
	rules, err := ParseLogConfig("t", []byte(`<log-config><replacement-string>$1***</replacement-string><patterns><mask-pattern>(pw=)\S+</mask-pattern></patterns></log-config>`))
	if err != nil {
		t.Fatal(err)
	}
	if rules[0].filter != "pw=" {
		t.Fatalf("filter %q", rules[0].filter)
	}
	m := NewRules(rules)
	if got := m.Mask("user=a pw=s3cret"); got != "user=a pw=***" {
		t.Errorf("got %q", got)
	}
	if got := m.Mask("nothing here"); got != "nothing here" {
		t.Errorf("got %q", got)
	}
}
