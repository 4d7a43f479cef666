package mysql

import (
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/lab"
	"github.com/leakwatch/leakwatch/internal/lab/labtest"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// TestGeneralLogProvesReadOnly runs full probes (root without a password, then the
// reader and FILE accounts, then failed logins) on a fresh seeded server that writes
// its general query log, then reads that log: the lab administers the server over its
// unix socket, so every thread that connected over TCP is leakwatch's, and each of its
// commands must be a connection, a quit, or a query starting with SELECT, SHOW, SET,
// START TRANSACTION READ ONLY, COMMIT, ROLLBACK or USE.
func TestGeneralLogProvesReadOnly(t *testing.T) {
	t0 := time.Now()
	m := labtest.MariaDBFresh(t, lab.MariaDBConfig{GeneralLog: true, Users: labtest.MariaDBUsers}, true)
	t.Logf("fresh server started and seeded in %v", time.Since(t0))
	ep := probetest.At(m.Host, m.Port)
	res, _ := probetest.Probe(t, New(), ep, testOptions())
	if res.Service.Auth != finding.AuthNone || len(res.Samples) == 0 {
		t.Fatalf("open probe: auth %s, %d samples", res.Service.Auth, len(res.Samples))
	}
	for _, c := range []store.Credential{{Username: labtest.MyReaderUser, Password: labtest.MyReaderPassword},
		{Username: labtest.MyFilerUser, Password: labtest.MyFilerPassword}} {
		conn, _, err := connect(t.Context(), ep, testOptions(), cred{Credential: c}, true, nil)
		if err != nil {
			t.Fatal(err)
		}
		s := &session{conn: conn, o: testOptions(), flavor: "mariadb"}
		r := &store.Result{Service: finding.Service{Details: map[string]string{}}}
		err = explore(t.Context(), s, s.o, r)
		s.close()
		if err != nil || len(r.Samples) == 0 {
			t.Fatalf("explore as %s: %v, %d samples", c.Username, err, len(r.Samples))
		}
	}
	o := testOptions()
	o.Credentials = []store.Credential{{Username: "nobody", Password: "x"}}
	o.NoDefaultCredentials = true
	// root logs in first; make every login fail by asking the reader with a wrong password.
	if _, _, err := connect(t.Context(), ep, o, cred{Credential: store.Credential{Username: labtest.MyReaderUser, Password: "wrong"}}, true, nil); err == nil {
		t.Fatal("wrong password accepted")
	}

	b, err := os.ReadFile(m.GeneralLogFile)
	if err != nil {
		t.Fatal(err)
	}
	line := regexp.MustCompile(`^(?:\d{6}\s+\d{1,2}:\d\d:\d\d)?\s+(\d+)\s(\w[\w ]*?)\t(.*)$`)
	type cmd struct{ id, command, arg string }
	var cmds []cmd
	for _, l := range strings.Split(string(b), "\n") {
		if m := line.FindStringSubmatch(l); m != nil {
			cmds = append(cmds, cmd{m[1], strings.TrimSpace(m[2]), m[3]})
		} else if len(cmds) > 0 && !strings.HasPrefix(l, "Time") && !strings.Contains(l, "started with:") &&
			!strings.HasPrefix(l, "Tcp port:") {
			cmds[len(cmds)-1].arg += "\n" + l // a query spanning lines
		}
	}
	tcp := map[string]bool{}
	for _, c := range cmds {
		if c.command == "Connect" && strings.Contains(c.arg, "using TCP/IP") {
			tcp[c.id] = true
		}
	}
	allowed := regexp.MustCompile(`(?is)^\s*(SELECT|SHOW|SET|START\s+TRANSACTION\s+READ\s+ONLY|COMMIT|ROLLBACK|USE)\b`)
	verbs := map[string]int{}
	denied := 0
	for _, c := range cmds {
		if !tcp[c.id] {
			continue
		}
		switch c.command {
		case "Connect":
			if strings.Contains(c.arg, "Access denied") {
				denied++
			}
		case "Quit":
		case "Query":
			if !allowed.MatchString(c.arg) {
				t.Errorf("leakwatch ran a statement that is not read-only: %q", c.arg)
			}
			verbs[strings.ToUpper(strings.Fields(c.arg)[0])]++
		default:
			t.Errorf("leakwatch sent %s %q", c.command, c.arg)
		}
	}
	if len(tcp) < 4 || verbs["SELECT"] < 20 || verbs["START"] < 3 || verbs["ROLLBACK"] < 3 || denied < 1 {
		t.Fatalf("%d TCP connections, verbs %v, %d denied: is the general log on?", len(tcp), verbs, denied)
	}
	t.Logf("%d leakwatch connections, statements all read-only: %v", len(tcp), verbs)
}
