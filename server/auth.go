package server

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
	"strings"
)

// caller is who made a request, for the access log.
type caller struct {
	name string // "cert:CN=...", "token:<hash prefix>", or "anonymous"
	ok   bool
	why  string // when not ok: what was missing or wrong (never the token)
}

// authenticate decides whether r may be served. With no method configured
// (loopback only, see checkSafe) everyone may.
func (s *Server) authenticate(r *http.Request) caller {
	certAuth := s.opts.ClientCAFile != ""
	tokenAuth := len(s.opts.BearerTokenHashes) > 0
	if !certAuth && !tokenAuth {
		return caller{name: "anonymous", ok: true}
	}
	if certAuth && r.TLS != nil && len(r.TLS.VerifiedChains) > 0 {
		return caller{name: "cert:" + r.TLS.VerifiedChains[0][0].Subject.String(), ok: true}
	}
	if tokenAuth {
		token, found := bearerToken(r)
		if !found {
			return caller{name: "anonymous", why: "no client certificate and no bearer token"}
		}
		sum := sha256.Sum256([]byte(token))
		match := 0
		for _, h := range s.opts.BearerTokenHashes {
			match |= subtle.ConstantTimeCompare(sum[:], h[:])
		}
		if match == 1 {
			return caller{name: "token:" + hex.EncodeToString(sum[:4]), ok: true}
		}
		return caller{name: "anonymous", why: "bearer token not accepted"}
	}
	return caller{name: "anonymous", why: "no verified client certificate"}
}

// bearerToken reads "Authorization: Bearer <token>".
func bearerToken(r *http.Request) (string, bool) {
	scheme, token, found := strings.Cut(r.Header.Get("Authorization"), " ")
	if !found || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
		return "", false
	}
	return strings.TrimSpace(token), true
}

// ParseTokenHash reads a bearer-token-sha256 value (64 hex digits).
func ParseTokenHash(s string) ([sha256.Size]byte, bool) {
	var h [sha256.Size]byte
	b, err := hex.DecodeString(strings.TrimSpace(s))
	if err != nil || len(b) != sha256.Size {
		return h, false
	}
	copy(h[:], b)
	return h, true
}
