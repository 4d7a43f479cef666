package scan

import (
	"context"
	"testing"

	"github.com/leakwatch/leakwatch/internal/detect"
	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
)

// TestKeyValueRowCorroboratesNothing: a table's row is a record, and its api_key
// corroborates the hex in its "sk" column; a key-value sample's row holds an element of
// each of several keys (probekit.KeySample), and one key's token says nothing of
// another key's "sk".
func TestKeyValueRowCorroboratesNothing(t *testing.T) {
	const hex = "b80d2334f1907ac310b6c9ebe8543921"
	cfg := &Config{Engine: detect.Default(), MaxValuesPerRule: 10}
	reported := func(s store.Sample) bool {
		for _, f := range detectSample(context.Background(), cfg, finding.Finding{}, s) {
			if f.Category == finding.Secret && f.Column == "sk" {
				return true
			}
		}
		return false
	}
	table := store.Sample{Database: "app", Table: "keys", Columns: []string{"id", "sk", "api_key"},
		Rows: [][]string{{"1", hex, "Vb7qLx2Rk9WmT4zN8cPd3HsJ6"}}}
	if !reported(table) {
		t.Errorf("a table's row: the hex under sk beside an api_key is not reported")
	}
	kv := store.Sample{Table: "db0", Columns: []string{probekit.KeyColumn, "sk", "api_key"},
		Rows: [][]string{{"sk", hex, "Vb7qLx2Rk9WmT4zN8cPd3HsJ6"}}}
	if reported(kv) {
		t.Errorf("a key-value sample's row: the hex of key sk reported for another key's token")
	}
}
