package clickhouse

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
	"github.com/leakwatch/leakwatch/internal/store/vuln"
)

// FuzzReadServerReply: whatever a server sends in reply to our Hello, the parser returns
// a hello or a classified error, never panics, and never reads past its cap.
func FuzzReadServerReply(f *testing.F) {
	f.Add(helloBytes("ClickHouse", 18, 16, 54412, "Etc/UTC", "prod", 1))
	f.Add(helloBytes("ClickHouse", 1, 1, 54370, "UTC", "", 0))
	f.Add(exceptionBytes(193, "DB::Exception", "DB::Exception: Wrong password for user default", nil))
	f.Add(exceptionBytes(516, "DB::Exception", "x", exceptionBody(210, "DB::NetException", "y", nil)))
	f.Add(deepException(12))
	f.Add([]byte("HTTP/1.0 400 Bad Request\r\n\r\nPort 9000 is for clickhouse-client program.\r\n"))
	f.Add([]byte{0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01})
	f.Fuzz(func(t *testing.T, in []byte) {
		h, err := readServerReply(bytes.NewReader(in))
		if err == nil {
			if h == nil || h.Name == "" || len(h.Name) > maxHelloString || len(h.Timezone) > maxHelloString || len(h.DisplayName) > maxHelloString {
				t.Fatalf("accepted %+v", h)
			}
			return
		}
		var se *ServerError
		if !errors.As(err, &se) && !errors.Is(err, store.ErrNoMatch) && !errors.Is(err, store.ErrProtocol) && !errors.Is(err, store.ErrTooLarge) {
			t.Fatalf("unclassified error %v", err)
		}
		for d := 0; se != nil; se, d = se.Nested, d+1 {
			if d > maxExceptionDepth || len(se.Message) > maxExceptionString {
				t.Fatalf("exception beyond caps: depth %d, message %d bytes", d, len(se.Message))
			}
		}
	})
}

// FuzzParseHTTPException: any error body parses to nil or a bounded exception.
func FuzzParseHTTPException(f *testing.F) {
	f.Add("Code: 193, e.displayText() = DB::Exception: Wrong password for user default, e.what() = DB::Exception\n", "")
	f.Add("Code: 516. DB::Exception: default: Authentication failed. (AUTHENTICATION_FAILED) (version 23.8.2.7 (official build))\n", "516")
	f.Add("[1]\nCode: 159, e.displayText() = DB::Exception: Timeout exceeded", "")
	f.Add("<html>", "x")
	f.Fuzz(func(t *testing.T, body, header string) {
		e := parseHTTPException([]byte(body), header)
		if e == nil {
			return
		}
		if len(e.Message) > 600 || strings.Contains(e.Message, "\n") {
			t.Fatalf("message not bounded to one line: %q", e.Message)
		}
		_ = e.Error()
		_ = e.isSettingsReadonly()
	})
}

// FuzzCheckReadOnly: a query the guard lets through starts with a read-only verb and has
// no top-level semicolon or SETTINGS, however it is quoted or commented.
func FuzzCheckReadOnly(f *testing.F) {
	for _, s := range []string{"SELECT 1", "SELECT ';' FROM t", "SELECT 1 -- ;\n", "SELECT `a;b`", "SHOW GRANTS", "/*x*/SELECT 1", "SELECT 'a\\'b'"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		if checkReadOnly(q) != nil {
			return
		}
		words, ok := sqlWords(q)
		if !ok || len(words) == 0 {
			t.Fatalf("accepted %q without words", q)
		}
		switch words[0] {
		case "SELECT", "SHOW", "DESCRIBE", "DESC", "EXISTS":
		default:
			t.Fatalf("accepted %q starting with %q", q, words[0])
		}
		for _, w := range words {
			if w == ";" || w == "SETTINGS" {
				t.Fatalf("accepted %q containing %s", q, w)
			}
		}
	})
}

// FuzzSampleLines: the streamed sample reader keeps every row within its cap.
func FuzzSampleLines(f *testing.F) {
	f.Add([]byte(`{"c0":"a","c1":["x"]}`+"\n"+`{"c0":"b"}`), 8)
	f.Add([]byte(strings.Repeat("x", 5000)+"\n{}"), 16)
	f.Fuzz(func(t *testing.T, in []byte, max int) {
		if max <= 0 || max > 1<<16 {
			return
		}
		r := bufio.NewReaderSize(bytes.NewReader(in), 16)
		for i := 0; i < 10000; i++ {
			line, _, err := readLine(r, max)
			if len(line) > max {
				t.Fatalf("line of %d bytes, cap %d", len(line), max)
			}
			if row, derr := decodeRow(bytes.TrimSpace(line), []cellShape{{at: 0}, {at: 1, names: []string{"", ""}}}, 3, max); derr == nil {
				probekit.CapRow(row, max)
				n := 0
				for _, c := range row {
					n += len(c)
					if utf8.ValidString(string(line)) && !utf8.ValidString(c) {
						t.Fatalf("CapRow split a rune: %q", c)
					}
				}
				if n > max {
					t.Fatalf("row of %d bytes, cap %d", n, max)
				}
			}
			if err != nil {
				return
			}
		}
		t.Fatal("readLine does not advance")
	})
}

func FuzzParseVersion(f *testing.F) {
	for _, s := range []string{"18.16.1", "23.8.2.7", "1.1.54388", "v24.3.1.1-lts", "x", "1.2.3.4.5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, ok := vuln.Parse(s)
		if ok && len(v) != 4 {
			t.Fatalf("parseVersion(%q) = %v", s, v)
		}
		_ = vuln.Matching(cves, s)
	})
}

// FuzzEngineTarget: whatever engine_full a server shows, parsing it never panics and
// the host taken from it is bounded.
func FuzzEngineTarget(f *testing.F) {
	for _, s := range []string{"MySQL('10.0.0.5:3306', 'crm', 'users', 'app', 'pw')", "URL('http://u:p@h:1/x', CSV)",
		"Kafka SETTINGS kafka_broker_list = 'k:9092'", "Buffer(db, `t``x`, 16, 10, 100)", "MySQL(nc, host = 'h')", "X('unterminated",
		"AzureBlobStorage('AccountName=a;AccountKey=k', 'c', 'b')"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e := parseEngine(s)
		if h := targetOf(e); len(h) > maxHostText+len("…") {
			t.Fatalf("host of %d bytes", len(h))
		}
		if len(e.args) > maxEngineTokens {
			t.Fatalf("%d arguments", len(e.args))
		}
	})
}

// FuzzGrantLine: any SHOW GRANTS line parses or is refused, never panics.
func FuzzGrantLine(f *testing.F) {
	for _, s := range []string{"GRANT SELECT(a), INSERT ON db.t TO u WITH GRANT OPTION", "REVOKE URL ON *.* FROM u",
		"GRANT r1, r2 TO u", "GRANT READ ON URL('x') TO u", "GRANT CURRENT GRANTS(SELECT ON a.*) TO u", "GRANT (((( TO"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		gs := parseGrants([]string{s})
		_ = gs.writeLine()
		_ = gs.adminLine()
		_ = gs.sourceGranted("URL")
	})
}

// FuzzMySQLGreeting: any first packet parses to a bounded greeting or an error.
func FuzzMySQLGreeting(f *testing.F) {
	for _, name := range []string{"mysql-greeting-23.8.2.7.hex", "mysql-greeting-25.3.12.10001.altinitystable.hex"} {
		b, _ := os.ReadFile(filepath.Join("testdata", "recorded", name))
		raw, _ := hex.DecodeString(strings.TrimSpace(string(b)))
		f.Add(raw)
	}
	f.Add([]byte{5, 0, 0, 0, 10, 'x', 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		g, err := parseMySQLGreeting(b)
		if err == nil && (len(g.version) > 128 || g.version == "") {
			t.Fatalf("greeting %+v", g)
		}
		if err == nil {
			_ = clickHouseMySQLVersion(g)
		}
	})
}

// FuzzPGStartupReply: any answer to a startup message is read within bounds.
func FuzzPGStartupReply(f *testing.F) {
	for _, name := range []string{"pg-startup-open-23.8.2.7.hex", "pg-startup-cleartext-23.8.2.7.hex", "pg-auth-error-23.8.2.7.hex"} {
		b, _ := os.ReadFile(filepath.Join("testdata", "recorded", name))
		raw, _ := hex.DecodeString(strings.TrimSpace(string(b)))
		f.Add(raw)
	}
	f.Add([]byte{'R', 0xff, 0xff, 0xff, 0xff})
	f.Fuzz(func(t *testing.T, b []byte) {
		rep, _ := readStartupReply(bytes.NewReader(b))
		if rep != nil && len(rep.params) > 64 {
			t.Fatalf("%d parameters", len(rep.params))
		}
		if rep != nil {
			_ = rep.isClickHouse()
			_ = rep.clickHouseAuthError()
		}
	})
}

// FuzzStreamedException: whatever a response ends with, the exception readers return
// nil or a one-line, bounded error.
func FuzzStreamedException(f *testing.F) {
	for _, name := range []string{"jsoncompact-exception-23.8.json", "jsoncompact-exception-block-25.11.txt", "jsoneachrow-exception-23.8.txt",
		"jsoneachrow-exception-block-25.11.txt"} {
		b, _ := os.ReadFile(filepath.Join("testdata", "recorded", name))
		f.Add(b, "QX7TAG0001")
	}
	f.Fuzz(func(t *testing.T, body []byte, tag string) {
		for _, se := range []*ServerError{exceptionBlock(body, tag), jsonException(body), exceptionRow(body), trailingException(body)} {
			if se != nil && (len(se.Message) > 600 || strings.Contains(se.Message, "\n")) {
				t.Fatalf("message not bounded to one line: %q", se.Message)
			}
		}
	})
}
