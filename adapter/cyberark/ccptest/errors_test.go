package ccptest_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pamadapter/pamadapter/adapter/cyberark/ccptest"
)

func TestEveryDocumentedErrorIsAnsweredWithItsStatusCodeAndMessage(t *testing.T) {
	t.Parallel()
	s := newFixture(t)
	s.AddApplication(ccptest.Application{AppID: "Suspended", Disabled: true})
	c := clientAs(t, s, "app1")
	const notFoundTail = " was not found (Diagnostic Info: 5). Please check that there is a password object that answers" +
		" your query in the Vault and that both the Provider and the application user have the appropriate" +
		" permissions needed in order to use the password."
	for _, tc := range []struct {
		name, query string
		status      int
		code, msg   string
	}{
		{"a request without AppID is invalid", "Safe=Ops&Object=web-1",
			400, "AIMWS031E", "Invalid request. The AppID parameter is required."},
		{"an empty AppID counts as missing", "AppID=&Safe=Ops&Object=web-1",
			400, "AIMWS031E", "Invalid request. The AppID parameter is required."},
		{"AppID alone is not a query", "AppID=App1",
			400, "AIMWS030E", "Invalid query format."},
		{"Reason and ConnectionTimeout are not search criteria", "AppID=App1&Reason=x&ConnectionTimeout=5",
			400, "AIMWS030E", "Invalid query format."},
		{"an unknown QueryFormat is refused", "AppID=App1&Query=Object%3Dweb-1&QueryFormat=RegEx",
			400, "AIMWS030E", "Invalid query format."},
		{"a ConnectionTimeout that is not an integer is refused", "AppID=App1&Object=web-1&ConnectionTimeout=5s",
			400, "AIMWS030E", "Invalid query format."},
		{"a negative ConnectionTimeout is refused", "AppID=App1&Object=web-1&ConnectionTimeout=-1",
			400, "AIMWS030E", "Invalid query format."},
		{"FailRequestOnPasswordChange must be true or false", "AppID=App1&Object=web-1&FailRequestOnPasswordChange=yes",
			400, "AIMWS030E", "Invalid query format."},
		{"a Query term without an equals sign is refused", "AppID=App1&Query=Safe%3DOps%3Bweb-1",
			400, "AIMWS030E", "Invalid query format."},
		{"an unknown AppID is not defined in the Vault", "AppID=Nobody&Safe=Ops&Object=web-1",
			403, "APPAP008E", "Problem occurred while trying to use user in the Vault (Diagnostic Info: 8). ITATS982E User Nobody is not defined."},
		{"a disabled AppID is suspended", "AppID=Suspended&Safe=Ops&Object=web-1",
			403, "APPAP008E", "Problem occurred while trying to use user in the Vault (Diagnostic Info: 8). User Suspended is suspended."},
		{"no matching account is not found", "AppID=App1&Safe=Ops&Object=missing",
			404, "APPAP004E", "Password object matching query [Safe=Ops;Folder=Root;Object=missing]" + notFoundTail},
		{"two matching accounts are too many", "AppID=App1&Safe=Ops&UserName=root",
			400, "APPAP227E", "Too many password objects matching query [Safe=Ops;Folder=Root;UserName=root] were found: " +
				"(Safe=Ops;Folder=Root;Object=web-1 and Safe=Ops;Folder=Root;Object=web-2) (Diagnostic Info: 41)"},
		{"a password being changed fails when asked to", "AppID=App1&Safe=Ops&Object=changing&FailRequestOnPasswordChange=true",
			500, "APPAP282E", "Password [changing] is currently being changed by the CPM."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := get(t, c, accountsURL(s, tc.query))
			wantError(t, a, tc.status, tc.code, tc.msg)
			if msg, _ := value(members(t, a.body), "ErrorMsg"); msg != tc.msg {
				t.Fatalf("ErrorMsg %q\nwant     %q", msg, tc.msg)
			}
		})
	}
}

func TestErrorAnswersNeverCarryAccountContent(t *testing.T) {
	t.Parallel()
	s := newFixture(t)
	c := clientAs(t, s, "app1")
	a := get(t, c, accountsURL(s, "AppID=App1&Safe=Ops&UserName=root"))
	wantError(t, a, http.StatusBadRequest, "APPAP227E", "Too many")
	for _, secret := range []string{web1.Content, web2.Content} {
		if strings.Contains(a.body, secret) {
			t.Fatalf("an error answer holds the Content of an account")
		}
	}
}
