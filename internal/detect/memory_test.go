package detect

import (
	"bytes"
	"runtime"
	"testing"
)

// scanAlloc is how many bytes the first scan of data by a new engine allocates: its
// scanner's buffers grow from nothing (a used engine's pool keeps those of earlier
// scans, or not, as the garbage collector has it).
func scanAlloc(t *testing.T, data []byte) uint64 {
	e, err := New(allRules())
	if err != nil {
		t.Fatal(err)
	}
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
	for _, unit := range []string{"a", "Aa"} {
		small := bytes.Repeat([]byte(unit), (2<<20)/len(unit))
		large := bytes.Repeat([]byte(unit), (8<<20)/len(unit))
		as, al := scanAlloc(t, small), scanAlloc(t, large)
		if al > 2*as {
			t.Errorf("%q repeated: the scan allocated %d MiB for 2 MiB, %d MiB for 8 MiB", unit, as>>20, al>>20)
		}
	}
}
