package main

import (
	"testing"
)

// BenchmarkRunGetPassword measures one whole run: configuration load,
// identity load, TLS handshake with the simulator, the CCP call, sealing and
// the response, as a workflow's one-shot invocation pays it.
func BenchmarkRunGetPassword(b *testing.B) {
	f := newFixture(b)
	f.writeConfig("", "error")
	request := ccpRequest(`<app-id>` + testAppID + `</app-id><query>Safe=Test;Object=windows1</query>`)
	b.ReportAllocs()
	for b.Loop() {
		if res := f.run(request, "run"); res.status != 0 {
			b.Fatalf("exit %d: %s", res.status, res.stdout)
		}
	}
}
