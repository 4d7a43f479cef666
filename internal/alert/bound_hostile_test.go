package alert

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/history"
)

// TestAlertPayloadBounded: a run with thousands of new findings (a hostile server can
// make a scan report as many as it has tables) put every one of them into the one
// webhook body, however many: 5,000 new exposures made a body of 2.5 MB. A payload
// now carries at most MaxEvents events and says how many more there were ("more", and the
// summary's counts of all of them); text and Slack renderings end with "… and N more".
func TestAlertPayloadBounded(t *testing.T) {
	const n = 5000
	rep := &finding.Report{}
	for i := range n {
		rep.Findings = append(rep.Findings, finding.Finding{ID: fmt.Sprintf("e%d", i), Severity: finding.Critical,
			Category: finding.Exposure, Rule: "clickhouse-no-auth", Title: "ClickHouse answers without a password",
			Host: "127.0.0.1", Port: 8123, Table: fmt.Sprintf("table_%d_%s", i, strings.Repeat("x", 200)), Evidence: strings.Repeat("e", 100)})
	}
	items, err := Outbox("lab", 0, 7, Events(history.Compare(nil, rep)), []Route{{Name: "r"}}, "", time.Now())
	if err != nil || len(items) != 1 {
		t.Fatalf("outbox: %v, %d items", err, len(items))
	}
	payload := items[0].Payload
	var requests, bodyBytes atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		requests.Add(1)
		bodyBytes.Add(int64(len(b)))
	}))
	defer srv.Close()
	var a Alert
	if err := json.Unmarshal(payload, &a); err != nil {
		t.Fatal(err)
	}
	if err := (&Webhook{URL: srv.URL, Timeout: 10 * time.Second}).Send(context.Background(), &a, payload); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d events: %d request(s), %d bytes posted; %d events in the payload, %d more", n, requests.Load(), bodyBytes.Load(), len(a.Events), a.More)
	if requests.Load() != 1 {
		t.Errorf("%d requests for one alert", requests.Load())
	}
	if len(a.Events) > MaxEvents || bodyBytes.Load() > 256<<10 {
		t.Errorf("the webhook body holds %d events in %d bytes", len(a.Events), bodyBytes.Load())
	}
	if len(a.Events)+a.More != n || !strings.Contains(a.Summary, fmt.Sprint(n)) {
		t.Errorf("%d events and %d more in the payload, summary %q: want %d in all", len(a.Events), a.More, a.Summary, n)
	}
	if got := a.SlackText(20); !strings.Contains(got, fmt.Sprintf("… and %d more\n", n-20)) {
		t.Errorf("the Slack text of 20 events does not count all the rest: %q", got[len(got)-min(len(got), 120):])
	}
	if got := a.Text(MaxEvents + 10); !strings.Contains(got, fmt.Sprintf("… and %d more\n", n-MaxEvents)) {
		t.Errorf("the text of all the payload's events does not end with the %d left out: %q", n-MaxEvents, got[len(got)-min(len(got), 120):])
	}
	if got := a.Text(20); !strings.Contains(got, fmt.Sprintf("… and %d more\n", n-20)) {
		t.Errorf("the text of 20 events does not count all the rest: %q", got[len(got)-min(len(got), 120):])
	}

	// watch-queries marshals its own Alert: the same bound.
	big := &Alert{Key: "k", Route: "r", Group: "g", Summary: "s", Events: a.Events}
	for len(big.Events) < n {
		big.Events = append(big.Events, a.Events...)
	}
	b, err := big.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	var back Alert
	if err := json.Unmarshal(b, &back); err != nil || len(back.Events) > MaxEvents || len(back.Events)+back.More != len(big.Events) {
		t.Errorf("Marshal of %d events: %d bytes, %d events and %d more (%v)", len(big.Events), len(b), len(back.Events), back.More, err)
	}
}

// TestAlertBoundKeepsEveryKind: events are ordered by kind, new exposures first, and the
// bound kept the first MaxEvents of them, so 300 new exposures of one hostile server
// (one a table) pushed every other event out of the payload: a key of another service
// that its issuer now accepts (critical) and a service that lost its password were
// only counted in "more". Past the bound, and past a rendering's lines, events are now
// taken a kind at a time in turn, so every kind present keeps its first events (in
// their order), and the payload, the text and the Slack text still count the rest.
func TestAlertBoundKeepsEveryKind(t *testing.T) {
	var d history.Diff
	for i := range 300 {
		d.New = append(d.New, finding.Finding{ID: fmt.Sprintf("e%d", i), Severity: finding.High, Category: finding.Exposure,
			Rule: "clickhouse-no-auth", Title: "ClickHouse answers without a password", Host: "127.0.0.1", Port: 8123, Table: fmt.Sprintf("t%d", i)})
	}
	d.Changed = append(d.Changed,
		history.Change{Kind: history.ChangeKeyLive, Severity: finding.Critical, Host: "127.0.0.2", Port: 5432, Detail: "the AWS key in app.users is live"},
		history.Change{Kind: history.ChangeAuthLost, Severity: finding.Critical, Host: "127.0.0.3", Port: 6379, Detail: "Redis no longer asks for a password"})
	items, err := Outbox("lab", 6, 7, Events(d), []Route{{Name: "r"}}, "", time.Now())
	if err != nil || len(items) != 1 {
		t.Fatalf("outbox: %v, %d items", err, len(items))
	}
	var a Alert
	if err := json.Unmarshal(items[0].Payload, &a); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, e := range a.Events {
		kinds[e.Kind]++
	}
	if len(a.Events) != MaxEvents || a.More != 302-MaxEvents || kinds[KeyLive] != 1 || kinds[AuthLost] != 1 {
		t.Errorf("the payload holds %d events (%v) and %d more; want %d with the live key and the lost password", len(a.Events), kinds, a.More, MaxEvents)
	}
	if a.Events[0].Kind != NewExposure || a.Events[0].Table != "t0" || a.Events[len(a.Events)-1].Kind != KeyLive || a.Events[len(a.Events)-2].Kind != AuthLost {
		t.Errorf("the kept events are not in their order: first %s %s, last %s", a.Events[0].Kind, a.Events[0].Table, a.Events[len(a.Events)-1].Kind)
	}
	for _, r := range []struct {
		name, text string
		lines      int
	}{{"Slack text", a.SlackText(20), 20}, {"text", a.Text(20), 20}, {"text", a.Text(MaxEvents), MaxEvents}} {
		if !strings.Contains(r.text, "the AWS key in app.users is live") || !strings.Contains(r.text, "Redis no longer asks") ||
			!strings.Contains(r.text, fmt.Sprintf("… and %d more\n", 302-r.lines)) {
			t.Errorf("the %s of %d events leaves out the live key or the lost password, or miscounts the rest: %q", r.name, r.lines, r.text[len(r.text)-min(len(r.text), 300):])
		}
	}
}
