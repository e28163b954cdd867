package adapter

import (
	"errors"
	"fmt"

	"github.com/pamadapter/pamadapter/schema"
)

// Code is an adapter error code (contract section 2).
type Code string

// The error codes of the contract.
const (
	CodeInvalidRequest     Code = "INVALID_REQUEST"
	CodeInvalidConfig      Code = "INVALID_CONFIG"
	CodeIdentityLoadFailed Code = "IDENTITY_LOAD_FAILED"
	CodeDecryptFailed      Code = "DECRYPT_FAILED"
	CodeTLSFailed          Code = "TLS_FAILED"
	CodeConnectFailed      Code = "CONNECT_FAILED"
	CodeTimeout            Code = "TIMEOUT"
	CodeProviderProtocol   Code = "PROVIDER_PROTOCOL"
	CodeInternal           Code = "INTERNAL"
)

// Exit statuses of the one-shot command (contract section 2).
const (
	ExitSuccess       = 0 // success with a 2xx code
	ExitProviderError = 1 // success with any other code
	ExitBadInput      = 2 // INVALID_REQUEST, INVALID_CONFIG, IDENTITY_LOAD_FAILED, DECRYPT_FAILED
	ExitUnreachable   = 3 // TLS_FAILED, CONNECT_FAILED, TIMEOUT, PROVIDER_PROTOCOL
	ExitInternal      = 4 // INTERNAL
)

// ExitStatus is the one-shot command's exit status for an error response
// with this code.
func (c Code) ExitStatus() int {
	switch c {
	case CodeInvalidRequest, CodeInvalidConfig, CodeIdentityLoadFailed, CodeDecryptFailed:
		return ExitBadInput
	case CodeTLSFailed, CodeConnectFailed, CodeTimeout, CodeProviderProtocol:
		return ExitUnreachable
	default:
		return ExitInternal
	}
}

// ExitStatus is the one-shot command's exit status for a response.
func ExitStatus(r *schema.Response) int {
	if r.Status != schema.StatusSuccess {
		return Code(r.ErrorCode).ExitStatus()
	}
	if r.StatusCode >= 200 && r.StatusCode <= 299 {
		return ExitSuccess
	}
	return ExitProviderError
}

// Error is a failure with its adapter error code. Its text says what to fix
// and never holds a secret.
type Error struct {
	Code Code
	Err  error
}

// Error implements error.
func (e *Error) Error() string { return e.Err.Error() }

// Unwrap gives the cause.
func (e *Error) Unwrap() error { return e.Err }

// Errorf makes an *Error with a formatted text (%w wraps as usual).
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Err: fmt.Errorf(format, args...)}
}

// WithCode gives err an error code, unless it already carries one.
func WithCode(code Code, err error) error {
	if err == nil {
		return nil
	}
	var ae *Error
	if errors.As(err, &ae) {
		return err
	}
	return &Error{Code: code, Err: err}
}

// CodeOf returns the adapter error code err carries: its own for an *Error,
// INVALID_REQUEST for a *schema.ElementError, INTERNAL otherwise.
func CodeOf(err error) Code {
	var ae *Error
	if errors.As(err, &ae) {
		return ae.Code
	}
	if schema.IsElementError(err) {
		return CodeInvalidRequest
	}
	return CodeInternal
}
