package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/sirupsen/logrus"

	"github.com/pamadapter/pamadapter/adapter"
	"github.com/pamadapter/pamadapter/schema"
)

// Handler routes the service's endpoints. /healthz and /readyz answer
// anyone (load balancers probe them); /v1/requests and /metrics need an
// authenticated caller.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/requests", s.authenticated(s.serveRequest))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		writeText(w, http.StatusOK, "ok\n")
	})
	mux.HandleFunc("GET /readyz", s.serveReady)
	metrics := promhttp.HandlerFor(s.metrics.registry, promhttp.HandlerOpts{})
	mux.HandleFunc("GET /metrics", s.authenticated(metrics.ServeHTTP))
	return mux
}

// authenticated refuses callers that do not authenticate (401, logged
// without the token they presented).
func (s *Server) authenticated(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c := s.authenticate(r)
		if !c.ok {
			s.metrics.refused.WithLabelValues("unauthenticated").Inc()
			s.opts.Log.WithFields(logrus.Fields{"method": r.Method, "path": r.URL.Path, "remote": r.RemoteAddr, "reason": c.why}).
				Warn("caller authentication failed")
			w.Header().Set("WWW-Authenticate", `Bearer realm="pamadapter"`)
			writeText(w, http.StatusUnauthorized, "authentication required\n")
			return
		}
		next(w, r.WithContext(context.WithValue(r.Context(), callerKey{}, c.name)))
	}
}

// callerKey carries the caller's name in a request's context.
type callerKey struct{}

// serveReady answers 200 when the service can serve requests.
func (s *Server) serveReady(w http.ResponseWriter, _ *http.Request) {
	if s.opts.Ready != nil {
		if err := s.opts.Ready(); err != nil {
			s.opts.Log.WithField("error", err.Error()).Warn("not ready")
			writeText(w, http.StatusServiceUnavailable, "not ready\n")
			return
		}
	}
	writeText(w, http.StatusOK, "ready\n")
}

// serveRequest answers POST /v1/requests: 200 with the adapter response
// whenever one is produced, 400 for a body that is not a request at all,
// 413 for a body over the limit, 503 when too many requests are in flight.
func (s *Server) serveRequest(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	select {
	case s.inFlight <- struct{}{}:
		defer func() { <-s.inFlight }()
	default:
		s.metrics.refused.WithLabelValues("busy").Inc()
		w.Header().Set("Retry-After", "1")
		s.access(r, http.StatusServiceUnavailable, logrus.Fields{"refused": "too many requests in flight"}, start)
		writeText(w, http.StatusServiceUnavailable, "too many requests in flight; retry later\n")
		return
	}
	s.metrics.inFlight.Inc()
	defer s.metrics.inFlight.Dec()

	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.opts.MaxBodyBytes))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			resp := schema.ErrorResponse("adapter-response", string(adapter.CodeInvalidRequest), fmt.Sprintf("the request is larger than %d bytes", s.opts.MaxBodyBytes))
			s.reply(w, r, http.StatusRequestEntityTooLarge, resp, adapter.Outcome{}, start)
			return
		}
		s.opts.Log.WithField("error", err.Error()).Debug("reading a request body failed")
		writeText(w, http.StatusBadRequest, "cannot read the request body\n")
		return
	}
	req, err := schema.ParseRequestBytes(body)
	if err != nil {
		status := http.StatusOK
		if req == nil {
			status = http.StatusBadRequest // not an adapter request at all
		}
		resp := schema.ErrorResponse(req.ResponseRoot(), string(adapter.CodeInvalidRequest), adapter.ErrorText(err))
		s.reply(w, r, status, resp, adapter.Outcome{}, start)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.opts.RequestTimeout)
	defer cancel()
	ctx = httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
		GotConn: func(info httptrace.GotConnInfo) {
			s.metrics.connections.WithLabelValues(strconv.FormatBool(info.Reused)).Inc()
		},
	})
	resp, outcome := s.opts.Adapter.Handle(ctx, req)
	s.reply(w, r, http.StatusOK, resp, outcome, start)
}

// reply writes resp, counts it and writes the access line.
func (s *Server) reply(w http.ResponseWriter, r *http.Request, status int, resp *schema.Response, out adapter.Outcome, start time.Time) {
	data := resp.Bytes()
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(status)
	_, _ = w.Write(data)
	adapterStatus, code := resp.Status, ""
	if resp.Status == schema.StatusSuccess {
		code = strconv.Itoa(resp.StatusCode)
	} else {
		adapterStatus = resp.ErrorCode
	}
	s.metrics.requests.WithLabelValues(out.Provider, out.Operation, adapterStatus, code).Inc()
	s.metrics.duration.WithLabelValues(out.Provider, out.Operation).Observe(time.Since(start).Seconds())
	fields := logrus.Fields{}
	if out.Operation != "" {
		fields["operation"] = out.Operation
	}
	if resp.Status == schema.StatusSuccess {
		fields["provider_status"] = resp.StatusCode
	} else {
		fields["error_code"] = resp.ErrorCode
	}
	s.access(r, status, fields, start)
}

// access writes the one access line of a request: method, path, caller,
// operation, status and duration.
func (s *Server) access(r *http.Request, status int, fields logrus.Fields, start time.Time) {
	name, _ := r.Context().Value(callerKey{}).(string)
	s.opts.Log.WithFields(fields).WithFields(logrus.Fields{
		"method":   r.Method,
		"path":     r.URL.Path,
		"caller":   name,
		"status":   status,
		"duration": time.Since(start).Round(time.Microsecond).String(),
	}).Info("access")
}

// writeText writes a short plain-text answer.
func writeText(w http.ResponseWriter, status int, text string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, text)
}
