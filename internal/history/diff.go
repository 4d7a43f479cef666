package history

import (
	"cmp"
	"fmt"
	"net"
	"slices"
	"strconv"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// Change kinds. They are part of the diff's JSON output and of alert payloads.
const (
	ChangeSeverity      = "severity"        // the same finding, rated differently
	ChangeAuthLost      = "auth-lost"       // a service that required a password answers without one
	ChangeAuthGained    = "auth-gained"     // a service that answered without a password now requires one
	ChangeServiceNew    = "service-new"     // a data store where there was none
	ChangeServiceGone   = "service-gone"    // a data store no longer answers
	ChangeVersion       = "version"         // the server's version changed
	ChangeDatasetNew    = "dataset-new"     // a table appeared
	ChangeDatasetGone   = "dataset-gone"    // a table disappeared from a still readable service
	ChangeDatasetGrew   = "dataset-grew"    // a table holds more rows
	ChangeDatasetShrank = "dataset-shrank"  // a table holds fewer rows
	ChangeNewSecretKind = "new-secret-kind" // a kind of secret not seen before on this service
	ChangeKeyLive       = "key-live"        // a secret's issuer now accepts it (--verify), new or not live before
	ChangeKeyRevoked    = "key-revoked"     // a secret's issuer now rejects it, after it was live or undecided
)

// Change is one difference between two runs that is not simply a finding appearing or
// disappearing.
type Change struct {
	Kind     string `json:"kind"`
	Host     string `json:"host"`
	Port     int    `json:"port"`
	Protocol string `json:"protocol,omitempty"`
	Database string `json:"database,omitempty"`
	Table    string `json:"table,omitempty"`
	From     string `json:"from,omitempty"`
	To       string `json:"to,omitempty"`
	// Severity is how much the change matters, for sorting and alert thresholds.
	Severity finding.Severity `json:"severity"`
	Detail   string           `json:"detail"`
}

// Diff is what changed from one run to another.
type Diff struct {
	From int64 `json:"from"`
	To   int64 `json:"to"`
	// New findings are in To and not in From; Resolved ones were in From and are not in
	// To although their service was checked; Unchecked ones were in From and their
	// service could not be decided in To (a timeout), so nothing is claimed about them.
	New       []finding.Finding `json:"new"`
	Resolved  []finding.Finding `json:"resolved"`
	Unchecked []finding.Finding `json:"unchecked,omitempty"`
	Changed   []Change          `json:"changed"`
}

// Empty reports whether nothing changed.
func (d *Diff) Empty() bool {
	return len(d.New) == 0 && len(d.Resolved) == 0 && len(d.Changed) == 0
}

func svcKey(host string, port int) string { return net.JoinHostPort(host, strconv.Itoa(port)) }

// undecided statuses leave a service's findings neither present nor resolved.
func undecided(s finding.Status) bool {
	return s == finding.StatusTimeout || s == finding.StatusError
}

// Compare diffs two reports by finding id (a stable hash of where and what), and by
// service and dataset for what ids cannot show. from may be nil (a first run).
func Compare(from, to *finding.Report) Diff {
	if from == nil {
		from = &finding.Report{}
	}
	var d Diff
	fromIDs := map[string]*finding.Finding{}
	for i := range from.Findings {
		fromIDs[from.Findings[i].ID] = &from.Findings[i]
	}
	toIDs := map[string]*finding.Finding{}
	for i := range to.Findings {
		toIDs[to.Findings[i].ID] = &to.Findings[i]
	}

	toSvc, fromSvc := map[string]*finding.Service{}, map[string]*finding.Service{}
	for i := range to.Services {
		s := &to.Services[i]
		toSvc[svcKey(s.Host, s.Port)] = s
	}
	for i := range from.Services {
		s := &from.Services[i]
		fromSvc[svcKey(s.Host, s.Port)] = s
	}
	probeErr := map[string]bool{}
	for _, e := range to.Errors {
		probeErr[svcKey(e.Host, e.Port)] = true
	}
	// checked: whether to's run decided about a location. A service that answered
	// decides; a port that no longer answers at all decides too (the store is gone);
	// a timeout or an error does not.
	checked := func(host string, port int) bool {
		if host == "" {
			return true
		}
		k := svcKey(host, port)
		if s, ok := toSvc[k]; ok {
			return !undecided(s.Status)
		}
		return !probeErr[k]
	}

	for _, f := range to.Findings {
		old, ok := fromIDs[f.ID]
		switch {
		case !ok:
			d.New = append(d.New, f)
		case old.Severity != f.Severity:
			d.Changed = append(d.Changed, Change{Kind: ChangeSeverity, Host: f.Host, Port: f.Port, Protocol: f.Protocol,
				Database: f.Database, Table: f.Table, From: old.Severity.String(), To: f.Severity.String(),
				Severity: max(old.Severity, f.Severity),
				Detail:   fmt.Sprintf("%s: severity %s → %s", f.Title, old.Severity, f.Severity)})
		}
	}
	for _, f := range from.Findings {
		if _, ok := toIDs[f.ID]; ok {
			continue
		}
		k := svcKey(f.Host, f.Port)
		if checked(f.Host, f.Port) && read(fromSvc[k], toSvc[k], f.Database, f.Table) {
			d.Resolved = append(d.Resolved, f)
		} else {
			d.Unchecked = append(d.Unchecked, f)
		}
	}

	d.Changed = append(d.Changed, verdictChanges(fromIDs, to)...)
	d.Changed = append(d.Changed, serviceChanges(from, to, checked)...)
	d.Changed = append(d.Changed, secretKindChanges(from, to)...)
	slices.SortStableFunc(d.Changed, func(a, b Change) int {
		return cmp.Or(cmp.Compare(b.Severity, a.Severity), cmp.Compare(a.Host, b.Host), cmp.Compare(a.Port, b.Port),
			cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Database, b.Database), cmp.Compare(a.Table, b.Table))
	})
	finding.Sort(d.New)
	finding.Sort(d.Resolved)
	finding.Sort(d.Unchecked)
	if d.New == nil {
		d.New = []finding.Finding{}
	}
	if d.Resolved == nil {
		d.Resolved = []finding.Finding{}
	}
	if d.Changed == nil {
		d.Changed = []Change{}
	}
	return d
}

// listedInFull reports whether s's run listed every dataset of s, so that one missing
// from it is gone: a listing cut by a limit (tables, time) may simply not have reached
// it. A service truncated only in its samples (the endpoint's sample budget) was listed
// in full.
func listedInFull(s *finding.Service) bool { return !s.Truncated || s.ListingComplete }

// read reports whether to's service s read the dataset db.table a finding came from
// (in was, from's service), so that the finding's absence from it means it is
// resolved: a dataset listed but not sampled (the sample budget was spent, its engine
// keeps no rows, its read failed) was not read, and neither was one a cut listing did
// not reach. The table the sample budget ran out on is sampled in part: on a service
// the budget cut, a dataset sampled in fewer rows than before was not read in full
// either. A finding on no dataset, or a service that is no longer open (nothing of it
// is readable now), is decided by the service alone.
func read(was, s *finding.Service, db, table string) bool {
	if s == nil || table == "" || !s.Auth.Open() {
		return true
	}
	ds := dataset(s, db, table)
	switch {
	case ds == nil:
		return listedInFull(s)
	case ds.NotSampled != "" || ds.Error != "":
		return false
	case s.TruncatedBy != "" && was != nil:
		if old := dataset(was, db, table); old != nil && ds.Sampled < old.Sampled {
			return false
		}
	}
	return true
}

func dataset(s *finding.Service, db, table string) *finding.Dataset {
	for i := range s.Datasets {
		if ds := &s.Datasets[i]; ds.Database == db && ds.Table == table {
			return ds
		}
	}
	return nil
}

func serviceChanges(from, to *finding.Report, checked func(string, int) bool) []Change {
	var out []Change
	fromSvc := map[string]*finding.Service{}
	for i := range from.Services {
		s := &from.Services[i]
		fromSvc[svcKey(s.Host, s.Port)] = s
	}
	seen := map[string]bool{}
	for i := range to.Services {
		b := &to.Services[i]
		k := svcKey(b.Host, b.Port)
		seen[k] = true
		base := Change{Host: b.Host, Port: b.Port, Protocol: b.Protocol}
		a, ok := fromSvc[k]
		if !ok {
			c := base
			c.Kind, c.To, c.Severity = ChangeServiceNew, string(b.Auth), finding.Low
			if b.Auth.Open() {
				c.Severity = finding.High
			}
			c.Detail = fmt.Sprintf("%s %s appeared (auth: %s)", b.Product, k, b.Auth)
			out = append(out, c)
			continue
		}
		if undecided(b.Status) {
			continue
		}
		switch {
		case !a.Auth.Open() && b.Auth.Open():
			c := base
			c.Kind, c.From, c.To, c.Severity = ChangeAuthLost, string(a.Auth), string(b.Auth), finding.Critical
			c.Detail = fmt.Sprintf("%s %s lost its password: it answered %q and now %q", b.Product, k, a.Auth, b.Auth)
			out = append(out, c)
		case a.Auth.Open() && !b.Auth.Open() && b.Auth != finding.AuthUnknown:
			c := base
			c.Kind, c.From, c.To, c.Severity = ChangeAuthGained, string(a.Auth), string(b.Auth), finding.Info
			c.Detail = fmt.Sprintf("%s %s now requires a password (was %q, now %q)", b.Product, k, a.Auth, b.Auth)
			out = append(out, c)
		}
		if a.Version != "" && b.Version != "" && a.Version != b.Version {
			c := base
			c.Kind, c.From, c.To, c.Severity = ChangeVersion, a.Version, b.Version, finding.Info
			c.Detail = fmt.Sprintf("%s %s version %s → %s", b.Product, k, a.Version, b.Version)
			out = append(out, c)
		}
		out = append(out, datasetChanges(a, b, base)...)
	}
	for i := range from.Services {
		a := &from.Services[i]
		k := svcKey(a.Host, a.Port)
		if seen[k] || !checked(a.Host, a.Port) {
			continue
		}
		out = append(out, Change{Kind: ChangeServiceGone, Host: a.Host, Port: a.Port, Protocol: a.Protocol,
			From: string(a.Auth), Severity: finding.Info, Detail: fmt.Sprintf("%s %s no longer answers", a.Product, k)})
	}
	return out
}

func datasetChanges(a, b *finding.Service, base Change) []Change {
	var out []Change
	type key struct{ db, table string }
	before := map[key]*finding.Dataset{}
	for i := range a.Datasets {
		before[key{a.Datasets[i].Database, a.Datasets[i].Table}] = &a.Datasets[i]
	}
	now := map[key]bool{}
	for i := range b.Datasets {
		ds := &b.Datasets[i]
		k := key{ds.Database, ds.Table}
		now[k] = true
		c := base
		c.Database, c.Table = ds.Database, ds.Table
		old, ok := before[k]
		switch {
		case !ok && len(a.Datasets) > 0:
			// A first listing (the service was closed before) says nothing new per table.
			c.Kind, c.To, c.Severity = ChangeDatasetNew, rowsText(ds.Rows), finding.Low
			c.Detail = fmt.Sprintf("new table %s (%s rows)", qualified(ds), rowsText(ds.Rows))
		case !ok:
			continue
		case ds.Rows > old.Rows:
			c.Kind, c.From, c.To, c.Severity = ChangeDatasetGrew, rowsText(old.Rows), rowsText(ds.Rows), finding.Low
			c.Detail = fmt.Sprintf("table %s grew from %s to %s rows", qualified(ds), rowsText(old.Rows), rowsText(ds.Rows))
		case ds.Rows < old.Rows:
			c.Kind, c.From, c.To, c.Severity = ChangeDatasetShrank, rowsText(old.Rows), rowsText(ds.Rows), finding.Info
			c.Detail = fmt.Sprintf("table %s shrank from %s to %s rows", qualified(ds), rowsText(old.Rows), rowsText(ds.Rows))
		default:
			continue
		}
		out = append(out, c)
	}
	// Tables vanish from view when the service closes; only a still readable service
	// whose listing was whole can say a table is gone. One truncated only in its
	// samples listed every table (those it did not sample too), so it can.
	if b.Auth.Open() && len(b.Datasets) > 0 && listedInFull(b) {
		for i := range a.Datasets {
			ds := &a.Datasets[i]
			if now[key{ds.Database, ds.Table}] {
				continue
			}
			c := base
			c.Database, c.Table = ds.Database, ds.Table
			c.Kind, c.From, c.Severity = ChangeDatasetGone, rowsText(ds.Rows), finding.Info
			c.Detail = fmt.Sprintf("table %s is gone", qualified(ds))
			out = append(out, c)
		}
	}
	return out
}

// secretKindChanges names, per service, the secret rules seen now and never in from.
func secretKindChanges(from, to *finding.Report) []Change {
	had := map[string]map[string]bool{}
	for _, f := range from.Findings {
		if f.Category != finding.Secret {
			continue
		}
		k := svcKey(f.Host, f.Port)
		if had[k] == nil {
			had[k] = map[string]bool{}
		}
		had[k][f.Rule] = true
	}
	var out []Change
	reported := map[string]bool{}
	for _, f := range to.Findings {
		k := svcKey(f.Host, f.Port)
		if f.Category != finding.Secret || had[k][f.Rule] || reported[k+"\x00"+f.Rule] {
			continue
		}
		reported[k+"\x00"+f.Rule] = true
		out = append(out, Change{Kind: ChangeNewSecretKind, Host: f.Host, Port: f.Port, Protocol: f.Protocol,
			Database: f.Database, Table: f.Table, To: f.Rule, Severity: f.Severity,
			Detail: fmt.Sprintf("new kind of secret on %s: %s (first in %s)", k, f.Rule, qualifiedF(f))})
	}
	return out
}

func qualified(ds *finding.Dataset) string {
	if ds.Database == "" {
		return ds.Table
	}
	return ds.Database + "." + ds.Table
}

func qualifiedF(f finding.Finding) string {
	switch {
	case f.Table == "":
		return "the service"
	case f.Database == "":
		return f.Table
	}
	return f.Database + "." + f.Table
}

// rowsText groups digits: 1050000 → "1,050,000".
func rowsText(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := ""
	if n < 0 {
		neg, s = "-", s[1:]
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return neg + s
}

// verdictChanges reports secrets whose issuer's verdict (verify) turned live or revoked:
// a secret seen live for the first time, a known one that became live, and one that
// was live or undecided and is now revoked.
func verdictChanges(fromIDs map[string]*finding.Finding, to *finding.Report) []Change {
	var out []Change
	for _, f := range to.Findings {
		if f.Category != finding.Secret || (f.Verified != finding.VerifiedLive && f.Verified != finding.VerifiedRevoked) {
			continue
		}
		var was finding.Verified
		if old, ok := fromIDs[f.ID]; ok {
			was = old.Verified
		}
		if was == f.Verified || (f.Verified == finding.VerifiedRevoked && was == "") {
			continue
		}
		c := Change{Host: f.Host, Port: f.Port, Protocol: f.Protocol, Database: f.Database, Table: f.Table,
			From: string(was), To: string(f.Verified)}
		what := fmt.Sprintf("%s %s in %s", f.Rule, f.Redacted, qualifiedF(f))
		if f.Verified == finding.VerifiedLive {
			c.Kind, c.Severity = ChangeKeyLive, finding.Critical
			c.Detail = "live: its issuer accepts " + what
			if f.VerifiedIdentity != "" {
				c.Detail += " (" + f.VerifiedIdentity + ")"
			}
		} else {
			c.Kind, c.Severity = ChangeKeyRevoked, finding.Low
			c.Detail = "revoked: its issuer now rejects " + what
		}
		out = append(out, c)
	}
	return out
}
