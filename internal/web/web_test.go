package web

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/history"
	"github.com/leakwatch/leakwatch/internal/monitor"
)

const (
	testToken = "test-token-0123456789abcdef"
	// rawSecret is stored by a scan made with --reveal: it must never reach a page.
	rawSecret = "sk-ant-api03-RAWSECRETVALUEdoNotShowMe0123456789abcdefghijklmnopqrstuvwxyzABCDEFGH"
)

// seededReport is what a scan of an open ClickHouse holding an API key finds.
func seededReport() *finding.Report {
	exp := finding.Finding{Severity: finding.Critical, Category: finding.Exposure, Rule: "clickhouse-no-auth",
		Title: "ClickHouse answers without a password", Host: "127.0.0.1", Port: 8123, Protocol: "clickhouse-http",
		Evidence: "log_stream: 1,050,000 rows (2025-01-06 … 2025-01-07)", Remediation: "Set a password for the default user."}
	sec := finding.Finding{Severity: finding.Critical, Category: finding.Secret, Rule: "anthropic-api-key",
		Title: "Anthropic API key", Host: "127.0.0.1", Port: 8123, Protocol: "clickhouse-http",
		Database: "default", Table: "log_stream", Column: "string_tags", Count: 3}
	sec.SetSecret(rawSecret, true) // as with --reveal
	sec.Verified, sec.VerifiedIdentity, sec.VerifiedBy, sec.VerifiedAt = finding.VerifiedLive, "org Acme Research",
		"GET https://api.anthropic.com/v1/models", "2025-01-07T10:00:00Z"
	rep := &finding.Report{Tool: "leakwatch", Started: time.Now().Add(-2 * time.Second), Finished: time.Now(),
		Stats: finding.Stats{Targets: 1, PortsTried: 2, OpenPorts: 1, Services: 1},
		Services: []finding.Service{{Host: "127.0.0.1", Port: 8123, Protocol: "clickhouse-http", Product: "clickhouse",
			Version: "18.16.1", Auth: finding.AuthNone, Status: finding.StatusOpen, User: "default",
			Datasets: []finding.Dataset{{Database: "default", Table: "log_stream", Rows: 1_050_000, Bytes: 734003200,
				Columns:   []finding.Column{{Name: "timestamp", Type: "DateTime"}, {Name: "string_tags", Type: "String"}},
				TimeRange: &finding.TimeRange{Column: "timestamp", Min: "2025-01-06 00:00:00", Max: "2025-01-07 00:00:00"},
				Classes:   []string{"secrets"}}}}},
		Findings: []finding.Finding{exp, sec},
	}
	for i := range rep.Findings {
		rep.Findings[i].ComputeID()
	}
	return rep
}

type fixture struct {
	srv    *httptest.Server
	mon    *monitor.Monitor
	db     *history.DB
	secID  string
	dir    string
	cfgPth string
}

// newFixture runs the real monitor (its one group points at a closed loopback port)
// over a SQLite store seeded with one run, behind the dashboard.
func newFixture(t *testing.T, secure bool) *fixture {
	t.Helper()
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "monitor.yaml")
	y := "store: history.db\ngroups:\n  - name: lab\n    targets: [127.0.0.1]\n    ports: \"1\"\n    schedule: {interval: 1h, run_on_start: false}\n"
	if err := os.WriteFile(cfgPath, []byte(y), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := monitor.LoadConfig(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	dsn, _ := cfg.StoreDSN(os.Getenv)
	db, err := history.Open(context.Background(), dsn, history.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	rep := seededReport()
	if _, err := db.SaveRun(context.Background(), history.RunRecord{Group: "lab", Trigger: "schedule", Started: rep.Started, Report: rep}, nil); err != nil {
		t.Fatal(err)
	}
	mon, err := monitor.New(cfg, db, monitor.Options{ConfigPath: cfgPath})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { _ = mon.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	s, err := New(Config{Backend: mon, Token: testToken, Secure: secure, Metrics: mon.Metrics().Handler()})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	return &fixture{srv: srv, mon: mon, db: db, secID: rep.Findings[1].ID, dir: dir, cfgPth: cfgPath}
}

func noRedirect(jar http.CookieJar) *http.Client {
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func do(t *testing.T, c *http.Client, method, u string, hdr map[string]string, form url.Values) (*http.Response, string) {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, u, body)
	if err != nil {
		t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, string(b)
}

var csrfRE = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// login goes through the login form like a browser and returns the client and the
// session's CSRF token.
func login(t *testing.T, f *fixture) (*http.Client, string) {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := noRedirect(jar)
	_, body := do(t, c, "GET", f.srv.URL+"/login", nil, nil)
	m := csrfRE.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no CSRF field on the login page:\n%s", body)
	}
	resp, _ := do(t, c, "POST", f.srv.URL+"/login", nil, url.Values{"csrf": {m[1]}, "token": {testToken}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/" {
		t.Fatalf("login: %d → %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, body = do(t, c, "GET", f.srv.URL+"/", nil, nil)
	m = csrfRE.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no CSRF token on the dashboard:\n%.2000s", body)
	}
	return c, m[1]
}

func TestAuth(t *testing.T) {
	f := newFixture(t, false)
	plain := noRedirect(nil)
	bearer := map[string]string{"Authorization": "Bearer " + testToken}
	cases := []struct {
		name   string
		method string
		path   string
		hdr    map[string]string
		want   int
	}{
		{"api without token", "GET", "/api/summary", nil, 401},
		{"api with a wrong token", "GET", "/api/summary", map[string]string{"Authorization": "Bearer " + testToken + "x"}, 401},
		{"api with a token prefix", "GET", "/api/summary", map[string]string{"Authorization": "Bearer " + testToken[:10]}, 401},
		{"api with basic auth", "GET", "/api/summary", map[string]string{"Authorization": "Basic " + testToken}, 401},
		{"api with the token", "GET", "/api/summary", bearer, 200},
		{"page without session", "GET", "/", nil, 303},
		{"finding page without session", "GET", "/findings/" + f.secID, nil, 303},
		{"metrics without token", "GET", "/metrics", nil, 401},
		{"metrics with token", "GET", "/metrics", bearer, 200},
		{"scan without token", "POST", "/api/scan?group=lab", nil, 401},
		{"reload form without session", "POST", "/reload", nil, 401},
		{"scan with the token needs no CSRF", "POST", "/api/scan?group=nope", bearer, 404},
		{"health is public", "GET", "/healthz", nil, 200},
		{"static is public", "GET", "/static/style.css", nil, 200},
	}
	for _, c := range cases {
		resp, body := do(t, plain, c.method, f.srv.URL+c.path, c.hdr, nil)
		if resp.StatusCode != c.want {
			t.Errorf("%s: %d, want %d: %.200s", c.name, resp.StatusCode, c.want, body)
		}
		if c.want == 401 && !strings.Contains(resp.Header.Get("WWW-Authenticate"), "Bearer") {
			t.Errorf("%s: no WWW-Authenticate", c.name)
		}
		if c.want == 303 && resp.Header.Get("Location") != "/login" {
			t.Errorf("%s: redirected to %q", c.name, resp.Header.Get("Location"))
		}
	}

	// Session: state changes need the session's CSRF token.
	c, csrf := login(t, f)
	other, otherCSRF := login(t, f)
	_ = other
	csrfCases := []struct {
		name string
		form url.Values
		hdr  map[string]string
		path string
		want int
	}{
		{"scan without CSRF", url.Values{"group": {"lab"}}, nil, "/scan", 403},
		{"scan with a wrong CSRF", url.Values{"group": {"lab"}, "csrf": {"x" + csrf}}, nil, "/scan", 403},
		{"scan with another session's CSRF", url.Values{"group": {"lab"}, "csrf": {otherCSRF}}, nil, "/scan", 403},
		{"api reload with a wrong CSRF header", url.Values{}, map[string]string{"X-CSRF-Token": "nope"}, "/api/reload", 403},
		{"logout without CSRF", url.Values{}, nil, "/logout", 403},
		{"reload with CSRF", url.Values{"csrf": {csrf}}, nil, "/reload", 303},
		{"api reload with CSRF header", url.Values{}, map[string]string{"X-CSRF-Token": csrf}, "/api/reload", 200},
		{"scan with CSRF", url.Values{"group": {"lab"}, "csrf": {csrf}}, nil, "/scan", 303},
	}
	for _, cc := range csrfCases {
		resp, body := do(t, c, "POST", f.srv.URL+cc.path, cc.hdr, cc.form)
		if resp.StatusCode != cc.want {
			t.Errorf("%s: %d, want %d: %.200s", cc.name, resp.StatusCode, cc.want, body)
		}
	}
	// Logging out ends the session for good.
	if resp, _ := do(t, c, "POST", f.srv.URL+"/logout", nil, url.Values{"csrf": {csrf}}); resp.StatusCode != 303 {
		t.Errorf("logout: %d", resp.StatusCode)
	}
	if resp, _ := do(t, c, "GET", f.srv.URL+"/", nil, nil); resp.StatusCode != 303 {
		t.Errorf("after logout: %d", resp.StatusCode)
	}
}

func TestLoginForm(t *testing.T) {
	f := newFixture(t, true)
	jar, _ := cookiejar.New(nil)
	c := noRedirect(jar)
	resp, body := do(t, c, "GET", f.srv.URL+"/login", nil, nil)
	csrf := csrfRE.FindStringSubmatch(body)[1]
	if ck := resp.Cookies(); len(ck) != 1 || !ck[0].HttpOnly || ck[0].SameSite != http.SameSiteStrictMode || !ck[0].Secure {
		t.Errorf("login CSRF cookie = %+v", ck)
	}
	// httptest serves plain HTTP: the jar would not send Secure cookies back, so
	// replay them by hand.
	cookieHdr := func(cs []*http.Cookie) map[string]string {
		var parts []string
		for _, ck := range cs {
			parts = append(parts, ck.Name+"="+ck.Value)
		}
		return map[string]string{"Cookie": strings.Join(parts, "; ")}
	}
	loginCk := cookieHdr(resp.Cookies())
	plain := noRedirect(nil)
	if r, _ := do(t, plain, "POST", f.srv.URL+"/login", nil, url.Values{"csrf": {csrf}, "token": {testToken}}); r.StatusCode != 403 {
		t.Errorf("login without the CSRF cookie: %d", r.StatusCode)
	}
	if r, _ := do(t, plain, "POST", f.srv.URL+"/login", loginCk, url.Values{"csrf": {"forged"}, "token": {testToken}}); r.StatusCode != 403 {
		t.Errorf("login with a forged CSRF: %d", r.StatusCode)
	}
	r, body := do(t, plain, "POST", f.srv.URL+"/login", loginCk, url.Values{"csrf": {csrf}, "token": {"wrong-token-xxxxxxxx"}})
	if r.StatusCode != 401 || !strings.Contains(body, "Wrong access token") || len(r.Cookies()) != 0 {
		t.Errorf("wrong token: %d, cookies %v", r.StatusCode, r.Cookies())
	}
	r, _ = do(t, plain, "POST", f.srv.URL+"/login", loginCk, url.Values{"csrf": {csrf}, "token": {testToken}})
	var sess *http.Cookie
	for _, ck := range r.Cookies() {
		if ck.Name == sessionCookie && ck.Value != "" {
			sess = ck
		}
	}
	if r.StatusCode != 303 || sess == nil || !sess.HttpOnly || !sess.Secure || sess.SameSite != http.SameSiteStrictMode || sess.Path != "/" {
		t.Fatalf("login: %d, session cookie %+v", r.StatusCode, sess)
	}
	r, body = do(t, plain, "GET", f.srv.URL+"/", cookieHdr([]*http.Cookie{sess}), nil)
	if r.StatusCode != 200 || !strings.Contains(body, "Current exposures") {
		t.Errorf("dashboard with the session: %d", r.StatusCode)
	}
	if r.Header.Get("Strict-Transport-Security") == "" {
		t.Error("no HSTS with Secure set")
	}
}

func TestSecurityHeadersAndNoRawSecrets(t *testing.T) {
	f := newFixture(t, false)
	c, _ := login(t, f)
	bearer := map[string]string{"Authorization": "Bearer " + testToken}
	pages := []string{"/", "/services", "/services/lab/127.0.0.1:8123", "/findings/" + f.secID, "/runs", "/runs/1", "/login"}
	for _, p := range pages {
		resp, body := do(t, c, "GET", f.srv.URL+p, nil, nil)
		if resp.StatusCode != 200 && !(p == "/login" && resp.StatusCode == 303) {
			t.Errorf("%s: %d", p, resp.StatusCode)
		}
		h := resp.Header
		csp := h.Get("Content-Security-Policy")
		if !strings.Contains(csp, "default-src 'none'") || strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "frame-ancestors 'none'") {
			t.Errorf("%s: CSP %q", p, csp)
		}
		if h.Get("X-Frame-Options") != "DENY" || h.Get("Referrer-Policy") != "no-referrer" || h.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: headers %v", p, h)
		}
		if strings.Contains(body, rawSecret) || strings.Contains(body, rawSecret[20:40]) {
			t.Errorf("%s shows the raw secret", p)
		}
		for _, bad := range []string{"<script", "style=", "http://", "https://"} {
			if strings.Contains(body, bad) {
				t.Errorf("%s contains %q (inline code or an external resource)", p, bad)
			}
		}
	}
	_, body := do(t, c, "GET", f.srv.URL+"/findings/"+f.secID, nil, nil)
	if !strings.Contains(body, finding.Redact(rawSecret)) || !strings.Contains(body, finding.Fingerprint(rawSecret)) {
		t.Errorf("finding page lacks the redacted form or fingerprint")
	}
	// The issuer's verdict (scan --verify, or verify: true in the monitor) is shown on
	// the finding page and beside the value in the lists.
	for _, want := range []string{`<span class="verdict live">live</span> — org Acme Research`, "GET api.anthropic.com/v1/models", "2025-01-07T10:00:00Z"} {
		if !strings.Contains(body, want) {
			t.Errorf("finding page lacks %q", want)
		}
	}
	_, body = do(t, c, "GET", f.srv.URL+"/", nil, nil)
	if !strings.Contains(body, `<span class="verdict live" title="verdict of the issuer">live</span>`) {
		t.Errorf("findings list shows no verdict")
	}
	_, body = do(t, c, "GET", f.srv.URL+"/services/lab/127.0.0.1:8123", nil, nil)
	for _, want := range []string{"log_stream", "1,050,000", "string_tags", "2025-01-06", "700.0 MiB", `<span class="verdict live"`} {
		if !strings.Contains(body, want) {
			t.Errorf("service page lacks %q", want)
		}
	}
	for _, p := range []string{"/api/summary", "/api/findings", "/api/findings/" + f.secID, "/api/services", "/api/services/lab/127.0.0.1:8123",
		"/api/runs", "/api/runs/1", "/api/diff?from=1&to=1"} {
		resp, body := do(t, noRedirect(nil), "GET", f.srv.URL+p, bearer, nil)
		if resp.StatusCode != 200 || !json.Valid([]byte(body)) {
			t.Errorf("%s: %d %.200s", p, resp.StatusCode, body)
		}
		if strings.Contains(body, rawSecret) {
			t.Errorf("%s returns the raw secret", p)
		}
	}
	var sum struct {
		BySeverity   map[string]int `json:"by_severity"`
		OpenServices int            `json:"open_services"`
	}
	_, body = do(t, noRedirect(nil), "GET", f.srv.URL+"/api/summary", bearer, nil)
	if err := json.Unmarshal([]byte(body), &sum); err != nil || sum.BySeverity["critical"] != 2 || sum.OpenServices != 1 {
		t.Errorf("summary = %+v (%v)", sum, err)
	}
	resp, body := do(t, noRedirect(nil), "GET", f.srv.URL+"/metrics", bearer, nil)
	if resp.StatusCode != 200 || !strings.Contains(body, "leakwatch_alerts_pending") {
		t.Errorf("metrics: %d", resp.StatusCode)
	}
	if resp, _ := do(t, c, "GET", f.srv.URL+"/findings/doesnotexist", nil, nil); resp.StatusCode != 404 {
		t.Errorf("unknown finding: %d", resp.StatusCode)
	}
}

func TestAPIScanRecordsARun(t *testing.T) {
	f := newFixture(t, false)
	bearer := map[string]string{"Authorization": "Bearer " + testToken, "Content-Type": "application/json"}
	req, _ := http.NewRequest("POST", f.srv.URL+"/api/scan", strings.NewReader(`{"group":"lab"}`))
	for k, v := range bearer {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusAccepted {
		t.Fatalf("scan: %d", resp.StatusCode)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		runs, _ := f.db.Runs(context.Background(), history.RunFilter{})
		if len(runs) == 2 && runs[0].Trigger == "api" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no api-triggered run recorded: %+v", runs)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestListenRefusesRemote(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:0", "[::]:0", ":0"} {
		if ln, err := Listen(addr, false); err == nil {
			ln.Close()
			t.Errorf("%s accepted without opt-in", addr)
		}
	}
	ln, err := Listen("127.0.0.1:0", false)
	if err != nil {
		t.Fatal(err)
	}
	ln.Close()
}

func TestLoadToken(t *testing.T) {
	dir := t.TempDir()
	store := filepath.Join(dir, "state", "token")
	tok, gen, err := LoadToken("", "", store, os.Getenv)
	if err != nil || !gen || len(tok) < 40 {
		t.Fatalf("generated %q %v %v", tok, gen, err)
	}
	st, _ := os.Stat(store)
	if st.Mode().Perm() != 0o600 {
		t.Errorf("token file mode %v", st.Mode().Perm())
	}
	again, gen, err := LoadToken("", "", store, os.Getenv)
	if err != nil || gen || again != tok {
		t.Errorf("second start: %q %v %v", again, gen, err)
	}
	env := func(k string) string { return map[string]string{"SHORT": "abc", "GOOD": "0123456789abcdefXYZ"}[k] }
	if _, _, err := LoadToken("SHORT", "", store, env); err == nil {
		t.Error("short token accepted")
	}
	if _, _, err := LoadToken("UNSET", "", store, env); err == nil {
		t.Error("unset token variable accepted")
	}
	if got, _, err := LoadToken("GOOD", "", store, env); err != nil || got != "0123456789abcdefXYZ" {
		t.Errorf("env token: %q %v", got, err)
	}
	if _, err := New(Config{Backend: nil, Token: testToken}); err == nil {
		t.Error("server without backend")
	}
}
