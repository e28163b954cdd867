package safeguard

import (
	"bytes"
	"encoding/json"
)

// encodeJSON writes v as compact JSON without HTML escaping, so "<", ">"
// and "&" reach the appliance (and the sealed answer) as themselves rather
// than as \u003c, \u003e and \u0026.
func encodeJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// object is a JSON object whose members are written in the order they were
// set, so request bodies read like the vendor's documentation.
type object []member

// member is one name and value of an object.
type member struct {
	name  string
	value any
}

// set adds a member.
func (o *object) set(name string, value any) {
	*o = append(*o, member{name, value})
}

// MarshalJSON implements json.Marshaler.
func (o object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		name, err := encodeJSON(m.name)
		if err != nil {
			return nil, err
		}
		value, err := encodeJSON(m.value)
		if err != nil {
			return nil, err
		}
		b.Write(name)
		b.WriteByte(':')
		b.Write(value)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}
