package safeguardtest_test

import (
	"crypto/tls"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/pamadapter/pamadapter/adapter/safeguard/safeguardtest"
)

func Example() {
	s, err := safeguardtest.NewServer()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer s.Close()
	id, err := s.IssueClientCertificate("billing")
	if err != nil {
		fmt.Println(err)
		return
	}
	s.AddCertificateUser(safeguardtest.CertificateUser{Id: 10, Name: "billing", Thumbprint: safeguardtest.Thumbprint(id.Cert)})
	s.AddAsset(safeguardtest.Asset{Id: 1, Name: "linux01", NetworkAddress: "10.0.0.1"})
	s.AddAccount(safeguardtest.Account{Id: 5, AssetId: 1, Name: "root", Password: "s3cr3t"})
	s.AddRegistration(safeguardtest.Registration{Id: 3, AppName: "Billing", CertificateUserId: 10})
	s.AddRetrievableAccount(3, 5, "api-key-1")

	tr := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: s.CA.Pool(), Certificates: []tls.Certificate{id.TLS}}}
	defer tr.CloseIdleConnections()
	req, err := http.NewRequest(http.MethodGet, s.URL+"/service/a2a/v4/Credentials?type=Password", nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	req.Header.Set("Authorization", "A2A api-key-1")
	resp, err := (&http.Client{Transport: tr}).Do(req)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
	var password string
	if err := json.NewDecoder(resp.Body).Decode(&password); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(resp.StatusCode, password)
	// Output: 200 s3cr3t
}
