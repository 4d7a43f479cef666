package postgres

import (
	"context"
	"encoding/binary"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// queryServer is a fake PostgreSQL that logs in any user (trust) and answers each
// simple-protocol query with the rows answer gives for it (text columns; none when it
// gives nil). It records the longest StartupMessage and Query it was sent.
type queryServer struct {
	answer func(q string) [][]string
	// drip, when set and true for a query, answers it with a row description and then
	// a data row a byte every 100 ms, for as long as the client reads.
	drip func(q string) bool

	mu                      sync.Mutex
	longestStartup, longest int
	queries                 int
}

func (f *queryServer) handle(c net.Conn) {
	_ = c.SetDeadline(time.Now().Add(20 * time.Second))
	var hdr [8]byte
	if _, err := io.ReadFull(c, hdr[:]); err != nil {
		return
	}
	if binary.BigEndian.Uint32(hdr[4:]) == sslRequestCode {
		if _, err := c.Write([]byte{'N'}); err != nil {
			return
		}
		if _, err := io.ReadFull(c, hdr[:]); err != nil {
			return
		}
	}
	n := int(binary.BigEndian.Uint32(hdr[:4]))
	f.mu.Lock()
	f.longestStartup = max(f.longestStartup, n)
	f.mu.Unlock()
	if n < 8 || n > 1<<20 {
		return
	}
	if _, err := io.CopyN(io.Discard, c, int64(n-8)); err != nil {
		return
	}
	c.Write(msg('R', i32(0)))
	c.Write(msg('S', cstr("server_version", "15.4")))
	c.Write(msg('K', i32(1), i32(2)))
	c.Write(msg('Z', []byte{'I'}))
	for {
		var h [5]byte
		if _, err := io.ReadFull(c, h[:]); err != nil {
			return
		}
		n := int(binary.BigEndian.Uint32(h[1:]))
		f.mu.Lock()
		f.longest, f.queries = max(f.longest, n), f.queries+1
		f.mu.Unlock()
		if h[0] != 'Q' || n < 4 || n > 4<<20 {
			return
		}
		body := make([]byte, n-4)
		if _, err := io.ReadFull(c, body); err != nil {
			return
		}
		if q := strings.TrimRight(string(body), "\x00"); f.drip != nil && f.drip(q) {
			desc := binary.BigEndian.AppendUint16(nil, 1)
			desc = append(desc, cstr("c")...)
			desc = binary.BigEndian.AppendUint32(desc, 0)
			desc = binary.BigEndian.AppendUint16(desc, 0)
			desc = binary.BigEndian.AppendUint32(desc, 25)
			desc = binary.BigEndian.AppendUint16(desc, 0xffff)
			desc = binary.BigEndian.AppendUint32(desc, 0xffffffff)
			desc = binary.BigEndian.AppendUint16(desc, 0)
			row := binary.BigEndian.AppendUint16(nil, 1)
			row = binary.BigEndian.AppendUint32(row, 1<<20)
			out := append(msg('T', desc), 'D')
			out = binary.BigEndian.AppendUint32(out, uint32(4+len(row)+1<<20))
			out = append(out, row...)
			if _, err := c.Write(out); err != nil {
				return
			}
			for {
				_ = c.SetDeadline(time.Now().Add(20 * time.Second))
				time.Sleep(100 * time.Millisecond)
				if _, err := c.Write([]byte{'x'}); err != nil {
					return
				}
			}
		}
		rows := f.answer(strings.TrimRight(string(body), "\x00"))
		width := 0
		if len(rows) > 0 {
			width = len(rows[0])
		}
		desc := binary.BigEndian.AppendUint16(nil, uint16(width))
		for i := range width {
			desc = append(desc, cstr("c"+string(rune('a'+i)))...)
			desc = binary.BigEndian.AppendUint32(desc, 0)
			desc = binary.BigEndian.AppendUint16(desc, 0)
			desc = binary.BigEndian.AppendUint32(desc, 25) // text
			desc = binary.BigEndian.AppendUint16(desc, 0xffff)
			desc = binary.BigEndian.AppendUint32(desc, 0xffffffff)
			desc = binary.BigEndian.AppendUint16(desc, 0)
		}
		out := msg('T', desc)
		for _, r := range rows {
			d := binary.BigEndian.AppendUint16(nil, uint16(len(r)))
			for _, v := range r {
				d = append(binary.BigEndian.AppendUint32(d, uint32(len(v))), v...)
			}
			out = append(out, msg('D', d)...)
		}
		out = append(out, msg('C', cstr("SELECT"))...)
		out = append(out, msg('Z', []byte{'I'})...)
		if _, err := c.Write(out); err != nil {
			return
		}
	}
}

// TestHostileLongNames: database, schema, table and column names from pg_database,
// pg_class and pg_attribute were kept whole until the scan's final cut and sent back:
// a database name in the StartupMessage of a new session, the others in the text of
// counts, time ranges and samples. PostgreSQL's own are at most 63 bytes; a name past
// probekit.MaxNameBytes is now listed cut and never sent back, and the table beside them is read
// as before.
func TestHostileLongNames(t *testing.T) {
	const n = 256 << 10
	longDB, longTable, longCol := strings.Repeat("d", n), strings.Repeat("t", n), strings.Repeat("c", n)
	f := &queryServer{answer: func(q string) [][]string {
		switch {
		case strings.HasPrefix(q, "SHOW server_version_num"):
			return [][]string{{"150004"}}
		case strings.HasPrefix(q, "SHOW server_version"):
			return [][]string{{"15.4"}}
		case strings.HasPrefix(q, "SHOW default_transaction_read_only"):
			return [][]string{{"on"}}
		case strings.Contains(q, "WHERE rolname = current_user"):
			return [][]string{{"postgres", "f", "f", "f"}}
		case strings.Contains(q, "FROM pg_catalog.pg_database"):
			return [][]string{{longDB, "t", "8192"}, {"postgres", "t", "8192"}}
		case strings.Contains(q, "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace"):
			return [][]string{{"16384", "public", "users", "r", "-1", "8192", "8192", "t", "0", "0", "f"},
				{"16385", "public", longTable, "r", "-1", "8192", "8192", "t", "0", "0", "f"},
				{"16386", longTable, "x", "r", "-1", "8192", "8192", "t", "0", "0", "f"},
				// an oid goes back unquoted: only a number is sent
				{strings.Repeat("9", n), "public", "odd", "r", "-1", "8192", "8192", "t", "0", "0", "f"}}
		case strings.Contains(q, "FROM pg_catalog.pg_attribute a"):
			return [][]string{{"16384", longCol, "timestamp with time zone", "f", "b", "timestamptz"},
				// invalid UTF-8 cuts to "…": known cut by more than its length
				{"16384", strings.Repeat("\xff", 2048), "text", "f", "b", "text"},
				{"16384", "created", "timestamp with time zone", "f", "b", "timestamptz"},
				{"16384", "email", "text", "f", "b", "text"},
				{"16385", "x", "text", "f", "b", "text"}, {"16386", "x", "text", "f", "b", "text"}}
		case strings.HasPrefix(q, "SELECT count(*) FROM"):
			return [][]string{{"2"}}
		case strings.HasPrefix(q, "SELECT min("):
			return [][]string{{"2024-01-01", "2024-02-01"}}
		case strings.HasPrefix(q, "SELECT left("):
			// as many cells as columns asked for
			k := strings.Count(q, "left(")
			r := make([]string, k)
			for i := range r {
				r[i] = "v"
			}
			return [][]string{r, r}
		}
		return nil
	}}
	ep := fakeServer(t, f.handle)
	o := hostileOptions()
	o.IOTimeout = 3 * time.Second
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	res, err := New().Probe(ctx, ep, o)
	if res == nil {
		t.Fatalf("no result: %v", err)
	}
	f.mu.Lock()
	t.Logf("%d queries, the longest %d bytes, the longest startup %d bytes; err %v", f.queries, f.longest, f.longestStartup, err)
	if f.longest > 8<<10 || f.longestStartup > 8<<10 {
		t.Errorf("a query of %d bytes or a startup of %d bytes was sent back", f.longest, f.longestStartup)
	}
	f.mu.Unlock()
	marked := map[string]int{}
	for _, d := range res.Service.Datasets {
		if len(d.Database) > probekit.MaxNameBytes+len("…") || len(d.Table) > 2*(probekit.MaxNameBytes+len("…"))+1 {
			t.Errorf("a name of %d/%d bytes kept", len(d.Database), len(d.Table))
		}
		for _, c := range d.Columns {
			if len(c.Name) > probekit.MaxNameBytes+len("…") {
				t.Errorf("%.40s: a column name of %d bytes kept", d.Table, len(c.Name))
			}
		}
		if d.Error == probekit.LongName {
			marked[d.Kind]++
		}
	}
	for _, d := range res.Service.Datasets {
		if d.Table == "public.odd" && d.Error != "oid not a number: not read" {
			t.Errorf("public.odd, its oid not a number: %q", d.Error)
		}
	}
	if marked["database"] != 1 || marked["table"] != 2 {
		t.Errorf("long names not listed cut and marked: %v", marked)
	}
	var sampled bool
	for _, s := range res.Samples {
		if s.Table == "public.users" && len(s.Rows) == 2 && strings.Join(s.Columns, ",") == "created,email" {
			sampled = true
		}
		if len(s.Table) > 2*(probekit.MaxNameBytes+len("…"))+1 {
			t.Errorf("a table of a %d-byte name sampled", len(s.Table))
		}
	}
	if !sampled {
		t.Errorf("public.users not sampled as before: %+v", res.Samples)
	}
}

// TestHostileLongStringsCutAtDecode: the current user, the settings read and column
// types were kept whole (each up to the answer's cap) until the scan's final cut; they
// are now cut when decoded, as names are.
func TestHostileLongStringsCutAtDecode(t *testing.T) {
	pad := strings.Repeat("x", 256<<10)
	f := &queryServer{answer: func(q string) [][]string {
		switch {
		case strings.HasPrefix(q, "SHOW server_version_num"):
			return [][]string{{"150004"}}
		case strings.HasPrefix(q, "SHOW server_version"):
			return [][]string{{"15.4"}}
		case strings.HasPrefix(q, "SHOW default_transaction_read_only"):
			return [][]string{{"on"}}
		case strings.Contains(q, "WHERE rolname = current_user"):
			return [][]string{{"app" + pad, "f", "f", "f"}}
		case strings.Contains(q, "FROM pg_catalog.pg_settings"):
			return [][]string{{"listen_addresses", "*"}, {"log_statement", "none" + pad}}
		case strings.Contains(q, "FROM pg_catalog.pg_database"):
			return [][]string{{"postgres", "t", "8192"}}
		case strings.Contains(q, "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace"):
			return [][]string{{"16384", "public", "users", "r", "-1", "8192", "8192", "t", "0", "0", "f"}}
		case strings.Contains(q, "FROM pg_catalog.pg_attribute a"):
			return [][]string{{"16384", "email", "text", "f", "b", "text"}, {"16384", "odd", "character varying" + pad, "f", "b", "varchar"}}
		case strings.HasPrefix(q, "SELECT count(*) FROM"):
			return [][]string{{"2"}}
		case strings.HasPrefix(q, "SELECT left("):
			k := strings.Count(q, "left(")
			r := make([]string, k)
			for i := range r {
				r[i] = "v"
			}
			return [][]string{r, r}
		}
		return nil
	}}
	ep := fakeServer(t, f.handle)
	o := hostileOptions()
	o.IOTimeout = 3 * time.Second
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	res, err := New().Probe(ctx, ep, o)
	if res == nil {
		t.Fatalf("no result: %v", err)
	}
	kept := probetest.KeptBytes(res)
	t.Logf("the result keeps %d bytes of strings (err %v)", kept, err)
	if kept > 64<<10 {
		t.Errorf("the result keeps %d bytes of strings: the server's long strings were not cut at decode", kept)
	}
	if u := res.Service.Details["current_user"]; !strings.HasPrefix(u, "appxxx") || !strings.HasSuffix(u, "…") {
		t.Errorf("current user %.20q… (%d bytes): not listed cut", u, len(u))
	}
}
