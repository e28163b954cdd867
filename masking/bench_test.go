package masking

import (
	"fmt"
	"io"
	"strings"
	"testing"
)

// realisticLog is about 1 MB of adapter log lines, one in a hundred holding
// a secret in the seed's shape.
func realisticLog() string {
	var b strings.Builder
	for i := 0; b.Len() < 1<<20; i++ {
		if i%100 == 0 {
			fmt.Fprintf(&b, `time="2026-11-23T12:00:00Z" level=debug msg=response response="<message-body>{\"Content\":\"Pa55-%d\",\"Safe\":\"Test\",\"UserName\":\"Administrator\"}</message-body>"`+"\n", i)
			continue
		}
		fmt.Fprintf(&b, `time="2026-11-23T12:00:00Z" level=info msg="request served" duration=12ms operation=ccp-aim-get-password provider=cyberark status=200 target="GET https://ccp.example.com/AIMWebService/api/Accounts" n=%d`+"\n", i)
	}
	return b.String()
}

func benchmarkMask(b *testing.B, m Masker, log string) {
	b.SetBytes(int64(len(log)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := MaskLines(io.Discard, strings.NewReader(log), m); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMaskRealisticLog masks a realistic log with the seed's
// log_config.xml and the built-in masks (MB/s).
func BenchmarkMaskRealisticLog(b *testing.B) {
	rules, err := ParseLogConfig("seed", []byte(seedLogConfig))
	if err != nil {
		b.Fatal(err)
	}
	benchmarkMask(b, NewRules(rules), realisticLog())
}

// BenchmarkMaskBuiltinOnly masks the same log with the built-in masks only.
func BenchmarkMaskBuiltinOnly(b *testing.B) {
	benchmarkMask(b, NewRules(nil), realisticLog())
}

// BenchmarkMaskPathological runs (a+)+b, exponential in Java's backtracking
// engine, over a 1 MB run of "a" followed by "cb" (so the literal prefilter
// lets the pattern run, and it fails at every start): linear here.
func BenchmarkMaskPathological(b *testing.B) {
	rules, err := ParseLogConfig("pathological", []byte(`<log-config><replacement-string>X</replacement-string><patterns><mask-pattern>(a+)+b</mask-pattern></patterns></log-config>`))
	if err != nil {
		b.Fatal(err)
	}
	benchmarkMask(b, NewRules(rules), strings.Repeat("a", 1<<20)+"cb\n")
}
