package main

import (
	"io"

	"github.com/sirupsen/logrus"

	"github.com/pamadapter/pamadapter/config"
	"github.com/pamadapter/pamadapter/masking"
)

// newLogger makes the process's logger: to w, at the configured level and
// format, every entry masked before it is written.
func newLogger(w io.Writer, settings config.Logging) *logrus.Logger {
	var inner logrus.Formatter = &logrus.TextFormatter{DisableColors: true, FullTimestamp: true}
	if settings.Format == "json" {
		inner = &logrus.JSONFormatter{}
	}
	return &logrus.Logger{
		Out:       w,
		Formatter: masking.NewFormatter(inner),
		Hooks:     make(logrus.LevelHooks),
		Level:     settings.Level,
		ExitFunc:  func(int) {},
	}
}

// defaultLogging is used until a configuration is loaded.
var defaultLogging = config.Logging{Level: logrus.InfoLevel, Format: "text"}
