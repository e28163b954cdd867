// Package loadgen drives N concurrent clients for a fixed time and reports
// throughput, latency percentiles and errors.
package loadgen

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"
)

// Result is what one load run measured.
type Result struct {
	Clients  int
	Duration time.Duration
	Requests int
	Errors   int
	// FirstError is the first failure seen (nil when none).
	FirstError error
	P50, P99   time.Duration
}

// Throughput is requests per second.
func (r Result) Throughput() float64 {
	if r.Duration <= 0 {
		return 0
	}
	return float64(r.Requests) / r.Duration.Seconds()
}

// String formats the result on one line.
func (r Result) String() string {
	return fmt.Sprintf("%d clients, %s: %d requests, %.0f req/s, p50 %s, p99 %s, %d errors",
		r.Clients, r.Duration.Round(time.Millisecond), r.Requests, r.Throughput(),
		r.P50.Round(10*time.Microsecond), r.P99.Round(10*time.Microsecond), r.Errors)
}

// Run calls do from clients goroutines, each in a loop, until duration has
// passed, and measures every call.
func Run(ctx context.Context, clients int, duration time.Duration, do func(context.Context) error) Result {
	ctx, cancel := context.WithTimeout(ctx, duration)
	defer cancel()
	var (
		mu        sync.Mutex
		latencies []time.Duration
		errs      int
		first     error
		wg        sync.WaitGroup
	)
	start := time.Now()
	for range clients {
		wg.Go(func() {
			var mine []time.Duration
			for ctx.Err() == nil {
				t0 := time.Now()
				err := do(ctx)
				if ctx.Err() != nil {
					break // the run ended during this call: not counted
				}
				mine = append(mine, time.Since(t0))
				if err != nil {
					mu.Lock()
					if errs++; first == nil {
						first = err
					}
					mu.Unlock()
				}
			}
			mu.Lock()
			latencies = append(latencies, mine...)
			mu.Unlock()
		})
	}
	wg.Wait()
	slices.Sort(latencies)
	return Result{
		Clients: clients, Duration: time.Since(start), Requests: len(latencies), Errors: errs, FirstError: first,
		P50: percentile(latencies, 0.50), P99: percentile(latencies, 0.99),
	}
}

// percentile reads the p-th percentile of sorted durations.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(float64(len(sorted)-1) * p)
	return sorted[i]
}
