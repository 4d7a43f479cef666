package main

import (
	"encoding/base64"
	"math/big"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// TestHeld16Labels checks the halves with checkHalf, that they pair one template each in
// different shapes (no file name used twice) and that every file has a secret.
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
		for _, f := range checkHalf(t, half, ts, 16) {
			secrets := 0
			for _, l := range f.labels {
				if l.Kind == "secret" {
					secrets++
				}
			}
			if secrets == 0 {
				t.Errorf("%s %s: no secret planted", half, f.name)
			}
		}
	}
}

// TestHeld16Encodings checks the generators against their formats, computed here
// another way: IBAN check digits with big integers, Liberty's {xor} by decoding, and the
// RESP length prefixes of the append-only file.
func TestHeld16Encodings(t *testing.T) {
	g := &gen{r: rand.New(rand.NewPCG(3, 4))}
	for i := 0; i < 300; i++ {
		if ib := g.h16iban(); !ibanOK(ib) {
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

// ibanOK checks an IBAN's check digits with big integers (ISO 13616: the number made of
// the BBAN, then the country code and check digits, letters as 10..35, is 1 mod 97).
func ibanOK(ib string) bool {
	var num strings.Builder
	for _, c := range ib[4:] + ib[:4] {
		if c >= 'A' && c <= 'Z' {
			num.WriteString(big.NewInt(int64(c-'A') + 10).String())
		} else {
			num.WriteRune(c)
		}
	}
	v, ok := new(big.Int).SetString(num.String(), 10)
	return ok && new(big.Int).Mod(v, big.NewInt(97)).Int64() == 1
}
