// Package config loads the adapter configuration file (contract section 6):
// the encryption keys, the logging settings and one section per provider.
//
// Loading reports every problem at once, each naming its element, so an
// operator fixes a file in one pass. Provider sections are checked against
// the specs their providers declare; this package knows no provider.
package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/antchfx/xmlquery"
	"github.com/sirupsen/logrus"

	"github.com/pamadapter/pamadapter/masking"
	"github.com/pamadapter/pamadapter/schema"
	"github.com/pamadapter/pamadapter/schema/xmlenc"
)

// Root is the configuration document's root element.
const Root = "adapter-config"

// MaxFileBytes caps the size of a configuration file.
const MaxFileBytes = 1 << 20

// plannedSections are sections of the contract that this build does not
// serve yet: naming one gets a plain "not supported" instead of "unknown".
var plannedSections = []string{"safeguard", "centrify", "miniorange"}

// Config is a loaded, checked configuration.
type Config struct {
	// Path is the file it was read from; Dir its folder, against which
	// relative paths are resolved.
	Path, Dir string
	// Keys are the configured encryption keys in order; the first encrypts.
	Keys []KeyRef
	// Keyring holds the loaded keys.
	Keyring *xmlenc.Keyring
	// Logging holds the logging settings.
	Logging Logging
	// Sections holds each provider section given, by element name.
	Sections map[string]*schema.Values
	// Server holds the <server> section (defaults when absent).
	Server Server
}

// KeyRef names one key file.
type KeyRef struct {
	Name, File string
}

// Logging holds the <logging> section.
type Logging struct {
	Level  logrus.Level
	Format string // "text" or "json"
	// LogConfigFiles are the log_config.xml files named, resolved.
	LogConfigFiles []string
	// Masks are their rules, in file order.
	Masks []masking.Rule
}

// Section returns the values of the named provider section, or nil when the
// file has none.
func (c *Config) Section(name string) *schema.Values {
	if c == nil {
		return nil
	}
	return c.Sections[name]
}

// Load reads and checks the configuration file at path. sections maps each
// provider section this build serves to the spec of its elements. The error,
// when not nil, joins every problem found, each an *schema.ElementError
// naming its element; a key file's problem wraps its *xmlenc.KeyFileError.
func Load(path string, sections map[string]*schema.Spec) (*Config, error) {
	data, err := readFile(path)
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	cfg, err := Parse(data, filepath.Dir(abs), sections)
	if cfg != nil {
		cfg.Path = abs
	}
	return cfg, err
}

// readFile reads at most MaxFileBytes of path.
func readFile(path string) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("configuration file: %w", err)
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("configuration file %s: not a regular file", path)
	}
	if info.Size() > MaxFileBytes {
		return nil, fmt.Errorf("configuration file %s: larger than %d bytes", path, MaxFileBytes)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("configuration file: %w", err)
	}
	return data, nil
}

// Parse checks a configuration document whose relative paths are relative to
// dir. See Load.
func Parse(data []byte, dir string, sections map[string]*schema.Spec) (*Config, error) {
	root, err := schema.ParseDocument(data)
	if err != nil {
		return nil, err
	}
	if root.Data != Root {
		return nil, &schema.ElementError{Element: root.Data, Problem: "not an adapter configuration: the root must be <" + Root + ">"}
	}
	cfg := &Config{Dir: dir, Sections: map[string]*schema.Values{}, Logging: Logging{Level: logrus.InfoLevel, Format: "text"},
		Server: Server{ListenAddress: DefaultListenAddress}}
	var errs []error
	if err := schema.CheckNoAttributes(root); err != nil {
		errs = append(errs, err)
	}
	seen := map[string]bool{}
	sawEncryption := false
	for n := root.FirstChild; n != nil; n = n.NextSibling {
		if n.Type != xmlquery.ElementNode {
			if (n.Type == xmlquery.TextNode || n.Type == xmlquery.CharDataNode) && strings.TrimSpace(n.Data) != "" {
				errs = append(errs, &schema.ElementError{Element: Root, Problem: "holds text outside its sections"})
			}
			continue
		}
		name := n.Data
		if seen[name] {
			errs = append(errs, &schema.ElementError{Element: name, Problem: "given more than once"})
			continue
		}
		seen[name] = true
		switch {
		case name == "encryption":
			sawEncryption = true
			errs = append(errs, cfg.readEncryption(n)...)
		case name == "logging":
			errs = append(errs, cfg.readLogging(n)...)
		case name == "server":
			errs = append(errs, cfg.readServer(n)...)
		case sections[name] != nil:
			errs = append(errs, cfg.readSection(n, sections[name])...)
		case slices.Contains(plannedSections, name):
			errs = append(errs, &schema.ElementError{Element: name, Problem: "this section is not supported by this version of pamadapter"})
		default:
			errs = append(errs, &schema.ElementError{Element: name, Problem: "unknown section; allowed: " + strings.Join(allowedSections(sections), ", ")})
		}
	}
	if !sawEncryption {
		errs = append(errs, &schema.ElementError{Element: "encryption", Problem: "required section is missing: name at least one <key name=\"...\" file=\"...\"/> (make a key with `pamadapter keygen`)"})
	}
	if len(errs) > 0 {
		return cfg, errors.Join(errs...)
	}
	return cfg, nil
}

// allowedSections lists the top-level elements a file may hold.
func allowedSections(sections map[string]*schema.Spec) []string {
	names := []string{"encryption", "logging", "server"}
	for name := range sections {
		names = append(names, name)
	}
	slices.Sort(names[3:])
	return names
}

// readSection checks one provider section against its spec.
func (c *Config) readSection(n *xmlquery.Node, spec *schema.Spec) []error {
	fields, errs := readFields(n)
	values, err := spec.Check(fields, n.Data, c.Dir)
	if err != nil {
		return append(errs, notAgain(unjoin(err), errs)...)
	}
	if len(errs) == 0 {
		c.Sections[n.Data] = values
	}
	return errs
}

// readFields reads the elements of section n, as schema.ReadFields does,
// and reports every problem with the section's name before the element's
// (as in "cyberark/ca-file"), as Spec.Check does.
func readFields(n *xmlquery.Node) ([]schema.Field, []error) {
	var errs []error
	if err := schema.CheckNoAttributes(n); err != nil {
		errs = append(errs, err)
	}
	fields, err := schema.ReadFields(n)
	if err == nil {
		return fields, errs
	}
	for _, e := range unjoin(err) {
		var ee *schema.ElementError
		if errors.As(e, &ee) && ee.Element != "" && ee.Element != n.Data {
			ee.Element = n.Data + "/" + ee.Element
		}
		errs = append(errs, e)
	}
	return fields, errs
}

// notAgain drops from checked the problems of elements already reported
// in read: an element that could not be read is not also "missing".
func notAgain(checked, read []error) []error {
	bad := map[string]bool{}
	for _, e := range read {
		var ee *schema.ElementError
		if errors.As(e, &ee) {
			bad[ee.Element] = true
		}
	}
	var keep []error
	for _, e := range checked {
		var ee *schema.ElementError
		if errors.As(e, &ee) && bad[ee.Element] {
			continue
		}
		keep = append(keep, e)
	}
	return keep
}

// unjoin splits an errors.Join result back into its parts.
func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// resolve makes a configured path absolute against the configuration folder.
func (c *Config) resolve(p string) string {
	if p == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(c.Dir, p)
}
