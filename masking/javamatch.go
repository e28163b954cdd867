package masking

// The Pike VM: it runs a matcher program (javaprog.go) over the text in
// linear time, like RE2, and gives the leftmost-first match.

import (
	"strings"
	"unicode/utf8"
)

type vmSet struct {
	ascii [2]uint64
	set   jset
}

func newVMSet(s jset) *vmSet {
	m := &vmSet{set: s}
	for _, r := range s {
		for c := r.lo; c <= r.hi && c < 0x80; c++ {
			m.ascii[c>>6] |= 1 << (c & 63)
		}
	}
	return m
}

func (m *vmSet) has(c rune) bool {
	if c < 0x80 {
		return c >= 0 && m.ascii[c>>6]&(1<<(c&63)) != 0
	}
	return m.set.contains(c)
}

type vmThread struct {
	pc   int
	caps []int // nil for an entry that is not a thread (split, jmp, ...)
}

type vmQueue struct {
	sparse []uint32
	dense  []vmThread
}

func (q *vmQueue) has(pc int) bool {
	j := q.sparse[pc]
	return int(j) < len(q.dense) && q.dense[j].pc == pc
}

type vmMachine struct {
	prog   *javaProg
	s      string
	q0, q1 vmQueue
	free   [][]int
	scr    []int
	last   []int // the groups find returned last; recycled by the next call
}

func (p *javaProg) get(s string) *vmMachine {
	m, _ := p.pool.Get().(*vmMachine)
	if m == nil {
		n := len(p.insts)
		m = &vmMachine{prog: p,
			q0:  vmQueue{sparse: make([]uint32, n), dense: make([]vmThread, 0, n)},
			q1:  vmQueue{sparse: make([]uint32, n), dense: make([]vmThread, 0, n)},
			scr: make([]int, p.ncap)}
	}
	m.s = s
	return m
}

func (p *javaProg) put(m *vmMachine) {
	m.s = ""
	if m.last != nil {
		m.free = append(m.free, m.last)
		m.last = nil
	}
	p.pool.Put(m)
}

func (m *vmMachine) alloc(from []int) []int {
	var c []int
	if n := len(m.free); n > 0 {
		c = m.free[n-1]
		m.free = m.free[:n-1]
	} else {
		c = make([]int, m.prog.ncap)
	}
	copy(c, from)
	return c
}

func (m *vmMachine) release(q *vmQueue) {
	for _, t := range q.dense {
		if t.caps != nil {
			m.free = append(m.free, t.caps)
		}
	}
	q.dense = q.dense[:0]
}

// find returns the groups of the leftmost-first match starting at or after
// pos, or nil; they are valid until the next call. Assertions see the whole
// text.
func (m *vmMachine) find(pos int) []int {
	p, s := m.prog, m.s
	if m.last != nil {
		m.free = append(m.free, m.last)
		m.last = nil
	}
	runq, nextq := &m.q0, &m.q1
	var matched []int
	for {
		if matched == nil {
			if len(runq.dense) == 0 && p.prefix != "" {
				i := strings.Index(s[pos:], p.prefix)
				if i < 0 {
					break
				}
				pos += i
			}
			for i := range m.scr {
				m.scr[i] = -1
			}
			m.add(runq, p.start, pos, m.scr)
		}
		if len(runq.dense) == 0 {
			break
		}
		r, w := rune(-1), 0
		if pos < len(s) {
			r, w = utf8.DecodeRuneInString(s[pos:])
		}
		for j := 0; j < len(runq.dense); j++ {
			t := runq.dense[j]
			if t.caps == nil {
				continue
			}
			in := &p.insts[t.pc]
			switch in.op {
			case vmMatch:
				t.caps[1] = pos
				if matched != nil {
					m.free = append(m.free, matched)
				}
				matched = t.caps
				runq.dense[j].caps = nil
				// Lower-priority threads lose.
				for _, u := range runq.dense[j+1:] {
					if u.caps != nil {
						m.free = append(m.free, u.caps)
					}
				}
				runq.dense = runq.dense[:j+1]
			case vmChars:
				if r >= 0 && in.set.has(r) {
					m.add(nextq, in.out, pos+w, t.caps)
				}
			}
		}
		m.release(runq)
		if pos >= len(s) {
			break
		}
		pos += w
		runq, nextq = nextq, runq
		if matched != nil && len(runq.dense) == 0 {
			break
		}
	}
	m.release(runq)
	m.release(nextq)
	m.last = matched
	return matched
}

// add follows the empty transitions from pc at pos in priority order.
func (m *vmMachine) add(q *vmQueue, pc, pos int, caps []int) {
	if q.has(pc) {
		return
	}
	j := len(q.dense)
	q.dense = append(q.dense, vmThread{pc: pc})
	q.sparse[pc] = uint32(j)
	in := &m.prog.insts[pc]
	switch in.op {
	case vmJmp:
		m.add(q, in.out, pos, caps)
	case vmSplit:
		m.add(q, in.out, pos, caps)
		m.add(q, in.arg, pos, caps)
	case vmSave:
		old := caps[in.arg]
		caps[in.arg] = pos
		m.add(q, in.out, pos, caps)
		caps[in.arg] = old
	case vmAssert:
		if javaAssertAt(jassertKind(in.arg), m.s, pos) {
			m.add(q, in.out, pos, caps)
		}
	case vmChars, vmMatch:
		q.dense[j].caps = m.alloc(caps)
	}
}
