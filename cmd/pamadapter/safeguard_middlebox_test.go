package main

import (
	"crypto/tls"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
)

// startMiddlebox starts a TLS reverse proxy in front of the simulator and
// returns its URL. It stands for the load balancers and gateways between a
// client and a real appliance, and makes the appliance errors the adapter
// never provokes itself reachable through the whole pipeline: forwardCert
// false drops the client certificate (as a TLS-terminating balancer does),
// and rewrite changes each request on its way. Its server certificate is
// issued by the simulator's CA, so the fixture's ca-file trusts it.
func (f *sgFixture) startMiddlebox(forwardCert bool, rewrite func(*http.Request)) string {
	f.t.Helper()
	serverCert, err := f.sg.CA.IssueServer()
	if err != nil {
		f.t.Fatal(err)
	}
	target, err := url.Parse(f.sg.URL)
	if err != nil {
		f.t.Fatal(err)
	}
	upstream := &tls.Config{RootCAs: f.sg.CA.Pool(), MinVersion: tls.VersionTLS12}
	if forwardCert {
		cert := f.client.TLS
		upstream.GetClientCertificate = func(*tls.CertificateRequestInfo) (*tls.Certificate, error) { return &cert, nil }
	}
	proxy := &httputil.ReverseProxy{
		Rewrite: func(pr *httputil.ProxyRequest) {
			pr.SetURL(target)
			if rewrite != nil {
				rewrite(pr.Out)
			}
		},
		Transport: &http.Transport{TLSClientConfig: upstream},
		ErrorLog:  log.New(io.Discard, "", 0),
	}
	box := httptest.NewUnstartedServer(proxy)
	box.TLS = &tls.Config{Certificates: []tls.Certificate{serverCert.TLS}, ClientAuth: tls.RequestClientCert}
	box.Config.ErrorLog = log.New(io.Discard, "", 0)
	box.StartTLS()
	f.t.Cleanup(box.Close)
	return box.URL
}
