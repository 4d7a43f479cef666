package history

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestParseRetention(t *testing.T) {
	for in, want := range map[string]Retention{
		"":               {},
		"90d":            {MaxAge: 90 * 24 * time.Hour},
		"36h":            {MaxAge: 36 * time.Hour},
		"500 runs":       {KeepRuns: 500},
		"30d, 1000 runs": {MaxAge: 30 * 24 * time.Hour, KeepRuns: 1000},
	} {
		got, err := ParseRetention(in)
		if err != nil || got != want {
			t.Errorf("ParseRetention(%q) = %+v, %v; want %+v", in, got, err, want)
		}
	}
	for _, bad := range []string{"90", "-3d", "0 runs", "ten runs", "5m", "90x"} {
		if r, err := ParseRetention(bad); err == nil {
			t.Errorf("ParseRetention(%q) = %+v, want an error", bad, r)
		}
	}
}

// saveAt stores a run of group that finished at t (status ok unless failed).
func saveAt(t *testing.T, d *DB, group string, at time.Time, failed bool) Run {
	t.Helper()
	rec := RunRecord{Group: group, Trigger: "schedule", Started: at.Add(-time.Second), Finished: at}
	if failed {
		rec.Err = errors.New("unreachable")
	} else {
		rep := sampleReport(1)
		rep.Started, rep.Finished = at.Add(-time.Second), at
		rec.Report = rep
	}
	r, err := d.SaveRun(context.Background(), rec, nil)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestPrune(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		d := open(t, dsn)
		now := time.Now()
		day := 24 * time.Hour
		// Group a: ten daily runs, the newest ok run 3 days old, then two failed ones.
		var a []Run
		for i := 12; i >= 3; i-- {
			a = append(a, saveAt(t, d, "a", now.Add(-time.Duration(i)*day), false))
		}
		failed1 := saveAt(t, d, "a", now.Add(-2*day), true)
		failed2 := saveAt(t, d, "a", now.Add(-1*day), true)
		// Group b: one old run only, which must stay (it is b's newest).
		b := saveAt(t, d, "b", now.Add(-40*day), false)
		// An old run of a with an alert not delivered yet stays too.
		if err := d.Enqueue(ctx, []OutboxItem{{Key: "pending", Route: "hook", RunID: a[0].ID, Payload: []byte(`{}`)}}); err != nil {
			t.Fatal(err)
		}
		if err := d.Enqueue(ctx, []OutboxItem{{Key: "done", Route: "hook", RunID: a[1].ID, Payload: []byte(`{}`)}}); err != nil {
			t.Fatal(err)
		}
		due, _ := d.Due(ctx, now.Add(time.Minute), 10)
		for _, it := range due {
			if it.Key == "done" {
				if err := d.MarkDelivered(ctx, it.ID, now); err != nil {
					t.Fatal(err)
				}
			}
		}

		r, _ := ParseRetention("5d")
		dry, err := d.Prune(ctx, r, "", now, true)
		if err != nil {
			t.Fatal(err)
		}
		// a: runs older than 5 days are a[0..6] (12…6 days), minus a[0] (pending alert).
		if dry.Runs != 6 || dry.Groups != 1 {
			t.Fatalf("dry run: %+v, want 6 runs of 1 group", dry)
		}
		if runs, _ := d.Runs(ctx, RunFilter{Limit: 100}); len(runs) != 13 {
			t.Fatalf("a dry run deleted: %d runs left", len(runs))
		}
		res, err := d.Prune(ctx, r, "", now, false)
		if err != nil || res != dry {
			t.Fatalf("prune: %+v, %v; dry run said %+v", res, err, dry)
		}
		left := ids(t, d, "a")
		want := []int64{failed2.ID, failed1.ID, a[9].ID, a[8].ID, a[7].ID, a[0].ID}
		if !equalIDs(left, want) {
			t.Fatalf("group a keeps %v, want %v", left, want)
		}
		if got := ids(t, d, "b"); !equalIDs(got, []int64{b.ID}) {
			t.Fatalf("group b keeps %v", got)
		}
		// Children and delivered alerts of deleted runs are gone; the pending alert stays.
		var n int
		if err := d.db.QueryRow(d.q(`SELECT COUNT(*) FROM findings WHERE run_id = ?`), a[1].ID).Scan(&n); err != nil || n != 0 {
			t.Errorf("findings of a deleted run: %d, %v", n, err)
		}
		all, _ := d.Outbox(ctx, 10)
		if len(all) != 1 || all[0].Key != "pending" {
			t.Errorf("outbox after prune: %+v", all)
		}

		// Keeping the newest two runs of a: the failed ones; the newest ok run and the
		// run with a pending alert stay as well.
		r, _ = ParseRetention("2 runs")
		if _, err := d.Prune(ctx, r, "a", now, false); err != nil {
			t.Fatal(err)
		}
		if left := ids(t, d, "a"); !equalIDs(left, []int64{failed2.ID, failed1.ID, a[9].ID, a[0].ID}) {
			t.Fatalf("keep 2: group a keeps %v", left)
		}
		if _, err := d.Report(ctx, a[9].ID); err != nil {
			t.Fatalf("the newest complete run lost its report: %v", err)
		}
	})
}

func ids(t *testing.T, d *DB, group string) []int64 {
	t.Helper()
	runs, err := d.Runs(context.Background(), RunFilter{Group: group, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	var out []int64
	for _, r := range runs {
		out = append(out, r.ID)
	}
	return out
}

func equalIDs(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestReadOnlyOpen: the read-only open of history and diff never migrates or writes,
// and refuses what is not a store.
func TestReadOnlyOpen(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		w := open(t, dsn)
		run := saveAt(t, w, "g", time.Now(), false)
		// A store one version behind, as left by an older leakwatch.
		if err := w.Migrate(ctx, LatestVersion-1); err != nil {
			t.Fatal(err)
		}
		r, err := Open(ctx, dsn, Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		if !r.ReadOnly() {
			t.Fatal("not marked read-only")
		}
		if _, err := r.Report(ctx, run.ID); err != nil {
			t.Fatalf("reading: %v", err)
		}
		if _, err := r.SaveRun(ctx, RunRecord{Group: "g", Started: time.Now(), Report: sampleReport(1)}, nil); err == nil {
			t.Fatal("a read-only store accepted a run")
		}
		var v int
		if err := w.db.QueryRow(`SELECT MAX(version) FROM schema_migrations`).Scan(&v); err != nil || v != LatestVersion-1 {
			t.Fatalf("schema version %d after a read-only open, want %d (%v)", v, LatestVersion-1, err)
		}
	})
	dir := t.TempDir()
	missing := filepath.Join(dir, "none.db")
	if _, err := Open(context.Background(), missing, Options{ReadOnly: true}); err == nil {
		t.Fatal("a missing file opened")
	}
	if _, err := os.Stat(missing); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("a read-only open created the file")
	}
	other := filepath.Join(dir, "other.db")
	if err := os.WriteFile(other, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(context.Background(), other, Options{ReadOnly: true}); err == nil || !strings.Contains(err.Error(), "not a leakwatch history store") {
		t.Fatalf("an empty file: %v", err)
	}
}

// TestFingerprintKeyInPostgres: every process recording into one PostgreSQL store gets
// the same key, created once; a SQLite store never keeps one.
func TestFingerprintKeyInPostgres(t *testing.T) {
	dsn := postgresDSN(t)
	ctx := context.Background()
	a, b := open(t, dsn), open(t, dsn)
	type res struct {
		k   []byte
		err error
	}
	ch := make(chan res, 2)
	for _, d := range []*DB{a, b} {
		go func() { k, err := d.FingerprintKey(ctx); ch <- res{k, err} }()
	}
	r1, r2 := <-ch, <-ch
	if r1.err != nil || r2.err != nil || len(r1.k) != 32 || string(r1.k) != string(r2.k) {
		t.Fatalf("keys: %x %v / %x %v", r1.k, r1.err, r2.k, r2.err)
	}
	again, err := a.FingerprintKey(ctx)
	if err != nil || string(again) != string(r1.k) {
		t.Fatalf("key changed: %x %v", again, err)
	}
	s := open(t, filepath.Join(t.TempDir(), "h.db"))
	if _, err := s.FingerprintKey(ctx); err == nil {
		t.Fatal("a SQLite store handed out a key")
	}
}
