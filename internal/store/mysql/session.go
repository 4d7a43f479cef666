package mysql

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
)

// session is one logged-in connection, used through the driver's own interfaces: text
// protocol only (COM_QUERY, nothing prepared), so that the server's general log shows
// exactly what ran, and cells arrive as the server's text.
type session struct {
	conn   driver.Conn
	o      *store.Options
	flavor string
	// readOnly is set once START TRANSACTION READ ONLY succeeded.
	readOnly bool
	// budget caps what each query reads (nil: no cap, for tests' own connections).
	budget *probekit.BudgetConn
}

func (s *session) close() {
	if s.readOnly {
		_, _ = s.rows(context.Background(), "ROLLBACK", 0)
	}
	_ = s.conn.Close()
}

// begin bounds every statement and opens the read-only transaction the whole
// inventory runs in. Servers older than MySQL 5.6.5 / MariaDB 10.0 have no read-only
// transactions; there leakwatch still sends nothing but SELECT and SHOW.
func (s *session) begin(ctx context.Context) {
	secs := max(1, int(s.o.IOTimeout/time.Second))
	if s.flavor == "mariadb" {
		_, _ = s.rows(ctx, fmt.Sprintf("SET SESSION max_statement_time = %d", secs), 0)
	} else {
		_, _ = s.rows(ctx, fmt.Sprintf("SET SESSION max_execution_time = %d", secs*1000), 0)
	}
	if _, err := s.rows(ctx, "START TRANSACTION READ ONLY", 0); err == nil {
		s.readOnly = true
	}
}

// rows runs query and returns at most max rows as text; NULL is "".
func (s *session) rows(ctx context.Context, query string, max int) ([][]string, error) {
	return s.rowsWithin(ctx, query, max, 0)
}

// nullable is rows with NULL kept apart as nil.
func (s *session) nullable(ctx context.Context, query string, max int) ([][]*string, error) {
	return s.nullableWithin(ctx, query, max, 0)
}

// rowsWithin is rows whose answer may take up to budget bytes (0: the usual
// MaxResponseBytes), for a query that bounds its own answer.
func (s *session) rowsWithin(ctx context.Context, query string, max int, budget int64) ([][]string, error) {
	r, err := s.nullableWithin(ctx, query, max, budget)
	out := make([][]string, len(r))
	for i, row := range r {
		out[i] = make([]string, len(row))
		for j, c := range row {
			if c != nil {
				out[i][j] = *c
			}
		}
	}
	return out, err
}

func (s *session) nullableWithin(ctx context.Context, query string, max int, budget int64) ([][]*string, error) {
	var out [][]*string
	err := s.eachRow(ctx, query, max, budget, func(row []*string) bool {
		out = append(out, row)
		return true
	})
	return out, err
}

// eachRow runs query and hands each of at most max rows to keep as it is read (NULL is
// nil), until keep returns false; the answer may take up to budget bytes (0: the usual
// MaxResponseBytes). A row is held only while keep looks at it: a caller that cuts
// rows as they come holds its cut rows and one row, not the whole answer.
func (s *session) eachRow(ctx context.Context, query string, max int, budget int64, keep func([]*string) bool) error {
	q, ok := s.conn.(driver.QueryerContext)
	if !ok {
		return errors.New("mysql: driver connection cannot query")
	}
	ctx, cancel := context.WithTimeout(ctx, s.o.IOTimeout+time.Second)
	defer cancel()
	if s.budget != nil {
		if budget > 0 {
			s.budget.RefillTo(budget)
		} else {
			s.budget.Refill()
		}
		// The driver watches ctx only until a result is closed, and closing one reads
		// the rest of it, each read with a fresh timeout: a server dripping an endless
		// row would hold the session for ever. When the query's time is up, the
		// connection goes.
		stop := context.AfterFunc(ctx, func() { _ = s.budget.Close() })
		defer stop()
	}
	rows, err := q.QueryContext(ctx, query, nil)
	if err != nil {
		return s.classify(err)
	}
	defer rows.Close()
	dest := make([]driver.Value, len(rows.Columns()))
	for n := 0; n < max; n++ {
		if err := rows.Next(dest); err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			return s.classify(err)
		}
		row := make([]*string, len(dest))
		for i, v := range dest {
			switch v := v.(type) {
			case nil:
			case []byte:
				s := string(v)
				row[i] = &s
			default:
				s := fmt.Sprint(v)
				row[i] = &s
			}
		}
		if !keep(row) {
			break
		}
	}
	return nil
}

// classify is classify, naming an answer cut off for its size as such (the driver
// reports only a broken connection).
func (s *session) classify(err error) error {
	if s.budget != nil && s.budget.Spent() {
		return fmt.Errorf("%w: an answer larger than its budget; connection given up", store.ErrTooLarge)
	}
	return classify(err)
}

// quoteIdent quotes a MySQL identifier with backticks.
func quoteIdent(s string) string { return "`" + strings.ReplaceAll(s, "`", "``") + "`" }

// quoteString quotes a string literal; backslashes are escapes unless the server runs
// with NO_BACKSLASH_ESCAPES, and doubling quotes works either way, so names holding a
// backslash are never put in literals (see inList).
func quoteString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
