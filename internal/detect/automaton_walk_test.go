package detect

import (
	"math/rand"
	"slices"
	"testing"
)

// TestAutomatonTableClosed checks what walk4's unchecked table reads rest on: in the
// engine's machine and in random ones, every transition is a premultiplied state
// inside the table and every byte class is below the number of classes, so a state
// plus a class never reads outside the table.
func TestAutomatonTableClosed(t *testing.T) {
	check := func(name string, a *automaton) {
		t.Helper()
		if len(a.trans) == 0 || uint64(len(a.trans)) >= 1<<32 {
			t.Fatalf("%s: table of %d entries", name, len(a.trans))
		}
		for b, c := range a.class {
			if uint32(c) >= a.nclass {
				t.Fatalf("%s: byte %#x has class %d of %d", name, b, c, a.nclass)
			}
		}
		for i, s := range a.trans {
			if s%a.nclass != 0 || int(s)+int(a.nclass) > len(a.trans) {
				t.Fatalf("%s: entry %d is %d: not a state's row (%d classes, %d entries)", name, i, s, a.nclass, len(a.trans))
			}
		}
		for s := a.outStart; int(s) < len(a.trans); s += a.nclass {
			if got, want := a.outIndex(s), (s-a.outStart)/a.nclass; got != want {
				t.Fatalf("%s: outIndex(%d) = %d, want %d (%d classes)", name, s, got, want, a.nclass)
			}
		}
	}
	check("default", Default().ac)
	rng := rand.New(rand.NewSource(11))
	for round := range 50 {
		var pats []string
		seen := map[string]bool{}
		for n := rng.Intn(40) + 1; n > 0; n-- {
			b := make([]byte, rng.Intn(8)+1)
			for i := range b {
				b[i] = byte(rng.Intn(256))
			}
			if p := foldString(string(b)); !seen[p] {
				seen[p] = true
				pats = append(pats, p)
			}
		}
		a, err := newAutomaton(pats)
		if err != nil {
			t.Fatal(err)
		}
		check("random "+string(rune('a'+round%26)), a)
	}
}

// TestCollectMatchesRunExactly checks collect (walk4's batches of stops) against run
// hit for hit, order included, on texts of the four-walk size whose hits are sparse,
// dense (a hit every byte fills walk4's batch again and again) and placed at the
// quarters' seams.
func TestCollectMatchesRunExactly(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	pats := []string{"a", "ab", "bab", "0000", "key=", "=", "xyzxyzxyz"}
	for i := range pats {
		pats[i] = foldString(pats[i])
	}
	a, err := newAutomaton(pats)
	if err != nil {
		t.Fatal(err)
	}
	for round := range 12 {
		size := interleaveMin + rng.Intn(8192)
		text := make([]byte, size)
		for i := range text {
			switch round % 3 {
			case 0: // sparse: mostly bytes of no pattern
				text[i] = "qrstuvwqrstuvwab"[rng.Intn(16)]
			case 1: // dense: a hit at most bytes
				text[i] = "ab=0"[rng.Intn(4)]
			default:
				text[i] = "abxyz0=k e"[rng.Intn(10)]
			}
		}
		// patterns across the quarters' seams
		q := size / 4
		for _, at := range []int{q - 3, 2*q - 2, 3*q - 1, q, 2 * q, 3 * q} {
			copy(text[at:], "xyzxyzxyz")
		}
		var want []hitRec
		a.run(text, func(p int32, end int) { want = append(want, hitRec{p, int32(end)}) })
		var parts [3][]hitRec
		got := a.collect(text, nil, &parts)
		if len(want) == 0 {
			t.Fatalf("round %d: no hits to compare", round)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("round %d (size %d): collect gave %d hits, run %d", round, size, len(got), len(want))
		}
	}
}
