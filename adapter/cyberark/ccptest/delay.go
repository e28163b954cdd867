package ccptest

import (
	"context"
	"time"
)

// vaultOutcome is how a wait for the simulated Vault ended.
type vaultOutcome int

const (
	vaultAnswered vaultOutcome = iota // the Vault answered in time
	vaultTimedOut                     // the CCP's ConnectionTimeout ran out first
	vaultGone                         // the client went away or the server is closing
)

// waitForVault waits out the configured delay, for at most budget (the
// request's ConnectionTimeout).
func (s *Server) waitForVault(ctx context.Context, budget time.Duration) vaultOutcome {
	d := s.store.currentDelay()
	if d <= 0 {
		return vaultAnswered
	}
	outcome := vaultAnswered
	if d > budget {
		d, outcome = budget, vaultTimedOut
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return outcome
	case <-ctx.Done():
		return vaultGone
	case <-s.sim.Done():
		return vaultGone
	}
}
