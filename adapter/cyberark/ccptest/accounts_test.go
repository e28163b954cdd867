package ccptest_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pamadapter/pamadapter/adapter/cyberark/ccptest"
)

func TestAFullAccountIsAnsweredWithEveryValueAStringInTheCCPKeyOrder(t *testing.T) {
	t.Parallel()
	s := newFixture(t)
	a := get(t, clientAs(t, s, "app1"), accountsURL(s, "AppID=App1&Safe=Finance&Object=db-admin"))
	wantOK(t, a)
	want := []member{
		{"Content", "db-admin-secret"}, {"CreationMethod", "PVWA"}, {"Address", "db1.example.test"},
		{"Safe", "Finance"}, {"UserName", "sa"}, {"Name", "db-admin"}, {"PolicyID", "MSSQL"},
		{"DeviceType", "Database"}, {"Folder", "Root"}, {"Database", "payroll"},
		{"PasswordChangeInProcess", "False"}, {"LogonDomain", "EXAMPLE"}, {"Environment", "prod"},
	}
	if got := members(t, a.body); !slices.Equal(got, want) {
		t.Fatalf("got  %v\nwant %v", got, want)
	}
}

func TestAMinimalAccountIsAnsweredCompactlyWithOnlyTheAlwaysPresentKeys(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	s.AddApplication(ccptest.Application{AppID: "App1"})
	s.AddAccount(ccptest.Account{Safe: "S", Object: "O", Content: "c"})
	a := get(t, clientAs(t, s, "app1"), accountsURL(s, "AppID=App1&Safe=S&Object=O"))
	const want = `{"Content":"c","CreationMethod":"PVWA","Safe":"S","Name":"O","Folder":"Root","PasswordChangeInProcess":"False"}`
	if a.status != http.StatusOK || a.body != want {
		t.Fatalf("got %d %s\nwant 200 %s", a.status, a.body, want)
	}
}

func TestContentWithQuotesNewlinesAndMarkupSurvivesJSONEncoding(t *testing.T) {
	t.Parallel()
	s := newFixture(t)
	a := get(t, clientAs(t, s, "app1"), accountsURL(s, "AppID=App1&Safe=Special&Object=my+object%2B1+%26+more"))
	if got := wantOK(t, a); got != special.Content {
		t.Fatalf("Content %q, want %q", got, special.Content)
	}
	if !strings.Contains(a.body, `<tag> & amp`) {
		t.Errorf("<, > and & should stay unescaped as Json.NET writes them: %s", a.body)
	}
}

func TestEveryAnswerCarriesTheIISAndASPNetHeadersWithTheDateFromTheClock(t *testing.T) {
	t.Parallel()
	pinned := time.Date(2026, 3, 4, 5, 6, 7, 0, time.FixedZone("CET", 3600))
	s := newFixture(t, ccptest.WithClock(func() time.Time { return pinned }))
	c := clientAs(t, s, "app1")
	for name, query := range map[string]string{
		"a success":            "AppID=App1&Safe=Ops&Object=web-1",
		"a CCP error":          "AppID=App1&Safe=Ops&Object=missing",
		"a parameter error":    "Safe=Ops",
		"a Vault user problem": "AppID=Nobody&Safe=Ops",
	} {
		t.Run(name, func(t *testing.T) {
			a := get(t, c, accountsURL(s, query))
			for header, want := range map[string]string{
				"Content-Type":     "application/json; charset=utf-8",
				"Cache-Control":    "no-cache",
				"Pragma":           "no-cache",
				"Expires":          "-1",
				"Server":           "Microsoft-IIS/10.0",
				"X-AspNet-Version": "4.0.30319",
				"X-Powered-By":     "ASP.NET",
				"Date":             "Wed, 04 Mar 2026 04:06:07 GMT",
			} {
				if got := a.header.Get(header); got != want {
					t.Errorf("%s: %q, want %q", header, got, want)
				}
			}
		})
	}
}

func TestPasswordChangeInProcessIsReportedOrFailsTheRequestWhenAsked(t *testing.T) {
	t.Parallel()
	s := newFixture(t)
	c := clientAs(t, s, "app1")
	for _, tc := range []struct {
		name, flag string
		wantStatus int
	}{
		{"without the flag the current password comes back marked True", "", http.StatusOK},
		{"FALSE in capitals still answers", "&FailRequestOnPasswordChange=FALSE", http.StatusOK},
		{"True fails with APPAP282E", "&FailRequestOnPasswordChange=True", http.StatusInternalServerError},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := get(t, c, accountsURL(s, "AppID=App1&Safe=Ops&Object=changing"+tc.flag))
			if tc.wantStatus != http.StatusOK {
				wantError(t, a, tc.wantStatus, "APPAP282E", "Password [changing] is currently being changed by the CPM.")
				return
			}
			wantOK(t, a)
			if v, _ := value(members(t, a.body), "PasswordChangeInProcess"); v != "True" {
				t.Fatalf("PasswordChangeInProcess %q", v)
			}
		})
	}
}

func TestTheFolderDefaultsToRootWhenSearchingWithFields(t *testing.T) {
	t.Parallel()
	s := newFixture(t)
	c := clientAs(t, s, "app1")
	t.Run("an account in a subfolder is not found without Folder", func(t *testing.T) {
		a := get(t, c, accountsURL(s, "AppID=App1&Safe=Finance&Object=nested"))
		wantError(t, a, http.StatusNotFound, "APPAP004E", "[Safe=Finance;Folder=Root;Object=nested]")
	})
	t.Run("an account in a subfolder is found with its Folder", func(t *testing.T) {
		a := get(t, c, accountsURL(s, `AppID=App1&Safe=Finance&Folder=Root%5CSub&Object=nested`))
		if got := wantOK(t, a); got != nested.Content {
			t.Fatalf("Content %q", got)
		}
	})
	t.Run("a Query without Folder searches every folder", func(t *testing.T) {
		a := get(t, c, accountsURL(s, "AppID=App1&Query=Safe%3DFinance%3BObject%3Dnested"))
		wantOK(t, a)
	})
	t.Run("a search by UserName alone still gets the default folder", func(t *testing.T) {
		a := get(t, c, accountsURL(s, "AppID=App1&UserName=nobody"))
		wantError(t, a, http.StatusNotFound, "APPAP004E", "[Folder=Root;UserName=nobody]")
	})
}

func TestAddAccountReplacesTheSameObjectSoTestsCanRotatePasswords(t *testing.T) {
	t.Parallel()
	s := newFixture(t)
	c := clientAs(t, s, "app1")
	rotated := web1
	rotated.Object = "WEB-1" // the Vault compares names case-insensitively
	rotated.Content = "rotated-secret"
	s.AddAccount(rotated)
	if got := wantOK(t, get(t, c, accountsURL(s, "AppID=App1&Safe=Ops&Object=web-1"))); got != "rotated-secret" {
		t.Fatalf("Content %q after rotation", got)
	}
}

func TestPropertiesThatCollideWithStandardNamesAreDropped(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	s.AddApplication(ccptest.Application{AppID: "App1"})
	s.AddAccount(ccptest.Account{Safe: "S", Object: "O", Content: "c", Properties: []ccptest.Property{
		{Name: "content", Value: "forged"}, {Name: "", Value: "x"}, {Name: "Tag", Value: "1"}, {Name: "TAG", Value: "2"},
	}})
	ms := members(t, get(t, clientAs(t, s, "app1"), accountsURL(s, "AppID=App1&Safe=S&Object=O")).body)
	want := []string{"Content", "CreationMethod", "Safe", "Name", "Folder", "PasswordChangeInProcess", "Tag"}
	if got := keys(ms); !slices.Equal(got, want) {
		t.Fatalf("keys %v, want %v", got, want)
	}
}
