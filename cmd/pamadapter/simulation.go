package main

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/pamadapter/pamadapter/adapter/cyberark/ccptest"
	"github.com/pamadapter/pamadapter/internal/testpki"
	"github.com/pamadapter/pamadapter/schema/xmlenc"
)

// DemoAppID is the CCP application the simulators know the demo client as.
const DemoAppID = "PAMAdapterDemo"

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
	b.WriteString("  </cyberark>\n</adapter-config>\n")
	return b.String()
}

// Close stops the simulators.
func (sim *simulation) Close() {
	if sim != nil && sim.ccp != nil {
		sim.ccp.Close()
	}
}
