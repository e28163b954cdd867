package adapter

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// BaseURL says what a provider's base-URL element may hold.
type BaseURL struct {
	// Example is shown in errors, e.g. "https://ccp.example.com[:port]".
	Example string
	// PathHint says why no path is allowed (what the adapter adds itself).
	PathHint string
	// AllowHTTP accepts http:// as well as https://.
	AllowHTTP bool
}

// Check vets a base URL: a scheme and host (and port), without user
// information, path, query, fragment or trailing slash.
func (b BaseURL) Check(v string) error {
	u, err := url.Parse(v)
	switch {
	case err != nil:
		return fmt.Errorf("is not a URL: %v", errors.Unwrap(err))
	case u.Scheme != "https" && !(b.AllowHTTP && u.Scheme == "http"):
		return fmt.Errorf("must start with https:// (not %q)", u.Scheme+"://")
	case u.Host == "":
		return fmt.Errorf("names no host; write it as %s", b.Example)
	case u.User != nil:
		return errors.New("must not hold a user name or password")
	case u.RawQuery != "" || u.Fragment != "" || u.ForceQuery:
		return errors.New("must not hold a query or fragment")
	case strings.HasSuffix(v, "/"):
		return fmt.Errorf("must not end with a slash; write it as %s", b.Example)
	case u.Path != "":
		return fmt.Errorf("must not hold a path (%q): %s", u.Path, b.PathHint)
	}
	return nil
}
