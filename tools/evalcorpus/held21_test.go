package main

import (
	"encoding/base64"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestHeld21Labels checks the halves with checkPairedHalves: every label at its line,
// cores inside values, determinism, kinds present in both halves.
func TestHeld21Labels(t *testing.T) {
	checkPairedHalves(t, held21aTemplates, held21bTemplates, 21, "secret/password", "secret/generic", "secret/private-key", "secret/azure", "pii/email", "pii/phone", "pii/national-id", "pii/passport", "pii/bank-account", "pii/driver-licence", "neutral/hash", "neutral/id", "neutral/address")
}

// TestHeld21HalvesDiffer checks that the two halves of each family write different
// shapes: one directory, different file names and, filled from one seed, different
// opening lines.
func TestHeld21HalvesDiffer(t *testing.T) {
	a, b := held21aTemplates, held21bTemplates
	if len(a) != 20 || len(b) != 20 {
		t.Fatalf("halves have %d and %d families", len(a), len(b))
	}
	for i := range a {
		if a[i].dir != b[i].dir || a[i].name == b[i].name {
			t.Errorf("family %d: %s/%s against %s/%s", i, a[i].dir, a[i].name, b[i].dir, b[i].name)
		}
		fa := &file{name: a[i].name}
		a[i].fill(&gen{r: rand.New(rand.NewPCG(5, 6))}, fa)
		fb := &file{name: b[i].name}
		b[i].fill(&gen{r: rand.New(rand.NewPCG(5, 6))}, fb)
		n := min(3, len(fa.lines), len(fb.lines))
		if strings.Join(fa.lines[:n], "\n") == strings.Join(fb.lines[:n], "\n") {
			t.Errorf("family %s: halves open alike", a[i].dir)
		}
	}
}

// TestHeld21NoPlaceholderSecrets checks that no value labelled secret or personal data
// is one of the placeholders the generators plant as negatives.
func TestHeld21NoPlaceholderSecrets(t *testing.T) {
	bad := []string{"changeme", "CHANGE", "<", "${", "{{", "%(", "$(", "****", "••", "EXAMPLE", "REPLACE", "redacted", "sk_test_", "pk_live_", "pk_test_", "$2b$", "{SSHA}", "sha256:"}
	for half, ts := range map[string][]template{"a": held21aTemplates, "b": held21bTemplates} {
		for _, f := range fillAll(ts, 2121) {
			for _, l := range f.labels {
				if l.Kind == "neutral" {
					continue
				}
				for _, b := range bad {
					if strings.Contains(l.Core, b) {
						t.Errorf("%s %s:%d: %s core %q looks like a placeholder (%q)", half, f.name, l.Line, l.Family, l.Core, b)
					}
				}
			}
		}
	}
}

// digitsOf is the digits of s, other characters dropped.
func digitsOf(s string) []int {
	var d []int
	for _, c := range s {
		if c >= '0' && c <= '9' {
			d = append(d, int(c-'0'))
		}
	}
	return d
}

// luhnSum is the Luhn sum of ds, written out from the right.
func luhnSum(ds []int) int {
	s := 0
	for i := range ds {
		d := ds[len(ds)-1-i]
		if i%2 == 1 {
			d = d * 2
			if d > 9 {
				d = d/10 + d%10
			}
		}
		s += d
	}
	return s
}

// TestHeld21IDs checks the identifiers against their check rules, written out here
// another way.
func TestHeld21IDs(t *testing.T) {
	g := &gen{r: rand.New(rand.NewPCG(21, 22))}
	for i := 0; i < 300; i++ {
		if p := g.h21personnummer(); luhnSum(digitsOf(p)[:10])%10 != 0 {
			t.Fatalf("bad personnummer %s", p)
		}
		bn := g.h21belgian()
		ds := digitsOf(bn)
		var base int64
		for _, d := range ds[:9] {
			base = base*10 + int64(d)
		}
		chk := ds[9]*10 + ds[10]
		if 97-base%97 != int64(chk) && 97-(2000000000+base)%97 != int64(chk) {
			t.Fatalf("bad Belgian number %s", bn)
		}
		if s := g.h21sin(); len(digitsOf(s)) != 9 || luhnSum(digitsOf(s))%10 != 0 {
			t.Fatalf("bad SIN %s", s)
		}
		if s := g.h21saID(); len(s) != 13 || luhnSum(digitsOf(s))%10 != 0 {
			t.Fatalf("bad South African ID %s", s)
		}
		nr := g.h21nric()
		w := []int{2, 7, 6, 5, 4, 3, 2}
		sum := 0
		for j, d := range digitsOf(nr) {
			sum += d * w[j]
		}
		if nr[0] == 'T' {
			sum += 4
		}
		if letters := "JZIHGFEDCBA"; len(nr) != 9 || nr[8] != letters[sum%11] {
			t.Fatalf("bad NRIC %s", nr)
		}
		nif := digitsOf(g.h21nif())
		sum = 0
		for j := 0; j < 8; j++ {
			sum += nif[j] * (9 - j)
		}
		want := (11 - sum%11) % 11
		if want == 10 {
			want = 0
		}
		if len(nif) != 9 || nif[8] != want {
			t.Fatalf("bad NIF %v", nif)
		}
		if npi := g.h21npi(); len(npi) != 10 || (luhnSum(digitsOf("80840"+npi))%10 != 0) {
			t.Fatalf("bad NPI %s", npi)
		}
		dea := g.h21dea("Sousa")
		dd := digitsOf(dea)
		if len(dea) != 9 || dea[1] != 'S' || (dd[0]+dd[2]+dd[4]+2*(dd[1]+dd[3]+dd[5]))%10 != dd[6] {
			t.Fatalf("bad DEA %s", dea)
		}
		ab := digitsOf(g.h21aba())
		if len(ab) != 9 || (3*(ab[0]+ab[3]+ab[6])+7*(ab[1]+ab[4]+ab[7])+ab[2]+ab[5]+ab[8])%10 != 0 {
			t.Fatalf("bad ABA %v", ab)
		}
		if ib := g.h21iban(); !ibanOK(ib) {
			t.Fatalf("bad IBAN %s", ib)
		}
		if c := g.h21card(); luhnSum(digitsOf(c))%10 != 0 {
			t.Fatalf("bad card %s", c)
		}
		if a := g.h18azure(); len(a) != 37 || a[3:6] != "8Q~" {
			t.Fatalf("bad Azure secret %s", a)
		}
		b, _ := g.h21basic()
		if dec, err := base64.StdEncoding.DecodeString(b); err != nil || !strings.Contains(string(dec), ":") {
			t.Fatalf("bad basic %s", b)
		}
		if p := g.h21plain(); strings.ContainsAny(p, "!#$%*+?@^~=| ") {
			t.Fatalf("plain password %q has a symbol", p)
		}
	}
	for _, p := range h21provs {
		if p.fam != "github" && p.fam != "npm" {
			continue
		}
		v := p.mk(g)
		if strings.HasPrefix(v, "github_pat_") {
			continue
		}
		body := v[strings.Index(v, "_")+1:]
		if crcSuffix(body[:30]) != body[30:] {
			t.Fatalf("token %s: bad CRC32", v)
		}
	}
}
