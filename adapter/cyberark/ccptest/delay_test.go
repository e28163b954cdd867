package ccptest_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/pamadapter/pamadapter/adapter/cyberark/ccptest"
)

func TestWithDelayHoldsTheAnswerBack(t *testing.T) {
	t.Parallel()
	const delay = 200 * time.Millisecond
	s := newFixture(t, ccptest.WithDelay(delay))
	c := clientAs(t, s, "app1")
	start := time.Now()
	wantOK(t, get(t, c, accountsURL(s, "AppID=App1&Safe=Ops&Object=web-1")))
	if elapsed := time.Since(start); elapsed < delay {
		t.Fatalf("answered after %v, before the %v delay", elapsed, delay)
	}
}

func TestParameterErrorsAreAnsweredWithoutWaitingForTheVault(t *testing.T) {
	t.Parallel()
	s := newFixture(t, ccptest.WithDelay(time.Hour))
	c := clientAs(t, s, "app1")
	c.Timeout = 5 * time.Second
	wantError(t, get(t, c, accountsURL(s, "Safe=Ops")), http.StatusBadRequest, "AIMWS031E", "AppID")
}

func TestADelayLongerThanConnectionTimeoutEndsInAPPAP007E(t *testing.T) {
	t.Parallel()
	s := newFixture(t)
	s.SetDelay(time.Hour)
	c := clientAs(t, s, "app1")
	start := time.Now()
	a := get(t, c, accountsURL(s, "AppID=App1&Safe=Ops&Object=web-1&ConnectionTimeout=1"))
	wantError(t, a, http.StatusBadRequest, "APPAP007E", "ITACM012S")
	if elapsed := time.Since(start); elapsed < time.Second || elapsed > 10*time.Second {
		t.Fatalf("answered after %v, want about the 1s ConnectionTimeout", elapsed)
	}
}

func TestADelayedAnswerStopsWaitingWhenTheClientGoesAway(t *testing.T) {
	t.Parallel()
	s := newFixture(t, ccptest.WithoutClientCertificateRequirement(), ccptest.WithDelay(time.Hour))
	returned := make(chan struct{})
	mounted := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer close(returned)
		s.Handler().ServeHTTP(w, r)
	}))
	t.Cleanup(mounted.Close)

	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, mounted.URL+"/AIMWebService/api/Accounts?AppID=App1&Object=web-1", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := mounted.Client().Do(req)
	if err == nil {
		resp.Body.Close()
		t.Fatalf("got status %d before the delay ended", resp.StatusCode)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("error %v, want the client's deadline", err)
	}
	select {
	case <-returned:
	case <-time.After(5 * time.Second):
		t.Fatal("the handler kept waiting after the client went away")
	}
}

func TestCloseEndsDelayedAnswersAndWaitsForHandlers(t *testing.T) {
	t.Parallel()
	s, err := ccptest.NewServer(ccptest.WithDelay(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	s.AddApplication(ccptest.Application{AppID: "App1"})
	c := clientAs(t, s, "app1")
	failed := make(chan error, 1)
	go func() {
		resp, err := c.Get(accountsURL(s, "AppID=App1&Object=web-1"))
		if err == nil {
			resp.Body.Close()
		}
		failed <- err
	}()
	for deadline := time.Now().Add(5 * time.Second); len(s.Requests()) == 0; {
		if time.Now().After(deadline) {
			t.Fatal("the request never arrived")
		}
		time.Sleep(5 * time.Millisecond)
	}
	start := time.Now()
	s.Close()
	if elapsed := time.Since(start); elapsed > 5*time.Second {
		t.Fatalf("Close took %v", elapsed)
	}
	if err := <-failed; err == nil {
		t.Fatal("the delayed request got an answer after Close")
	}
	s.Close() // a second Close is harmless
}
