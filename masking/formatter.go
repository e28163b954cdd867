// Package masking keeps secrets out of logs: a logrus formatter that masks
// the message and every field of a copy of each entry before the wrapped
// formatter writes it.
//
// The built-in masks are always on. (Operator patterns from log_config.xml
// come on top of them.)
package masking

import (
	"fmt"
	"io"

	"github.com/sirupsen/logrus"
)

// Masker rewrites a text so it holds no secret.
type Masker interface {
	Mask(s string) string
}

// MaskerFunc adapts a function to Masker.
type MaskerFunc func(string) string

// Mask implements Masker.
func (f MaskerFunc) Mask(s string) string { return f(s) }

// Formatter masks each entry, then hands it to Inner.
type Formatter struct {
	Inner  logrus.Formatter
	Masker Masker
}

// NewFormatter wraps inner with m (the built-in masks when m is nil).
func NewFormatter(inner logrus.Formatter, m Masker) *Formatter {
	if m == nil {
		m = Builtin()
	}
	return &Formatter{Inner: inner, Masker: m}
}

// NewLogger makes a logger that writes to w at level, as text or (json
// true) JSON, every entry masked by m (the built-in masks when nil) before
// it is formatted. Every logger pamadapter makes is made here.
func NewLogger(w io.Writer, level logrus.Level, json bool, m Masker) *logrus.Logger {
	var inner logrus.Formatter = &logrus.TextFormatter{DisableColors: true, FullTimestamp: true}
	if json {
		inner = &logrus.JSONFormatter{}
	}
	return &logrus.Logger{
		Out:       w,
		Formatter: NewFormatter(inner, m),
		Hooks:     make(logrus.LevelHooks),
		Level:     level,
		ExitFunc:  func(int) {},
	}
}

// Format implements logrus.Formatter. The entry itself is left untouched:
// only a copy is masked.
func (f *Formatter) Format(e *logrus.Entry) ([]byte, error) {
	masked := *e
	masked.Message = f.Masker.Mask(e.Message)
	masked.Data = make(logrus.Fields, len(e.Data))
	for k, v := range e.Data {
		masked.Data[k] = f.maskValue(v)
	}
	return f.Inner.Format(&masked)
}

// maskValue masks a field's value as the text it would be written as.
func (f *Formatter) maskValue(v any) any {
	switch t := v.(type) {
	case string:
		return f.Masker.Mask(t)
	case nil, bool, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, float32, float64:
		return v
	case error:
		return f.Masker.Mask(t.Error())
	default:
		return f.Masker.Mask(fmt.Sprint(t))
	}
}
