package monitor

import (
	"context"
	"errors"
	"os"
	"slices"
	"strconv"
	"time"

	"github.com/leakwatch/leakwatch/internal/alert"
	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/history"
)

// record stores a finished run, after any runs still in the spool so that the history
// stays in order, and queues its alerts in the same transaction. When the store cannot
// take it, the run goes to the spool and ErrSpooled is returned: a scan is never thrown
// away because the database is down.
func (m *Monitor) record(ctx context.Context, cfg *Config, sr *spooledRun, routes []alert.Route, flap time.Duration) (history.Run, int, error) {
	m.saveMu.Lock()
	defer m.saveMu.Unlock()
	// Saving must not fail because the caller is shutting down.
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	if err := m.flushLocked(sctx); err == nil {
		run, events, err := m.save(sctx, cfg, sr, routes, flap)
		if err == nil {
			m.metrics.storeUp.Set(1)
			return run, events, nil
		}
		m.log.Warn("recording the run failed; spooling it", "group", sr.Group, "err", err)
	}
	m.metrics.storeUp.Set(0)
	dropped, err := m.spool.add(sr)
	if err != nil {
		// Neither the store nor the local disk takes the run: this is the one case a
		// scan is lost, and it is said loudly.
		m.log.Error("the history store is unreachable and the run could not be spooled: run lost", "group", sr.Group, "err", err)
		return history.Run{}, 0, err
	}
	if dropped > 0 {
		m.log.Warn("spool full: dropped the oldest spooled runs", "dropped", dropped, "max_runs", m.spool.max, "dir", m.spool.dir)
	}
	m.metrics.spoolDropped.Add(float64(dropped))
	return history.Run{}, 0, ErrSpooled
}

// flushLocked records the spooled runs in the order they finished, each compared with
// the run recorded before it, and stops at the first the store refuses.
func (m *Monitor) flushLocked(ctx context.Context) error {
	files, err := m.spool.list()
	if err != nil || len(files) == 0 {
		return err
	}
	cfg := m.Config()
	flushed := 0
	defer func() {
		if flushed > 0 {
			m.log.Info("spooled runs recorded", "runs", flushed, "left", len(files)-flushed)
		}
	}()
	for _, f := range files {
		sr, err := m.spool.read(f)
		if err != nil {
			// A damaged file must not block every run after it.
			m.log.Error("skipping an unreadable spooled run", "file", f, "err", err)
			_ = os.Rename(f, f+".bad")
			flushed++
			continue
		}
		run, _, err := m.save(ctx, cfg, sr, m.routesOf(sr.Group), m.flapWindowOf(sr.Group))
		if errors.Is(err, history.ErrDuplicateKey) {
			err = nil // recorded before a crash; only the file was left
		}
		if err != nil {
			return err
		}
		if err := m.spool.remove(f); err != nil {
			return err
		}
		flushed++
		if run.ID > 0 {
			m.log.Info("spooled run recorded", "group", sr.Group, "run", run.ID, "finished", sr.Finished.Format(time.RFC3339))
		}
	}
	return nil
}

// routesOf are the alert routes of group in the configuration in force.
func (m *Monitor) routesOf(group string) []alert.Route {
	m.mu.Lock()
	defer m.mu.Unlock()
	i := slices.IndexFunc(m.cfg.Groups, func(g Group) bool { return g.Name == group })
	if i < 0 {
		return nil // a group removed from the configuration: record, alert nobody
	}
	return routesFor(&m.cfg.Groups[i], slices.Clone(m.filters))
}

func (m *Monitor) flapWindowOf(group string) time.Duration {
	m.mu.Lock()
	defer m.mu.Unlock()
	i := slices.IndexFunc(m.cfg.Groups, func(g Group) bool { return g.Name == group })
	if i < 0 {
		return m.cfg.Delivery.FlapWindow
	}
	return m.cfg.flapWindow(&m.cfg.Groups[i])
}

// save computes the run's alerts against the group's last complete recorded run and
// stores both. It returns the run and how many alert events it raised.
func (m *Monitor) save(ctx context.Context, cfg *Config, sr *spooledRun, routes []alert.Route, flap time.Duration) (history.Run, int, error) {
	rec := sr.record()
	// Alerts compare complete runs only: an interrupted scan misses services, and its
	// "resolved" findings would be false alarms.
	var prev *history.Run
	var prevRep *finding.Report
	var events []alert.Event
	if rec.Report != nil && rec.Err == nil {
		p, err := m.lastComplete(ctx, sr.Group)
		if err != nil {
			return history.Run{}, 0, err
		}
		if p != nil {
			prev = p
			if prevRep, err = m.store.Report(ctx, p.ID); err != nil {
				return history.Run{}, 0, err
			}
		}
		d := history.Compare(prevRep, rec.Report)
		if prev != nil && prev.FingerprintKey != sr.FingerprintKey {
			// The runs were fingerprinted under different keys: every value-keyed
			// finding looks gone and back. Say nothing about those this once.
			kept := d.Resolved[:0]
			for _, f := range d.Resolved {
				if f.SHA256 == "" {
					kept = append(kept, f)
				}
			}
			if n := len(d.Resolved) - len(kept); n > 0 {
				m.log.Info("the fingerprint key changed since the previous run: not alerting on value findings that only changed fingerprint",
					"group", sr.Group, "previous", prev.ID, "findings", n)
			}
			d.Resolved = kept
		}
		events = alert.Events(d)
		if flap > 0 {
			var err error
			if events, err = m.damp(ctx, sr, prev, events, flap); err != nil {
				return history.Run{}, 0, err
			}
		}
	}
	var prevID int64
	if prev != nil {
		prevID = prev.ID
	}
	run, err := m.store.SaveRun(ctx, rec, func(runID int64) ([]history.OutboxItem, error) {
		return alert.Outbox(sr.Group, prevID, runID, events, routes, m.runURL(cfg, runID), time.Now())
	})
	if err != nil {
		return run, 0, err
	}
	m.metrics.observeRun(run)
	if len(events) > 0 {
		m.dispatch.Wake()
	}
	if rec.Report != nil {
		m.remember(run, rec.Report)
	}
	m.prune(ctx, sr.Group)
	return run, len(events), nil
}

// prune applies the retention to group after a run is recorded.
func (m *Monitor) prune(ctx context.Context, group string) {
	r := m.Config().Retention()
	if r.Zero() {
		return
	}
	res, err := m.store.Prune(ctx, r, group, time.Now(), false)
	if err != nil {
		m.log.Warn("applying the history retention", "group", group, "err", err)
		return
	}
	if res.Runs > 0 {
		m.metrics.pruned.Add(float64(res.Runs))
		m.log.Info("history retention applied", "group", group, "retention", r.String(), "runs_deleted", res.Runs)
	}
}

// storeCheck is how often the monitor checks an unreachable store and records what
// waits in the spool.
const storeCheck = 5 * time.Second

// keepStore watches the store: leakwatch_store_up, and spooled runs recorded as soon as
// it answers again. It also applies the retention to every group at start.
func (m *Monitor) keepStore(ctx context.Context) {
	if r := m.Config().Retention(); !r.Zero() {
		if res, err := m.store.Prune(ctx, r, "", time.Now(), false); err != nil {
			m.log.Warn("applying the history retention", "err", err)
		} else if res.Runs > 0 {
			m.metrics.pruned.Add(float64(res.Runs))
			m.log.Info("history retention applied", "retention", r.String(), "runs_deleted", res.Runs, "groups", res.Groups)
		}
	}
	t := time.NewTicker(storeCheck)
	defer t.Stop()
	for {
		if err := m.store.Ping(ctx); err != nil {
			m.metrics.storeUp.Set(0)
		} else {
			m.metrics.storeUp.Set(1)
			if m.spool.Len() > 0 {
				m.saveMu.Lock()
				sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
				if err := m.flushLocked(sctx); err != nil {
					// It answers but does not take writes (read-only, locked).
					m.metrics.storeUp.Set(0)
					m.log.Warn("recording spooled runs", "err", err, "left", m.spool.Len())
				}
				cancel()
				m.saveMu.Unlock()
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// runSummary is what flap damping needs to know of a recorded complete run.
type runSummary struct {
	finished time.Time
	present  map[string]bool // event subjects (see subject) true in the run
	findings []finding.Finding
	key      string
}

// subject names what an event is about, so that the same thing seen in two runs
// matches: a finding, a kind of secret on a service, a service without a password.
func subject(kind string, e alert.Event) string {
	switch kind {
	case alert.NewSecretKind:
		return "k/" + e.Host + ":" + strconv.Itoa(e.Port) + "/" + e.Rule
	case alert.AuthLost:
		return "a/" + e.Host + ":" + strconv.Itoa(e.Port)
	}
	return "f/" + e.FindingID
}

func summarize(run history.Run, rep *finding.Report) *runSummary {
	s := &runSummary{finished: run.Finished, present: map[string]bool{}, findings: rep.Findings, key: run.FingerprintKey}
	for _, f := range rep.Findings {
		s.present["f/"+f.ID] = true
		if f.Category == finding.Secret {
			s.present["k/"+f.Host+":"+strconv.Itoa(f.Port)+"/"+f.Rule] = true
		}
	}
	for _, svc := range rep.Services {
		if svc.Auth.Open() {
			s.present["a/"+svc.Host+":"+strconv.Itoa(svc.Port)] = true
		}
	}
	return s
}

// remember keeps the summary of a recorded complete run for flap damping.
func (m *Monitor) remember(run history.Run, rep *finding.Report) {
	if run.Status != history.StatusOK || m.flapWindowOf(run.Group) <= 0 {
		return
	}
	m.mu.Lock()
	m.summaries[run.ID] = summarize(run, rep)
	m.mu.Unlock()
}

// window returns the summaries of group's complete runs that finished at or after
// since, loading from the store what is not cached, and forgets older ones.
func (m *Monitor) window(ctx context.Context, group string, since time.Time) ([]*runSummary, error) {
	const maxRuns = 1000
	var out []*runSummary
	var before int64
	for len(out) < maxRuns {
		runs, err := m.store.Runs(ctx, history.RunFilter{Group: group, Completed: true, Before: before, Limit: 100})
		if err != nil {
			return nil, err
		}
		for _, r := range runs {
			if r.Finished.Before(since) {
				return out, nil
			}
			if r.Status != history.StatusOK {
				continue
			}
			m.mu.Lock()
			s := m.summaries[r.ID]
			m.mu.Unlock()
			if s == nil {
				rep, err := m.store.Report(ctx, r.ID)
				if err != nil {
					return nil, err
				}
				s = summarize(r, rep)
				m.mu.Lock()
				m.summaries[r.ID] = s
				m.mu.Unlock()
			}
			out = append(out, s)
		}
		if len(runs) < 100 {
			break
		}
		before = runs[len(runs)-1].ID
	}
	return out, nil
}

// damp applies flap damping to the events of the run sr against prev:
//   - something that comes (a new exposure, a new kind of secret, a lost password) is
//     alerted only if it was in none of the group's runs of the last window: back
//     after a short absence, it is the same thing, already known;
//   - something that goes is alerted "resolved" once, at the first run at which it
//     has been absent for a whole window (and was present in the window before).
//
// A window shorter than the schedule's interval changes nothing.
func (m *Monitor) damp(ctx context.Context, sr *spooledRun, prev *history.Run, events []alert.Event, w time.Duration) ([]alert.Event, error) {
	now := sr.Finished
	if prev == nil {
		return events, nil
	}
	// Runs of the window before this run ([now-w, now)) and of the window the
	// previous run saw ([prev-w, prev]): one query covers both.
	all, err := m.window(ctx, sr.Group, prev.Finished.Add(-w))
	if err != nil {
		return nil, err
	}
	var recent, before []*runSummary
	for _, s := range all {
		if !s.finished.Before(now.Add(-w)) && s.finished.Before(now) {
			recent = append(recent, s)
		}
		if !s.finished.After(prev.Finished) {
			before = append(before, s)
		}
	}
	inRecent := func(subj string) bool {
		return slices.ContainsFunc(recent, func(s *runSummary) bool { return s.present[subj] })
	}
	var out []alert.Event
	suppressed := 0
	for _, e := range events {
		if e.Kind == alert.Resolved {
			continue // decided below
		}
		if inRecent(subject(e.Kind, e)) {
			suppressed++
			continue
		}
		out = append(out, e)
	}
	// Resolved: present in the previous run's window, absent from this run and from
	// every run of this one's window.
	cur := summarize(history.Run{Finished: now, FingerprintKey: sr.FingerprintKey}, sr.Report)
	gone := map[string]finding.Finding{}
	for _, s := range before {
		if s.key != sr.FingerprintKey {
			continue // other fingerprints: cannot tell gone from renamed
		}
		for _, f := range s.findings {
			subj := "f/" + f.ID
			if !cur.present[subj] && !inRecent(subj) {
				gone[f.ID] = f
			}
		}
	}
	if len(gone) > 0 {
		from := &finding.Report{}
		for _, f := range gone {
			from.Findings = append(from.Findings, f)
		}
		finding.Sort(from.Findings)
		// Compare says which of them were checked by this run (their service answered).
		for _, e := range alert.Events(history.Diff{Resolved: history.Compare(from, sr.Report).Resolved}) {
			out = append(out, e)
		}
	}
	resolvedNow := 0
	for _, e := range events {
		if e.Kind == alert.Resolved {
			resolvedNow++
		}
	}
	if suppressed > 0 || resolvedNow > 0 {
		m.log.Info("flap damping", "group", sr.Group, "window", w, "suppressed_new", suppressed,
			"resolved_held_back", max(0, resolvedNow-len(gone)))
	}
	// Forget summaries too old for any future window.
	m.mu.Lock()
	for id, s := range m.summaries {
		if s.finished.Before(prev.Finished.Add(-2 * w)) {
			delete(m.summaries, id)
		}
	}
	m.mu.Unlock()
	return out, nil
}
