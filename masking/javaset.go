package masking

// Code-point sets.

import (
	"sort"
	"unicode"
)

type jrange struct{ lo, hi rune }

// jset is a set of code points: sorted, disjoint, non-adjacent ranges
// once normalized.
type jset []jrange

func (s jset) normalize() jset {
	if len(s) == 0 {
		return nil
	}
	t := append(jset(nil), s...)
	sort.Slice(t, func(i, j int) bool { return t[i].lo < t[j].lo })
	out := t[:1]
	for _, r := range t[1:] {
		last := &out[len(out)-1]
		if r.lo <= last.hi+1 {
			if r.hi > last.hi {
				last.hi = r.hi
			}
			continue
		}
		out = append(out, r)
	}
	return out
}

func (s jset) union(t jset) jset {
	return append(append(jset(nil), s...), t...).normalize()
}

func (s jset) negate() jset {
	s = s.normalize()
	var out jset
	next := rune(0)
	for _, r := range s {
		if r.lo > next {
			out = append(out, jrange{next, r.lo - 1})
		}
		next = r.hi + 1
	}
	if next <= unicode.MaxRune {
		out = append(out, jrange{next, unicode.MaxRune})
	}
	return out
}

func (s jset) minus(t jset) jset {
	return s.negate().union(t).negate()
}

func (s jset) contains(c rune) bool {
	i := sort.Search(len(s), func(i int) bool { return s[i].hi >= c })
	return i < len(s) && s[i].lo <= c
}

// withoutSurrogates drops U+D800..U+DFFF, which UTF-8 text never holds.
func (s jset) withoutSurrogates() jset {
	return s.minus(jset{{0xD800, 0xDFFF}})
}

func (s jset) intersects(t jset) bool {
	i, j := 0, 0
	for i < len(s) && j < len(t) {
		if s[i].hi < t[j].lo {
			i++
		} else if t[j].hi < s[i].lo {
			j++
		} else {
			return true
		}
	}
	return false
}

func rangeTableSet(tabs ...*unicode.RangeTable) jset {
	var s jset
	for _, t := range tabs {
		for _, r := range t.R16 {
			for c := rune(r.Lo); c <= rune(r.Hi); c += rune(r.Stride) {
				if r.Stride == 1 {
					s = append(s, jrange{rune(r.Lo), rune(r.Hi)})
					break
				}
				s = append(s, jrange{c, c})
			}
		}
		for _, r := range t.R32 {
			for c := rune(r.Lo); c <= rune(r.Hi); c += rune(r.Stride) {
				if r.Stride == 1 {
					s = append(s, jrange{rune(r.Lo), rune(r.Hi)})
					break
				}
				s = append(s, jrange{c, c})
			}
		}
	}
	return s.normalize()
}

// Fixed sets, as java.util.regex defines them.
var (
	jsetAll        = jset{{0, unicode.MaxRune}}
	jsetDot        = jset{{'\n', '\n'}, {'\r', '\r'}, {0x85, 0x85}, {0x2028, 0x2029}}.negate()
	jsetUnixDot    = jset{{'\n', '\n'}}.negate()
	jsetASCIIDigit = jset{{'0', '9'}}
	jsetASCIIWord  = jasciiCtype(jctWord)
	jsetASCIISpace = jasciiCtype(jctSpace)
	jsetVertWS     = jset{{0x0A, 0x0D}, {0x85, 0x85}, {0x2028, 0x2029}}
	jsetHorizWS    = jset{{0x09, 0x09}, {0x20, 0x20}, {0xA0, 0xA0}, {0x1680, 0x1680}, {0x180E, 0x180E},
		{0x2000, 0x200A}, {0x202F, 0x202F}, {0x205F, 0x205F}, {0x3000, 0x3000}}
)
