package ccptest_test

import (
	"crypto/tls"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"

	"github.com/pamadapter/pamadapter/adapter/cyberark/ccptest"
)

func Example() {
	s, err := ccptest.NewServer()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer s.Close()
	s.AddApplication(ccptest.Application{AppID: "Billing", AllowedSubjects: []string{"CN=billing"}})
	s.AddAccount(ccptest.Account{Safe: "Apps", Object: "billing-db", UserName: "billing", Content: "s3cr3t"})

	id, err := s.IssueClientCertificate("billing")
	if err != nil {
		fmt.Println(err)
		return
	}
	tr := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: s.CA.Pool(), Certificates: []tls.Certificate{id.TLS}}}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}

	q := url.Values{"AppID": {"Billing"}, "Query": {"Safe=Apps;Object=billing-db"}}
	resp, err := client.Get(s.URL + "/AIMWebService/api/Accounts?" + q.Encode())
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
	var account map[string]string
	if err := json.NewDecoder(resp.Body).Decode(&account); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(resp.StatusCode, account["UserName"], account["Content"])
	// Output: 200 billing s3cr3t
}
