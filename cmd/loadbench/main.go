// Command loadbench measures pamadapter's HTTP service under load: N
// concurrent clients POST adapter requests for a fixed time against the
// service, which calls the CCP simulator on loopback; then the same clients
// call the simulator directly with a bare Go HTTP client and the same
// identity — the limit the adapter can approach. It prints throughput,
// p50/p99 latency and errors for both.
//
//	go run ./cmd/loadbench -clients 200 -duration 10s
package main

import (
	"context"
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/sirupsen/logrus"

	"github.com/pamadapter/pamadapter/adapter"
	"github.com/pamadapter/pamadapter/adapter/cyberark"
	"github.com/pamadapter/pamadapter/adapter/cyberark/ccptest"
	"github.com/pamadapter/pamadapter/config"
	"github.com/pamadapter/pamadapter/internal/loadgen"
	"github.com/pamadapter/pamadapter/masking"
	"github.com/pamadapter/pamadapter/schema/xmlenc"
	"github.com/pamadapter/pamadapter/server"
)

func main() {
	clients := flag.Int("clients", 200, "concurrent clients")
	duration := flag.Duration("duration", 10*time.Second, "how long each run lasts")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the adapter run to `file`")
	flag.Parse()
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "loadbench:", err)
			os.Exit(1)
		}
		defer f.Close()
		profile = f
	}
	if err := run(*clients, *duration); err != nil {
		fmt.Fprintln(os.Stderr, "loadbench:", err)
		os.Exit(1)
	}
}

// profile, when set, receives a CPU profile of the adapter run.
var profile io.Writer

// request asks the simulator's one account for its password.
const request = `<cyberark-adapter-request><operation-name>ccp-aim-get-password</operation-name><app-id>Bench</app-id><query>Safe=Bench;Object=bench</query></cyberark-adapter-request>`

func run(clients int, duration time.Duration) error {
	dir, err := os.MkdirTemp("", "loadbench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	ccp, err := ccptest.NewServer()
	if err != nil {
		return err
	}
	defer ccp.Close()
	id, err := ccp.IssueClientCertificate("bench")
	if err != nil {
		return err
	}
	ccp.AddApplication(ccptest.Application{AppID: "Bench", AllowedSerials: []string{fmt.Sprintf("%x", id.Cert.SerialNumber)}})
	ccp.AddAccount(ccptest.Account{Safe: "Bench", Object: "bench", Content: "bench-password"})
	files := map[string][]byte{"ca.pem": ccp.CA.CertPEM, "client.crt": id.CertPEM, "client.key": id.KeyPEM,
		"adapter.xml": []byte(fmt.Sprintf(`<adapter-config><encryption><key name="k" file="k.key"/></encryption><logging><level>warn</level></logging>
<cyberark><aim-endpoint-url>%s</aim-endpoint-url><ca-file>ca.pem</ca-file><certificate-file>client.crt</certificate-file><private-key-file>client.key</private-key-file></cyberark></adapter-config>`, ccp.URL))}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			return err
		}
	}
	if err := xmlenc.GenerateKeyFile(filepath.Join(dir, "k.key"), nil); err != nil {
		return err
	}
	providers := []adapter.Provider{cyberark.Provider{}}
	cfg, err := config.Load(filepath.Join(dir, "adapter.xml"), adapter.ConfigSpecs(providers...))
	if err != nil {
		return err
	}
	log := masking.NewLogger(os.Stderr, logrus.WarnLevel, false, nil)
	a, err := adapter.New(cfg, log, providers...)
	if err != nil {
		return err
	}
	srv, err := server.New(server.Options{Adapter: a, Log: log, ListenAddress: "127.0.0.1:0", MaxInFlight: 4 * clients})
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ready := make(chan net.Addr, 1)
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx, ready) }()
	addr := <-ready
	url := "http://" + addr.String() + "/v1/requests"

	fmt.Printf("loadbench: %d clients, %s each run, loopback, CCP simulator\n", clients, duration)
	viaAdapter := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}}
	if profile != nil {
		if err := pprof.StartCPUProfile(profile); err != nil {
			return err
		}
	}
	r1 := loadgen.Run(context.Background(), clients, duration, func(ctx context.Context) error {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, strings.NewReader(request))
		if err != nil {
			return err
		}
		return expect(viaAdapter.Do(req))("<code>200</code>")
	})
	if profile != nil {
		pprof.StopCPUProfile()
	}
	fmt.Printf("  adapter service : %s\n", r1)
	cancel()
	if err := <-done; err != nil {
		return err
	}

	bare := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients, ForceAttemptHTTP2: false,
		TLSClientConfig: &tls.Config{RootCAs: ccp.CA.Pool(), Certificates: []tls.Certificate{id.TLS}, MinVersion: tls.VersionTLS12}}}
	direct := ccp.URL + "/AIMWebService/api/Accounts?AppID=Bench&Query=Safe%3DBench%3BObject%3Dbench"
	r2 := loadgen.Run(context.Background(), clients, duration, func(ctx context.Context) error {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, direct, nil)
		if err != nil {
			return err
		}
		return expect(bare.Do(req))(`"Content"`)
	})
	fmt.Printf("  bare Go client  : %s\n", r2)
	if r1.Errors > 0 || r2.Errors > 0 {
		return errors.Join(r1.FirstError, r2.FirstError)
	}
	return nil
}

// expect checks an answer holds want.
func expect(resp *http.Response, err error) func(want string) error {
	return func(want string) error {
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			return err
		}
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), want) {
			return fmt.Errorf("status %d: %.200s", resp.StatusCode, body)
		}
		return nil
	}
}
