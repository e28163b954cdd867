package ccptest_test

import (
	"net/http"
	"testing"
)

func TestParameterNamesAreCaseInsensitive(t *testing.T) {
	t.Parallel()
	s := newFixture(t)
	c := clientAs(t, s, "app1")
	for name, query := range map[string]string{
		"AppID as documented":                   "AppID=App1&Safe=Ops&Object=web-1",
		"appid in lower case as pyaim sends it": "appid=App1&safe=Ops&object=web-1",
		"AppId as Ansible and AWX send it":      "AppId=App1&Safe=Ops&Object=web-1",
		"every name in capitals":                "APPID=App1&SAFE=OPS&OBJECT=WEB-1",
		"query and queryformat in lower case":   "appid=App1&query=Safe%3DOps%3BObject%3DWEB-%5B1%5D&queryformat=regexp",
		"reason and other documented extras":    "AppId=App1&Query=Safe%3DOps%3BObject%3Dweb-1&reason=audit&CONNECTIONTIMEOUT=30&failrequestonpasswordchange=false",
		"an AppID value in another case":        "AppID=APP1&Safe=Ops&Object=web-1",
	} {
		t.Run(name, func(t *testing.T) {
			if got := wantOK(t, get(t, c, accountsURL(s, query))); got != web1.Content {
				t.Fatalf("Content %q", got)
			}
		})
	}
}

func TestValuesArePercentDecodedWithIISQuerySemantics(t *testing.T) {
	t.Parallel()
	s := newFixture(t)
	c := clientAs(t, s, "app1")
	for _, tc := range []struct {
		name, query, want string
	}{
		{"plus is a space and %2B a plus and %26 an ampersand", "AppID=App1&Safe=Special&Object=my+object%2B1+%26+more", special.Content},
		{"%20 is a space too", "AppID=App1&Safe=Special&Object=my%20object%2B1%20%26%20more", special.Content},
		{"%3B and %3D inside Query separate terms", "AppID=App1&Query=Safe%3DOps%3BObject%3Dweb-2", web2.Content},
		{"a raw semicolon stays inside the value and adds a term", "AppID=App1&Safe=Ops;Object=web-2", web2.Content},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := wantOK(t, get(t, c, accountsURL(s, tc.query))); got != tc.want {
				t.Fatalf("Content %q, want %q", got, tc.want)
			}
		})
	}
	t.Run("a malformed escape is kept as it is, as ASP.NET keeps it", func(t *testing.T) {
		a := get(t, c, accountsURL(s, "AppID=App1&Safe=Ops&Object=50%zz%2"))
		wantError(t, a, http.StatusNotFound, "APPAP004E", "[Safe=Ops;Folder=Root;Object=50%zz%2]")
	})
	t.Run("an unencoded plus becomes a space and misses the object", func(t *testing.T) {
		a := get(t, c, accountsURL(s, "AppID=App1&Safe=Special&Object=my+object+1+%26+more"))
		wantError(t, a, http.StatusNotFound, "APPAP004E", "[Safe=Special;Folder=Root;Object=my object 1 & more]")
	})
}

func TestQueryOverridesTheSearchFields(t *testing.T) {
	t.Parallel()
	s := newFixture(t)
	c := clientAs(t, s, "app1")
	t.Run("fields that contradict Query are ignored", func(t *testing.T) {
		a := get(t, c, accountsURL(s, "AppID=App1&Safe=Finance&Object=db-admin&Query=Safe%3DOps%3BObject%3Dweb-1"))
		if got := wantOK(t, a); got != web1.Content {
			t.Fatalf("Content %q", got)
		}
	})
	t.Run("the error echoes Query as given", func(t *testing.T) {
		a := get(t, c, accountsURL(s, "AppID=App1&Safe=Ops&Query=safe%3Dops%3Bobject%3Dnone"))
		wantError(t, a, http.StatusNotFound, "APPAP004E", "matching query [safe=ops;object=none] was not found")
	})
	t.Run("Query can use extra properties with case-insensitive keys", func(t *testing.T) {
		a := get(t, c, accountsURL(s, "AppID=App1&Query=logondomain%3Dexample%3BEnvironment%3DPROD"))
		if got := wantOK(t, a); got != dbAdmin.Content {
			t.Fatalf("Content %q", got)
		}
	})
}

func TestRegexpQueryFormatMatchesWholeValuesIgnoringCase(t *testing.T) {
	t.Parallel()
	s := newFixture(t)
	c := clientAs(t, s, "app1")
	for _, tc := range []struct {
		name, query  string
		status       int
		code, msg    string
		wantContents string
	}{
		{"a pattern that matches one account answers it", "Query=Safe%3DO.s%3BObject%3DWEB-%5B1%5D&QueryFormat=Regexp", 200, "", "", web1.Content},
		{"a pattern that matches two accounts is too many", "Query=Object%3Dweb-.*&QueryFormat=regexp", 400, "APPAP227E",
			"(Safe=Ops;Folder=Root;Object=web-1 and Safe=Ops;Folder=Root;Object=web-2)", ""},
		{"a pattern must match the whole value", "Query=Object%3Dweb&QueryFormat=Regexp", 404, "APPAP004E", "[Object=web]", ""},
		{"an alternation stays inside the anchors", "Query=Object%3Dweb%7Cnone&QueryFormat=Regexp", 404, "APPAP004E", "[Object=web|none]", ""},
		{"an invalid pattern is an invalid query", "Query=Object%3Dweb-%5B1&QueryFormat=Regexp", 400, "AIMWS030E", "Invalid query format", ""},
		{"Exact compares literally", "Query=Object%3Dweb-.*&QueryFormat=Exact", 404, "APPAP004E", "[Object=web-.*]", ""},
		{"QueryFormat does not apply to fields", "Safe=Ops&Object=web-.*&QueryFormat=Regexp", 404, "APPAP004E", "[Safe=Ops;Folder=Root;Object=web-.*]", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := get(t, c, accountsURL(s, "AppID=App1&"+tc.query))
			if tc.status != http.StatusOK {
				wantError(t, a, tc.status, tc.code, tc.msg)
				return
			}
			if got := wantOK(t, a); got != tc.wantContents {
				t.Fatalf("Content %q", got)
			}
		})
	}
}
