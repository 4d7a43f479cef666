package summary

import (
	"fmt"
	"strconv"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/lazyre"
)

// CutShort says in a few words what a truncated service's limits cut: its listing
// (a tables, databases or time limit), its samples (the endpoint's sample budget), or
// both; "" when nothing was cut.
func CutShort(s *finding.Service) string {
	switch {
	case !s.Truncated:
		return ""
	case s.ListingComplete:
		return "samples cut short by the endpoint's sample budget"
	case s.TruncatedBy != "":
		return "listing cut short by a limit, samples by the endpoint's sample budget"
	}
	return "listing cut short by a limit"
}

// budgetBytes reads the budget's size out of the reason the scan gave (store.
// SampleBudget.Reason); only its digits are taken, so a stored report's text cannot
// put anything else in the sentence built from it.
var budgetBytes = lazyre.New(`sample budget of ([0-9]{1,19}) bytes`)

// CutNotes are the sentences that say which limits cut a truncated service and how to
// raise each, one a line, in the report's own words (nothing here is the server's):
// the endpoint's sample budget with how many datasets it left unsampled, and the
// listing's limits.
func CutNotes(s *finding.Service) []string {
	if !s.Truncated {
		return nil
	}
	var out []string
	if s.TruncatedBy != "" {
		notSampled := 0
		for i := range s.Datasets {
			if s.Datasets[i].NotSampled == finding.NotSampledBudget {
				notSampled++
			}
		}
		size := "its size"
		if m := budgetBytes.FindStringSubmatch(s.TruncatedBy); m != nil {
			if n, err := strconv.ParseInt(m[1], 10, 64); err == nil {
				size = Bytes(n)
			}
		}
		out = append(out, fmt.Sprintf("Samples cut by the endpoint's sample budget (%s): %s listed and counted but not sampled. "+
			"Raise it with --max-endpoint-sample-bytes (monitor: max_endpoint_sample_bytes) to sample them.",
			size, Count(notSampled, "dataset", "datasets")))
	}
	if !s.ListingComplete {
		out = append(out, "Listing cut short by a limit: raise --max-tables or --max-databases (monitor: max_tables, max_databases), "+
			"or --inventory-timeout (inventory_timeout) when the service's error says it timed out.")
	}
	return out
}

// Bytes prints a byte count with a binary unit: "32.0 MiB", "2000 B".
func Bytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}
