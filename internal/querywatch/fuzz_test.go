package querywatch

import (
	"strings"
	"testing"
	"time"
)

// FuzzQueryText: whatever a client sends (and the server logs), taking it apart and
// redacting it never panics, and redaction never lengthens a query by more than its
// placeholders.
func FuzzQueryText(f *testing.F) {
	for _, s := range []string{
		"SELECT * FROM remote('h', db.t, 'u', 'p') JOIN `a`.`b` USING x",
		"INSERT INTO FUNCTION s3('https://u:p@b/x', 'k', 's') SELECT * FROM t",
		"SHOW TABLES FROM prod", "SELECT 'unterminated", "/* open comment", "SELECT \"q\"\"q\" FROM system.tables",
		"url(url(url('a','b'),'c'),'d')", "SELECT * FROM mysql('h', 'd', 't', 'u', 'p\\'w')",
	} {
		f.Add(s)
	}
	d := newDetector(&Config{BulkRows: 1, BulkBytes: 1, EnumThreshold: 1, AuthFailures: 1, Window: time.Minute,
		Sensitive: []SensitiveTable{{Database: "db", Table: "t"}}})
	f.Fuzz(func(t *testing.T, q string) {
		toks := tokenize(q)
		for _, tk := range toks {
			if tk.start < 0 || tk.end > len(q) || tk.start > tk.end {
				t.Fatalf("token %+v outside %d bytes", tk, len(q))
			}
		}
		tableFunctions(toks)
		tableRefs(toks)
		enumerationKind(toks)
		red := redactCredentials(q, toks)
		if len(red) > len(q)+5*strings.Count(q, "'")+8 {
			t.Fatalf("redaction grew %d → %d bytes", len(q), len(red))
		}
		e := ev(0, QueryStart, "203.0.113.1", "default", q)
		fin := e
		fin.Kind, fin.ResultRows = QueryFinish, 10
		for _, fd := range d.process([]Event{e, fin}) {
			if len(fd.Evidence) > 4096 {
				t.Fatalf("evidence of %d bytes", len(fd.Evidence))
			}
		}
	})
}

// FuzzServerLog: arbitrary log text never panics the log reader.
func FuzzServerLog(f *testing.F) {
	f.Add("2026.11.22 02:17:47.850616 [ 22 ] {} <Error> HTTPHandler: Code: 193, e.displayText() = DB::Exception: Wrong password for user default, e.what() = DB::Exception")
	f.Add("2026.11.22 02:17:48.000001 [ 31 ] {} <Trace> HTTPHandler-factory: Address: [::1]:5")
	f.Add("2026.11.22 02:17:50.123456 [ 41 ] {} <Error> TCPHandler: Code: 516. DB::Exception: x: Authentication failed")
	f.Fuzz(func(t *testing.T, s string) {
		lt := &logTail{path: "l"}
		for _, e := range lt.events(strings.Split(s, "\n"), time.Time{}, time.UTC) {
			if e.Kind != LoginFailure {
				t.Fatalf("event %+v", e)
			}
		}
	})
}

// FuzzLogRow: a hostile server's cells never panic the row parsers or the rules.
func FuzzLogRow(f *testing.F) {
	f.Add("1700000000\x00id\x00QueryStart\x00default\x00::ffff:1.2.3.4\x0080\x002\x00ua\x00\x001\x000\x0099999\x000\x00SELECT * FROM url('x')\x00\x000\x00db\x00[\"db.t\"]\x00[\"url\"]\x00[\"FROM file(x\"]")
	f.Add("x\x00\x00\x00\x00\x00\x00\x00\x00\x00")
	d := newDetector(&Config{BulkRows: 1, BulkBytes: 1, EnumThreshold: 1, AuthFailures: 1, Window: time.Minute,
		Sensitive: []SensitiveTable{{Database: "db", Table: "t"}}})
	f.Fuzz(func(t *testing.T, s string) {
		cells := strings.Split(s, "\x00")
		var evs []Event
		if e, err := parseQueryLogRow(cells); err == nil {
			evs = append(evs, e)
		}
		if e, err := parseSessionLogRow(cells); err == nil {
			evs = append(evs, e)
		}
		for i := range evs {
			evs[i].key()
		}
		d.process(evs)
	})
}
