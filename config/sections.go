package config

import (
	"fmt"
	"strings"

	"github.com/antchfx/xmlquery"
	"github.com/sirupsen/logrus"

	"github.com/pamadapter/pamadapter/masking"
	"github.com/pamadapter/pamadapter/schema"
	"github.com/pamadapter/pamadapter/schema/xmlenc"
)

// readEncryption reads <encryption>: one or more <key name="" file=""/>,
// each loaded (a key file readable by others than its owner is refused).
func (c *Config) readEncryption(n *xmlquery.Node) []error {
	var errs []error
	fail := func(el, format string, args ...any) {
		errs = append(errs, &schema.ElementError{Element: el, Problem: fmt.Sprintf(format, args...)})
	}
	if err := schema.CheckNoAttributes(n); err != nil {
		errs = append(errs, err)
	}
	var keys []*xmlenc.Key
	names := map[string]bool{}
	index := 0
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		if k.Type != xmlquery.ElementNode {
			if strings.TrimSpace(k.Data) != "" && (k.Type == xmlquery.TextNode || k.Type == xmlquery.CharDataNode) {
				fail("encryption", "holds text; it holds <key name=\"...\" file=\"...\"/> elements")
			}
			continue
		}
		index++
		el := fmt.Sprintf("encryption/key[%d]", index)
		if k.Data != "key" {
			fail("encryption/"+k.Data, "unknown element; allowed here: key")
			continue
		}
		name, file := "", ""
		bad := false
		for _, a := range k.Attr {
			switch a.Name.Local {
			case "name":
				name = strings.TrimSpace(a.Value)
			case "file":
				file = strings.TrimSpace(a.Value)
			default:
				fail(el, "unknown attribute %q; allowed: name, file", a.Name.Local)
				bad = true
			}
		}
		if name == "" {
			fail(el, "the name attribute is missing or empty")
			bad = true
		} else if names[name] {
			fail(el, "key name %q is used twice", name)
			bad = true
		}
		if file == "" {
			fail(el, "the file attribute is missing or empty")
			bad = true
		}
		if hasContent(k) {
			fail(el, "holds content; a key is written <key name=\"...\" file=\"...\"/>")
			bad = true
		}
		if bad {
			continue
		}
		names[name] = true
		path := c.resolve(file)
		key, err := xmlenc.LoadKeyFile(name, path)
		if err != nil {
			errs = append(errs, &schema.ElementError{Element: el, Problem: err.Error(), Err: err})
			continue
		}
		c.Keys = append(c.Keys, KeyRef{Name: name, File: path})
		keys = append(keys, key)
	}
	if index == 0 {
		fail("encryption", "names no key; add <key name=\"...\" file=\"...\"/> (make a key with `pamadapter keygen`)")
	}
	if len(errs) == 0 {
		ring, err := xmlenc.NewKeyring(keys...)
		if err != nil {
			errs = append(errs, &schema.ElementError{Element: "encryption", Problem: err.Error()})
		}
		c.Keyring = ring
	}
	return errs
}

// hasContent reports whether n holds an element or text other than white
// space (comments do not count).
func hasContent(n *xmlquery.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case xmlquery.CommentNode:
		case xmlquery.TextNode, xmlquery.CharDataNode:
			if strings.TrimSpace(c.Data) != "" {
				return true
			}
		default:
			return true
		}
	}
	return false
}

// loggingSpec lists the elements of <logging>.
var loggingSpec = &schema.Spec{Elements: []schema.Element{
	{Name: "level", Kind: schema.KindEnum, Allowed: []string{"error", "warn", "info", "debug"}},
	{Name: "format", Kind: schema.KindEnum, Allowed: []string{"text", "json"}},
}}

// readLogging reads <logging>. log-config-file may repeat.
func (c *Config) readLogging(n *xmlquery.Node) []error {
	fields, errs := readFields(n)
	read := errs
	var single []schema.Field
	for _, f := range fields {
		if f.Name == "log-config-file" {
			if f.EncryptedData != "" {
				errs = append(errs, &schema.ElementError{Element: "logging/log-config-file", Problem: "holds <EncryptedData>, but only secret elements may be encrypted"})
				continue
			}
			c.Logging.LogConfigFiles = append(c.Logging.LogConfigFiles, c.resolve(strings.TrimSpace(f.Text)))
			continue
		}
		single = append(single, f)
	}
	// The masks are loaded with the configuration, so a pattern Java
	// accepts but RE2 cannot run stops the start, naming file and index.
	rules, err := masking.LoadLogConfigs(c.Logging.LogConfigFiles...)
	if err != nil {
		for _, e := range unjoin(err) {
			errs = append(errs, &schema.ElementError{Element: "logging/log-config-file", Problem: e.Error(), Err: e})
		}
	}
	c.Logging.Masks = rules
	values, err := loggingSpec.Check(single, "logging", c.Dir)
	if err != nil {
		return append(errs, notAgain(unjoin(err), read)...)
	}
	if values.Has("level") {
		level, err := logrus.ParseLevel(values.Text("level"))
		if err == nil {
			c.Logging.Level = level
		}
	}
	if values.Has("format") {
		c.Logging.Format = values.Text("format")
	}
	return errs
}
