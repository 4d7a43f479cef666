package clickhouse

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
	"github.com/leakwatch/leakwatch/internal/store/vuln"
)

func TestCheckReadOnly(t *testing.T) {
	for _, tc := range []struct {
		q  string
		ok bool
	}{
		{"SELECT 1", true},
		{"  select name FROM system.tables", true},
		{"SHOW GRANTS", true},
		{"DESCRIBE TABLE t", true},
		{"DESC t", true},
		{"EXISTS TABLE t", true},
		{"SELECT 'DROP TABLE x; INSERT'", true},     // words inside literals do not count
		{"SELECT `SETTINGS` FROM t", true},          // nor inside quoted identifiers
		{"SELECT 1 -- SETTINGS readonly=0\n", true}, // nor in comments
		{"SELECT 'it\\'s' AS settings_like", true},  // escaped quote
		{"SELECT name, value FROM system.settings WHERE name = 'readonly'", true}, // a table named settings
		{"INSERT INTO t VALUES (1)", false},
		{"DROP TABLE t", false},
		{"ALTER TABLE t DELETE WHERE 1", false},
		{"SYSTEM FLUSH LOGS", false},
		{"SET readonly = 0", false},
		{"KILL QUERY WHERE 1", false},
		{"OPTIMIZE TABLE t", false},
		{"CREATE TABLE t (a UInt8) ENGINE = Memory", false},
		{"SELECT 1; DROP TABLE t", false},
		{"SELECT 1 SETTINGS readonly = 0", false},
		{"select 1 settings max_threads=100", false},
		{"SELECT * FROM t INTO OUTFILE '/tmp/x'", false},
		{"/* SELECT */ DROP TABLE t", false},
		{"WITH x AS (SELECT 1) SELECT * FROM x", false}, // valid SQL, but not a verb we send
		{"SELECT 'unterminated", false},
		{"SELECT 1 /* unterminated", false},
		{"", false},
		{"   ", false},
	} {
		err := checkReadOnly(tc.q)
		if (err == nil) != tc.ok {
			t.Errorf("checkReadOnly(%q) = %v, want ok=%v", tc.q, err, tc.ok)
		}
		if err != nil && !errors.Is(err, errNotReadOnly) {
			t.Errorf("checkReadOnly(%q) error %v does not wrap errNotReadOnly", tc.q, err)
		}
	}
}

func TestParseHTTPException(t *testing.T) {
	for _, tc := range []struct {
		name, body, header string
		code               int
		msg, exName        string
		auth, settingsRO   bool
	}{
		{name: "18.x wrong password",
			body: "Code: 193, e.displayText() = DB::Exception: Wrong password for user default, e.what() = DB::Exception\n",
			code: 193, msg: "Wrong password for user default", exName: "DB::Exception", auth: true},
		{name: "18.x unknown user",
			body: "Code: 192, e.displayText() = DB::Exception: Unknown user nobody, e.what() = DB::Exception\n",
			code: 192, msg: "Unknown user nobody", auth: true},
		{name: "18.x readonly=1 profile refuses a limit",
			body: "Code: 164, e.displayText() = DB::Exception: Cannot override setting (max_result_rows) in readonly mode, e.what() = DB::Exception\n",
			code: 164, msg: "Cannot override setting (max_result_rows) in readonly mode", settingsRO: true},
		{name: "18.x readonly=2 profile refuses readonly",
			body: "Code: 164, e.displayText() = DB::Exception: Setting 'readonly' cannot be overrided in readonly mode, e.what() = DB::Exception\n",
			code: 164, msg: "Setting 'readonly' cannot be overrided in readonly mode", settingsRO: true},
		{name: "table functions forbidden is code 164 but no reason to retry",
			body: "Code: 164, e.displayText() = DB::Exception: Table functions are forbidden in readonly mode, e.what() = DB::Exception\n",
			code: 164, msg: "Table functions are forbidden in readonly mode"},
		// The modern texts below follow ClickHouse's getExceptionMessage format
		// ("Code: N. DB::Exception: … (NAME) (version …)") and its
		// exceptionCodeToHTTPStatus mapping, as read in the ClickHouse sources.
		{name: "modern authentication failed", header: "516",
			body: "Code: 516. DB::Exception: default: Authentication failed: password is incorrect, or there is no user with such name. (AUTHENTICATION_FAILED) (version 23.8.2.7 (official build))\n",
			code: 516, msg: "default: Authentication failed: password is incorrect, or there is no user with such name.", exName: "AUTHENTICATION_FAILED", auth: true},
		{name: "modern authentication failed with a hint", header: "516",
			body: "Code: 516. DB::Exception: default: Authentication failed: password is incorrect, or there is no user with such name.\n\nIf you have installed ClickHouse and forgot password you can reset it in the configuration file.\n. (AUTHENTICATION_FAILED) (version 24.8.4.13 (official build))\n",
			code: 516, msg: "default: Authentication failed: password is incorrect, or there is no user with such name.", exName: "AUTHENTICATION_FAILED", auth: true},
		{name: "modern required password", header: "194",
			body: "Code: 194. DB::Exception: Password required for user default. (REQUIRED_PASSWORD) (version 22.3.2.2 (official build))\n",
			code: 194, msg: "Password required for user default.", exName: "REQUIRED_PASSWORD", auth: true},
		{name: "modern readonly", header: "164",
			body: "Code: 164. DB::Exception: Cannot modify 'max_result_rows' setting in readonly mode. (READONLY) (version 23.8.2.7 (official build))\n",
			code: 164, msg: "Cannot modify 'max_result_rows' setting in readonly mode.", exName: "READONLY", settingsRO: true},
		{name: "modern access denied is not an auth failure", header: "497",
			body: "Code: 497. DB::Exception: reader: Not enough privileges. To execute this query, it's necessary to have the grant SHOW USERS ON *.*. (ACCESS_DENIED) (version 23.8.2.7 (official build))\n",
			code: 497, exName: "ACCESS_DENIED", msg: "reader: Not enough privileges. To execute this query, it's necessary to have the grant SHOW USERS ON *.*."},
		{name: "header without a readable body", header: "516", body: "<html>proxy error</html>", code: 516, msg: "<html>proxy error</html>", auth: true},
		{name: "exception after streamed data",
			body: "[1]\n[2]\nCode: 159, e.displayText() = DB::Exception: Timeout exceeded: elapsed 5.001 seconds, maximum: 5, e.what() = DB::Exception\n",
			code: 159, msg: "Timeout exceeded: elapsed 5.001 seconds, maximum: 5"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := parseHTTPException([]byte(tc.body), tc.header)
			if e == nil {
				t.Fatal("not parsed")
			}
			if e.Code != tc.code || e.Message != tc.msg || (tc.exName != "" && e.Name != tc.exName) {
				t.Fatalf("got code=%d name=%q msg=%q", e.Code, e.Name, e.Message)
			}
			if e.IsAuth() != tc.auth || errors.Is(e, store.ErrAuth) != tc.auth {
				t.Fatalf("IsAuth = %v", e.IsAuth())
			}
			if e.isSettingsReadonly() != tc.settingsRO {
				t.Fatalf("isSettingsReadonly = %v", e.isSettingsReadonly())
			}
		})
	}
	for _, body := range []string{"", "Not Found", "<Error><Code>AccessDenied</Code></Error>", "Ok.\n", "Code: abc"} {
		if e := parseHTTPException([]byte(body), ""); e != nil {
			t.Errorf("parseHTTPException(%q) = %+v, want nil", body, e)
		}
	}
}

func TestCVEMatching(t *testing.T) {
	ids := func(v string) map[string]bool {
		m := map[string]bool{}
		for _, c := range vuln.Matching(cves, v) {
			m[c.ID] = true
		}
		return m
	}
	for _, tc := range []struct {
		version string
		has     []string
		hasNot  []string
	}{
		{"18.16.1", []string{"CVE-2019-16535", "CVE-2021-43304", "CVE-2023-47118", "CVE-2024-6873"},
			[]string{"CVE-2018-14672", "CVE-2018-14671", "CVE-2018-14668", "CVE-2024-22412"}},
		{"18.10.2", []string{"CVE-2018-14671", "CVE-2018-14672"}, []string{"CVE-2018-14668"}},
		{"1.1.54380", []string{"CVE-2018-14668", "CVE-2018-14669"}, []string{"CVE-2018-14670"}},
		{"23.8.2.7", []string{"CVE-2023-47118", "CVE-2023-48298", "CVE-2023-48704", "CVE-2024-22412", "CVE-2024-6873"},
			[]string{"CVE-2021-43304", "CVE-2022-44010"}},
		{"23.8.6.16", []string{"CVE-2023-48298"}, []string{"CVE-2023-47118"}}, // exactly the fix
		{"23.5.1.1", []string{"CVE-2023-47118"}, nil},                         // branch never patched
		{"23.11.1.2711", nil, []string{"CVE-2023-47118", "CVE-2023-48704"}},   // cut after the fix
		{"24.3.4.147", []string{"CVE-2025-1385"}, []string{"CVE-2024-6873"}},
		{"25.3.1.1", nil, []string{"CVE-2025-1385", "CVE-2024-6873"}},
		{"garbage", nil, []string{"CVE-2019-16535"}},
	} {
		got := ids(tc.version)
		for _, id := range tc.has {
			if !got[id] {
				t.Errorf("%s: missing %s", tc.version, id)
			}
		}
		for _, id := range tc.hasNot {
			if got[id] {
				t.Errorf("%s: wrongly has %s", tc.version, id)
			}
		}
	}
	fs := versionFindings(finding.Service{Host: "127.0.0.1", Port: 9000, Protocol: ProtoNative, Version: "18.16.1"})
	if len(fs) != 1 || fs[0].Severity != finding.Critical || fs[0].Count != len(vuln.Matching(cves, "18.16.1")) || fs[0].ID == "" {
		t.Fatalf("versionFindings = %+v", fs)
	}
	if fs := versionFindings(finding.Service{Version: "25.3.1.1"}); len(fs) != 0 {
		t.Fatalf("a current version has findings: %+v", fs)
	}
}

// helloBytes encodes a server Hello as a server of revision rev sends it to us.
func helloBytes(name string, major, minor, rev uint64, tz, display string, patch uint64) []byte {
	b := binary.AppendUvarint(nil, serverHello)
	b = appendString(b, name)
	b = binary.AppendUvarint(b, major)
	b = binary.AppendUvarint(b, minor)
	b = binary.AppendUvarint(b, rev)
	eff := min(rev, clientRevision)
	if eff >= revServerTimezone {
		b = appendString(b, tz)
	}
	if eff >= revServerDisplayName {
		b = appendString(b, display)
	}
	if eff >= revVersionPatch {
		b = binary.AppendUvarint(b, patch)
	}
	return b
}

func exceptionBytes(code int32, name, msg string, nested []byte) []byte {
	b := binary.AppendUvarint(nil, serverException)
	return append(b, exceptionBody(code, name, msg, nested)...)
}

func exceptionBody(code int32, name, msg string, nested []byte) []byte {
	b := binary.LittleEndian.AppendUint32(nil, uint32(code))
	b = appendString(b, name)
	b = appendString(b, msg)
	b = appendString(b, "0. stack frame\n")
	if nested == nil {
		return append(b, 0)
	}
	return append(append(b, 1), nested...)
}

func TestReadServerReply(t *testing.T) {
	h, err := readServerReply(bytes.NewReader(helloBytes("ClickHouse", 18, 16, 54412, "Etc/UTC", "prod-1", 1)))
	if err != nil || h.Version() != "18.16.1" || h.Timezone != "Etc/UTC" || h.DisplayName != "prod-1" || h.Revision != 54412 {
		t.Fatalf("18.16 hello: %+v, %v", h, err)
	}
	// A server older than the display name sends neither it nor the patch.
	h, err = readServerReply(bytes.NewReader(helloBytes("ClickHouse", 1, 1, 54370, "Europe/Moscow", "", 0)))
	if err != nil || h.Version() != "1.1" || h.HasDisplayName || h.HasPatch || h.Timezone != "Europe/Moscow" {
		t.Fatalf("old hello: %+v, %v", h, err)
	}
	// A modern server answers our revision, not its own.
	h, err = readServerReply(bytes.NewReader(helloBytes("ClickHouse", 23, 8, 54465, "UTC", "ch-1", 2)))
	if err != nil || h.Version() != "23.8.2" || h.DisplayName != "ch-1" {
		t.Fatalf("modern hello: %+v, %v", h, err)
	}

	_, err = readServerReply(bytes.NewReader(exceptionBytes(193, "DB::Exception", "DB::Exception: Wrong password for user default", nil)))
	var se *ServerError
	if !errors.As(err, &se) || se.Code != 193 || se.Message != "Wrong password for user default" || !errors.Is(err, store.ErrAuth) {
		t.Fatalf("exception: %v", err)
	}
	nested := exceptionBody(210, "DB::NetException", "Connection refused", nil)
	_, err = readServerReply(bytes.NewReader(exceptionBytes(516, "DB::Exception", "default: Authentication failed", nested)))
	if !errors.As(err, &se) || se.Code != 516 || se.Nested == nil || se.Nested.Code != 210 {
		t.Fatalf("nested exception: %v", err)
	}

	for _, tc := range []struct {
		name string
		in   []byte
		want error
	}{
		{"empty", nil, store.ErrProtocol},
		{"HTTP", []byte("HTTP/1.1 400 Bad Request\r\n"), store.ErrNoMatch},
		{"cut hello", helloBytes("ClickHouse", 18, 16, 54412, "UTC", "x", 1)[:9], store.ErrProtocol},
		{"huge name", append(binary.AppendUvarint([]byte{0}, 1<<60), 'x'), store.ErrTooLarge},
		{"huge message", append(append(binary.AppendUvarint(nil, 2), 1, 0, 0, 0, 0), binary.AppendUvarint(nil, 1<<40)...), store.ErrTooLarge},
		{"overlong varint", bytes.Repeat([]byte{0xff}, 12), store.ErrNoMatch},
		{"empty name", helloBytes("", 18, 16, 54412, "UTC", "x", 1), store.ErrNoMatch},
		{"bad nested flag", append(exceptionBytes(1, "a", "b", nil)[:len(exceptionBytes(1, "a", "b", nil))-1], 7), store.ErrNoMatch},
		{"nesting too deep", deepException(20), store.ErrProtocol},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := readServerReply(bytes.NewReader(tc.in))
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
		})
	}
}

func deepException(n int) []byte {
	var body []byte
	for i := 0; i < n; i++ {
		body = exceptionBody(int32(i), "E", "m", body)
	}
	return append(binary.AppendUvarint(nil, serverException), body...)
}

func TestClientHelloEncoding(t *testing.T) {
	b := appendClientHello(nil, "default", "pw")
	r := bufio.NewReader(bytes.NewReader(b))
	kind, _ := readUvarint(r)
	name, _ := readString(r, 100)
	major, _ := readUvarint(r)
	minor, _ := readUvarint(r)
	rev, _ := readUvarint(r)
	db, _ := readString(r, 100)
	user, _ := readString(r, 100)
	pw, err := readString(r, 100)
	if err != nil || kind != clientHello || name != "leakwatch" || major != 1 || minor != 0 || rev != clientRevision || db != "" || user != "default" || pw != "pw" {
		t.Fatalf("client hello decodes to %d %q %d.%d r%d %q %q %q (%v)", kind, name, major, minor, rev, db, user, pw, err)
	}
	if r.Buffered() != 0 {
		t.Fatalf("%d trailing bytes", r.Buffered())
	}
}

func TestReadLineCaps(t *testing.T) {
	in := "short\n" + strings.Repeat("x", 100000) + "\nafter\nlast"
	r := bufio.NewReaderSize(strings.NewReader(in), 16)
	var got []string
	var cuts []bool
	for {
		line, cut, err := readLine(r, 10)
		if err != nil {
			break
		}
		got = append(got, strings.TrimSuffix(string(line), "\n"))
		cuts = append(cuts, cut)
	}
	want := []string{"short", "xxxxxxxxxx", "after", "last"}
	if strings.Join(got, "|") != strings.Join(want, "|") || !cuts[1] || cuts[0] || cuts[2] || cuts[3] {
		t.Fatalf("lines %q cut %v", got, cuts)
	}
}

func TestCapRow(t *testing.T) {
	row := []string{"abc", "héllo wörld", "zzz"}
	n := probekit.CapRow(row, 6)
	if n > 6 || row[0] != "ab" || row[1] != "h" || row[2] != "zz" {
		t.Fatalf("capRow = %d %q", n, row)
	}
	for _, c := range row {
		if !strings.HasPrefix("abc", c) && !strings.HasPrefix("héllo wörld", c) && !strings.HasPrefix("zzz", c) {
			t.Fatalf("cell %q is not a prefix", c)
		}
	}
}

func TestDecodeRow(t *testing.T) {
	row, err := decodeRow([]byte(`{"c0":"2025-01-06 00:00:00","c1":"42","c2":["a","b"],"c3":{"k":1},"c4":null,"c5":3.5}`), plainShapes(6), 6, 100)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"2025-01-06 00:00:00", "42", `["a","b"]`, `{"k":1}`, "", "3.5"}
	if strings.Join(row, "|") != strings.Join(want, "|") {
		t.Fatalf("row = %q", row)
	}
	if _, err := decodeRow([]byte(`{"c0":`), plainShapes(1), 1, 100); !errors.Is(err, store.ErrProtocol) {
		t.Fatalf("broken JSON: %v", err)
	}
}

func plainShapes(n int) []cellShape {
	out := make([]cellShape, n)
	for i := range out {
		out[i].at = i
	}
	return out
}

// A tuple's elements are cells of the column (unnamed) or an object of their names
// (named, when the server wrote an array); an object the server wrote stays as it is.
func TestDecodeRowTuples(t *testing.T) {
	shapes := []cellShape{{at: 0}, {at: 1, names: []string{"", ""}}, {at: 3, names: []string{"user", "pass"}, object: true},
		{at: 4, names: []string{"user", "pass"}, object: true}}
	row, err := decodeRow([]byte(`{"c0":7,"c1":["ops","Vk2#rTq9"],"c2":["ops","Wz7!pLm4"],"c3":{"user":"x","pass":"y"}}`), shapes, 5, 100)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"7", "ops", "Vk2#rTq9", `{"pass":"Wz7!pLm4","user":"ops"}`, `{"user":"x","pass":"y"}`}
	if strings.Join(row, "|") != strings.Join(want, "|") {
		t.Fatalf("row = %q", row)
	}
}

func TestTupleElements(t *testing.T) {
	for typ, want := range map[string]string{
		"String":                                  "<nil>",
		"Array(Tuple(String, String))":            "<nil>",
		"Tuple(String, String)":                   ",",
		"Tuple(user String, password String)":     "user,password",
		"Tuple(Decimal(9, 2), Nullable(String))":  ",",
		"Tuple(a Enum8('x, y' = 1), b String)":    "a,b",
		"Tuple(String, `pass word` String)":       ",pass word",
		"Tuple(id UInt8, Map(String, String))":    "id,",
		"Tuple(LowCardinality(String), DateTime)": ",",
	} {
		got := tupleElements(typ)
		s := strings.Join(got, ",")
		if got == nil {
			s = "<nil>"
		}
		if s != want {
			t.Errorf("%s: %q, want %q", typ, s, want)
		}
	}
}

func TestIsTimeTypeAndReadable(t *testing.T) {
	for typ, want := range map[string]bool{"Date": true, "DateTime": true, "DateTime('UTC')": true, "DateTime64(3)": true,
		"Nullable(DateTime)": true, "Date32": true, "String": false, "UInt32": false, "Array(DateTime)": false} {
		if isTimeType(typ) != want {
			t.Errorf("isTimeType(%q) != %v", typ, want)
		}
	}
	for eng, want := range map[string]bool{"MergeTree": true, "ReplicatedReplacingMergeTree": true, "TinyLog": true, "Memory": true,
		"Kafka": false, "URL": false, "Distributed": false, "View": false, "MySQL": false, "Dictionary": false, "S3": false} {
		if readable(eng) != want {
			t.Errorf("readable(%q) != %v", eng, want)
		}
	}
}

func TestQuoting(t *testing.T) {
	if got := quoteIdent("we`ird\\name"); got != "`we\\`ird\\\\name`" {
		t.Fatalf("quoteIdent = %s", got)
	}
	if got := quoteString(`it's \ here`); got != `'it\'s \\ here'` {
		t.Fatalf("quoteString = %s", got)
	}
	// A hostile table name cannot break out of the quoted identifier.
	q := "SELECT count() FROM " + quoteIdent("x` ; DROP TABLE y; --") + "." + quoteIdent("t")
	if err := checkReadOnly(q); err != nil {
		t.Fatalf("quoted hostile name rejected or escaped wrongly: %v", err)
	}
}
