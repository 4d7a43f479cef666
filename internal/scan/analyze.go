package scan

import (
	"context"
	"fmt"
	"net/netip"
	"slices"
	"sort"
	"strings"

	"github.com/leakwatch/leakwatch/internal/detect"
	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
	"github.com/leakwatch/leakwatch/internal/verify"
)

// Classes recorded on a dataset when its sample held them.
const (
	classSecrets = "secrets"
	classPII     = "pii"
	classChat    = "chat"
)

// analyze turns one prober result into findings: the prober's own, an exposure finding
// when the service is readable without real credentials, and what detection finds in
// the samples. It also records on each dataset what its sample held.
func analyze(ctx context.Context, cfg *Config, p store.Prober, svc *finding.Service, res *store.Result) []finding.Finding {
	base := finding.Finding{Host: svc.Host, Port: svc.Port, Protocol: svc.Protocol}
	var out []finding.Finding
	for _, f := range res.Findings {
		if f.Host == "" {
			f.Host, f.Port = svc.Host, svc.Port
		}
		if f.Protocol == "" {
			f.Protocol = svc.Protocol
		}
		out = append(out, f)
	}
	svc.Name = displayName(p, svc)
	if svc.Auth.Open() {
		out = append(out, exposureFinding(p, svc, base))
	}
	if cfg.Engine != nil {
		for _, s := range res.Samples {
			found := detectSample(ctx, cfg, base, s)
			out = append(out, found...)
			markDataset(svc, s, found)
		}
	}
	return out
}

func displayName(p store.Prober, svc *finding.Service) string {
	if d, ok := p.(store.ProductDescriber); ok {
		if n, _, ok := d.DescribeProduct(svc.Product); ok {
			return n
		}
	}
	if d, ok := p.(store.Describer); ok {
		return d.DisplayName()
	}
	if svc.Product != "" {
		return svc.Product
	}
	return p.Name()
}

// exposureFinding says that anyone could read the service. Its severity is raised to
// critical later if the samples hold secrets or chat transcripts.
func exposureFinding(p store.Prober, svc *finding.Service, base finding.Finding) finding.Finding {
	name := displayName(p, svc)
	f := base
	f.Category = finding.Exposure
	f.Severity = finding.High
	if svc.Auth == finding.AuthDefault {
		f.Rule = svc.Product + "-default-credentials"
		f.Title = fmt.Sprintf("%s accepts a well-known default password (user %q)", name, svc.User)
	} else {
		f.Rule = svc.Product + "-no-auth"
		f.Title = fmt.Sprintf("%s answers without a password", name)
	}
	if svc.User != "" && svc.Auth == finding.AuthNone {
		f.Detail = fmt.Sprintf("connected as user %q with no password", svc.User)
	}
	f.Evidence = exposureEvidence(svc)
	if d, ok := p.(store.ProductDescriber); ok {
		if _, fix, ok := d.DescribeProduct(svc.Product); ok {
			f.Remediation = fix
			return f
		}
	}
	if d, ok := p.(store.Describer); ok {
		f.Remediation = d.ExposureRemediation()
	} else {
		f.Remediation = "Require authentication, bind the service to internal addresses only, and firewall its ports."
	}
	return f
}

// exposureEvidence summarises what an open service holds: its biggest datasets with row
// counts and time ranges.
func exposureEvidence(svc *finding.Service) string {
	if len(svc.Datasets) == 0 {
		return ""
	}
	ds := slices.Clone(svc.Datasets)
	sort.SliceStable(ds, func(i, j int) bool { return ds[i].Rows > ds[j].Rows })
	var rows int64
	for _, d := range svc.Datasets {
		rows += d.Rows
	}
	var parts []string
	for i, d := range ds {
		if i == 3 {
			break
		}
		s := fmt.Sprintf("%s: %s rows", datasetName(d), groupDigits(d.Rows))
		if d.TimeRange != nil && d.TimeRange.Min != "" {
			s += fmt.Sprintf(" from %s to %s", d.TimeRange.Min, d.TimeRange.Max)
		}
		parts = append(parts, s)
	}
	return fmt.Sprintf("%s, %s rows in all; %s", plural(len(svc.Datasets), "dataset", "datasets"), groupDigits(rows), strings.Join(parts, "; "))
}

func datasetName(d finding.Dataset) string {
	if d.Database == "" {
		return d.Table
	}
	return d.Database + "." + d.Table
}

func groupDigits(n int64) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 && s[i-1] != '-' {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// detectSample runs the detection engine over every sampled row as a record — each cell
// with its column name as context, documents in cells descended into their paths, the
// row's other columns as context for all of them — and the chat classifier over every
// column. Secrets and personal data give one finding per distinct value (with its
// number of occurrences), capped per column and rule. With a verifier, each distinct
// secret is then checked with its issuer, paired with the other values of its row.
func detectSample(ctx context.Context, cfg *Config, base finding.Finding, s store.Sample) []finding.Finding {
	type key struct {
		col  int
		rule string
		sum  string
	}
	index := map[key]int{}
	perRule := map[[2]string]int{}
	var out []finding.Finding
	var batch *verify.Batch
	if cfg.Verifier != nil {
		batch = cfg.Verifier.NewBatch()
	}
	type found struct {
		i           int
		rule, value string
	}
	var inRow []found
	var rec []detect.Field
	for _, row := range s.Rows {
		inRow = inRow[:0]
		rec = rec[:0]
		for ci, cell := range row {
			rec = append(rec, detect.Field{Path: fieldPath(s, ci), Value: cell, Format: cellFormat(s, row, ci),
				Apart: len(s.Columns) > 0 && s.Columns[0] == probekit.KeyColumn})
		}
		cfg.Engine.ScanRecord(rec, func(m detect.FieldMatch) {
			ci := m.Field
			sum := finding.Fingerprint(m.Value)
			k := key{ci, m.Rule.ID, sum}
			if i, ok := index[k]; ok {
				out[i].Count++
				if batch != nil && m.Rule.Category == finding.Secret {
					inRow = append(inRow, found{i, m.Rule.ID, m.Value})
				}
				return
			}
			col := columnName(s, ci)
			pk := [2]string{col, m.Rule.ID}
			if perRule[pk] >= cfg.MaxValuesPerRule {
				return
			}
			perRule[pk]++
			f := base
			f.Database, f.Table, f.Column = s.Database, s.Table, col
			if p := m.Path; p != "" && p != col && strings.HasPrefix(p, col+".") {
				f.Detail = "at " + p
			}
			f.Category = m.Rule.Category
			f.Severity = m.Rule.Severity
			f.Rule = m.Rule.ID
			f.Title = m.Rule.Title
			f.Remediation = m.Rule.Remediation
			f.Count = 1
			f.SetSecret(m.Value, cfg.Reveal)
			index[k] = len(out)
			if batch != nil && m.Rule.Category == finding.Secret {
				inRow = append(inRow, found{len(out), m.Rule.ID, m.Value})
			}
			out = append(out, f)
		})
		if len(inRow) > 0 {
			vr := &verify.Record{Text: row}
			for _, x := range inRow {
				vr.Found = append(vr.Found, verify.Found{Rule: x.rule, Value: x.value})
			}
			for _, x := range inRow {
				batch.Add(x.i, x.rule, x.value, vr)
			}
		}
	}
	if batch != nil && batch.Len() > 0 {
		batch.Apply(ctx, out)
	}
	out = append(out, chatFindings(base, s)...)
	return out
}

// fieldPath is the name a cell is stored under. The column of key names that key-value
// samples start with names nothing: its cells are names themselves.
func fieldPath(s store.Sample, i int) string {
	if i >= len(s.Columns) || s.Columns[i] == probekit.KeyColumn {
		return ""
	}
	return s.Columns[i]
}

// cellFormat is how a cell's content is parsed: by the file name a sibling "key" or
// "name" column holds (an object store's object), else sniffed from the content.
func cellFormat(s store.Sample, row []string, ci int) string {
	if ci >= len(s.Columns) || s.Columns[ci] != "content" {
		return ""
	}
	for j, c := range s.Columns {
		if (c == "key" || c == "name" || c == "path") && j < len(row) {
			if f := detect.FormatOf(row[j]); f != "" {
				return f
			}
		}
	}
	return ""
}

func columnName(s store.Sample, i int) string {
	if i < len(s.Columns) {
		return s.Columns[i]
	}
	return fmt.Sprintf("column%d", i+1)
}

// chatFindings classifies each column's values, and the table as a whole when separate
// columns hold prompts and completions.
func chatFindings(base finding.Finding, s store.Sample) []finding.Finding {
	if len(s.Rows) == 0 {
		return nil
	}
	mk := func(col, why string) finding.Finding {
		f := base
		f.Database, f.Table, f.Column = s.Database, s.Table, col
		f.Category = finding.Chat
		f.Severity = finding.High
		f.Rule = "chat-transcript"
		f.Title = "Chat transcripts stored in plain text"
		f.Evidence = why
		f.Remediation = "Treat chat history as personal data: encrypt or tokenise it, limit retention, and never keep it in a store reachable without authentication."
		return f
	}
	var out []finding.Finding
	values := make([]string, 0, len(s.Rows))
	for ci := range s.Columns {
		values = values[:0]
		for _, row := range s.Rows {
			if ci < len(row) && row[ci] != "" {
				values = append(values, row[ci])
			}
		}
		if ok, why := detect.ClassifyChat(values); ok {
			out = append(out, mk(s.Columns[ci], why))
		}
	}
	if len(out) == 0 {
		var prompt, completion string
		for _, c := range s.Columns {
			lc := strings.ToLower(c)
			switch {
			case prompt == "" && (strings.Contains(lc, "prompt") || lc == "question" || lc == "user_message" || lc == "input"):
				prompt = c
			case completion == "" && (strings.Contains(lc, "completion") || strings.Contains(lc, "response") || lc == "answer" || lc == "assistant_message" || lc == "output"):
				completion = c
			}
		}
		if prompt != "" && completion != "" && nonEmptyShare(s, prompt) >= 0.5 && nonEmptyShare(s, completion) >= 0.5 {
			out = append(out, mk(prompt+","+completion,
				fmt.Sprintf("prompt/completion pairs in columns %s and %s", prompt, completion)))
		}
	}
	return out
}

// nonEmptyShare is the share of sampled rows whose column col holds text.
func nonEmptyShare(s store.Sample, col string) float64 {
	ci := slices.Index(s.Columns, col)
	if ci < 0 || len(s.Rows) == 0 {
		return 0
	}
	n := 0
	for _, r := range s.Rows {
		if ci < len(r) && strings.TrimSpace(r[ci]) != "" {
			n++
		}
	}
	return float64(n) / float64(len(s.Rows))
}

// markDataset records the sample size and what it held on the matching dataset.
func markDataset(svc *finding.Service, s store.Sample, found []finding.Finding) {
	for i := range svc.Datasets {
		d := &svc.Datasets[i]
		if d.Database != s.Database || d.Table != s.Table {
			continue
		}
		d.Sampled = len(s.Rows)
		for _, f := range found {
			var c string
			switch {
			case f.Category == finding.Secret:
				c = classSecrets
			case f.Category == finding.Chat:
				c = classChat
			case f.Category == finding.PII && f.Severity >= finding.Medium:
				c = classPII
			}
			if c != "" && !slices.Contains(d.Classes, c) {
				d.Classes = append(d.Classes, c)
			}
		}
		sort.Strings(d.Classes)
		return
	}
}

// escalate raises the exposure of a readable data store to critical when what it holds
// includes secrets or chat transcripts, and names them. Services of the same product on
// the same host share one store (ClickHouse's HTTP and native ports), so they share the
// verdict.
func escalate(rep *finding.Report) {
	type hostProduct struct{ host, product string }
	kinds := map[hostProduct]map[string]bool{}
	where := map[hostProduct]map[string]bool{}
	product := map[[2]string]string{}
	for _, s := range rep.Services {
		product[[2]string{s.Host, fmt.Sprint(s.Port)}] = s.Product
	}
	for _, f := range rep.Findings {
		if f.Category != finding.Secret && f.Category != finding.Chat {
			continue
		}
		hp := hostProduct{f.Host, product[[2]string{f.Host, fmt.Sprint(f.Port)}]}
		if kinds[hp] == nil {
			kinds[hp], where[hp] = map[string]bool{}, map[string]bool{}
		}
		if f.Category == finding.Chat {
			kinds[hp]["chat transcripts"] = true
		} else {
			kinds[hp][f.Rule] = true
		}
		where[hp][strings.Trim(f.Database+"."+f.Table, ".")] = true
	}
	for i := range rep.Findings {
		f := &rep.Findings[i]
		if f.Category != finding.Exposure {
			continue
		}
		hp := hostProduct{f.Host, product[[2]string{f.Host, fmt.Sprint(f.Port)}]}
		k := kinds[hp]
		if len(k) == 0 {
			continue
		}
		f.Severity = finding.Critical
		names := sortedKeys(k)
		secretKinds := 0
		for _, n := range names {
			if n != "chat transcripts" {
				secretKinds++
			}
		}
		switch {
		case secretKinds > 0 && k["chat transcripts"]:
			f.Title += fmt.Sprintf(" and holds %s and chat transcripts", plural(secretKinds, "kind of secret", "kinds of secrets"))
		case secretKinds > 0:
			f.Title += fmt.Sprintf(" and holds %s", plural(secretKinds, "kind of secret", "kinds of secrets"))
		default:
			f.Title += " and holds chat transcripts"
		}
		found := fmt.Sprintf("found in %s: %s", strings.Join(sortedKeys(where[hp]), ", "), strings.Join(names, ", "))
		if f.Evidence == "" {
			f.Evidence = found
		} else {
			f.Evidence += "; " + found
		}
	}
}

// plural is n and the noun that fits it: "1 kind", "7 kinds".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return groupDigits(int64(n)) + " " + many
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// hostLess orders addresses numerically when both parse, else as text.
func hostLess(a, b string) bool {
	pa, ea := netip.ParseAddr(a)
	pb, eb := netip.ParseAddr(b)
	if ea == nil && eb == nil {
		return pa.Less(pb)
	}
	return a < b
}
