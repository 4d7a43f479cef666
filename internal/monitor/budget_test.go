package monitor

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/internal/alert"
	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/history"
	"github.com/leakwatch/leakwatch/internal/lab"
	"github.com/leakwatch/leakwatch/internal/lab/labtest"
)

// budgetConfig is a monitor of ch's HTTP port whose scans keep at most budget bytes of
// samples per endpoint (0: the default), alerting to a webhook that is never called
// (the test reads the outbox).
func budgetConfig(t *testing.T, dir string, ch *lab.ClickHouse, budget int) *Config {
	t.Helper()
	setting := ""
	if budget > 0 {
		setting = fmt.Sprintf("\n      max_endpoint_sample_bytes: %d", budget)
	}
	y := fmt.Sprintf(`store: history.db
groups:
  - name: lab
    targets: [%s]
    ports: "%d"
    schedule:
      interval: 1h
    scan:
      timeout: 20s%s
alerts:
  - name: hook
    type: webhook
    url: http://127.0.0.1:9/never-called
`, ch.Host, ch.HTTPPort, setting)
	p := filepath.Join(dir, fmt.Sprintf("monitor-%d.yaml", budget))
	return loadConfigText(t, p, y)
}

// scanOnce runs one scan of the group with cfg on the store in dir and returns the run
// and the events it queued for alerting.
func scanOnce(t *testing.T, cfg *Config, dir string) (history.Run, []alert.Event, *finding.Report) {
	t.Helper()
	m, db := openMonitor(t, cfg, filepath.Join(dir, "monitor.yaml"))
	defer db.Close()
	ctx := context.Background()
	run, err := m.ScanNow(ctx, "lab", "manual")
	if err != nil {
		t.Fatal(err)
	}
	items, err := db.Outbox(ctx, 100)
	if err != nil {
		t.Fatal(err)
	}
	var events []alert.Event
	for _, it := range items {
		if it.RunID != run.ID {
			continue
		}
		var a alert.Alert
		if err := json.Unmarshal(it.Payload, &a); err != nil {
			t.Fatal(err)
		}
		events = append(events, a.Events...)
	}
	rep, err := db.Report(ctx, run.ID)
	if err != nil {
		t.Fatal(err)
	}
	return run, events, rep
}

// The monitor's diffs of a service the sample budget cut are exact in both directions
// on a real ClickHouse: secrets in a table the budget left unsampled (or sampled only in
// part) raise no "resolved" alert, and a table dropped from a service whose listing was
// whole is reported gone although the budget cut the service's samples.
func TestBudgetCutServiceDiffs(t *testing.T) {
	ch := labtest.ClickHouseFresh(t, lab.ClickHouseConfig{DisplayName: "monitor-budget"}, false)
	seedSmall(t, ch) // default.app_logs: a GitHub token and an Anthropic key
	if _, err := ch.Query(context.Background(), `CREATE TABLE default.filler (n UInt32, s String) ENGINE = MergeTree ORDER BY n`); err != nil {
		t.Fatal(err)
	}
	if _, err := ch.Query(context.Background(), `INSERT INTO default.filler SELECT number, '`+strings.Repeat("x", 1000)+`' FROM system.numbers LIMIT 10`); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()

	_, _, rep1 := scanOnce(t, budgetConfig(t, dir, ch, 0), dir)
	secrets := 0
	for _, f := range rep1.Findings {
		if f.Category == finding.Secret && f.Table == "app_logs" {
			secrets++
		}
	}
	if secrets < 2 {
		t.Fatalf("the first scan found %d secrets in app_logs: %+v", secrets, rep1.Findings)
	}

	// A budget of one byte: app_logs is sampled in part or not at all.
	_, events, rep2 := scanOnce(t, budgetConfig(t, dir, ch, 1), dir)
	if s := rep2.Services[0]; !s.Truncated || !s.ListingComplete {
		t.Fatalf("second scan's service: truncated %v, listing complete %v", s.Truncated, s.ListingComplete)
	}
	for _, e := range events {
		if e.Kind == alert.Resolved {
			t.Errorf("resolved alert for a finding the budget kept from being read: %+v", e)
		}
	}

	// app_logs is dropped; the budget still cuts filler's sample, the listing is whole.
	if _, err := ch.Query(context.Background(), `DROP TABLE default.app_logs`); err != nil {
		t.Fatal(err)
	}
	_, _, rep3 := scanOnce(t, budgetConfig(t, dir, ch, 1), dir)
	if s := rep3.Services[0]; !s.Truncated || !s.ListingComplete {
		t.Fatalf("third scan's service: truncated %v, listing complete %v", s.Truncated, s.ListingComplete)
	}
	gone := false
	for _, c := range history.Compare(rep2, rep3).Changed {
		gone = gone || (c.Kind == history.ChangeDatasetGone && c.Table == "app_logs")
	}
	if !gone {
		t.Errorf("app_logs dropped from a service listed in full is not reported gone: %+v", history.Compare(rep2, rep3).Changed)
	}
}
