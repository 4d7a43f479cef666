package querywatch

import (
	"runtime"
	"strings"
	"testing"
)

// TestHostileArrayCell: a query log row's Array(String) cells (tables, table functions,
// fragments) were decoded whole: a server answering with a cell of 8 MiB of empty
// strings (2.8 million) made each row cost far more than its bytes. At most
// maxArrayCell elements are decoded now; a real cell reads as before.
func TestHostileArrayCell(t *testing.T) {
	if got := parseStringArray(`["db.a","db.b","url"]`); strings.Join(got, ",") != "db.a,db.b,url" {
		t.Errorf("cell read as %q", got)
	}
	cell := `["db.t",` + strings.Repeat(`"",`, (8<<20)/3) + `""]`
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	got := parseStringArray(cell)
	runtime.ReadMemStats(&after)
	allocated := after.TotalAlloc - before.TotalAlloc
	t.Logf("an 8 MiB cell: %d elements kept, %d MiB allocated", len(got), allocated>>20)
	if len(got) == 0 || got[0] != "db.t" {
		t.Errorf("first element %q", got[:min(len(got), 1)])
	}
	if allocated > 16<<20 {
		t.Fatalf("an 8 MiB cell allocated %d MiB", allocated>>20)
	}
}
