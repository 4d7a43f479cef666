package monitor

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/leakwatch/leakwatch/internal/alert"
	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/history"
	"github.com/leakwatch/leakwatch/internal/lab"
	"github.com/leakwatch/leakwatch/internal/lab/labtest"
)

// TestRetentionAppliedByMonitor is issue 10 row 14: with history.retention set, the
// monitor deletes what the retention does not keep after every run.
func TestRetentionAppliedByMonitor(t *testing.T) {
	dir := t.TempDir()
	y := "store: h.db\nhistory:\n  retention: 3 runs\nweb: {disabled: true}\ngroups:\n" +
		"  - name: a\n    targets: [127.0.0.1]\n    ports: \"1\"\n    schedule: {interval: 1h, run_on_start: false}\n"
	m, db := monitorFor(t, dir, y)
	defer db.Close()
	var ids []int64
	for range 7 {
		run, err := m.ScanNow(context.Background(), "a", "manual")
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, run.ID)
	}
	runs, err := db.Runs(context.Background(), history.RunFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	var left []int64
	for _, r := range runs {
		left = append(left, r.ID)
	}
	if want := []int64{ids[6], ids[5], ids[4]}; !slices.Equal(left, want) {
		t.Fatalf("after 7 runs with retention '3 runs': %v, want %v", left, want)
	}
}

// flapEvents lists the alert events queued for group, oldest alert first.
func flapEvents(t *testing.T, db *history.DB, group string) [][]string {
	t.Helper()
	items, err := db.Outbox(context.Background(), 1000)
	if err != nil {
		t.Fatal(err)
	}
	slices.Reverse(items)
	var out [][]string
	for _, it := range items {
		var a alert.Alert
		if err := json.Unmarshal(it.Payload, &a); err != nil {
			t.Fatal(err)
		}
		if a.Group != group {
			continue
		}
		var kinds []string
		for _, e := range a.Events {
			kinds = append(kinds, e.Kind)
		}
		out = append(out, kinds)
	}
	return out
}

// TestFlapDamping: a secret that comes and goes on a real Redis alerts every time
// without damping; with a flap window it alerts once when it first comes, says nothing
// while it flaps, and says "resolved" once after it has stayed away for the window.
func TestFlapDamping(t *testing.T) {
	rd := labtest.RedisFresh(t, lab.RedisConfig{Unsafe: true}, false)
	ctx := context.Background()
	admin, err := rd.Admin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	token := lab.NewSynth(11).GitHubToken()
	set := func(on bool) {
		t.Helper()
		args := []string{"DEL", "deploy:token"}
		if on {
			args = []string{"SET", "deploy:token", "ci deploy with " + token}
		}
		if _, err := admin.Do(ctx, args...); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	group := func(name, extra string) string {
		// A redis:// target: the scan tries the Redis prober first on a lab port.
		return fmt.Sprintf("  - name: %s\n    targets: [\"redis://%s\"]\n    schedule: {interval: 1h, run_on_start: false}\n%s",
			name, rd.Addr(), extra)
	}
	y := "store: h.db\nweb: {disabled: true}\ngroups:\n" + group("plain", "") + group("damped", "    flap_window: 1h\n") +
		group("short", "    flap_window: 8s\n") +
		"alerts:\n  - name: hook\n    type: webhook\n    url: http://127.0.0.1:1/\n"
	m, db := monitorFor(t, dir, y)
	defer db.Close()
	scan := func(groups ...string) {
		t.Helper()
		for _, g := range groups {
			if _, err := m.ScanNow(ctx, g, "manual"); err != nil {
				t.Fatalf("%s: %v", g, err)
			}
		}
	}

	set(true)
	scan("plain", "damped", "short") // first runs
	set(false)
	scan("plain", "damped", "short") // gone
	set(true)
	scan("plain", "damped") // back
	set(false)
	scan("plain", "damped") // gone again

	want := map[string]string{
		"plain":  "[[new-exposure new-secret-kind] [resolved] [new-secret-kind] [resolved]]",
		"damped": "[[new-exposure new-secret-kind]]",
	}
	for g, w := range want {
		if got := fmt.Sprint(flapEvents(t, db, g)); got != w {
			t.Errorf("%s: alerts %s, want %s", g, got, w)
		}
	}
	// "short": the secret has been gone for more than its window at the next run, and
	// "resolved" is said then, once.
	if got := fmt.Sprint(flapEvents(t, db, "short")); got != "[[new-exposure new-secret-kind]]" {
		t.Fatalf("short, within the window: %s", got)
	}
	time.Sleep(9 * time.Second)
	scan("short", "short")
	if got := fmt.Sprint(flapEvents(t, db, "short")); got != "[[new-exposure new-secret-kind] [resolved]]" {
		t.Fatalf("short, after the window: %s", got)
	}
}

// TestSpoolIsBounded: beyond max_runs the oldest spooled runs are dropped and counted;
// what is kept is read back in the order the runs finished.
func TestSpoolIsBounded(t *testing.T) {
	sp := newSpool(filepath.Join(t.TempDir(), "spool"), 3)
	base := time.Now()
	dropped := 0
	for i := range 5 {
		n, err := sp.add(&spooledRun{Key: newSpoolKey(), Group: "g", Trigger: "schedule", Started: base.Add(time.Duration(i) * time.Second),
			Finished: base.Add(time.Duration(i)*time.Second + 500*time.Millisecond), Error: fmt.Sprint("run ", i)})
		if err != nil {
			t.Fatal(err)
		}
		dropped += n
	}
	files, err := sp.list()
	if err != nil || len(files) != 3 || dropped != 2 || sp.Len() != 3 {
		t.Fatalf("%d files, %d dropped, %v", len(files), dropped, err)
	}
	for i, f := range files {
		r, err := sp.read(f)
		if err != nil || r.Error != fmt.Sprint("run ", i+2) {
			t.Fatalf("spooled run %d: %+v %v", i, r, err)
		}
		if st, _ := os.Stat(f); st.Mode().Perm() != 0o600 {
			t.Fatalf("%s mode %v", f, st.Mode())
		}
	}
}

// TestDeliveryFailureMetric: a failed delivery counts in
// leakwatch_alert_delivery_failures_total{route}.
func TestDeliveryFailureMetric(t *testing.T) {
	dir := t.TempDir()
	y := "store: h.db\nweb: {disabled: true}\ngroups:\n  - name: a\n    targets: [127.0.0.1]\n    ports: \"1\"\n" +
		"    schedule: {interval: 1h, run_on_start: false}\nalerts:\n  - name: down\n    type: webhook\n    url: http://127.0.0.1:1/\n    timeout: 2s\n"
	m, db := monitorFor(t, dir, y)
	defer db.Close()
	if err := db.Enqueue(context.Background(), []history.OutboxItem{{Key: "k", Route: "down", RunID: 1, Payload: []byte(`{"key":"k"}`)}}); err != nil {
		t.Fatal(err)
	}
	if _, failed, err := m.Dispatcher().DeliverDue(context.Background()); err != nil || failed != 1 {
		t.Fatalf("failed %d, %v", failed, err)
	}
	if got := testutil.ToFloat64(m.Metrics().failures.WithLabelValues("down")); got != 1 {
		t.Fatalf("leakwatch_alert_delivery_failures_total{route=down} = %v", got)
	}
}

// TestFingerprintKeyChangeRaisesNoResolved: after the installation key changes, every
// secret's fingerprint (and so its finding id) changes; the monitor must not call the
// old ones resolved.
func TestFingerprintKeyChangeRaisesNoResolved(t *testing.T) {
	rd := labtest.RedisFresh(t, lab.RedisConfig{Unsafe: true}, false)
	ctx := context.Background()
	admin, err := rd.Admin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.Do(ctx, "SET", "deploy:token", "ci deploy with "+lab.NewSynth(12).GitHubToken()); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	y := fmt.Sprintf("store: h.db\nweb: {disabled: true}\ngroups:\n  - name: g\n    targets: [\"redis://%s\"]\n"+
		"    schedule: {interval: 1h, run_on_start: false}\nalerts:\n  - name: hook\n    type: webhook\n    url: http://127.0.0.1:1/\n", rd.Addr())
	m, db := monitorFor(t, dir, y)
	defer db.Close()
	if err := finding.SetKey(finding.NewKey()); err != nil {
		t.Fatal(err)
	}
	first, err := m.ScanNow(ctx, "g", "manual")
	if err != nil {
		t.Fatal(err)
	}
	if err := finding.SetKey(finding.NewKey()); err != nil {
		t.Fatal(err)
	}
	second, err := m.ScanNow(ctx, "g", "manual")
	if err != nil {
		t.Fatal(err)
	}
	if first.FingerprintKey == second.FingerprintKey || first.FingerprintKey == "" {
		t.Fatalf("key ids %q and %q", first.FingerprintKey, second.FingerprintKey)
	}
	r1, _ := db.Report(ctx, first.ID)
	r2, _ := db.Report(ctx, second.ID)
	if d := history.Compare(r1, r2); len(d.Resolved) == 0 {
		t.Fatal("the stored diff shows no changed fingerprint: the test proves nothing")
	}
	if got := fmt.Sprint(flapEvents(t, db, "g")); got != "[[new-exposure new-secret-kind]]" {
		t.Fatalf("alerts %s: a change of key raised alerts", got)
	}
}

// monitorFor writes the configuration y to dir/m.yaml, loads it and opens a monitor on
// it (openMonitor); the caller closes the store.
func monitorFor(t *testing.T, dir, y string) (*Monitor, *history.DB) {
	t.Helper()
	p := filepath.Join(dir, "m.yaml")
	return openMonitor(t, loadConfigText(t, p, y), p)
}
