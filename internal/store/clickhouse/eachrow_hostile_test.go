package clickhouse

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// eachRowFlood is a JSONEachRow sample answer of rows lines, each just under the
// sample's line cap (4 × --max-row-bytes + …), its two cells followed by members no
// column asked for.
func eachRowFlood(rows, lineCap int) string {
	var b strings.Builder
	for range rows {
		start := b.Len()
		b.WriteString(`{"c0":"2024-01-01 00:00:00.000","c1":"hello"`)
		for i := 0; b.Len()-start < lineCap-64; i++ {
			fmt.Fprintf(&b, `,"k%d":[]`, i)
		}
		b.WriteString("}\n")
	}
	return b.String()
}

// TestHostileEachRowFlood: a sample's JSONEachRow rows were each decoded whole into a
// map of every member, though only the columns asked for (c0, c1, …) are read: a row
// as long as the line cap allows (256 KiB by default) of members no column asked for is
// some 30,000 map entries. Only the columns' members are decoded now.
func TestHostileEachRowFlood(t *testing.T) {
	o := store.DefaultOptions()
	lineCap := 4*o.MaxRowBytes + 64*2 + 1024
	flood := eachRowFlood(o.SampleRows, lineCap)
	quiet := eachRowFlood(o.SampleRows, 0)
	probe := func(answer string) (uint64, int) {
		m := &modernServer{grants: "GRANT ALL ON *.* TO default WITH GRANT OPTION"}
		h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodPost {
				body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
				q := string(body)
				if strings.HasPrefix(q, "SELECT `ts` AS c0") && strings.HasSuffix(q, "FORMAT JSONEachRow") {
					w.Header().Set("X-ClickHouse-Format", "JSONEachRow")
					io.WriteString(w, answer)
					return
				}
				r.Body = io.NopCloser(strings.NewReader(q))
			}
			m.ServeHTTP(w, r)
		})
		srv := httptest.NewServer(h)
		defer srv.Close()
		ap := netip.MustParseAddrPort(srv.Listener.Addr().String())
		ep := store.Endpoint{Addr: ap.Addr(), Port: int(ap.Port())}
		var res *store.Result
		var err error
		allocated := probetest.Allocated(func() { res, err, _ = probetest.Try(New(), ep, &o, 30e9) })
		if res == nil {
			t.Fatalf("no result: %v", err)
		}
		for _, s := range res.Samples {
			if s.Table == "chat_logs" {
				return allocated, len(s.Rows)
			}
		}
		t.Fatalf("chat_logs not sampled: %v", err)
		return 0, 0
	}
	base, rows := probe(quiet)
	allocated, floodRows := probe(flood)
	t.Logf("allocated %d MiB for %d rows of %d KiB, %d MiB for %d small rows", allocated>>20, floodRows, lineCap>>10, base>>20, rows)
	if rows != o.SampleRows || floodRows != o.SampleRows {
		t.Errorf("sampled %d and %d rows, want %d", rows, floodRows, o.SampleRows)
	}
	// The answer's bytes (5 MiB) are read a line at a time: what more the rows cost is
	// their members' decoding.
	if allocated > base+32<<20 {
		t.Fatalf("the probe allocated %d MiB more for the flooded rows", (allocated-base)>>20)
	}
}

// zipParallel pairs a Nested column's names and values into one object, and a row whose
// arrays hold more than 256 elements (cells of Array type are not cut on the server)
// is not paired, at the cost of 256 elements decoded, not all of them.
func TestZipParallelBounded(t *testing.T) {
	stored := []finding.Column{{Name: "attrs.name", Type: "Array(String)"}, {Name: "attrs.value", Type: "Array(String)"}}
	shape := []cellShape{{at: 0}, {at: 1}}
	huge := "[" + strings.Repeat(`"",`, 200000) + `""]`
	smp := &store.Sample{Columns: []string{"attrs.name", "attrs.value"},
		Rows: [][]string{{`["smtp_password","user"]`, `["hunter2","bob"]`}, {huge, huge}}}
	allocated := probetest.Allocated(func() { zipParallel(smp, stored, shape, 1<<10) })
	if len(smp.Columns) != 3 || smp.Columns[2] != "attrs" {
		t.Fatalf("columns %q", smp.Columns)
	}
	if got := smp.Rows[0][2]; got != `{"smtp_password":"hunter2","user":"bob"}` {
		t.Errorf("paired row %q", got)
	}
	if got := smp.Rows[1][2]; got != "" {
		t.Errorf("a row of 200,001 pairs was paired: %d bytes", len(got))
	}
	t.Logf("allocated %d KiB for two arrays of 600 KiB", allocated>>10)
	if allocated > 4<<20 {
		t.Errorf("allocated %d MiB for two arrays of 600 KiB", allocated>>20)
	}
}
