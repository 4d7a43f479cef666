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

// FuzzScanConfigLines: the line-by-line read (a configuration with no turn to parse, or
// a part that does not parse) of any text ends without panicking, within its bounds,
// never reports a masked value, and keeps its paths within maxConfigPath.
func FuzzScanConfigLines(f *testing.F) {
	f.Add("scrape_configs:\n- job_name: a\n  basic_auth:\n    password: <secret>\n")
	f.Add("a:\n  - {password: 'x''y', token: \"q\\\"r\"} # c\n  b: |\n    password: no\n")
	f.Add("remote_write:\n- url: https://u:p%41@h/\n  \"quoted key\": v\n")
	f.Fuzz(func(t *testing.T, text string) {
		leaked, _, files, _ := scanConfigLines(text)
		if len(leaked) > 1010 || len(files) > maxConfigFiles {
			t.Fatalf("%d credentials, %d files", len(leaked), len(files))
		}
		for _, c := range leaked {
			if masked(c.value) {
				t.Fatalf("masked value reported: %+v", c)
			}
			if len(c.path) > maxConfigPath+200 {
				t.Fatalf("path of %d bytes", len(c.path))
			}
		}
	})
}
