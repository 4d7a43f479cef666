package alert

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/history"
	"github.com/leakwatch/leakwatch/internal/lab"
	"github.com/leakwatch/leakwatch/internal/lab/labtest"
	"github.com/leakwatch/leakwatch/internal/store/clickhouse"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
	"github.com/leakwatch/leakwatch/internal/untrusted/untrustedtest"
)

func TestMain(m *testing.M) { os.Exit(labtest.Run(m)) }

// TestSlackAlertHostileTableName is issue 10's row 3: a real ClickHouse holds a table
// named "<!channel> <https://evil.example/|rotate your keys here>" with a secret in it;
// the alert about the scan, posted to a Slack webhook (a real local HTTP receiver),
// shows the name as escaped inline code: no channel ping, no link.
func TestSlackAlertHostileTableName(t *testing.T) {
	ch := labtest.ClickHouseHostile(t)
	svc, by := probetest.Pipeline(t, clickhouse.New(), probetest.Endpoint(t, ch.HTTPAddr()))
	rep := &finding.Report{Services: []finding.Service{*svc}}
	for _, fs := range by {
		rep.Findings = append(rep.Findings, fs...)
	}
	finding.Sort(rep.Findings)
	events := Events(history.Compare(nil, rep))
	named := false
	for _, e := range events {
		named = named || e.Table == lab.HostileSlackName
	}
	if !named {
		t.Fatalf("no event names the table %q: %+v", lab.HostileSlackName, events)
	}
	items, err := Outbox("lab", 0, 1, events, []Route{{Name: "slack"}, {Name: "mail"}}, "", time.Now())
	if err != nil || len(items) != 2 {
		t.Fatalf("outbox: %v %d", err, len(items))
	}

	var mu sync.Mutex
	var posted []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		mu.Lock()
		posted = b
		mu.Unlock()
	}))
	defer srv.Close()
	var a Alert
	if err := json.Unmarshal(items[0].Payload, &a); err != nil {
		t.Fatal(err)
	}
	if err := (&Slack{URL: srv.URL}).Send(context.Background(), &a, items[0].Payload); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	var msg struct{ Text string }
	if err := json.Unmarshal(posted, &msg); err != nil {
		t.Fatalf("posted %q: %v", posted, err)
	}
	// Slack's control sequences (<!channel>, <!here>, <@U…>, <url|text>) all need a raw <.
	if strings.ContainsAny(msg.Text, "<>") {
		t.Errorf("the Slack message holds a raw < or >, so a mention or link can form:\n%s", msg.Text)
	}
	if want := "&lt;!channel&gt; &lt;https://evil.example/|rotate your keys here&gt;`"; !strings.Contains(msg.Text, want) {
		t.Errorf("the Slack message lacks the escaped table name %q as code:\n%s", want, msg.Text)
	}
	untrustedtest.Terminal(t, "slack message", []byte(msg.Text))

	// The e-mail route shows the same alert as plain text: no control characters, no
	// line of the server's making.
	var m Alert
	if err := json.Unmarshal(items[1].Payload, &m); err != nil {
		t.Fatal(err)
	}
	body := (&Email{From: "leakwatch@example.test", To: []string{"ops@example.test"}}).message(&m)
	head, text, _ := strings.Cut(string(body), "\r\n\r\n")
	for _, h := range strings.Split(head, "\r\n") {
		if !strings.Contains(h, ": ") {
			t.Errorf("a header line was forged: %q", h)
		}
	}
	untrustedtest.Terminal(t, "e-mail body", []byte(strings.ReplaceAll(text, "\r\n", "\n")))
}

// TestHostileAlertEveryField fills every string of an alert with an attack: the Slack
// text has no raw < or > and no control character, the e-mail has no forged header or
// body line, and the JSON payload keeps names exact while its prose fields are escaped.
func TestHostileAlertEveryField(t *testing.T) {
	a := &Alert{Run: 2, Previous: 1, Time: time.Now(), Events: []Event{{Severity: finding.Critical}, {Severity: finding.High}}}
	untrustedtest.Fill(a, func(path string) string { return path + " " + untrustedtest.Attack })
	slack := a.SlackText(20)
	if strings.ContainsAny(slack, "<>") {
		t.Errorf("raw < or > in the Slack text:\n%s", slack)
	}
	untrustedtest.Terminal(t, "slack", []byte(slack))
	plain := a.Text(20)
	untrustedtest.Terminal(t, "text", []byte(plain))

	e := &Email{From: a.Group, To: []string{a.Route}}
	head, body, _ := strings.Cut(string(e.message(a)), "\r\n\r\n")
	for _, h := range strings.Split(head, "\r\n") {
		name, _, ok := strings.Cut(h, ": ")
		if !ok || strings.ContainsAny(name, " \t") {
			t.Errorf("a header line was forged: %q", h)
		}
	}
	untrustedtest.Terminal(t, "e-mail body", []byte(strings.ReplaceAll(body, "\r\n", "\n")))

	payload, err := a.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	var back Alert
	if err := json.Unmarshal(payload, &back); err != nil {
		t.Fatal(err)
	}
	if back.Events[0].Table != strings.ToValidUTF8(a.Events[0].Table, "\uFFFD") { // (JSON has no invalid UTF-8)
		t.Errorf("the table name lost its exact value: %q", back.Events[0].Table)
	}
	for _, s := range []string{back.Summary, back.Events[0].Title, back.Events[0].Detail} {
		untrustedtest.Terminal(t, "payload prose", []byte(s))
	}
}
