package masking

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"
)

// The golden corpus: testdata/masking/cases.txt holds patterns, replacements
// and inputs; expected.txt holds what JDK 17's Matcher.replaceAll returned
// for each (MaskGolden.java, run.sh). The format is described at the top of
// cases.txt.

const javaGoldenDir = "../testdata/masking"

type javaGoldenCase struct {
	id          string
	line        int
	pattern     string
	replacement string
	inputs      []string
	refuse      string // Go must refuse the pattern, naming this construct
	refuseRepl  string // Go must refuse the replacement with this problem
	knownDiff   string // Go's output is known to differ from Java's, and why
	hasPattern  bool
}

type javaGoldenAnswer struct {
	output     string
	outputOK   bool   // false: Java's output holds a lone UTF-16 surrogate
	javaError  string // "compile <class>" or "replace <class>"
	rawEscaped string
}

func readJavaGoldenCases(t testing.TB) []*javaGoldenCase {
	t.Helper()
	f, err := os.Open(filepath.Join(javaGoldenDir, "cases.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []*javaGoldenCase
	var cur *javaGoldenCase
	seen := map[string]bool{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		if strings.HasPrefix(text, "case ") {
			id := strings.TrimSpace(text[5:])
			if seen[id] {
				t.Fatalf("cases.txt:%d: duplicate case %s", line, id)
			}
			seen[id] = true
			cur = &javaGoldenCase{id: id, line: line, replacement: "[$0]"}
			cases = append(cases, cur)
			continue
		}
		key, value, ok := strings.Cut(text, ":")
		if !ok || cur == nil {
			t.Fatalf("cases.txt:%d: expected 'case <id>' or 'key: value'", line)
		}
		value = strings.TrimPrefix(value, " ")
		unesc := func() string {
			s, err := unescapeJavaGolden(value)
			if err != nil {
				t.Fatalf("cases.txt:%d: %v", line, err)
			}
			return s
		}
		switch key {
		case "pattern":
			cur.pattern, cur.hasPattern = value, true
		case "pattern-escaped":
			cur.pattern, cur.hasPattern = unesc(), true
		case "replacement":
			cur.replacement = value
		case "replacement-escaped":
			cur.replacement = unesc()
		case "input":
			cur.inputs = append(cur.inputs, unesc())
		case "refuse":
			cur.refuse = value
		case "refuse-replacement":
			cur.refuseRepl = value
		case "known-difference":
			cur.knownDiff = value
		case "note":
		default:
			t.Fatalf("cases.txt:%d: unknown key %q", line, key)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		if !c.hasPattern || len(c.inputs) == 0 {
			t.Fatalf("cases.txt:%d: case %s needs a pattern and an input", c.line, c.id)
		}
	}
	return cases
}

func readJavaGoldenExpected(t testing.TB) (map[string]javaGoldenAnswer, string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(javaGoldenDir, "expected.txt"))
	if err != nil {
		t.Fatalf("%v (run testdata/masking/run.sh)", err)
	}
	answers := map[string]javaGoldenAnswer{}
	version := ""
	for i, text := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		if strings.HasPrefix(text, "# java.version=") {
			version = strings.Fields(strings.TrimPrefix(text, "# java.version="))[0]
		}
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		key, rest, ok := strings.Cut(text, " ")
		if !ok {
			t.Fatalf("expected.txt:%d: malformed", i+1)
		}
		var a javaGoldenAnswer
		switch {
		case strings.HasPrefix(rest, "output: "):
			a.rawEscaped = strings.TrimPrefix(rest, "output: ")
			a.output, a.outputOK, err = decodeJavaOutput(a.rawEscaped)
			if err != nil {
				t.Fatalf("expected.txt:%d: %v", i+1, err)
			}
		case strings.HasPrefix(rest, "java-error: "):
			a.javaError = strings.TrimPrefix(rest, "java-error: ")
		default:
			t.Fatalf("expected.txt:%d: malformed", i+1)
		}
		answers[key] = a
	}
	return answers, version
}

// unescapeJavaGolden decodes \\ \n \r \t \f and \uXXXX (UTF-16 units; a pair
// makes one character), as MaskGolden.java does.
func unescapeJavaGolden(s string) (string, error) {
	out, ok, err := decodeJavaOutput(s)
	if err == nil && !ok {
		err = errors.New("lone surrogate in an input")
	}
	if err != nil {
		return "", err
	}
	if strings.Contains(s, `\`) {
		// decodeJavaOutput accepts the same escapes; check none other slipped in.
		for i := 0; i < len(s); i++ {
			if s[i] == '\\' {
				i++
				if i >= len(s) || !strings.ContainsRune(`\nrtfu`, rune(s[i])) {
					return "", fmt.Errorf("unknown escape in %q", s)
				}
			}
		}
	}
	return out, nil
}

// decodeJavaOutput decodes the escapes of expected.txt. ok is false when a
// \uXXXX is a surrogate without its other half: Java produced half a
// character, which UTF-8 cannot hold.
func decodeJavaOutput(s string) (out string, ok bool, err error) {
	var b strings.Builder
	ok = true
	var units []uint16
	flush := func() {
		for _, r := range utf16.Decode(units) {
			if r == utf8.RuneError {
				ok = false
			}
			b.WriteRune(r)
		}
		units = units[:0]
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' {
			flush()
			b.WriteByte(c)
			continue
		}
		i++
		if i >= len(s) {
			return "", false, errors.New("trailing backslash")
		}
		if s[i] == 'u' {
			if i+4 >= len(s) {
				return "", false, errors.New("short \\u escape")
			}
			v, err := strconv.ParseUint(s[i+1:i+5], 16, 16)
			if err != nil {
				return "", false, err
			}
			units = append(units, uint16(v))
			i += 4
			continue
		}
		flush()
		switch s[i] {
		case '\\':
			b.WriteByte('\\')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'f':
			b.WriteByte('\f')
		default:
			return "", false, fmt.Errorf("unknown escape \\%c", s[i])
		}
	}
	flush()
	return b.String(), ok, nil
}

func TestJavaGoldenCorpus(t *testing.T) {
	cases := readJavaGoldenCases(t)
	answers, version := readJavaGoldenExpected(t)
	if !strings.HasPrefix(version, "17.") {
		t.Errorf("expected.txt was written by Java %q; the corpus is for JDK 17", version)
	}
	used := map[string]bool{}
	var triples, refused, differ int
	for _, c := range cases {
		for n, input := range c.inputs {
			key := fmt.Sprintf("%s#%d", c.id, n+1)
			used[key] = true
			want, ok := answers[key]
			if !ok {
				t.Errorf("%s (cases.txt:%d): no answer in expected.txt; run testdata/masking/run.sh", key, c.line)
				continue
			}
			triples++
			t.Run(key, func(t *testing.T) {
				r := checkJavaGolden(t, c, input, want)
				if r == "refused" {
					refused++
				} else if r == "differs" {
					differ++
				}
			})
		}
	}
	for key := range answers {
		if !used[key] {
			t.Errorf("expected.txt has %s, which cases.txt no longer has; run run.sh", key)
		}
	}
	t.Logf("%d cases, %d pattern/replacement/input triples, %d refused, %d known differences", len(cases), triples, refused, differ)
}

// checkJavaGolden checks one triple and says "refused", "differs" or "".
func checkJavaGolden(t *testing.T, c *javaGoldenCase, input string, want javaGoldenAnswer) string {
	t.Helper()
	where := fmt.Sprintf("cases.txt:%d pattern %q", c.line, c.pattern)
	p, err := CompileJava(c.pattern)
	javaCompiled := !strings.HasPrefix(want.javaError, "compile ")
	if err != nil {
		var pe *PatternError
		if !errors.As(err, &pe) {
			t.Fatalf("%s: error %T is not a *PatternError: %v", where, err, err)
		}
		if c.refuse != "" {
			if !javaCompiled {
				t.Errorf("%s: listed as refused, but Java rejects it too (%s); the list is for patterns Java accepts", where, want.javaError)
			}
			if !strings.Contains(pe.Construct, c.refuse) {
				t.Errorf("%s: refused with construct %q, want one naming %q (%v)", where, pe.Construct, c.refuse, err)
			}
			return "refused"
		}
		if javaCompiled {
			t.Errorf("%s: refused (%v) but Java accepts it and the case is not listed as refused", where, err)
		}
		return "refused"
	}
	if c.refuse != "" {
		t.Errorf("%s: listed as refused (%s) but CompileJava accepted it as %s", where, c.refuse, p.RE)
		return ""
	}
	if !javaCompiled {
		t.Errorf("%s: Java rejects the pattern (%s) but CompileJava accepted it as %s", where, want.javaError, p.RE)
		return ""
	}
	r, err := TranslateReplacement(c.replacement, p)
	if err != nil {
		var re *ReplacementError
		if !errors.As(err, &re) {
			t.Fatalf("%s: error %T is not a *ReplacementError: %v", where, err, err)
		}
		if want.javaError != "" {
			return "refused"
		}
		if c.refuseRepl == "" || !strings.Contains(re.Problem, c.refuseRepl) {
			t.Errorf("%s: replacement %q refused (%v) but Java used it (output %q); list it with refuse-replacement if that is intended",
				where, c.replacement, err, want.rawEscaped)
		}
		return "refused"
	}
	if c.refuseRepl != "" {
		t.Errorf("%s: replacement %q listed as refused but TranslateReplacement accepted it", where, c.replacement)
	}
	if want.javaError != "" {
		t.Errorf("%s: Java failed in replaceAll (%s) but the replacement %q was accepted", where, want.javaError, c.replacement)
		return ""
	}
	got := p.ReplaceAll(input, r)
	// The matcher must agree with Java too where RE2 is used (cross-check).
	var viaMatcher string
	if p.exact {
		prog, err := compileJavaProg(p.tree, p.groups)
		if err != nil {
			t.Fatalf("%s: %v", where, err)
		}
		viaMatcher = p.replaceWith(input, r, prog)
	}
	same := want.outputOK && got == want.output
	if c.knownDiff != "" {
		if same {
			t.Errorf("%s: listed as a known difference (%s) but Go now gives Java's output %q; remove the listing", where, c.knownDiff, got)
		}
		t.Logf("%s: known difference (%s): Java %s, Go %q", where, c.knownDiff, want.rawEscaped, got)
		return "differs"
	}
	if !same {
		t.Errorf("%s replacement %q input %q:\n Java: %s\n   Go: %q (RE2 %s, exact=%v)", where, c.replacement, input, want.rawEscaped, got, p.RE, p.exact)
	}
	if p.exact && viaMatcher != got {
		t.Errorf("%s input %q: the matcher gives %q, RE2 %q", where, input, viaMatcher, got)
	}
	return ""
}
