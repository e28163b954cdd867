package adapter

import (
	"crypto/tls"
	"net/http"
	"os"
	"sync"
	"time"
)

// maxClients bounds the HTTP clients an Adapter keeps.
const maxClients = 128

// clientCache keeps one HTTP client (so one transport and its pool of
// kept-alive connections) per vault configuration and identity, so a
// long-running process reuses connections instead of paying a TLS
// handshake per request.
type clientCache struct {
	mu      sync.Mutex
	clients map[clientKey]*http.Client
}

// clientKey identifies one client configuration. The certificate pointer
// is stable while the identity cache holds the identity; the CA file's
// size and modification time make a replaced bundle load afresh.
type clientKey struct {
	caFile   string
	caSize   int64
	caMtime  time.Time
	insecure bool
	cert     *tls.Certificate
	timeout  time.Duration
}

// HTTPClient returns the client for cc: built once with NewHTTPClient, then
// shared by every call with the same configuration and identity.
func (c *Call) HTTPClient(cc ClientConfig) (*http.Client, error) {
	if c.clients == nil {
		return NewHTTPClient(cc)
	}
	return c.clients.get(cc)
}

// get returns the cached client for cc, building it when missing.
func (cache *clientCache) get(cc ClientConfig) (*http.Client, error) {
	key := clientKey{caFile: cc.CAFile, insecure: cc.InsecureSkipVerify, cert: cc.Certificate, timeout: cc.Timeout}
	if cc.CAFile != "" {
		if info, err := os.Stat(cc.CAFile); err == nil {
			key.caSize, key.caMtime = info.Size(), info.ModTime()
		}
	}
	cache.mu.Lock()
	defer cache.mu.Unlock()
	if client, ok := cache.clients[key]; ok {
		return client, nil
	}
	client, err := NewHTTPClient(cc)
	if err != nil {
		return nil, err
	}
	if cache.clients == nil {
		cache.clients = make(map[clientKey]*http.Client)
	}
	if len(cache.clients) >= maxClients {
		for k, old := range cache.clients { // drop any one, closing its idle connections
			old.CloseIdleConnections()
			delete(cache.clients, k)
			break
		}
	}
	cache.clients[key] = client
	return client, nil
}

// closeIdle closes the idle connections of every cached client.
func (cache *clientCache) closeIdle() {
	cache.mu.Lock()
	defer cache.mu.Unlock()
	for _, client := range cache.clients {
		client.CloseIdleConnections()
	}
}
