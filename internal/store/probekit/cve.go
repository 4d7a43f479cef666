package probekit

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// Version is a dotted release number with up to four parts; missing parts are zero.
type Version [4]int

// ParseVersion reads "7.0.15", "v3.4.23", "1.6.7~rc0", "2.42.0+ds"; ok is false for
// anything that does not start with at least major.minor.
func ParseVersion(s string) (Version, bool) {
	var v Version
	s = strings.TrimPrefix(strings.TrimSpace(s), "v")
	if i := strings.IndexAny(s, "-+~ _("); i >= 0 {
		s = s[:i]
	}
	parts := strings.Split(s, ".")
	if len(parts) < 2 || len(parts) > 4 {
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

// Compare orders versions: -1, 0 or 1.
func (v Version) Compare(w Version) int {
	for i := range v {
		switch {
		case v[i] < w[i]:
			return -1
		case v[i] > w[i]:
			return 1
		}
	}
	return 0
}

func (v Version) sameBranch(w Version) bool { return v[0] == w[0] && v[1] == w[1] }

// CVE is one published vulnerability of a product, matched by version.
type CVE struct {
	ID       string
	Severity finding.Severity
	Summary  string
	// Fixed lists the first fixed release of each maintained branch (major.minor).
	Fixed []string
	// Introduced is the first affected release, when the flaw is younger than the product.
	Introduced string
	Ref        string
}

// Affected reports whether v has the vulnerability. A branch with its own fix is affected
// below that fix; a branch without one is affected when older than the newest fixed
// branch (it was never patched) and not when newer (it was cut after the fix).
func (c CVE) Affected(v Version) bool {
	if c.Introduced != "" {
		if iv, ok := ParseVersion(c.Introduced); ok && v.Compare(iv) < 0 {
			return false
		}
	}
	var newest Version
	have := false
	for _, f := range c.Fixed {
		fv, ok := ParseVersion(f)
		if !ok {
			continue
		}
		if fv.sameBranch(v) {
			return v.Compare(fv) < 0
		}
		if !have || fv.Compare(newest) > 0 {
			newest, have = fv, true
		}
	}
	return have && v.Compare(newest) < 0
}

// Matching lists the entries of table that affect version, most severe first.
func Matching(table []CVE, version string) []CVE {
	v, ok := ParseVersion(version)
	if !ok {
		return nil
	}
	var out []CVE
	for _, c := range table {
		if c.Affected(v) {
			out = append(out, c)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Severity > out[j].Severity })
	return out
}

// VulnReport describes the one finding that lists a version's known vulnerabilities.
type VulnReport struct {
	Rule        string // "redis-known-vulnerabilities"
	Product     string // "Redis", as people write it
	DefaultRef  string // where the product publishes its advisories
	Remediation string
	// Note is added to the detail, e.g. that distributions backport fixes.
	Note string
}

// Finding turns the vulnerabilities of svc.Version found in table into one finding, or
// nil when there are none.
func (r VulnReport) Finding(svc finding.Service, table []CVE) []finding.Finding {
	list := Matching(table, svc.Version)
	if len(list) == 0 {
		return nil
	}
	var lines, ids, refs []string
	for _, c := range list {
		fixed := strings.Join(c.Fixed, ", ")
		if fixed == "" {
			fixed = "no upstream release"
		}
		lines = append(lines, fmt.Sprintf("%s (%s): %s; fixed in %s", c.ID, c.Severity, c.Summary, fixed))
		ids = append(ids, c.ID)
		ref := c.Ref
		if ref == "" {
			ref = r.DefaultRef
		}
		if ref != "" && !contains(refs, ref) {
			refs = append(refs, ref)
		}
	}
	detail := strings.Join(lines, "\n")
	if r.Note != "" {
		detail += "\n" + r.Note
	}
	f := finding.Finding{
		Severity: list[0].Severity, Category: finding.Config, Rule: r.Rule,
		Title:  fmt.Sprintf("%s %s has %d known vulnerabilities (%s first)", r.Product, svc.Version, len(list), list[0].ID),
		Detail: detail, Count: len(list), Remediation: r.Remediation, References: refs, Tags: ids,
	}
	return []finding.Finding{Finish(f, svc)}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
