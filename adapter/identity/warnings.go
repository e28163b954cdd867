package identity

import (
	"crypto/x509"
	"fmt"
	"slices"
	"strings"
	"time"
)

// now is the clock warnings are judged by (tests pin it).
var now = time.Now

// warnings says what may make a vault refuse leaf: a validity period that
// does not include now, or extended key usages without clientAuth.
func warnings(leaf *x509.Certificate) []string {
	var w []string
	subject := leaf.Subject.String()
	period := fmt.Sprintf("valid from %s to %s", leaf.NotBefore.UTC().Format(time.RFC3339), leaf.NotAfter.UTC().Format(time.RFC3339))
	t := now()
	switch {
	case t.After(leaf.NotAfter):
		w = append(w, fmt.Sprintf("the client certificate %q has expired (%s)", subject, period))
	case t.Before(leaf.NotBefore):
		w = append(w, fmt.Sprintf("the client certificate %q is not valid yet (%s)", subject, period))
	}
	usages := leaf.ExtKeyUsage
	if (len(usages) > 0 || len(leaf.UnknownExtKeyUsage) > 0) &&
		!slices.Contains(usages, x509.ExtKeyUsageClientAuth) && !slices.Contains(usages, x509.ExtKeyUsageAny) {
		w = append(w, fmt.Sprintf("the client certificate %q lacks the clientAuth extended key usage (it allows %s; %s); a vault may refuse it",
			subject, usageNames(leaf), period))
	}
	return w
}

// usageNames lists a certificate's extended key usages.
func usageNames(c *x509.Certificate) string {
	names := map[x509.ExtKeyUsage]string{
		x509.ExtKeyUsageServerAuth: "serverAuth", x509.ExtKeyUsageCodeSigning: "codeSigning",
		x509.ExtKeyUsageEmailProtection: "emailProtection", x509.ExtKeyUsageTimeStamping: "timeStamping",
		x509.ExtKeyUsageOCSPSigning: "OCSPSigning",
	}
	var out []string
	for _, u := range c.ExtKeyUsage {
		if n, ok := names[u]; ok {
			out = append(out, n)
		} else {
			out = append(out, fmt.Sprintf("usage %d", u))
		}
	}
	for _, oid := range c.UnknownExtKeyUsage {
		out = append(out, oid.String())
	}
	return strings.Join(out, ", ")
}
