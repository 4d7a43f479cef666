package cli

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// storeOf adds n findings made by mk to a store that spills every perRun of them.
func storeOf(t *testing.T, n, perRun int, mk func(i int) finding.Finding) *findingStore {
	t.Helper()
	s := newFindingStore()
	t.Cleanup(s.close)
	s.limit = 1 << 62
	for i := range n {
		if err := s.add(mk(i)); err != nil {
			t.Fatal(err)
		}
		if (i+1)%perRun == 0 {
			if err := s.spill(); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := s.spill(); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestSpillMergeMemoryBounded: a run's string table held up to 4,096 strings of up to
// 512 bytes (2 MiB) while the run was read back, and a merge reads up to spillFanIn
// (128) runs at once: findings whose names and evidence are all distinct and just under
// 512 bytes (many distinct long paths) made a merge hold 2 MiB for each run. A run's
// table is now bounded in bytes.
func TestSpillMergeMemoryBounded(t *testing.T) {
	const runs, perRun = 64, 600
	long := func(tag string, i int) string { return fmt.Sprintf("%s%0500d", tag, i) }
	s := storeOf(t, runs*perRun, perRun, func(i int) finding.Finding {
		return finding.Finding{Severity: finding.High, Category: finding.Secret, Rule: "r", File: long("f", i),
			Title: long("t", i), Detail: long("d", i), Database: long("b", i), Table: long("a", i), Column: long("c", i),
			Evidence: long("e", i), Host: long("h", i), Line: 1}
	})
	if len(s.runs) != runs {
		t.Fatalf("%d runs", len(s.runs))
	}
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	base, peak := ms.HeapAlloc, uint64(0)
	n := 0
	err := mergeRuns(s.runs, func(f *finding.Finding) error {
		if n++; n%1000 == 0 {
			runtime.GC() // what is live, not what garbage waits
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
		}
		if !strings.HasPrefix(f.File, "f") || len(f.Evidence) != 501 {
			return fmt.Errorf("finding %d read back wrong", n)
		}
		return nil
	})
	if err != nil || n != runs*perRun {
		t.Fatalf("%d findings read back: %v", n, err)
	}
	t.Logf("merging %d runs held %d MiB more than before it", runs, (peak-base)>>20)
	if peak-base > 32<<20 {
		t.Fatalf("merging %d runs held %d MiB", runs, (peak-base)>>20)
	}
}

// TestSpillRepeatedHugePath: a path longer than a table's entries (an archive member's
// name can be a megabyte) was written out whole with every finding in it: 2,000 findings
// in one file of a 64 KiB name were 125 MiB of runs on disk. A name repeated is now
// written once a run.
func TestSpillRepeatedHugePath(t *testing.T) {
	path := "archive.tar!" + strings.Repeat("d/", 32<<10)
	s := storeOf(t, 2000, 500, func(i int) finding.Finding {
		return finding.Finding{Severity: finding.High, Category: finding.Secret, Rule: "r", File: path, Line: i + 1}
	})
	var disk int64
	for _, r := range s.runs {
		disk += r.size
	}
	n := 0
	err := mergeRuns(s.runs, func(f *finding.Finding) error {
		n++
		if f.File != path {
			return fmt.Errorf("finding %d: path read back wrong", n)
		}
		return nil
	})
	if err != nil || n != 2000 {
		t.Fatalf("%d findings read back: %v", n, err)
	}
	t.Logf("%d runs, %d KiB on disk", len(s.runs), disk>>10)
	if disk > 4<<20 {
		t.Fatalf("%d MiB of runs on disk for 2,000 findings", disk>>20)
	}
}
