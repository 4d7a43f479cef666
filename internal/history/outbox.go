package history

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// OutboxItem is one alert for one route, kept until it is delivered. Key is the
// idempotency key: the same alert is never queued twice, and receivers can use it to
// drop a repeat after a crash between sending and recording the delivery.
type OutboxItem struct {
	ID        int64      `json:"id"`
	Key       string     `json:"key"`
	Route     string     `json:"route"`
	RunID     int64      `json:"run_id"`
	Created   time.Time  `json:"created"`
	Payload   []byte     `json:"-"`
	Attempts  int        `json:"attempts"`
	NextAt    time.Time  `json:"next_at"`
	Delivered *time.Time `json:"delivered,omitempty"`
	LastError string     `json:"last_error,omitempty"`
}

func (d *DB) enqueue(ctx context.Context, tx *sql.Tx, items []OutboxItem) error {
	if len(items) == 0 {
		return nil
	}
	stmt, err := tx.PrepareContext(ctx, d.q(`INSERT INTO outbox (idem_key, route, run_id, created_ms, payload, next_ms)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (idem_key) DO NOTHING`))
	if err != nil {
		return fmt.Errorf("history: %w", err)
	}
	defer stmt.Close()
	now := time.Now()
	for _, it := range items {
		next := it.NextAt
		if next.IsZero() {
			next = now
		}
		if _, err := stmt.ExecContext(ctx, it.Key, it.Route, it.RunID, now.UnixMilli(), string(it.Payload), next.UnixMilli()); err != nil {
			return fmt.Errorf("history: queueing alert: %w", err)
		}
	}
	return nil
}

// Enqueue queues alerts outside a run (tests, tools). Keys already queued are skipped.
func (d *DB) Enqueue(ctx context.Context, items []OutboxItem) error {
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("history: %w", err)
	}
	defer tx.Rollback()
	if err := d.enqueue(ctx, tx, items); err != nil {
		return err
	}
	return tx.Commit()
}

const outboxColumns = `id, idem_key, route, run_id, created_ms, payload, attempts, next_ms, delivered_ms, last_error`

func scanOutbox(rows *sql.Rows) (OutboxItem, error) {
	var it OutboxItem
	var created, next int64
	var delivered sql.NullInt64
	var payload string
	if err := rows.Scan(&it.ID, &it.Key, &it.Route, &it.RunID, &created, &payload, &it.Attempts, &next, &delivered, &it.LastError); err != nil {
		return it, err
	}
	it.Payload = []byte(payload)
	it.Created, it.NextAt = fromMS(created), fromMS(next)
	if delivered.Valid {
		t := fromMS(delivered.Int64)
		it.Delivered = &t
	}
	return it, nil
}

func (d *DB) outbox(ctx context.Context, query string, args ...any) ([]OutboxItem, error) {
	rows, err := d.db.QueryContext(ctx, d.q(query), args...)
	if err != nil {
		return nil, fmt.Errorf("history: outbox: %w", err)
	}
	defer rows.Close()
	var out []OutboxItem
	for rows.Next() {
		it, err := scanOutbox(rows)
		if err != nil {
			return nil, fmt.Errorf("history: outbox: %w", err)
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

// Due lists undelivered items whose next attempt is at or before now, oldest first.
func (d *DB) Due(ctx context.Context, now time.Time, limit int) ([]OutboxItem, error) {
	return d.outbox(ctx, `SELECT `+outboxColumns+` FROM outbox WHERE delivered_ms IS NULL AND next_ms <= ?
		ORDER BY next_ms, id LIMIT ?`, now.UnixMilli(), limit)
}

// Outbox lists the newest items, delivered or not.
func (d *DB) Outbox(ctx context.Context, limit int) ([]OutboxItem, error) {
	return d.outbox(ctx, `SELECT `+outboxColumns+` FROM outbox ORDER BY id DESC LIMIT ?`, limit)
}

// NextDue is when the earliest undelivered item is due (zero when none is waiting).
func (d *DB) NextDue(ctx context.Context) (time.Time, error) {
	var next sql.NullInt64
	if err := d.db.QueryRowContext(ctx, `SELECT MIN(next_ms) FROM outbox WHERE delivered_ms IS NULL`).Scan(&next); err != nil {
		return time.Time{}, fmt.Errorf("history: outbox: %w", err)
	}
	if !next.Valid {
		return time.Time{}, nil
	}
	return fromMS(next.Int64), nil
}

// Pending counts undelivered items.
func (d *DB) Pending(ctx context.Context) (int, error) {
	var n int
	err := d.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM outbox WHERE delivered_ms IS NULL`).Scan(&n)
	return n, err
}

// MarkDelivered records a delivery. It is a no-op for an item already delivered.
func (d *DB) MarkDelivered(ctx context.Context, id int64, at time.Time) error {
	_, err := d.db.ExecContext(ctx, d.q(`UPDATE outbox SET delivered_ms = ?, attempts = attempts + 1, last_error = ''
		WHERE id = ? AND delivered_ms IS NULL`), at.UnixMilli(), id)
	if err != nil {
		return fmt.Errorf("history: outbox: %w", err)
	}
	return nil
}

// MarkFailed records a failed attempt and when to try again.
func (d *DB) MarkFailed(ctx context.Context, id int64, errText string, next time.Time) error {
	if len(errText) > 2000 {
		errText = errText[:2000]
	}
	_, err := d.db.ExecContext(ctx, d.q(`UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_ms = ?
		WHERE id = ? AND delivered_ms IS NULL`), errText, next.UnixMilli(), id)
	if err != nil {
		return fmt.Errorf("history: outbox: %w", err)
	}
	return nil
}
