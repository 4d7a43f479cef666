package detect

import (
	"bytes"
	"runtime"
	"testing"
)

// scanAlloc is how many bytes one scan of data allocates.
func scanAlloc(e *Engine, data []byte) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	e.Scan(data, func(Match) {})
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// A text that is one anchor over and over has a hit at every byte: the pass gathers
// them a block at a time, so the scan's memory does not grow eight bytes (or more) a
// byte of text. Before, 32 MiB of "a" (an anchor is eight of them) took 1 GB and 20 s.
func TestScanMemoryOnRepeatedAnchor(t *testing.T) {
	if testing.Short() {
		t.Skip("8 MiB scans")
	}
	e := Default()
	for _, unit := range []string{"a", "Aa"} {
		small := bytes.Repeat([]byte(unit), (2<<20)/len(unit))
		large := bytes.Repeat([]byte(unit), (8<<20)/len(unit))
		as, al := scanAlloc(e, small), scanAlloc(e, large)
		if al > 2*as {
			t.Errorf("%q repeated: the scan allocated %d MiB for 2 MiB, %d MiB for 8 MiB", unit, as>>20, al>>20)
		}
	}
}
