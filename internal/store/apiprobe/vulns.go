package apiprobe

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// Range is a half-open span of affected versions, [Introduced, Fixed). An empty
// Introduced means "from the first release"; an empty Fixed means "never fixed on this
// line".
type Range struct{ Introduced, Fixed string }

// CVE is one published vulnerability and the versions it affects.
type CVE struct {
	ID       string
	Severity finding.Severity
	Summary  string
	Affected []Range
	Ref      string
}

// ParseVersion reads up to four dot-separated numbers ("7.10.2", "3.2.1", "24.0.7"),
// ignoring a leading "v" and anything after '-', '+', '_' or a space ("8.0.0-rc1"). ok
// is false for anything else.
func ParseVersion(s string) (v [4]int, ok bool) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "v")
	if i := strings.IndexAny(s, "-+_ "); i >= 0 {
		s = s[:i]
	}
	parts := strings.Split(s, ".")
	if len(parts) < 1 || len(parts) > 4 || s == "" {
		return v, false
	}
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 || n > 1_000_000 {
			return v, false
		}
		v[i] = n
	}
	return v, true
}

// Compare orders two versions.
func Compare(a, b [4]int) int {
	for i := range a {
		if a[i] != b[i] {
			if a[i] < b[i] {
				return -1
			}
			return 1
		}
	}
	return 0
}

// Affects reports whether version v falls in one of c's ranges.
func (c CVE) Affects(v [4]int) bool {
	for _, r := range c.Affected {
		if r.Introduced != "" {
			iv, ok := ParseVersion(r.Introduced)
			if !ok || Compare(v, iv) < 0 {
				continue
			}
		}
		if r.Fixed == "" {
			return true
		}
		if fv, ok := ParseVersion(r.Fixed); ok && Compare(v, fv) < 0 {
			return true
		}
	}
	return false
}

// Fixes lists the first fixed release of each range, for remediation text.
func (c CVE) Fixes() []string {
	var out []string
	for _, r := range c.Affected {
		if r.Fixed != "" {
			out = append(out, r.Fixed)
		}
	}
	return out
}

// Matching returns the CVEs of table that affect version, most severe first.
func Matching(table []CVE, version string) []CVE {
	v, ok := ParseVersion(version)
	if !ok {
		return nil
	}
	var out []CVE
	for _, c := range table {
		if c.Affects(v) {
			out = append(out, c)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Severity > out[j].Severity })
	return out
}

// VersionFinding turns the CVEs affecting svc.Version into one finding (nil when none).
// name is the product as people write it; rule the finding's rule id.
func VersionFinding(svc finding.Service, name, rule string, table []CVE, remediation, defaultRef string) []finding.Finding {
	list := Matching(table, svc.Version)
	if len(list) == 0 {
		return nil
	}
	var lines, ids, refs []string
	for _, c := range list {
		fix := "no fixed release on this line: upgrade to a supported one"
		if fx := c.Fixes(); len(fx) > 0 {
			fix = "fixed in " + strings.Join(fx, ", ")
		}
		lines = append(lines, fmt.Sprintf("%s (%s): %s; %s", c.ID, c.Severity, c.Summary, fix))
		ids = append(ids, c.ID)
		ref := c.Ref
		if ref == "" {
			ref = defaultRef
		}
		if ref != "" && !contains(refs, ref) {
			refs = append(refs, ref)
		}
	}
	f := finding.Finding{
		Severity: list[0].Severity, Category: finding.Config, Rule: rule,
		Title:  fmt.Sprintf("%s %s has %d known vulnerabilities (%s first)", name, svc.Version, len(list), list[0].ID),
		Detail: strings.Join(lines, "\n"),
		Host:   svc.Host, Port: svc.Port, Protocol: svc.Protocol, Count: len(list),
		Remediation: remediation, References: refs, Tags: ids,
	}
	f.ComputeID()
	return []finding.Finding{f}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// Finding fills in where a product finding is and its id.
func Finding(svc finding.Service, f finding.Finding) finding.Finding {
	f.Host, f.Port, f.Protocol = svc.Host, svc.Port, svc.Protocol
	f.ComputeID()
	return f
}

// Span is the range [introduced, fixed).
func Span(introduced, fixed string) Range { return Range{Introduced: introduced, Fixed: fixed} }
