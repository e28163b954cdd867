package safeguardtest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
)

// jsonContentType is the Content-Type of every JSON answer.
const jsonContentType = "application/json; charset=utf-8"

// prop is one member of a JSON object.
type prop struct {
	name  string
	value any
}

// object is a JSON object whose members keep their order. Values are
// strings, ints, bools, nil, []string, object or []object.
type object []prop

// MarshalJSON encodes o with its members in order.
func (o object) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, p := range o {
		if i > 0 {
			buf.WriteByte(',')
		}
		if err := encodeJSON(&buf, p.name); err != nil {
			return nil, err
		}
		buf.WriteByte(':')
		if err := encodeJSON(&buf, p.value); err != nil {
			return nil, err
		}
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// lookup returns the member of o named name, compared case-insensitively.
func (o object) lookup(name string) (prop, bool) {
	for _, p := range o {
		if strings.EqualFold(p.name, name) {
			return p, true
		}
	}
	return prop{}, false
}

// encodeJSON appends v as compact JSON to buf. Like Json.NET it leaves "<",
// ">" and "&" unescaped.
func encodeJSON(buf *bytes.Buffer, v any) error {
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	buf.Truncate(buf.Len() - 1) // drop the newline Encode appends
	return nil
}

// setHeaders sets the headers of every answer.
func (s *Server) setHeaders(h http.Header, requestID int) {
	h.Set("Date", s.now().UTC().Format(http.TimeFormat))
	h.Set("X-Request-Id", strconv.Itoa(requestID))
}

// writeJSON answers with status and v encoded as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	if err := encodeJSON(&buf, v); err != nil {
		writeEmpty(w, http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", jsonContentType)
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes()) // a write error means the client has gone
}

// writeEmpty answers with status and no body.
func writeEmpty(w http.ResponseWriter, status int) {
	if status != http.StatusNoContent {
		w.Header().Set("Content-Length", "0")
	}
	w.WriteHeader(status)
}

// writeError answers with an SPP error.
func writeError(w http.ResponseWriter, e *apiError) {
	writeJSON(w, e.status, e.body())
}

// writeWebAPIError answers with status and the bare {"Message":...} body that
// ASP.NET Web API itself produces, before SPP's code runs.
func writeWebAPIError(w http.ResponseWriter, status int, message string) {
	writeJSON(w, status, object{{"Message", message}})
}
