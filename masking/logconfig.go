package masking

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/antchfx/xmlquery"

	"github.com/pamadapter/pamadapter/schema"
)

// MaxLogConfigBytes caps the size of one log_config.xml.
const MaxLogConfigBytes = 1 << 20

// Rule is one mask pattern with the replacement of its file.
type Rule struct {
	// File and Index (1-based) say where the pattern was written.
	File  string
	Index int
	// Pattern is the compiled pattern; Replacement its file's
	// replacement-string.
	Pattern     *JavaPattern
	Replacement *JavaReplacement
	// filter is a literal every match contains ("" when none is known).
	filter string
}

// LogConfigError is a log_config.xml that cannot be used. Index is the
// 1-based pattern index, 0 when the problem is not one pattern's.
type LogConfigError struct {
	File    string
	Index   int
	Problem string
	Err     error
}

// Error implements error.
func (e *LogConfigError) Error() string {
	where := e.File
	if e.Index > 0 {
		where += fmt.Sprintf(": mask-pattern %d", e.Index)
	}
	return "log_config " + where + ": " + e.Problem
}

// Unwrap gives the pattern or replacement error, if any.
func (e *LogConfigError) Unwrap() error { return e.Err }

// LoadLogConfigs reads log_config.xml files and merges their rules in file
// order. Every problem of every file is reported (joined).
func LoadLogConfigs(paths ...string) ([]Rule, error) {
	var rules []Rule
	var errs []error
	for _, path := range paths {
		r, err := LoadLogConfig(path)
		rules = append(rules, r...)
		if err != nil {
			errs = append(errs, err)
		}
	}
	return rules, errors.Join(errs...)
}

// LoadLogConfig reads one log_config.xml: <log-config> holding one
// <replacement-string> and <patterns> of <mask-pattern> elements (text or
// CDATA), all written for java.util.regex.
func LoadLogConfig(path string) ([]Rule, error) {
	data, err := readLogConfig(path)
	if err != nil {
		return nil, err
	}
	return ParseLogConfig(path, data)
}

// readLogConfig reads at most MaxLogConfigBytes of path.
func readLogConfig(path string) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, &LogConfigError{File: path, Problem: "cannot be read: " + errorsUnwrapText(err), Err: err}
	}
	if !info.Mode().IsRegular() {
		return nil, &LogConfigError{File: path, Problem: "is not a regular file"}
	}
	if info.Size() > MaxLogConfigBytes {
		return nil, &LogConfigError{File: path, Problem: fmt.Sprintf("is larger than %d bytes", MaxLogConfigBytes)}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &LogConfigError{File: path, Problem: "cannot be read: " + errorsUnwrapText(err), Err: err}
	}
	return data, nil
}

// errorsUnwrapText is the cause of a *fs.PathError, without the path.
func errorsUnwrapText(err error) string {
	if inner := errors.Unwrap(err); inner != nil {
		return inner.Error()
	}
	return err.Error()
}

// ParseLogConfig reads a log_config.xml held in data; file names it in
// errors.
func ParseLogConfig(file string, data []byte) ([]Rule, error) {
	root, err := schema.ParseDocument(data)
	if err != nil {
		return nil, &LogConfigError{File: file, Problem: err.Error(), Err: err}
	}
	if root.Data != "log-config" {
		return nil, &LogConfigError{File: file, Problem: fmt.Sprintf("the root is <%s>; a log_config.xml holds <log-config>", root.Data)}
	}
	var (
		replacement *string
		patterns    []*xmlquery.Node
		errs        []error
	)
	fail := func(format string, args ...any) {
		errs = append(errs, &LogConfigError{File: file, Problem: fmt.Sprintf(format, args...)})
	}
	for n := root.FirstChild; n != nil; n = n.NextSibling {
		if n.Type != xmlquery.ElementNode {
			continue
		}
		switch n.Data {
		case "replacement-string":
			if replacement != nil {
				fail("<replacement-string> is given more than once")
				continue
			}
			text := n.InnerText()
			replacement = &text
		case "patterns":
			for p := n.FirstChild; p != nil; p = p.NextSibling {
				if p.Type != xmlquery.ElementNode {
					continue
				}
				if p.Data != "mask-pattern" {
					fail("<patterns> holds <%s>; it holds <mask-pattern> elements", p.Data)
					continue
				}
				patterns = append(patterns, p)
			}
		default:
			fail("unknown element <%s>; a log_config.xml holds <replacement-string> and <patterns>", n.Data)
		}
	}
	if replacement == nil {
		fail("<replacement-string> is missing")
	}
	if len(patterns) == 0 {
		fail("no <mask-pattern> in <patterns>")
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	rules := make([]Rule, 0, len(patterns))
	for i, p := range patterns {
		rule, err := compileRule(file, i+1, p.InnerText(), *replacement)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		rules = append(rules, rule)
	}
	return rules, errors.Join(errs...)
}

// compileRule compiles one pattern and its replacement.
func compileRule(file string, index int, pattern, replacement string) (Rule, error) {
	if strings.TrimSpace(pattern) == "" {
		return Rule{}, &LogConfigError{File: file, Index: index, Problem: "the pattern is empty"}
	}
	p, err := CompileJava(pattern)
	if err != nil {
		return Rule{}, &LogConfigError{File: file, Index: index, Problem: err.Error(), Err: err}
	}
	r, err := TranslateReplacement(replacement, p)
	if err != nil {
		return Rule{}, &LogConfigError{File: file, Index: index, Problem: "replacement-string: " + err.Error(), Err: err}
	}
	rule := Rule{File: file, Index: index, Pattern: p, Replacement: r}
	if p.exact {
		// Only where RE is exactly Java's pattern is its literal surely
		// required by Java's matches too.
		rule.filter = requiredLiteral(p.RE)
	}
	return rule, nil
}
