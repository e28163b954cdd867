package config_test

import (
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/sirupsen/logrus"

	"github.com/pamadapter/pamadapter/config"
	"github.com/pamadapter/pamadapter/schema/xmlenc"
)

func TestAValidFileIsLoadedWithPathsResolvedAgainstItsFolder(t *testing.T) {
	dir := t.TempDir()
	newKey := newKeyFile(t, dir, "keys/context-2026.key")
	oldKey := newKeyFile(t, dir, "keys/context-2025.key")
	path := writeConfig(t, dir, `<?xml version="1.0" encoding="UTF-8"?>
<!-- pamadapter configuration -->
<adapter-config>
  <encryption>
    <key name="context-key-2026" file="keys/context-2026.key"/>  <!-- first key encrypts -->
    <key name="context-key-2025" file="`+oldKey+`"/>
  </encryption>
  <logging>
    <level>DEBUG</level>
    <format>json</format>
  </logging>
  <cyberark>
    <aim-endpoint-url>https://ccp.example.com:443</aim-endpoint-url>
    <request-timeout>45</request-timeout>
    <ca-file>certs/ca.pem</ca-file>
    <insecure-skip-tls-verify>false</insecure-skip-tls-verify>
    <keystore-password>  s3cret  </keystore-password>
    <certificate-file></certificate-file>
  </cyberark>
</adapter-config>
`)
	cfg, err := config.Load(path, sections())
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if cfg.Path != path || cfg.Dir != dir {
		t.Errorf("Path %q Dir %q, want %q and %q", cfg.Path, cfg.Dir, path, dir)
	}
	wantKeys := []config.KeyRef{{Name: "context-key-2026", File: newKey}, {Name: "context-key-2025", File: oldKey}}
	if !reflect.DeepEqual(cfg.Keys, wantKeys) {
		t.Errorf("Keys = %+v, want %+v", cfg.Keys, wantKeys)
	}
	if cfg.Logging.Level != logrus.DebugLevel || cfg.Logging.Format != "json" || cfg.Logging.LogConfigFiles != nil {
		t.Errorf("Logging = %+v", cfg.Logging)
	}
	cy := cfg.Section("cyberark")
	if cy.Text("aim-endpoint-url") != "https://ccp.example.com:443" || cy.Seconds("request-timeout", 0) != 45*time.Second ||
		cy.Bool("insecure-skip-tls-verify", true) || cy.Has("certificate-file") {
		t.Errorf("cyberark section read wrong: %q", cy.Names())
	}
	if got := cy.Text("ca-file"); got != filepath.Join(dir, "certs", "ca.pem") {
		t.Errorf("ca-file = %q, want it resolved against %q", got, dir)
	}
	if got := cy.Secret("keystore-password").Plain; got != "  s3cret  " {
		t.Errorf("keystore-password = %q", got)
	}
	if cfg.Section("safeguard") != nil {
		t.Errorf("a section not given has values")
	}

	// The first key encrypts; both decrypt.
	ed, err := cfg.Keyring.Encrypt("pw")
	if err != nil || ed.KeyName != "context-key-2026" {
		t.Fatalf("Encrypt: %v, key %q", err, ed.KeyName)
	}
	old, err := xmlenc.LoadKeyFile("context-key-2025", oldKey)
	if err != nil {
		t.Fatal(err)
	}
	oldRing, _ := xmlenc.NewKeyring(old)
	byOld, _ := oldRing.Encrypt("old secret")
	if plain, err := cfg.Keyring.Decrypt(byOld); err != nil || plain != "old secret" {
		t.Errorf("the second key does not decrypt: %q, %v", plain, err)
	}
}

func TestARelativeConfigPathIsMadeAbsolute(t *testing.T) {
	dir := t.TempDir()
	writeConfig(t, dir, `<adapter-config>`+encryptionSection(t, dir)+`</adapter-config>`)
	t.Chdir(dir)
	cfg, err := config.Load("adapter.xml", sections())
	if err != nil {
		t.Fatal(err)
	}
	if !filepath.IsAbs(cfg.Path) || !filepath.IsAbs(cfg.Dir) || cfg.Keys[0].File != filepath.Join(cfg.Dir, "keys", "main.key") {
		t.Errorf("Path %q, Dir %q, key file %q", cfg.Path, cfg.Dir, cfg.Keys[0].File)
	}
}

func TestLeftOutSectionsTakeTheirDefaults(t *testing.T) {
	dir := t.TempDir()
	cfg, err := config.Load(writeConfig(t, dir, `<adapter-config>`+encryptionSection(t, dir)+`<logging/></adapter-config>`), sections())
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Logging.Level != logrus.InfoLevel || cfg.Logging.Format != "text" || len(cfg.Sections) != 0 || cfg.Section("cyberark") != nil {
		t.Errorf("got %+v", cfg)
	}
	var none *config.Config
	if none.Section("cyberark") != nil {
		t.Errorf("a nil Config has a section")
	}
}
