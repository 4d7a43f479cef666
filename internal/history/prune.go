package history

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Retention says which runs to keep. A run goes when it is older than MaxAge or when
// KeepRuns newer runs of its group exist (either bound alone when the other is zero).
// Whatever the bounds, Prune keeps each group's newest run, its newest complete run
// (what the next run is compared with) and every run with an alert not yet delivered.
type Retention struct {
	MaxAge   time.Duration
	KeepRuns int
}

// Zero reports whether the retention keeps everything.
func (r Retention) Zero() bool { return r.MaxAge <= 0 && r.KeepRuns <= 0 }

func (r Retention) String() string {
	var parts []string
	if r.MaxAge > 0 {
		if r.MaxAge%(24*time.Hour) == 0 {
			parts = append(parts, strconv.FormatInt(int64(r.MaxAge/(24*time.Hour)), 10)+"d")
		} else {
			parts = append(parts, r.MaxAge.String())
		}
	}
	if r.KeepRuns > 0 {
		parts = append(parts, strconv.Itoa(r.KeepRuns)+" runs")
	}
	if len(parts) == 0 {
		return "keep everything"
	}
	return strings.Join(parts, ", ")
}

// ParseRetention reads "90d", "36h", "500 runs" or both joined by a comma
// ("90d, 500 runs"); "" keeps everything.
func ParseRetention(s string) (Retention, error) {
	var r Retention
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if n, ok := strings.CutSuffix(part, "runs"); ok {
			k, err := strconv.Atoi(strings.TrimSpace(n))
			if err != nil || k < 1 {
				return Retention{}, fmt.Errorf("retention %q: want a number of runs of at least 1, e.g. \"500 runs\"", part)
			}
			r.KeepRuns = k
			continue
		}
		d, err := parseAge(part)
		if err != nil {
			return Retention{}, err
		}
		r.MaxAge = d
	}
	return r, nil
}

func parseAge(s string) (time.Duration, error) {
	bad := fmt.Errorf("retention %q: want an age such as 90d or 36h, or a count such as \"500 runs\"", s)
	var d time.Duration
	if n, ok := strings.CutSuffix(s, "d"); ok {
		days, err := strconv.Atoi(n)
		if err != nil || days > 100000 {
			return 0, bad
		}
		d = time.Duration(days) * 24 * time.Hour
	} else {
		var err error
		if d, err = time.ParseDuration(s); err != nil {
			return 0, bad
		}
	}
	if d < time.Hour {
		return 0, fmt.Errorf("retention %q: keep runs for at least an hour", s)
	}
	return d, nil
}

// PruneResult says what Prune removed (or would remove, for a dry run).
type PruneResult struct {
	Runs   int
	Groups int
}

// pruneBatch bounds one delete statement, so that a first prune of a year of history
// does not hold the writer lock for long.
const pruneBatch = 500

// Prune deletes the runs r does not keep, with their services, datasets, findings and
// delivered alerts, for group (every group when empty), as of now. With dryRun it only
// counts them.
func (d *DB) Prune(ctx context.Context, r Retention, group string, now time.Time, dryRun bool) (PruneResult, error) {
	var res PruneResult
	if r.Zero() {
		return res, nil
	}
	groups := []string{group}
	if group == "" {
		var err error
		if groups, err = d.groups(ctx); err != nil {
			return res, err
		}
	}
	for _, g := range groups {
		ids, err := d.expired(ctx, r, g, now)
		if err != nil {
			return res, err
		}
		if len(ids) == 0 {
			continue
		}
		res.Groups++
		res.Runs += len(ids)
		if dryRun {
			continue
		}
		for len(ids) > 0 {
			n := min(len(ids), pruneBatch)
			if err := d.deleteRuns(ctx, ids[:n]); err != nil {
				return res, err
			}
			ids = ids[n:]
		}
	}
	return res, nil
}

func (d *DB) groups(ctx context.Context) ([]string, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT DISTINCT grp FROM runs`)
	if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var g string
		if err := rows.Scan(&g); err != nil {
			return nil, fmt.Errorf("history: %w", err)
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

// expired lists the ids of group's runs that r lets go, oldest first.
func (d *DB) expired(ctx context.Context, r Retention, group string, now time.Time) ([]int64, error) {
	keep := map[int64]bool{}
	one := func(query string, args ...any) error {
		var id sql.NullInt64
		if err := d.db.QueryRowContext(ctx, d.q(query), args...).Scan(&id); err != nil {
			return fmt.Errorf("history: retention: %w", err)
		}
		if id.Valid {
			keep[id.Int64] = true
		}
		return nil
	}
	if err := one(`SELECT MAX(id) FROM runs WHERE grp = ?`, group); err != nil {
		return nil, err
	}
	if err := one(`SELECT MAX(id) FROM runs WHERE grp = ? AND status = ?`, group, StatusOK); err != nil {
		return nil, err
	}
	rows, err := d.db.QueryContext(ctx, d.q(`SELECT r.id, r.finished_ms,
		EXISTS (SELECT 1 FROM outbox o WHERE o.run_id = r.id AND o.delivered_ms IS NULL)
		FROM runs r WHERE r.grp = ? ORDER BY r.id DESC`), group)
	if err != nil {
		return nil, fmt.Errorf("history: retention: %w", err)
	}
	defer rows.Close()
	cutoff := now.Add(-r.MaxAge).UnixMilli()
	var out []int64
	newer := 0
	for rows.Next() {
		var id, finished int64
		var pending bool
		if err := rows.Scan(&id, &finished, &pending); err != nil {
			return nil, fmt.Errorf("history: retention: %w", err)
		}
		tooOld := r.MaxAge > 0 && finished < cutoff
		tooMany := r.KeepRuns > 0 && newer >= r.KeepRuns
		newer++
		if (tooOld || tooMany) && !keep[id] && !pending {
			out = append(out, id)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("history: retention: %w", err)
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out, nil
}

func (d *DB) deleteRuns(ctx context.Context, ids []int64) error {
	marks := strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",")
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("history: retention: %w", err)
	}
	defer tx.Rollback()
	// Children first: SQLite enforces ON DELETE CASCADE only with foreign_keys on,
	// which a store opened by another tool may not have had.
	for _, q := range []string{
		`DELETE FROM findings WHERE run_id IN (` + marks + `)`,
		`DELETE FROM datasets WHERE run_id IN (` + marks + `)`,
		`DELETE FROM services WHERE run_id IN (` + marks + `)`,
		`DELETE FROM outbox WHERE delivered_ms IS NOT NULL AND run_id IN (` + marks + `)`,
		`DELETE FROM runs WHERE id IN (` + marks + `)`,
	} {
		if _, err := tx.ExecContext(ctx, d.q(q), args...); err != nil {
			return fmt.Errorf("history: retention: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("history: retention: %w", err)
	}
	return nil
}

// Vacuum gives the space of deleted runs back to the file system (SQLite; PostgreSQL
// reuses it by itself).
func (d *DB) Vacuum(ctx context.Context) error {
	if d.dialect != dialectSQLite {
		return nil
	}
	if _, err := d.db.ExecContext(ctx, `VACUUM`); err != nil {
		return fmt.Errorf("history: vacuum: %w", err)
	}
	return nil
}
