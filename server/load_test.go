package server

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/sirupsen/logrus"

	"github.com/pamadapter/pamadapter/internal/loadgen"
)

// TestTwoHundredClientsForTenSeconds loads the service with 200 concurrent
// clients for 10 seconds: no request may fail, every goroutine the load
// started must end, and no planted secret may reach the log. (Throughput is
// reported, never asserted: the machines are shared.)
func TestTwoHundredClientsForTenSeconds(t *testing.T) {
	if testing.Short() {
		t.Skip("a 10-second load test")
	}
	e := newEnv(t)
	baseline := runtime.NumGoroutine()
	o := e.options(false, false, false)
	o.MaxInFlight = 512
	o.Log.SetLevel(logrus.InfoLevel)
	r := e.start(o)
	transport := &http.Transport{MaxIdleConnsPerHost: 256}
	c := &http.Client{Transport: transport, Timeout: 30 * time.Second}
	result := loadgen.Run(context.Background(), 200, 10*time.Second, func(ctx context.Context) error {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, r.url+"/v1/requests", strings.NewReader(sampleRequest))
		if err != nil {
			return err
		}
		resp, err := c.Do(req)
		if err != nil {
			return err
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return err
		}
		if resp.StatusCode != 200 || !strings.Contains(string(body), "<status>success</status>") || !strings.Contains(string(body), "<code>200</code>") {
			return fmt.Errorf("status %d: %.300s", resp.StatusCode, body)
		}
		return nil
	})
	t.Logf("adapter service: %s", result)
	if result.Errors > 0 || result.Requests == 0 {
		t.Errorf("%d of %d requests failed; first: %v", result.Errors, result.Requests, result.FirstError)
	}
	transport.CloseIdleConnections()
	if err := r.stop(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for runtime.NumGoroutine() > baseline && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > baseline {
		buf := make([]byte, 1<<16)
		t.Errorf("%d goroutines after the load, %d before:\n%s", n, baseline, buf[:runtime.Stack(buf, true)])
	}
	e.assertNoSecret("the log", e.logs.String())
}
