package main

import (
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

var servingAddress = regexp.MustCompile(`msg=serving address="?([0-9.:]+)`)

func TestServeAnswersRequestsUntilStopped(t *testing.T) {
	f := newFixture(t)
	f.writeConfig("", "info")
	cfg := strings.Replace(readFile(t, f.configPath), "</adapter-config>", "<server><listen-address>127.0.0.1:0</listen-address></server></adapter-config>", 1)
	f.write("adapter.xml", []byte(cfg))
	ctx, cancel := context.WithCancel(context.Background())
	var out, logs syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- Main(ctx, []string{"serve", "--config", f.configPath}, &streams{stdin: strings.NewReader(""), stdout: &out, stderr: &logs})
	}()
	var addr string
	giveUp := time.After(time.Minute) // a hang guard, not a timing assertion
	for addr == "" {
		if m := servingAddress.FindStringSubmatch(logs.String()); m != nil {
			addr = m[1]
			break
		}
		select {
		case status := <-done:
			t.Fatalf("serve stopped with %d:\n%s", status, logs.String())
		case <-giveUp:
			t.Fatalf("serve did not start:\n%s", logs.String())
		case <-time.After(10 * time.Millisecond):
		}
	}
	resp, err := http.Post("http://"+addr+"/v1/requests", "application/xml", strings.NewReader(readSample(t, "ccp-get-password-pem.xml")))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("status %d\n%s", resp.StatusCode, body)
	}
	if got := f.secrets(string(body)); len(got) != 1 || got[0] != f.password {
		t.Errorf("decrypted %q", got)
	}
	cancel()
	if status := <-done; status != 0 {
		t.Errorf("serve ended with %d", status)
	}
	if out.String() != "" {
		t.Errorf("serve wrote to stdout: %q", out.String())
	}
	if !strings.Contains(logs.String(), `msg=access`) || !strings.Contains(logs.String(), "operation=ccp-aim-get-password") {
		t.Errorf("no access line:\n%s", logs.String())
	}
	f.assertNoPlantedSecret("the log", logs.String())
}
