package main

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestHeld23Labels checks the halves with checkPairedHalves: every label at its line,
// cores inside values, determinism, kinds present in both halves.
func TestHeld23Labels(t *testing.T) {
	checkPairedHalves(t, held23aTemplates, held23bTemplates, 23, "secret/password", "secret/generic", "secret/private-key", "secret/aws", "secret/zwave-key", "pii/email", "pii/phone", "pii/national-id", "pii/iban", "pii/card", "pii/bank-account", "neutral/hash", "neutral/id")
}

// TestHeld23HalvesDiffer checks that the two halves of each family write different
// shapes: one directory, different file names and, filled from one seed, different
// opening lines.
func TestHeld23HalvesDiffer(t *testing.T) {
	a, b := held23aTemplates, held23bTemplates
	if len(a) != 20 || len(b) != 20 {
		t.Fatalf("halves have %d and %d families", len(a), len(b))
	}
	dirs := map[string]bool{}
	for i := range a {
		if a[i].dir != b[i].dir || a[i].name == b[i].name {
			t.Errorf("family %d: %s/%s against %s/%s", i, a[i].dir, a[i].name, b[i].dir, b[i].name)
		}
		if dirs[a[i].dir] {
			t.Errorf("family directory %s used twice", a[i].dir)
		}
		dirs[a[i].dir] = true
		fa := &file{name: a[i].name}
		a[i].fill(&gen{r: rand.New(rand.NewPCG(7, 8))}, fa)
		fb := &file{name: b[i].name}
		b[i].fill(&gen{r: rand.New(rand.NewPCG(7, 8))}, fb)
		n := min(3, len(fa.lines), len(fb.lines))
		if strings.Join(fa.lines[:n], "\n") == strings.Join(fb.lines[:n], "\n") {
			t.Errorf("family %s: halves open alike", a[i].dir)
		}
	}
}

// TestHeld23NoPlaceholderSecrets checks that no value labelled secret or personal data
// is one of the placeholders the generators plant as negatives, and that no label is
// empty.
func TestHeld23NoPlaceholderSecrets(t *testing.T) {
	bad := []string{"changeme", "CHANGE_ME", "REPLACE_ME", "<", "${", "{{", "%{", "$(", "@@", "****", "•••", "EXAMPLE", "redacted", "[hidden]", "sk_test_", "pk_live_", "$2b$", "$6$", "sha256:", "0x01, 0x02, 0x03"}
	for half, ts := range map[string][]template{"a": held23aTemplates, "b": held23bTemplates} {
		for _, f := range fillAll(ts, 2323) {
			for _, l := range f.labels {
				if l.Value == "" {
					t.Errorf("%s %s:%d: empty label", half, f.name, l.Line)
				}
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

// TestHeld23IDs checks the identifiers against their check rules, written out here
// another way.
func TestHeld23IDs(t *testing.T) {
	g := &gen{r: rand.New(rand.NewPCG(23, 24))}
	for i := 0; i < 400; i++ {
		tfn := digitsOf(g.h23tfn())
		s := 0
		for j, w := range []int{1, 4, 3, 7, 5, 8, 6, 9, 10} {
			s += tfn[j] * w
		}
		if len(tfn) != 9 || s%11 != 0 {
			t.Fatalf("bad TFN %v", tfn)
		}
		rrn := digitsOf(g.h23rrn())
		n := 0
		for _, d := range rrn[:9] {
			n = n*10 + d
		}
		if len(rrn) != 11 || rrn[9]*10+rrn[10] != 97-n%97 {
			t.Fatalf("bad national register number %v", rrn)
		}
		oib := digitsOf(g.h23oib())
		r := 10
		for _, d := range oib[:10] {
			r = (d + r) % 10
			if r == 0 {
				r = 10
			}
			r = (2 * r) % 11
		}
		if want := (11 - r) % 10; len(oib) != 11 || oib[10] != want {
			t.Fatalf("bad OIB %v", oib)
		}
		cnp := digitsOf(g.h23cnp())
		w := []int{2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9}
		s = 0
		for j := range w {
			s += cnp[j] * w[j]
		}
		c := s % 11
		if c == 10 {
			c = 1
		}
		if len(cnp) != 13 || cnp[12] != c {
			t.Fatalf("bad CNP %v", cnp)
		}
		jm := digitsOf(g.h23jmbg())
		s = 0
		for j := 0; j < 12; j++ {
			s += jm[j] * (7 - j%6)
		}
		k := 11 - s%11
		if k > 9 {
			k = 0
		}
		if len(jm) != 13 || jm[12] != k {
			t.Fatalf("bad JMBG %v", jm)
		}
		gst := g.h23gstin(g.h23pan('C'))
		if len(gst) != 15 || !h23gstinOK(gst) {
			t.Fatalf("bad GSTIN %s", gst)
		}
		if ib := g.h23iban(); !ibanOK(ib) {
			t.Fatalf("bad IBAN %s", ib)
		}
		if p := g.h23plain(); strings.ContainsAny(p, "!#$%*+?@^=~| ") {
			t.Fatalf("plain password %q has a symbol", p)
		}
	}
	for _, p := range h23provs {
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

// h23gstinOK checks a GSTIN the way the Luhn mod N algorithm validates: with the check
// character included, the doubled-from-the-right sum is a multiple of 36.
func h23gstinOK(s string) bool {
	const cs = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	sum := 0
	for i := 0; i < len(s); i++ {
		v := strings.IndexByte(cs, s[len(s)-1-i])
		if i%2 == 1 {
			v *= 2
		}
		sum += v/36 + v%36
	}
	return sum%36 == 0
}
