package ccptest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
)

// IIS and ASP.NET identify themselves with these headers.
const (
	serverHeader    = "Microsoft-IIS/10.0"
	aspNetVersion   = "4.0.30319"
	poweredByHeader = "ASP.NET"
)

// field is one member of a JSON object; a slice of fields keeps their order.
type field struct {
	name, value string
}

// writeJSON answers with status and a JSON object made of fields, with the
// headers ASP.NET Web API sends.
func (s *Server) writeJSON(w http.ResponseWriter, status int, fields []field) {
	body := encodeObject(fields)
	h := w.Header()
	s.setIISHeaders(h)
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	h.Set("Pragma", "no-cache")
	h.Set("Expires", "-1")
	h.Set("X-AspNet-Version", aspNetVersion)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body) // a write error means the client has gone
}

// writeError answers with a CCP error.
func (s *Server) writeError(w http.ResponseWriter, e *ccpError) {
	s.writeJSON(w, e.status, e.fields())
}

// setIISHeaders sets the headers IIS adds to every answer.
func (s *Server) setIISHeaders(h http.Header) {
	h.Set("Server", serverHeader)
	h.Set("X-Powered-By", poweredByHeader)
	h.Set("Date", s.now().UTC().Format(http.TimeFormat))
}

// encodeObject writes fields as a compact JSON object whose values are all
// strings. Like Json.NET it leaves "<", ">" and "&" unescaped.
func encodeObject(fields []field) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	buf.WriteByte('{')
	for i, f := range fields {
		if i > 0 {
			buf.WriteByte(',')
		}
		encodeString(enc, &buf, f.name)
		buf.WriteByte(':')
		encodeString(enc, &buf, f.value)
	}
	buf.WriteByte('}')
	return buf.Bytes()
}

// encodeString appends s as a JSON string to buf through enc, which writes
// into buf.
func encodeString(enc *json.Encoder, buf *bytes.Buffer, s string) {
	_ = enc.Encode(s)           // encoding a string cannot fail
	buf.Truncate(buf.Len() - 1) // drop the newline Encode appends
}
