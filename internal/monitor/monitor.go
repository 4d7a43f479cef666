// Package monitor is `leakwatch monitor`: it scans target groups on their schedules with
// the same pipeline as `leakwatch scan`, records every run in the history store,
// compares each run with the group's previous complete one, and queues alerts about
// what changed in the same transaction as the run, so that a restart loses nothing and
// repeats nothing.
package monitor

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/leakwatch/leakwatch/internal/alert"
	"github.com/leakwatch/leakwatch/internal/detect"
	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/history"
	"github.com/leakwatch/leakwatch/internal/scan"
	"github.com/leakwatch/leakwatch/internal/verify"
)

// Errors from ScanNow and TriggerScan.
var (
	ErrUnknownGroup = errors.New("no such target group")
	ErrBusy         = errors.New("a scan of this group is already running")
	// ErrStopped: the monitor is stopping and cut the scan short; nothing was recorded.
	ErrStopped = errors.New("scan stopped by shutdown; not recorded")
	// ErrSpooled: the store could not take the run; it waits in the spool.
	ErrSpooled = errors.New("history store unreachable; run spooled")
)

// Options are the monitor's collaborators.
type Options struct {
	Logger *slog.Logger
	// ConfigPath is re-read by Reload; empty disables reloading.
	ConfigPath string
	// Getenv resolves the secrets a configuration names (os.Getenv by default).
	Getenv func(string) string
	// Version is recorded in every run's report.
	Version string
	// Engine is the detection engine (detect.Default() by default); tests share one.
	Engine *detect.Engine
}

// GroupStatus is what the dashboard shows about a group.
type GroupStatus struct {
	Name     string    `json:"name"`
	Targets  []string  `json:"targets"`
	Schedule string    `json:"schedule"`
	Running  bool      `json:"running"`
	Next     time.Time `json:"next,omitzero"`
}

// Monitor runs the schedules.
type Monitor struct {
	store      *history.DB
	log        *slog.Logger
	getenv     func(string) string
	version    string
	configPath string
	engine     *detect.Engine
	metrics    *Metrics
	dispatch   *alert.Dispatcher
	spool      *spool

	// saveMu keeps recording in order: spooled runs first, one run at a time.
	saveMu sync.Mutex
	// summaries caches what flap damping needs of recent runs, by run id.
	summaries map[int64]*runSummary

	mu      sync.Mutex
	cfg     *Config
	filters []alert.Route
	running map[string]bool
	next    map[string]time.Time
	reload  chan struct{} // restarts the schedulers after a reload
	bg      sync.WaitGroup
	baseCtx context.Context
}

// New prepares a monitor over an open store. It fails when the configuration names a
// secret that is not there.
func New(cfg *Config, store *history.DB, opts Options) (*Monitor, error) {
	m := &Monitor{store: store, log: opts.Logger, getenv: opts.Getenv, version: opts.Version,
		configPath: opts.ConfigPath, engine: opts.Engine, running: map[string]bool{}, next: map[string]time.Time{},
		reload: make(chan struct{}, 1), baseCtx: context.Background()}
	if m.log == nil {
		m.log = slog.New(slog.DiscardHandler)
	}
	if m.getenv == nil {
		m.getenv = os.Getenv
	}
	if m.engine == nil {
		m.engine = detect.Default()
	}
	senders, filters, err := cfg.routes(m.getenv)
	if err != nil {
		return nil, err
	}
	if err := cfg.Prepare(context.Background(), m.getenv); err != nil {
		return nil, err
	}
	m.cfg, m.filters = cfg, filters
	spoolDir := cfg.Path(cfg.Spool.Dir)
	if spoolDir == "" {
		spoolDir = defaultSpoolDir(store.String(), cfg.dir)
	}
	m.spool = newSpool(spoolDir, cfg.Spool.MaxRuns)
	m.summaries = map[int64]*runSummary{}
	m.metrics = newMetrics(store, m.spool)
	m.dispatch = alert.NewDispatcher(store, senders, m.log)
	m.dispatch.Backoff = alert.Backoff{Initial: cfg.Delivery.InitialBackoff, Max: cfg.Delivery.MaxBackoff}
	m.dispatch.OnResult = m.metrics.observeDelivery
	return m, nil
}

// Store is the history store.
func (m *Monitor) Store() *history.DB { return m.store }

// SpoolDir is where runs wait while the store is unreachable.
func (m *Monitor) SpoolDir() string { return m.spool.dir }

// Metrics are the monitor's metrics.
func (m *Monitor) Metrics() *Metrics { return m.metrics }

// Dispatcher delivers the alert outbox.
func (m *Monitor) Dispatcher() *alert.Dispatcher { return m.dispatch }

// Config is the configuration in force.
func (m *Monitor) Config() *Config {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.cfg
}

// Groups reports every group's schedule and state.
func (m *Monitor) Groups() []GroupStatus {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []GroupStatus
	for _, g := range m.cfg.Groups {
		sched := g.Schedule.Cron
		if sched == "" {
			sched = "every " + g.Schedule.Interval.String()
		}
		out = append(out, GroupStatus{Name: g.Name, Targets: slices.Clone(g.Targets), Schedule: sched,
			Running: m.running[g.Name], Next: m.next[g.Name]})
	}
	return out
}

// Run schedules every group and delivers alerts until ctx ends, then waits for scans in
// flight to stop.
func (m *Monitor) Run(ctx context.Context) error {
	m.mu.Lock()
	m.baseCtx = ctx
	m.mu.Unlock()
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); m.dispatch.Run(ctx) }()
	go func() { defer wg.Done(); m.keepStore(ctx) }()
	for {
		schedCtx, cancel := context.WithCancel(ctx)
		m.mu.Lock()
		groups := slices.Clone(m.cfg.Groups)
		m.mu.Unlock()
		var sw sync.WaitGroup
		for i := range groups {
			sw.Add(1)
			go func(g Group) { defer sw.Done(); m.schedule(schedCtx, ctx, &g) }(groups[i])
		}
		select {
		case <-ctx.Done():
		case <-m.reload:
		}
		cancel()
		sw.Wait()
		if ctx.Err() != nil {
			break
		}
	}
	m.bg.Wait()
	wg.Wait()
	m.dispatch.Close()
	if n := m.spool.Len(); n > 0 {
		m.log.Warn("stopping with runs in the spool; they are recorded at the next start", "spooled", n, "dir", m.spool.dir)
	}
	return nil
}

// schedule runs one group's scans at its times until schedCtx ends. Scans run under
// runCtx so that a reload does not cut a scan in flight.
func (m *Monitor) schedule(schedCtx, runCtx context.Context, g *Group) {
	sched, err := g.schedule()
	if err != nil {
		m.log.Error("schedule", "group", g.Name, "err", err)
		return
	}
	next := m.firstRun(schedCtx, g, sched)
	for {
		if next.IsZero() {
			// A cron schedule with no time left: a zero time would fire the timer at
			// once, every time, scanning back to back.
			m.log.Error("schedule never fires again; group not scheduled", "group", g.Name)
			return
		}
		m.mu.Lock()
		m.next[g.Name] = next
		m.mu.Unlock()
		t := time.NewTimer(time.Until(next))
		select {
		case <-schedCtx.Done():
			t.Stop()
			return
		case <-t.C:
		}
		if _, err := m.ScanNow(runCtx, g.Name, "schedule"); err != nil {
			m.logScanErr(g.Name, "schedule", err)
		}
		next = sched.Next(time.Now())
	}
}

// firstRun picks the first scan time: now when the group never ran or its last run is
// overdue (and run_on_start is on), else when the schedule says, so that restarting the
// monitor does not rescan everything at once.
func (m *Monitor) firstRun(ctx context.Context, g *Group, sched nextRun) time.Time {
	now := time.Now()
	if !g.runOnStart() {
		return sched.Next(now)
	}
	runs, err := m.store.Runs(ctx, history.RunFilter{Group: g.Name, Limit: 1})
	if err != nil || len(runs) == 0 {
		return now
	}
	due := sched.Next(runs[0].Finished)
	if due.Before(now) {
		return now
	}
	return due
}

// TriggerScan starts a scan of group in the background ("scan now").
func (m *Monitor) TriggerScan(group, trigger string) error {
	m.mu.Lock()
	if !slices.ContainsFunc(m.cfg.Groups, func(g Group) bool { return g.Name == group }) {
		m.mu.Unlock()
		return fmt.Errorf("%w: %q", ErrUnknownGroup, group)
	}
	if m.running[group] {
		m.mu.Unlock()
		return ErrBusy
	}
	ctx := m.baseCtx
	m.bg.Add(1)
	m.mu.Unlock()
	go func() {
		defer m.bg.Done()
		if _, err := m.ScanNow(ctx, group, trigger); err != nil {
			m.logScanErr(group, trigger, err)
		}
	}()
	return nil
}

// logScanErr logs what ScanNow returned at the level it deserves: a stop or a spooled
// run is not an error of the scan.
func (m *Monitor) logScanErr(group, trigger string, err error) {
	switch {
	case errors.Is(err, ErrBusy), errors.Is(err, ErrStopped):
	case errors.Is(err, ErrSpooled):
		m.log.Warn("scan finished; the history store is unreachable, the run waits in the spool", "group", group, "trigger", trigger)
	default:
		m.log.Error("scan", "group", group, "trigger", trigger, "err", err)
	}
}

// ScanNow scans group, records the run, and queues alerts about what changed since the
// group's previous complete run. It returns the recorded run.
func (m *Monitor) ScanNow(ctx context.Context, group, trigger string) (history.Run, error) {
	m.mu.Lock()
	i := slices.IndexFunc(m.cfg.Groups, func(g Group) bool { return g.Name == group })
	if i < 0 {
		m.mu.Unlock()
		return history.Run{}, fmt.Errorf("%w: %q", ErrUnknownGroup, group)
	}
	if m.running[group] {
		m.mu.Unlock()
		return history.Run{}, ErrBusy
	}
	m.running[group] = true
	cfg, g, filters := m.cfg, m.cfg.Groups[i], slices.Clone(m.filters)
	m.mu.Unlock()
	defer func() {
		m.mu.Lock()
		delete(m.running, group)
		m.mu.Unlock()
	}()

	started := time.Now()
	log := m.log.With("group", group)
	log.Info("scan started", "trigger", trigger)
	rep, scanErr := m.scanUntilStop(ctx, cfg, &g)
	if scanErr != nil && ctx.Err() != nil {
		// The monitor is stopping (SIGTERM): a scan it cut short says nothing about the
		// targets, and a partial run would make the next comparison claim
		// "resolved" for everything not reached.
		log.Info("scan stopped by shutdown; not recorded", "trigger", trigger, "after", time.Since(started).Round(time.Millisecond))
		return history.Run{}, ErrStopped
	}
	if rep != nil {
		rep.Version = m.version
	}
	sr := &spooledRun{Key: newSpoolKey(), Group: group, Trigger: trigger, Started: started, Finished: time.Now(),
		Report: history.Sanitize(rep), FingerprintKey: finding.KeyID()}
	if rep != nil && !rep.Finished.IsZero() {
		sr.Finished = rep.Finished
	}
	if scanErr != nil {
		sr.Error = scanErr.Error()
	}
	run, events, err := m.record(ctx, cfg, sr, routesFor(&g, filters), m.flapWindowOf(group))
	if err != nil {
		return history.Run{}, err
	}
	log.Info("scan recorded", "run", run.ID, "status", run.Status, "services", run.Services,
		"open", run.OpenServices, "findings", run.Findings, "alert_events", events, "took", run.Duration().Round(time.Millisecond))
	return run, scanErr
}

// lastComplete is the group's newest run that finished without error.
func (m *Monitor) lastComplete(ctx context.Context, group string) (*history.Run, error) {
	var before int64
	for {
		runs, err := m.store.Runs(ctx, history.RunFilter{Group: group, Completed: true, Before: before, Limit: 20})
		if err != nil {
			return nil, err
		}
		for _, r := range runs {
			if r.Status == history.StatusOK {
				return &r, nil
			}
		}
		if len(runs) < 20 {
			return nil, nil
		}
		before = runs[len(runs)-1].ID
	}
}

// stopGrace is how long a stopping monitor waits for a scan to notice: a probe blocked
// in a read of a silent server may only see its I/O deadline.
const stopGrace = 3 * time.Second

// scanUntilStop scans g, but gives up waiting stopGrace after ctx ends: the result of a
// scan cut short is not recorded anyway, and a stop must not wait for I/O timeouts.
func (m *Monitor) scanUntilStop(ctx context.Context, cfg *Config, g *Group) (*finding.Report, error) {
	type result struct {
		rep *finding.Report
		err error
	}
	ch := make(chan result, 1)
	go func() {
		rep, err := m.scan(ctx, cfg, g)
		ch <- result{rep, err}
	}()
	select {
	case r := <-ch:
		return r.rep, r.err
	case <-ctx.Done():
	}
	t := time.NewTimer(stopGrace)
	defer t.Stop()
	select {
	case r := <-ch:
		return r.rep, r.err
	case <-t.C:
		return nil, ctx.Err()
	}
}

func (m *Monitor) scan(ctx context.Context, cfg *Config, g *Group) (*finding.Report, error) {
	jc, err := cfg.jobConfig(g, m.engine, m.log, m.getenv)
	if err != nil {
		return nil, err
	}
	if s := cfg.settingsFor(g); s.verify {
		r, err := verify.New(verify.Config{Timeout: s.verifyTimeout, Logger: m.log, UserAgent: "leakwatch/" + m.version + " (verify)",
			Known: m.knownVerdicts(ctx, g.Name, s.verifyRecheck), Network: verifyNetwork})
		if err != nil {
			return nil, err
		}
		defer r.Close()
		jc.Pipeline.Verifier = r
	}
	job, err := scan.NewJob(ctx, jc)
	if err != nil {
		return nil, err
	}
	return job.Run(ctx)
}

// verifyNetwork maps issuer hosts to local stand-ins in tests; nothing else sets it.
var verifyNetwork *verify.Network

// knownVerdicts are the issuers' verdicts recorded by the group's last complete run, by
// secret fingerprint, reused while younger than recheck so that a monitor does not ask
// an issuer about the same secret on every run.
func (m *Monitor) knownVerdicts(ctx context.Context, group string, recheck time.Duration) func(string) (verify.Result, bool) {
	p, err := m.lastComplete(ctx, group)
	if err != nil || p == nil {
		return nil
	}
	rep, err := m.store.Report(ctx, p.ID)
	if err != nil {
		m.log.Warn("verification: earlier verdicts unavailable", "group", group, "err", err)
		return nil
	}
	known := map[string]verify.Result{}
	now := time.Now()
	for _, f := range rep.Findings {
		if f.SHA256 == "" || (f.Verified != finding.VerifiedLive && f.Verified != finding.VerifiedRevoked) {
			continue
		}
		at, err := time.Parse(time.RFC3339, f.VerifiedAt)
		if err != nil || now.Sub(at) > recheck {
			continue
		}
		known[f.SHA256] = verify.Result{Status: f.Verified, Identity: f.VerifiedIdentity, Reason: f.VerifiedReason, By: f.VerifiedBy, At: at}
	}
	return func(fp string) (verify.Result, bool) { r, ok := known[fp]; return r, ok }
}

func routesFor(g *Group, all []alert.Route) []alert.Route {
	if len(g.Alerts) == 0 {
		return all
	}
	var out []alert.Route
	for _, r := range all {
		if slices.Contains(g.Alerts, r.Name) {
			out = append(out, r)
		}
	}
	return out
}

func (m *Monitor) runURL(cfg *Config, run int64) string {
	if cfg.Web.URL == "" {
		return ""
	}
	u := cfg.Web.URL
	if u[len(u)-1] != '/' {
		u += "/"
	}
	return u + "runs/" + strconv.FormatInt(run, 10)
}

// Reload re-reads the configuration file. An invalid file, or one naming a secret that
// is not there, leaves the running configuration in force and returns the error. The
// store location and web settings take effect only after a restart.
func (m *Monitor) Reload() error {
	if m.configPath == "" {
		return errors.New("no configuration file to reload")
	}
	cfg, err := LoadConfig(m.configPath)
	if err == nil {
		err = m.Apply(cfg)
	}
	if err != nil {
		m.metrics.reloads.WithLabelValues("error").Inc()
		m.log.Error("configuration reload failed; keeping the running configuration", "err", err)
		return err
	}
	m.metrics.reloads.WithLabelValues("ok").Inc()
	m.log.Info("configuration reloaded", "groups", len(cfg.Groups), "routes", len(cfg.Alerts))
	return nil
}

// Apply puts a validated configuration in force.
func (m *Monitor) Apply(cfg *Config) error {
	senders, filters, err := cfg.routes(m.getenv)
	if err != nil {
		return err
	}
	if err := cfg.Prepare(context.Background(), m.getenv); err != nil {
		return err
	}
	m.mu.Lock()
	m.cfg, m.filters = cfg, filters
	m.next = map[string]time.Time{}
	m.mu.Unlock()
	m.dispatch.SetBackoff(alert.Backoff{Initial: cfg.Delivery.InitialBackoff, Max: cfg.Delivery.MaxBackoff})
	m.dispatch.SetRoutes(senders)
	select {
	case m.reload <- struct{}{}:
	default:
	}
	return nil
}
