package mysql

import (
	"context"
	"encoding/binary"
	"fmt"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
	"io"
	"net"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// queryServer is a fake MySQL (laid out as probetest.EndlessMySQLRow: HandshakeV10,
// mysql_native_password, no TLS, classic EOF packets) that accepts any login and answers
// each SELECT or SHOW with the rows answer gives for it (text columns; one column and
// no row when it gives nil), anything else with OK. It records the longest command it
// was sent.
type queryServer struct {
	answer func(q string) [][]string

	mu       sync.Mutex
	longest  int
	commands int
}

func lenenc(b []byte, n int) []byte {
	switch {
	case n < 251:
		return append(b, byte(n))
	case n < 1<<16:
		return append(b, 0xfc, byte(n), byte(n>>8))
	case n < 1<<24:
		return append(b, 0xfd, byte(n), byte(n>>8), byte(n>>16))
	}
	return binary.LittleEndian.AppendUint64(append(b, 0xfe), uint64(n))
}

func (f *queryServer) handle(_ int, c net.Conn) {
	const caps = 0x0200 | 0x8000 | 0x80000 | 0x0008 | 0x2000 | 0x200000 | 0x100000
	_ = c.SetDeadline(time.Now().Add(30 * time.Second))
	packet := func(seq byte, p []byte) []byte {
		n := len(p)
		return append([]byte{byte(n), byte(n >> 8), byte(n >> 16), seq}, p...)
	}
	greeting := []byte{10}
	greeting = append(append(greeting, "8.0.36"...), 0)
	greeting = binary.LittleEndian.AppendUint32(greeting, 7)
	greeting = append(greeting, "abcdefgh\x00"...)
	greeting = binary.LittleEndian.AppendUint16(greeting, uint16(caps&0xffff))
	greeting = append(greeting, 0x21, 2, 0)
	greeting = binary.LittleEndian.AppendUint16(greeting, uint16(caps>>16))
	greeting = append(greeting, 21)
	greeting = append(greeting, make([]byte, 10)...)
	greeting = append(greeting, "ijklmnopqrst\x00mysql_native_password\x00"...)
	read := func() []byte {
		var h [4]byte
		if _, err := io.ReadFull(c, h[:]); err != nil {
			return nil
		}
		n := int(h[0]) | int(h[1])<<8 | int(h[2])<<16
		f.mu.Lock()
		f.longest, f.commands = max(f.longest, n), f.commands+1
		f.mu.Unlock()
		b := make([]byte, n)
		if _, err := io.ReadFull(c, b); err != nil {
			return nil
		}
		return b
	}
	if _, err := c.Write(packet(0, greeting)); err != nil || read() == nil {
		return
	}
	c.Write(packet(2, []byte{0, 0, 0, 2, 0, 0, 0})) // OK: logged in
	for {
		cmd := read()
		if len(cmd) == 0 || cmd[0] != 0x03 { // COM_QUERY; COM_QUIT or a close ends
			return
		}
		q := string(cmd[1:])
		if !strings.HasPrefix(q, "SELECT") && !strings.HasPrefix(q, "SHOW") {
			c.Write(packet(1, []byte{0, 0, 0, 2, 0, 0, 0}))
			continue
		}
		rows := f.answer(q)
		width := 1
		if len(rows) > 0 {
			width = len(rows[0])
		}
		seq := byte(1)
		out := packet(seq, lenenc(nil, width))
		for i := range width {
			var def []byte
			for _, s := range []string{"def", "", "", "", "c" + string(rune('a'+i)), ""} {
				def = append(append(def, byte(len(s))), s...)
			}
			def = append(def, 0x0c, 0x21, 0, 0xff, 0xff, 0, 0, 0xfd, 0, 0, 0, 0, 0)
			seq++
			out = append(out, packet(seq, def)...)
		}
		seq++
		out = append(out, packet(seq, []byte{0xfe, 0, 0, 2, 0})...)
		for _, r := range rows {
			var p []byte
			for _, v := range r {
				p = append(lenenc(p, len(v)), v...)
			}
			seq++
			out = append(out, packet(seq, p)...)
		}
		seq++
		out = append(out, packet(seq, []byte{0xfe, 0, 0, 2, 0})...)
		if _, err := c.Write(out); err != nil {
			return
		}
	}
}

// TestHostileLongNames: schema, table and column names from information_schema were
// kept whole until the scan's final cut and sent back in the text of later statements
// (the column listing's TABLE_SCHEMA IN (…), sizes, counts, SHOW CREATE TABLE, time
// ranges, samples). MySQL's own are at most 64 characters; a name past probekit.MaxNameBytes is
// now listed cut and never sent back, and the table beside them is read as before.
func TestHostileLongNames(t *testing.T) {
	const n = 256 << 10
	longDB, longTable, longCol := strings.Repeat("d", n), strings.Repeat("t", n), strings.Repeat("c", n)
	f := &queryServer{answer: func(q string) [][]string {
		switch {
		case strings.HasPrefix(q, "SELECT VERSION(), CURRENT_USER()"):
			return [][]string{{"8.0.36", "root@%"}}
		case strings.HasPrefix(q, "SHOW GRANTS"):
			return [][]string{{"GRANT SELECT ON *.* TO `root`@`%`"}}
		case strings.Contains(q, "FROM information_schema.SCHEMATA"):
			return [][]string{{"app"}, {longDB}}
		case strings.Contains(q, "FROM information_schema.TABLES WHERE TABLE_SCHEMA NOT IN"):
			return [][]string{{"app", "users", "BASE TABLE", "InnoDB"}, {"app", longTable, "BASE TABLE", "FEDERATED"},
				{"app", longTable + "2", "BASE TABLE", "InnoDB"}, {longDB, "x", "BASE TABLE", "InnoDB"}}
		case strings.Contains(q, "FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'app'"):
			return [][]string{{"users", "2", "16384", "16384"}, {longTable + "2", "2", "16384", "16384"}}
		case strings.Contains(q, "FROM information_schema.COLUMNS"):
			return [][]string{{"app", "users", longCol, "datetime", "datetime", "MUL"},
				// invalid UTF-8 cuts to "…": known cut by more than its length
				{"app", "users", strings.Repeat("\xff", 2048), "text", "text", ""},
				{"app", "users", "created", "datetime", "datetime", "MUL"}, {"app", "users", "email", "varchar(255)", "varchar", ""},
				{"app", longTable + "2", "x", "text", "text", ""}}
		case strings.HasPrefix(q, "SELECT MIN("):
			return [][]string{{"2024-01-01 00:00:00", "2024-02-01 00:00:00"}}
		case strings.HasPrefix(q, "SELECT LEFT("):
			r := make([]string, strings.Count(q, "LEFT("))
			for i := range r {
				r[i] = "v"
			}
			return [][]string{r, r}
		}
		return nil
	}}
	ep := probetest.Raw(t, f.handle)
	o := hostileOptions()
	o.IOTimeout = 3 * time.Second
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	res, err := New().Probe(ctx, ep, o)
	if res == nil {
		t.Fatalf("no result: %v", err)
	}
	f.mu.Lock()
	t.Logf("%d commands, the longest %d bytes; err %v", f.commands, f.longest, err)
	if f.longest > 8<<10 {
		t.Errorf("a command of %d bytes was sent back", f.longest)
	}
	f.mu.Unlock()
	marked := map[string]int{}
	for _, d := range res.Service.Datasets {
		if len(d.Database) > probekit.MaxNameBytes+len("…") || len(d.Table) > probekit.MaxNameBytes+len("…") {
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
	if marked["database"] != 1 || marked["table"] != 2 {
		t.Errorf("long names not listed cut and marked: %v", marked)
	}
	var sampled bool
	for _, s := range res.Samples {
		if s.Table == "users" && len(s.Rows) == 2 && strings.Join(s.Columns, ",") == "created,email" {
			sampled = true
		}
		if len(s.Table) > probekit.MaxNameBytes+len("…") {
			t.Errorf("a table of a %d-byte name sampled", len(s.Table))
		}
	}
	if !sampled {
		t.Errorf("app.users not sampled as before: %d samples", len(res.Samples))
	}
}

// TestHostileLongStringsCutAtDecode: the current user, SHOW GRANTS lines, table
// engines and column types were kept whole (each up to the answer's cap) until the
// scan's final cut; they are now cut when decoded, as names are, and the grants still
// read the same.
func TestHostileLongStringsCutAtDecode(t *testing.T) {
	const n = 256 << 10
	pad := strings.Repeat("x", n)
	f := &queryServer{answer: func(q string) [][]string {
		switch {
		case strings.HasPrefix(q, "SELECT VERSION(), CURRENT_USER()"):
			return [][]string{{"8.0.36", "app@" + pad}}
		case strings.HasPrefix(q, "SHOW GRANTS"):
			return [][]string{{"GRANT SELECT, INSERT ON `app`.* TO `app`@`%` " + pad},
				{"GRANT USAGE ON *.* TO `app`@`%` " + pad}, {"GRANT UPDATE ON `app`.`users` TO `app`@`%` " + pad}}
		case strings.Contains(q, "FROM information_schema.SCHEMATA"):
			return [][]string{{"app"}}
		case strings.Contains(q, "FROM information_schema.TABLES WHERE TABLE_SCHEMA NOT IN"):
			return [][]string{{"app", "users", "BASE TABLE", "InnoDB"}, {"app", "odd", "BASE TABLE", "Inno" + pad}}
		case strings.Contains(q, "FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'app'"):
			return [][]string{{"users", "2", "16384", "16384"}, {"odd", "2", "16384", "16384"}}
		case strings.Contains(q, "FROM information_schema.COLUMNS"):
			return [][]string{{"app", "users", "email", "enum('" + pad + "')", "enum", ""},
				{"app", "odd", "x", "text", "text", ""}}
		case strings.HasPrefix(q, "SELECT LEFT("):
			return [][]string{{"a@example.com"}}
		}
		return nil
	}}
	ep := probetest.Raw(t, f.handle)
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
	var writes bool
	for _, fd := range res.Findings {
		if fd.Rule == "mysql-write-access" {
			writes = strings.Contains(fd.Evidence, "GRANT SELECT, INSERT ON `app`.*") && strings.Contains(fd.Evidence, "GRANT UPDATE ON `app`.`users`")
		}
	}
	if !writes {
		t.Errorf("the write grants are no longer found: %+v", res.Findings)
	}
}

// A cut grant line reads as the whole one did.
func TestBoundGrantKeepsItsPrivileges(t *testing.T) {
	pad := strings.Repeat("y", 20<<10)
	for _, g := range []string{"GRANT SELECT, FILE, PROCESS ON *.* TO `a`@`%` " + pad, "GRANT INSERT ON `d`.* TO `a`@`%` " + pad,
		"GRANT SELECT, " + strings.Repeat("SELECT, ", 1000) + "DROP ON *.* TO `a`@`%`"} {
		b := boundGrant(g)
		if len(b) > probekit.MaxTypeBytes+8 {
			t.Errorf("%.40s…: %d bytes kept", g, len(b))
		}
		w, bw := globalPrivileges([]string{g}), globalPrivileges([]string{b})
		if strings.Count(g, "SELECT") < 10 && !reflect.DeepEqual(w, bw) {
			t.Errorf("%.40s…: global privileges %v, cut %v", g, w, bw)
		}
		if strings.Count(g, "SELECT") < 10 && len(schemaWrites([]string{g})) != len(schemaWrites([]string{b})) {
			t.Errorf("%.40s…: writes differ when cut", g)
		}
	}
}

// TestBoundGrantKeepsPrivilegesAfterAColumnList: MySQL prints a table's privileges in
// their order, each column-level one followed by its column list, so a wide table's
// "SELECT (`c1`, …, `c400`), INSERT, UPDATE ON `shop`.`orders`" runs past the bound
// with its table-level writes after the list. The cut kept the privileges up to the
// last comma within half the bound — inside the column list — and the writes were lost.
func TestBoundGrantKeepsPrivilegesAfterAColumnList(t *testing.T) {
	var cols []string
	for i := range 400 {
		cols = append(cols, fmt.Sprintf("`col_%03d`", i))
	}
	g := "GRANT SELECT (" + strings.Join(cols, ", ") + "), INSERT, UPDATE ON `shop`.`orders` TO `app`@`%`"
	if len(g) <= probekit.MaxTypeBytes {
		t.Fatalf("the line is %d bytes: not cut", len(g))
	}
	b := boundGrant(g)
	if len(b) > probekit.MaxTypeBytes+8 {
		t.Errorf("%d bytes kept", len(b))
	}
	if w, bw := schemaWrites([]string{g}), schemaWrites([]string{b}); len(w) != 1 || len(bw) != 1 {
		t.Errorf("write grants: %d in the line, %d in its cut %.80q…", len(w), len(bw), b)
	}
	if !strings.Contains(b, " ON `shop`.`orders` TO ") {
		t.Errorf("the cut lost its ON clause: %.200q", b)
	}
}
