package detect

import (
	"math/rand"
	"slices"
	"strings"
	"testing"
)

// TestAutomatonFindsEveryOccurrence checks the compiled machine against a plain search:
// every occurrence of every pattern (overlapping ones, patterns inside patterns, folded
// case and digits) in random texts, in order of end offset, by run and by collect.
func TestAutomatonFindsEveryOccurrence(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	const alpha = "abAB0179.-_ é"
	word := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteByte(alpha[rng.Intn(len(alpha))])
		}
		return b.String()
	}
	for round := range 400 {
		seen := map[string]bool{}
		var pats []string
		for n := rng.Intn(30) + 1; n > 0; n-- {
			p := foldString(word(rng.Intn(6) + 1))
			if !seen[p] {
				seen[p] = true
				pats = append(pats, p)
			}
		}
		a, err := newAutomaton(pats)
		if err != nil {
			t.Fatal(err)
		}
		size := rng.Intn(300)
		if round%50 == 0 {
			size = interleaveMin + rng.Intn(4096) // collect's four-walk path
		}
		text := []byte(word(size))
		var want []hitRec
		folded := foldString(string(text))
		for end := 1; end <= len(folded); end++ {
			for pi, p := range pats {
				if strings.HasSuffix(folded[:end], p) {
					want = append(want, hitRec{int32(pi), int32(end)})
				}
			}
		}
		var got []hitRec
		a.run(text, func(p int32, end int) { got = append(got, hitRec{p, int32(end)}) })
		var parts [3][]hitRec
		byCollect := a.collect(text, nil, &parts)
		norm := func(h []hitRec) []hitRec {
			h = slices.Clone(h)
			slices.SortFunc(h, func(x, y hitRec) int {
				if x.end != y.end {
					return int(x.end - y.end)
				}
				return int(x.pat - y.pat)
			})
			return h
		}
		if !slices.Equal(norm(got), want) {
			t.Fatalf("run: patterns %q text %q: got %v want %v", pats, text, got, want)
		}
		if !slices.Equal(norm(byCollect), want) {
			t.Fatalf("collect: patterns %q: %d hits, want %d", pats, len(byCollect), len(want))
		}
	}
}
