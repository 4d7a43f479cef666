package main

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// fillAll renders two rounds of a half's templates with a fixed seed.
func fillAll(ts []template, seed uint64) []*file {
	g := &gen{r: rand.New(rand.NewPCG(seed, seed*0x9e3779b97f4a7c15+7)), split: "test"}
	var fs []*file
	for i := 0; i < 2*len(ts); i++ {
		t := ts[i%len(ts)]
		f := &file{name: t.dir + "/" + t.name}
		t.fill(g, f)
		fs = append(fs, f)
	}
	return fs
}

// TestHeld15Labels checks that every label's value stands in its line, its core in its
// value, and that the halves pair one template each and render deterministically.
func TestHeld15Labels(t *testing.T) {
	if len(held15aTemplates) != len(held15bTemplates) || len(held15aTemplates) < 20 {
		t.Fatalf("halves have %d and %d templates", len(held15aTemplates), len(held15bTemplates))
	}
	for half, ts := range map[string][]template{"a": held15aTemplates, "b": held15bTemplates} {
		checkHalf(t, half, ts, 15)
	}
}

// checkHalf renders a half's templates twice with seed and checks that rendering is
// deterministic, that every label's value stands in its line and its core in its
// value, that kinds are known, and that there are at least three labels a file; it
// returns the files.
func checkHalf(t *testing.T, half string, ts []template, seed uint64) []*file {
	t.Helper()
	fs, again := fillAll(ts, seed), fillAll(ts, seed)
	n := 0
	for i, f := range fs {
		if strings.Join(f.lines, "\n") != strings.Join(again[i].lines, "\n") {
			t.Fatalf("%s %s: not deterministic", half, f.name)
		}
		for _, l := range f.labels {
			n++
			if l.Line < 1 || l.Line > len(f.lines) || !strings.Contains(f.lines[l.Line-1], l.Value) {
				t.Errorf("%s %s:%d: %q not in line", half, f.name, l.Line, l.Value)
			}
			if l.Core == "" || !strings.Contains(l.Value, l.Core) {
				t.Errorf("%s %s:%d: core %q not in %q", half, f.name, l.Line, l.Core, l.Value)
			}
			if l.Kind != "secret" && l.Kind != "pii" && l.Kind != "neutral" {
				t.Errorf("%s %s:%d: kind %q", half, f.name, l.Line, l.Kind)
			}
		}
	}
	if n < 3*len(fs) {
		t.Errorf("half %s: only %d labels in %d files", half, n, len(fs))
	}
	return fs
}

// TestHeld15Checksums checks the personal-data generators against their check rules,
// computed here another way (IBAN with big integers).
func TestHeld15Checksums(t *testing.T) {
	g := &gen{r: rand.New(rand.NewPCG(1, 2))}
	for i := 0; i < 200; i++ {
		if ib := g.h15iban(""); !ibanOK(ib) {
			t.Fatalf("bad IBAN %s", ib)
		}
		p := g.h15pesel()
		sum := 0
		for j, w := range []int{1, 3, 7, 9, 1, 3, 7, 9, 1, 3, 1} {
			sum += int(p[j]-'0') * w
		}
		if sum%10 != 0 {
			t.Fatalf("bad PESEL %s", p)
		}
		k := g.h15tckn()
		s10 := 0
		for j := 0; j < 10; j++ {
			s10 += int(k[j] - '0')
		}
		if k[0] == '0' || s10%10 != int(k[10]-'0') {
			t.Fatalf("bad TC Kimlik %s", k)
		}
		c := strings.NewReplacer(".", "", "-", "").Replace(g.h15cpf())
		for _, n := range []int{9, 10} {
			sum := 0
			for j := 0; j < n; j++ {
				sum += int(c[j]-'0') * (n + 1 - j)
			}
			if d := (sum * 10 % 11) % 10; d != int(c[n]-'0') {
				t.Fatalf("bad CPF %s", c)
			}
		}
	}
}
