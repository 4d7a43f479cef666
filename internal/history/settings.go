package history

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/leakwatch/leakwatch/internal/finding"
)

const fingerprintKeySetting = "fingerprint_key"

// FingerprintKey returns the fingerprint key kept in a PostgreSQL store, creating it
// the first time: every worker and monitor recording into the same database then
// fingerprints values alike without a key file to hand around. Whoever can read the
// settings table can reverse low-entropy fingerprints, so grant it as narrowly as the
// findings themselves (or give every process the same key file instead).
//
// A SQLite store never holds the key: whoever copies the file would copy the key with
// the fingerprints it protects.
func (d *DB) FingerprintKey(ctx context.Context) ([]byte, error) {
	if d.dialect != dialectPostgres {
		return nil, errors.New("history: only a PostgreSQL store keeps a fingerprint key")
	}
	if d.readOnly {
		return nil, errors.New("history: the store is open read-only")
	}
	// Two processes starting together both insert; the first insert wins and both
	// read the winner.
	if _, err := d.db.ExecContext(ctx, d.q(`INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING`),
		fingerprintKeySetting, hex.EncodeToString(finding.NewKey())); err != nil {
		return nil, fmt.Errorf("history: fingerprint key: %w", err)
	}
	var v string
	if err := d.db.QueryRowContext(ctx, d.q(`SELECT value FROM settings WHERE name = ?`), fingerprintKeySetting).Scan(&v); err != nil {
		return nil, fmt.Errorf("history: fingerprint key: %w", err)
	}
	k, err := finding.ParseKey(v)
	if err != nil {
		return nil, fmt.Errorf("history: the store's %w", err)
	}
	return k, nil
}
