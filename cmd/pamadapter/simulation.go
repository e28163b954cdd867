package main

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/pamadapter/pamadapter/adapter/cyberark/ccptest"
	"github.com/pamadapter/pamadapter/adapter/safeguard/safeguardtest"
	"github.com/pamadapter/pamadapter/internal/testpki"
	"github.com/pamadapter/pamadapter/schema/xmlenc"
)

// DemoAppID is the CCP application, and the Safeguard A2A registration, the
// simulators know the demo client as.
const DemoAppID = "PAMAdapterDemo"

// The Safeguard A2A API keys of the demo registration, as the sample
// requests give them (demo values, like the simulators' accounts): the
// retrieval key of root@linux01 and the access request broker's key.
const (
	DemoSafeguardAPIKey    = "demo-a2a-api-key"
	DemoSafeguardBrokerKey = "demo-a2a-broker-key"
)

// The passwords of the demo's client.jks, as the JKS sample request gives
// them (demo values, like the simulators' accounts).
const (
	DemoKeystorePassword = "demo-store-pass"
	DemoKeyPassword      = "demo-key-pass"
)

// simulation is the set of running simulators plus the files a client needs
// to use them.
type simulation struct {
	dir        string
	configPath string
	ccp        *ccptest.Server
	sg         *safeguardtest.Server
	// secrets are the passwords seeded into the simulators (fresh each run).
	secrets []string
}

// startSimulation starts every simulator on loopback with fresh certificates
// and writes into dir: their CA, a client identity, an encryption key and
// adapter.xml.
func startSimulation(dir string) (sim *simulation, err error) {
	sim = &simulation{dir: dir, configPath: filepath.Join(dir, "adapter.xml")}
	defer func() {
		if err != nil {
			sim.Close()
			sim = nil
		}
	}()
	if sim.ccp, err = ccptest.NewServer(); err != nil {
		return sim, fmt.Errorf("starting the CCP simulator: %w", err)
	}
	// The Safeguard simulator trusts the CCP's CA, so one client identity
	// serves both.
	if sim.sg, err = safeguardtest.NewServer(safeguardtest.WithClientCAs(sim.ccp.CA.Cert)); err != nil {
		return sim, fmt.Errorf("starting the Safeguard simulator: %w", err)
	}
	client, err := sim.ccp.IssueClientCertificate("pamadapter-demo")
	if err != nil {
		return sim, err
	}
	jks, err := client.JKS("client", DemoKeystorePassword, DemoKeyPassword, sim.ccp.CA.Cert)
	if err != nil {
		return sim, err
	}
	files := map[string][]byte{
		"ccp-ca.pem": sim.ccp.CA.CertPEM,
		"sg-ca.pem":  sim.sg.CA.CertPEM,
		"client.crt": client.CertPEM,
		"client.key": client.KeyPEM,
		"client.jks": jks,
	}
	for name, data := range files {
		if err := testpki.WriteFile(filepath.Join(dir, name), data); err != nil {
			return sim, err
		}
	}
	if err := xmlenc.GenerateKeyFile(filepath.Join(dir, "context.key"), nil); err != nil {
		return sim, err
	}
	sim.ccp.AddApplication(ccptest.Application{
		AppID:          DemoAppID,
		AllowedSerials: []string{fmt.Sprintf("%x", client.Cert.SerialNumber)},
	})
	for _, a := range demoAccounts() {
		a.Content = newDemoPassword()
		sim.secrets = append(sim.secrets, a.Content)
		sim.ccp.AddAccount(a)
	}
	sim.seedSafeguard(safeguardtest.Thumbprint(client.Cert))
	if err := os.WriteFile(sim.configPath, []byte(sim.adapterXML()), 0o600); err != nil {
		return sim, err
	}
	return sim, nil
}

// demoAccounts are the accounts the sample requests ask for.
func demoAccounts() []ccptest.Account {
	return []ccptest.Account{
		{Safe: "Test", Folder: `root\OS\Windows`, Object: "windows1", UserName: "Administrator",
			Address: "windows1.example.com", PolicyID: "WinServerLocal", DeviceType: "Operating System"},
		{Safe: "Linux Servers", Folder: "Root", Object: "db01-root", UserName: "root",
			Address: "db01.example.com", PolicyID: "UnixSSH", DeviceType: "Operating System",
			Properties: []ccptest.Property{{Name: "LogonDomain", Value: "db01"}}},
	}
}

// The ids of the Safeguard demo objects.
const (
	demoSGCertUserID     = 10
	demoSGUserID         = 21
	demoSGAssetID        = 1
	demoSGAccountID      = 5
	demoSGRegistrationID = 3
)

// seedSafeguard gives the Safeguard simulator what the sample requests ask
// for: the demo client as certificate user of registration DemoAppID, which
// may retrieve and write back root@linux01 (fresh password, SSH key and API
// key secret) and broker Password and SSHKey requests for alice.
func (sim *simulation) seedSafeguard(thumbprint string) {
	password, keySecret := newDemoPassword(), newDemoPassword()
	sshKey := "-----BEGIN OPENSSH PRIVATE KEY-----\n" + newDemoPassword() + "\n-----END OPENSSH PRIVATE KEY-----\n"
	sim.secrets = append(sim.secrets, password, keySecret, sshKey)
	sg := sim.sg
	sg.AddCertificateUser(safeguardtest.CertificateUser{Id: demoSGCertUserID, Name: "pamadapter-demo", Thumbprint: thumbprint})
	sg.AddUser(safeguardtest.User{Id: demoSGUserID, Name: "alice", Provider: "local"})
	sg.AddAsset(safeguardtest.Asset{Id: demoSGAssetID, Name: "linux01", NetworkAddress: "linux01.example.com"})
	sg.AddAccount(safeguardtest.Account{Id: demoSGAccountID, AssetId: demoSGAssetID, Name: "root", Description: "demo superuser",
		Password: password, SshKeys: map[string]string{"OpenSsh": sshKey},
		ApiKeys: []safeguardtest.ApiKeySecret{{Id: 7, Name: "deploy", ClientId: "demo-client", ClientSecret: keySecret, ClientSecretId: "cs-1"}}})
	sg.AddRegistration(safeguardtest.Registration{Id: demoSGRegistrationID, AppName: DemoAppID, CertificateUserId: demoSGCertUserID,
		VisibleToCertificateUsers: true, BidirectionalEnabled: true})
	sg.AddRetrievableAccount(demoSGRegistrationID, demoSGAccountID, DemoSafeguardAPIKey)
	sg.SetBroker(demoSGRegistrationID, safeguardtest.Broker{ApiKey: DemoSafeguardBrokerKey, UserIds: []int{demoSGUserID}})
	sg.AddEntitlement(safeguardtest.Entitlement{UserId: demoSGUserID, AssetId: demoSGAssetID, AccountId: demoSGAccountID,
		RequestTypes: []string{"Password", "SSHKey"}, AutoApprove: true})
}

// newDemoPassword makes a fresh password with the characters that break
// naive clients: & < > " ; = + % and a space.
func newDemoPassword() string {
	b := make([]byte, 9)
	_, _ = rand.Read(b)
	return "Demo&<" + base64.RawURLEncoding.EncodeToString(b) + `> "q;=+%`
}

// adapterXML is the configuration that points run at the simulators.
func (sim *simulation) adapterXML() string {
	var b strings.Builder
	b.WriteString("<adapter-config>\n")
	b.WriteString("  <encryption>\n    <key name=\"context-key-demo\" file=\"context.key\"/>\n  </encryption>\n")
	b.WriteString("  <logging>\n    <level>info</level>\n    <format>text</format>\n  </logging>\n")
	fmt.Fprintf(&b, "  <cyberark>\n    <aim-endpoint-url>%s</aim-endpoint-url>\n", sim.ccp.URL)
	b.WriteString("    <web-service-name>AIMWebService</web-service-name>\n")
	b.WriteString("    <request-timeout>45</request-timeout>\n")
	b.WriteString("    <ca-file>ccp-ca.pem</ca-file>\n")
	b.WriteString("    <certificate-file>client.crt</certificate-file>\n")
	b.WriteString("    <private-key-file>client.key</private-key-file>\n")
	b.WriteString("  </cyberark>\n")
	fmt.Fprintf(&b, "  <safeguard>\n    <appliance-url>%s</appliance-url>\n", sim.sg.URL)
	b.WriteString("    <api-version>4</api-version>\n")
	b.WriteString("    <request-timeout>30</request-timeout>\n")
	b.WriteString("    <ca-file>sg-ca.pem</ca-file>\n")
	b.WriteString("    <certificate-file>client.crt</certificate-file>\n")
	b.WriteString("    <private-key-file>client.key</private-key-file>\n")
	b.WriteString("  </safeguard>\n</adapter-config>\n")
	return b.String()
}

// Close stops the simulators.
func (sim *simulation) Close() {
	if sim == nil {
		return
	}
	if sim.ccp != nil {
		sim.ccp.Close()
	}
	if sim.sg != nil {
		sim.sg.Close()
	}
}
