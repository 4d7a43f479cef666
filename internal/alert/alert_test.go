package alert

import (
	"bufio"
	"context"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/history"
	"github.com/leakwatch/leakwatch/internal/lab"
)

func sampleAlert(t *testing.T) (*Alert, []byte) {
	t.Helper()
	d := history.Compare(nil, &finding.Report{
		Services: []finding.Service{{Host: "127.0.0.1", Port: 8123, Product: "clickhouse", Auth: finding.AuthNone, Status: finding.StatusOpen}},
		Findings: []finding.Finding{
			{ID: "e1", Severity: finding.Critical, Category: finding.Exposure, Rule: "clickhouse-no-auth", Title: "ClickHouse answers without a password\r\nBcc: evil@example.org", Host: "127.0.0.1", Port: 8123},
			{ID: "s1", Severity: finding.High, Category: finding.Secret, Rule: "github-pat", Title: "GitHub token", Host: "127.0.0.1", Port: 8123, Table: "t", Redacted: "ghp_ab…(40)"},
			{ID: "p1", Severity: finding.Medium, Category: finding.PII, Rule: "email", Title: "e-mail addresses", Host: "127.0.0.1", Port: 8123, Table: "t"},
		},
	})
	items, err := Outbox("lab", 0, 7, Events(d), []Route{{Name: "r"}}, "http://127.0.0.1:8080/runs/7", time.Now())
	if err != nil || len(items) != 1 {
		t.Fatalf("outbox: %v %d", err, len(items))
	}
	var a Alert
	if err := json.Unmarshal(items[0].Payload, &a); err != nil {
		t.Fatal(err)
	}
	return &a, items[0].Payload
}

func TestEventsAndFilters(t *testing.T) {
	a, _ := sampleAlert(t)
	var kinds []string
	for _, e := range a.Events {
		kinds = append(kinds, e.Kind)
	}
	// The PII finding is new but pages nobody; the secret kind names its example.
	if strings.Join(kinds, ",") != "new-exposure,new-secret-kind" {
		t.Fatalf("events = %v", kinds)
	}
	if a.Events[1].Redacted != "ghp_ab…(40)" || a.Events[1].FindingID != "s1" {
		t.Errorf("secret-kind event = %+v", a.Events[1])
	}
	if a.Summary != "leakwatch lab: 1 new exposure, 1 new kind of secret" {
		t.Errorf("summary = %q", a.Summary)
	}
	if got := Filter(a.Events, nil, finding.Critical); len(got) != 1 || got[0].Kind != NewExposure {
		t.Errorf("min severity critical: %+v", got)
	}
	if got := Filter(a.Events, []string{Resolved}, finding.Info); len(got) != 0 {
		t.Errorf("resolved only: %+v", got)
	}
	items, _ := Outbox("lab", 0, 7, a.Events, []Route{{Name: "a"}, {Name: "b", Kinds: []string{Resolved}}, {Name: "c", MinSeverity: finding.High}}, "", time.Now())
	if len(items) != 2 || items[0].Route != "a" || items[1].Route != "c" || items[0].Key == items[1].Key {
		t.Errorf("outbox items = %+v", items)
	}
	if Key("lab", 1, 2, "a") != Key("lab", 1, 2, "a") || Key("lab", 1, 2, "a") == Key("lab", 1, 3, "a") {
		t.Error("keys are not a function of group, runs and route")
	}
}

func TestSignVerify(t *testing.T) {
	secret, body := []byte("s3cret"), []byte(`{"a":1}`)
	now := time.Unix(1_700_000_000, 0)
	h := Sign(secret, body, now)
	cases := []struct {
		name   string
		secret []byte
		body   []byte
		header string
		now    time.Time
		ok     bool
	}{
		{"valid", secret, body, h, now, true},
		{"valid within tolerance", secret, body, h, now.Add(4 * time.Minute), true},
		{"tampered body", secret, []byte(`{"a":2}`), h, now, false},
		{"wrong secret", []byte("other"), body, h, now, false},
		{"too old", secret, body, h, now.Add(10 * time.Minute), false},
		{"from the future", secret, body, h, now.Add(-10 * time.Minute), false},
		{"timestamp swapped", secret, body, strings.Replace(h, "t=1700000000", "t=1700000001", 1), now, false},
		{"garbage", secret, body, "nonsense", now, false},
		{"empty", secret, body, "", now, false},
	}
	for _, c := range cases {
		err := Verify(c.secret, c.body, c.header, c.now, 5*time.Minute)
		if (err == nil) != c.ok {
			t.Errorf("%s: err = %v", c.name, err)
		}
	}
}

// receiver is a local webhook endpoint that verifies signatures.
type receiver struct {
	mu sync.Mutex
	// path is the only path it answers. Other tests' scans of loopback ports (or a
	// port freed by one test and reused by this one's server) can reach it; what they
	// send must not count as a delivery attempt.
	path     string
	secret   []byte
	fail     int // answer 503 to this many requests first
	got      []Alert
	keys     []string
	badSig   int
	requests int
	statuses []int // the answer to each request, in order
}

func (r *receiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	if req.URL.Path != r.path {
		http.NotFound(w, req)
		return
	}
	body, _ := io.ReadAll(req.Body)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.requests++
	if r.fail > 0 {
		r.fail--
		r.statuses = append(r.statuses, http.StatusServiceUnavailable)
		http.Error(w, "try later", http.StatusServiceUnavailable)
		return
	}
	if err := Verify(r.secret, body, req.Header.Get(SignatureHeader), time.Now(), time.Minute); err != nil {
		r.badSig++
		r.statuses = append(r.statuses, http.StatusUnauthorized)
		http.Error(w, err.Error(), http.StatusUnauthorized)
		return
	}
	var a Alert
	if err := json.Unmarshal(body, &a); err != nil {
		r.statuses = append(r.statuses, http.StatusBadRequest)
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	r.statuses = append(r.statuses, http.StatusOK)
	r.got = append(r.got, a)
	r.keys = append(r.keys, req.Header.Get(IdempotencyHeader))
}

func TestWebhookAndSlack(t *testing.T) {
	a, payload := sampleAlert(t)
	rec := &receiver{secret: []byte("hook-secret"), path: "/hook/" + rand.Text()}
	srv := httptest.NewServer(rec)
	hook := srv.URL + rec.path
	defer srv.Close()
	ctx := context.Background()
	if err := (&Webhook{URL: hook, Secret: []byte("hook-secret")}).Send(ctx, a, payload); err != nil {
		t.Fatal(err)
	}
	if err := (&Webhook{URL: hook, Secret: []byte("wrong")}).Send(ctx, a, payload); err == nil || !strings.Contains(err.Error(), "401") {
		t.Errorf("wrong secret: %v", err)
	}
	if len(rec.got) != 1 || rec.got[0].Run != 7 || rec.keys[0] != a.Key || rec.badSig != 1 {
		t.Fatalf("receiver got %+v keys %v badSig %d", rec.got, rec.keys, rec.badSig)
	}

	var slackBody map[string]string
	slack := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = json.NewDecoder(r.Body).Decode(&slackBody)
	}))
	defer slack.Close()
	if err := (&Slack{URL: slack.URL}).Send(ctx, a, payload); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(slackBody["text"], "1 new exposure") || !strings.Contains(slackBody["text"], "ghp_ab…(40)") ||
		!strings.Contains(slackBody["text"], "http://127.0.0.1:8080/runs/7") {
		t.Errorf("slack text = %q", slackBody["text"])
	}
	// A receiver that never answers costs only the timeout.
	hang := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// The server notices the client leaving only once the body is read.
		_, _ = io.Copy(io.Discard, r.Body)
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	}))
	defer hang.Close()
	start := time.Now()
	if err := (&Webhook{URL: hang.URL, Timeout: 300 * time.Millisecond}).Send(ctx, a, payload); err == nil || time.Since(start) > 3*time.Second {
		t.Errorf("hanging receiver: %v after %v", err, time.Since(start))
	}
}

func TestCommand(t *testing.T) {
	a, payload := sampleAlert(t)
	out := filepath.Join(t.TempDir(), "got.json")
	ctx := context.Background()
	c := &Command{Argv: []string{"/bin/sh", "-c", `cat > "$1"; echo "$LEAKWATCH_ALERT_KEY" >> "$1"`, "sh", out}}
	if err := c.Send(ctx, a, payload); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(out)
	if !strings.HasPrefix(string(b), string(payload)) || !strings.Contains(string(b), a.Key) {
		t.Errorf("command got %q", b)
	}
	err := (&Command{Argv: []string{"/bin/sh", "-c", "echo nope >&2; exit 3"}}).Send(ctx, a, payload)
	if err == nil || !strings.Contains(err.Error(), "nope") {
		t.Errorf("failing command: %v", err)
	}
	start := time.Now()
	err = (&Command{Argv: []string{"/bin/sh", "-c", "sleep 30"}, Timeout: 200 * time.Millisecond}).Send(ctx, a, payload)
	if err == nil || !strings.Contains(err.Error(), "timed out") || time.Since(start) > 5*time.Second {
		t.Errorf("slow command: %v after %v", err, time.Since(start))
	}
}

// smtpServer is a minimal SMTP receiver on loopback with STARTTLS, enough to check what
// the client sends.
type smtpServer struct {
	ln       net.Listener
	tlsConf  *tls.Config
	offerTLS bool
	mu       sync.Mutex
	msgs     []string
	rcpts    []string
	usedTLS  []bool
}

func newSMTPServer(t *testing.T, offerTLS bool) (*smtpServer, *x509.CertPool) {
	t.Helper()
	cert, pool := selfSigned(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &smtpServer{ln: ln, offerTLS: offerTLS, tlsConf: &tls.Config{Certificates: []tls.Certificate{cert}}}
	go s.serve()
	t.Cleanup(func() { ln.Close() })
	return s, pool
}

func (s *smtpServer) serve() {
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return
		}
		go s.handle(c)
	}
}

func (s *smtpServer) handle(c net.Conn) {
	defer func() { c.Close() }()
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	r, w := bufio.NewReader(c), c
	reply := func(l string) { _, _ = io.WriteString(w, l+"\r\n") }
	reply("220 test ESMTP")
	secure := false
	var rcpts []string
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		cmd := strings.ToUpper(strings.TrimSpace(line))
		switch {
		case strings.HasPrefix(cmd, "EHLO"):
			if s.offerTLS && !secure {
				reply("250-test\r\n250-STARTTLS\r\n250 8BITMIME")
			} else {
				reply("250-test\r\n250 8BITMIME")
			}
		case cmd == "STARTTLS" && s.offerTLS:
			reply("220 go ahead")
			tc := tls.Server(c, s.tlsConf)
			if tc.Handshake() != nil {
				return
			}
			c, r, w, secure = tc, bufio.NewReader(tc), tc, true
		case strings.HasPrefix(cmd, "MAIL FROM"):
			reply("250 ok")
		case strings.HasPrefix(cmd, "RCPT TO"):
			rcpts = append(rcpts, strings.TrimSpace(line[len("RCPT TO:"):]))
			reply("250 ok")
		case cmd == "DATA":
			reply("354 end with .")
			var msg strings.Builder
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if l == ".\r\n" {
					break
				}
				msg.WriteString(l)
			}
			s.mu.Lock()
			s.msgs = append(s.msgs, msg.String())
			s.rcpts = append(s.rcpts, rcpts...)
			s.usedTLS = append(s.usedTLS, secure)
			s.mu.Unlock()
			reply("250 queued")
		case cmd == "QUIT":
			reply("221 bye")
			return
		default:
			reply("502 not implemented")
		}
	}
}

func TestEmail(t *testing.T) {
	a, payload := sampleAlert(t)
	ctx := context.Background()

	srv, pool := newSMTPServer(t, true)
	e := &Email{Addr: srv.ln.Addr().String(), From: "leakwatch@example.org", To: []string{"sec@example.org", "ops@example.org"},
		TLSConfig: &tls.Config{RootCAs: pool, ServerName: "127.0.0.1"}}
	if err := e.Send(ctx, a, payload); err != nil {
		t.Fatal(err)
	}
	srv.mu.Lock()
	if len(srv.msgs) != 1 || !srv.usedTLS[0] || len(srv.rcpts) != 2 {
		t.Fatalf("server got %d messages, tls %v, rcpts %v", len(srv.msgs), srv.usedTLS, srv.rcpts)
	}
	msg := srv.msgs[0]
	srv.mu.Unlock()
	for _, want := range []string{"Subject: [leakwatch] leakwatch lab: 1 new exposure", "X-Leakwatch-Key: " + a.Key, "ghp_ab…(40)"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q:\n%s", want, msg)
		}
	}
	// A title from scanned data cannot add headers.
	if head, _, _ := strings.Cut(msg, "\r\n\r\n"); strings.Contains(head, "Bcc:") {
		t.Errorf("header injection:\n%s", msg)
	}
	// An untrusted certificate fails the delivery rather than falling back to plain text.
	bad := *e
	bad.TLSConfig = &tls.Config{ServerName: "127.0.0.1"}
	if err := bad.Send(ctx, a, payload); err == nil || !strings.Contains(err.Error(), "STARTTLS") {
		t.Errorf("untrusted certificate: %v", err)
	}

	plain, _ := newSMTPServer(t, false)
	e2 := &Email{Addr: plain.ln.Addr().String(), From: "lw@example.org", To: []string{"x@example.org"}, StartTLS: StartTLSAlways}
	if err := e2.Send(ctx, a, payload); err == nil || !strings.Contains(err.Error(), "STARTTLS") {
		t.Errorf("starttls always without offer: %v", err)
	}
	e2.StartTLS = StartTLSAuto
	if err := e2.Send(ctx, a, payload); err != nil {
		t.Errorf("plain server with auto: %v", err)
	}
	// Without TLS, net/smtp refuses to send a password to a non-localhost name; on
	// 127.0.0.1 the server here has no AUTH, so the attempt fails either way.
	e2.Username, e2.Password = "u", "p"
	if err := e2.Send(ctx, a, payload); err == nil {
		t.Error("auth against a server without AUTH succeeded")
	}
}

func TestBackoff(t *testing.T) {
	b := Backoff{Initial: time.Second, Max: 10 * time.Second}
	prevBase := time.Duration(0)
	for n := 1; n <= 8; n++ {
		base := min(time.Second<<(n-1), 10*time.Second)
		// Jitter is random: sample each attempt many times. No delay may fall below
		// its own base nor below the previous attempt's base (the un-jittered
		// schedule never shrinks), nor exceed base+20%.
		for range 200 {
			d := b.Delay(n)
			if d < base || d > base+base/5 {
				t.Fatalf("attempt %d: delay %v, want %v..%v", n, d, base, base+base/5)
			}
			if d < prevBase {
				t.Fatalf("attempt %d: delay %v below the previous attempt's base %v", n, d, prevBase)
			}
		}
		prevBase = base
	}
}

func TestDispatcherRetriesAndKeepsUndeliverable(t *testing.T) {
	ctx := context.Background()
	db, err := history.Open(ctx, filepath.Join(t.TempDir(), "h.db"), history.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rec := &receiver{secret: []byte("k"), fail: 2, path: "/hook/" + rand.Text()}
	srv := httptest.NewServer(rec)
	defer srv.Close()

	a, _ := sampleAlert(t)
	routes := []Route{{Name: "hook"}, {Name: "gone"}}
	_, err = db.SaveRun(ctx, history.RunRecord{Group: "lab", Started: time.Now(), Report: &finding.Report{}},
		func(run int64) ([]history.OutboxItem, error) {
			return Outbox("lab", 0, run, a.Events, routes, "", time.Now())
		})
	if err != nil {
		t.Fatal(err)
	}
	// A stray request, as another test's loopback scan may send, is not an attempt.
	if resp, err := http.Get(srv.URL + "/"); err == nil {
		resp.Body.Close()
	}
	var results []error
	d := NewDispatcher(db, map[string]Sender{"hook": &Webhook{URL: srv.URL + rec.path, Secret: []byte("k")}}, nil)
	d.Backoff = Backoff{Initial: 20 * time.Millisecond, Max: 50 * time.Millisecond}
	d.OnResult = func(_ string, err error) { results = append(results, err) }
	runCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	done := make(chan struct{})
	go func() { d.Run(runCtx); close(done) }()
	for {
		rec.mu.Lock()
		n := len(rec.got)
		rec.mu.Unlock()
		if n == 1 || runCtx.Err() != nil {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond) // more rounds: nothing may be sent twice
	cancel()
	<-done
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if len(rec.got) != 1 || rec.requests != 3 {
		t.Fatalf("receiver: %d alerts in %d requests (answers %v), want 1 in 3 (two 503s first); dispatcher saw %v",
			len(rec.got), rec.requests, rec.statuses, results)
	}
	items, _ := db.Outbox(ctx, 10)
	var hook, gone *history.OutboxItem
	for i := range items {
		switch items[i].Route {
		case "hook":
			hook = &items[i]
		case "gone":
			gone = &items[i]
		}
	}
	if hook == nil || hook.Delivered == nil || hook.Attempts != 3 {
		t.Errorf("hook item = %+v", hook)
	}
	if gone == nil || gone.Delivered != nil || gone.Attempts < 1 || !strings.Contains(gone.LastError, "not configured") {
		t.Errorf("item for an unconfigured route = %+v", gone)
	}
	failures := 0
	for _, e := range results {
		if e != nil {
			failures++
		}
	}
	if failures < 3 || errors.Is(results[len(results)-1], context.Canceled) {
		t.Errorf("results = %v", results)
	}
	// The route comes back: the kept alert goes out.
	got := 0
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { got++ }))
	defer other.Close()
	d.SetRoutes(map[string]Sender{"gone": &Webhook{URL: other.URL}})
	time.Sleep(60 * time.Millisecond) // past the back-off
	if n, _, err := d.DeliverDue(ctx); err != nil || n != 1 || got != 1 {
		t.Errorf("after the route came back: delivered %d, received %d, %v", n, got, err)
	}
}

func selfSigned(t *testing.T) (tls.Certificate, *x509.CertPool) {
	t.Helper()
	certPath, keyPath, err := lab.WriteSelfSignedCert(t.TempDir(), "127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	cert, err := tls.LoadX509KeyPair(certPath, keyPath)
	if err != nil {
		t.Fatal(err)
	}
	pem, _ := os.ReadFile(certPath)
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		t.Fatal("no certificate in PEM")
	}
	return cert, pool
}
