package labtest

import (
	"testing"

	"github.com/leakwatch/leakwatch/internal/detect"
	"github.com/leakwatch/leakwatch/internal/lab"
	"github.com/leakwatch/leakwatch/internal/store"
)

// CheckFieldSecrets runs detection over samples as a scan does — each row a record of
// named fields — and fails unless every planted secret (by field name, as
// lab.FieldSecrets) is found by its rule.
func CheckFieldSecrets(t testing.TB, samples []store.Sample, planted map[string]string) {
	t.Helper()
	if len(planted) == 0 {
		t.Fatal("no planted field secrets to look for")
	}
	found := FoundValues(samples)
	for field, v := range planted {
		want := lab.FieldSecretRules[field]
		if got, ok := found[v]; !ok || got != want {
			t.Errorf("planted %s %q: found by %q, want %s", field, v, got, want)
		}
	}
}

// FoundValues runs detection over samples as a scan does — each row a record of named
// fields — and returns the secret and personal values found, with the rule of each.
func FoundValues(samples []store.Sample) map[string]string {
	found := map[string]string{} // value → rule
	for _, s := range samples {
		for _, row := range s.Rows {
			rec := make([]detect.Field, len(row))
			for i, c := range row {
				p := ""
				if i < len(s.Columns) && s.Columns[i] != "(key name)" {
					p = s.Columns[i]
				}
				rec[i] = detect.Field{Path: p, Value: c}
			}
			detect.Default().ScanRecord(rec, func(m detect.FieldMatch) { found[m.Value] = m.Rule.ID })
		}
	}
	return found
}

// CheckFound fails the test for each value that detection over samples (FoundValues)
// does not find, naming what it found instead.
func CheckFound(t testing.TB, samples []store.Sample, values ...string) {
	t.Helper()
	found := FoundValues(samples)
	for _, v := range values {
		if found[v] == "" {
			t.Errorf("%q not found (found %q)", v, found)
		}
	}
}
