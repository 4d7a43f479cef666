package monitor

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/history"
)

// Metrics are the monitor's Prometheus metrics, in a registry of their own so that
// tests can run several monitors in one process.
type Metrics struct {
	reg          *prometheus.Registry
	scans        *prometheus.CounterVec
	duration     *prometheus.HistogramVec
	services     *prometheus.GaugeVec
	openServices *prometheus.GaugeVec
	findings     *prometheus.GaugeVec
	lastScan     *prometheus.GaugeVec
	deliveries   *prometheus.CounterVec
	failures     *prometheus.CounterVec
	reloads      *prometheus.CounterVec
	storeUp      prometheus.Gauge
	spoolDropped prometheus.Counter
	pruned       prometheus.Counter

	pendingMu   sync.Mutex
	lastPending float64
}

func newMetrics(store *history.DB, sp *spool) *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		scans: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "leakwatch_scans_total",
			Help: "Scans run, by target group and outcome (ok, partial, failed)."}, []string{"group", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "leakwatch_scan_duration_seconds",
			Help: "How long scans take.", Buckets: prometheus.ExponentialBuckets(0.5, 2, 14)}, []string{"group"}),
		services: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "leakwatch_services",
			Help: "Data stores identified by the group's last scan."}, []string{"group"}),
		openServices: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "leakwatch_open_services",
			Help: "Data stores readable without real credentials in the group's last scan."}, []string{"group"}),
		findings: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "leakwatch_findings",
			Help: "Findings of the group's last scan, by severity."}, []string{"group", "severity"}),
		lastScan: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "leakwatch_last_scan_timestamp_seconds",
			Help: "When the group's last scan finished."}, []string{"group"}),
		deliveries: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "leakwatch_alert_deliveries_total",
			Help: "Alert delivery attempts, by route and result (delivered, failed)."}, []string{"route", "result"}),
		failures: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "leakwatch_alert_delivery_failures_total",
			Help: "Alert deliveries that failed, by route."}, []string{"route"}),
		reloads: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "leakwatch_config_reloads_total",
			Help: "Configuration reloads, by result (ok, error)."}, []string{"result"}),
		storeUp: prometheus.NewGauge(prometheus.GaugeOpts{Name: "leakwatch_store_up",
			Help: "1 when the history store answered the last check or write, 0 when it did not."}),
		spoolDropped: prometheus.NewCounter(prometheus.CounterOpts{Name: "leakwatch_spool_dropped_runs_total",
			Help: "Spooled runs dropped because the spool was full."}),
		pruned: prometheus.NewCounter(prometheus.CounterOpts{Name: "leakwatch_history_pruned_runs_total",
			Help: "Runs deleted by the history retention."}),
	}
	m.storeUp.Set(1)
	pending := prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "leakwatch_alerts_pending",
		Help: "Alerts waiting in the outbox for delivery (the last known count while the store is unreachable)."}, func() float64 {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		m.pendingMu.Lock()
		defer m.pendingMu.Unlock()
		// Never a made-up value: when the store does not answer, the last count stands
		// and leakwatch_store_up says why.
		if n, err := store.Pending(ctx); err == nil {
			m.lastPending = float64(n)
		}
		return m.lastPending
	})
	spooled := prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "leakwatch_spooled_runs",
		Help: "Finished runs waiting on local disk for the history store to come back."}, func() float64 {
		return float64(sp.Len())
	})
	m.reg.MustRegister(m.scans, m.duration, m.services, m.openServices, m.findings, m.lastScan, m.deliveries, m.failures, m.reloads,
		m.storeUp, m.spoolDropped, m.pruned, pending, spooled,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Handler serves the metrics in the Prometheus exposition format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// Registry is the registry the metrics live in.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

func (m *Metrics) observeRun(run history.Run) {
	m.scans.WithLabelValues(run.Group, run.Status).Inc()
	m.duration.WithLabelValues(run.Group).Observe(run.Duration().Seconds())
	m.lastScan.WithLabelValues(run.Group).Set(float64(run.Finished.Unix()))
	if run.Status == history.StatusFailed {
		return
	}
	m.services.WithLabelValues(run.Group).Set(float64(run.Services))
	m.openServices.WithLabelValues(run.Group).Set(float64(run.OpenServices))
	for s := finding.Info; s <= finding.Critical; s++ {
		m.findings.WithLabelValues(run.Group, s.String()).Set(float64(run.BySeverity[s.String()]))
	}
}

func (m *Metrics) observeDelivery(route string, err error) {
	result := "delivered"
	if err != nil {
		result = "failed"
		m.failures.WithLabelValues(route).Inc()
	}
	m.deliveries.WithLabelValues(route, result).Inc()
}
