package masking

// After parsing: checks on the whole tree. A possessive quantifier is kept
// (as greedy) only where it cannot change the result, and a \R that Java
// never backtracks into is written as the choice Java commits to.

// finish checks possessive quantifiers and returns the tree to translate.
func (p *jparser) finish(root *jnode) *jnode {
	if p.qPossessive {
		p.checkPossessive(root, jfollow{})
	}
	if p.sawR {
		p.commitLineEndings(root)
	}
	return root
}

// checkPossessive allows a possessive quantifier only where it cannot change
// the result: over a single character class, when nothing that may follow
// can start with a character of that class and no assertion may be tested
// before the next character is consumed. Then giving characters back, which
// is all a greedy quantifier adds, can never lead to a match, and the '+' is
// dropped. Otherwise the pattern is refused.
func (p *jparser) checkPossessive(n *jnode, f jfollow) {
	switch n.kind {
	case nCapture:
		p.checkPossessive(n.subs[0], f)
	case nAlt:
		for _, s := range n.subs {
			p.checkPossessive(s, f)
		}
	case nConcat:
		for i, s := range n.subs {
			p.checkPossessive(s, followOf(n.subs[i+1:], f))
		}
	case nRepeat:
		inner := f
		if n.max < 0 || n.max > 1 {
			in := jnodeFacts(n.subs[0])
			inner.first = inner.first.union(in.first)
			inner.assert = inner.assert || in.assert
		}
		p.checkPossessive(n.subs[0], inner)
		if n.q != qPossessive {
			return
		}
		set, single := jsingleCharSet(n.subs[0])
		switch {
		case single && n.min == n.max:
		case single && !f.assert && !f.first.intersects(set):
		default:
			panic(&PatternError{Offset: n.off, Construct: "possessive quantifier " + jquantText(n) + "+", Problem: "can fail where the greedy quantifier matches, which RE2 cannot express; use the greedy " + jquantText(n)})
		}
		n.q = qGreedy
		n.wasPos = true
	}
}

// jsingleCharSet reports whether n always consumes exactly one character
// with no choice inside, and from which set.
func jsingleCharSet(n *jnode) (jset, bool) {
	switch n.kind {
	case nChars:
		return n.set, true
	case nCapture:
		return jsingleCharSet(n.subs[0])
	case nAlt:
		var s jset
		for _, b := range n.subs {
			if b.kind != nChars {
				return nil, false
			}
			s = s.union(b.set)
		}
		return s, true
	}
	return nil, false
}

// lineEnding is \R: "\r\n" or one vertical whitespace character, \r\n first.
func (p *jparser) lineEnding(at int) *jnode {
	off := p.offset(at)
	crlf := &jnode{kind: nConcat, off: off, subs: []*jnode{
		{kind: nChars, set: jset{{'\r', '\r'}}, off: off},
		{kind: nChars, set: jset{{'\n', '\n'}}, off: off},
	}}
	return &jnode{kind: nAlt, off: off, lineEnding: true, subs: []*jnode{crlf, {kind: nChars, set: jsetVertWS, off: off}}}
}

// commitLineEndings finds the \R that JDK 17 never backtracks into: a
// quantifier applied to \R itself (Curly, Ques) runs it alone and keeps its
// first choice, "\r\n" over "\r"; a counted, star or plus quantifier on a
// group whose body Java's study() calls deterministic (GroupCurly) keeps each
// iteration's first match of the body. Those \R become "\r\n", or "\r" not
// followed by "\n", or another line break. Where a committed body has, after
// a \R, something that could start with "\n" or an assertion, the body's
// first match cannot be written that way, and the pattern is refused.
func (p *jparser) commitLineEndings(n *jnode) {
	if n.kind == nRepeat && n.max != 0 {
		sub := n.subs[0]
		switch {
		case !n.groupQuant:
			if sub.lineEnding {
				atomicLineEnding(sub)
			}
			return
		case !(n.min == 0 && n.max == 1) && jdeterministic(sub):
			p.commitBody(sub, jfollow{})
			return
		}
	}
	for _, s := range n.subs {
		p.commitLineEndings(s)
	}
}

// jdeterministic is Java's TreeInfo.deterministic for a group body: no
// alternation (but \R's), no ? and no variable count.
func jdeterministic(n *jnode) bool {
	switch n.kind {
	case nAlt:
		return n.lineEnding
	case nRepeat:
		return n.min == n.max && jdeterministic(n.subs[0])
	}
	for _, s := range n.subs {
		if !jdeterministic(s) {
			return false
		}
	}
	return true
}

// commitBody makes every \R of a committed body atomic, checking that what
// follows it inside the body cannot make Java give back its "\n".
func (p *jparser) commitBody(n *jnode, f jfollow) {
	switch {
	case n.lineEnding:
		if f.assert || f.first.contains('\n') {
			panic(&PatternError{Offset: n.off, Construct: `line break \R in a repeated group`,
				Problem: `is matched by Java once per repetition and never given back, and what follows it in the group could start with \n or an assertion, which RE2 cannot express; add ? to the group's body or move the \R out of it`})
		}
		atomicLineEnding(n)
	case n.kind == nConcat:
		for i, s := range n.subs {
			p.commitBody(s, followOf(n.subs[i+1:], f))
		}
	case n.kind == nRepeat:
		inner := f
		if n.max < 0 || n.max > 1 {
			in := jnodeFacts(n.subs[0])
			inner.first = inner.first.union(in.first)
			inner.assert = inner.assert || in.assert
		}
		p.commitBody(n.subs[0], inner)
	default:
		for _, s := range n.subs {
			p.commitBody(s, f)
		}
	}
}

// atomicLineEnding turns \R into the choice Java commits to: "\r\n" when
// there is one, else "\r" or another line break.
func atomicLineEnding(n *jnode) {
	if len(n.subs) == 3 {
		return // already done
	}
	off := n.off
	cr := func() *jnode { return &jnode{kind: nChars, set: jset{{'\r', '\r'}}, off: off} }
	n.subs = []*jnode{
		{kind: nConcat, off: off, subs: []*jnode{cr(), {kind: nChars, set: jset{{'\n', '\n'}}, off: off}}},
		{kind: nConcat, off: off, subs: []*jnode{cr(), {kind: nAssert, assert: aNotBeforeLF, off: off}}},
		{kind: nChars, set: jsetVertWS.minus(jset{{'\r', '\r'}}), off: off},
	}
}

// followOf is what can come after an element of a concatenation: the
// elements after it up to the first that cannot match empty, and f (what
// follows the whole concatenation) when all of them can.
func followOf(after []*jnode, f jfollow) jfollow {
	var sf jfollow
	for _, t := range after {
		in := jnodeFacts(t)
		sf.first = sf.first.union(in.first)
		sf.assert = sf.assert || in.assert
		if !in.nullable {
			return sf
		}
	}
	sf.first = sf.first.union(f.first)
	sf.assert = sf.assert || f.assert
	return sf
}
