package masking

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

// The two patterns of the shipped log_config.xml.
const (
	javaSeedContent  = `(\"Content\":\")[^&]*?\"(,\"|}</message-body>)`
	javaSeedPassword = `(\"password\":)[^&]*(})`
)

func TestCompileJavaRefusesWhatRE2CannotRunAndNamesIt(t *testing.T) {
	tests := []struct {
		pattern   string
		construct string
		offset    int
		problem   string
	}{
		{`password(?=:)`, "lookahead (?=...)", 8, "cannot run in linear time; rewrite the pattern without it"},
		{`a(?!b)`, "negative lookahead (?!...)", 1, "cannot run in linear time"},
		{`(?<=x)y`, "lookbehind (?<=...)", 0, "cannot run in linear time"},
		{`(?<=a+)b`, "lookbehind (?<=...)", 0, "cannot run in linear time"},
		{`(?<!x)y`, "negative lookbehind (?<!...)", 0, "cannot run in linear time"},
		{`(a)\1`, `backreference \1`, 3, "cannot run in linear time"},
		{`(?<q>a)\k<q>`, `backreference \k<q>`, 7, "cannot run in linear time"},
		{`(?>a|ab)c`, "atomic group (?>...)", 0, "cannot run in linear time"},
		{`\Ga`, `end of previous match \G`, 0, "not supported by RE2"},
		{`x\X`, `grapheme cluster \X`, 1, "not supported by RE2"},
		{`\b{g}`, `grapheme boundary \b{g}`, 0, "not supported by RE2"},
		{`\N{LATIN SMALL LETTER A}`, `named character \N{...}`, 0, `write the character as \x{...}`},
		{`é\p{InGreek}`, `\p{InGreek}`, 2, "(Unicode block) is not supported"},
		{`\p{blk=Greek}`, `\p{blk=Greek}`, 0, "(Unicode block) is not supported"},
		{`\p{IsLatn}`, `\p{IsLatn}`, 0, "is not supported"},
		{`\p{IsUnknown}`, `\p{IsUnknown}`, 0, "is not supported"},
		{`[\p{javaMirrored}]`, `\p{javaMirrored}`, 1, "is not supported"},
		{`[a-z&&[^aeiou]]`, "class intersection &&", 4, "is not supported"},
		{`(?U)\w`, "flag (?U) UNICODE_CHARACTER_CLASS", 2, "means ungreedy in RE2"},
		{`(?c)e`, "flag (?c) CANON_EQ", 2, "is not supported"},
		{`(?iu)é`, "(?iu) Unicode case folding", 5, "use (?i) (ASCII letters)"},
		{`(?iu)[a-z]`, "(?iu) Unicode case folding", 6, "is not supported"},
		{`(?iu)\u0130`, "(?iu) Unicode case folding", 5, "is not supported"},
		{`a{1001}`, "repetition {1001}", 1, "above RE2's limit of 1000"},
		{`x{2,5000}`, "repetition {2,5000}", 1, "above RE2's limit of 1000"},
		{`x{1001,}`, "repetition {1001,}", 1, "above RE2's limit of 1000"},
		{`a*+a`, "possessive quantifier *+", 1, "use the greedy *"},
		{`".*+"`, "possessive quantifier *+", 2, "use the greedy *"},
		{`a?+a`, "possessive quantifier ?+", 1, "use the greedy ?"},
		{`(ab)++`, "possessive quantifier ++", 4, "use the greedy +"},
		{`\d++\b`, "possessive quantifier ++", 2, "use the greedy +"},
		{`\d{2,4}+\d`, "possessive quantifier {2,4}+", 2, "use the greedy {2,4}"},
		{`x(?:\R\R){2}`, `line break \R in a repeated group`, 4, "never given back"},
		{`(?:a\R\s){1,3}`, `line break \R in a repeated group`, 4, "never given back"},
	}
	for _, tc := range tests {
		t.Run(tc.pattern, func(t *testing.T) {
			t.Parallel()
			p, err := CompileJava(tc.pattern)
			var pe *PatternError
			if !errors.As(err, &pe) {
				t.Fatalf("CompileJava(%q) = %v, %v; want a *PatternError", tc.pattern, p, err)
			}
			if pe.Construct != tc.construct || pe.Offset != tc.offset || !strings.Contains(pe.Problem, tc.problem) {
				t.Errorf("CompileJava(%q): got %q at %d (%s); want %q at %d (%s)",
					tc.pattern, pe.Construct, pe.Offset, pe.Problem, tc.construct, tc.offset, tc.problem)
			}
			if want := fmt.Sprintf("at offset %d: %s ", tc.offset, tc.construct); !strings.HasPrefix(err.Error(), want) {
				t.Errorf("Error() = %q; want it to start with %q", err.Error(), want)
			}
		})
	}
}

func TestCompileJavaRejectsWhatJavaRejects(t *testing.T) {
	tests := []struct{ pattern, javaSays string }{
		{`(abc`, "unclosed group"},
		{`abc)`, "unmatched closing ')'"},
		{`[abc`, "unclosed character class"},
		{`[[]`, "unclosed character class"},
		{`*a`, "dangling meta character '*'"},
		{`x**`, "dangling meta character '*'"},
		{`a{,3}`, "illegal repetition"},
		{`x{`, "illegal repetition"},
		{`x{2,1}`, "illegal repetition range"},
		{`a{2147483648}`, "illegal repetition range"},
		{`\y`, "illegal/unsupported escape sequence"},
		{`\k<nope>`, "named capturing group <nope> does not exist"},
		{`(?<1a>x)`, "capturing group name does not start with a Latin letter"},
		{`(?<n>a)(?<n>b)`, "named capturing group <n> is already defined"},
		{`\p{Foo}`, "unknown character property name {Foo}"},
		{`\p{IsVithkuqi}`, "unknown character property name {IsVithkuqi}"},
		{`\x{110000}`, "hexadecimal codepoint is too big"},
		{`\08`, "illegal octal escape sequence"},
		{`\u12`, "illegal Unicode escape sequence"},
		{`a\`, "unexpected end of pattern"},
		{`[z-a]`, "illegal character range"},
		{`[a-\d]`, "illegal character range"},
		{`(?k)a`, "unknown inline modifier"},
		{`(?$a)`, "unknown group type"},
		{`\E`, "illegal/unsupported escape sequence"},
	}
	for _, tc := range tests {
		t.Run(tc.pattern, func(t *testing.T) {
			t.Parallel()
			_, err := CompileJava(tc.pattern)
			var pe *PatternError
			if !errors.As(err, &pe) {
				t.Fatalf("CompileJava(%q) = %v; want a *PatternError", tc.pattern, err)
			}
			if pe.Construct != tc.javaSays || pe.Problem != jproblemSyntax {
				t.Errorf("CompileJava(%q): %v; want %q %s", tc.pattern, err, tc.javaSays, jproblemSyntax)
			}
		})
	}
}

func TestCompileJavaTranslatesToRE2WithJavasMeaning(t *testing.T) {
	tests := []struct {
		pattern string
		re2     string
		exact   bool // RE alone does Java's replaceAll
	}{
		{`\v`, `[\x{A}-\x{D}\x{85}\x{2028}\x{2029}]`, true},
		{`\s`, `[\x{9}-\x{D}\x{20}]`, true},
		{`\h`, `[\x{9}\x{20}\x{A0}\x{1680}\x{180E}\x{2000}-\x{200A}\x{202F}\x{205F}\x{3000}]`, true},
		{`(?i)ab1`, `[Aa][Bb]1`, true},
		{`(?i)é`, `é`, true},
		{`\u00e9\x41\x{1F600}\0101\cA\e\a`, `éA😀A\x{1}\x{1B}\x{7}`, true},
		{`\Q.*\E`, `\.\*`, true},
		{`[a[bc]]`, `[a-c]`, true},
		{`[^\x00-\x{10FFFF}]`, `[^\x00-\x{10FFFF}]`, true},
		{`"[^"]*+"`, `"[\x{0}-!#-\x{D7FF}\x{E000}-\x{10FFFF}]*"`, true},
		{`(?<user>\w+)`, `(?P<user>[0-9A-Z_a-z]+)`, true},
		{`\R`, `\x{D}\x{A}|[\x{A}-\x{D}\x{85}\x{2028}\x{2029}]`, true},
		{`(?s).`, `[\x{0}-\x{D7FF}\x{E000}-\x{10FFFF}]`, true},
		{`(?d).`, `[\x{0}-\x{9}\x{B}-\x{D7FF}\x{E000}-\x{10FFFF}]`, true},
		{`^a\z`, `\Aa\z`, true},
		{`(?dm)a$`, `a(?m:$)`, true},
		{`a$`, `a(?:$)`, false},
		{`(?m)^a`, `(?m:^)a`, false},
		{`\bpass\b`, `\bpass\b`, false},
		{`a*`, `a*`, false},
		{`(a|)*b`, `(a|(?:))*b`, false},
		{`(?x) a b # comment`, `ab`, true},
		// \R quantified: Java keeps "\r\n" together, so a lone \r must not
		// be followed by \n (a matcher assertion).
		{`\R{2}`, `(?:\x{D}\x{A}|\x{D}(?:)|[\x{A}-\x{C}\x{85}\x{2028}\x{2029}]){2}`, false},
		{`(?:\R)?\n`, `(?:\x{D}\x{A}|[\x{A}-\x{D}\x{85}\x{2028}\x{2029}])?\x{A}`, true},
	}
	for _, tc := range tests {
		t.Run(tc.pattern, func(t *testing.T) {
			t.Parallel()
			p, err := CompileJava(tc.pattern)
			if err != nil {
				t.Fatal(err)
			}
			if got := p.RE.String(); got != tc.re2 || p.exact != tc.exact {
				t.Errorf("CompileJava(%q).RE = %s (exact %v); want %s (exact %v)", tc.pattern, got, p.exact, tc.re2, tc.exact)
			}
			if p.Source != tc.pattern {
				t.Errorf("Source = %q; want %q", p.Source, tc.pattern)
			}
		})
	}
}

func TestReplaceAllWalksMatchesAsJavaDoes(t *testing.T) {
	tests := []struct{ pattern, input, want string }{
		{`a*`, "baaac", "[]b[aaa][]c[]"},
		{`x*`, "abc", "[]a[]b[]c[]"},
		{`(?m)^`, "a\nb\n", "[]a\n[]b\n"},
		{`$`, "abc\r\n", "abc[]\r\n[]"},
		{`secret$`, "secret\n", "[secret]\n"},
		{`\b`, "ab é1", "[]ab[] []é1[]"},
		{`(?:|a)*\B`, "aaa!", "[a][]a[]a![]"},
		{`.`, "a\rb\u2028c", "[a]\r[b]\u2028[c]"},
	}
	for _, tc := range tests {
		p, err := CompileJava(tc.pattern)
		if err != nil {
			t.Fatal(err)
		}
		r, err := TranslateReplacement("[$0]", p)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.ReplaceAll(tc.input, r); got != tc.want {
			t.Errorf("%q on %q: got %q; want %q", tc.pattern, tc.input, got, tc.want)
		}
	}
}

func TestReplaceAllRunsInLinearTime(t *testing.T) {
	// Each of these takes exponential time in a backtracking engine.
	long := strings.Repeat("a", 20000)
	for _, pattern := range []string{`(a+a+)+b`, `(a|aa)*c`, `(\w*)*\b!`, `(?:a*)*$x`} {
		p, err := CompileJava(pattern)
		if err != nil {
			t.Fatal(err)
		}
		r, err := TranslateReplacement("X", p)
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		p.ReplaceAll(long, r)
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("%q on 20000 characters took %v", pattern, d)
		}
	}
}

func TestJavaPatternsAreSafeForConcurrentUse(t *testing.T) {
	for _, pattern := range []string{javaSeedPassword, `(?m)^(password=).*$`} {
		p, err := CompileJava(pattern)
		if err != nil {
			t.Fatal(err)
		}
		r, err := TranslateReplacement("$1***MASKED***", p)
		if err != nil {
			t.Fatal(err)
		}
		in := "a\npassword=x\n{\"password\":\"y\"}"
		want := p.ReplaceAll(in, r)
		var wg sync.WaitGroup
		for g := 0; g < 8; g++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < 200; i++ {
					if got := p.ReplaceAll(in, r); got != want {
						t.Errorf("concurrent ReplaceAll = %q; want %q", got, want)
						return
					}
				}
			}()
		}
		wg.Wait()
	}
}

func BenchmarkCompileJava(b *testing.B) {
	for name, pattern := range map[string]string{"content": javaSeedContent, "password": javaSeedPassword} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := CompileJava(pattern); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkReplaceAll(b *testing.B) {
	line := `2024-05-01 12:00:01,123 DEBUG [adapter-7] request <message-body>{"Folder":"Root","Content":"hunter2","UserName":"svc"}</message-body> status=200`
	for name, pattern := range map[string]string{
		"re2/content":  javaSeedContent,
		"matcher/word": `\b(Content\W+)\w+`,
		"matcher/line": `(?m)^(.*"Content":").*$`,
	} {
		p, err := CompileJava(pattern)
		if err != nil {
			b.Fatal(err)
		}
		r, err := TranslateReplacement("$1***MASKED***", p)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(line)))
			for i := 0; i < b.N; i++ {
				p.ReplaceAll(line, r)
			}
		})
	}
}
