package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pamadapter/pamadapter/adapter/safeguard/safeguardtest"
	"github.com/pamadapter/pamadapter/schema/xmlenc"
)

// The objects the Safeguard fixture seeds, by id.
const (
	sgCertUserID     = 10
	sgAliceID        = 21 // entitled, auto-approved
	sgBobID          = 22 // brokered for, but not entitled
	sgAssetID        = 1  // linux01
	sgRootID         = 5  // root@linux01: password, SSH keys, API key secret
	sgEmptyID        = 6  // svc-empty@linux01: nothing stored
	sgRegistrationID = 3
	sgAppName        = "PAMAdapterDemo"
)

// sgFixture is a Safeguard simulator seeded with a registration, accounts
// holding planted secrets, a broker and an entitlement; a client identity
// for its certificate user; and an adapter.xml with a <safeguard> section
// pointing at it all. It embeds a fixture (without a CCP) for run, the
// keyring, the secret scans and the planted list.
type sgFixture struct {
	*fixture
	sg *safeguardtest.Server
	// The planted secrets.
	password, sshKey, clientSecret    string
	retrievalKey, emptyKey, brokerKey string
	accessToken                       string
}

// newSGFixture starts a simulator with a pinned clock and writes the
// client's files and a configuration for API version 4.
func newSGFixture(t *testing.T) *sgFixture {
	t.Helper()
	sg, err := safeguardtest.NewServer(safeguardtest.WithClock(fixedClock))
	if err != nil {
		t.Fatalf("starting the Safeguard simulator: %v", err)
	}
	t.Cleanup(sg.Close)
	f := &sgFixture{fixture: &fixture{t: t, dir: t.TempDir()}, sg: sg}
	client, err := sg.IssueClientCertificate("pamadapter-a2a")
	if err != nil {
		t.Fatal(err)
	}
	f.client = client
	f.write("sg-ca.pem", sg.CA.CertPEM)
	f.write("client.crt", client.CertPEM)
	f.write("client.key", client.KeyPEM)
	if err := xmlenc.GenerateKeyFile(filepath.Join(f.dir, "context.key"), nil); err != nil {
		t.Fatal(err)
	}
	f.password = f.plant("sg-password")
	f.sshKey = "-----BEGIN OPENSSH PRIVATE KEY-----\n" + f.plant("sg-ssh-key") + "\n-----END OPENSSH PRIVATE KEY-----\n"
	f.clientSecret = f.plant("sg-client-secret")
	// API keys and tokens travel in a header: one word, no specials.
	f.retrievalKey = f.plantWord("sg-api-key")
	f.emptyKey = f.plantWord("sg-empty-key")
	f.brokerKey = f.plantWord("sg-broker-key")
	f.accessToken = f.plantWord("sg-access-token")
	f.seed(safeguardtest.Thumbprint(client.Cert))
	f.writeSGConfig(4)
	return f
}

// plantWord plants a secret fit for a header, one word: the unique part
// of a planted secret (which the scans look for).
func (f *sgFixture) plantWord(label string) string {
	secret := f.plant(label)
	return secret[:strings.Index(secret, "&")]
}

// seed adds the fixture's objects to the simulator.
func (f *sgFixture) seed(thumbprint string) {
	sg := f.sg
	sg.AddCertificateUser(safeguardtest.CertificateUser{Id: sgCertUserID, Name: "pamadapter-a2a", Thumbprint: thumbprint})
	sg.AddUser(safeguardtest.User{Id: sgAliceID, Name: "alice", Provider: "local"})
	sg.AddUser(safeguardtest.User{Id: sgBobID, Name: "bob"})
	sg.AddAsset(safeguardtest.Asset{Id: sgAssetID, Name: "linux01", NetworkAddress: "10.0.0.1"})
	sg.AddAccount(safeguardtest.Account{Id: sgRootID, AssetId: sgAssetID, Name: "root", Description: "superuser",
		Password: f.password,
		SshKeys:  map[string]string{"OpenSsh": f.sshKey},
		ApiKeys: []safeguardtest.ApiKeySecret{{Id: 7, Name: "deploy", Description: "CI deploy key",
			ClientId: "ci-client", ClientSecret: f.clientSecret, ClientSecretId: "cs-1"}},
	})
	sg.AddAccount(safeguardtest.Account{Id: sgEmptyID, AssetId: sgAssetID, Name: "svc-empty"})
	sg.AddRegistration(safeguardtest.Registration{Id: sgRegistrationID, AppName: sgAppName, Description: "pamadapter tests",
		CertificateUserId: sgCertUserID, VisibleToCertificateUsers: true, BidirectionalEnabled: true})
	sg.AddRetrievableAccount(sgRegistrationID, sgRootID, f.retrievalKey)
	sg.AddRetrievableAccount(sgRegistrationID, sgEmptyID, f.emptyKey)
	sg.SetBroker(sgRegistrationID, safeguardtest.Broker{ApiKey: f.brokerKey, UserIds: []int{sgAliceID, sgBobID}})
	sg.AddEntitlement(safeguardtest.Entitlement{UserId: sgAliceID, AssetId: sgAssetID, AccountId: sgRootID,
		RequestTypes: []string{"Password", "SSHKey"}, AutoApprove: true})
	sg.AddAccessToken(f.accessToken, sgAliceID)
}

// writeSGConfig writes adapter.xml with a <safeguard> section for version
// plus extra elements inside it.
func (f *sgFixture) writeSGConfig(version int, extra ...string) {
	f.writeConfigWith(f.sgSection(version, extra...))
}

// sgSection is the <safeguard> section pointing at the simulator.
func (f *sgFixture) sgSection(version int, extra ...string) string {
	return fmt.Sprintf(`    <appliance-url>%s</appliance-url>
    <api-version>%d</api-version>
    <request-timeout>10</request-timeout>
    <ca-file>sg-ca.pem</ca-file>
    <certificate-file>client.crt</certificate-file>
    <private-key-file>client.key</private-key-file>%s`, f.sg.URL, version, strings.Join(extra, ""))
}

// writeConfigWith writes adapter.xml with this <safeguard> section content,
// logging at debug.
func (f *sgFixture) writeConfigWith(section string) {
	f.configPath = f.write("adapter.xml", []byte(`<adapter-config>
  <encryption><key name="test-key" file="context.key"/></encryption>
  <logging><level>debug</level><format>text</format></logging>
  <safeguard>
`+section+`
  </safeguard>
</adapter-config>
`))
}

// sgRequest makes a safeguard request for operation with the given elements.
func sgRequest(operation, elements string) string {
	return "<safeguard-adapter-request>\n  <operation-name>" + operation + "</operation-name>\n" + elements + "\n</safeguard-adapter-request>\n"
}

// lastRequest is the last request the simulator received.
func (f *sgFixture) lastRequest() safeguardtest.Request {
	f.t.Helper()
	reqs := f.sg.Requests()
	if len(reqs) == 0 {
		f.t.Fatal("the simulator received no request")
	}
	return reqs[len(reqs)-1]
}

// assertClean fails when a planted secret appears in stdout outside
// <EncryptedData> or anywhere in stderr.
func (f *sgFixture) assertClean(res result) {
	f.t.Helper()
	f.assertNoPlantedSecret("stdout outside EncryptedData", encryptedData.ReplaceAllString(res.stdout, ""))
	f.assertNoPlantedSecret("stderr", res.stderr)
}

var requestID = regexp.MustCompile(`<X-Request-Id>\d+</X-Request-Id>`)

// sgNormalise is normalise plus the simulator's request counter.
func sgNormalise(s string) string {
	return requestID.ReplaceAllString(normalise(s), "<X-Request-Id>N</X-Request-Id>")
}

// sealedString decodes a message body that is the JSON string of an
// <EncryptedData> and decrypts it.
func (f *sgFixture) sealedString(body string) string {
	f.t.Helper()
	var sealed string
	if err := json.Unmarshal([]byte(body), &sealed); err != nil {
		f.t.Fatalf("the body is not a JSON string: %v\n%s", err, body)
	}
	ed, err := xmlenc.ParseString(sealed)
	if err != nil {
		f.t.Fatalf("the body's string is not an EncryptedData: %v", err)
	}
	plain, err := f.keyring().Decrypt(ed)
	if err != nil {
		f.t.Fatal(err)
	}
	return plain
}
