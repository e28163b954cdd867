package masking

// Java regular expressions (java.util.regex, JDK 17) for RE2.
//
// Operators write their mask patterns for Java. CompileJava parses a pattern
// with a port of JDK 17's Pattern parser, so it accepts exactly the syntax
// Java accepts, and builds a tree in which every construct already carries
// Java's meaning: flags are resolved, case-insensitive letters are expanded
// into classes, '.', \s, \v, \h, \R and the POSIX and Unicode classes become
// explicit code-point sets. From that tree it emits an RE2 pattern (RE) and,
// when RE2 cannot express Java's meaning, a program for the package's own
// linear-time matcher (javaprog.go, javamatch.go).
//
// What is refused, and why, is listed on CompileJava. The behaviour is
// pinned by the golden corpus in testdata/masking (answers written by JDK 17).
//
// The two engines, and Java's Matcher.replaceAll:
//
// ReplaceAll walks the matches as Java's Matcher.find does: after a
// non-empty match the next search starts where it ended, so an empty match
// right after it counts (RE2's ReplaceAll skips it); after an empty match
// the next search starts one character later. When the RE2 translation is
// exact and the pattern cannot match empty, RE2's own ReplaceAll gives the
// same result and is used. Otherwise the matches come from the package's
// matcher: a Pike VM (linear in the text, like RE2) over a program compiled
// from the Java tree, which evaluates Java's assertions itself and ends a
// loop at an empty iteration as Java does.
//
// The files:
//
//	javaregex.go        the API: JavaPattern, CompileJava, ReplaceAll
//	javareplace.go      Java replacement strings: TranslateReplacement
//	javatree.go         the parsed tree, and what a subtree can do
//	javaparse.go        the parser's state and cursor moves, \Q...\E
//	javaparseexpr.go    alternatives, sequences, literal runs
//	javaparsegroup.go   groups and quantifiers
//	javaflags.go        Java's flags and inline modifiers (?imsdux-...)
//	javaescape.go       escape sequences
//	javaclass.go        character classes [...]
//	javaprops.go        \p{...} properties, over Go's Unicode tables
//	javaascii.go        java.util.regex.ASCII
//	javaset.go          code-point sets
//	javacheck.go        checks on the whole tree: possessive quantifiers, \R
//	javatranslate.go    the RE2 pattern, and whether it is exact
//	javaprog.go         the matcher program compiled from the tree
//	javamatch.go        the Pike VM that runs it
//	javaassert.go       Java's assertions, as the matcher evaluates them

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// JavaPattern is a java.util.regex pattern compiled for RE2 with Java's meaning.
// It is safe for concurrent use.
type JavaPattern struct {
	Source string         // the Java pattern as written
	RE     *regexp.Regexp // the translated RE2 pattern; exact unless the pattern needs the matcher (see CompileJava)

	groups int            // capturing groups, as Java counts them
	names  map[string]int // named groups, as Java numbers them
	exact  bool           // RE alone gives Java's matches and replaceAll
	prog   *javaProg      // the matcher program; nil when exact
	tree   *jnode         // the parsed pattern, with Java's meaning
	// repeated holds the groups under a quantifier other than ? (Java's
	// value for them depends on its backtracking bookkeeping).
	repeated map[int]bool
}

// PatternError says why a Java pattern cannot be used; Construct names the
// construct (e.g. "lookahead (?=...)", "backreference \\1") and Offset is its
// byte offset in Source.
type PatternError struct {
	Construct string
	Offset    int
	Problem   string
}

// Error implements error.
func (e *PatternError) Error() string {
	return fmt.Sprintf("at offset %d: %s %s", e.Offset, e.Construct, e.Problem)
}

// Problems, shared by several refusals.
const (
	jproblemNotLinear = "cannot run in linear time; rewrite the pattern without it"
	jproblemSyntax    = "(java.util.regex rejects the pattern too)"
)

// CompileJava translates and compiles a Java pattern. Its errors are *PatternError.
//
// Every construct of JDK 17's java.util.regex is either translated to mean
// exactly what it means in Java, or refused:
//
//   - Refused because RE2 cannot run them in linear time: lookahead and
//     lookbehind, backreferences (\1, \k<name>), atomic groups (?>...), \G,
//     and possessive quantifiers whose result could differ from the greedy
//     one. A possessive quantifier is kept (as greedy) only over a single
//     character class that nothing following it can start with, and with no
//     assertion before the next character: then it cannot change the result
//     ("[^"]*+" is kept; a*+a, ".*+" and \d++\b are refused). Likewise a
//     \R inside a counted, * or + group that Java matches once per
//     repetition without backtracking (GroupCurly), when what follows it in
//     the group could start with \n: (?:\R\R){2}.
//   - Refused because they are not supported: (?U) and (?c), (?u) together
//     with (?i) on a cased letter, \X, \b{g}, \N{name}, \p{InBlock},
//     \p{javaMirrored}, script aliases (\p{IsLatn}), class intersection &&,
//     counted repetition above 1000.
//   - Translated: everything else, with Java's meaning for '.', '^', '$', \Z,
//     \b, \B, \s, \v, \h, \R, (?i) (ASCII only), (?m), (?s), (?d), (?x),
//     \Q...\E, octal, \x, \u, \c, \e, \a, nested classes and Java's POSIX,
//     java* and Unicode classes.
//
// RE is the RE2 translation. When the pattern has no anchor or boundary that
// RE2 lacks (Java's '^' and '$' in their line sense, \Z, \b, \B, and the
// "\r not before \n" of a quantified \R, which Java never splits), no
// repeated group that can match empty, and cannot itself match empty, RE is
// exact and ReplaceAll runs on it. Otherwise RE shows the nearest RE2 form (for
// example Java's \b becomes RE2's ASCII \b) and ReplaceAll runs the
// package's own linear-time matcher, which keeps Java's meaning.
//
// Known differences that remain, listed in testdata/masking/cases.txt:
// Unicode classes (\p{..}, and the letters and digits of \b) follow Go's
// Unicode 15 tables where JDK 17 has Unicode 13, so the characters assigned
// or re-classified since differ; and after an empty match Java searches
// again one UTF-16 unit further, which inside a character outside the BMP
// can match between its two halves, where UTF-8 text has no position.
// Replacement references to groups under a quantifier are refused by
// TranslateReplacement (see there).
func CompileJava(pattern string) (jp *JavaPattern, err error) {
	p := newJParser(pattern)
	defer func() {
		if r := recover(); r != nil {
			pe, ok := r.(*PatternError)
			if !ok {
				panic(r)
			}
			jp, err = nil, pe
		}
	}()
	p.removeQEQuoting()
	root := p.expr()
	if p.plen != p.cursor {
		if p.peek() == ')' {
			p.fail("unmatched closing ')'")
		}
		p.fail("unexpected end of pattern")
	}
	root = p.finish(root)
	return p.build(root)
}

// ReplaceAll returns s with every match of p replaced as Java's
// Matcher.replaceAll(repl) would. r must come from TranslateReplacement for
// p; a nil r replaces with nothing.
func (p *JavaPattern) ReplaceAll(s string, r *JavaReplacement) string {
	if r == nil {
		r = &JavaReplacement{literal: true}
	}
	if p.exact {
		if r.literal {
			return p.RE.ReplaceAllLiteralString(s, r.text())
		}
		return p.RE.ReplaceAllString(s, r.template)
	}
	return p.replaceWith(s, r, p.prog)
}

// replaceWith is Java's replaceAll loop over the matcher program.
func (p *JavaPattern) replaceWith(s string, r *JavaReplacement, prog *javaProg) string {
	m := prog.get(s)
	defer prog.put(m)
	var b strings.Builder
	last, pos := 0, 0
	for pos <= len(s) {
		caps := m.find(pos)
		if caps == nil {
			break
		}
		if b.Cap() == 0 {
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[last:caps[0]])
		for _, pc := range r.pieces {
			if pc.group < 0 {
				b.WriteString(pc.lit)
			} else if 2*pc.group+1 < len(caps) && caps[2*pc.group] >= 0 && caps[2*pc.group+1] >= 0 {
				b.WriteString(s[caps[2*pc.group]:caps[2*pc.group+1]])
			}
		}
		last = caps[1]
		if caps[1] > caps[0] {
			pos = caps[1]
			continue
		}
		// Empty match: Java searches again one character further.
		if caps[1] >= len(s) {
			break
		}
		_, w := utf8.DecodeRuneInString(s[caps[1]:])
		pos = caps[1] + w
	}
	if b.Cap() == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}
