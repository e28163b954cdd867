package safeguardtest

import (
	"fmt"
	"net/http"
	"strings"
)

// The enumerations of the a2a service, spelled as the appliance spells them.
var (
	credentialTypes = []string{"Password", "PrivateKey", "ApiKey"}
	keyFormats      = []string{"OpenSsh", "Ssh2", "Putty"}
)

// defaultKeyFormat is the keyFormat of a request without one.
const defaultKeyFormat = "OpenSsh"

// parseEnum returns the value of values that s names, ignoring case and
// surrounding spaces as .NET's Enum.Parse does.
func parseEnum(values []string, s string) (string, bool) {
	s = strings.TrimSpace(s)
	for _, v := range values {
		if strings.EqualFold(v, s) {
			return v, true
		}
	}
	return "", false
}

// enumParam validates the optional query parameter name of c against values
// into ms and returns its canonical value, def when it is absent or empty.
func enumParam(c *call, ms *modelState, name string, values []string, def string) string {
	raw, ok := queryValue(c.r.URL.Query(), name)
	if !ok || strings.TrimSpace(raw) == "" {
		if def == "" {
			ms.add(name, "The "+name+" field is required.")
		}
		return def
	}
	v, ok := parseEnum(values, raw)
	if !ok {
		ms.add(name, fmt.Sprintf("The value '%s' is not valid for %s.", raw, name))
	}
	return v
}

// getCredentials serves GET Credentials?type=Password|PrivateKey|ApiKey
// [&keyFormat=OpenSsh|Ssh2|Putty]: the password or private key as a JSON
// string (an empty body when none is stored), or the API-key secrets as a
// JSON array.
func (s *Server) getCredentials(w http.ResponseWriter, c *call) {
	g, e := s.authorizeRetrieval(c.r)
	if e != nil {
		writeError(w, e)
		return
	}
	var ms modelState
	typ := enumParam(c, &ms, "type", credentialTypes, "")
	format := enumParam(c, &ms, "keyFormat", keyFormats, defaultKeyFormat)
	if !ms.empty() {
		writeError(w, errInvalid(&ms))
		return
	}
	switch typ {
	case "Password":
		writeSecret(w, g.account.Password)
	case "PrivateKey":
		writeSecret(w, g.account.sshKey(format))
	case "ApiKey":
		keys := make([]object, 0, len(g.account.ApiKeys))
		for _, k := range g.account.ApiKeys {
			keys = append(keys, object{
				{"Id", k.Id}, {"Name", k.Name}, {"Description", k.Description},
				{"ClientId", k.ClientId}, {"ClientSecret", k.ClientSecret}, {"ClientSecretId", k.ClientSecretId},
			})
		}
		writeJSON(w, http.StatusOK, keys)
	}
}

// writeSecret answers 200 with secret as a JSON string, or with an empty body
// when secret is "" (nothing stored).
func writeSecret(w http.ResponseWriter, secret string) {
	if secret == "" {
		writeEmpty(w, http.StatusOK)
		return
	}
	writeJSON(w, http.StatusOK, secret)
}

// putPassword serves PUT Credentials/Password, whose body is the new
// password as a JSON string.
func (s *Server) putPassword(w http.ResponseWriter, c *call) {
	g, e := s.authorizeRetrieval(c.r)
	if e != nil {
		writeError(w, e)
		return
	}
	if !acceptedMediaType(w, c) {
		return
	}
	const param = "password"
	if len(c.body) == 0 {
		writeError(w, errInvalidOne(param, "The password field is required."))
		return
	}
	v, err := decodeValue(c.body)
	if err != nil {
		writeError(w, errInvalidOne(param, err.Error()))
		return
	}
	password, ok := v.(string)
	if !ok {
		writeError(w, errInvalidOne(param, "Error converting value of type "+jsonTypeName(v)+" to type 'String'."))
		return
	}
	if !g.registration.BidirectionalEnabled {
		writeError(w, errAuthorizationRequired())
		return
	}
	s.store.setPassword(g.account.Id, password)
	writeEmpty(w, http.StatusNoContent)
}

// putSshKey serves PUT Credentials/SshKey?keyFormat=..., whose body is
// {"PrivateKey":"...","Passphrase":"..."}.
func (s *Server) putSshKey(w http.ResponseWriter, c *call) {
	g, e := s.authorizeRetrieval(c.r)
	if e != nil {
		writeError(w, e)
		return
	}
	if !acceptedMediaType(w, c) {
		return
	}
	var ms modelState
	format := enumParam(c, &ms, "keyFormat", keyFormats, defaultKeyFormat)
	key := bindSshKey(c.body, &ms)
	if !ms.empty() {
		writeError(w, errInvalid(&ms))
		return
	}
	if !g.registration.BidirectionalEnabled {
		writeError(w, errAuthorizationRequired())
		return
	}
	s.store.setSshKey(g.account.Id, format, key)
	writeEmpty(w, http.StatusNoContent)
}

// bindSshKey returns the PrivateKey of an SSH key body, recording what is
// wrong with the body in ms.
func bindSshKey(body []byte, ms *modelState) string {
	const param = "sshKey"
	if len(body) == 0 {
		ms.add(param, "The sshKey field is required.")
		return ""
	}
	o, err := decodeObject(body)
	if err != nil {
		ms.add(param, err.Error())
		return ""
	}
	key, ok, err := o.str("PrivateKey")
	switch {
	case err != nil:
		ms.add(param+".PrivateKey", err.Error())
	case !ok || key == "":
		ms.add(param+".PrivateKey", "The PrivateKey field is required.")
	}
	if _, _, err := o.str("Passphrase"); err != nil {
		ms.add(param+".Passphrase", err.Error())
	}
	return key
}
