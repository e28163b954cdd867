package safeguardtest

import (
	"fmt"
	"net/http"
)

// SPP error codes.
const (
	codeAuthorizationDenied   = 60094
	codeAuthorizationRequired = 60108
	codeNotFound              = 60657
	codeInvalidRequest        = 70000
	codeInvalidField          = 70002
	codeInvalidFilterOperator = 70003
	codeInvalidFilterProperty = 70009
	codeRequestTypeDenied     = 90408
)

// apiError is an error answer of SPP: an HTTP status and the JSON body
// {"Code":N,"Message":"...","InnerError":null[,"ModelState":{...}]}.
type apiError struct {
	status     int
	code       int
	message    string
	modelState *modelState // nil when the error is not a validation error
}

// body is the JSON body of e.
func (e *apiError) body() object {
	o := object{{"Code", e.code}, {"Message", e.message}, {"InnerError", nil}}
	if e.modelState != nil {
		o = append(o, prop{"ModelState", e.modelState.object()})
	}
	return o
}

// modelState collects validation messages by key, in order.
type modelState struct {
	keys []string
	msgs map[string][]string
}

// add records msg for key.
func (m *modelState) add(key, msg string) {
	if m.msgs == nil {
		m.msgs = make(map[string][]string)
	}
	if _, ok := m.msgs[key]; !ok {
		m.keys = append(m.keys, key)
	}
	m.msgs[key] = append(m.msgs[key], msg)
}

// empty reports whether m holds no message.
func (m *modelState) empty() bool { return len(m.keys) == 0 }

// object is m as a JSON object of string arrays.
func (m *modelState) object() object {
	o := make(object, 0, len(m.keys))
	for _, k := range m.keys {
		o = append(o, prop{k, m.msgs[k]})
	}
	return o
}

// errAuthorizationDenied answers a request that is not authenticated.
func errAuthorizationDenied() *apiError {
	return &apiError{status: http.StatusUnauthorized, code: codeAuthorizationDenied,
		message: "Authorization is denied for this request."}
}

// errAuthorizationRequired answers an authenticated request that lacks
// rights (a2a: wrong or unknown API key and the like).
func errAuthorizationRequired() *apiError {
	return &apiError{status: http.StatusForbidden, code: codeAuthorizationRequired,
		message: "Authorization is required for this request."}
}

// errInvalid answers a request that fails validation.
func errInvalid(ms *modelState) *apiError {
	return &apiError{status: http.StatusBadRequest, code: codeInvalidRequest,
		message: "The request is invalid.", modelState: ms}
}

// errInvalidOne answers a request with a single validation message.
func errInvalidOne(key, msg string) *apiError {
	var ms modelState
	ms.add(key, msg)
	return errInvalid(&ms)
}

// errObjectNotFound answers a request for an object the caller cannot see.
func errObjectNotFound(kind string, id int) *apiError {
	return &apiError{status: http.StatusNotFound, code: codeNotFound,
		message: fmt.Sprintf("Unable to find %s with Id %d.", kind, id)}
}

// errUnresolved answers a broker request whose user, asset or account does
// not resolve to exactly one object.
func errUnresolved(message string) *apiError {
	return &apiError{status: http.StatusBadRequest, code: codeNotFound, message: message}
}

// errRequestTypeDenied answers a broker request the user has no entitlement
// for.
func errRequestTypeDenied() *apiError {
	return &apiError{status: http.StatusBadRequest, code: codeRequestTypeDenied,
		message: "User is not authorized to use this request type."}
}

// errFilterProperty answers a filter naming an unknown property.
func errFilterProperty(name string) *apiError {
	return &apiError{status: http.StatusBadRequest, code: codeInvalidFilterProperty,
		message: "Invalid filter property - '" + name + "' is not a valid filter property name."}
}

// errFilterOperator answers a filter with an unknown operator.
func errFilterOperator(op string) *apiError {
	return &apiError{status: http.StatusBadRequest, code: codeInvalidFilterOperator,
		message: "Invalid filter operator - '" + op + "' is not a valid filter operator."}
}

// errFieldProperty answers a fields parameter naming an unknown property.
func errFieldProperty(name string) *apiError {
	return &apiError{status: http.StatusBadRequest, code: codeInvalidField,
		message: "Invalid field property - '" + name + "' is not a valid property name."}
}
