package server

import (
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// metrics are the service's Prometheus metrics.
type metrics struct {
	registry    *prometheus.Registry
	requests    *prometheus.CounterVec
	duration    *prometheus.HistogramVec
	inFlight    prometheus.Gauge
	connections *prometheus.CounterVec
	refused     *prometheus.CounterVec
}

// newMetrics registers the metrics in registry.
func newMetrics(registry *prometheus.Registry) *metrics {
	m := &metrics{
		registry: registry,
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "pamadapter_requests_total",
			Help: "Adapter requests answered, by provider, operation, adapter status (success or the error code) and the provider's HTTP status code.",
		}, []string{"provider", "operation", "status", "code"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "pamadapter_request_duration_seconds",
			Help:    "Time to answer an adapter request, by provider and operation.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60},
		}, []string{"provider", "operation"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "pamadapter_requests_in_flight",
			Help: "Adapter requests being served.",
		}),
		connections: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "pamadapter_provider_connections_total",
			Help: "Connections used to call vaults, by whether an idle kept-alive connection was reused.",
		}, []string{"reused"}),
		refused: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "pamadapter_http_refused_total",
			Help: "HTTP requests refused before reaching the adapter, by reason.",
		}, []string{"reason"}),
	}
	registry.MustRegister(m.requests, m.duration, m.inFlight, m.connections, m.refused,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}
