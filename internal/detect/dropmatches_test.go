package detect

import (
	"strings"
	"testing"
)

// tailHolds reports whether the part of ms past its length (up to its capacity) still
// holds a match: a pointer the pool would keep alive, and which dropMatches, clearing
// only the length, would not clear.
func tailHolds(ms []rawMatch) bool {
	for _, m := range ms[len(ms):cap(ms)] {
		if m != (rawMatch{}) {
			return true
		}
	}
	return false
}

// TestDroppedMatchesCleared: every step that shortens a scanner's matches (the settling
// of overlaps, the documented examples dropped, the near-word check) clears what it
// drops, so that dropMatches need clear only the length.
func TestDroppedMatchesCleared(t *testing.T) {
	e := Default()
	hf := ExpandExample("hf_{B:34}")
	gh := ExpandExample("ghp_{gh}")
	texts := []string{
		// a rule catalogue's example (dropExamples) beside a real leak
		"func HuggingFace() Rule {\n\tre := regexp.MustCompile(`\\bhf_(?i:[a-z]{34})\\b`)\n\ttps := []string{\n\t\t`huggingface-cli login --token " + hf + "`,\n\t}\n",
		// overlapping candidates: a token inside a key's value, a URL holding a password
		"GITHUB_TOKEN=" + gh + "\npassword=" + gh + "\nurl=https://admin:" + gh + "@db.example.net/x\n",
		strings.Repeat("api_key = \"sk-"+gh+"\" # token "+gh+"\n", 50),
	}
	dropped := 0
	for _, text := range texts {
		sc := e.pool.New().(*scanner)
		sc.reset([]byte(text))
		sc.pass()
		before := len(sc.ms)
		sc.conclude()
		if len(sc.ms) < before {
			dropped += before - len(sc.ms)
		}
		if tailHolds(sc.ms) {
			t.Errorf("%.40q: a dropped match is still held past the length", text)
		}
		sc.dropMatches()
		if len(sc.ms) != 0 || tailHolds(sc.ms) {
			t.Errorf("%.40q: dropMatches left a match", text)
		}
	}
	if dropped == 0 {
		t.Fatal("no text had a match dropped: the test shows nothing")
	}
}

// TestKeepFirstClears: settleOverlaps and exampleAgain clear the matches they drop.
func TestKeepFirstClears(t *testing.T) {
	r := &Rule{ID: "x", Category: "secret", prio: prioGeneric}
	mk := func() []rawMatch {
		return []rawMatch{{r: r, start: 0, end: 10, value: "a"}, {r: r, start: 2, end: 8, value: "b"}, {r: r, start: 5, end: 12, value: "c"}, {r: r, start: 20, end: 30, value: "d"}}
	}
	ms := settleOverlaps(mk(), func(m, last rawMatch) rawMatch { return last })
	if len(ms) != 2 || tailHolds(ms) {
		t.Errorf("settleOverlaps: %d kept, tail held %v", len(ms), tailHolds(ms))
	}
	ms = exampleAgain(mk(), []string{"b", "d"})
	if len(ms) != 2 || tailHolds(ms) {
		t.Errorf("exampleAgain: %d kept, tail held %v", len(ms), tailHolds(ms))
	}
}
