package main

import (
	"io"

	"github.com/sirupsen/logrus"

	"github.com/pamadapter/pamadapter/config"
	"github.com/pamadapter/pamadapter/masking"
)

// newLogger makes the process's logger: to w, at the configured level and
// format, every entry masked (log_config.xml rules, then the built-in
// masks) before it is written.
func newLogger(w io.Writer, settings config.Logging) *logrus.Logger {
	return masking.NewLogger(w, settings.Level, settings.Format == "json", masking.NewRules(settings.Masks))
}

// defaultLogging is used until a configuration is loaded.
var defaultLogging = config.Logging{Level: logrus.InfoLevel, Format: "text"}
