package clickhouse

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
)

// TestLongTupleTypeSampledByItsElements: a column type is cut at probekit.MaxTypeBytes
// when decoded, and a Tuple's cells are split by the elements its type names, so a
// Tuple whose type ran past 4 KiB (one long element type: a Tuple of many members, an
// Enum of many values) lost its shape: its cells were sampled as one JSON array, the
// password without the element name that says what it is. The elements are now read
// from the whole type when it is decoded (at most 64, each name cut like a column's), so
// the long tuple is sampled as a short one is: one object of its named elements. Arrays,
// Maps and Nested columns are one cell whatever their type's length, and a cut type
// still reads "…" in the report.
func TestLongTupleTypeSampledByItsElements(t *testing.T) {
	enum := "Enum8(" + strings.Repeat("'v' = 1, ", 1000) + "'w' = 2)"
	long := "Tuple(user String, password String, kind " + enum + ")"
	if len(long) <= probekit.MaxTypeBytes {
		t.Fatalf("the type is %d bytes", len(long))
	}
	m := &modernServer{grants: "GRANT ALL ON *.* TO default WITH GRANT OPTION"}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			body, _ := io.ReadAll(r.Body)
			q := strings.TrimSpace(string(body))
			answer := ""
			switch {
			case strings.Contains(q, "FROM system.databases"):
				answer = compactAnswer([]string{"default", "Atomic", "Atomic"}, []string{"system", "Atomic", "Atomic"})
			case strings.Contains(q, "FROM system.tables WHERE database = 'default' AND is_temporary = 0"):
				answer = compactAnswer([]string{"logins", "MergeTree", "MergeTree ORDER BY tuple()"})
			case strings.Contains(q, "toString(total_rows)") && strings.Contains(q, "'logins'"),
				strings.Contains(q, "FROM system.parts WHERE active AND database = 'default'"):
				answer = compactAnswer([]string{"logins", "1", "1000"})
			case strings.Contains(q, "FROM system.columns WHERE database = 'default'"):
				answer = compactAnswer([]string{"logins", "acct", strings.ReplaceAll(long, "'", `\u0027`), ""})
			case strings.HasPrefix(q, "SELECT `acct` AS c0 FROM `default`.`logins`") && strings.HasSuffix(q, "FORMAT JSONEachRow"):
				w.Header().Set("X-ClickHouse-Format", "JSONEachRow")
				io.WriteString(w, `{"c0":["alice","Tr0ub4dor-tuple-5","w"]}`+"\n")
				return
			}
			if answer != "" {
				w.Header().Set("X-ClickHouse-Format", "JSONCompact")
				io.WriteString(w, answer)
				return
			}
			r.Body = io.NopCloser(strings.NewReader(q))
		}
		m.ServeHTTP(w, r)
	})
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	ap := netip.MustParseAddrPort(srv.Listener.Addr().String())
	ep := store.Endpoint{Addr: ap.Addr(), Port: int(ap.Port())}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	res, err := New().Probe(ctx, ep, modernOptions())
	if res == nil {
		t.Fatalf("no result: %v", err)
	}
	for _, d := range res.Service.Datasets {
		for _, c := range d.Columns {
			if c.Name == "acct" && (len(c.Type) > probekit.MaxTypeBytes+len("…") || !strings.HasSuffix(c.Type, "…")) {
				t.Errorf("the type is reported in %d bytes, ending %q", len(c.Type), c.Type[max(0, len(c.Type)-10):])
			}
		}
	}
	var cells []string
	for _, s := range res.Samples {
		if s.Table == "logins" {
			for _, r := range s.Rows {
				cells = append(cells, r...)
			}
		}
	}
	want := `{"kind":"w","password":"Tr0ub4dor-tuple-5","user":"alice"}`
	if len(cells) != 1 || cells[0] != want {
		t.Errorf("the long tuple was sampled as %q, want %q", cells, want)
	}
}
