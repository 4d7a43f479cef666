package lab_test

import (
	"context"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/lab"
	"github.com/leakwatch/leakwatch/internal/lab/labtest"
)

func TestMain(m *testing.M) { os.Exit(labtest.Run(m)) }

// TestSeededIncident checks the shape the demo and the prober tests rely on: row count,
// time range, and secrets dense enough that the first 20 rows of a plain SELECT hold
// every kind.
func TestSeededIncident(t *testing.T) {
	ch := labtest.ClickHouseOpen(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out, err := ch.Query(ctx, "SELECT count(), toString(min(timestamp)), toString(max(timestamp)) FROM default.log_stream")
	if err != nil {
		t.Fatal(err)
	}
	f := strings.Fields(out)
	if len(f) != 5 || f[0] != "1100000" || f[1]+" "+f[2] != lab.IncidentStart {
		t.Fatalf("log_stream: %q", out)
	}
	out, err = ch.Query(ctx, "SELECT string_tags FROM default.log_stream LIMIT 20")
	if err != nil {
		t.Fatal(err)
	}
	markers := map[string]*regexp.Regexp{
		"openai-api-key":    regexp.MustCompile(`sk-proj-[A-Za-z0-9_-]{58,74}T3BlbkFJ`),
		"anthropic-api-key": regexp.MustCompile(`sk-ant-api03-[A-Za-z0-9_-]{93}AA`),
		"deepseek-api-key":  regexp.MustCompile(`"api_key":"sk-[0-9a-f]{32}"`),
		"aws-access-key":    regexp.MustCompile(`AKIA[A-Z2-7]{16}`),
		"github-token":      regexp.MustCompile(`ghp_[0-9A-Za-z]{36}`),
		"stripe-secret-key": regexp.MustCompile(`sk_live_[0-9A-Za-z]{24}`),
		"slack-token":       regexp.MustCompile(`xoxb-\d{12}-\d{13}-[0-9A-Za-z]{24}`),
		"jwt":               regexp.MustCompile(`Bearer eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+`),
		"private-key":       regexp.MustCompile(`-----BEGIN RSA PRIVATE KEY-----`),
		"postgres-dsn":      regexp.MustCompile(`postgres://svc_[a-z]{5}:[0-9A-Za-z]{16}@`),
		"email-phone":       regexp.MustCompile(`"email":"[a-z.]+\d+@[a-z0-9.-]+","phone":"\+\d`),
	}
	if len(markers) != len(lab.IncidentKinds) {
		t.Fatalf("markers cover %d kinds, IncidentKinds has %d", len(markers), len(lab.IncidentKinds))
	}
	for _, kind := range lab.IncidentKinds {
		if !markers[kind].MatchString(out) {
			t.Errorf("first 20 rows hold no %s", kind)
		}
	}
	if c := strings.Count(out, `"messages":[{"role":"system"`); c != 20 {
		t.Errorf("%d of 20 rows hold a chat transcript", c)
	}
	for _, q := range []string{"SELECT count() FROM default.users", "SELECT count() FROM default.app_config",
		"SELECT count() FROM analytics.events", "SELECT count() FROM analytics.sessions"} {
		if out, err := ch.Query(ctx, q); err != nil || strings.TrimSpace(out) == "0" {
			t.Errorf("%s: %q %v", q, out, err)
		}
	}
}

func TestTLSAndUsers(t *testing.T) {
	ch := labtest.ClickHouseProtected(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := ch.QueryAs(ctx, "default", "", "SELECT 1"); err == nil || !strings.Contains(err.Error(), "Code: 19") { // 193 wrong or 194 required password
		t.Fatalf("empty password accepted or wrong error: %v", err)
	}
	if out, err := ch.QueryAs(ctx, labtest.ReaderUser, labtest.ReaderPassword, "SELECT value FROM system.settings WHERE name = 'readonly'"); err != nil || strings.TrimSpace(out) != "1" {
		t.Fatalf("reader: %q %v", out, err)
	}
	if _, err := ch.QueryAs(ctx, labtest.ReaderUser, labtest.ReaderPassword, "CREATE TABLE default.x (a UInt8) ENGINE = Memory"); err == nil {
		t.Fatal("readonly user could create a table")
	}
	if out, err := ch.QueryAs(ctx, labtest.ShaUser, labtest.ShaPassword, "SELECT 1"); err != nil || strings.TrimSpace(out) != "1" {
		t.Fatalf("sha256 user: %q %v", out, err)
	}
	if ch.HTTPSAddr() == "" || ch.NativeTLSAddr() == "" || len(ch.Ports()) != 4 {
		t.Fatalf("TLS ports missing: %v", ch.Addrs())
	}
}

func TestStartRejectsNonLoopback(t *testing.T) {
	labtest.RequireClickHouse(t)
	if _, err := lab.StartClickHouse(context.Background(), lab.ClickHouseConfig{Host: "192.0.2.1"}); err == nil {
		t.Fatal("started on a non-loopback address")
	}
}
