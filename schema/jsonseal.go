package schema

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// SealFunc turns one secret value into its replacement text (the XML of an
// <EncryptedData> element).
type SealFunc func(secret string) (string, error)

// SealJSON returns body with the value of every object member whose name
// isSecret accepts replaced by a JSON string holding seal(value). Everything
// else (member order, spacing, number spelling, every other value) stays
// byte for byte as it was. A string value is sealed as its decoded text; a
// number, boolean, object or array as its JSON text; null is left alone.
//
// It returns the number of values sealed. A body that is not one JSON value
// gives a *JSONError, which never quotes the body.
func SealJSON(body []byte, isSecret func(name string) bool, seal SealFunc) ([]byte, int, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var (
		stack  []frame
		out    bytes.Buffer
		copied int64 // body[:copied] is already in out
		sealed int
		values int // top-level values seen
	)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, 0, &JSONError{Offset: dec.InputOffset(), Problem: describeJSONError(err)}
		}
		if len(stack) == 0 {
			if values++; values > 1 {
				return nil, 0, &JSONError{Offset: dec.InputOffset(), Problem: "more than one JSON value"}
			}
		}
		top := len(stack) - 1
		if d, ok := tok.(json.Delim); ok {
			switch d {
			case '{', '[':
				stack = append(stack, frame{object: d == '{', expectKey: d == '{'})
			case '}', ']':
				stack = stack[:top]
				markValueDone(stack)
			}
			continue
		}
		if top >= 0 && stack[top].object && stack[top].expectKey {
			name, _ := tok.(string)
			stack[top].expectKey = false
			if !isSecret(name) {
				continue
			}
			start := valueStart(body, dec.InputOffset())
			plain, isNull, err := readValue(dec, body, start)
			if err != nil {
				return nil, 0, err
			}
			markValueDone(stack)
			if isNull {
				continue
			}
			replacement, err := seal(plain)
			if err != nil {
				return nil, 0, err
			}
			out.Write(body[copied:start])
			writeJSONString(&out, replacement)
			copied = dec.InputOffset()
			sealed++
			continue
		}
		markValueDone(stack)
	}
	if len(stack) != 0 {
		return nil, 0, &JSONError{Offset: dec.InputOffset(), Problem: "unexpected end of JSON"}
	}
	if values == 0 {
		return nil, 0, &JSONError{Offset: dec.InputOffset(), Problem: "the body is empty"}
	}
	if sealed == 0 {
		return body, 0, nil
	}
	out.Write(body[copied:])
	return out.Bytes(), sealed, nil
}

// frame is one open JSON container.
type frame struct {
	object    bool
	expectKey bool // inside an object, the next token is a member name
}

// markValueDone records that a value ended inside the innermost container.
func markValueDone(stack []frame) {
	if n := len(stack); n > 0 && stack[n-1].object {
		stack[n-1].expectKey = true
	}
}

// valueStart skips the white space and colon after a member name.
func valueStart(body []byte, off int64) int64 {
	for off < int64(len(body)) {
		switch body[off] {
		case ' ', '\t', '\r', '\n', ':':
			off++
		default:
			return off
		}
	}
	return off
}

// readValue consumes the value that starts at start. It returns the decoded
// text of a string, or the JSON text of anything else.
func readValue(dec *json.Decoder, body []byte, start int64) (text string, isNull bool, err error) {
	tok, err := dec.Token()
	if err != nil {
		return "", false, &JSONError{Offset: dec.InputOffset(), Problem: describeJSONError(err)}
	}
	switch t := tok.(type) {
	case string:
		return t, false, nil
	case nil:
		return "", true, nil
	case json.Delim:
		depth := 1
		for depth > 0 {
			tok, err := dec.Token()
			if err != nil {
				return "", false, &JSONError{Offset: dec.InputOffset(), Problem: describeJSONError(err)}
			}
			if d, ok := tok.(json.Delim); ok {
				if d == '{' || d == '[' {
					depth++
				} else {
					depth--
				}
			}
		}
	}
	return string(body[start:dec.InputOffset()]), false, nil
}

// writeJSONString writes s as a JSON string without HTML escaping, so the
// sealed XML stays readable: "<EncryptedData xmlns=\"...\">".
func writeJSONString(w *bytes.Buffer, s string) {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // encoding a string cannot fail
	w.Truncate(w.Len() - 1)
}

// describeJSONError keeps the decoder's description but never a quote of
// the input. A syntax error names the offending character ("invalid
// character 's' looking for beginning of value"), which can be the first
// character of an unquoted secret; it is left out, the offset says where.
func describeJSONError(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		msg := se.Error()
		const quoted = "invalid character '"
		if rest, ok := strings.CutPrefix(msg, quoted); ok && rest != "" {
			// The character is quoted as by strconv.QuoteRune, so
			// its closing quote is the first one followed by a space.
			if i := strings.Index(rest[1:], "' "); i >= 0 {
				return "invalid character" + rest[1+i+1:]
			}
			return "invalid character"
		}
		return msg
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return "unexpected end of JSON"
	}
	return "invalid JSON"
}

// JSONError says a body is not well-formed JSON.
type JSONError struct {
	Offset  int64
	Problem string
}

// Error implements error.
func (e *JSONError) Error() string {
	return fmt.Sprintf("the body is not valid JSON (at byte %d): %s", e.Offset, e.Problem)
}
