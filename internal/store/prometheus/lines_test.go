package prometheus

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// scanConfigLines finds, without a parse, what the YAML walk finds in configurations as
// Prometheus writes them, and in the shapes a hand-written one takes (flow mappings,
// quoted values, comments, URLs with passwords, block scalars holding text).
func TestConfigLinesFindWhatTheParseFinds(t *testing.T) {
	for name, cfg := range map[string]string{
		"prometheus": "global:\n  scrape_interval: 15s\nscrape_configs:\n- job_name: node\n  basic_auth:\n    username: u\n    password: Pw-lines-1\n  static_configs:\n  - targets: ['10.0.0.1:9100']\n" +
			"- job_name: api\n  authorization:\n    type: Bearer\n    credentials: <secret>\n- job_name: files\n  bearer_token_file: /etc/prom/token\n  oauth2:\n    client_id: c\n    client_secret: \"Pw-lines-2\"\n    token_url: https://auth.example/token\n",
		"flow":                "scrape_configs:\n  - {job_name: a, basic_auth: {username: u, password: 'Pw-lines-3'}}\n  - job_name: b\n    params: {}\n    basic_auth: {username: u, password: <secret>}\n",
		"urls":                "remote_write:\n- url: https://writer:Pw-lines-4@metrics.example/api/v1/write # the team's\n  name: w\nalerting:\n  alertmanagers:\n  - static_configs:\n    - targets: [am:9093]\n    path_prefix: /\n    proxy_url: http://u:xxxxx@proxy:3128\n",
		"block scalar":        "scrape_configs:\n- job_name: n\n  relabel_configs:\n  - regex: |\n      password: not-a-key-here\n      token: nor-here\n    action: keep\n  basic_auth:\n    password: Pw-lines-5\n",
		"comments and quotes": "# password: commented-out\nscrape_configs:\n- job_name: \"q\"\n  basic_auth:\n    username: u\n    password: 'it''s-Pw-lines-6'   # rotated\n    password_file: \"\"\n",
	} {
		t.Run(name, func(t *testing.T) {
			pl, pm, pf, pn, err := scanConfig(cfg)
			if err != nil {
				t.Fatal(err)
			}
			ll, lm, lf, ln := scanConfigLines(cfg)
			values := func(cs []credential) []string {
				var v []string
				for _, c := range cs {
					v = append(v, c.value)
				}
				slices.Sort(v)
				return v
			}
			if !slices.Equal(values(pl), values(ll)) || pm != lm || pn != ln || len(pf) != len(lf) {
				t.Errorf("parse: %v masked %d files %v; lines: %v masked %d files %v", pl, pm, pf, ll, lm, lf)
			}
			if len(pl) == 0 && pm == 0 {
				t.Fatal("the case finds nothing")
			}
			for _, c := range ll {
				if c.path == "" {
					t.Errorf("no path for %q", c.value)
				}
			}
			t.Logf("lines: %v", ll)
		})
	}
}

// A configuration past maxConfigParse whose cut falls inside a value spanning lines: a
// flow sequence of targets (as a generator writes one, an item per line) or a quoted
// string. The part did not parse, so the credential before the cut went unchecked, with
// config_checked saying it was looked for. The part is now read line by line. A cut
// inside a block scalar (key: |) leaves the part valid YAML: it is checked by the parse.
func TestCutInsideMultiLineValueStillChecked(t *testing.T) {
	head := "global:\n  scrape_interval: 15s\nscrape_configs:\n- job_name: fleet\n  basic_auth:\n    username: admin\n    password: Tr0ub4dor-cut-8\n"
	for name, c := range map[string]struct{ open, item, end string }{
		"flow sequence": {"  static_configs:\n  - targets: [\n", "      10.%d.%d.%d:9100,\n", "      10.255.255.255:9100]\n"},
		"quoted string": {"  relabel_configs:\n  - regex: \"", "(10\\\\.%d\\\\.%d\\\\.%d)|\n    ", "x\"\n    action: keep\n"},
		"block scalar":  {"  relabel_configs:\n  - action: keep\n    regex: |\n", "      10\\.%d\\.%d\\.%d\n", "    source_labels: [__address__]\n"},
	} {
		t.Run(name, func(t *testing.T) {
			var y strings.Builder
			y.WriteString(head + c.open)
			for i := 0; y.Len() < maxConfigParse+(64<<10); i++ {
				fmt.Fprintf(&y, c.item, i>>16&255, i>>8&255, i&255)
			}
			y.WriteString(c.end + "- job_name: node\n  static_configs:\n  - targets: [10.1.0.1:9100]\n")
			text := y.String()
			part := configPart(text)
			_, _, _, _, perr := scanConfig(text)
			t.Logf("%d bytes, part of %d; the part parses: %v", len(text), len(part), perr)
			ep := serveConfig(t, text)
			o := store.DefaultOptions()
			o.IOTimeout = 10 * time.Second
			res, err, _ := probetest.Try(New(), ep, &o, time.Minute)
			if res == nil {
				t.Fatalf("no result: %v", err)
			}
			f := probetest.Finding(res.Findings, "prometheus-config-credential")
			if f == nil {
				t.Fatalf("the credential before the cut is not reported (%s)", res.Service.Details["config_checked"])
			}
			t.Logf("reported at %s", f.Column)
		})
	}
}
