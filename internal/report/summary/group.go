package summary

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// A Group is one kind of value (a rule) found in one field of one dataset: the column of
// a table, the top-level field of a collection, or — in a key-value store — the keys of
// one pattern ("user:{n}"). Its findings are the distinct values, each with how often it
// occurred. A finding about a service itself (its exposure, a capability, a setting) or
// about a line of a file is a group of its own.
type Group struct {
	Severity finding.Severity // the highest of its findings
	Category finding.Category
	Rule     string
	Title    string

	Host     string
	Port     int
	Protocol string
	Database string
	Table    string
	// Field is the column or document field the values were found in; for a key-value
	// store the pattern of the keys they were found at (KeyPattern is then set).
	Field      string
	KeyPattern bool
	// Keys are the key names a key-value group's findings were at, sorted.
	Keys []string
	// Listed is what the prober counted of the pattern while listing keys (nil when
	// the report does not say); Dataset the dataset the group is in, when listed.
	Listed  *finding.KeyPattern
	Dataset *finding.Dataset

	// Findings are the members, in the report's order.
	Findings []finding.Finding
}

// keyKinds are the kinds of datasets whose "columns" are key names.
var keyKinds = []string{"keyspace", "cache", "prefix"}

// keyProtocols name the key-value stores, for reports whose datasets were not listed.
var keyProtocols = []string{"redis", "memcached", "etcd"}

// keyNameColumn is the column of key names of a key-value sample (probekit.KeyColumn).
const keyNameColumn = "(key name)"

// Groups groups r's findings (see Group), most severe first and otherwise in the
// report's order.
func Groups(r *finding.Report) []*Group {
	type dsKey struct {
		host     string
		port     int
		db, name string
	}
	datasets := map[dsKey]*finding.Dataset{}
	for i := range r.Services {
		s := &r.Services[i]
		for j := range s.Datasets {
			d := &s.Datasets[j]
			datasets[dsKey{s.Host, s.Port, d.Database, d.Table}] = d
		}
	}
	var out []*Group
	idx := map[string]*Group{}
	for i, f := range r.Findings {
		if !isData(f) {
			out = append(out, single(f))
			continue
		}
		ds := datasets[dsKey{f.Host, f.Port, f.Database, f.Table}]
		field, pattern := f.Column, false
		if f.Column != "" && f.Column != keyNameColumn && isKeyStore(ds, f.Protocol) {
			field, pattern = finding.PatternOf(f.Column), true
		}
		k := strings.Join([]string{f.Host, fmt.Sprint(f.Port), f.Protocol, f.Database, f.Table, field, f.Rule, string(f.Category)}, "\x00")
		g := idx[k]
		if g == nil {
			g = single(f)
			g.Findings = nil
			g.Field, g.KeyPattern, g.Dataset = field, pattern, ds
			if pattern && ds != nil {
				for j := range ds.Patterns {
					if ds.Patterns[j].Pattern == field {
						g.Listed = &ds.Patterns[j]
						break
					}
				}
			}
			idx[k] = g
			out = append(out, g)
		}
		g.Findings = append(g.Findings, r.Findings[i])
		g.Severity = max(g.Severity, f.Severity)
		if pattern && !slices.Contains(g.Keys, f.Column) {
			g.Keys = append(g.Keys, f.Column)
		}
	}
	for _, g := range out {
		sort.Strings(g.Keys)
	}
	slices.SortStableFunc(out, bySeverity)
	return out
}

// Single is the group of one finding alone: what Groups makes of a finding in a file.
func Single(f finding.Finding) *Group { return single(f) }

func single(f finding.Finding) *Group {
	return &Group{Severity: f.Severity, Category: f.Category, Rule: f.Rule, Title: f.Title,
		Host: f.Host, Port: f.Port, Protocol: f.Protocol, Database: f.Database, Table: f.Table, Field: f.Column,
		Findings: []finding.Finding{f}}
}

func isKeyStore(ds *finding.Dataset, protocol string) bool {
	if ds != nil {
		return slices.Contains(keyKinds, ds.Kind)
	}
	for _, p := range keyProtocols {
		if strings.HasPrefix(protocol, p) {
			return true
		}
	}
	return false
}

// isData tells values found in data (secrets, personal and infrastructure data, chat) in
// a service from
// findings about the service itself and from findings in files.
func isData(f finding.Finding) bool {
	switch f.Category {
	case finding.Secret, finding.PII, finding.Chat, finding.Infrastructure, finding.CredentialHash:
		return f.File == ""
	}
	return false
}

// IsData reports whether the group is about values found in data.
func (g *Group) IsData() bool { return isData(g.Findings[0]) }

// First is the group's first finding: its detail, evidence and remediation speak for all.
func (g *Group) First() finding.Finding { return g.Findings[0] }

// Values is how many distinct values the group holds (findings with evidence).
func (g *Group) Values() int {
	n := 0
	for _, f := range g.Findings {
		if f.Redacted != "" || f.SHA256 != "" || f.Value != "" {
			n++
		}
	}
	return n
}

// Occurrences is how many times the group's values were seen in all.
func (g *Group) Occurrences() int {
	n := 0
	for _, f := range g.Findings {
		n += max(f.Count, 1)
	}
	return n
}

// Location is where the group is within its service: "default.log_stream.string_tags",
// "db0.user:{n}", "/app/users/{n}", or a file position.
func (g *Group) Location() string {
	f := g.First()
	if f.File != "" {
		return Where(f)
	}
	if g.Field == keyNameColumn {
		return Object(g.Database, g.Table, "") + " (key names)"
	}
	return Object(g.Database, g.Table, g.Field)
}

// Where is Location with the service's address first.
func (g *Group) Where() string {
	f := g.First()
	if f.File != "" {
		return Where(f)
	}
	loc := g.Location()
	hp := HostPort(g.Host, g.Port)
	switch {
	case hp == "":
		return loc
	case loc == "":
		return hp
	}
	return hp + " " + loc
}

// KeysNote says, for a key-value group, how many keys the values were found in and how
// many of the pattern's keys were read and listed: "in 3 keys (4 of 50 read)". It is ""
// for other groups.
func (g *Group) KeysNote() string {
	if !g.KeyPattern || len(g.Keys) == 1 && g.Keys[0] == g.Field {
		return "" // one key, named as it is
	}
	s := "in " + Count(len(g.Keys), "key", "keys")
	if g.Listed != nil && g.Listed.Listed > 0 {
		of := Number(g.Listed.Listed)
		if g.Dataset != nil && g.Dataset.KeysListed > 0 && g.Dataset.KeysListed < g.Dataset.Rows {
			of = "at least " + of // the listing stopped at a bound
		}
		s += fmt.Sprintf(" (%s of %s read)", Number(g.Listed.Sampled), of)
	}
	return s
}

// Evidence lists up to limit of the group's values: the raw value when reveal is set
// and the report holds it (written with --reveal), else the redacted form, followed by
// the start of its fingerprint when fingerprint is set; "+N more" ends a cut list.
// Groups without values give their first finding's evidence text.
func (g *Group) Evidence(limit int, reveal, fingerprint bool) []string {
	if limit <= 0 {
		limit = 5
	}
	var out []string
	n := 0
	for _, f := range g.Findings {
		v := f.Redacted
		if reveal && f.Value != "" {
			v = f.Value
		} else if f.SHA256 != "" && fingerprint {
			v = strings.TrimSpace(v + " sha256:" + f.SHA256[:min(12, len(f.SHA256))])
		}
		if v == "" {
			continue
		}
		if tag := VerdictTag(f); tag != "" {
			v += " " + tag
		}
		if n == limit {
			out = append(out, fmt.Sprintf("+%d more", g.Values()-limit))
			break
		}
		out = append(out, v)
		n++
	}
	if len(out) == 0 && g.First().Evidence != "" {
		out = append(out, g.First().Evidence)
	}
	return out
}

// VerdictTag is LIVE or REVOKED for a secret its issuer judged (--verify), else "":
// only a key an issuer accepted is called live.
func VerdictTag(f finding.Finding) string {
	switch f.Verified {
	case finding.VerifiedLive:
		return "LIVE"
	case finding.VerifiedRevoked:
		return "REVOKED"
	}
	return ""
}

// Remediation is the group's fix (its first finding's).
func (g *Group) Remediation() string { return g.First().Remediation }
