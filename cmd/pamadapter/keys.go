package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/pamadapter/pamadapter/adapter"
	"github.com/pamadapter/pamadapter/config"
	"github.com/pamadapter/pamadapter/schema"
	"github.com/pamadapter/pamadapter/schema/xmlenc"
)

// maxSecretInput caps what encrypt and decrypt read from stdin.
const maxSecretInput = 4 << 20

func cmdKeygen(_ context.Context, s *streams, args []string) int {
	fs := newFlags(s, "keygen")
	out := fs.String("out", "", "the key `file` to create (refused if it exists)")
	if done, status := parseFlags(fs, s, args); done {
		return status
	}
	if *out == "" {
		fmt.Fprintln(s.stderr, "pamadapter keygen: give --out FILE")
		return 2
	}
	if err := xmlenc.GenerateKeyFile(*out, nil); err != nil {
		fmt.Fprintf(s.stderr, "pamadapter keygen: %v\n", err)
		return 2
	}
	fmt.Fprintf(s.stderr, "wrote a new AES-256 key to %s (mode 0600); name it in <encryption><key name=\"...\" file=\"%s\"/></encryption>\n", *out, *out)
	return 0
}

func cmdEncrypt(_ context.Context, s *streams, args []string) int {
	fs := newFlags(s, "encrypt")
	configPath := fs.String("config", "", "the adapter configuration `file` whose first key encrypts (required)")
	keepNewline := fs.Bool("keep-newline", false, "keep a final newline of the input (by default one final \\n or \\r\\n is dropped, as `echo` adds it)")
	if done, status := parseFlags(fs, s, args); done {
		return status
	}
	ring, status := loadKeyring(s, "encrypt", *configPath)
	if ring == nil {
		return status
	}
	data, err := readCapped(s.stdin)
	if err != nil {
		fmt.Fprintf(s.stderr, "pamadapter encrypt: %v\n", err)
		return 2
	}
	secret := string(data)
	if !*keepNewline {
		secret = strings.TrimSuffix(strings.TrimSuffix(secret, "\n"), "\r")
	}
	ed, err := ring.Encrypt(secret)
	if err != nil {
		fmt.Fprintf(s.stderr, "pamadapter encrypt: %v\n", err)
		return 2
	}
	fmt.Fprintln(s.stdout, ed.String())
	return 0
}

func cmdDecrypt(_ context.Context, s *streams, args []string) int {
	fs := newFlags(s, "decrypt")
	configPath := fs.String("config", "", "the adapter configuration `file` whose keys decrypt (required)")
	if done, status := parseFlags(fs, s, args); done {
		return status
	}
	ring, status := loadKeyring(s, "decrypt", *configPath)
	if ring == nil {
		return status
	}
	data, err := readCapped(s.stdin)
	if err != nil {
		fmt.Fprintf(s.stderr, "pamadapter decrypt: %v\n", err)
		return 2
	}
	secrets, err := openAll(ring, data)
	if err != nil {
		fmt.Fprintf(s.stderr, "pamadapter decrypt: %v\n", err)
		return 2
	}
	for _, secret := range secrets {
		fmt.Fprintln(s.stdout, secret)
	}
	return 0
}

// openAll decrypts every secure context item in data.
func openAll(ring *xmlenc.Keyring, data []byte) ([]string, error) {
	items, err := schema.SealedItems(data)
	if err != nil {
		return nil, err
	}
	if len(items) == 0 {
		return nil, fmt.Errorf("the input holds no <EncryptedData> item")
	}
	secrets := make([]string, 0, len(items))
	for _, ed := range items {
		secret, err := ring.Decrypt(ed)
		if err != nil {
			return nil, err
		}
		secrets = append(secrets, secret)
	}
	return secrets, nil
}

// loadKeyring loads the configuration's keys; on failure it reports and
// returns the exit status.
func loadKeyring(s *streams, cmd, path string) (*xmlenc.Keyring, int) {
	if path == "" {
		fmt.Fprintf(s.stderr, "pamadapter %s: give --config FILE\n", cmd)
		return nil, 2
	}
	cfg, err := config.Load(path, adapter.ConfigSpecs(providers()...))
	if err != nil {
		fmt.Fprintf(s.stderr, "pamadapter %s: configuration %s: %s\n", cmd, path, adapter.ErrorText(err))
		return nil, 2
	}
	return cfg.Keyring, 0
}

// readCapped reads stdin up to maxSecretInput bytes.
func readCapped(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxSecretInput+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read stdin: %w", err)
	}
	if len(data) > maxSecretInput {
		return nil, fmt.Errorf("the input is larger than %d bytes", maxSecretInput)
	}
	return data, nil
}
