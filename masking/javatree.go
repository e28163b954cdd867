package masking

// The tree: a parsed Java pattern in which every construct already carries
// Java's meaning, and what a subtree can do before it consumes a character.

import "fmt"

type jnodeKind uint8

const (
	nEmpty   jnodeKind = iota
	nChars             // one code point from set
	nConcat            // subs in order
	nAlt               // subs in priority order
	nRepeat            // subs[0] min..max times (max < 0: unbounded)
	nCapture           // group cap (name may be empty)
	nAssert            // zero-width assertion
)

type jquant uint8

const (
	qGreedy jquant = iota
	qLazy
	qPossessive
)

// jassertKind is a Java zero-width assertion.
type jassertKind uint8

const (
	aBegin           jassertKind = iota // \A, ^ without MULTILINE
	aEnd                                // \z
	aDollar                             // $ and \Z: end, or before a final line terminator
	aDollarMulti                        // $ with MULTILINE: before any line terminator, or end
	aUnixDollar                         // $ and \Z with UNIX_LINES: end, or before a final \n
	aUnixDollarMulti                    // $ with MULTILINE and UNIX_LINES: before \n, or end
	aCaretMulti                         // ^ with MULTILINE: start or after a line terminator, not at end
	aUnixCaretMulti                     // ^ with MULTILINE and UNIX_LINES: start or after \n, not at end
	aWordBoundary                       // \b: JDK 17 words are letters, digits, '_' and marks on them
	aNotWordBoundary                    // \B
	aNotBeforeLF                        // not followed by \n (the lone \r of a committed \R)
)

// native reports whether RE2 has the assertion with Java's meaning.
func (k jassertKind) native() bool {
	return k == aBegin || k == aEnd || k == aUnixDollarMulti
}

type jnode struct {
	kind   jnodeKind
	set    jset
	subs   []*jnode
	min    int
	max    int
	q      jquant
	cap    int
	name   string
	assert jassertKind
	off    int  // byte offset in the source
	wasPos bool // written possessive (translated as greedy)
	// lineEnding marks the alternation that \R became; groupQuant marks a
	// quantifier written after a group (Java then uses Branch, GroupCurly or
	// Loop instead of Ques and Curly).
	lineEnding bool
	groupQuant bool
}

// jfacts is what a subtree can do before it consumes a character.
type jfacts struct {
	nullable bool // can match the empty string
	first    jset // characters it can consume first
	assert   bool // an assertion can be tested before the first character
}

// jfollow is what can come after a node, up to the end of the pattern.
type jfollow struct {
	first  jset
	assert bool
}

func jnodeFacts(n *jnode) jfacts {
	switch n.kind {
	case nEmpty:
		return jfacts{nullable: true}
	case nChars:
		return jfacts{first: n.set}
	case nAssert:
		return jfacts{nullable: true, assert: true}
	case nCapture:
		return jnodeFacts(n.subs[0])
	case nRepeat:
		if n.max == 0 {
			return jfacts{nullable: true}
		}
		in := jnodeFacts(n.subs[0])
		if n.min == 0 {
			in.nullable = true
		}
		return in
	case nAlt:
		var out jfacts
		for _, s := range n.subs {
			in := jnodeFacts(s)
			out.nullable = out.nullable || in.nullable
			out.assert = out.assert || in.assert
			out.first = out.first.union(in.first)
		}
		return out
	case nConcat:
		out := jfacts{nullable: true}
		for _, s := range n.subs {
			in := jnodeFacts(s)
			out.assert = out.assert || in.assert
			out.first = out.first.union(in.first)
			if !in.nullable {
				out.nullable = false
				break
			}
		}
		return out
	}
	return jfacts{}
}

func jquantText(n *jnode) string {
	switch {
	case n.min == 0 && n.max == 1:
		return "?"
	case n.min == 0 && n.max < 0:
		return "*"
	case n.min == 1 && n.max < 0:
		return "+"
	case n.max < 0:
		return fmt.Sprintf("{%d,}", n.min)
	case n.min == n.max:
		return fmt.Sprintf("{%d}", n.min)
	}
	return fmt.Sprintf("{%d,%d}", n.min, n.max)
}
