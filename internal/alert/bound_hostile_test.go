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
