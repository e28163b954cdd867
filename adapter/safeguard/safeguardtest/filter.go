package safeguardtest

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// filterOperators are the comparison operators of SPP's filter grammar.
var filterOperators = []string{
	"eq", "ne", "ieq", "gt", "ge", "lt", "le", "contains", "icontains", "sw", "isw", "ew", "iew", "in",
}

// filterParam returns the condition of the filter parameter of c over
// objects of sc, or nil when there is none. Errors: an unknown property is
// 400 70009, an unknown operator 400 70003, anything else malformed 400
// 70000 with ModelState key "filter".
func filterParam(c *call, sc schema) (condition, *apiError) {
	raw, ok := queryValue(c.r.URL.Query(), "filter")
	if !ok || strings.TrimSpace(raw) == "" {
		return nil, nil
	}
	return parseFilter(raw, sc)
}

// condition is a compiled filter.
type condition interface {
	matches(o object) bool
}

// tokenKind classifies filter tokens.
type tokenKind int

// The filter tokens.
const (
	tokEOF      tokenKind = iota
	tokWord               // a property name, operator, keyword or literal word
	tokString             // a quoted string, unescaped
	tokNumber             // a number
	tokLParen             // (
	tokRParen             // )
	tokLBracket           // [
	tokRBracket           // ]
	tokComma              // ,
	tokOther              // any other run of characters, such as "="
)

// token is one lexical element of a filter.
type token struct {
	kind tokenKind
	text string
}

// lexFilter splits a filter into tokens. Strings are quoted with ' or " and
// a backslash escapes the character after it (quotes, asterisks,
// backslashes).
func lexFilter(s string) ([]token, error) {
	var toks []token
	rs := []rune(s)
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case unicode.IsSpace(r):
			i++
		case strings.ContainsRune("()[],", r):
			kind := map[rune]tokenKind{'(': tokLParen, ')': tokRParen, '[': tokLBracket, ']': tokRBracket, ',': tokComma}[r]
			toks = append(toks, token{kind, string(r)})
			i++
		case r == '\'' || r == '"':
			var b strings.Builder
			j := i + 1
			for ; j < len(rs) && rs[j] != r; j++ {
				if rs[j] == '\\' && j+1 < len(rs) {
					j++
				}
				b.WriteRune(rs[j])
			}
			if j == len(rs) {
				return nil, fmt.Errorf("The string starting at position %d is not terminated.", i+1)
			}
			toks = append(toks, token{tokString, b.String()})
			i = j + 1
		case unicode.IsDigit(r) || (r == '-' && i+1 < len(rs) && unicode.IsDigit(rs[i+1])):
			j := i + 1
			for j < len(rs) && (unicode.IsDigit(rs[j]) || rs[j] == '.') {
				j++
			}
			toks = append(toks, token{tokNumber, string(rs[i:j])})
			i = j
		case unicode.IsLetter(r) || r == '_':
			j := i + 1
			for j < len(rs) && (unicode.IsLetter(rs[j]) || unicode.IsDigit(rs[j]) || rs[j] == '_' || rs[j] == '.') {
				j++
			}
			toks = append(toks, token{tokWord, string(rs[i:j])})
			i = j
		default:
			j := i + 1
			for j < len(rs) && !unicode.IsSpace(rs[j]) && !strings.ContainsRune("()[],'\"", rs[j]) &&
				!unicode.IsLetter(rs[j]) && !unicode.IsDigit(rs[j]) {
				j++
			}
			toks = append(toks, token{tokOther, string(rs[i:j])})
			i = j
		}
	}
	return append(toks, token{tokEOF, ""}), nil
}

// filterParser is a recursive-descent parser over filter tokens:
//
//	or      = and { "or" and }
//	and     = unary { "and" unary }
//	unary   = "not" unary | "(" or ")" | compare
//	compare = property operator ( value | "[" value { "," value } "]" )
//	value   = string | number | "true" | "false" | "null"
type filterParser struct {
	toks []token
	pos  int
	sc   schema
}

// parseFilter compiles filter over objects of sc.
func parseFilter(filter string, sc schema) (condition, *apiError) {
	toks, err := lexFilter(filter)
	if err != nil {
		return nil, errInvalidOne("filter", err.Error())
	}
	p := &filterParser{toks: toks, sc: sc}
	cond, e := p.or()
	if e != nil {
		return nil, e
	}
	if t := p.peek(); t.kind != tokEOF {
		return nil, p.malformed("Unexpected '%s' in the filter.", t.text)
	}
	return cond, nil
}

func (p *filterParser) peek() token { return p.toks[p.pos] }

func (p *filterParser) next() token {
	t := p.toks[p.pos]
	if t.kind != tokEOF {
		p.pos++
	}
	return t
}

// keyword reports whether the next token is the word kw, and consumes it
// if so.
func (p *filterParser) keyword(kw string) bool {
	if t := p.peek(); t.kind == tokWord && strings.EqualFold(t.text, kw) {
		p.pos++
		return true
	}
	return false
}

func (p *filterParser) malformed(format string, args ...any) *apiError {
	return errInvalidOne("filter", fmt.Sprintf(format, args...))
}

func (p *filterParser) or() (condition, *apiError) {
	left, e := p.and()
	for e == nil && p.keyword("or") {
		var right condition
		if right, e = p.and(); e == nil {
			left = orCondition{left, right}
		}
	}
	return left, e
}

func (p *filterParser) and() (condition, *apiError) {
	left, e := p.unary()
	for e == nil && p.keyword("and") {
		var right condition
		if right, e = p.unary(); e == nil {
			left = andCondition{left, right}
		}
	}
	return left, e
}

func (p *filterParser) unary() (condition, *apiError) {
	if p.keyword("not") {
		c, e := p.unary()
		return notCondition{c}, e
	}
	if p.peek().kind == tokLParen {
		p.next()
		c, e := p.or()
		if e != nil {
			return nil, e
		}
		if t := p.next(); t.kind != tokRParen {
			return nil, p.malformed("Expected ')' in the filter, found '%s'.", t.text)
		}
		return c, nil
	}
	return p.compare()
}

func (p *filterParser) compare() (condition, *apiError) {
	t := p.next()
	if t.kind != tokWord {
		if t.kind == tokEOF {
			return nil, p.malformed("The filter ends where a property name is expected.")
		}
		return nil, p.malformed("Expected a property name in the filter, found '%s'.", t.text)
	}
	f, ok := p.sc.field(t.text)
	if !ok {
		return nil, errFilterProperty(t.text)
	}
	opTok := p.next()
	if opTok.kind == tokEOF {
		return nil, p.malformed("The filter ends after '%s' where an operator is expected.", t.text)
	}
	if opTok.kind != tokWord && opTok.kind != tokOther {
		return nil, p.malformed("Expected an operator after '%s' in the filter, found '%s'.", t.text, opTok.text)
	}
	op := strings.ToLower(opTok.text)
	if !slices.Contains(filterOperators, op) {
		return nil, errFilterOperator(opTok.text)
	}
	c := compareCondition{field: f, op: op}
	if op != "in" {
		v, e := p.value(f)
		if e != nil {
			return nil, e
		}
		c.values = []literal{v}
		return c, nil
	}
	if t := p.next(); t.kind != tokLBracket {
		return nil, p.malformed("Expected '[' after 'in' in the filter, found '%s'.", t.text)
	}
	for {
		v, e := p.value(f)
		if e != nil {
			return nil, e
		}
		c.values = append(c.values, v)
		switch t := p.next(); t.kind {
		case tokComma:
			continue
		case tokRBracket:
			return c, nil
		default:
			return nil, p.malformed("Expected ',' or ']' in the filter, found '%s'.", t.text)
		}
	}
}

// literal is a filter value converted to the type of the property it is
// compared with.
type literal struct {
	null bool
	i    int64
	s    string
	b    bool
}

// value reads a literal and converts it for f.
func (p *filterParser) value(f fieldDef) (literal, *apiError) {
	t := p.next()
	text := t.text
	switch {
	case t.kind == tokWord && strings.EqualFold(text, "null"):
		return literal{null: true}, nil
	case t.kind == tokString, t.kind == tokNumber,
		t.kind == tokWord && (strings.EqualFold(text, "true") || strings.EqualFold(text, "false")):
	case t.kind == tokEOF:
		return literal{}, p.malformed("The filter ends where a value for '%s' is expected.", f.name)
	default:
		return literal{}, p.malformed("Expected a value for '%s' in the filter, found '%s'.", f.name, text)
	}
	switch f.kind {
	case kindInt:
		n, err := strconv.ParseInt(strings.TrimSpace(text), 10, 64)
		if err != nil {
			return literal{}, p.malformed("The value '%s' is not valid for property '%s'.", text, f.name)
		}
		return literal{i: n, s: text}, nil
	case kindBool:
		b, err := strconv.ParseBool(strings.ToLower(strings.TrimSpace(text)))
		if err != nil {
			return literal{}, p.malformed("The value '%s' is not valid for property '%s'.", text, f.name)
		}
		return literal{b: b, s: strconv.FormatBool(b)}, nil
	}
	return literal{s: text}, nil
}

// compareCondition compares a property with one value, or with a list for
// "in".
type compareCondition struct {
	field  fieldDef
	op     string
	values []literal
}

func (c compareCondition) matches(o object) bool {
	p, ok := o.lookup(c.field.name)
	if !ok {
		return false
	}
	if c.op == "in" {
		return slices.ContainsFunc(c.values, func(l literal) bool { return compareValue(p.value, "eq", l) })
	}
	return compareValue(p.value, c.op, c.values[0])
}

// compareValue applies op to a property value and a literal. An array
// matches when an element does ("ne": when no element is equal).
func compareValue(v any, op string, l literal) bool {
	if vs, ok := v.([]string); ok {
		if op == "ne" {
			return !slices.ContainsFunc(vs, func(s string) bool { return compareValue(s, "eq", l) })
		}
		return slices.ContainsFunc(vs, func(s string) bool { return compareValue(s, op, l) })
	}
	if l.null {
		isNull := v == nil || v == ""
		switch op {
		case "eq", "ieq":
			return isNull
		case "ne":
			return !isNull
		}
		return false
	}
	var cmp int // -1, 0, 1: v compared with l
	var text string
	switch v := v.(type) {
	case int:
		cmp, text = compareInts(int64(v), l.i), strconv.Itoa(v)
	case bool:
		cmp, text = compareInts(boolInt(v), boolInt(l.b)), strconv.FormatBool(v)
	case string:
		cmp, text = strings.Compare(v, l.s), v
	default:
		return false
	}
	lower, want := strings.ToLower(text), strings.ToLower(l.s)
	switch op {
	case "eq":
		return cmp == 0
	case "ieq":
		return cmp == 0 || strings.EqualFold(text, l.s)
	case "ne":
		return cmp != 0
	case "gt":
		return cmp > 0
	case "ge":
		return cmp >= 0
	case "lt":
		return cmp < 0
	case "le":
		return cmp <= 0
	case "contains":
		return strings.Contains(text, l.s)
	case "icontains":
		return strings.Contains(lower, want)
	case "sw":
		return strings.HasPrefix(text, l.s)
	case "isw":
		return strings.HasPrefix(lower, want)
	case "ew":
		return strings.HasSuffix(text, l.s)
	case "iew":
		return strings.HasSuffix(lower, want)
	}
	return false
}

// compareInts returns -1, 0 or 1 as a is less than, equal to or greater
// than b.
func compareInts(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// boolInt orders false before true.
func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// andCondition, orCondition and notCondition combine conditions.
type (
	andCondition struct{ left, right condition }
	orCondition  struct{ left, right condition }
	notCondition struct{ inner condition }
)

func (c andCondition) matches(o object) bool { return c.left.matches(o) && c.right.matches(o) }
func (c orCondition) matches(o object) bool  { return c.left.matches(o) || c.right.matches(o) }
func (c notCondition) matches(o object) bool { return !c.inner.matches(o) }
