package detect

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"testing"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// markOracle answers each mark's question the way the classes asked it before the pass
// noted marks: one search of the whole text per literal.
func markOracle(data []byte, m textMark) bool {
	has := func(s string) bool { return bytes.Contains(data, []byte(s)) }
	switch m {
	case markSession:
		return has("essionToken") || has("ession_token") || has("ESSION_TOKEN")
	case markHTTP:
		return has(" HTTP/1.")
	case markJobs:
		return has("runs-on:")
	case markTripleQ:
		return has(`"""`)
	case markPrompt:
		return has(">>> ")
	case markCert:
		return has("-----BEGIN CERTIFICATE-----")
	case markStringList:
		return has("[]string{")
	case markEg:
		return egRe.Match(data)
	case markRoff:
		return has("\n.SH ") || has("\n.Sh ")
	case markFence:
		return has("```") || has("~~~")
	case markUEsc:
		return has(`\u`)
	case markQP:
		return has("=3D")
	case markSoftBreak:
		return has("=\n")
	case markShape:
		low := bytes.Map(func(r rune) rune {
			if 'A' <= r && r <= 'Z' {
				return r + 'a' - 'A'
			}
			return r
		}, data)
		return bytes.Contains(low, []byte("something like this:")) || bytes.Contains(low, []byte("the following structure:"))
	case markLocalhost, markLoop4, markLoop6:
		return has(map[textMark]string{markLocalhost: "localhost", markLoop4: "127.0.0.1", markLoop6: "[::1]"}[m])
	}
	panic("unknown mark")
}

// offsetOracle lists every offset of s in data, overlapping ones too, one comparison
// per offset.
func offsetOracle(data []byte, s string) []int {
	var at []int
	for i := 0; i+len(s) <= len(data); i++ {
		if string(data[i:i+len(s)]) == s {
			at = append(at, i)
		}
	}
	return at
}

// passMarksAt runs the pass over data and returns the place marks' offsets it noted.
func passMarksAt(e *Engine, data []byte) (at [placeMarks][]int) {
	sc := e.pool.Get().(*scanner)
	sc.reset(data)
	sc.pass()
	m := sc.textMarks()
	for i := range at {
		at[i] = slices.Clone(m.offsets(data, firstPlaceMark+textMark(i)))
	}
	sc.data = nil
	e.pool.Put(sc)
	return at
}

// checkPlaceMarks: the offsets the pass notes of each place mark, and the search
// offsets falls back to, are every offset of its spelling.
func checkPlaceMarks(t *testing.T, e *Engine, data []byte, what string) {
	t.Helper()
	got := passMarksAt(e, data)
	for i := range got {
		m := firstPlaceMark + textMark(i)
		want := offsetOracle(data, markSpell[m][0])
		if !slices.Equal(got[i], want) {
			t.Fatalf("%s (%d bytes): the pass notes %q at %v, the text has it at %v", what, len(data), markSpell[m][0], got[i], want)
		}
		var unknown textMarks
		if s := unknown.offsets(data, m); !slices.Equal(s, want) {
			t.Fatalf("%s: the search finds %q at %v, the text has it at %v", what, markSpell[m][0], s, want)
		}
	}
}

var egRe = regexp.MustCompile(`[eE]\.g\.`)

// passMarks runs the engine's prefilter pass over data and returns the marks it noted.
func passMarks(e *Engine, data []byte) uint32 {
	sc := e.pool.Get().(*scanner)
	sc.reset(data)
	sc.pass()
	got := sc.marksHas
	sc.data = nil
	e.pool.Put(sc)
	return got
}

// markPieces are what the random texts are made of: every spelling, its neighbours in
// the prefilter's folded alphabet (other cases, other digits), its parts, and filler.
var markPieces = []string{
	"essionToken", "essiontoken", "ESSIONTOKEN", "SessionToken", "ession_token", "ESSION_TOKEN", "Ession_Token", "ession_tok",
	" HTTP/1.", " http/1.", " HTTP/2.", "HTTP/1.", " HTTP/1",
	"runs-on:", "RUNS-ON:", "runs-on", "runs_on:",
	`"""`, `""`, `"`, `'''`,
	">>> ", ">>>", ">> ", ">>>>",
	"-----BEGIN CERTIFICATE-----", "-----begin certificate-----", "-----BEGIN CERTIFICATE----", "-----BEGIN PRIVATE KEY-----", "-----BEGIN ",
	"[]string{", "[]String{", "[]string", "]string{", "[ ]string{", "[[]string{{",
	"e.g.", "E.g.", "E.G.", "x.g.", ".g.", "e.g", "ee.g.",
	"\n.SH ", "\n.Sh ", "\n.sh ", ".SH ", ".Sh ", "\n.SH", "\n .SH ",
	"```", "``", "~~~", "~~", "` ``",
	`\u`, `\U`, `\\u`, `\u00e9`, `\`, "=3D", "=3d", "=4D", "=3", "=\n", "=\r\n", "= \n", "=",
	"localhost", "LOCALHOST", "localhos", "ocalhost", "localhostlocalhost", "127.0.0.1", "127.0.0.127.0.0.1", "127.0.0.10", "128.0.0.1", "27.0.0.1",
	"[::1]", "[::1]]", "[[::1]", "::1]", "[::2]", "[::1", "[:::1]",
	"something like this:", "Something Like This:", "SOMETHING LIKE THIS:", "something like this", "something like that:", "somethin",
	"the following structure:", "The following structure:", "the following structures:", "the following", "the foll",
	"\n", "\t", " ", "a", "Z", "7", "{", "[", ":", "password = hunter2x", "token: 0123456789abcdef",
}

func randomMarkText(rng *rand.Rand, n int) []byte {
	var b []byte
	for len(b) < n {
		switch rng.IntN(4) {
		case 0:
			b = append(b, byte(rng.IntN(256)))
		default:
			b = append(b, markPieces[rng.IntN(len(markPieces))]...)
		}
	}
	return b
}

// TestTextMarksAgree: for random texts, small and large (the prefilter walks a large
// one in four interleaved parts, and a mark may straddle a part's edge), the marks the
// pass notes, and markIn's search, agree with one search per literal.
func TestTextMarksAgree(t *testing.T) {
	e := Default()
	rng := rand.New(rand.NewPCG(11, 2026))
	for i := range 3000 {
		n := 1 + rng.IntN(200)
		if i%10 == 0 {
			n = interleaveMin + rng.IntN(3*interleaveMin)
		}
		data := randomMarkText(rng, n)
		if i%10 == 0 {
			// sparse marks in a large text: filler, and a few pieces anywhere
			data = bytes.Repeat([]byte("q"), n)
			for range 1 + rng.IntN(4) {
				p := markPieces[rng.IntN(len(markPieces))]
				at := rng.IntN(len(data) - len(p) + 1)
				copy(data[at:], p)
			}
		}
		got := passMarks(e, data)
		checkPlaceMarks(t, e, data, fmt.Sprintf("text %d", i))
		for m := range numMarks {
			want := markOracle(data, m)
			if (got&(1<<m) != 0) != want {
				t.Fatalf("text %d (%d bytes): pass says mark %d (%q) is %v, the text says %v", i, len(data), m, markSpell[m], !want, want)
			}
			if markIn(data, m) != want {
				t.Fatalf("text %d: markIn says mark %d (%q) is %v, the text says %v", i, m, markSpell[m], !want, want)
			}
		}
	}
}

// TestTextMarksEveryPiece puts each spelling alone at the start, the middle and the end
// of texts short and long, so that every mark is seen found and not found.
func TestTextMarksEveryPiece(t *testing.T) {
	e := Default()
	for _, p := range markPieces {
		for _, n := range []int{0, 50, interleaveMin + 1000} {
			for _, where := range []int{0, n / 2, n} {
				data := append(append(bytes.Repeat([]byte{'x'}, where), p...), bytes.Repeat([]byte{'x'}, n-where)...)
				got := passMarks(e, data)
				checkPlaceMarks(t, e, data, fmt.Sprintf("%q at %d", p, where))
				for m := range numMarks {
					if want := markOracle(data, m); (got&(1<<m) != 0) != want {
						t.Errorf("%q at %d of %d: pass says mark %d is %v", p, where, len(data), m, !want)
					}
				}
			}
		}
	}
}

func FuzzTextMarks(f *testing.F) {
	for _, p := range markPieces {
		f.Add([]byte("x" + p + "y"))
	}
	e := Default()
	f.Fuzz(func(t *testing.T, data []byte) {
		checkPlaceMarks(t, e, data, "fuzz")
		got := passMarks(e, data)
		for m := range numMarks {
			if want := markOracle(data, m); (got&(1<<m) != 0) != want || markIn(data, m) != want {
				t.Fatalf("mark %d: pass %v, markIn %v, text %v", m, got&(1<<m) != 0, markIn(data, m), want)
			}
		}
	})
}

// TestTextMarksUnknownWithoutSecretRules: an engine without secret rules has no markDet
// on its pass, so its scans must search for themselves (decodeViews runs for every rule).
func TestTextMarksUnknownWithoutSecretRules(t *testing.T) {
	var rs []*Rule
	for _, r := range Default().Rules() {
		if r.Category != finding.Secret {
			rs = append(rs, r)
		}
	}
	e, err := New(rs)
	if err != nil || len(rs) == 0 {
		t.Fatalf("no engine without secret rules (%d rules): %v", len(rs), err)
	}
	sc := e.pool.Get().(*scanner)
	defer e.pool.Put(sc)
	data := []byte(`name: "caf\u00e9" =3D`)
	sc.reset(data)
	sc.pass()
	m := sc.textMarks()
	if m.known {
		t.Fatal("marks taken as known on an engine whose pass does not note them")
	}
	if !m.holds(data, markUEsc) || !m.holds(data, markQP) || m.holds(data, markSoftBreak) {
		t.Error("the search for the marks answers wrong")
	}
	sc.data = nil
}

// TestMachineMarksSpellHosts: the marks whose offsets fieldsOnMachine reads are its
// hosts' spellings.
func TestMachineMarksSpellHosts(t *testing.T) {
	for i, h := range machineHosts {
		if m := machineMarks[i]; m < firstPlaceMark || len(markSpell[m]) != 1 || markSpell[m][0] != h {
			t.Errorf("host %q is noted by mark %d, spelt %q", h, m, markSpell[m])
		}
	}
}
