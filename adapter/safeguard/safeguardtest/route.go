package safeguardtest

import (
	"errors"
	"io"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// maxBody bounds the request bodies the server reads.
const maxBody = 1 << 20

// call is a routed request.
type call struct {
	r       *http.Request
	body    []byte
	version int // API version of the path: 2, 3 or 4
	id      int // registration id of core paths that have one
}

// endpoint is a known route: the method it answers and its handler.
type endpoint struct {
	method string
	serve  func(w http.ResponseWriter, c *call)
}

// route reads and records the request, then dispatches it the way the
// appliance does: paths are /service/<svc>/v<N>/..., matched
// case-insensitively (a trailing "/" is ignored); unknown services,
// versions and routes get 404 with an empty body, a known route with another
// method 405. Authentication is the endpoint's business.
func (s *Server) route(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	var tooLarge *http.MaxBytesError
	id := s.store.record(newRequest(r, body))
	s.setHeaders(w.Header(), id)
	switch {
	case errors.As(err, &tooLarge):
		writeEmpty(w, http.StatusRequestEntityTooLarge)
		return
	case err != nil:
		writeEmpty(w, http.StatusBadRequest)
		return
	}
	ep, c, ok := s.resolve(r)
	switch {
	case !ok:
		writeEmpty(w, http.StatusNotFound)
	case r.Method != ep.method:
		w.Header().Set("Allow", ep.method)
		writeWebAPIError(w, http.StatusMethodNotAllowed,
			"The requested resource does not support http method '"+r.Method+"'.")
	default:
		c.body = body
		ep.serve(w, c)
	}
}

// resolve finds the endpoint of r's path.
func (s *Server) resolve(r *http.Request) (endpoint, *call, bool) {
	p := strings.TrimPrefix(r.URL.Path, "/")
	p = strings.TrimSuffix(p, "/")
	segs := strings.Split(strings.ToLower(p), "/")
	if len(segs) < 4 || segs[0] != "service" {
		return endpoint{}, nil, false
	}
	c := &call{r: r}
	switch segs[2] {
	case "v2":
		c.version = 2
	case "v3":
		c.version = 3
	case "v4":
		c.version = 4
	default:
		return endpoint{}, nil, false
	}
	rest := strings.Join(segs[3:], "/")
	switch segs[1] {
	case "a2a":
		ep, ok := s.a2aEndpoint(rest)
		return ep, c, ok
	case "core":
		ep, ok := s.coreEndpoint(segs[3:], c)
		return ep, c, ok
	}
	return endpoint{}, nil, false
}

// a2aEndpoint returns the a2a endpoint at rest, the lower-cased path after
// the version.
func (s *Server) a2aEndpoint(rest string) (endpoint, bool) {
	switch rest {
	case "credentials":
		return endpoint{http.MethodGet, s.getCredentials}, true
	case "credentials/password":
		return endpoint{http.MethodPut, s.putPassword}, true
	case "credentials/sshkey":
		return endpoint{http.MethodPut, s.putSshKey}, true
	case "accessrequests":
		return endpoint{http.MethodPost, s.postAccessRequest}, true
	}
	return endpoint{}, false
}

// coreEndpoint returns the core endpoint at segs, the lower-cased path
// segments after the version; it stores a registration id in c.
func (s *Server) coreEndpoint(segs []string, c *call) (endpoint, bool) {
	if segs[0] != "a2aregistrations" {
		return endpoint{}, false
	}
	if len(segs) == 1 {
		return endpoint{http.MethodGet, s.listRegistrations}, true
	}
	id, err := strconv.Atoi(segs[1])
	if err != nil || strings.HasPrefix(segs[1], "+") {
		return endpoint{}, false // the {id:int} route constraint fails
	}
	c.id = id
	switch {
	case len(segs) == 2:
		return endpoint{http.MethodGet, s.getRegistration}, true
	case len(segs) == 3 && segs[2] == "retrievableaccounts":
		return endpoint{http.MethodGet, s.listRetrievableAccounts}, true
	}
	return endpoint{}, false
}

// queryValue returns the query parameter name of q, whose name is compared
// case-insensitively like ASP.NET model binding does, and whether it is
// present.
func queryValue(q url.Values, name string) (string, bool) {
	for _, k := range slices.Sorted(maps.Keys(q)) {
		if vs := q[k]; strings.EqualFold(k, name) && len(vs) > 0 {
			return vs[0], true
		}
	}
	return "", false
}

// assetName is name with "Asset" in v4 and "System" before, for the names
// that changed in v4: AssetId, AssetName, AssetDescription.
func (c *call) assetName(suffix string) string {
	if c.version >= 4 {
		return "Asset" + suffix
	}
	return "System" + suffix
}

// accountAssetName is AccountAssetId/AccountAssetName in v4 and
// AccountSystemId/AccountSystemName before.
func (c *call) accountAssetName(suffix string) string {
	return "Account" + c.assetName(suffix)
}
