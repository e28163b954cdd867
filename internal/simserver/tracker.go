package simserver

import (
	"net/http"
	"sync"
)

// tracker counts running handlers so that Close can wait for them.
type tracker struct {
	mu     sync.Mutex
	closed bool
	wg     sync.WaitGroup
}

// wrap returns h, counted by t. Once t is closed, requests are refused with
// 503 instead of starting h.
func (t *tracker) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !t.enter() {
			w.Header().Set("Connection", "close")
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		defer t.wg.Done()
		h.ServeHTTP(w, r)
	})
}

// enter registers a handler unless t is closed.
func (t *tracker) enter() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closed {
		return false
	}
	t.wg.Add(1)
	return true
}

// closeAndWait refuses new handlers and waits for the running ones.
func (t *tracker) closeAndWait() {
	t.mu.Lock()
	t.closed = true
	t.mu.Unlock()
	t.wg.Wait()
}
