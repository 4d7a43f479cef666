package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/untrusted/untrustedtest"
)

// budgetCut is an open service the endpoint's sample budget cut: three tables listed,
// two of them not sampled. Its reason and a table's name carry an attack, as a stored
// report someone tampered with could.
func budgetCut(listingCut bool) *finding.Report {
	svc := finding.Service{Host: "127.0.0.1", Port: 8123, Protocol: "clickhouse-http", Product: "clickhouse",
		Auth: finding.AuthNone, Status: finding.StatusOpen, Truncated: true, ListingComplete: !listingCut,
		TruncatedBy: "sample budget of 33554432 bytes per endpoint spent (--max-endpoint-sample-bytes) " + untrustedtest.Attack,
		Datasets: []finding.Dataset{
			{Database: "default", Table: "log_stream", Rows: 1_050_000, Sampled: 20},
			{Database: "default", Table: "users " + untrustedtest.Attack, Rows: 10, NotSampled: finding.NotSampledBudget},
			{Database: "default", Table: "orders", Rows: 7, NotSampled: finding.NotSampledBudget},
		}}
	return &finding.Report{Tool: "leakwatch", Version: "test", Services: []finding.Service{svc}}
}

// The text report says which limit cut a service and how to raise it: the sample
// budget by its size, flag and monitor option, with how many datasets it left
// unsampled — and does not call a whole listing cut short. Nothing of the stored
// reason reaches the terminal but its digits.
func TestTextNamesTheLimitThatCut(t *testing.T) {
	for _, listingCut := range []bool{false, true} {
		var buf bytes.Buffer
		if err := (&Text{Options: Options{Color: true}}).Write(&buf, budgetCut(listingCut)); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		untrustedtest.Terminal(t, "text", buf.Bytes())
		flat := strings.Join(strings.Fields(out), " ")
		head := "(samples cut short by the endpoint's sample budget)"
		if listingCut {
			head = "(listing cut short by a limit, samples by the endpoint's sample budget)"
		}
		for _, want := range []string{head,
			"Samples cut by the endpoint's sample budget (32.0 MiB): 2 datasets listed and counted but not sampled.",
			"Raise it with --max-endpoint-sample-bytes (monitor: max_endpoint_sample_bytes)"} {
			if !strings.Contains(flat, want) {
				t.Errorf("listing cut %v: the report lacks %q:\n%s", listingCut, want, out)
			}
		}
		if got := strings.Contains(flat, "Listing cut short by a limit: raise --max-tables"); got != listingCut {
			t.Errorf("listing cut %v: the report names the listing's limits: %v\n%s", listingCut, got, out)
		}
		if strings.Contains(flat, "PWNED") && !strings.Contains(flat, `\x1b]0;PWNED-TITLE\x07`) {
			t.Errorf("the attack in a table name is not shown escaped:\n%s", out)
		}
	}
}
