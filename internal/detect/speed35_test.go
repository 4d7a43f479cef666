package detect

import (
	"bytes"
	"math/rand"
	"testing"
)

// The forms below are the ones the hot-path helpers had before they were made cheaper
// (stop 35); the tests check the new forms answer as they did.

func ascendingRunsFields(v []byte) bool {
	parts, runs, total := 0, 0, 0
	for _, p := range bytes.FieldsFunc(v, func(r rune) bool { return r == '.' || r == '-' || r == '_' }) {
		parts++
		n := 1
		for i := 0; i < len(p); i++ {
			if !is(p[i], cAlnum) {
				return false
			}
			if i == 0 {
				continue
			}
			if p[i] == p[i-1]+1 {
				n++
				continue
			}
			if n < 4 {
				return false
			}
			runs, n = runs+1, 1
		}
		if n < 4 {
			return false
		}
		runs++
		total += len(p)
	}
	return parts >= 2 && total >= 12 && runs <= 3
}

func shapePhraseInEvery(data []byte) bool {
	for i := 0; i < len(data); {
		j := bytes.IndexByte(data[i:], ':')
		if j < 0 {
			return false
		}
		c := i + j + 1
		for _, p := range shapePhrases {
			if c >= len(p) && hasPrefixFold(data, c-len(p), p) {
				return true
			}
		}
		i = c
	}
	return false
}

func urlSyntaxTemplateOld(data []byte, p int) bool {
	lo := max(p-200, 0)
	seg := data[lo:p]
	if nl := bytes.LastIndexByte(seg, '\n'); nl >= 0 {
		seg = seg[nl+1:]
	}
	s := bytes.LastIndex(seg, []byte("://"))
	if s < 0 || s+3 >= len(seg) || seg[s+3] != '[' {
		return false
	}
	auth := seg[s+4:]
	if bytes.IndexAny(auth, " \t\"'") >= 0 {
		return false
	}
	if a := bytes.IndexByte(auth, '@'); a >= 0 {
		auth = auth[:a]
	} else {
		rest := data[p:]
		if e := bytes.IndexAny(rest, " \t\r\n\"'"); e >= 0 {
			rest = rest[:e]
		}
		a := bytes.IndexByte(rest, '@')
		if a < 0 {
			return false
		}
		auth = append(append([]byte(nil), auth...), rest[:a]...)
	}
	return bytes.IndexByte(auth, ']') >= 0
}

func TestSpeed35HelpersMatchOldForms(t *testing.T) {
	rng := rand.New(rand.NewSource(35))
	pieces := []string{"abcd", "efgh", "1234", "5678", "wxyz", "ABCD", "0123456789", ".", "-", "_", "..", "é", "\xff",
		"x", "a", "://", "[", "]", "@", " ", "\n", "'", "\"", ":", "something like this:", "THE FOLLOWING STRUCTURE:",
		"Something Like This", "structure", "this:", "e:", "s:", "user", "pass", "[::1]", "http://", "https://[", "`"}
	runsTrue, shapeTrue, urlTrue := 0, 0, 0
	for range 200000 {
		var b []byte
		for n := rng.Intn(9); n >= 0; n-- {
			b = append(b, pieces[rng.Intn(len(pieces))]...)
		}
		if got, want := ascendingRuns(b), ascendingRunsFields(b); got != want {
			t.Fatalf("ascendingRuns(%q) = %v, the FieldsFunc form says %v", b, got, want)
		} else if want {
			runsTrue++
		}
		if got, want := shapePhraseIn(b), shapePhraseInEvery(b); got != want {
			t.Fatalf("shapePhraseIn(%q) = %v, the form testing every colon says %v", b, got, want)
		} else if want {
			shapeTrue++
		}
		for p := 0; p <= len(b); p += 1 + rng.Intn(4) {
			if got, want := urlSyntaxTemplate(b, p), urlSyntaxTemplateOld(b, p); got != want {
				t.Fatalf("urlSyntaxTemplate(%q, %d) = %v, the old form says %v", b, p, got, want)
			} else if want {
				urlTrue++
			}
		}
	}
	// the inputs must reach both answers of every helper
	if runsTrue == 0 || shapeTrue == 0 || urlTrue == 0 {
		t.Fatalf("true answers: ascendingRuns %d, shapePhraseIn %d, urlSyntaxTemplate %d", runsTrue, shapeTrue, urlTrue)
	}
}

// TestBackquoteGateMatches checks the once-a-scan backquote test that gates
// goHelpSection and goHelpExamples: a text without a backquote gets false from both
// anyway, and the flag follows a new text of another length.
func TestBackquoteGateMatches(t *testing.T) {
	sc := &scanner{}
	texts := []string{
		"cmd := &cobra.Command{\n\tLong: `Logs in.\n\nExamples:\n  login --password=hunter2xyz`,\n}",
		"Long: 'Logs in.\n\nExamples:\n  login --password=hunter2xyz'",
		"x",
		"var loginExample = `login --password=hunter2xyz`",
	}
	for _, txt := range texts {
		data := []byte(txt)
		sc.reset(data)
		has := bytes.IndexByte(data, '`') >= 0
		if sc.hasBackquote() != has {
			t.Fatalf("hasBackquote(%q) = %v", txt, !has)
		}
		for p := 0; p < len(data); p++ {
			if !has && (goHelpSection(data, p) || goHelpExamples(data, p)) {
				t.Fatalf("%q at %d: a Go raw-string reader says yes without a backquote", txt, p)
			}
		}
	}
	sc.reset([]byte(texts[0]))
	if !sc.hasBackquote() || !goHelpSection(sc.data, bytes.Index(sc.data, []byte("hunter"))) {
		t.Fatal("the cobra help text is not read as one")
	}
}
