// Package summary turns a report into what a person reads: one headline per exposed
// service ("ClickHouse 127.0.0.1:8123 — open to anyone — 1,100,000 rows of chat logs
// from 2025-01-06 — 12 kinds of secrets (37 values) — …") and the findings grouped so
// that one line stands for one kind of value in one field of one dataset: a Redis key
// space's thousand user:<n> keys holding e-mail addresses are one group, "user:{n}",
// with how many keys were read and how many there are.
//
// The text, markdown and HTML report writers and the disclosure notice render the same
// summary, each with the escaping of its own sink: every string here is raw, exactly as
// the report holds it, and most of them were chosen by a scanned server. JSON and SARIF
// do not group: they keep every finding and every value.
package summary

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// Summary is a report arranged for reading.
type Summary struct {
	Report *finding.Report
	// Exposures are the services worth a headline, most severe first.
	Exposures []*Exposure
	// Services are every service's grouped findings, in the report's order of services;
	// a last entry with a nil Service holds findings tied to no service (files, streams).
	Services []*ServiceFindings
	// Groups is every group, most severe first.
	Groups []*Group
}

// ServiceFindings are one service's grouped findings: Issues are about the service
// itself (exposure, capabilities, configuration, intrusion), Data are values found in
// what it holds (secrets, personal data, chat).
type ServiceFindings struct {
	Service *finding.Service
	// Name is the product as people write it ("ClickHouse"), "" for findings in files.
	Name   string
	Issues []*Group
	Data   []*Group
}

// Of summarises r. r is not modified; the summary points into it.
func Of(r *finding.Report) *Summary {
	s := &Summary{Report: r}
	s.Groups = Groups(r)
	byService := map[string]*ServiceFindings{}
	var files *ServiceFindings
	for i := range r.Services {
		svc := &r.Services[i]
		sf := &ServiceFindings{Service: svc, Name: ProductName(r, svc)}
		byService[endpointKey(svc.Host, svc.Port)] = sf
	}
	for _, g := range s.Groups {
		sf := byService[endpointKey(g.Host, g.Port)]
		if sf == nil {
			if files == nil {
				files = &ServiceFindings{}
			}
			sf = files
		}
		if g.IsData() {
			sf.Data = append(sf.Data, g)
		} else {
			sf.Issues = append(sf.Issues, g)
		}
	}
	for i := range r.Services {
		sf := byService[endpointKey(r.Services[i].Host, r.Services[i].Port)]
		if len(sf.Issues)+len(sf.Data) > 0 {
			s.Services = append(s.Services, sf)
		}
	}
	if files != nil {
		s.Services = append(s.Services, files)
	}
	s.Exposures = exposures(r, s)
	return s
}

// SeverityCount is how many groups (and findings) have one severity.
type SeverityCount struct {
	Severity finding.Severity
	Groups   int
	Findings int
}

// Counts counts groups and findings per severity, highest first, leaving out
// severities with none.
func (s *Summary) Counts() []SeverityCount {
	var c [finding.Critical + 1]SeverityCount
	for _, g := range s.Groups {
		if g.Severity < finding.Info || g.Severity > finding.Critical {
			continue
		}
		c[g.Severity].Groups++
	}
	for _, f := range s.Report.Findings {
		if f.Severity >= finding.Info && f.Severity <= finding.Critical {
			c[f.Severity].Findings++
		}
	}
	var out []SeverityCount
	for sev := finding.Critical; sev >= finding.Info; sev-- {
		if c[sev].Groups+c[sev].Findings > 0 {
			c[sev].Severity = sev
			out = append(out, c[sev])
		}
	}
	return out
}

func endpointKey(host string, port int) string { return HostPort(host, port) }

// HostPort joins a host and a port ("[::1]:8123" for IPv6); the host alone without a port.
func HostPort(host string, port int) string {
	if port == 0 {
		return host
	}
	if strings.Contains(host, ":") {
		return fmt.Sprintf("[%s]:%d", host, port)
	}
	return fmt.Sprintf("%s:%d", host, port)
}

// Object names a database object in one string: "db.table.column". A key of a
// key-value store that repeats its dataset's prefix (etcd's "/app/" holding
// "/app/users/19") is shown once: "/app/users/19", not "/app/./app/users/19".
func Object(db, table, column string) string {
	if table != "" && column != "" && strings.HasPrefix(column, table) && strings.ContainsAny(table[len(table)-1:], "/:") {
		table = ""
	}
	var parts []string
	for _, p := range []string{db, table, column} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ".")
}

// Where names a finding's location in one line: "file:line:col", or "host:port
// db.table.column".
func Where(f finding.Finding) string {
	var b strings.Builder
	if f.File != "" {
		b.WriteString(f.File)
		if f.Line > 0 {
			fmt.Fprintf(&b, ":%d:%d", f.Line, f.Start+1)
		}
		return b.String()
	}
	if f.Host != "" {
		b.WriteString(HostPort(f.Host, f.Port))
	}
	if obj := Object(f.Database, f.Table, f.Column); obj != "" {
		if b.Len() > 0 {
			b.WriteString(" ")
		}
		b.WriteString(obj)
	}
	return b.String()
}

// Number prints an integer with thousands separators: 1,100,000.
func Number[T int | int64](n T) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// Count is n with the singular or plural noun: "1 kind", "7 kinds", "1,072 keys".
func Count[T int | int64](n T, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return Number(n) + " " + many
}

// bySeverity orders groups by severity, highest first.
func bySeverity(a, b *Group) int { return cmp.Compare(b.Severity, a.Severity) }
