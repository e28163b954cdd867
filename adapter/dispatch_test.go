package adapter

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/sirupsen/logrus"

	"github.com/pamadapter/pamadapter/config"
	"github.com/pamadapter/pamadapter/schema"
	"github.com/pamadapter/pamadapter/schema/xmlenc"
)

// fakeProvider answers its one operation with do.
type fakeProvider struct {
	do func(ctx context.Context, call *Call) (*Answer, error)
}

func (fakeProvider) Name() string             { return "fake" }
func (fakeProvider) ConfigSpec() *schema.Spec { return &schema.Spec{} }
func (p fakeProvider) Operations() []Operation {
	return []Operation{{Name: "get", Spec: &schema.Spec{Elements: []schema.Element{{Name: "x"}}}, Do: p.do}}
}

// serve answers one fake request with do and returns the response and log.
func serve(t *testing.T, do func(context.Context, *Call) (*Answer, error)) (*schema.Response, string) {
	t.Helper()
	key, err := xmlenc.NewKey("k", make([]byte, 32))
	if err != nil {
		t.Fatal(err)
	}
	ring, err := xmlenc.NewKeyring(key)
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	log := logrus.New()
	log.Out = &logs
	log.Level = logrus.DebugLevel
	cfg := &config.Config{Keyring: ring, Sections: map[string]*schema.Values{"fake": {}}}
	a, err := New(cfg, log, fakeProvider{do: do})
	if err != nil {
		t.Fatal(err)
	}
	resp := a.ServeReader(context.Background(), strings.NewReader("<fake-adapter-request><operation-name>get</operation-name></fake-adapter-request>"))
	return resp, logs.String()
}

func TestAnOperationThatPanicsGivesINTERNALAndNoPanicText(t *testing.T) {
	resp, logs := serve(t, func(context.Context, *Call) (*Answer, error) {
		panic("secret-in-panic-value")
	})
	if resp.Status != schema.StatusError || resp.ErrorCode != string(CodeInternal) || ExitStatus(resp) != ExitInternal {
		t.Fatalf("got %+v", resp)
	}
	if strings.Contains(logs, "secret-in-panic-value") || strings.Contains(resp.Error, "secret-in-panic-value") {
		t.Error("the panic value reached the output")
	}
}

func TestABodyXMLCannotCarryIsAProtocolError(t *testing.T) {
	resp, _ := serve(t, func(context.Context, *Call) (*Answer, error) {
		return &Answer{Target: "GET https://vault", StatusCode: 500, Reason: "Internal Server Error", Body: []byte("<h1>\x00\x01 oops</h1>")}, nil
	})
	if resp.Status != schema.StatusError || resp.ErrorCode != string(CodeProviderProtocol) || ExitStatus(resp) != ExitUnreachable {
		t.Fatalf("got %+v", resp)
	}
}

func TestAnOperationWithoutAnswerOrErrorIsINTERNAL(t *testing.T) {
	resp, _ := serve(t, func(context.Context, *Call) (*Answer, error) { return nil, nil })
	if resp.ErrorCode != string(CodeInternal) {
		t.Fatalf("got %+v", resp)
	}
}

func TestAnErrorWithoutCodeIsINTERNAL(t *testing.T) {
	resp, _ := serve(t, func(context.Context, *Call) (*Answer, error) { return nil, context.Canceled })
	if resp.ErrorCode != string(CodeInternal) {
		t.Fatalf("got %+v", resp)
	}
}

func TestExitStatusFollowsTheContract(t *testing.T) {
	tests := []struct {
		name string
		resp *schema.Response
		want int
	}{
		{"success with 200 exits 0", &schema.Response{Status: schema.StatusSuccess, StatusCode: 200}, 0},
		{"success with 204 exits 0", &schema.Response{Status: schema.StatusSuccess, StatusCode: 204}, 0},
		{"success with 404 exits 1", &schema.Response{Status: schema.StatusSuccess, StatusCode: 404}, 1},
		{"success with 302 exits 1", &schema.Response{Status: schema.StatusSuccess, StatusCode: 302}, 1},
	}
	for _, c := range []Code{CodeInvalidRequest, CodeInvalidConfig, CodeIdentityLoadFailed, CodeDecryptFailed} {
		tests = append(tests, struct {
			name string
			resp *schema.Response
			want int
		}{string(c) + " exits 2", schema.ErrorResponse("r", string(c), "x"), 2})
	}
	for _, c := range []Code{CodeTLSFailed, CodeConnectFailed, CodeTimeout, CodeProviderProtocol} {
		tests = append(tests, struct {
			name string
			resp *schema.Response
			want int
		}{string(c) + " exits 3", schema.ErrorResponse("r", string(c), "x"), 3})
	}
	tests = append(tests, struct {
		name string
		resp *schema.Response
		want int
	}{"INTERNAL exits 4", schema.ErrorResponse("r", "INTERNAL", "x"), 4})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ExitStatus(tt.resp); got != tt.want {
				t.Errorf("got %d, want %d", got, tt.want)
			}
		})
	}
}
