package loadgen

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"
)

func TestRunCountsCallsAndErrors(t *testing.T) {
	var calls atomic.Int64
	r := Run(context.Background(), 4, 200*time.Millisecond, func(ctx context.Context) error {
		if calls.Add(1)%10 == 0 {
			return errors.New("every tenth fails")
		}
		time.Sleep(time.Millisecond)
		return nil
	})
	if r.Requests == 0 || r.Errors == 0 || r.FirstError == nil || r.Clients != 4 {
		t.Fatalf("got %+v", r)
	}
	if r.P50 > r.P99 {
		t.Errorf("p50 %s above p99 %s", r.P50, r.P99)
	}
}

func TestPercentileReadsSortedDurations(t *testing.T) {
	d := []time.Duration{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	if got := percentile(d, 0.5); got != 5 {
		t.Errorf("p50 %d", got)
	}
	if got := percentile(d, 0.99); got != 9 {
		t.Errorf("p99 %d", got)
	}
	if got := percentile(nil, 0.5); got != 0 {
		t.Errorf("empty: %d", got)
	}
}
