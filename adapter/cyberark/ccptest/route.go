package ccptest

import (
	"net/http"
	"strings"

	"github.com/pamadapter/pamadapter/internal/simserver"
)

// accountsPath is the Accounts API path inside the web service application.
const accountsPath = "api/Accounts"

// route records the request and dispatches it the way IIS would: paths
// outside the web service application are unknown (404); the application
// requires a client certificate (403.7) unless configured otherwise; inside
// it only the Accounts API exists (404) and it only answers GET (405). Paths
// match case-insensitively, and the Accounts path may end in "/".
func (s *Server) route(w http.ResponseWriter, r *http.Request) {
	s.store.record(newRequest(r))
	app, rest, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
	switch {
	case !strings.EqualFold(app, s.webServiceName):
		s.writePage(w, pageNotFound)
	case s.requireClientCert && simserver.ClientCertificate(r) == nil:
		s.writePage(w, pageClientCertRequired)
	case !strings.EqualFold(strings.TrimSuffix(rest, "/"), accountsPath):
		s.writePage(w, pageNotFound)
	case r.Method != http.MethodGet:
		w.Header().Set("Allow", http.MethodGet)
		s.writePage(w, pageMethodNotAllowed)
	default:
		s.serveAccounts(w, r)
	}
}
