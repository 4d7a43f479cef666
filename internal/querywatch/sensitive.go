package querywatch

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// sensitiveClasses are the dataset classes (and finding categories) of a scan that make
// a table's bulk read worth an alert.
var sensitiveClasses = []string{"secrets", "secret", "pii", "chat"}

// SensitiveFromReport reads a leakwatch scan report (--format json) and returns the
// tables it classified as holding secrets, personal data or chat transcripts: datasets
// whose classes say so, and tables named by secret, pii or chat findings.
func SensitiveFromReport(path string) ([]SensitiveTable, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("scan report: %w", err)
	}
	var rep finding.Report
	if err := json.Unmarshal(b, &rep); err != nil {
		return nil, fmt.Errorf("scan report %s: not a leakwatch JSON report: %v", path, err)
	}
	byName := map[string]*SensitiveTable{}
	var order []string
	add := func(db, table, class string) {
		if table == "" {
			return
		}
		k := strings.ToLower(db + "." + table)
		st := byName[k]
		if st == nil {
			st = &SensitiveTable{Database: db, Table: table}
			byName[k] = st
			order = append(order, k)
		}
		if class == "secret" {
			class = "secrets"
		}
		if !slices.Contains(st.Classes, class) {
			st.Classes = append(st.Classes, class)
		}
	}
	for _, s := range rep.Services {
		for _, d := range s.Datasets {
			for _, c := range d.Classes {
				if slices.Contains(sensitiveClasses, strings.ToLower(c)) {
					add(d.Database, d.Table, strings.ToLower(c))
				}
			}
		}
	}
	for _, f := range rep.Findings {
		if f.Category == finding.Secret || f.Category == finding.PII || f.Category == finding.Chat {
			add(f.Database, f.Table, string(f.Category))
		}
	}
	out := make([]SensitiveTable, 0, len(order))
	for _, k := range order {
		out = append(out, *byName[k])
	}
	return out, nil
}

// ParseTable reads "db.table" (or "table", meaning any database).
func ParseTable(s string) (SensitiveTable, error) {
	s = strings.TrimSpace(s)
	db, table, ok := strings.Cut(s, ".")
	if !ok {
		db, table = "", s
	}
	if table == "" || strings.ContainsAny(s, " \t,") {
		return SensitiveTable{}, fmt.Errorf("want db.table, not %q", s)
	}
	return SensitiveTable{Database: db, Table: table}, nil
}
