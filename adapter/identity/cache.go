package identity

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

// maxCached bounds the identities a Cache keeps.
const maxCached = 64

// Cache keeps loaded identities so a long-running process decodes each
// store once. An entry is keyed by the path, size and modification time of
// every file it was read from and a hash of the passwords and alias, so a
// changed file or a different password loads afresh. Failures are not
// cached. A Cache is safe for concurrent use.
type Cache struct {
	salt    [32]byte // keys the password hash, so the cache holds no plain digest of a password
	mu      sync.Mutex
	entries map[cacheKey]*Identity
	decodes atomic.Int64
}

// NewCache makes an empty cache.
func NewCache() *Cache {
	c := &Cache{entries: make(map[cacheKey]*Identity)}
	_, _ = rand.Read(c.salt[:])
	return c
}

// cacheKey identifies one source in one state.
type cacheKey struct {
	files   [3]fileState
	secrets [sha256.Size]byte
}

// fileState is what tells one version of a file from another.
type fileState struct {
	path  string
	size  int64
	mtime time.Time
}

// Load returns the identity src names, decoding it only when the cache holds
// none for the files' current state. fresh reports a decode (its warnings
// are new).
func (c *Cache) Load(src Source) (id *Identity, fresh bool, err error) {
	key, ok := c.keyFor(src)
	if ok {
		c.mu.Lock()
		id = c.entries[key]
		c.mu.Unlock()
		if id != nil {
			return id, false, nil
		}
	}
	c.decodes.Add(1)
	id, err = Load(src)
	if err != nil || !ok {
		return id, true, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) >= maxCached {
		for k := range c.entries { // drop any one: a process rarely holds many identities
			delete(c.entries, k)
			break
		}
	}
	c.entries[key] = id
	return id, true, nil
}

// Decodes counts the identities decoded so far (for tests and benchmarks).
func (c *Cache) Decodes() int64 { return c.decodes.Load() }

// keyFor builds src's cache key; ok is false when a file cannot be stat'ed
// (Load then reports the problem).
func (c *Cache) keyFor(src Source) (cacheKey, bool) {
	var key cacheKey
	for i, path := range []string{src.KeystoreFile, src.CertificateFile, src.PrivateKeyFile} {
		if path == "" {
			continue
		}
		info, err := os.Stat(path)
		if err != nil {
			return key, false
		}
		key.files[i] = fileState{path: path, size: info.Size(), mtime: info.ModTime()}
	}
	h := hmac.New(sha256.New, c.salt[:])
	for _, s := range []string{src.KeystorePassword, src.KeyPassword, src.KeystoreAlias} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	h.Sum(key.secrets[:0])
	return key, true
}
