package influxdb

import (
	"encoding/json"
	"strings"
	"testing"
)

// FuzzReadOnly: a statement the guard accepts starts with SHOW or SELECT, holds no
// statement separator and no INTO outside quotes.
func FuzzReadOnly(f *testing.F) {
	for _, s := range []string{"SHOW DATABASES", `SELECT * FROM "m" LIMIT 1`, "SELECT * INTO x FROM y", `SELECT 'a;"' FROM "b;"`, "SHOW x; DROP y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		if !readOnly(q) {
			return
		}
		up := strings.ToUpper(strings.TrimLeft(q, " \t\r\n("))
		if !strings.HasPrefix(up, "SELECT") && !strings.HasPrefix(up, "SHOW") {
			// A leading quote or symbol before the verb is skipped by the tokenizer; the
			// first word must still be the verb.
			fields := strings.FieldsFunc(up, func(r rune) bool {
				return !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_')
			})
			if len(fields) == 0 || (fields[0] != "SELECT" && fields[0] != "SHOW") {
				t.Fatalf("accepted %q", q)
			}
		}
		if strings.Count(q, "'")%2 == 1 && !strings.Contains(q, `\`) && !strings.Contains(q, `"`) {
			t.Fatalf("accepted an unterminated quote: %q", q)
		}
	})
}

// FuzzQueryResponse: whatever /query returns decodes or fails, and columns render.
func FuzzQueryResponse(f *testing.F) {
	f.Add([]byte(`{"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","v"],"values":[["2025-01-01T00:00:00Z",1.5]]}]}]}`))
	f.Add([]byte(`{"results":[{"error":"x"}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var out queryResponse
		if json.Unmarshal(b, &out) != nil || len(out.Results) == 0 {
			return
		}
		r := out.Results[0]
		for _, c := range []string{"time", "name", "v"} {
			for _, v := range r.column(c) {
				_ = v
			}
		}
	})
}
