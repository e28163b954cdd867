package schema_test

import (
	"strings"
	"testing"

	"github.com/pamadapter/pamadapter/schema"
)

func BenchmarkParseRequest(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(typicalRequest)))
	for b.Loop() {
		if _, err := schema.ParseRequest(strings.NewReader(typicalRequest), 0); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkResponseBytes(b *testing.B) {
	r := typicalResponse()
	b.ReportAllocs()
	for b.Loop() {
		_ = r.Bytes()
	}
}

// ccpAnswer is a typical CCP get-password answer, before sealing.
const ccpAnswer = `{"Content":"Cyberark1!","CreationMethod":"PVWA","Address":"windows1.example.com","Safe":"Test","UserName":"Administrator","Name":"windows1","PolicyID":"WinServerLocal","DeviceType":"Operating System","Folder":"root\\OS\\Windows","PasswordChangeInProcess":"False"}`

func BenchmarkSealJSON(b *testing.B) {
	body := []byte(ccpAnswer)
	sealed := strings.Repeat("x", 400)
	isSecret := func(name string) bool { return name == "Content" }
	seal := func(string) (string, error) { return sealed, nil }
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, _, err := schema.SealJSON(body, isSecret, seal); err != nil {
			b.Fatal(err)
		}
	}
}
