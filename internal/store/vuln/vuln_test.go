package vuln

import (
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/internal/finding"
)

func TestVersions(t *testing.T) {
	for in, want := range map[string]Version{"7.0.15": {7, 0, 15}, "v3.4.23": {3, 4, 23}, "1.6.7~rc0": {1, 6, 7},
		"2.42.0+ds": {2, 42, 0}, "1.2.3.4": {1, 2, 3, 4}, "8.2": {8, 2}} {
		if v, ok := Parse(in); !ok || v != want {
			t.Errorf("Parse(%q) = %v %v", in, v, ok)
		}
	}
	for _, bad := range []string{"", "7", "x.y", "1.2.3.4.5", "-1.2", "df-v1.14.0"} {
		if _, ok := Parse(bad); ok {
			t.Errorf("Parse(%q) accepted", bad)
		}
	}
	c := CVE{ID: "CVE-X", Severity: finding.High, Fixed: []string{"6.2.20", "7.2.11", "7.4.6"}, Introduced: "6.0"}
	for v, want := range map[string]bool{"7.2.10": true, "7.2.11": false, "7.0.15": true, "7.4.6": false, "8.0.0": false,
		"5.0.14": false, "6.2.19": true, "6.0.1": true} {
		pv, _ := Parse(v)
		if got := c.Affects(pv); got != want {
			t.Errorf("Affects(%s) = %v, want %v", v, got, want)
		}
	}
	r := Report{Rule: "x-known-vulnerabilities", Product: "X", Remediation: "upgrade", DefaultRef: "https://example.org/adv"}
	fs := r.Finding(finding.Service{Host: "127.0.0.1", Port: 1, Protocol: "x", Version: "7.2.1"}, []CVE{c})
	if len(fs) != 1 || fs[0].Severity != finding.High || fs[0].ID == "" || fs[0].Count != 1 || fs[0].References[0] != "https://example.org/adv" {
		t.Fatalf("finding %+v", fs)
	}
	if fs := r.Finding(finding.Service{Version: "garbage"}, []CVE{c}); fs != nil {
		t.Fatalf("finding for an unparsable version: %+v", fs)
	}
}

// TestFormats holds the version texts the probers see: every one must read as its
// release number, whatever follows it.
func TestFormats(t *testing.T) {
	for in, want := range map[string]Version{
		"8.0.0-rc1":                      {8, 0, 0},
		"10.11.14-MariaDB-0+deb12u2":     {10, 11, 14},
		"8.0.36-0ubuntu0.22.04.1":        {8, 0, 36},
		"5.7.44-log":                     {5, 7, 44},
		"5.7.25-TiDB-v7.5.0":             {5, 7, 25},
		"18.16.1":                        {18, 16, 1},
		"1.1.54388":                      {1, 1, 54388},
		"23.8.2.7":                       {23, 8, 2, 7},
		"v24.3.1.1-lts":                  {24, 3, 1, 1},
		"15.18 (Debian 15.18-0+deb12u1)": {15, 18},
		"9.6.24":                         {9, 6, 24},
		"3.4.23_x":                       {3, 4, 23},
		" 7.2.4\n":                       {7, 2, 4},
	} {
		if v, ok := Parse(in); !ok || v != want {
			t.Errorf("Parse(%q) = %v %v, want %v", in, v, ok, want)
		}
	}
	for _, bad := range []string{"x", "garbage", "99999999999.1", "100001.1", "1.100001", "7.0.", "7..0", ".7.0", "7.2.4a",
		"7.2.4/x", "18beta1", "V7.2.4", "v"} {
		if v, ok := Parse(bad); ok {
			t.Errorf("Parse(%q) = %v, accepted", bad, v)
		}
	}
	if v, _ := Parse("99999.1"); v != (Version{99999, 1}) {
		t.Errorf("Parse(99999.1) = %v", v)
	}
	for _, tc := range []struct {
		a, b string
		want int
	}{{"1.2", "1.2.0.0", 0}, {"1.2.3", "1.10", -1}, {"9.6.24", "10.0", -1}, {"23.8.2.7", "23.8.2", 1}} {
		a, _ := Parse(tc.a)
		b, _ := Parse(tc.b)
		if got := a.Compare(b); got != tc.want {
			t.Errorf("%s vs %s = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestTrimTag(t *testing.T) {
	for in, want := range map[string]string{"9.6beta1": "9.6", " 18devel ": "18", "5.0.45a": "5.0.45", "18rc1": "18",
		"15.18 (Debian 15.18-0+deb12u1)": "15.18 (Debian 15.18-0+deb12u1)", "8.0.36-0ubuntu0.22.04.1": "8.0.36-0ubuntu0.22.04.1",
		"v3.4.23": "", "abc": "", "": "", "7.0.15": "7.0.15"} {
		if got := TrimTag(in); got != want {
			t.Errorf("TrimTag(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAffects(t *testing.T) {
	c := CVE{ID: "X", Affected: []Range{{"3.6.0", "4.4.30"}, {"5.0.0", "5.0.32"}, {"8.2.0", ""}}}
	for v, want := range map[string]bool{
		"3.4.24": false, "3.6.0": true, "4.2.25": true, "4.4.29": true, "4.4.30": false,
		"5.0.31": true, "5.0.32": false, "8.2.9": true, "8.1.0": false, "x": false,
	} {
		if got := len(Matching([]CVE{c}, v)) == 1; got != want {
			t.Errorf("%s: affected = %v, want %v", v, got, want)
		}
	}
	open := CVE{ID: "Y", Affected: []Range{{"", "1.2.0"}}}
	if !open.Affects(mustVersion(t, "0.90.13")) || open.Affects(mustVersion(t, "1.2.0")) {
		t.Error("range without a start")
	}
}

// TestBothForms: a CVE may give per-branch fixes and ranges at once; either affects.
func TestBothForms(t *testing.T) {
	c := CVE{ID: "Z", Fixed: []string{"2.4.3"}, Introduced: "2.0", Affected: []Range{Span("0.9.0", "1.0.0")}}
	for v, want := range map[string]bool{"0.8.1": false, "0.9.5": true, "1.0.0": false, "1.5.0": false, "2.0.0": true,
		"2.4.2": true, "2.4.3": false, "2.5.0": false} {
		if got := c.Affects(mustVersion(t, v)); got != want {
			t.Errorf("%s: affected = %v, want %v", v, got, want)
		}
	}
	if got := strings.Join(c.Fixes(), " "); got != "2.4.3 1.0.0" {
		t.Errorf("Fixes = %q", got)
	}
}

func mustVersion(t *testing.T, s string) Version {
	v, ok := Parse(s)
	if !ok {
		t.Fatalf("Parse(%q) failed", s)
	}
	return v
}

func TestVersionFinding(t *testing.T) {
	table := []CVE{
		{ID: "CVE-A", Severity: finding.Medium, Affected: []Range{{"", "2.0.0"}}},
		{ID: "CVE-B", Severity: finding.Critical, Affected: []Range{{"1.0.0", "1.5.0"}}, Ref: "https://b"},
	}
	svc := finding.Service{Host: "127.0.0.1", Port: 1, Protocol: "p", Version: "1.4.2"}
	fs := Report{Product: "P", Rule: "p-known-vulnerabilities", Remediation: "upgrade", DefaultRef: "https://default"}.Finding(svc, table)
	if len(fs) != 1 || fs[0].Severity != finding.Critical || fs[0].Count != 2 || fs[0].Tags[0] != "CVE-B" || fs[0].ID == "" {
		t.Fatalf("%+v", fs)
	}
	svc.Version = "2.0.0"
	if fs := (Report{Product: "P", Rule: "r"}).Finding(svc, table); fs != nil {
		t.Fatalf("fixed version flagged: %+v", fs)
	}
}

// TestReportForms pins the text of both forms of the finding, which reports and
// baselines depend on.
func TestReportForms(t *testing.T) {
	table := []CVE{
		{ID: "CVE-M", Severity: finding.Medium, Summary: "medium flaw", Fixed: []string{"1.4.9", "2.1.0"}},
		{ID: "CVE-C", Severity: finding.Critical, Summary: "critical flaw", Affected: []Range{Span("", "")}, Ref: "https://c"},
	}
	svc := finding.Service{Host: "127.0.0.1", Port: 7, Protocol: "p", Version: "1.4.2-x"}
	full := Report{Rule: "p-known-vulnerabilities", Product: "P", DefaultRef: "https://p", Remediation: "upgrade", Note: "backports"}
	fs := full.Finding(svc, table)
	if len(fs) != 1 {
		t.Fatalf("%+v", fs)
	}
	f := fs[0]
	wantDetail := "CVE-C (critical): critical flaw; " + noFix + "\nCVE-M (medium): medium flaw; fixed in 1.4.9, 2.1.0\nbackports"
	if f.Title != "P 1.4.2-x has 2 known vulnerabilities (CVE-C first)" || f.Detail != wantDetail || f.Severity != finding.Critical ||
		strings.Join(f.Tags, ",") != "CVE-C,CVE-M" || strings.Join(f.References, " ") != "https://c https://p" ||
		f.Evidence != "" || f.Category != finding.Config || f.Host != "127.0.0.1" || f.Port != 7 || f.Protocol != "p" ||
		f.Remediation != "upgrade" || f.Rule != "p-known-vulnerabilities" {
		t.Fatalf("full form: %+v", f)
	}

	short := Report{Rule: "q-known-vulnerabilities", Product: "Q", Short: true,
		// Q names its versions "q1.4.2".
		Parse: func(s string) (Version, bool) { return Parse(strings.TrimPrefix(s, "q")) }}
	svc.Version = "q1.4.2"
	f = short.Finding(svc, table)[0]
	if f.Title != "Q q1.4.2 has 2 known vulnerabilities" || f.Detail != "CVE-C: critical flaw\nCVE-M: medium flaw" ||
		f.Evidence != "CVE-C, CVE-M" || f.Tags != nil || strings.Join(f.References, " ") != "https://c" || f.Count != 2 {
		t.Fatalf("short form: %+v", f)
	}
	if fs := full.Finding(svc, table); fs != nil {
		t.Fatalf("q1.4.2 read without the product's Parse: %+v", fs)
	}
}

func FuzzParseVersion(f *testing.F) {
	for _, s := range []string{"7.10.2", "v3.4.23", "8.0.0-rc1", "1", "", "1.2.3.4.5", "99999999.1",
		"15.18 (Debian 15.18-0+deb12u1)", "10.11.14-MariaDB-0+deb12u2", "1.6.7~rc0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, ok := Parse(s)
		if ok {
			for _, n := range v {
				if n < 0 || n > 1_000_000 {
					t.Fatalf("Parse(%q) = %v", s, v)
				}
			}
		}
	})
}

// TestReportFormsOne: one vulnerability is "1 known vulnerability" (issue 14's plurals).
func TestReportFormsOne(t *testing.T) {
	table := []CVE{{ID: "CVE-C", Severity: finding.Critical, Summary: "critical flaw", Affected: []Range{Span("", "")}}}
	svc := finding.Service{Host: "127.0.0.1", Port: 7, Protocol: "p", Version: "1.6.7"}
	if f := (Report{Rule: "r", Product: "P"}).Finding(svc, table)[0]; f.Title != "P 1.6.7 has 1 known vulnerability (CVE-C first)" {
		t.Errorf("full form: %q", f.Title)
	}
	if f := (Report{Rule: "r", Product: "P", Short: true}).Finding(svc, table)[0]; f.Title != "P 1.6.7 has 1 known vulnerability" {
		t.Errorf("short form: %q", f.Title)
	}
}
