package main

import (
	"encoding/base64"
	"math/big"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// TestHeld16Labels checks that every label's value stands in its line and its core in
// its value, that the halves pair one template each in different shapes (no file name
// or directory-and-name pair shared), and that rendering is deterministic.
func TestHeld16Labels(t *testing.T) {
	if len(held16aTemplates) != len(held16bTemplates) || len(held16aTemplates) < 20 {
		t.Fatalf("halves have %d and %d templates", len(held16aTemplates), len(held16bTemplates))
	}
	names := map[string]bool{}
	for _, ts := range [][]template{held16aTemplates, held16bTemplates} {
		for _, tp := range ts {
			if names[tp.name] {
				t.Errorf("template name %q used twice", tp.name)
			}
			names[tp.name] = true
		}
	}
	for half, ts := range map[string][]template{"a": held16aTemplates, "b": held16bTemplates} {
		fs, again := fillAll(ts, 16), fillAll(ts, 16)
		n := 0
		for i, f := range fs {
			if strings.Join(f.lines, "\n") != strings.Join(again[i].lines, "\n") {
				t.Fatalf("%s %s: not deterministic", half, f.name)
			}
			secrets := 0
			for _, l := range f.labels {
				n++
				if l.Line < 1 || l.Line > len(f.lines) || !strings.Contains(f.lines[l.Line-1], l.Value) {
					t.Errorf("%s %s:%d: %q not in line", half, f.name, l.Line, l.Value)
				}
				if l.Core == "" || !strings.Contains(l.Value, l.Core) {
					t.Errorf("%s %s:%d: core %q not in %q", half, f.name, l.Line, l.Core, l.Value)
				}
				switch l.Kind {
				case "secret":
					secrets++
				case "pii", "neutral":
				default:
					t.Errorf("%s %s:%d: kind %q", half, f.name, l.Line, l.Kind)
				}
			}
			if secrets == 0 {
				t.Errorf("%s %s: no secret planted", half, f.name)
			}
		}
		if n < 3*len(fs) {
			t.Errorf("half %s: only %d labels in %d files", half, n, len(fs))
		}
	}
}

// TestHeld16Encodings checks the generators against their formats, computed here
// another way: IBAN check digits with big integers, Liberty's {xor} by decoding, and the
// RESP length prefixes of the append-only file.
func TestHeld16Encodings(t *testing.T) {
	g := &gen{r: rand.New(rand.NewPCG(3, 4))}
	for i := 0; i < 300; i++ {
		ib := g.h16iban()
		var num strings.Builder
		for _, c := range ib[4:] + ib[:4] {
			if c >= 'A' && c <= 'Z' {
				num.WriteString(big.NewInt(int64(c-'A') + 10).String())
			} else {
				num.WriteRune(c)
			}
		}
		v, ok := new(big.Int).SetString(num.String(), 10)
		if !ok || new(big.Int).Mod(v, big.NewInt(97)).Int64() != 1 {
			t.Fatalf("bad IBAN %s", ib)
		}
		pw := g.h16pass()
		b, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(h16xor(pw), "{xor}"))
		if err != nil {
			t.Fatal(err)
		}
		for j := range b {
			b[j] ^= '_'
		}
		if string(b) != pw {
			t.Fatalf("xor %q -> %q", pw, b)
		}
	}
	f := &file{name: "x"}
	held16aTemplates[0].fill(g, f)
	for i := 0; i < len(f.lines); {
		n, err := strconv.Atoi(strings.TrimPrefix(f.lines[i], "*"))
		if err != nil || !strings.HasPrefix(f.lines[i], "*") {
			t.Fatalf("line %d: %q is not an array header", i+1, f.lines[i])
		}
		i++
		for j := 0; j < n; j++ {
			size, err := strconv.Atoi(strings.TrimPrefix(f.lines[i], "$"))
			if err != nil || len(f.lines[i+1]) != size {
				t.Fatalf("line %d: %q does not prefix %q", i+1, f.lines[i], f.lines[i+1])
			}
			i += 2
		}
	}
}
