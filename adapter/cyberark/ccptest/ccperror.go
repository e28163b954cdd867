package ccptest

import "net/http"

// ccpError is an error answer of the CCP web service: an HTTP status and the
// JSON body {"ErrorCode":..., "ErrorMsg":...}.
type ccpError struct {
	status int
	code   string
	msg    string
}

// fields is the JSON body of e.
func (e *ccpError) fields() []field {
	return []field{{"ErrorCode", e.code}, {"ErrorMsg", e.msg}}
}

// vaultUserProblem opens every APPAP008E message.
const vaultUserProblem = "Problem occurred while trying to use user in the Vault (Diagnostic Info: 8). "

// errAppIDRequired answers a request without AppID.
func errAppIDRequired() *ccpError {
	return &ccpError{http.StatusBadRequest, "AIMWS031E", "Invalid request. The AppID parameter is required."}
}

// errInvalidQuery answers a request whose search parameters are missing or
// malformed.
func errInvalidQuery() *ccpError {
	return &ccpError{http.StatusBadRequest, "AIMWS030E", "Invalid query format."}
}

// errAppNotDefined answers a request for an AppID the Vault does not know.
func errAppNotDefined(appID string) *ccpError {
	return &ccpError{http.StatusForbidden, "APPAP008E", vaultUserProblem + "ITATS982E User " + appID + " is not defined."}
}

// errAppSuspended answers a request for a disabled AppID.
func errAppSuspended(appID string) *ccpError {
	return &ccpError{http.StatusForbidden, "APPAP008E", vaultUserProblem + "User " + appID + " is suspended."}
}

// errUnauthorized answers a request that fails an authentication rule.
func errUnauthorized(appID, reason string) *ccpError {
	return &ccpError{http.StatusForbidden, "APPAP306E", "Authentication error for App ID [" + appID + "]. Reason: " + reason}
}

// errNotFound answers a query that matches no account.
func errNotFound(query string) *ccpError {
	return &ccpError{http.StatusNotFound, "APPAP004E", "Password object matching query [" + query +
		"] was not found (Diagnostic Info: 5). Please check that there is a password object that answers your query" +
		" in the Vault and that both the Provider and the application user have the appropriate permissions needed" +
		" in order to use the password."}
}

// errTooMany answers a query that matches more than one account; first and
// second are the first two matches.
func errTooMany(query string, first, second *Account) *ccpError {
	return &ccpError{http.StatusBadRequest, "APPAP227E", "Too many password objects matching query [" + query +
		"] were found: (" + first.location() + " and " + second.location() + ") (Diagnostic Info: 41)"}
}

// errPasswordChanging answers FailRequestOnPasswordChange=true while the CPM
// changes the password of object.
func errPasswordChanging(object string) *ccpError {
	return &ccpError{http.StatusInternalServerError, "APPAP282E", "Password [" + object + "] is currently being changed by the CPM."}
}

// errVaultTimeout answers a request whose Vault round trip outlasted its
// ConnectionTimeout.
func errVaultTimeout() *ccpError {
	return &ccpError{http.StatusBadRequest, "APPAP007E",
		"Connection to the Vault has failed. ITACM012S Timeout expired while waiting for a response from the Vault."}
}
