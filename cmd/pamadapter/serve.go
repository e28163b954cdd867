package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/pamadapter/pamadapter/adapter"
	"github.com/pamadapter/pamadapter/config"
	"github.com/pamadapter/pamadapter/schema/xmlenc"
	"github.com/pamadapter/pamadapter/server"
)

func cmdServe(ctx context.Context, s *streams, args []string) int {
	fs := newFlags(s, "serve")
	configPath := fs.String("config", "", "the adapter configuration `file` (required); its <server> section says how to listen")
	if done, status := parseFlags(fs, s, args); done {
		return status
	}
	if *configPath == "" {
		fmt.Fprintln(s.stderr, "pamadapter serve: give --config FILE")
		return 2
	}
	cfg, err := config.Load(*configPath, adapter.ConfigSpecs(providers()...))
	if err != nil {
		fmt.Fprintf(s.stderr, "pamadapter serve: configuration %s: %s\n", *configPath, adapter.ErrorText(err))
		return 2
	}
	log := newLogger(s.stderr, cfg.Logging)
	a, err := adapter.New(cfg, log, providers()...)
	if err != nil {
		fmt.Fprintf(s.stderr, "pamadapter serve: %v\n", err)
		return 4
	}
	a.IdentityDirs = cfg.Server.AllowedIdentityDirs
	opts, err := serverOptions(cfg, a)
	if err != nil {
		fmt.Fprintf(s.stderr, "pamadapter serve: %v\n", err)
		return 2
	}
	opts.Log = log
	srv, err := server.New(opts)
	if err != nil {
		fmt.Fprintf(s.stderr, "pamadapter serve: %v\n", err)
		return 2
	}
	if err := srv.Run(ctx, nil); err != nil {
		fmt.Fprintf(s.stderr, "pamadapter serve: %v\n", err)
		return 4
	}
	return 0
}

// serverOptions turns the <server> section into the service's options.
func serverOptions(cfg *config.Config, a *adapter.Adapter) (server.Options, error) {
	sc := cfg.Server
	opts := server.Options{
		Adapter:            a,
		ListenAddress:      sc.ListenAddress,
		TLSCertificateFile: sc.TLSCertificateFile,
		TLSPrivateKeyFile:  sc.TLSPrivateKeyFile,
		ClientCAFile:       sc.ClientCAFile,
		MaxBodyBytes:       sc.MaxRequestBytes,
		MaxInFlight:        sc.MaxInFlight,
		RequestTimeout:     sc.RequestDeadline,
		ReadHeaderTimeout:  sc.ReadHeaderTimeout,
		IdleTimeout:        sc.IdleTimeout,
		ShutdownGrace:      sc.ShutdownGrace,
		Ready:              readiness(cfg),
	}
	for _, h := range sc.BearerTokenSHA256 {
		sum, ok := server.ParseTokenHash(h)
		if !ok {
			return opts, errors.New("server/bearer-token-sha256: not a SHA-256 in hex")
		}
		opts.BearerTokenHashes = append(opts.BearerTokenHashes, sum)
	}
	return opts, nil
}

// readiness reports the service ready while its key files still load.
func readiness(cfg *config.Config) func() error {
	return func() error {
		for _, k := range cfg.Keys {
			if _, err := loadKey(k); err != nil {
				return err
			}
		}
		return nil
	}
}

// loadKey checks that a configured key file still loads.
func loadKey(k config.KeyRef) (*xmlenc.Key, error) {
	return xmlenc.LoadKeyFile(k.Name, k.File)
}
