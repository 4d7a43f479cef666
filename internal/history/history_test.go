package history

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/lab/labtest"
)

func TestMain(m *testing.M) { os.Exit(labtest.Run(m)) }

// backend opens a fresh store of one kind for a test.
type backend struct {
	name string
	dsn  func(t *testing.T) string
}

var backends = []backend{
	{"sqlite", func(t *testing.T) string { return filepath.Join(t.TempDir(), "sub", "history.db") }},
	{"postgres", func(t *testing.T) string { return postgresDSN(t) }},
}

func eachBackend(t *testing.T, fn func(t *testing.T, dsn string)) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) { fn(t, b.dsn(t)) })
	}
}

func open(t *testing.T, dsn string) *DB {
	t.Helper()
	d, err := Open(context.Background(), dsn, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

const rawSecret = "sk-5f3c9a0b7e1d4c2a8f6b0e9d7c5a3b1f"

// sampleReport is an open ClickHouse with a secret in a table, found with --reveal.
func sampleReport(rows int64) *finding.Report {
	sec := finding.Finding{Severity: finding.Critical, Category: finding.Secret, Rule: "deepseek-api-key", Title: "DeepSeek API key",
		Host: "127.0.0.1", Port: 8123, Protocol: "clickhouse-http", Database: "default", Table: "log_stream", Column: "string_tags"}
	sec.SetSecret(rawSecret, true)
	exp := finding.Finding{Severity: finding.Critical, Category: finding.Exposure, Rule: "clickhouse-no-auth",
		Title: "ClickHouse answers without a password", Host: "127.0.0.1", Port: 8123, Protocol: "clickhouse-http",
		Evidence: "log_stream: 1,050,000 rows"}
	rep := &finding.Report{Tool: "leakwatch", Version: "test", Started: time.Now().Add(-time.Second).UTC(), Finished: time.Now().UTC(),
		Stats: finding.Stats{Targets: 1, PortsTried: 2, OpenPorts: 1, Services: 1},
		Services: []finding.Service{{Host: "127.0.0.1", Port: 8123, Protocol: "clickhouse-http", Product: "clickhouse",
			Version: "18.16.1", Auth: finding.AuthNone, Status: finding.StatusOpen, User: "default",
			Datasets: []finding.Dataset{{Database: "default", Table: "log_stream", Rows: rows, Bytes: 1 << 20,
				Columns: []finding.Column{{Name: "string_tags", Type: "String"}}}}}},
		Findings: []finding.Finding{exp, sec},
		Errors:   []finding.ProbeError{{Host: "127.0.0.1", Port: 9000, Stage: "fingerprint", Error: "port open, but no known data store answered"}},
	}
	for i := range rep.Findings {
		rep.Findings[i].ComputeID()
	}
	return rep
}

func TestMigrationsBothWays(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		d, err := Open(ctx, dsn, Options{NoMigrate: true})
		if err != nil {
			t.Fatal(err)
		}
		defer d.Close()
		if v, err := d.Version(ctx); err != nil || v != 0 {
			t.Fatalf("fresh store at version %d, %v", v, err)
		}
		for round := 0; round < 2; round++ {
			for v := 1; v <= LatestVersion; v++ {
				if err := d.Migrate(ctx, v); err != nil {
					t.Fatalf("up to %d: %v", v, err)
				}
				if got, _ := d.Version(ctx); got != v {
					t.Fatalf("after up to %d: version %d", v, got)
				}
			}
			// The latest schema works: a run goes in and comes out.
			if _, err := d.SaveRun(ctx, RunRecord{Group: "g", Trigger: "test", Started: time.Now(), Report: sampleReport(5)}, nil); err != nil {
				t.Fatalf("round %d: save at latest: %v", round, err)
			}
			for v := LatestVersion - 1; v >= 0; v-- {
				if err := d.Migrate(ctx, v); err != nil {
					t.Fatalf("down to %d: %v", v, err)
				}
				if got, _ := d.Version(ctx); got != v {
					t.Fatalf("after down to %d: version %d", v, got)
				}
			}
			// Version 0 has no tables left.
			if _, err := d.Runs(ctx, RunFilter{}); err == nil {
				t.Fatal("runs table still there at version 0")
			}
		}
		if err := d.Migrate(ctx, LatestVersion+1); err == nil {
			t.Error("migrating past the latest version was accepted")
		}
		// A store from a newer build is refused, not guessed at.
		if err := d.Migrate(ctx, LatestVersion); err != nil {
			t.Fatal(err)
		}
		if _, err := d.db.Exec(d.q(`INSERT INTO schema_migrations (version, name, applied_ms) VALUES (?, ?, ?)`), LatestVersion+1, "future", 0); err != nil {
			t.Fatal(err)
		}
		if err := d.Migrate(ctx, LatestVersion); err == nil || !strings.Contains(err.Error(), "newer than this build") {
			t.Errorf("newer store: %v", err)
		}
	})
}

func TestSaveAndLoadRun(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		d := open(t, dsn)
		rep := sampleReport(1_050_000)
		run, err := d.SaveRun(ctx, RunRecord{Group: "lab", Trigger: "schedule", Started: rep.Started, Report: rep}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if run.ID <= 0 || run.Status != StatusOK || run.Findings != 2 || run.OpenServices != 1 || run.BySeverity["critical"] != 2 {
			t.Fatalf("run = %+v", run)
		}
		if rep.Findings[1].Value != rawSecret {
			t.Fatal("SaveRun modified the caller's report")
		}
		got, err := d.Report(ctx, run.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Services) != 1 || len(got.Services[0].Datasets) != 1 || got.Services[0].Datasets[0].Rows != 1_050_000 ||
			got.Services[0].Datasets[0].Columns[0].Name != "string_tags" || got.Services[0].User != "default" {
			t.Errorf("services = %+v", got.Services)
		}
		if len(got.Findings) != 2 || got.Findings[0].ID != rep.Findings[0].ID || got.Findings[1].SHA256 != finding.Fingerprint(rawSecret) ||
			got.Findings[1].Redacted == "" {
			t.Errorf("findings = %+v", got.Findings)
		}
		if len(got.Errors) != 1 || got.Version != "test" || got.Stats.OpenPorts != 1 {
			t.Errorf("report extras: errors %+v version %q stats %+v", got.Errors, got.Version, got.Stats)
		}
		for _, f := range got.Findings {
			if f.Value != "" {
				t.Errorf("raw value came back from the store: %s", f.Rule)
			}
		}
		// The raw value is nowhere in the store, not just hidden on the way out.
		var n int
		if err := d.db.QueryRow(d.q(`SELECT COUNT(*) FROM findings WHERE doc LIKE ?`), "%"+rawSecret+"%").Scan(&n); err != nil || n != 0 {
			t.Errorf("raw secret stored in %d finding rows (%v)", n, err)
		}

		// A failed run has no report but is listed; Latest skips it.
		failed, err := d.SaveRun(ctx, RunRecord{Group: "lab", Trigger: "manual", Started: time.Now(), Err: errors.New("target resolution failed")}, nil)
		if err != nil || failed.Status != StatusFailed {
			t.Fatalf("failed run: %+v %v", failed, err)
		}
		other, err := d.SaveRun(ctx, RunRecord{Group: "other", Trigger: "schedule", Started: time.Now(), Report: sampleReport(7), Err: errors.New("scan interrupted")}, nil)
		if err != nil || other.Status != StatusPartial {
			t.Fatalf("partial run: %+v %v", other, err)
		}
		runs, err := d.Runs(ctx, RunFilter{})
		if err != nil || len(runs) != 3 || runs[0].ID != other.ID || runs[2].ID != run.ID {
			t.Fatalf("runs = %+v, %v", runs, err)
		}
		runs, _ = d.Runs(ctx, RunFilter{Group: "lab", Completed: true})
		if len(runs) != 1 || runs[0].ID != run.ID {
			t.Errorf("completed lab runs = %+v", runs)
		}
		latest, err := d.Latest(ctx)
		if err != nil || len(latest) != 2 || latest[0].ID != run.ID || latest[1].ID != other.ID {
			t.Errorf("latest = %+v, %v", latest, err)
		}
		if _, err := d.Run(ctx, 9999); !errors.Is(err, ErrNotFound) {
			t.Errorf("missing run: %v", err)
		}
		ids, err := d.FindingRuns(ctx, rep.Findings[0].ID, 10)
		if err != nil || len(ids) != 2 || ids[0] != other.ID {
			t.Errorf("finding runs = %v, %v", ids, err)
		}
	})
}

func TestOutboxIdempotentAndRetried(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		d := open(t, dsn)
		mk := func(runID int64) ([]OutboxItem, error) {
			return []OutboxItem{
				{Key: "k1", Route: "hook", RunID: runID, Payload: []byte(`{"a":1}`)},
				{Key: "k2", Route: "mail", RunID: runID, Payload: []byte(`{"a":2}`)},
			}, nil
		}
		run, err := d.SaveRun(ctx, RunRecord{Group: "g", Trigger: "t", Started: time.Now(), Report: sampleReport(1)}, mk)
		if err != nil {
			t.Fatal(err)
		}
		// The same keys again (a retried run save, a second monitor) add nothing.
		if err := d.Enqueue(ctx, []OutboxItem{{Key: "k1", Route: "hook", RunID: run.ID, Payload: []byte(`{"dup":true}`)}}); err != nil {
			t.Fatal(err)
		}
		if n, _ := d.Pending(ctx); n != 2 {
			t.Fatalf("pending = %d, want 2", n)
		}
		now := time.Now()
		due, err := d.Due(ctx, now, 10)
		if err != nil || len(due) != 2 || due[0].Key != "k1" || string(due[0].Payload) != `{"a":1}` || due[0].RunID != run.ID {
			t.Fatalf("due = %+v, %v", due, err)
		}
		if err := d.MarkDelivered(ctx, due[0].ID, now); err != nil {
			t.Fatal(err)
		}
		if err := d.MarkFailed(ctx, due[1].ID, "connection refused", now.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if due, _ := d.Due(ctx, now, 10); len(due) != 0 {
			t.Errorf("due after delivery and back-off: %+v", due)
		}
		next, err := d.NextDue(ctx)
		if err != nil || next.Sub(now.Add(time.Hour)).Abs() > time.Second {
			t.Errorf("next due %v, %v", next, err)
		}
		due, _ = d.Due(ctx, now.Add(2*time.Hour), 10)
		if len(due) != 1 || due[0].Attempts != 1 || due[0].LastError != "connection refused" {
			t.Errorf("due later = %+v", due)
		}
		// A delivered item stays delivered even if a late failure report arrives.
		if err := d.MarkFailed(ctx, due[0].ID-1, "late", now); err != nil {
			t.Fatal(err)
		}
		all, _ := d.Outbox(ctx, 10)
		if len(all) != 2 || all[1].Delivered == nil || all[1].LastError != "" {
			t.Errorf("outbox = %+v", all)
		}
		// An alert builder that fails rolls back the run with it.
		before, _ := d.Runs(ctx, RunFilter{})
		_, err = d.SaveRun(ctx, RunRecord{Group: "g", Started: time.Now(), Report: sampleReport(1)},
			func(int64) ([]OutboxItem, error) { return nil, errors.New("boom") })
		after, _ := d.Runs(ctx, RunFilter{})
		if err == nil || len(after) != len(before) {
			t.Errorf("failed alert build: err %v, runs %d → %d", err, len(before), len(after))
		}
	})
}

func TestSQLiteFilesArePrivate(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "h.db")
	// An existing file with loose permissions is tightened.
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	d := open(t, path)
	if _, err := d.SaveRun(context.Background(), RunRecord{Group: "g", Started: time.Now(), Report: sampleReport(1)}, nil); err != nil {
		t.Fatal(err)
	}
	var mode string
	if err := d.db.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal mode %q, %v", mode, err)
	}
	found := 0
	for _, suffix := range []string{"", "-wal", "-shm"} {
		st, err := os.Stat(path + suffix)
		if err != nil {
			continue
		}
		found++
		if st.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v, want 0600", filepath.Base(path+suffix), st.Mode().Perm())
		}
	}
	if found < 2 {
		t.Errorf("expected the database and its WAL, found %d files", found)
	}
	if _, err := Open(context.Background(), "file:x.db?mode=memory", Options{}); err == nil {
		t.Error("a SQLite URI was accepted")
	}
}

// TestSQLiteLeftoverSideFilesArePrivate: a store made with loose permissions (by hand,
// or by an older version under umask 022) and left by a process that was killed keeps
// its -wal and -shm files; SQLite reuses them as they are, so the next runs' findings
// would be written to a world-readable -wal unless leakwatch tightens them too.
func TestSQLiteLeftoverSideFilesArePrivate(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "h.db")
	// The first store is left open, as a killed process leaves it, with all three
	// files made readable by everyone.
	first := open(t, path)
	if _, err := first.SaveRun(context.Background(), RunRecord{Group: "g", Started: time.Now(), Report: sampleReport(1)}, nil); err != nil {
		t.Fatal(err)
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Chmod(path+suffix, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	d := open(t, path)
	if _, err := d.SaveRun(context.Background(), RunRecord{Group: "g", Started: time.Now(), Report: sampleReport(1)}, nil); err != nil {
		t.Fatal(err)
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		st, err := os.Stat(path + suffix)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v, want 0600", filepath.Base(path+suffix), st.Mode().Perm())
		}
	}
}

func TestPostgresURLNeverShowsPassword(t *testing.T) {
	got := safeURL("postgres://lw:s3cret-pw@db.internal:5432/leakwatch?sslmode=require&password=x")
	if strings.Contains(got, "s3cret") || strings.Contains(got, "password=") || !strings.Contains(got, "lw@db.internal") {
		t.Errorf("safeURL = %q", got)
	}
	_, err := Open(context.Background(), "postgres://lw:s3cret-pw@127.0.0.1:1/x?connect_timeout=1", Options{})
	if err == nil || strings.Contains(err.Error(), "s3cret") {
		t.Errorf("error for an unreachable server: %v", err)
	}
}

func TestConcurrentWritersSQLite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "h.db")
	a := open(t, path)
	b := open(t, path) // a second process (history command) on the same file
	errs := make(chan error, 20)
	for i := 0; i < 10; i++ {
		go func(i int) {
			d := a
			if i%2 == 1 {
				d = b
			}
			_, err := d.SaveRun(context.Background(), RunRecord{Group: fmt.Sprint("g", i%3), Started: time.Now(), Report: sampleReport(int64(i))}, nil)
			errs <- err
		}(i)
	}
	for i := 0; i < 10; i++ {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	runs, _ := a.Runs(context.Background(), RunFilter{})
	if len(runs) != 10 {
		t.Errorf("%d runs, want 10", len(runs))
	}
}
