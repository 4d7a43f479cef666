package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/lab"
	"github.com/leakwatch/leakwatch/internal/lab/labtest"
	"github.com/leakwatch/leakwatch/internal/untrusted/untrustedtest"
)

// hostileTargets starts the real servers seeded with lab.HostileNames: ClickHouse
// (tables and a column), PostgreSQL (tables and a column) and Redis (keys).
func hostileTargets(t *testing.T) []string {
	t.Helper()
	ch := labtest.ClickHouseHostile(t)
	pg := labtest.PostgresHostile(t)
	rd := labtest.RedisHostile(t)
	// Schemes name the product: a bare port that none claims would be tried by every prober.
	return []string{"http://" + ch.HTTPAddr(), ch.NativeAddr(), "postgres://" + pg.Addr(), "redis://" + rd.Addr()}
}

func scanArgs(format string, targets []string) []string {
	return append([]string{"scan", "--format", format, "--no-progress", "--no-security-txt"}, targets...)
}

// TestScanHostileNamesReachTheReport makes sure the servers really hand the hostile
// names to leakwatch, exactly (JSON keeps exact values): the other tests of this file
// would pass vacuously otherwise.
func TestScanHostileNamesReachTheReport(t *testing.T) {
	code, stdout, stderr := runCLI(t, "", scanArgs("json", hostileTargets(t))...)
	if code != ExitFindings {
		t.Fatalf("exit %d; stderr %s", code, stderr)
	}
	var rep finding.Report
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	seen := map[string]map[string]bool{} // protocol → names seen in datasets and findings
	for _, s := range rep.Services {
		for _, d := range s.Datasets {
			if seen[s.Protocol] == nil {
				seen[s.Protocol] = map[string]bool{}
			}
			seen[s.Protocol][strings.TrimPrefix(d.Table, "public.")] = true
		}
	}
	for _, f := range rep.Findings {
		if seen[f.Protocol] == nil {
			seen[f.Protocol] = map[string]bool{}
		}
		seen[f.Protocol][strings.TrimPrefix(f.Table, "public.")], seen[f.Protocol][f.Column] = true, true
	}
	// (The native port reaches the same server: its datasets are reported once, on HTTP.)
	for _, proto := range []string{"clickhouse-http", "postgres"} {
		for _, name := range append(slices.Clone(lab.HostileNames), lab.HostileColumn) {
			if !seen[proto][name] {
				t.Errorf("%s: %q is not in the report's datasets or findings", proto, name)
			}
		}
	}
	for _, name := range lab.HostileNames {
		if !seen["redis"][name] {
			t.Errorf("redis: key %q is not in the findings", name)
		}
	}
	if t.Failed() {
		t.Logf("JSON report: %q", stdout)
	}
}

// TestScanHostileNamesText is issue 10's rows 2 and 5 against real servers: the text
// report of a scan of ClickHouse, PostgreSQL and Redis whose table, column and key names
// carry terminal escapes and CR/LF shows them escaped, and no line of the server's
// making starts a line of the report.
func TestScanHostileNamesText(t *testing.T) {
	code, stdout, stderr := runCLI(t, "", scanArgs("text", hostileTargets(t))...)
	if code != ExitFindings {
		t.Fatalf("exit %d; stderr %s", code, stderr)
	}
	untrustedtest.Terminal(t, "scan text", []byte(stdout))
	untrustedtest.Terminal(t, "scan stderr", []byte(stderr))
	for _, want := range []string{`\x1b]0;PWNED-TITLE\x07\x1b[2J`, `forged\nCRITICAL FORGED line\r\n`, `abc\u202egnp.exe\u200b`,
		"CRITICAL ClickHouse answers without a password"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("the text report lacks %q:\n%s", want, stdout)
		}
	}
}

var ruleID = regexp.MustCompile(`^[a-z0-9._-]+$`)

// TestScanHostileNamesMarkdown is row 6 against real servers: names holding
// "](javascript:…)", "[x](https://…)" and an image make no link or image in
// --format markdown (goldmark with GitHub's extensions is the judge).
func TestScanHostileNamesMarkdown(t *testing.T) {
	code, stdout, stderr := runCLI(t, "", scanArgs("markdown", hostileTargets(t))...)
	if code != ExitFindings {
		t.Fatalf("exit %d; stderr %s", code, stderr)
	}
	untrustedtest.Markdown(t, "scan markdown", []byte(stdout), func(code string) bool { return ruleID.MatchString(code) })
	if !strings.Contains(stdout, `\[x\](https\://evil.example/)`) {
		t.Errorf("the markdown report lacks the escaped link text:\n%s", stdout)
	}
}

// hostileBanner is what a hostile server puts in the strings it alone chooses: its
// version, its error messages. No real server lets a client set these.
const hostileBanner = "\x1b]0;PWNED-TITLE\x07\x1b[2J\x1b[3J\x1b[H\u202eCRITICAL FORGED banner"

// hostileRedis is a fake Redis (no real one can report another redis_version) whose
// INFO names a hostile version and whose every other answer is a hostile error.
func hostileRedis(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				_ = c.SetDeadline(time.Now().Add(10 * time.Second))
				rd := bufio.NewReader(c)
				for {
					args, err := readRESPCommand(rd)
					if err != nil {
						return
					}
					var out string
					switch strings.ToUpper(args[0]) {
					case "PING":
						out = "+PONG\r\n"
					case "INFO":
						info := "# Server\r\nredis_version:7.0.15" + hostileBanner + "\r\nredis_mode:standalone\r\nos:Linux\r\n# Keyspace\r\n"
						out = fmt.Sprintf("$%d\r\n%s\r\n", len(info), info)
					default:
						out = "-ERR " + hostileBanner + "\r\n"
					}
					if _, err := io.WriteString(c, out); err != nil {
						return
					}
				}
			}()
		}
	}()
	return l.Addr().String()
}

// readRESPCommand reads one client command (an array of bulk strings).
func readRESPCommand(rd *bufio.Reader) ([]string, error) {
	line, err := rd.ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "*") {
		return nil, fmt.Errorf("not a command: %q %v", line, err)
	}
	n, err := strconv.Atoi(strings.TrimSpace(line[1:]))
	if err != nil || n < 1 || n > 64 {
		return nil, fmt.Errorf("bad array length %q", line)
	}
	args := make([]string, n)
	for i := range args {
		hdr, err := rd.ReadString('\n')
		if err != nil || !strings.HasPrefix(hdr, "$") {
			return nil, fmt.Errorf("not a bulk string: %q %v", hdr, err)
		}
		size, err := strconv.Atoi(strings.TrimSpace(hdr[1:]))
		if err != nil || size < 0 || size > 1<<16 {
			return nil, fmt.Errorf("bad bulk length %q", hdr)
		}
		buf := make([]byte, size+2)
		if _, err := io.ReadFull(rd, buf); err != nil {
			return nil, err
		}
		args[i] = string(buf[:size])
	}
	return args, nil
}

// hostileClickHouse is a fake ClickHouse HTTP interface that answers every query with an
// exception whose message is hostile (a real server quotes names a client chose in its
// errors, but the fake decides the whole text).
func hostileClickHouse(t *testing.T) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-ClickHouse-Server-Display-Name", "fake")
		if r.URL.Path == "/ping" || r.Method == http.MethodGet {
			io.WriteString(w, "Ok.\n")
			return
		}
		w.Header().Set("X-ClickHouse-Exception-Code", "497")
		w.WriteHeader(http.StatusInternalServerError)
		io.WriteString(w, "Code: 497, e.displayText() = DB::Exception: "+hostileBanner+"\nCRITICAL FORGED second line, e.what() = DB::Exception\n")
	}))
	t.Cleanup(srv.Close)
	return strings.TrimPrefix(srv.URL, "http://")
}

// TestScanHostileBannersText is row 2 for the strings only a server chooses: a Redis
// redis_version and error, and a ClickHouse error message, carrying a title change and a
// screen clear, come out escaped in the text report (and in the log on stderr).
func TestScanHostileBannersText(t *testing.T) {
	redisAddr, chAddr := hostileRedis(t), hostileClickHouse(t)
	args := []string{"scan", "--no-progress", "--no-security-txt", "--log-level", "debug", "redis://" + redisAddr, "http://" + chAddr}
	code, stdout, stderr := runCLI(t, "", append(args, "--format", "json")...)
	if code != ExitFindings && code != ExitOK {
		t.Fatalf("exit %d; stderr %s", code, stderr)
	}
	var rep finding.Report
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	// The attack must reach the report for the test to mean anything.
	var versionSeen, errorSeen bool
	for _, s := range rep.Services {
		versionSeen = versionSeen || strings.Contains(s.Version, hostileBanner)
		errorSeen = errorSeen || strings.Contains(s.Error, hostileBanner[:20])
	}
	for _, e := range rep.Errors {
		errorSeen = errorSeen || strings.Contains(e.Error, hostileBanner[:20])
	}
	if !versionSeen || !errorSeen {
		t.Fatalf("the hostile version (%v) or ClickHouse error (%v) did not reach the report: %s", versionSeen, errorSeen, strconv.Quote(stdout))
	}

	// Fitted to the width (cells wrapped) and --wide (every string on one line, where the
	// escaped attack can be counted whole).
	for _, wide := range []bool{false, true} {
		a := append(args, "--format", "text")
		if wide {
			a = append(a, "--wide")
		}
		code, stdout, stderr = runCLI(t, "", a...)
		if code != ExitFindings && code != ExitOK {
			t.Fatalf("exit %d; stderr %s", code, stderr)
		}
		untrustedtest.Terminal(t, "scan text", []byte(stdout))
		untrustedtest.Terminal(t, "scan log", []byte(stderr))
		if got := strings.Count(stdout, `\x1b]0;PWNED-TITLE\x07\x1b[2J`); wide && got < 2 {
			t.Errorf("the version and the error should both show the escaped attack, found %d:\n%s", got, stdout)
		}
	}
}

// hostileUA is the User-Agent an attacker sends to the ClickHouse it reads; the server
// writes it to system.query_log as it came.
const hostileUA = "sqlmap\x1b]0;PWNED-TITLE\x07\x1b[2J\x1b[3J\x1b[H\u202e"

// hostileUser is the user name the attacker tries to log in as.
const hostileUser = "adm\x1b]0;PWNED-USER\x07\u202ein"

// rawAttacker sends queries to ClickHouse over HTTP from 127.0.0.9 with the hostile
// User-Agent, writing the requests by hand: Go's HTTP client refuses control characters
// in a header, an attacker's does not. user, when set, logs in under that name.
func rawAttacker(t *testing.T, ch *lab.ClickHouse, user string, queries ...string) {
	t.Helper()
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP("127.0.0.9")}, Timeout: 5 * time.Second}
	for _, q := range queries {
		c, err := d.Dial("tcp", ch.HTTPAddr())
		if err != nil {
			t.Fatal(err)
		}
		path := "/"
		if user != "" {
			path += "?user=" + url.QueryEscape(user)
		}
		fmt.Fprintf(c, "POST %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: %s\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s",
			path, ch.HTTPAddr(), hostileUA, len(q), q)
		_ = c.SetReadDeadline(time.Now().Add(20 * time.Second))
		_, _ = io.Copy(io.Discard, c)
		c.Close()
	}
	time.Sleep(700 * time.Millisecond) // 18.16 flushes query_log every 500 ms in the lab
	if _, err := ch.Query(context.Background(), "SYSTEM FLUSH LOGS"); err != nil {
		t.Fatal(err)
	}
}

// TestWatchQueriesHostileText is row 2 for `leakwatch watch-queries`: a real ClickHouse
// 18.16 logs an attacker's User-Agent (a title change, a screen clear, a bidi override)
// and failed logins under a user name with a forged line; the text output of
// watch-queries shows both escaped, on the finding's own lines.
func TestWatchQueriesHostileText(t *testing.T) {
	ch := watchLab(t)
	rawAttacker(t, ch, "", "SHOW DATABASES", "SELECT name FROM system.tables", "SELECT name FROM system.columns",
		"SELECT * FROM url('http://127.0.0.1:1/x', CSV, 'a String')")
	rawAttacker(t, ch, hostileUser, "SELECT 1", "SELECT 2", "SELECT 3", "SELECT 4", "SELECT 5", "SELECT 6")
	state := filepath.Join(t.TempDir(), "state.json")
	// 18.16 records failed logins only in its text log.
	base := []string{"watch-queries", "--once", "--user", "watcher", "--password", "w-pw", "--allow", "127.0.0.1",
		"--server-log", filepath.Join(ch.Dir, "log", "server.log"), "http://" + ch.HTTPAddr()}

	// The attack reaches the findings (exact in the tags; escaped in the prose).
	code, stdout, stderr := runCLI(t, "", append(base, "--format", "json", "--state", state+".json")...)
	if code != ExitFindings {
		t.Fatalf("exit %d; stderr %s", code, stderr)
	}
	if !strings.Contains(stdout, `sqlmap\u001b]0;PWNED-TITLE`) && !strings.Contains(stdout, `sqlmap\\x1b]0;PWNED-TITLE`) {
		t.Fatalf("the hostile User-Agent is not in the findings: %s", strconv.Quote(stdout))
	}

	code, stdout, stderr = runCLI(t, "", append(base, "--format", "text", "--state", state)...)
	if code != ExitFindings {
		t.Fatalf("exit %d; stderr %s", code, stderr)
	}
	untrustedtest.Terminal(t, "watch-queries text", []byte(stdout))
	untrustedtest.Terminal(t, "watch-queries log", []byte(stderr))
	if !strings.Contains(stdout, `(sqlmap\x1b]0;PWNED-TITLE\x07\x1b[2J`) {
		t.Errorf("the text output lacks the escaped User-Agent:\n%s", stdout)
	}
	if !strings.Contains(stdout, `for user(s) adm\x1b]0;PWNED-USER\x07\u202ein`) {
		t.Errorf("the text output lacks the escaped user name of the failed logins:\n%s", stdout)
	}
}

// TestErrorFromHostileServer: an error that quotes the server (here the exception a fake
// ClickHouse sends to watch-queries) reaches stderr on one line, escaped.
func TestErrorFromHostileServer(t *testing.T) {
	code, _, stderr := runCLI(t, "", "watch-queries", "--once", "--state", filepath.Join(t.TempDir(), "s.json"), "http://"+hostileClickHouse(t))
	if code != ExitError {
		t.Fatalf("exit %d, want 2; stderr %q", code, stderr)
	}
	untrustedtest.Terminal(t, "stderr", []byte(stderr))
	if !strings.Contains(stderr, `\x1b]0;PWNED-TITLE\x07`) {
		t.Errorf("stderr does not show the server's message escaped: %q", stderr)
	}
}
