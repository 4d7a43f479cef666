package main

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestHeld25Labels checks the halves with checkPairedHalves: every label at its line,
// cores inside values, determinism, kinds present in both halves.
func TestHeld25Labels(t *testing.T) {
	checkPairedHalves(t, held25aTemplates, held25bTemplates, 25, "secret/password", "secret/generic", "secret/jwt", "secret/private-key", "pii/email", "pii/phone", "pii/national-id", "pii/iban", "pii/card", "neutral/hash", "neutral/id")
}

// TestHeld25HalvesDiffer checks that the two halves of each family write different
// shapes: one directory, different file names and, filled from one seed, different
// opening lines.
func TestHeld25HalvesDiffer(t *testing.T) {
	a, b := held25aTemplates, held25bTemplates
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

// TestHeld25NoPlaceholderSecrets checks that no value labelled secret or personal data
// is one of the placeholders the generators plant as negatives, and that no label is
// empty.
func TestHeld25NoPlaceholderSecrets(t *testing.T) {
	bad := []string{"changeme", "change_me", "YOUR_API", "<", "${", "{{", "$(", "%(", "@@", "****", "•••", "EXAMPLE", "REDACTED", "MASKED", "sk_test_", "pk_live_", "$2b$", "$6$", "$apr1$", "{SSHA}", "{SHA512}", "sha256:", "xxxxxxxx"}
	for half, ts := range map[string][]template{"a": held25aTemplates, "b": held25bTemplates} {
		for _, f := range fillAll(ts, 2525) {
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
				if l.Kind == "secret" && l.Family == "password" {
					switch l.Core {
					case "secret", "example", "TODO", "none", "null", "false", "disabled":
						t.Errorf("%s %s:%d: password core %q is a placeholder", half, f.name, l.Line, l.Core)
					}
				}
			}
		}
	}
}

// TestHeld25IDs checks the identifiers against their check rules, written out here
// another way.
func TestHeld25IDs(t *testing.T) {
	g := &gen{r: rand.New(rand.NewPCG(25, 26))}
	for i := 0; i < 400; i++ {
		p := digitsOf(g.h25pesel())
		s := 0
		for j, w := range []int{1, 3, 7, 9, 1, 3, 7, 9, 1, 3, 1} {
			s += p[j] * w
		}
		if len(p) != 11 || s%10 != 0 {
			t.Fatalf("bad PESEL %v", p)
		}
		tc := digitsOf(g.h25tckn())
		s = 0
		for _, d := range tc[:10] {
			s += d
		}
		if len(tc) != 11 || tc[0] == 0 || s%10 != tc[10] || ((tc[0]+tc[2]+tc[4]+tc[6]+tc[8])*7+10*10-(tc[1]+tc[3]+tc[5]+tc[7]))%10 != tc[9] {
			t.Fatalf("bad TCKN %v", tc)
		}
		dni := g.h25dni()
		n := 0
		for _, c := range dni[:8] {
			n = n*10 + int(c-'0')
		}
		if "TRWAGMYFPDXBNJZSQVHLCKE"[n%23] != dni[8] {
			t.Fatalf("bad DNI %s", dni)
		}
		pn := digitsOf(g.h25pnr())
		s = 0
		for j, d := range pn {
			if j%2 == 0 {
				d *= 2
				if d > 9 {
					d -= 9
				}
			}
			s += d
		}
		if len(pn) != 10 || s%10 != 0 {
			t.Fatalf("bad personnummer %v", pn)
		}
		rut := g.h25rut()
		body := digitsOf(rut[:strings.Index(rut, "-")])
		s = 0
		for j := range body {
			s += body[len(body)-1-j] * (2 + j%6)
		}
		want := map[int]string{0: "0", 1: "K"}[s%11]
		if want == "" {
			want = string(rune('0' + 11 - s%11))
		}
		if !strings.HasSuffix(rut, "-"+want) {
			t.Fatalf("bad RUT %s", rut)
		}
		if ib := g.h25iban(); !ibanOK(ib) {
			t.Fatalf("bad IBAN %s", ib)
		}
		cc := digitsOf(g.h25card())
		s = 0
		for j := range cc {
			d := cc[len(cc)-1-j]
			if j%2 == 1 {
				d *= 2
				if d > 9 {
					d -= 9
				}
			}
			s += d
		}
		if s%10 != 0 {
			t.Fatalf("bad card %v", cc)
		}
		if ni := g.h25nino(false); len(ni) != 9 || strings.ContainsAny(ni[:1], "DFIQUV") || strings.ContainsAny(ni[1:2], "DFIOQUV") {
			t.Fatalf("bad NINO %s", ni)
		}
		if ssn := g.h25ssn(); strings.HasPrefix(ssn, "000") || strings.HasPrefix(ssn, "666") || ssn[0] == '9' {
			t.Fatalf("bad SSN %s", ssn)
		}
		if p := g.h25plain(); strings.ContainsAny(p, "!#$%*+?@^=~| ") {
			t.Fatalf("plain password %q has a symbol", p)
		}
	}
	for _, p := range h25provs {
		if p.fam != "npm" {
			continue
		}
		v := p.mk(g)
		body := v[strings.Index(v, "_")+1:]
		if crcSuffix(body[:30]) != body[30:] {
			t.Fatalf("token %s: bad CRC32", v)
		}
	}
}
