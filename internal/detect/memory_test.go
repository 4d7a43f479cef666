package detect

import (
	"bytes"
	"fmt"
	"runtime"
	"testing"
	"unsafe"
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

// assignmentLines is about n bytes of .env-style lines, a deferred generic candidate
// each: tokens of mixed case and digits under "_token" keys, and plain words under
// "_secret" keys that no value shape takes.
func assignmentLines(n int) []byte {
	var b bytes.Buffer
	x := uint32(2463534242)
	const alpha = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"
	for i := 0; b.Len() < n; i++ {
		if i%2 == 0 {
			fmt.Fprintf(&b, "svc%d_token=", i)
			for range 28 {
				x ^= x << 13
				x ^= x >> 17
				x ^= x << 5
				b.WriteByte(alpha[x%uint32(len(alpha))])
			}
			b.WriteByte('\n')
		} else {
			fmt.Fprintf(&b, "unit%d_secret=lantern\n", i)
		}
	}
	return b.Bytes()
}

// A file of assignments defers a generic candidate a line. What the scan keeps after
// it is done (the engine's pool holds its scanner) is not a hundred bytes a line: the
// candidates' arrays are let go once settled, and a value whose shape the rule rejects
// is kept as its span only. Before, 4 MiB of such lines left 20 MiB behind.
func TestScanRetainsNoDeferredCandidates(t *testing.T) {
	data := assignmentLines(4 << 20)
	e, err := New(allRules())
	if err != nil {
		t.Fatal(err)
	}
	sc := e.pool.Get().(*scanner)
	sc.reset(data)
	sc.pass()
	lines := bytes.Count(data, []byte("\n"))
	if len(sc.pending) > lines*3/4 {
		t.Errorf("%d candidates deferred for %d lines, half of them with a value no rule's shape takes", len(sc.pending), lines)
	}
	// and each keeps its assignment packed: a copy of the whole assignment held 104
	// bytes (a 16 MiB .env of 440k lines deferred 51 MB of them, 519 MB at its peak),
	// packed 56, and 32 with its own name (seldom set) kept apart
	if n := unsafe.Sizeof(pendingKV{}); n > 32 {
		t.Errorf("a deferred candidate holds %d bytes", n)
	}
	sc.data = nil
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	e.Scan(data, func(Match) {})
	runtime.GC()
	runtime.ReadMemStats(&after)
	if kept := int64(after.HeapAlloc) - int64(before.HeapAlloc); kept > int64(len(data)) {
		t.Errorf("after a scan of %d MiB of assignments %d MiB stays allocated", len(data)>>20, kept>>20)
	}
}

// A file of distinct names (a .env, each line its own key) kept what each name says
// (pathInfo: its words, context words and candidate rules, 200 bytes and more) for the
// whole scan: a 16 MiB .env of 440k lines held 100 MB of them. Now a bounded number are
// cached and the fields hold their paths only.
func TestFieldsKeepNoPathInfoEach(t *testing.T) {
	data := assignmentLines(4 << 20)
	spans := Structure("env", data)
	if len(spans) < bytes.Count(data, []byte("\n"))*9/10 {
		t.Fatalf("%d spans: the test measures nothing", len(spans))
	}
	e, err := New(allRules())
	if err != nil {
		t.Fatal(err)
	}
	sc := e.pool.Get().(*scanner)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	sc.reset(data)
	sc.setFields(spans, false)
	sc.evalFields()
	runtime.GC()
	runtime.ReadMemStats(&after)
	kept := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	each := kept / int64(len(sc.fields))
	t.Logf("%d fields keep %d bytes each", len(sc.fields), each)
	if each > 128 {
		t.Errorf("%d fields of distinct names keep %d MiB, %d bytes each", len(sc.fields), kept>>20, each)
	}
	runtime.KeepAlive(spans)
	sc.data, sc.fields = nil, nil
}
