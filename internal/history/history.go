// Package history keeps every monitoring run — its services, datasets and findings — and
// the alert outbox, in an embedded SQLite file (pure Go, no cgo) or in a PostgreSQL
// database shared by a team. Raw secret values never reach the store: findings are
// stripped to their redacted form and fingerprint before they are written, whatever the
// scan was asked to reveal.
package history

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
	_ "modernc.org/sqlite"             // registers the "sqlite" database/sql driver

	"github.com/leakwatch/leakwatch/internal/finding"
)

// ErrNotFound means no run (or item) has the id asked for.
var ErrNotFound = errors.New("not found")

// ErrDuplicateKey is returned by SaveRun, with the run already stored, when a run with
// the record's Key exists: the work was stored before and is not stored again.
var ErrDuplicateKey = errors.New("a run with this key is already stored")

// DB is a history store.
type DB struct {
	db      *sql.DB
	dialect string
	where   string // a path or a URL without its password, for messages
	// readOnly is set by Options.ReadOnly; cleanup removes a private copy.
	readOnly bool
	cleanup  func()
}

// Options change how Open prepares the store.
type Options struct {
	// NoMigrate opens the store at whatever schema version it has (for migration tests
	// and tools); by default Open migrates to LatestVersion.
	NoMigrate bool
	// ReadOnly opens the store for reading only (leakwatch history, diff): nothing is
	// migrated, created or switched to WAL, PostgreSQL sessions are read-only, and a
	// SQLite file in a directory this user cannot write is read from a private copy.
	ReadOnly bool
	// BusyTimeout is how long a SQLite write waits for another writer's lock (10 s when
	// zero).
	BusyTimeout time.Duration
}

// IsPostgres reports whether dsn names a PostgreSQL database rather than a SQLite file.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Open opens (creating when needed) the store named by dsn: a postgres:// URL, or the
// path of a SQLite file, created with mode 0600 and run in WAL mode.
func Open(ctx context.Context, dsn string, opts Options) (*DB, error) {
	if dsn == "" {
		return nil, errors.New("history: no store given")
	}
	if opts.ReadOnly {
		return openReadOnly(ctx, dsn, opts)
	}
	var d *DB
	if IsPostgres(dsn) {
		db, err := sql.Open("pgx", dsn)
		if err != nil {
			return nil, fmt.Errorf("history: %w", err)
		}
		db.SetMaxOpenConns(8)
		d = &DB{db: db, dialect: dialectPostgres, where: safeURL(dsn)}
	} else {
		var err error
		if d, err = openSQLite(dsn, opts); err != nil {
			return nil, err
		}
	}
	pctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	if err := d.db.PingContext(pctx); err != nil {
		d.db.Close()
		return nil, d.explain(fmt.Errorf("history: opening %s: %w", d.where, err))
	}
	if !opts.NoMigrate {
		if err := d.Migrate(ctx, LatestVersion); err != nil {
			d.db.Close()
			return nil, d.explain(err)
		}
	}
	return d, nil
}

// explain adds what to do to a SQLite error that says the file cannot be written, since
// SQLite's own message ("attempt to write a readonly database (1544)") names neither
// the file nor the reason.
func (d *DB) explain(err error) error {
	if err == nil || d.dialect != dialectSQLite {
		return err
	}
	msg := err.Error()
	if !strings.Contains(msg, "readonly") && !strings.Contains(msg, "read-only") && !strings.Contains(msg, "unable to open") &&
		!strings.Contains(msg, "permission denied") {
		return err
	}
	if perr := writable(d.where); perr != nil {
		return fmt.Errorf("%w (%v)", err, perr)
	}
	return fmt.Errorf("%w (check that %s and its directory %s are writable by this user)", err, d.where, filepath.Dir(d.where))
}

// writable says why a SQLite file (and the -wal and -shm files SQLite keeps next to
// it) cannot be written by this process, or nil.
func writable(path string) error {
	const wOK, xOK = 2, 1
	dir := filepath.Dir(path)
	if err := syscall.Access(dir, wOK|xOK); err != nil {
		return fmt.Errorf("the directory %s is not writable by uid %d: %v; SQLite creates %s-wal and %s-shm there. "+
			"Fix its permissions or put the store elsewhere (read-only commands such as 'leakwatch history' still read it)",
			dir, os.Geteuid(), err, filepath.Base(path), filepath.Base(path))
	}
	if err := syscall.Access(path, wOK); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s is not writable by uid %d: %v", path, os.Geteuid(), err)
	}
	return nil
}

func openSQLite(path string, opts Options) (*DB, error) {
	if strings.HasPrefix(path, "file:") || strings.Contains(path, "?") {
		return nil, fmt.Errorf("history: give a plain file path for SQLite, not %q", path)
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("history: %w", err)
		}
	}
	if err := writable(path); err != nil {
		return nil, fmt.Errorf("history: cannot write the store %s: %w", path, err)
	}
	// SQLite gives its -wal and -shm files the mode of the database file, so creating
	// the file ourselves with 0600 keeps all three private.
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("history: opening the store %s for writing: %w", path, err)
	}
	chErr := f.Chmod(0o600)
	f.Close()
	if chErr != nil {
		return nil, fmt.Errorf("history: %w", chErr)
	}
	// SQLite reuses -wal and -shm files a killed process left as they are: those of a
	// store that once had looser permissions would go on holding new runs readable by
	// others.
	for _, side := range []string{path + "-wal", path + "-shm"} {
		if st, err := os.Lstat(side); err == nil && st.Mode().IsRegular() && st.Mode().Perm() != 0o600 {
			if err := os.Chmod(side, 0o600); err != nil {
				return nil, fmt.Errorf("history: %w", err)
			}
		}
	}
	busy := opts.BusyTimeout
	if busy <= 0 {
		busy = 10 * time.Second
	}
	q := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "busy_timeout(" + strconv.FormatInt(busy.Milliseconds(), 10) + ")",
		"foreign_keys(1)", "synchronous(NORMAL)"} {
		q.Add("_pragma", p)
	}
	// Write transactions take the lock up front, so two writers wait for each other
	// (busy_timeout) instead of failing on a lock upgrade.
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	return &DB{db: db, dialect: dialectSQLite, where: path}, nil
}

// safeURL drops the password from a database URL.
func safeURL(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "postgres database"
	}
	if u.User != nil {
		u.User = url.User(u.User.Username())
	}
	u.RawQuery = ""
	return u.String()
}

// Close closes the store.
func (d *DB) Close() error {
	err := d.db.Close()
	if d.cleanup != nil {
		d.cleanup()
	}
	return err
}

// ReadOnly reports whether the store was opened for reading only.
func (d *DB) ReadOnly() bool { return d.readOnly }

// Ping checks that the store answers (the monitor's leakwatch_store_up).
func (d *DB) Ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	return d.db.PingContext(ctx)
}

// Kind is "sqlite" or "postgres".
func (d *DB) Kind() string { return d.dialect }

// String names the store without any password.
func (d *DB) String() string { return d.where }

// q turns ? placeholders into PostgreSQL's $n. No query here has a ? inside a literal.
func (d *DB) q(s string) string {
	if d.dialect != dialectPostgres {
		return s
	}
	var b strings.Builder
	n := 0
	for _, r := range s {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Run is one stored scan of a target group.
type Run struct {
	ID      int64     `json:"id"`
	Group   string    `json:"group"`
	Trigger string    `json:"trigger"` // schedule, manual, api, startup
	Status  string    `json:"status"`  // ok, partial (finished with an error), failed
	Started time.Time `json:"started"`
	// Finished is when the scan ended and the run was recorded.
	Finished     time.Time     `json:"finished"`
	Error        string        `json:"error,omitempty"`
	Stats        finding.Stats `json:"stats"`
	Services     int           `json:"services"`
	OpenServices int           `json:"open_services"`
	Findings     int           `json:"findings"`
	// BySeverity counts findings per severity name.
	BySeverity map[string]int `json:"by_severity"`
	// FingerprintKey names (finding.KeyID) the key the run's fingerprints were made
	// with: runs made under different keys cannot be compared value by value.
	FingerprintKey string `json:"fingerprint_key,omitempty"`
}

// Duration is how long the scan took.
func (r Run) Duration() time.Duration { return r.Finished.Sub(r.Started) }

// Run statuses.
const (
	StatusOK      = "ok"
	StatusPartial = "partial"
	StatusFailed  = "failed"
)

// RunRecord is what SaveRun stores.
type RunRecord struct {
	Group   string
	Trigger string
	Started time.Time
	// Report may be nil when the scan failed before producing one.
	Report *finding.Report
	Err    error
	// Key, when set, makes the save idempotent: a second save with the same key stores
	// nothing and returns ErrDuplicateKey (a redelivered work-queue batch).
	Key string
	// Finished is when the scan ended, for a run recorded later than that (a spooled
	// run) that has no report to say so; zero means now.
	Finished time.Time
}

// Sanitize returns a copy of rep safe to keep: no raw secret values.
func Sanitize(rep *finding.Report) *finding.Report {
	if rep == nil {
		return nil
	}
	c := *rep
	c.Findings = make([]finding.Finding, len(rep.Findings))
	for i, f := range rep.Findings {
		f.Value = ""
		c.Findings[i] = f
	}
	return &c
}

// SaveRun stores a finished run and, in the same transaction, the outbox items that
// alert about it (built by alerts once the run's id is known), so that a crash never
// records a run without its alerts or an alert without its run. Items whose key is
// already in the outbox are skipped.
func (d *DB) SaveRun(ctx context.Context, rec RunRecord, alerts func(runID int64) ([]OutboxItem, error)) (Run, error) {
	rep := Sanitize(rec.Report)
	run := Run{Group: rec.Group, Trigger: rec.Trigger, Started: rec.Started.UTC(), Finished: time.Now().UTC(),
		BySeverity: map[string]int{}, FingerprintKey: finding.KeyID()}
	if !rec.Finished.IsZero() {
		run.Finished = rec.Finished.UTC()
	}
	switch {
	case rep == nil:
		run.Status = StatusFailed
	case rec.Err != nil:
		run.Status = StatusPartial
	default:
		run.Status = StatusOK
	}
	if rec.Err != nil {
		run.Error = rec.Err.Error()
	}
	if rep != nil {
		run.Stats = rep.Stats
		run.Services = len(rep.Services)
		run.Findings = len(rep.Findings)
		for _, s := range rep.Services {
			if s.Auth.Open() {
				run.OpenServices++
			}
		}
		for _, f := range rep.Findings {
			run.BySeverity[f.Severity.String()]++
		}
		if !rep.Finished.IsZero() {
			run.Finished = rep.Finished.UTC()
		}
	}
	stats, _ := json.Marshal(run.Stats)
	if rep != nil {
		// The stats column also keeps the report's other small fields.
		stats = mergeJSON(stats, mustJSON(reportExtra{rep.Tool, rep.Version, rep.Contacts, rep.Errors, run.FingerprintKey}))
	}
	sev, _ := json.Marshal(run.BySeverity)

	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return Run{}, fmt.Errorf("history: %w", err)
	}
	defer tx.Rollback()
	if rec.Key == "" {
		err = tx.QueryRowContext(ctx, d.q(`INSERT INTO runs (grp, trig, status, started_ms, finished_ms, error, stats,
			services, open_services, findings, by_severity) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
			run.Group, run.Trigger, run.Status, run.Started.UnixMilli(), run.Finished.UnixMilli(), run.Error, string(stats),
			run.Services, run.OpenServices, run.Findings, string(sev)).Scan(&run.ID)
	} else {
		// ON CONFLICT rather than a lookup first: two workers saving the same batch at
		// once must not both find it missing.
		err = tx.QueryRowContext(ctx, d.q(`INSERT INTO runs (grp, trig, status, started_ms, finished_ms, error, stats,
			services, open_services, findings, by_severity, run_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (run_key) DO NOTHING RETURNING id`),
			run.Group, run.Trigger, run.Status, run.Started.UnixMilli(), run.Finished.UnixMilli(), run.Error, string(stats),
			run.Services, run.OpenServices, run.Findings, string(sev), rec.Key).Scan(&run.ID)
		if errors.Is(err, sql.ErrNoRows) {
			tx.Rollback()
			prev, err := d.RunByKey(ctx, rec.Key)
			if err != nil {
				return Run{}, err
			}
			return prev, fmt.Errorf("history: run key %q: %w", rec.Key, ErrDuplicateKey)
		}
	}
	if err != nil {
		return Run{}, fmt.Errorf("history: saving run: %w", err)
	}
	if rep != nil {
		if err := d.insertReport(ctx, tx, run.ID, rep); err != nil {
			return Run{}, err
		}
	}
	if alerts != nil {
		items, err := alerts(run.ID)
		if err != nil {
			return Run{}, err
		}
		if err := d.enqueue(ctx, tx, items); err != nil {
			return Run{}, err
		}
	}
	if err := tx.Commit(); err != nil {
		return Run{}, fmt.Errorf("history: saving run: %w", err)
	}
	run.Started, run.Finished = fromMS(run.Started.UnixMilli()), fromMS(run.Finished.UnixMilli())
	return run, nil
}

func (d *DB) insertReport(ctx context.Context, tx *sql.Tx, runID int64, rep *finding.Report) error {
	svcStmt, err := tx.PrepareContext(ctx, d.q(`INSERT INTO services (run_id, ord, host, port, protocol, product, auth, status, doc)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`))
	if err != nil {
		return fmt.Errorf("history: %w", err)
	}
	defer svcStmt.Close()
	dsStmt, err := tx.PrepareContext(ctx, d.q(`INSERT INTO datasets (run_id, service_ord, ord, db, tbl, row_count, byte_count, doc)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`))
	if err != nil {
		return fmt.Errorf("history: %w", err)
	}
	defer dsStmt.Close()
	fStmt, err := tx.PrepareContext(ctx, d.q(`INSERT INTO findings (run_id, ord, id, severity, category, rule, host, port, doc)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`))
	if err != nil {
		return fmt.Errorf("history: %w", err)
	}
	defer fStmt.Close()

	for i, s := range rep.Services {
		datasets := s.Datasets
		s.Datasets = nil
		doc, err := json.Marshal(s)
		if err != nil {
			return fmt.Errorf("history: %w", err)
		}
		if _, err := svcStmt.ExecContext(ctx, runID, i, s.Host, s.Port, s.Protocol, s.Product, string(s.Auth), string(s.Status), string(doc)); err != nil {
			return fmt.Errorf("history: saving service: %w", err)
		}
		for j, ds := range datasets {
			doc, err := json.Marshal(ds)
			if err != nil {
				return fmt.Errorf("history: %w", err)
			}
			if _, err := dsStmt.ExecContext(ctx, runID, i, j, ds.Database, ds.Table, ds.Rows, ds.Bytes, string(doc)); err != nil {
				return fmt.Errorf("history: saving dataset: %w", err)
			}
		}
	}
	for i, f := range rep.Findings {
		doc, err := json.Marshal(f)
		if err != nil {
			return fmt.Errorf("history: %w", err)
		}
		if _, err := fStmt.ExecContext(ctx, runID, i, f.ID, int(f.Severity), string(f.Category), f.Rule, f.Host, f.Port, string(doc)); err != nil {
			return fmt.Errorf("history: saving finding: %w", err)
		}
	}
	return nil
}

// reportExtra is what a report carries besides stats, services and findings.
type reportExtra struct {
	Tool     string               `json:"tool"`
	Version  string               `json:"version"`
	Contacts []finding.Contact    `json:"contacts,omitempty"`
	Errors   []finding.ProbeError `json:"errors,omitempty"`
	// FingerprintKey is Run.FingerprintKey.
	FingerprintKey string `json:"fingerprint_key,omitempty"`
}

func mustJSON(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}

// mergeJSON joins two JSON objects' fields (the runs.stats column holds the report's
// stats and its other small fields).
func mergeJSON(a, b []byte) []byte {
	m := map[string]json.RawMessage{}
	_ = json.Unmarshal(a, &m)
	_ = json.Unmarshal(b, &m)
	out, _ := json.Marshal(m)
	return out
}

func fromMS(ms int64) time.Time { return time.UnixMilli(ms).UTC() }

const runColumns = `id, grp, trig, status, started_ms, finished_ms, error, stats, services, open_services, findings, by_severity`

func scanRun(row interface{ Scan(...any) error }) (Run, error) {
	var r Run
	var started, finished int64
	var stats, sev string
	if err := row.Scan(&r.ID, &r.Group, &r.Trigger, &r.Status, &started, &finished, &r.Error, &stats,
		&r.Services, &r.OpenServices, &r.Findings, &sev); err != nil {
		return Run{}, err
	}
	r.Started, r.Finished = fromMS(started), fromMS(finished)
	_ = json.Unmarshal([]byte(stats), &r.Stats)
	var extra struct {
		Key string `json:"fingerprint_key"`
	}
	_ = json.Unmarshal([]byte(stats), &extra)
	r.FingerprintKey = extra.Key
	r.BySeverity = map[string]int{}
	_ = json.Unmarshal([]byte(sev), &r.BySeverity)
	return r, nil
}

// RunFilter selects runs.
type RunFilter struct {
	Group string // empty: every group
	// Completed leaves out failed runs (those that produced no report).
	Completed bool
	// Before returns only runs with a smaller id (0: no bound).
	Before int64
	Limit  int // 0: 100
}

// Runs lists runs, newest first.
func (d *DB) Runs(ctx context.Context, f RunFilter) ([]Run, error) {
	var where []string
	var args []any
	if f.Group != "" {
		where = append(where, "grp = ?")
		args = append(args, f.Group)
	}
	if f.Completed {
		where = append(where, "status <> ?")
		args = append(args, StatusFailed)
	}
	if f.Before > 0 {
		where = append(where, "id < ?")
		args = append(args, f.Before)
	}
	if f.Limit <= 0 {
		f.Limit = 100
	}
	s := `SELECT ` + runColumns + ` FROM runs`
	if len(where) > 0 {
		s += " WHERE " + strings.Join(where, " AND ")
	}
	s += " ORDER BY id DESC LIMIT ?"
	args = append(args, f.Limit)
	return d.runs(ctx, "listing runs", s, args...)
}

// runs reads the runs query selects (runColumns); what names the query in errors.
func (d *DB) runs(ctx context.Context, what, query string, args ...any) ([]Run, error) {
	rows, err := d.db.QueryContext(ctx, d.q(query), args...)
	if err != nil {
		return nil, fmt.Errorf("history: %s: %w", what, err)
	}
	defer rows.Close()
	var out []Run
	for rows.Next() {
		r, err := scanRun(rows)
		if err != nil {
			return nil, fmt.Errorf("history: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Run returns one run.
func (d *DB) Run(ctx context.Context, id int64) (Run, error) {
	return d.oneRun(ctx, fmt.Sprintf("run %d", id), `id = ?`, id)
}

// RunByKey returns the run saved with RunRecord.Key key.
func (d *DB) RunByKey(ctx context.Context, key string) (Run, error) {
	return d.oneRun(ctx, fmt.Sprintf("run key %q", key), `run_key = ?`, key)
}

// oneRun reads the run where selects; what names it in errors, which wrap ErrNotFound
// when there is none.
func (d *DB) oneRun(ctx context.Context, what, where string, arg any) (Run, error) {
	r, err := scanRun(d.db.QueryRowContext(ctx, d.q(`SELECT `+runColumns+` FROM runs WHERE `+where), arg))
	if errors.Is(err, sql.ErrNoRows) {
		return Run{}, fmt.Errorf("history: %s: %w", what, ErrNotFound)
	}
	if err != nil {
		return Run{}, fmt.Errorf("history: %s: %w", what, err)
	}
	return r, nil
}

// Latest returns the newest run of each group that produced a report, by group name.
func (d *DB) Latest(ctx context.Context) ([]Run, error) {
	return d.runs(ctx, "latest runs", `SELECT `+runColumns+` FROM runs WHERE id IN
		(SELECT MAX(id) FROM runs WHERE status <> ? GROUP BY grp) ORDER BY grp`, StatusFailed)
}

// Report rebuilds the report of a run as it was stored (without raw values).
func (d *DB) Report(ctx context.Context, id int64) (*finding.Report, error) {
	run, err := d.Run(ctx, id)
	if err != nil {
		return nil, err
	}
	var extra reportExtra
	var statsDoc string
	if err := d.db.QueryRowContext(ctx, d.q(`SELECT stats FROM runs WHERE id = ?`), id).Scan(&statsDoc); err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	_ = json.Unmarshal([]byte(statsDoc), &extra)
	rep := &finding.Report{Tool: extra.Tool, Version: extra.Version, Started: run.Started, Finished: run.Finished,
		Stats: run.Stats, Contacts: extra.Contacts, Errors: extra.Errors,
		Services: []finding.Service{}, Findings: []finding.Finding{}}

	rows, err := d.db.QueryContext(ctx, d.q(`SELECT doc FROM services WHERE run_id = ? ORDER BY ord`), id)
	if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	if err := eachDoc(rows, func(doc []byte) error {
		var s finding.Service
		if err := json.Unmarshal(doc, &s); err != nil {
			return err
		}
		rep.Services = append(rep.Services, s)
		return nil
	}); err != nil {
		return nil, err
	}
	rows, err = d.db.QueryContext(ctx, d.q(`SELECT service_ord, doc FROM datasets WHERE run_id = ? ORDER BY service_ord, ord`), id)
	if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	for rows.Next() {
		var so int
		var doc []byte
		if err := rows.Scan(&so, &doc); err != nil {
			rows.Close()
			return nil, fmt.Errorf("history: %w", err)
		}
		var ds finding.Dataset
		if err := json.Unmarshal(doc, &ds); err != nil || so < 0 || so >= len(rep.Services) {
			rows.Close()
			return nil, fmt.Errorf("history: run %d: corrupt dataset row", id)
		}
		rep.Services[so].Datasets = append(rep.Services[so].Datasets, ds)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	rows, err = d.db.QueryContext(ctx, d.q(`SELECT doc FROM findings WHERE run_id = ? ORDER BY ord`), id)
	if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	if err := eachDoc(rows, func(doc []byte) error {
		var f finding.Finding
		if err := json.Unmarshal(doc, &f); err != nil {
			return err
		}
		f.Value = "" // never, even from a store written by something else
		rep.Findings = append(rep.Findings, f)
		return nil
	}); err != nil {
		return nil, err
	}
	return rep, nil
}

func eachDoc(rows *sql.Rows, fn func([]byte) error) error {
	defer rows.Close()
	for rows.Next() {
		var doc []byte
		if err := rows.Scan(&doc); err != nil {
			return fmt.Errorf("history: %w", err)
		}
		if err := fn(doc); err != nil {
			return fmt.Errorf("history: corrupt row: %w", err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("history: %w", err)
	}
	return nil
}

// FindingRuns lists the ids of the runs (newest first, at most limit) that recorded the
// finding id.
func (d *DB) FindingRuns(ctx context.Context, id string, limit int) ([]int64, error) {
	rows, err := d.db.QueryContext(ctx, d.q(`SELECT DISTINCT run_id FROM findings WHERE id = ? ORDER BY run_id DESC LIMIT ?`), id, limit)
	if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var r int64
		if err := rows.Scan(&r); err != nil {
			return nil, fmt.Errorf("history: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
