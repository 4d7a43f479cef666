package monitor

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/alert"
	"github.com/leakwatch/leakwatch/internal/scan"
	"github.com/leakwatch/leakwatch/internal/store"
)

const validConfig = `store: history.db
web:
  listen: 127.0.0.1:0
groups:
  - name: lab
    targets: [127.0.0.1]
    ports: "8123,9000"
    schedule:
      interval: 5m
    credentials:
      - store: clickhouse
        username: default
        password_env: CH_PW
    alerts: [hook]
    scan:
      sample_rows: 0
      max_endpoint_sample_bytes: 4194304
  - name: nightly
    targets: [10.0.0.0/30]
    exclude: [10.0.0.1]
    schedule:
      cron: "0 3 * * *"
alerts:
  - name: hook
    type: webhook
    url: http://127.0.0.1:9999/hook
    secret_env: HOOK_SECRET
    on: [new-exposure, resolved]
    min_severity: high
  - name: mail
    type: email
    smtp: 127.0.0.1:25
    from: leakwatch@example.org
    to: [sec@example.org]
  - name: run
    type: command
    command: [/bin/true]
    timeout: 5s
`

func TestParseValidConfig(t *testing.T) {
	cfg, err := ParseConfig([]byte(validConfig), "monitor.yaml", "/etc/leakwatch")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Web.SessionTTL != 12*time.Hour || cfg.Web.TokenStore != "leakwatch-web-token" {
		t.Errorf("defaults not applied: %+v", cfg.Web)
	}
	if dsn, _ := cfg.StoreDSN(os.Getenv); dsn != "/etc/leakwatch/history.db" {
		t.Errorf("store path %q", dsn)
	}
	if cfg.Groups[0].Scan.SampleRows == nil || *cfg.Groups[0].Scan.SampleRows != 0 {
		t.Error("an explicit sample_rows: 0 was lost")
	}
	getenv := func(k string) string { return map[string]string{"CH_PW": "pw", "HOOK_SECRET": "s"}[k] }
	jc, err := cfg.jobConfig(&cfg.Groups[0], nil, nil, getenv)
	if err != nil {
		t.Fatal(err)
	}
	if jc.Pipeline.Options.MaxEndpointSampleBytes != 4<<20 {
		t.Errorf("max_endpoint_sample_bytes: the scan's budget is %d", jc.Pipeline.Options.MaxEndpointSampleBytes)
	}
	if jc, _ := cfg.jobConfig(&cfg.Groups[1], nil, nil, getenv); jc.Pipeline.Options.MaxEndpointSampleBytes != store.DefaultMaxEndpointSampleBytes {
		t.Errorf("a group without max_endpoint_sample_bytes has a budget of %d", jc.Pipeline.Options.MaxEndpointSampleBytes)
	}
	if jc.Pipeline.Options.SampleRows != 0 || len(jc.Pipeline.Options.Credentials) != 1 || jc.Pipeline.Options.Credentials[0].Password != "pw" ||
		jc.Pipeline.Reveal || len(jc.Target.Ports) == 0 {
		t.Errorf("job config = %+v", jc.Pipeline.Options)
	}
	if err := cfg.Prepare(t.Context(), getenv); err != nil {
		t.Fatal(err)
	}
	// A missing secret is named, its value never shown.
	err = cfg.Prepare(t.Context(), func(k string) string { return map[string]string{"HOOK_SECRET": "s"}[k] })
	if err == nil || !strings.Contains(err.Error(), "CH_PW") {
		t.Errorf("missing password env: %v", err)
	}
	s, _ := cfg.Groups[1].schedule()
	at := time.Date(2026, 1, 1, 12, 0, 0, 0, time.Local)
	if got := s.Next(at); got.Hour() != 3 || got.Day() != 2 {
		t.Errorf("cron next = %v", got)
	}
}

func TestConfigErrorsNameTheirLine(t *testing.T) {
	cases := []struct {
		name string
		yaml string
		line int
		want string
	}{
		{"unknown key", "groups:\n  - name: a\n    targetz: [127.0.0.1]\n", 3, "targetz"},
		{"bad type", "groups:\n  - name: a\n    targets: [127.0.0.1]\n    schedule:\n      interval: soon\n", 5, "soon"},
		{"no targets", "groups:\n  - name: a\n    schedule: {interval: 1m}\n", 2, "at least one target"},
		{"bad target", "groups:\n  - name: a\n    targets:\n      - 127.0.0.1\n      - 10.0.0.300\n    schedule: {interval: 1m}\n", 5, "10.0.0.300"},
		{"bad cron", "groups:\n  - name: a\n    targets: [127.0.0.1]\n    schedule:\n      cron: \"61 * * * *\"\n", 5, "cron"},
		{"both schedules", "groups:\n  - name: a\n    targets: [127.0.0.1]\n    schedule:\n      cron: \"@hourly\"\n      interval: 1m\n", 4, "not both"},
		{"no schedule", "groups:\n  - name: a\n    targets: [127.0.0.1]\n", 2, "interval"},
		{"inline password", "groups:\n  - name: a\n    targets: [127.0.0.1]\n    schedule: {interval: 1m}\n    credentials:\n      - username: default\n        password: hunter2\n", 7, "inline passwords"},
		{"unknown route", "groups:\n  - name: a\n    targets: [127.0.0.1]\n    schedule: {interval: 1m}\n    alerts: [nope]\n", 5, `"nope"`},
		{"duplicate group", "groups:\n  - name: a\n    targets: [127.0.0.1]\n    schedule: {interval: 1m}\n  - name: a\n    targets: [127.0.0.2]\n    schedule: {interval: 1m}\n", 5, "twice"},
		{"remote listen", "web:\n  listen: 0.0.0.0:8080\ngroups:\n  - name: a\n    targets: [127.0.0.1]\n    schedule: {interval: 1m}\n", 2, "allow_remote"},
		{"empty host listens everywhere", "web:\n  listen: :8080\ngroups:\n  - name: a\n    targets: [127.0.0.1]\n    schedule: {interval: 1m}\n", 2, "allow_remote"},
		{"route type", "alerts:\n  - name: x\n    type: pager\ngroups:\n  - name: a\n    targets: [127.0.0.1]\n    schedule: {interval: 1m}\n", 3, "unknown type"},
		{"inline webhook secret", "alerts:\n  - name: x\n    type: webhook\n    url: http://127.0.0.1/\n    secret: abc\ngroups:\n  - name: a\n    targets: [127.0.0.1]\n    schedule: {interval: 1m}\n", 5, "inline secrets"},
		{"bad event", "alerts:\n  - name: x\n    type: slack\n    url: https://hooks.example.org/x\n    on: [new-exposure, everything]\ngroups:\n  - name: a\n    targets: [127.0.0.1]\n    schedule: {interval: 1m}\n", 5, "everything"},
		{"email without recipients", "alerts:\n  - name: x\n    type: email\n    smtp: mail:25\n    from: a@b.c\ngroups:\n  - name: a\n    targets: [127.0.0.1]\n    schedule: {interval: 1m}\n", 2, "recipient"},
		{"password in store URL", "store: postgres://lw:pw@127.0.0.1/lw\ngroups:\n  - name: a\n    targets: [127.0.0.1]\n    schedule: {interval: 1m}\n", 1, "store_env"},
		{"bad scan setting", "defaults:\n  workers: 0\ngroups:\n  - name: a\n    targets: [127.0.0.1]\n    schedule: {interval: 1m}\n", 2, "workers"},
		{"cron that never fires", "groups:\n  - name: a\n    targets: [127.0.0.1]\n    schedule:\n      cron: \"0 0 30 2 *\"\n", 5, "never fires"},
		{"no sample budget", "defaults:\n  max_endpoint_sample_bytes: 0\ngroups:\n  - name: a\n    targets: [127.0.0.1]\n    schedule: {interval: 1m}\n", 2, "max_endpoint_sample_bytes"},
		{"rate NaN", "defaults:\n  rate: .nan\ngroups:\n  - name: a\n    targets: [127.0.0.1]\n    schedule: {interval: 1m}\n", 2, "rate"},
		{"rate Inf", "defaults:\n  rate: .inf\ngroups:\n  - name: a\n    targets: [127.0.0.1]\n    schedule: {interval: 1m}\n", 2, "rate"},
		{"workers huge", "defaults:\n  workers: 2305843009213693952\ngroups:\n  - name: a\n    targets: [127.0.0.1]\n    schedule: {interval: 1m}\n", 2, "workers"},
		{"concurrency huge", "groups:\n  - name: a\n    targets: [127.0.0.1]\n    schedule: {interval: 1m}\n    scan:\n      concurrency: 100000000\n", 6, "concurrency"},
		{"no groups", "store: x.db\n", 1, "at least one target group"},
		{"not yaml", "groups: [\n", 0, "yaml"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseConfig([]byte(c.yaml), "m.yaml", "/tmp")
			if err == nil {
				t.Fatal("accepted")
			}
			msg := err.Error()
			if !strings.Contains(msg, c.want) {
				t.Errorf("error %q lacks %q", msg, c.want)
			}
			if c.line > 0 && !strings.Contains(msg, "line "+itoa(c.line)+":") {
				t.Errorf("error %q does not name line %d", msg, c.line)
			}
			if strings.Contains(msg, "hunter2") || strings.Contains(msg, "lw:pw") {
				t.Errorf("error shows a secret: %q", msg)
			}
			var ce *ConfigError
			if !errors.As(err, &ce) {
				t.Errorf("not a ConfigError: %T", err)
			}
		})
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestRemoteListenNeedsOptIn: listening beyond loopback needs allow_remote, and
// allow_remote needs TLS or an explicit insecure_http (issue 10 row 12).
func TestRemoteListenNeedsOptIn(t *testing.T) {
	const groups = "groups:\n  - name: a\n    targets: [127.0.0.1]\n    schedule: {interval: 1m}\n"
	for web, want := range map[string]string{
		"  listen: 0.0.0.0:8080\n":                                                            "needs allow_remote",
		"  listen: 0.0.0.0:8080\n  allow_remote: true\n":                                      "without TLS would send the access token",
		"  listen: 0.0.0.0:8080\n  allow_remote: true\n  insecure_http: true\n":               "",
		"  listen: 0.0.0.0:8080\n  allow_remote: true\n  tls_cert: c.pem\n  tls_key: k.pem\n": "",
		"  listen: 127.0.0.1:8080\n":                                                          "",
	} {
		_, err := ParseConfig([]byte("web:\n"+web+groups), "m.yaml", "/tmp")
		switch {
		case want == "" && err != nil:
			t.Errorf("%q refused: %v", web, err)
		case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
			t.Errorf("%q: %v, want an error saying %q", web, err, want)
		}
	}
	for _, h := range []string{"127.0.0.1", "::1", "localhost", "127.1.2.3"} {
		if !IsLoopbackHost(h) {
			t.Errorf("%s not loopback", h)
		}
	}
	for _, h := range []string{"", "0.0.0.0", "::", "10.0.0.1", "example.org"} {
		if IsLoopbackHost(h) {
			t.Errorf("%q counted as loopback", h)
		}
	}
}

func TestLoadConfigFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "m.yaml")
	if err := os.WriteFile(p, []byte(validConfig), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := LoadConfig(p)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Path("history.db") != filepath.Join(dir, "history.db") {
		t.Errorf("relative paths not anchored at the file: %s", cfg.Path("history.db"))
	}
	if _, err := LoadConfig(filepath.Join(dir, "missing.yaml")); err == nil {
		t.Error("missing file accepted")
	}
	if err := os.WriteFile(p, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadConfig(p); err == nil || !strings.Contains(err.Error(), "empty") {
		t.Errorf("empty file: %v", err)
	}
}

// The example a new user starts from must load as it is.
func TestExampleConfig(t *testing.T) {
	cfg, err := LoadConfig(filepath.Join("..", "..", "examples", "monitor.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Groups) != 1 || cfg.Groups[0].Schedule.Interval != 5*time.Minute || cfg.Web.Listen != "127.0.0.1:8080" ||
		len(cfg.Alerts) != 1 || cfg.Alerts[0].Type != "webhook" {
		t.Errorf("example config = %+v", cfg)
	}
	getenv := func(k string) string { return map[string]string{"LEAKWATCH_WEBHOOK_SECRET": "x"}[k] }
	if err := cfg.Prepare(t.Context(), getenv); err != nil {
		t.Error(err)
	}
}

// TestCommandRouteEnv: a command route passes on only the variables its env: names,
// each of which must be set; env: belongs to command routes alone.
func TestCommandRouteEnv(t *testing.T) {
	const base = "groups:\n  - name: a\n    targets: [127.0.0.1]\n    schedule: {interval: 1m}\nalerts:\n"
	cfg, err := ParseConfig([]byte(base+"  - name: run\n    type: command\n    command: [/bin/true]\n    env: [PAGER_KEY]\n"), "m.yaml", "/tmp")
	if err != nil {
		t.Fatal(err)
	}
	senders, _, err := cfg.routes(func(k string) string { return map[string]string{"PAGER_KEY": "pk", "OTHER": "x"}[k] })
	if err != nil {
		t.Fatal(err)
	}
	if c, ok := senders["run"].(*alert.Command); !ok || fmt.Sprint(c.Env) != "[PAGER_KEY=pk]" {
		t.Fatalf("command sender %+v", senders["run"])
	}
	if err := cfg.Prepare(t.Context(), func(string) string { return "" }); err == nil || !strings.Contains(err.Error(), "PAGER_KEY") {
		t.Fatalf("unset env variable: %v", err)
	}
	for y, want := range map[string]string{
		"  - name: run\n    type: command\n    command: [/bin/true]\n    env: [\"BAD-NAME\"]\n": "not an environment variable name",
		"  - name: hook\n    type: webhook\n    url: http://127.0.0.1:1/\n    env: [X]\n":       "only command routes take env",
	} {
		if _, err := ParseConfig([]byte(base+y), "m.yaml", "/tmp"); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want %q", y, err, want)
		}
	}
}

// A monitor group's exclusions (the path scheduled and dashboard-triggered scans take)
// hold in the Set its job scans, IPv6 forms of an excluded IPv4 address included.
func TestGroupExclusionsReachTheJob(t *testing.T) {
	cfg, err := ParseConfig([]byte(`store: history.db
groups:
  - name: g
    targets: [10.0.0.0/30, "64:ff9b::a00:0/126", "2002:a00:1::/126"]
    exclude: [10.0.0.1]
    ports: "9000"
    schedule:
      interval: 5m
`), "monitor.yaml", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	jc, err := cfg.jobConfig(&cfg.Groups[0], nil, nil, func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	job, err := scan.NewJob(context.Background(), jc)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []string{"10.0.0.1", "64:ff9b::a00:1", "2002:a00:1::2"} {
		if job.Set.ContainsAddr(netip.MustParseAddr(a)) {
			t.Errorf("%s in the group's scan", a)
		}
	}
	if job.Set.Addresses() != 6 {
		t.Fatalf("%d addresses, want 3 + 3 (the 6to4 block is all 10.0.0.1)", job.Set.Addresses())
	}
}
