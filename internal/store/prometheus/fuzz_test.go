package prometheus

import (
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// FuzzScanConfig: any configuration text scans without panicking, within its bounds,
// and never reports a masked value as leaked.
func FuzzScanConfig(f *testing.F) {
	f.Add("scrape_configs:\n- job_name: a\n  basic_auth:\n    password: <secret>\n")
	f.Add("a: &x [*x, *x]\nb: [*x]\n")
	f.Add("params:\n  apikey: [k1, k2]\nurl: http://u:p@h/\n")
	f.Fuzz(func(t *testing.T, text string) {
		leaked, _, _, _, err := scanConfig(text)
		if err != nil {
			return
		}
		if len(leaked) > 1001 {
			t.Fatalf("%d credentials", len(leaked))
		}
		for _, c := range leaked {
			if masked(c.value) {
				t.Fatalf("masked value reported: %+v", c)
			}
		}
		for _, f := range configFindings(finding.Service{Host: "127.0.0.1", Port: 9090}, text) {
			if f.Value != "" || (f.Redacted != "" && strings.Contains(text, f.Redacted) && len(f.Redacted) > 12) {
				t.Fatalf("finding shows a value: %+v", f)
			}
		}
	})
}
