package querywatch

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// schema is what the server's log tables look like: columns differ across versions
// (address is FixedString(16) on 18.x and IPv6 later; exception_code, tables and
// used_table_functions appear in 20.x–22.x; session_log in 21.x).
type schema struct {
	queryLog   map[string]string // column → type; nil when the table does not exist
	sessionLog map[string]string
}

func (w *Watcher) discover(ctx context.Context) (*schema, error) {
	rows, err := w.client.Rows(ctx, "SELECT table, name, type FROM system.columns WHERE database = 'system' "+
		"AND table IN ('query_log', 'session_log')", 2000)
	if err != nil {
		return nil, fmt.Errorf("reading the log tables' columns: %w", err)
	}
	s := &schema{}
	for _, r := range rows {
		if len(r) != 3 {
			continue
		}
		m := &s.queryLog
		if r[0] == "session_log" {
			m = &s.sessionLog
		}
		if *m == nil {
			*m = map[string]string{}
		}
		(*m)[r[1]] = r[2]
	}
	return s, nil
}

// ErrNoQueryLog means the server has no query_log (nor session_log), and no server log
// was given: nothing can be watched yet. On a server that logs queries the table appears
// at its first flush.
var ErrNoQueryLog = errors.New("system.query_log does not exist on this server: queries are logged only " +
	"when log_queries=1 is set in the users' profile (and the table appears at the first flush)")

func addrExpr(cols map[string]string, col string) string {
	if strings.Contains(cols[col], "IPv6") {
		return "toString(" + col + ")"
	}
	return "IPv6NumToString(" + col + ")"
}

func optional(cols map[string]string, col, expr, fallback string) string {
	if _, ok := cols[col]; ok {
		return expr
	}
	return fallback
}

// queryLogSQL reads the rows after the cursor (t, id), oldest first.
func queryLogSQL(cols map[string]string, t int64, id string, limit int) string {
	sel := []string{
		"toUInt32(event_time)", "query_id", "toString(type)", "user", addrExpr(cols, "address"), "port",
		"toString(interface)", "http_user_agent", "client_name", "is_initial_query",
		"read_rows", "result_rows", "result_bytes", "substring(query, 1, 16384)", "substring(exception, 1, 2048)",
		optional(cols, "exception_code", "exception_code", "0"),
		optional(cols, "current_database", "current_database", "''"),
		optional(cols, "tables", "tables", "emptyArrayString()"),
		optional(cols, "used_table_functions", "used_table_functions", "emptyArrayString()"),
	}
	ts := strconv.FormatInt(t, 10)
	return "SELECT " + strings.Join(sel, ", ") + " FROM system.query_log" +
		" WHERE event_date >= toDate(toDateTime(" + ts + "))" +
		" AND (event_time > toDateTime(" + ts + ") OR (event_time = toDateTime(" + ts + ") AND query_id >= " + quote(id) + "))" +
		" ORDER BY event_time, query_id LIMIT " + strconv.Itoa(limit)
}

func parseQueryLogRow(r []string) (Event, error) {
	if len(r) != 19 {
		return Event{}, fmt.Errorf("query_log row has %d columns, want 19", len(r))
	}
	t, err := strconv.ParseInt(r[0], 10, 64)
	if err != nil {
		return Event{}, fmt.Errorf("query_log event_time %q", r[0])
	}
	e := Event{
		Source: "query_log", Time: time.Unix(t, 0).UTC(), QueryID: r[1], Kind: parseQueryLogType(r[2]), User: r[3],
		Addr: parseAddr(r[4]), Port: int(atoi64(r[5])), Interface: interfaceName(r[6]), UserAgent: r[7],
		ClientName: r[8], Initial: r[9] == "1" || r[9] == "true", ReadRows: atoi64(r[10]), ResultRows: atoi64(r[11]),
		ResultBytes: atoi64(r[12]), Query: r[13], Exception: r[14], ExceptionCode: int(atoi64(r[15])),
		CurrentDatabase: r[16], Tables: parseStringArray(r[17]), TableFunctions: parseStringArray(r[18]),
	}
	return e, nil
}

// sessionLogSQL reads failed logins after the cursor (t, auth id).
func sessionLogSQL(cols map[string]string, t int64, id string, limit int) string {
	user := "user"
	if strings.HasPrefix(cols["user"], "Nullable") {
		user = "ifNull(user, '')"
	}
	sel := []string{"toUInt32(event_time)", "toString(auth_id)", "toString(type)", user,
		addrExpr(cols, "client_address"), "client_port", "toString(interface)",
		optional(cols, "failure_reason", "substring(failure_reason, 1, 512)", "''"),
		optional(cols, "client_name", "client_name", "''")}
	ts := strconv.FormatInt(t, 10)
	return "SELECT " + strings.Join(sel, ", ") + " FROM system.session_log" +
		" WHERE type = 'LoginFailure' AND event_date >= toDate(toDateTime(" + ts + "))" +
		" AND (event_time > toDateTime(" + ts + ") OR (event_time = toDateTime(" + ts + ") AND toString(auth_id) >= " + quote(id) + "))" +
		" ORDER BY event_time, toString(auth_id) LIMIT " + strconv.Itoa(limit)
}

func parseSessionLogRow(r []string) (Event, error) {
	if len(r) != 9 {
		return Event{}, fmt.Errorf("session_log row has %d columns, want 9", len(r))
	}
	t, err := strconv.ParseInt(r[0], 10, 64)
	if err != nil {
		return Event{}, fmt.Errorf("session_log event_time %q", r[0])
	}
	kind := KindOther
	if r[2] == "LoginFailure" || r[2] == "0" {
		kind = LoginFailure
	}
	return Event{Source: "session_log", Time: time.Unix(t, 0).UTC(), QueryID: r[1], Kind: kind, User: r[3],
		Addr: parseAddr(r[4]), Port: int(atoi64(r[5])), Interface: interfaceName(r[6]), Exception: r[7],
		ClientName: r[8], Initial: true}, nil
}

// readLog pages through one log table from the cursor, returning the rows not seen yet.
// Rows are re-read from watermark minus the overlap, since a server flushes its log
// buffers every few seconds and a row can land behind rows already read.
func (w *Watcher) readLog(ctx context.Context, name string, c *cursor, from int64,
	sql func(t int64, id string, limit int) string, parse func([]string) (Event, error)) ([]Event, error) {
	t, id := from, ""
	var out []Event
	read := 0
	for {
		rows, err := w.client.Rows(ctx, sql(t, id, w.cfg.PageRows), w.cfg.PageRows)
		if err != nil {
			return out, fmt.Errorf("reading system.%s: %w", name, err)
		}
		read += len(rows)
		w.stats.Rows += len(rows)
		startT, startID := t, id
		for _, r := range rows {
			e, err := parse(r)
			if err != nil {
				return out, err
			}
			t, id = e.Time.Unix(), e.QueryID
			k := e.key()
			if c.has(k) {
				continue
			}
			c.add(k, t)
			out = append(out, e)
		}
		if len(rows) < w.cfg.PageRows {
			return out, nil
		}
		if (t == startT && id == startID) || len(id) > 4096 {
			// A full page of one (time, id) — a client reusing a query id — or an id too
			// long to quote back: step to the next second, and say what may be skipped.
			w.log.Warn("querywatch: stepping over rows that cannot be paged through", "log", name, "time", t, "query_id", truncate(id, 64))
			t, id = t+1, ""
		}
		if read >= w.cfg.MaxRowsPerPoll {
			w.log.Warn("querywatch: row limit reached for this poll; the rest is read next time", "log", name, "rows", read)
			return out, nil
		}
	}
}
