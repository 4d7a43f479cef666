package history

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// openReadOnly opens a store for commands that only read it. It never migrates,
// creates tables or changes the journal mode, so it works on a store this user cannot
// write, and cannot change a store another version of leakwatch is using.
func openReadOnly(ctx context.Context, dsn string, opts Options) (*DB, error) {
	var d *DB
	if IsPostgres(dsn) {
		u, err := url.Parse(dsn)
		if err != nil {
			return nil, fmt.Errorf("history: %w", err)
		}
		// Every session of this pool refuses writes on the server's side too.
		q := u.Query()
		q.Set("default_transaction_read_only", "on")
		u.RawQuery = q.Encode()
		db, err := sql.Open("pgx", u.String())
		if err != nil {
			return nil, fmt.Errorf("history: %w", err)
		}
		db.SetMaxOpenConns(4)
		d = &DB{db: db, dialect: dialectPostgres, where: safeURL(dsn), readOnly: true}
		if err := d.pingReadOnly(ctx); err != nil {
			d.Close()
			return nil, err
		}
	} else {
		var err error
		if d, err = openSQLiteReadOnly(ctx, dsn, opts); err != nil {
			return nil, err
		}
	}
	if err := d.checkSchema(ctx); err != nil {
		d.Close()
		return nil, err
	}
	return d, nil
}

func (d *DB) pingReadOnly(ctx context.Context) error {
	pctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	if err := d.db.PingContext(pctx); err != nil {
		return fmt.Errorf("history: opening %s: %w", d.where, err)
	}
	return nil
}

// checkSchema refuses what is not a leakwatch store, or one newer than this build.
func (d *DB) checkSchema(ctx context.Context) error {
	var v sql.NullInt64
	if err := d.db.QueryRowContext(ctx, `SELECT MAX(version) FROM schema_migrations`).Scan(&v); err != nil {
		if strings.Contains(err.Error(), "no such table") || strings.Contains(err.Error(), "does not exist") {
			return fmt.Errorf("history: %s is not a leakwatch history store (no schema)", d.where)
		}
		return fmt.Errorf("history: reading %s: %w", d.where, err)
	}
	switch {
	case !v.Valid || v.Int64 < 1:
		return fmt.Errorf("history: %s is an empty history store", d.where)
	case int(v.Int64) > LatestVersion:
		return fmt.Errorf("history: %s is at schema version %d, newer than this build (%d): upgrade leakwatch", d.where, v.Int64, LatestVersion)
	}
	return nil
}

func sqliteReadOnlyDSN(path string, busy time.Duration) string {
	q := url.Values{}
	q.Set("mode", "ro")
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busy.Milliseconds()))
	q.Add("_pragma", "query_only(1)")
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// openSQLiteReadOnly reads the file in place when SQLite can (it needs to create or
// open the -shm file of a WAL database next to it), else from a private copy of the
// file and its WAL, removed by Close.
func openSQLiteReadOnly(ctx context.Context, path string, opts Options) (*DB, error) {
	if strings.HasPrefix(path, "file:") || strings.Contains(path, "?") {
		return nil, fmt.Errorf("history: give a plain file path for SQLite, not %q", path)
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("history: %s is not a file", path)
	}
	busy := opts.BusyTimeout
	if busy <= 0 {
		busy = 10 * time.Second
	}
	if writable(path) == nil {
		db, err := sql.Open("sqlite", sqliteReadOnlyDSN(path, busy))
		if err != nil {
			return nil, fmt.Errorf("history: %w", err)
		}
		d := &DB{db: db, dialect: dialectSQLite, where: path, readOnly: true}
		if err := d.pingReadOnly(ctx); err != nil {
			d.Close()
			return nil, err
		}
		return d, nil
	}
	// The directory is read-only to us: SQLite could not create the shared-memory file
	// it reads a WAL database with, so read a snapshot instead.
	tmp, err := os.MkdirTemp("", "leakwatch-history-ro-")
	if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	cleanup := func() { _ = os.RemoveAll(tmp) }
	cp := filepath.Join(tmp, filepath.Base(path))
	for _, suffix := range []string{"", "-wal"} {
		if err := copyFile(path+suffix, cp+suffix); err != nil && !(suffix != "" && errors.Is(err, fs.ErrNotExist)) {
			cleanup()
			return nil, fmt.Errorf("history: reading %s: %w", path+suffix, err)
		}
	}
	db, err := sql.Open("sqlite", sqliteReadOnlyDSN(cp, busy))
	if err != nil {
		cleanup()
		return nil, fmt.Errorf("history: %w", err)
	}
	d := &DB{db: db, dialect: dialectSQLite, where: path, readOnly: true, cleanup: cleanup}
	if err := d.pingReadOnly(ctx); err != nil {
		d.Close()
		return nil, err
	}
	return d, nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
