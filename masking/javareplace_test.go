package masking

import (
	"errors"
	"strings"
	"testing"
)

func TestTranslateReplacementRefusesWhatJavaThrowsFor(t *testing.T) {
	p, err := CompileJava(`(a)(b)(?<n>c)`)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		repl    string
		offset  int
		problem string
	}{
		{`x\`, 1, "character to be escaped is missing"},
		{`x$`, 1, "group index is missing"},
		{`$x`, 0, "$ must be followed by a group number or {name}"},
		{`ok $`, 3, "group index is missing"},
		{`${}`, 0, "named capturing group has 0 length name"},
		{`${n`, 0, "named capturing group is missing trailing '}'"},
		{`${n_x}`, 0, "named capturing group is missing trailing '}'"},
		{`${1n}`, 0, "capturing group name {1n} starts with digit character"},
		{`${nope}`, 0, "no group with name {nope}"},
		{`$1$4`, 2, "no group 4 (the pattern has 3)"},
		{`é$9`, 2, "no group 9"},
	}
	for _, tc := range tests {
		t.Run(tc.repl, func(t *testing.T) {
			r, err := TranslateReplacement(tc.repl, p)
			var re *ReplacementError
			if !errors.As(err, &re) {
				t.Fatalf("TranslateReplacement(%q) = %v, %v; want a *ReplacementError", tc.repl, r, err)
			}
			if re.Offset != tc.offset || !strings.Contains(re.Problem, tc.problem) {
				t.Errorf("TranslateReplacement(%q): %v; want offset %d and %q", tc.repl, err, tc.offset, tc.problem)
			}
			if !strings.HasPrefix(err.Error(), "replacement at offset ") {
				t.Errorf("Error() = %q", err.Error())
			}
		})
	}
}

func TestTranslateReplacementReadsGroupNumbersAsJava(t *testing.T) {
	tests := []struct{ pattern, repl, input, want string }{
		{`(a)(b)`, `$12`, "ab", "a2"},
		{`(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)(l)`, `<$12|$10|$123>`, "abcdefghijkl", "<l|j|l3>"},
		{`(a)(b)`, `$0-$2$1`, "ab", "ab-ba"},
		{`(?<user>\w+)@(?<host>[a-z.]+)`, `${host}/${user}`, "svc@example.com", "example.com/svc"},
		{`(x)`, `\$1 \\ \x $1\$`, "x", `$1 \ x x$`},
		{`(a)|(b)`, `[$1|$2]`, "ab", "[a|][|b]"},
		{`(a)?b`, `[$1]`, "ab b", "[a] []"},
	}
	for _, tc := range tests {
		p, err := CompileJava(tc.pattern)
		if err != nil {
			t.Fatal(err)
		}
		r, err := TranslateReplacement(tc.repl, p)
		if err != nil {
			t.Fatalf("TranslateReplacement(%q): %v", tc.repl, err)
		}
		if got := p.ReplaceAll(tc.input, r); got != tc.want {
			t.Errorf("%q with %q on %q: got %q; want %q", tc.pattern, tc.repl, tc.input, got, tc.want)
		}
	}
	p, _ := CompileJava(`(secret)`)
	if _, err := TranslateReplacement(`$$`, p); err == nil {
		t.Error(`TranslateReplacement("$$") succeeded; Java throws for it (write \$)`)
	}
}

func TestTranslateReplacementRefusesGroupsUnderQuantifiers(t *testing.T) {
	for _, tc := range []struct{ pattern, repl string }{
		{`(a|)*`, `$1`},
		{`(?:(a)|b)+`, `$1`},
		{`(?:(\w){1,3}){2,}`, `$1`},
		{`\W|(?<g>a)?+x`, `${g}`},
		{`((a)b){2}`, `$2`},
	} {
		p, err := CompileJava(tc.pattern)
		if err != nil {
			t.Fatal(err)
		}
		_, err = TranslateReplacement(tc.repl, p)
		var re *ReplacementError
		if !errors.As(err, &re) || !strings.Contains(re.Problem, "repeated by a quantifier") {
			t.Errorf("TranslateReplacement(%q) for %q = %v; want it refused", tc.repl, tc.pattern, err)
		}
	}
	// The whole repetition, $0, and groups under ? are fine.
	for _, tc := range []struct{ pattern, repl string }{
		{`((?:ab)+)c`, `$1`},
		{`(a|)*`, `$0`},
		{`(a)??b`, `$1`},
	} {
		p, err := CompileJava(tc.pattern)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := TranslateReplacement(tc.repl, p); err != nil {
			t.Errorf("TranslateReplacement(%q) for %q: %v", tc.repl, tc.pattern, err)
		}
	}
}

func TestReplacementWithoutReferencesIsLiteral(t *testing.T) {
	p, err := CompileJava(javaSeedPassword)
	if err != nil {
		t.Fatal(err)
	}
	for _, repl := range []string{"***MASKED***", `\$1 costs \\`, ""} {
		r, err := TranslateReplacement(repl, p)
		if err != nil {
			t.Fatalf("%q: %v", repl, err)
		}
		if !r.literal {
			t.Errorf("%q: not literal", repl)
		}
	}
	r, _ := TranslateReplacement(`\$1$2`, p)
	if r.literal || r.template != `$$1${2}` {
		t.Errorf(`\$1$2: literal %v template %q; want a template "$$1${2}"`, r.literal, r.template)
	}
	if got := p.ReplaceAll(`{"password":"x"}`, r); got != `{$1}` {
		t.Errorf("got %q", got)
	}
}

func TestReplaceAllWithNilReplacementRemovesMatches(t *testing.T) {
	for _, pattern := range []string{`\d+`, `\b\d+\b`} {
		p, err := CompileJava(pattern)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.ReplaceAll("a 12 b", nil); got != "a  b" {
			t.Errorf("%q: got %q", pattern, got)
		}
	}
}

func TestSeedPatternsMaskTheShippedWay(t *testing.T) {
	tests := []struct{ pattern, input, want string }{
		{javaSeedContent, `<message-body>{"UserName":"svc","Content":"P@ssw0rd"}</message-body>`,
			`<message-body>{"UserName":"svc","Content":"***MASKED***}</message-body>`},
		{javaSeedContent, `{"Content":"a\"b","Safe":"x"}`, `{"Content":"***MASKED***,"Safe":"x"}`},
		{javaSeedPassword, `{"user":"svc","password":"hunter2"}`, `{"user":"svc","password":***MASKED***}`},
		{javaSeedPassword, `{"password":"p&q"}`, `{"password":"p&q"}`},
	}
	for _, tc := range tests {
		p, err := CompileJava(tc.pattern)
		if err != nil {
			t.Fatal(err)
		}
		if !p.exact {
			t.Errorf("%q: the seed should run on RE2 alone", tc.pattern)
		}
		r, err := TranslateReplacement(`$1***MASKED***$2`, p)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.ReplaceAll(tc.input, r); got != tc.want {
			t.Errorf("%q on %q:\n got %q\nwant %q", tc.pattern, tc.input, got, tc.want)
		}
	}
}
