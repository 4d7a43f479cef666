package detect

import (
	"bytes"
	"math/rand"
	"strings"
	"testing"
	"time"
)

// The test-vector classes (inTestVectors, spreadIntoVectors) answer every value of a
// text from indexes built once a text and a walk that goes on from the last value's: they
// must give the answers of the direct search of the window above each value, below, on
// texts made of the pieces their rules read, values asked in order (as a scan does) and
// out of order.

func inTestVectorsRef(data []byte, start int) bool {
	lo := max(0, start-testVectorWindow)
	win := data[lo:start]
	decl := -1
	for _, n := range testVectorNames {
		for e := len(win); ; {
			i := bytes.LastIndex(win[:e], []byte(n))
			if i < 0 {
				break
			}
			e = i
			j := i + len(n)
			if i > 0 && is(win[i-1], cAlnum|cUnder) || j < len(win) && is(win[j], cAlnum|cUnder) {
				continue
			}
			for j < len(win) && (win[j] == ' ' || win[j] == '\t') {
				j++
			}
			if j+1 < len(win) && win[j] == ':' && win[j+1] == '=' {
				j += 2
			} else if j+1 < len(win) && win[j] == '=' && win[j+1] != '=' {
				j++
			} else {
				continue
			}
			if j > decl {
				decl = j
			}
			break
		}
	}
	if decl < 0 {
		return false
	}
	// walk from the assignment to the value: the first bracket opens the list, and the
	// value is inside it while the depth stays above zero (quoted text is skipped, so a
	// bracket in an example string does not count)
	depth, opened := 0, false
	var quote byte
	for i := decl; i < len(win); i++ {
		c := win[i]
		if quote != 0 {
			switch {
			case c == '\\' && quote != '`':
				i++
			case c == quote, c == '\n' && quote != '`':
				quote = 0
			}
			continue
		}
		switch c {
		case '"', '`', '\'':
			quote = c
		case '[':
			if !opened {
				// a type before the literal: "[]string{", "map[string]string{"
				if k := bytes.IndexByte(win[i:], ']'); k > 0 && i+k+1 < len(win) && (is(win[i+k+1], cAlnum|cUnder) || win[i+k+1] == '[' || win[i+k+1] == '*') {
					i += k
					continue
				}
			}
			depth++
			opened = true
		case '{', '(':
			depth++
			opened = true
		case '}', ')', ']':
			depth--
			if depth <= 0 {
				return false // the list closed above the value
			}
		case '\n':
			if !opened {
				return false // an assignment of something else ("tps = 40")
			}
		}
	}
	return opened && depth > 0
}

func spreadIntoVectorsRef(data []byte, start int) bool {
	lo := max(0, start-testVectorWindow)
	o := bytes.LastIndex(data[lo:start], []byte("[]string{"))
	if o < 0 {
		return false
	}
	o += lo
	if bytes.Contains(data[o:start], []byte("\n}")) {
		return false
	}
	return listSpread(data, o)
}

// vectorText is a random text of the pieces the classes read, about n bytes long.
func vectorText(rnd *rand.Rand, n int) []byte {
	pieces := []string{"tps", "fps", "truePositives", "false_positives", "stps", "tps_x", " ", "\t", " := ", ":=", "=", "==",
		" = ", "[]string{", "map[string]string{", "[", "]", "]x", "]*", "{", "}", "(", ")", "\n", "\n}", "\"", "'", "`", "\\",
		"x", "value", "append(", "tps = append(tps, list...)", "list := []string{", ",", "40"}
	var b strings.Builder
	// long stretches of filler move assignments out of each other's window
	filler := strings.Repeat("a", testVectorWindow/8)
	for b.Len() < n {
		if rnd.Intn(40) == 0 {
			b.WriteString(filler[:rnd.Intn(len(filler))])
		}
		b.WriteString(pieces[rnd.Intn(len(pieces))])
	}
	return []byte(b.String())
}

func TestVectorIndexesMatchDirectSearch(t *testing.T) {
	rnd := rand.New(rand.NewSource(7))
	texts := 30
	if raceEnabled || testing.Short() {
		texts = 5
	}
	trues := [2]int{}
	for k := range texts {
		data := vectorText(rnd, 1+rnd.Intn(3*testVectorWindow))
		check := func(order string, starts []int) {
			var v vectorIndex
			var x round4Index
			for _, s := range starts {
				got, want := v.in(data, s), inTestVectorsRef(data, s)
				if got {
					trues[0]++
				}
				if got != want {
					t.Fatalf("text %d (%s), value at %d: inTestVectors %v, direct %v\n%q", k, order, s, got, want, data[max(0, s-200):s])
				}
				got, want = spreadIntoVectors(data, s, &x), spreadIntoVectorsRef(data, s)
				if got {
					trues[1]++
				}
				if got != want {
					t.Fatalf("text %d (%s), value at %d: spreadIntoVectors %v, direct %v\n%q", k, order, s, got, want, data[max(0, s-200):s])
				}
			}
		}
		var inOrder []int
		for s := 0; s <= len(data); s += 1 + rnd.Intn(64) {
			inOrder = append(inOrder, s)
			if rnd.Intn(8) == 0 {
				inOrder = append(inOrder, s) // a value asked about twice
			}
		}
		check("in order", inOrder)
		shuffled := append([]int(nil), inOrder...)
		rnd.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		check("out of order", shuffled[:min(len(shuffled), 200)])
	}
	// An assignment whose name starts the window: the byte before it is outside.
	edge := []byte("xtps := [\n" + strings.Repeat("a", testVectorWindow))
	var v vectorIndex
	for s := testVectorWindow - 4; s <= len(edge); s++ {
		if got, want := v.in(edge, s), inTestVectorsRef(edge, s); got != want {
			t.Errorf("an assignment at the window's start, value at %d: %v, direct %v", s, got, want)
		}
	}
	// the texts must hold values inside lists, or the comparison says little
	if trues[0] < texts*10 || trues[1] < texts {
		t.Errorf("values inside lists: %d (in place), %d (spread): the texts test too little", trues[0], trues[1])
	}
	t.Logf("values inside lists: %d (in place), %d (spread)", trues[0], trues[1])
}

// A long test-vector list of findings is read once, not once a finding: before, each
// value searched the 16 KiB above it for the list's name six times and walked back down
// to the value (256 KiB of a Go list took 2.3 s, twenty times the same list under
// another name). The work grows with the list either way; it is the cost per value
// that the window multiplied.
func TestScanInTestVectorsCostsLikeAnyList(t *testing.T) {
	skipTiming(t)
	e := Default()
	for _, c := range []struct{ name, open, unit string }{
		{"tps", " := []string{\n", "\t\"password=Lantern%d!Corvid\",\n"},
		{"fps", " = [\n", "    'password=Lantern%d!Corvid',\n"},
		{"keys", " := []string{\n", "\t\"password=Lantern%d!Corvid\",\n"},
	} {
		// the same list under names no class reads
		vec := repeatTo("fps = append(fps, keys...)\n"+c.name+c.open, c.unit, 256<<10)
		plain := repeatTo("abc = append(abc, xyz...)\nxyz"+c.open, c.unit, 256<<10)
		n := 0
		e.Scan(plain, func(Match) { n++ })
		if n < 1000 {
			t.Fatalf("%s: %d findings in the plain list: the unit is no finding, the test measures nothing", c.name, n)
		}
		best := func(data []byte) time.Duration {
			d := time.Duration(1 << 62)
			for range 3 {
				d = min(d, scanTime(e, data))
			}
			return d
		}
		tv, tp := best(vec), best(plain)
		if float64(tv) > 4*float64(tp) {
			tv, tp = best(vec), best(plain)
		}
		if float64(tv) > 4*float64(tp) {
			t.Errorf("%s%q: the test-vector list took %v, the same list under another name %v", c.name, c.open, tv, tp)
		}
	}
}
