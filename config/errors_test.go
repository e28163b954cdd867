package config_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pamadapter/pamadapter/config"
	"github.com/pamadapter/pamadapter/schema"
	"github.com/pamadapter/pamadapter/schema/xmlenc"
)

func TestEveryProblemInAFileIsReportedAtOnce(t *testing.T) {
	dir := t.TempDir()
	newKeyFile(t, dir, "a.key")
	newKeyFile(t, dir, "b.key")
	open := newKeyFile(t, dir, "open.key")
	if err := os.Chmod(open, 0o644); err != nil {
		t.Fatal(err)
	}
	const planted = "Pl4nted-S3cret"
	path := writeConfig(t, dir, `<adapter-config>
  <encryption>
    <key name="a" file="a.key"/>
    <key name="a" file="b.key"/>
    <key file="b.key"/>
    <key name="missing" file="nowhere.key"/>
    <key name="open" file="open.key"/>
    <key name="c"/>
    <key name="d" file="a.key" size="256"/>
    <lock/>
  </encryption>
  <logging>
    <level>verbose</level>
    <format>xml</format>
  </logging>
  <cyberark>
    <request-timeout>soon</request-timeout>
    <keystore-password>`+planted+`</keystore-password>
    <colour>blue</colour>
  </cyberark>
  <vault/>
  <logging/>
</adapter-config>`)
	cfg, err := config.Load(path, sections())
	wantProblems(t, err,
		`<encryption/key[2]>: key name "a" is used twice`,
		`<encryption/key[3]>: the name attribute is missing or empty`,
		`<encryption/key[4]>: key file `+filepath.Join(dir, "nowhere.key")+`: does not exist`,
		`<encryption/key[5]>: key file `+open+`: has mode 0644`, "chmod 600",
		`<encryption/key[6]>: the file attribute is missing or empty`,
		`<encryption/key[7]>: unknown attribute "size"; allowed: name, file`,
		`<encryption/lock>: unknown element; allowed here: key`,
		`<logging/level>: must be error, warn, info or debug, not "verbose"`,
		`<logging/format>: must be text or json, not "xml"`,
		`<cyberark/request-timeout>: must be a number of seconds`,
		`<cyberark/colour>: unknown element; allowed here: aim-endpoint-url,`,
		`<cyberark/aim-endpoint-url>: required element is missing`,
		`<vault>: unknown section; allowed: encryption, logging, server, cyberark`,
		`<logging>: given more than once`,
	)
	if err != nil && strings.Contains(err.Error(), planted) {
		t.Errorf("the error shows a secret:\n%s", err)
	}
	if cfg == nil {
		t.Fatalf("no partial configuration with the error")
	}
	var ee *schema.ElementError
	if !errors.As(err, &ee) {
		t.Errorf("the problems are not *schema.ElementError values")
	}
	var kfe *xmlenc.KeyFileError
	if !errors.As(err, &kfe) || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a key file problem does not unwrap to its *xmlenc.KeyFileError")
	}
}

func TestAFileIsRefusedWhenItIsNotAConfiguration(t *testing.T) {
	dir := t.TempDir()
	enc := encryptionSection(t, dir)
	tests := []struct {
		name  string
		doc   string
		wants []string
	}{
		{"a file without an encryption section is refused", `<adapter-config><logging><level>info</level></logging></adapter-config>`,
			[]string{"<encryption>: required section is missing", `<key name="..." file="..."/>`}},
		{"an encryption section without keys is refused", `<adapter-config><encryption> </encryption></adapter-config>`,
			[]string{"<encryption>: names no key"}},
		{"text in the encryption section is refused", `<adapter-config><encryption>key.bin<key name="k" file="keys/main.key"/></encryption></adapter-config>`,
			[]string{"<encryption>: holds text"}},
		{"another root is refused", `<cyberark-adapter-request/>`,
			[]string{"<cyberark-adapter-request>", "root must be <adapter-config>"}},
		{"a DOCTYPE is refused", `<!DOCTYPE adapter-config [<!ENTITY k "keys/main.key">]><adapter-config><encryption><key name="k" file="&k;"/></encryption></adapter-config>`,
			[]string{"DOCTYPE"}},
		{"malformed XML is refused", `<adapter-config>` + enc, []string{"malformed XML"}},
		{"text in the root is refused", `<adapter-config>` + enc + `stray</adapter-config>`, []string{"<adapter-config>: holds text outside its sections"}},
		{"an empty file is refused", ``, []string{"empty"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := config.Load(writeConfig(t, dir, tt.doc), sections())
			wantProblems(t, err, tt.wants...)
		})
	}
}

func TestPlannedSectionsAreNotSupportedYet(t *testing.T) {
	dir := t.TempDir()
	enc := encryptionSection(t, dir)
	for _, section := range []string{"centrify", "miniorange"} {
		t.Run("the "+section+" section is not supported", func(t *testing.T) {
			_, err := config.Load(writeConfig(t, dir, `<adapter-config>`+enc+`<`+section+`><x>1</x></`+section+`></adapter-config>`), sections())
			wantProblems(t, err, "<"+section+">: this section is not supported by this version")
		})
	}
}

func TestLogConfigFilesAreLoadedWithTheConfiguration(t *testing.T) {
	dir := t.TempDir()
	enc := encryptionSection(t, dir)
	good := `<log-config><replacement-string>$1***</replacement-string><patterns><mask-pattern>(pw=)\S+</mask-pattern></patterns></log-config>`
	bad := `<log-config><replacement-string>x</replacement-string><patterns><mask-pattern>a(?!b)</mask-pattern></patterns></log-config>`
	for name, doc := range map[string]string{"good.xml": good, "masks/bad.xml": bad} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(doc), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	t.Run("several files load in order, relative to the configuration", func(t *testing.T) {
		cfg, err := config.Load(writeConfig(t, dir, `<adapter-config>`+enc+`<logging><log-config-file>good.xml</log-config-file><log-config-file>good.xml</log-config-file></logging></adapter-config>`), sections())
		if err != nil {
			t.Fatal(err)
		}
		if len(cfg.Logging.Masks) != 2 || cfg.Logging.LogConfigFiles[0] != filepath.Join(dir, "good.xml") {
			t.Errorf("masks %d, files %v", len(cfg.Logging.Masks), cfg.Logging.LogConfigFiles)
		}
	})
	t.Run("a pattern RE2 cannot run is reported with the other problems", func(t *testing.T) {
		_, err := config.Load(writeConfig(t, dir, `<adapter-config>`+enc+`<logging><log-config-file>masks/bad.xml</log-config-file><log-config-file>none.xml</log-config-file><level>bad</level></logging></adapter-config>`), sections())
		wantProblems(t, err, "<logging/log-config-file>: log_config "+filepath.Join(dir, "masks/bad.xml")+": mask-pattern 1: at offset 1: ", "none.xml: cannot be read", `<logging/level>: must be`)
	})
}

func TestAConfigurationFileMustBeARegularFileOfReasonableSize(t *testing.T) {
	dir := t.TempDir()
	t.Run("a missing file is reported", func(t *testing.T) {
		missing := filepath.Join(dir, "none.xml")
		_, err := config.Load(missing, sections())
		wantProblems(t, err, "configuration file", missing)
		if !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("error %v does not match fs.ErrNotExist", err)
		}
	})
	t.Run("a directory is refused", func(t *testing.T) {
		_, err := config.Load(dir, sections())
		wantProblems(t, err, dir, "not a regular file")
	})
	t.Run("a file that is too large is refused", func(t *testing.T) {
		big := writeConfig(t, dir, `<adapter-config>`+strings.Repeat(" ", config.MaxFileBytes)+`</adapter-config>`)
		_, err := config.Load(big, sections())
		wantProblems(t, err, "larger than 1048576 bytes")
	})
}

func TestNothingInAFileIsSilentlyIgnored(t *testing.T) {
	dir := t.TempDir()
	enc := encryptionSection(t, dir)
	tests := []struct {
		name  string
		doc   string
		wants []string
	}{
		{"an attribute on the root is refused", `<adapter-config version="2">` + enc + `</adapter-config>`,
			[]string{`<adapter-config>: attribute "version" is not allowed`}},
		{"an attribute on the encryption section is refused", strings.Replace(`<adapter-config>`+enc+`</adapter-config>`, "<encryption>", `<encryption algorithm="aes">`, 1),
			[]string{`<encryption>: attribute "algorithm" is not allowed`}},
		{"content inside a key is refused", `<adapter-config><encryption><key name="k" file="keys/main.key">keys/other.key</key></encryption></adapter-config>`,
			[]string{`<encryption/key[1]>: holds content`}},
		{"an attribute on a logging element is refused", `<adapter-config>` + enc + `<logging><level default="x">info</level></logging></adapter-config>`,
			[]string{`<logging/level>: attribute "default" is not allowed`}},
		{"every bad element of a section is reported with its section",
			`<adapter-config>` + enc + `<cyberark><aim-endpoint-url a="1">https://x</aim-endpoint-url><ca-file><b/></ca-file><colour>1</colour></cyberark></adapter-config>`,
			[]string{`<cyberark/aim-endpoint-url>: attribute "a" is not allowed`, `<cyberark/ca-file>: holds an element`, `<cyberark/colour>: unknown element`}},
		{"an attribute on a section is refused", `<adapter-config>` + enc + `<cyberark mode="x"><aim-endpoint-url>https://x</aim-endpoint-url></cyberark></adapter-config>`,
			[]string{`<cyberark>: attribute "mode" is not allowed`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := config.Load(writeConfig(t, dir, tt.doc), sections())
			wantProblems(t, err, tt.wants...)
			if err != nil && strings.Contains(err.Error(), "required element is missing") {
				t.Errorf("a bad element is also reported missing:\n%s", err)
			}
		})
	}
}

func TestTheServerSectionIsReadAndChecked(t *testing.T) {
	dir := t.TempDir()
	enc := encryptionSection(t, dir)
	hash := strings.Repeat("ab", 32)
	cfg, err := config.Load(writeConfig(t, dir, `<adapter-config>`+enc+`<server>
  <listen-address>0.0.0.0:8443</listen-address>
  <tls-certificate-file>server.crt</tls-certificate-file><tls-private-key-file>/etc/server.key</tls-private-key-file>
  <client-ca-file>callers.pem</client-ca-file>
  <bearer-token-sha256>`+hash+`</bearer-token-sha256><bearer-token-sha256>`+strings.Repeat("cd", 32)+`</bearer-token-sha256>
  <allowed-identity-dir>ids</allowed-identity-dir><allowed-identity-dir>/srv/ids</allowed-identity-dir>
  <max-in-flight>16</max-in-flight><request-deadline>2.5</request-deadline><shutdown-grace>10</shutdown-grace>
</server></adapter-config>`), sections())
	if err != nil {
		t.Fatal(err)
	}
	s := cfg.Server
	if s.ListenAddress != "0.0.0.0:8443" || s.TLSCertificateFile != filepath.Join(dir, "server.crt") || s.TLSPrivateKeyFile != "/etc/server.key" ||
		len(s.BearerTokenSHA256) != 2 || s.BearerTokenSHA256[0] != hash || len(s.AllowedIdentityDirs) != 2 || s.AllowedIdentityDirs[0] != filepath.Join(dir, "ids") ||
		s.MaxInFlight != 16 || s.RequestDeadline.Seconds() != 2.5 || s.ShutdownGrace.Seconds() != 10 {
		t.Errorf("read %+v", s)
	}
	cfg, err = config.Load(writeConfig(t, dir, `<adapter-config>`+enc+`</adapter-config>`), sections())
	if err != nil || cfg.Server.ListenAddress != config.DefaultListenAddress {
		t.Errorf("without a server section: %v, %q", err, cfg.Server.ListenAddress)
	}
	_, err = config.Load(writeConfig(t, dir, `<adapter-config>`+enc+`<server><listen-address>8443</listen-address>
<bearer-token-sha256>planted-token-not-a-hash</bearer-token-sha256><client-ca-file>c.pem</client-ca-file><max-in-flight>0</max-in-flight></server></adapter-config>`), sections())
	wantProblems(t, err, "<server/listen-address>: must be host:port", "<server/bearer-token-sha256>: must be the 64 hex digits", "<server/max-in-flight>: must be at least 1")
	if err != nil && strings.Contains(err.Error(), "planted-token") {
		t.Error("the error quotes a token")
	}
}
