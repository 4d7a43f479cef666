package vuln

import (
	"sort"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// CVE is one published vulnerability of a product and the versions it affects, given in
// whichever of two forms its sources use:
//
//   - Fixed (with Introduced): the first fixed release of each branch, a branch being a
//     major.minor line. A release of a listed branch is affected below that branch's
//     fix; a release of a branch not listed is affected when older than the newest fix
//     (its line was never patched) and not when newer (it was cut after the fix).
//   - Affected: explicit ranges, for sources that give them, and for products whose
//     branches are not major.minor lines.
//
// A version is affected when either form says so.
type CVE struct {
	ID       string
	Severity finding.Severity
	Summary  string
	Fixed    []string
	// Introduced is the first affected release under the Fixed rule, when the flaw is
	// younger than the product.
	Introduced string
	Affected   []Range
	// Ref is the advisory; reports fall back on the product's own advisories page.
	Ref string
}

// Range is a half-open span of affected versions, [Introduced, Fixed). An empty
// Introduced means "from the first release"; an empty Fixed means "never fixed on this
// line".
type Range struct{ Introduced, Fixed string }

// Span is the range [introduced, fixed).
func Span(introduced, fixed string) Range { return Range{Introduced: introduced, Fixed: fixed} }

// Affects reports whether v has the vulnerability.
func (c CVE) Affects(v Version) bool { return c.fixedAffects(v) || c.rangesAffect(v) }

func (c CVE) fixedAffects(v Version) bool {
	if c.Introduced != "" {
		if iv, ok := Parse(c.Introduced); ok && v.Compare(iv) < 0 {
			return false
		}
	}
	var newest Version
	have := false
	for _, f := range c.Fixed {
		fv, ok := Parse(f)
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

func (c CVE) rangesAffect(v Version) bool {
	for _, r := range c.Affected {
		if r.Introduced != "" {
			iv, ok := Parse(r.Introduced)
			if !ok || v.Compare(iv) < 0 {
				continue
			}
		}
		if r.Fixed == "" {
			return true
		}
		if fv, ok := Parse(r.Fixed); ok && v.Compare(fv) < 0 {
			return true
		}
	}
	return false
}

// Fixes lists the releases that fixed the vulnerability, for remediation text.
func (c CVE) Fixes() []string {
	out := append([]string(nil), c.Fixed...)
	for _, r := range c.Affected {
		if r.Fixed != "" {
			out = append(out, r.Fixed)
		}
	}
	return out
}

// Matching lists the entries of table that affect version (as Parse reads it), most
// severe first.
func Matching(table []CVE, version string) []CVE {
	v, ok := Parse(version)
	if !ok {
		return nil
	}
	return affecting(table, v)
}

func affecting(table []CVE, v Version) []CVE {
	var out []CVE
	for _, c := range table {
		if c.Affects(v) {
			out = append(out, c)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Severity > out[j].Severity })
	return out
}
