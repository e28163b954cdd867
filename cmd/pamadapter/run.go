package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/sirupsen/logrus"

	"github.com/pamadapter/pamadapter/adapter"
	"github.com/pamadapter/pamadapter/config"
	"github.com/pamadapter/pamadapter/schema"
)

func cmdRun(ctx context.Context, s *streams, args []string) int {
	fs := newFlags(s, "run")
	configPath := fs.String("config", "", "the adapter configuration `file` (required)")
	inPath := fs.String("in", "", "read the request from `file` instead of stdin")
	outPath := fs.String("out", "", "write the response to `file` (mode 0600) instead of stdout")
	if done, status := parseFlags(fs, s, args); done {
		return status
	}
	in := s.stdin
	if *inPath != "" {
		f, err := os.Open(*inPath)
		if err != nil {
			fmt.Fprintf(s.stderr, "pamadapter run: %v\n", err)
			return writeResponse(s, *outPath, schema.ErrorResponse("adapter-response", string(adapter.CodeInvalidRequest), fmt.Sprintf("cannot read the request: %v", err)))
		}
		defer f.Close()
		in = f
	}
	resp := serveOne(ctx, *configPath, in, s.stderr)
	return writeResponse(s, *outPath, resp)
}

// serveOne answers one request read from in, with the configuration at
// configPath, logging to logw. It is the code path of both run and demo.
func serveOne(ctx context.Context, configPath string, in io.Reader, logw io.Writer) *schema.Response {
	log := newLogger(logw, defaultLogging)
	req, err := schema.ParseRequest(in, schema.DefaultMaxRequestBytes)
	if err != nil {
		text := adapter.ErrorText(err)
		log.WithFields(logrus.Fields{"error_code": string(adapter.CodeInvalidRequest), "error": text}).Warn("request refused")
		return schema.ErrorResponse(req.ResponseRoot(), string(adapter.CodeInvalidRequest), text)
	}
	if configPath == "" {
		const text = "no configuration file: give --config FILE"
		log.WithField("error_code", string(adapter.CodeInvalidConfig)).Warn(text)
		return schema.ErrorResponse(req.ResponseRoot(), string(adapter.CodeInvalidConfig), text)
	}
	cfg, err := config.Load(configPath, adapter.ConfigSpecs(providers()...))
	if err != nil {
		text := "configuration " + configPath + ": " + adapter.ErrorText(err)
		log.WithFields(logrus.Fields{"error_code": string(adapter.CodeInvalidConfig), "error": text}).Error("configuration refused")
		return schema.ErrorResponse(req.ResponseRoot(), string(adapter.CodeInvalidConfig), text)
	}
	a, err := adapter.New(cfg, newLogger(logw, cfg.Logging), providers()...)
	if err != nil {
		return schema.ErrorResponse(req.ResponseRoot(), string(adapter.CodeInternal), err.Error())
	}
	return a.Serve(ctx, req)
}

// writeResponse writes resp to outPath (or stdout) and returns the exit
// status the contract gives it.
func writeResponse(s *streams, outPath string, resp *schema.Response) int {
	data := resp.Bytes()
	if outPath == "" {
		if _, err := s.stdout.Write(data); err != nil {
			fmt.Fprintf(s.stderr, "pamadapter run: cannot write the response: %v\n", err)
			return adapter.ExitInternal
		}
		return adapter.ExitStatus(resp)
	}
	if err := os.WriteFile(outPath, data, 0o600); err != nil {
		fmt.Fprintf(s.stderr, "pamadapter run: cannot write the response: %v\n", err)
		return adapter.ExitInternal
	}
	return adapter.ExitStatus(resp)
}
