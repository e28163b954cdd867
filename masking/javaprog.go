package masking

// The matcher program: the Java tree compiled for the Pike VM (javamatch.go).

import (
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"
)

type vmOp uint8

const (
	vmFail vmOp = iota
	vmMatch
	vmChars  // one code point of set, then out
	vmSplit  // out first, then arg
	vmJmp    // out
	vmSave   // caps[arg] = position, then out
	vmAssert // assertion arg holds here, then out
)

type vmInst struct {
	op  vmOp
	out int
	arg int
	set *vmSet
}

// javaProg is a Java pattern compiled for the Pike VM.
type javaProg struct {
	insts  []vmInst
	start  int
	ncap   int
	prefix string // every match starts with this text
	pool   sync.Pool
}

// vmMaxProgSize bounds the program (counted repetition multiplies it).
const vmMaxProgSize = 200000

type vmHole struct {
	pc  int
	arg bool
}

type vmFrag struct {
	start int
	holes []vmHole
}

type vmCompiler struct {
	insts []vmInst
	sets  map[string]*vmSet
}

type vmTooBig struct{}

func compileJavaProg(root *jnode, groups int) (prog *javaProg, err error) {
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(vmTooBig); !ok {
				panic(r)
			}
			prog, err = nil, &PatternError{Construct: "pattern", Offset: 0,
				Problem: fmt.Sprintf("is too large for the matcher (more than %d instructions once counted repetitions are expanded)", vmMaxProgSize)}
		}
	}()
	c := &vmCompiler{sets: map[string]*vmSet{}}
	c.emitInst(vmInst{op: vmFail}) // pc 0: never a target
	save0 := c.emitInst(vmInst{op: vmSave, arg: 0})
	f := c.compile(root)
	c.patch([]vmHole{{save0, false}}, f.start)
	save1 := c.emitInst(vmInst{op: vmSave, arg: 1})
	c.patch(f.holes, save1)
	match := c.emitInst(vmInst{op: vmMatch})
	c.insts[save1].out = match
	prog = &javaProg{insts: c.insts, start: save0, ncap: 2 * (groups + 1), prefix: jliteralPrefix(root)}
	return prog, nil
}

func (c *vmCompiler) emitInst(in vmInst) int {
	if len(c.insts) >= vmMaxProgSize {
		panic(vmTooBig{})
	}
	c.insts = append(c.insts, in)
	return len(c.insts) - 1
}

func (c *vmCompiler) patch(hs []vmHole, target int) {
	for _, h := range hs {
		if h.arg {
			c.insts[h.pc].arg = target
		} else {
			c.insts[h.pc].out = target
		}
	}
}

func (c *vmCompiler) matcher(s jset) *vmSet {
	s = s.withoutSurrogates()
	key := fmt.Sprint(s)
	if m, ok := c.sets[key]; ok {
		return m
	}
	m := newVMSet(s)
	c.sets[key] = m
	return m
}

func (c *vmCompiler) compile(n *jnode) vmFrag {
	switch n.kind {
	case nChars:
		pc := c.emitInst(vmInst{op: vmChars, set: c.matcher(n.set)})
		return vmFrag{pc, []vmHole{{pc, false}}}
	case nAssert:
		pc := c.emitInst(vmInst{op: vmAssert, arg: int(n.assert)})
		return vmFrag{pc, []vmHole{{pc, false}}}
	case nCapture:
		open := c.emitInst(vmInst{op: vmSave, arg: 2 * n.cap})
		f := c.compile(n.subs[0])
		c.insts[open].out = f.start
		closeSave := c.emitInst(vmInst{op: vmSave, arg: 2*n.cap + 1})
		c.patch(f.holes, closeSave)
		return vmFrag{open, []vmHole{{closeSave, false}}}
	case nConcat:
		f := c.compile(n.subs[0])
		for _, s := range n.subs[1:] {
			g := c.compile(s)
			c.patch(f.holes, g.start)
			f.holes = g.holes
		}
		return f
	case nAlt:
		return c.alt(n.subs)
	case nRepeat:
		return c.repeat(n)
	}
	pc := c.emitInst(vmInst{op: vmJmp})
	return vmFrag{pc, []vmHole{{pc, false}}}
}

func (c *vmCompiler) alt(subs []*jnode) vmFrag {
	if len(subs) == 1 {
		return c.compile(subs[0])
	}
	split := c.emitInst(vmInst{op: vmSplit})
	f := c.compile(subs[0])
	g := c.alt(subs[1:])
	c.insts[split].out = f.start
	c.insts[split].arg = g.start
	return vmFrag{split, append(f.holes, g.holes...)}
}

// split emits a choice between body (holes returned as first) and skipping.
func (c *vmCompiler) split(q jquant) (pc int, body, skip vmHole) {
	pc = c.emitInst(vmInst{op: vmSplit})
	if q == qLazy {
		return pc, vmHole{pc, true}, vmHole{pc, false}
	}
	return pc, vmHole{pc, false}, vmHole{pc, true}
}

func (c *vmCompiler) repeat(n *jnode) vmFrag {
	sub := n.subs[0]
	if n.max == 0 {
		pc := c.emitInst(vmInst{op: vmJmp})
		return vmFrag{pc, []vmHole{{pc, false}}}
	}
	if (n.max < 0 || n.max > 1) && jnodeFacts(sub).nullable {
		return c.javaLoop(n)
	}
	// Mandatory copies.
	var f *vmFrag
	var pending []vmHole
	link := func(g vmFrag) {
		if f == nil {
			f = &vmFrag{start: g.start}
		} else {
			c.patch(pending, g.start)
		}
		pending = g.holes
	}
	for i := 0; i < n.min; i++ {
		link(c.compile(sub))
	}
	if n.max < 0 {
		pc, body, skip := c.split(n.q)
		g := c.compile(sub)
		c.patch([]vmHole{body}, g.start)
		c.patch(g.holes, pc)
		link(vmFrag{pc, []vmHole{skip}})
		f.holes = pending
		return *f
	}
	var exits []vmHole
	for i := n.min; i < n.max; i++ {
		pc, body, skip := c.split(n.q)
		link(vmFrag{pc, []vmHole{body}})
		exits = append(exits, skip)
		link(c.compile(sub))
	}
	f.holes = append(pending, exits...)
	return *f
}

// iteration compiles one iteration of a body that can match empty, twice:
// copy A runs until the first character is consumed, then continues in the
// same place of copy B. Reaching the end in A means the iteration was empty.
func (c *vmCompiler) iteration(body *jnode) (start int, empty, consumed []vmHole) {
	a0 := len(c.insts)
	fa := c.compile(body)
	b0 := len(c.insts)
	fb := c.compile(body)
	d := b0 - a0
	open := map[vmHole]bool{}
	for _, h := range fa.holes {
		open[h] = true
	}
	for pc := a0; pc < b0; pc++ {
		if c.insts[pc].op != vmChars {
			continue
		}
		h := vmHole{pc, false}
		if open[h] {
			delete(open, h)
			consumed = append(consumed, h)
		} else {
			c.insts[pc].out += d
		}
	}
	for _, h := range fa.holes {
		if open[h] {
			empty = append(empty, h)
		}
	}
	return fa.start, empty, append(consumed, fb.holes...)
}

// javaLoop is Java's Loop for a body that can match empty: an iteration
// that consumes nothing ends the loop there (with that iteration's groups),
// even before the minimum count; otherwise the count decides.
func (c *vmCompiler) javaLoop(n *jnode) vmFrag {
	var entry = -1
	var exits, pending []vmHole
	link := func(start int) {
		if entry < 0 {
			entry = start
		} else {
			c.patch(pending, start)
		}
	}
	for i := 0; i < n.min; i++ {
		s, e, k := c.iteration(n.subs[0])
		link(s)
		exits = append(exits, e...)
		pending = k
	}
	if n.max < 0 {
		pc, body, skip := c.split(n.q)
		link(pc)
		s, e, k := c.iteration(n.subs[0])
		c.patch([]vmHole{body}, s)
		c.patch(k, pc)
		exits = append(append(exits, e...), skip)
		return vmFrag{entry, exits}
	}
	for i := n.min; i < n.max; i++ {
		pc, body, skip := c.split(n.q)
		link(pc)
		s, e, k := c.iteration(n.subs[0])
		c.patch([]vmHole{body}, s)
		exits = append(append(exits, e...), skip)
		pending = k
	}
	return vmFrag{entry, append(exits, pending...)}
}

// jliteralPrefix is text every match must start with (assertions before it
// are still tested by the matcher at that position).
func jliteralPrefix(n *jnode) string {
	var b strings.Builder
	var walk func(n *jnode) bool // false: stop
	walk = func(n *jnode) bool {
		switch n.kind {
		case nAssert, nEmpty:
			return true
		case nCapture:
			return walk(n.subs[0])
		case nChars:
			if len(n.set) == 1 && n.set[0].lo == n.set[0].hi && utf8.ValidRune(n.set[0].lo) {
				b.WriteRune(n.set[0].lo)
				return true
			}
			return false
		case nConcat:
			for _, s := range n.subs {
				if !walk(s) {
					return false
				}
			}
			return true
		case nRepeat:
			if n.min == n.max && n.min > 0 && n.min <= 16 {
				for i := 0; i < n.min; i++ {
					if !walk(n.subs[0]) {
						return false
					}
				}
				return true
			}
		}
		return false
	}
	walk(n)
	return b.String()
}
