package web

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/history"
	"github.com/leakwatch/leakwatch/internal/untrusted/untrustedtest"
)

// TestHostileStringsDashboard: a run whose report has every string hostile (names,
// versions, titles, details, evidence, errors) is shown on every page with control, bidi
// and invisible characters escaped visibly; html/template already escapes the markup.
func TestHostileStringsDashboard(t *testing.T) {
	f := newFixture(t, false)
	rep := seededReport()
	untrustedtest.Fill(rep, func(path string) string { return path + " " + untrustedtest.Attack })
	// Where the services are stays real, so that the pages link up.
	for i := range rep.Services {
		rep.Services[i].Host, rep.Services[i].Protocol, rep.Services[i].SameAs = "127.0.0.1", "clickhouse-http", ""
	}
	for i := range rep.Findings {
		rep.Findings[i].Host, rep.Findings[i].Protocol = "127.0.0.1", "clickhouse-http"
		rep.Findings[i].ComputeID()
	}
	rep.Tool, rep.Started, rep.Finished = "leakwatch", time.Now().Add(-time.Second), time.Now()
	run, err := f.db.SaveRun(context.Background(), history.RunRecord{Group: "lab", Trigger: "schedule", Started: rep.Started, Report: rep}, nil)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := login(t, f)
	pages := []string{"/", "/services", "/services/lab/127.0.0.1:8123", "/findings/" + rep.Findings[1].ID, "/runs", "/runs/" + strconv.FormatInt(run.ID, 10)}
	for _, p := range pages {
		resp, body := do(t, c, "GET", f.srv.URL+p, nil, nil)
		if resp.StatusCode != 200 {
			t.Errorf("%s: %d %.300s", p, resp.StatusCode, body)
			continue
		}
		untrustedtest.Terminal(t, p, []byte(body))
		if p != "/runs" && !strings.Contains(body, `\x1b]0;PWNED-TITLE\x07`) {
			t.Errorf("%s does not show the attack escaped", p)
		}
		if strings.Contains(body, "<img src=x") {
			t.Errorf("%s holds the server's HTML", p)
		}
	}
}
