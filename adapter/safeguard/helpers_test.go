package safeguard

import (
	"fmt"
	"strings"
	"testing"

	"github.com/sirupsen/logrus"
	"github.com/sirupsen/logrus/hooks/test"

	"github.com/pamadapter/pamadapter/adapter"
	"github.com/pamadapter/pamadapter/schema"
	"github.com/pamadapter/pamadapter/schema/xmlenc"
)

// check reads the children of <r>elements</r> against spec.
func check(spec *schema.Spec, elements string) (*schema.Values, error) {
	root, err := schema.ParseDocument([]byte("<r>" + elements + "</r>"))
	if err != nil {
		return nil, err
	}
	fields, err := schema.ReadFields(root)
	if err != nil {
		return nil, err
	}
	return spec.Check(fields, "", "")
}

// mustCheck is check for elements that must pass.
func mustCheck(t *testing.T, spec *schema.Spec, elements string) *schema.Values {
	t.Helper()
	v, err := check(spec, elements)
	if err != nil {
		t.Fatalf("checking %s: %v", elements, err)
	}
	return v
}

// newCall makes a call with the request elements (checked against spec),
// an empty configuration, a test keyring and a logger whose entries the
// returned hook holds.
func newCall(t *testing.T, spec *schema.Spec, elements string) (*adapter.Call, *test.Hook) {
	t.Helper()
	key, err := xmlenc.NewKey("test-key", make([]byte, 32))
	if err != nil {
		t.Fatal(err)
	}
	ring, err := xmlenc.NewKeyring(key)
	if err != nil {
		t.Fatal(err)
	}
	log, hook := test.NewNullLogger()
	log.SetLevel(logrus.DebugLevel)
	return &adapter.Call{
		Request: mustCheck(t, spec, elements),
		Config:  mustCheck(t, &schema.Spec{Elements: []schema.Element{apiKeyElement, apiVersionElement}}, ""),
		Keyring: ring,
		Log:     log,
	}, hook
}

// logText is every logged message and field, one entry a line, for scans.
func logText(hook *test.Hook) string {
	var b strings.Builder
	for _, e := range hook.AllEntries() {
		b.WriteString(e.Message)
		for k, v := range e.Data {
			fmt.Fprintf(&b, " %s=%v", k, v)
		}
		b.WriteByte('\n')
	}
	return b.String()
}
