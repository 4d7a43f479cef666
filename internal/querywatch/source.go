package querywatch

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/leakwatch/leakwatch/internal/store"
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

// maxQueryText is how much of each logged query is read. Longer queries also send the
// fragments that matter (table functions, FROM and JOIN targets), extracted by the
// server from the whole text, so padding a query cannot push a url() call out of sight.
const maxQueryText = 8192

// fragmentRE finds, in a whole query, the calls of risky table functions and what FROM
// and JOIN name (with a following argument list, for FROM url(…)). The server runs it
// (extractAll), so it is built once from riskyFunctions.
var fragmentRE = func() string {
	names := make([]string, 0, len(riskyFunctions))
	for _, n := range riskyFunctions {
		names = append(names, n)
	}
	// Longest first, so that urlCluster is not read as url followed by "Cluster".
	sort.Slice(names, func(i, j int) bool {
		if len(names[i]) != len(names[j]) {
			return len(names[i]) > len(names[j])
		}
		return names[i] < names[j]
	})
	return `(?i)\b(?:` + strings.Join(names, "|") + `)\s*\([^)]{0,300}|` +
		`(?i)\b(?:FROM|JOIN)\s+[A-Za-z0-9_.\x60"]{1,200}(?:\s*\([^)]{0,300})?`
}()

// logTable is how one log table is read: what to select, how rows are ordered and
// paged, and how a row becomes an event.
type logTable struct {
	name   string
	idExpr string // the tie-breaker within a second: query_id, or the session's auth id
	filter string // extra condition, or ""
	sel    []string
	parse  func([]string) (Event, error)
}

func queryLogTable(cols map[string]string) *logTable {
	return &logTable{name: "query_log", idExpr: "query_id", parse: parseQueryLogRow, sel: []string{
		"toUInt32(event_time)", "query_id", "toString(type)", "user", addrExpr(cols, "address"), "port",
		"toString(interface)", "http_user_agent", "client_name", "is_initial_query",
		"read_rows", "result_rows", "result_bytes", "substring(query, 1, " + strconv.Itoa(maxQueryText) + ")",
		"substring(exception, 1, 1024)",
		optional(cols, "exception_code", "exception_code", "0"),
		optional(cols, "current_database", "current_database", "''"),
		optional(cols, "tables", "tables", "emptyArrayString()"),
		optional(cols, "used_table_functions", "used_table_functions", "emptyArrayString()"),
		"if(length(query) > " + strconv.Itoa(maxQueryText) + ", arraySlice(extractAll(query, " + quote(fragmentRE) +
			"), 1, 50), emptyArrayString())",
	}}
}

func sessionLogTable(cols map[string]string) *logTable {
	user := "user"
	if strings.HasPrefix(cols["user"], "Nullable") {
		user = "ifNull(user, '')"
	}
	return &logTable{name: "session_log", idExpr: "toString(auth_id)", filter: "type = 'LoginFailure'", parse: parseSessionLogRow,
		sel: []string{"toUInt32(event_time)", "toString(auth_id)", "toString(type)", user,
			addrExpr(cols, "client_address"), "client_port", "toString(interface)",
			optional(cols, "failure_reason", "substring(failure_reason, 1, 512)", "''"),
			optional(cols, "client_name", "client_name", "''")}}
}

// where selects rows after the cursor (t, id) — from it when inclusive, since rows of
// the cursor's own (time, id) may not all have been read — and not after until.
func (lt *logTable) where(t int64, id string, until int64, inclusive bool) string {
	ts := strconv.FormatInt(t, 10)
	op := ">"
	if inclusive {
		op = ">="
	}
	w := " WHERE event_date >= toDate(toDateTime(" + ts + ")) AND event_time <= toDateTime(" + strconv.FormatInt(until, 10) + ")" +
		" AND (event_time > toDateTime(" + ts + ") OR (event_time = toDateTime(" + ts + ") AND " + lt.idExpr + " " + op + " " + quote(id) + "))"
	if lt.filter != "" {
		w += " AND " + lt.filter
	}
	return w
}

func (lt *logTable) pageSQL(t int64, id string, until int64, limit int) string {
	return "SELECT " + strings.Join(lt.sel, ", ") + " FROM system." + lt.name + lt.where(t, id, until, true) +
		" ORDER BY event_time, " + lt.idExpr + " LIMIT " + strconv.Itoa(limit)
}

func (lt *logTable) countSQL(t int64, id string, until int64) string {
	return "SELECT count() FROM system." + lt.name + lt.where(t, id, until, false)
}

func parseQueryLogRow(r []string) (Event, error) {
	if len(r) != 20 {
		return Event{}, fmt.Errorf("query_log row has %d columns, want 20", len(r))
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
		Fragments: parseStringArray(r[19]),
	}
	return e, nil
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

// readLog pages through one log table from the cursor up to the server time until,
// returning the rows not seen yet, and whether it read everything up to until. Rows are
// re-read from watermark minus the overlap, since a server flushes its log buffers every
// few seconds and a row can land behind rows already read. A page larger than a response
// may be is asked for again in smaller pages; one the server cut short (its
// max_result_bytes) is told from the end by a count of what lies beyond.
func (w *Watcher) readLog(ctx context.Context, lt *logTable, c *cursor, from, until int64) ([]Event, bool, error) {
	t, id := from, ""
	limit := w.cfg.PageRows
	var out []Event
	read := 0
	for {
		rows, err := w.client.Rows(ctx, lt.pageSQL(t, id, until, limit), limit)
		if errors.Is(err, store.ErrTooLarge) && limit > 10 {
			// Long queries made the page larger than a response may be: smaller pages.
			limit = max(limit/4, 10)
			w.log.Debug("querywatch: page larger than the response limit; shrinking it", "log", lt.name, "rows", limit)
			continue
		}
		if err != nil {
			return out, false, fmt.Errorf("reading system.%s: %w", lt.name, err)
		}
		read += len(rows)
		w.stats.Rows += len(rows)
		startT, startID := t, id
		for _, r := range rows {
			e, err := lt.parse(r)
			if err != nil {
				return out, false, err
			}
			t, id = e.Time.Unix(), e.QueryID
			k := e.key()
			if c.has(k) {
				continue
			}
			c.add(k, t)
			out = append(out, e)
		}
		if len(rows) < limit {
			more, err := w.client.Rows(ctx, lt.countSQL(t, id, until), 1)
			if err != nil {
				return out, false, fmt.Errorf("reading system.%s: %w", lt.name, err)
			}
			if len(more) != 1 || len(more[0]) != 1 || atoi64(more[0][0]) == 0 {
				return out, true, nil
			}
			limit = max(limit/2, 10)
			w.log.Debug("querywatch: page cut by the response size limit; halving it", "log", lt.name, "rows", limit)
		}
		if (t == startT && id == startID && len(rows) == limit) || len(id) > 4096 {
			// A full page of one (time, id) — a client reusing a query id — or an id too
			// long to quote back: step to the next second, and say what may be skipped.
			w.log.Warn("querywatch: stepping over rows that cannot be paged through", "log", lt.name, "time", t, "query_id", truncate(id, 64))
			t, id = t+1, ""
		}
		if read >= w.cfg.MaxRowsPerPoll {
			w.log.Warn("querywatch: row limit reached for this poll; the rest is read next time", "log", lt.name, "rows", read)
			return out, false, nil
		}
	}
}
