package vuln

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// Report describes the one finding that lists the known vulnerabilities of a service's
// version.
type Report struct {
	Rule        string // "redis-known-vulnerabilities"
	Product     string // "Redis", as people write it
	DefaultRef  string // where the product publishes its advisories
	Remediation string
	// Note is added to the detail, e.g. that distributions backport fixes.
	Note string
	// Parse reads the product's version text when Parse (the package's) does not read
	// it right: how the product names its pre-releases, or a prefix to drop.
	Parse func(string) (Version, bool)
	// Short lists each vulnerability as "ID: summary" and names them all in Evidence,
	// with neither severities, fixes, tags nor the most severe in the title: the form of
	// the SQL probers, whose end-of-life findings carry the upgrade advice.
	Short bool
}

// noFix is said of a vulnerability no release has fixed on the affected line.
const noFix = "no fixed release on this line: upgrade to a supported one"

// Finding turns the vulnerabilities of svc.Version found in table into one finding at
// svc, or nil when there are none or the version cannot be read.
func (r Report) Finding(svc finding.Service, table []CVE) []finding.Finding {
	parse := r.Parse
	if parse == nil {
		parse = Parse
	}
	v, ok := parse(svc.Version)
	if !ok {
		return nil
	}
	list := affecting(table, v)
	if len(list) == 0 {
		return nil
	}
	var lines, ids, refs []string
	for _, c := range list {
		ids = append(ids, c.ID)
		if r.Short {
			lines = append(lines, c.ID+": "+c.Summary)
		} else {
			fix := noFix
			if fx := c.Fixes(); len(fx) > 0 {
				fix = "fixed in " + strings.Join(fx, ", ")
			}
			lines = append(lines, fmt.Sprintf("%s (%s): %s; %s", c.ID, c.Severity, c.Summary, fix))
		}
		if ref := cmp.Or(c.Ref, r.DefaultRef); ref != "" && !slices.Contains(refs, ref) {
			refs = append(refs, ref)
		}
	}
	detail := strings.Join(lines, "\n")
	if r.Note != "" {
		detail += "\n" + r.Note
	}
	f := finding.Finding{
		Severity: list[0].Severity, Category: finding.Config, Rule: r.Rule, Detail: detail,
		Host: svc.Host, Port: svc.Port, Protocol: svc.Protocol, Count: len(list),
		Remediation: r.Remediation, References: refs,
	}
	known := fmt.Sprintf("%d known vulnerabilities", len(list))
	if len(list) == 1 {
		known = "1 known vulnerability"
	}
	if r.Short {
		f.Title = fmt.Sprintf("%s %s has %s", r.Product, svc.Version, known)
		f.Evidence = strings.Join(ids, ", ")
	} else {
		f.Title = fmt.Sprintf("%s %s has %s (%s first)", r.Product, svc.Version, known, list[0].ID)
		f.Tags = ids
	}
	f.ComputeID()
	return []finding.Finding{f}
}
