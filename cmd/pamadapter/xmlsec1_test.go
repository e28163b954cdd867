package main

import (
	"bytes"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/pamadapter/pamadapter/schema"
)

// TestXmlsec1OpensTheSealedPasswordOfARealResponse hands the Content item
// of a pipeline response to xmlsec1, an independent XML Encryption
// implementation, with the configured key file.
func TestXmlsec1OpensTheSealedPasswordOfARealResponse(t *testing.T) {
	bin, err := exec.LookPath("xmlsec1")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("xmlsec1 is not installed, and CI needs it: %v", err)
		}
		t.Skipf("xmlsec1 is not installed: %v", err)
	}
	f := newFixture(t)
	res := f.run(readSample(t, "ccp-get-password-pem.xml"), "run")
	if res.status != 0 {
		t.Fatalf("run: exit %d\n%s", res.status, res.stdout)
	}
	items, err := schema.SealedItems([]byte(res.stdout))
	if err != nil || len(items) != 1 {
		t.Fatalf("items %d, %v; want the one Content item", len(items), err)
	}
	doc := f.write("item.xml", []byte("<Secret>"+items[0].String()+"</Secret>"))
	cmd := exec.Command(bin, "--decrypt", "--aeskey:test-key", filepath.Join(f.dir, "context.key"), doc)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("xmlsec1: %v\n%s", err, stderr.String())
	}
	var secret struct {
		Text string `xml:",chardata"`
	}
	if err := xml.Unmarshal(stdout.Bytes(), &secret); err != nil {
		t.Fatalf("xmlsec1 printed what XML cannot read: %v\n%s", err, stdout.String())
	}
	if secret.Text != f.password {
		t.Errorf("xmlsec1 gave %q, want the vault's password %q", secret.Text, f.password)
	}
}
