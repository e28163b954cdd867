package safeguardtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
)

// acceptedMediaType reports whether the body of c can be bound, as ASP.NET
// Web API's JSON formatter does: an empty body always can (it binds null),
// a non-empty one only as application/json or text/json. Otherwise it
// answers 415 and returns false.
func acceptedMediaType(w http.ResponseWriter, c *call) bool {
	if len(c.body) == 0 {
		return true
	}
	ct := c.r.Header.Get("Content-Type")
	if ct == "" {
		writeWebAPIError(w, http.StatusUnsupportedMediaType, "The request contains an entity body but no Content-Type header."+
			" The inferred media type 'application/octet-stream' is not supported for this resource.")
		return false
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		mt = ct
	}
	if mt != "application/json" && mt != "text/json" {
		writeWebAPIError(w, http.StatusUnsupportedMediaType,
			"The request entity's media type '"+mt+"' is not supported for this resource.")
		return false
	}
	return true
}

// decodeValue decodes body, which must hold exactly one JSON value; numbers
// stay json.Number.
func decodeValue(body []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("additional text found in JSON string after finishing deserializing object")
	}
	return v, nil
}

// jsonTypeName names the JSON type of a decoded value, for messages.
func jsonTypeName(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case json.Number:
		return "number"
	case bool:
		return "boolean"
	case []any:
		return "array"
	default:
		return "object"
	}
}

// jsonObject is a decoded JSON object whose members are looked up
// case-insensitively, as Json.NET binds properties.
type jsonObject map[string]any

// decodeObject decodes body as one JSON object.
func decodeObject(body []byte) (jsonObject, error) {
	v, err := decodeValue(body)
	if err != nil {
		return nil, err
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("expected a JSON object, found %s", jsonTypeName(v))
	}
	o := make(jsonObject, len(m))
	for k, v := range m {
		o[strings.ToLower(k)] = v
	}
	return o, nil
}

// get returns member name, and whether it is present and not null.
func (o jsonObject) get(name string) (any, bool) {
	v, ok := o[strings.ToLower(name)]
	return v, ok && v != nil
}

// str returns member name as a string (numbers and booleans convert), and
// whether it is set; a value of another type is an error.
func (o jsonObject) str(name string) (string, bool, error) {
	v, ok := o.get(name)
	if !ok {
		return "", false, nil
	}
	switch v := v.(type) {
	case string:
		return v, true, nil
	case json.Number:
		return v.String(), true, nil
	case bool:
		return strconv.FormatBool(v), true, nil
	}
	return "", false, fmt.Errorf("Error converting value of type %s to type 'String'.", jsonTypeName(v))
}

// int returns member name as a 32-bit integer (a numeric string converts),
// and whether it is set.
func (o jsonObject) int(name string) (int, bool, error) {
	v, ok := o.get(name)
	if !ok {
		return 0, false, nil
	}
	var text string
	switch v := v.(type) {
	case json.Number:
		text = v.String()
	case string:
		text = strings.TrimSpace(v)
	default:
		return 0, false, fmt.Errorf("Error converting value of type %s to type 'Int32'.", jsonTypeName(v))
	}
	n, err := strconv.ParseInt(text, 10, 32)
	if err != nil {
		return 0, false, fmt.Errorf("Could not convert %q to type 'Int32'.", text)
	}
	return int(n), true, nil
}

// bool returns member name as a boolean ("true" and "false" strings
// convert), and whether it is set.
func (o jsonObject) bool(name string) (bool, bool, error) {
	v, ok := o.get(name)
	if !ok {
		return false, false, nil
	}
	switch v := v.(type) {
	case bool:
		return v, true, nil
	case string:
		switch strings.ToLower(strings.TrimSpace(v)) {
		case "true":
			return true, true, nil
		case "false":
			return false, true, nil
		}
	}
	return false, false, fmt.Errorf("Could not convert value of type %s to type 'Boolean'.", jsonTypeName(v))
}
