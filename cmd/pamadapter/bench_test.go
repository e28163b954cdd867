package main

import (
	"context"
	"io"
	"strings"
	"testing"

	"github.com/pamadapter/pamadapter/adapter"
	"github.com/pamadapter/pamadapter/config"
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

// BenchmarkServeWithOneJKSIdentity serves request after request with one
// JKS identity through one Adapter, as a long-running process does: the
// store is decoded once, so decodes/op tends to 0.
func BenchmarkServeWithOneJKSIdentity(b *testing.B) {
	f := newFixture(b)
	f.writeConfig("", "error")
	jks, err := f.client.JKS("client", "bench-store-pass", "bench-key-pass", f.ccp.CA.Cert)
	if err != nil {
		b.Fatal(err)
	}
	f.write("client.jks", jks)
	cfg, err := config.Load(f.configPath, adapter.ConfigSpecs(providers()...))
	if err != nil {
		b.Fatal(err)
	}
	a, err := adapter.New(cfg, newLogger(io.Discard, cfg.Logging), providers()...)
	if err != nil {
		b.Fatal(err)
	}
	request := ccpRequest(`<app-id>` + testAppID + `</app-id><query>Safe=Test;Object=windows1</query>
<keystore-file>client.jks</keystore-file><keystore-password>bench-store-pass</keystore-password><key-password>bench-key-pass</key-password>`)
	b.ReportAllocs()
	for b.Loop() {
		resp := a.ServeReader(context.Background(), strings.NewReader(request))
		if adapter.ExitStatus(resp) != 0 {
			b.Fatalf("%s", resp.Bytes())
		}
	}
	b.ReportMetric(float64(a.IdentityDecodes())/float64(b.N), "decodes/op")
}
