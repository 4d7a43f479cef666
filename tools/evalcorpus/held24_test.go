package main

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestHeld24Labels checks the halves with checkPairedHalves: every label at its line,
// cores inside values, determinism, kinds present in both halves.
func TestHeld24Labels(t *testing.T) {
	checkPairedHalves(t, held24aTemplates, held24bTemplates, 24, "secret/password", "secret/generic", "secret/jwt", "pii/email", "pii/phone", "pii/national-id", "pii/iban", "pii/card", "neutral/hash", "neutral/id", "neutral/ciphertext")
}

// TestHeld24HalvesDiffer checks that the two halves of each family write different
// shapes: one directory, different file names and, filled from one seed, different
// opening lines.
func TestHeld24HalvesDiffer(t *testing.T) {
	a, b := held24aTemplates, held24bTemplates
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

// TestHeld24NoPlaceholderSecrets checks that no value labelled secret or personal data
// is one of the placeholders the generators plant as negatives, and that no label is
// empty.
func TestHeld24NoPlaceholderSecrets(t *testing.T) {
	bad := []string{"changeme", "change-me", "PUT_PASSWORD", "<", "${", "{{", "$(", "%(", "#{", "****", "●●●", "EXAMPLE", "REDACTED", "<hidden>", "sk_test_", "pk_live_", "$2y$", "$2a$", "$argon2", "sha1:", "AES:", "xxxxxxxx", "000102030405060708090A0B0C0D0E0F", "EZTK"}
	for half, ts := range map[string][]template{"a": held24aTemplates, "b": held24bTemplates} {
		for _, f := range fillAll(ts, 2424) {
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
					case "password", "example", "TBD", "none", "null", "false", "off":
						t.Errorf("%s %s:%d: password core %q is a placeholder", half, f.name, l.Line, l.Core)
					}
				}
			}
		}
	}
}

// TestHeld24IDs checks the identifiers against their check rules, written out here
// another way.
func TestHeld24IDs(t *testing.T) {
	g := &gen{r: rand.New(rand.NewPCG(24, 25))}
	for i := 0; i < 400; i++ {
		cpf := digitsOf(g.h24cpf(true))
		for _, n := range []int{9, 10} {
			s := 0
			for j := 0; j < n; j++ {
				s += cpf[j] * (n + 1 - j)
			}
			want := s * 10 % 11 % 10
			if len(cpf) != 11 || cpf[n] != want {
				t.Fatalf("bad CPF %v", cpf)
			}
		}
		bsn := digitsOf(g.h24bsn())
		s := -bsn[8]
		for j := 0; j < 8; j++ {
			s += bsn[j] * (9 - j)
		}
		if len(bsn) != 9 || s%11 != 0 {
			t.Fatalf("bad BSN %v", bsn)
		}
		ahv := digitsOf(g.h24ahv())
		s = 0
		for j, d := range ahv {
			if j%2 == 0 {
				s += d
			} else {
				s += 3 * d
			}
		}
		if len(ahv) != 13 || s%10 != 0 {
			t.Fatalf("bad AHV %v", ahv)
		}
		tz := digitsOf(g.h24tz())
		s = 0
		for j, d := range tz {
			p := d * (j%2 + 1)
			if p > 9 {
				p -= 9
			}
			s += p
		}
		if len(tz) != 9 || s%10 != 0 {
			t.Fatalf("bad Israeli ID %v", tz)
		}
		ird := digitsOf(g.h24ird())
		if len(ird) != 9 {
			t.Fatalf("bad IRD %v", ird)
		}
		s = 0
		for j, w := range []int{3, 2, 7, 6, 5, 4, 3, 2} {
			s += ird[j] * w
		}
		if c := (11 - s%11) % 11; c != 10 && ird[8] != c {
			t.Fatalf("bad IRD %v", ird)
		}
		ph := g.h24phone()
		switch {
		case strings.HasPrefix(ph, "06-") && !strings.ContainsRune("12345", rune(ph[3])),
			strings.HasPrefix(ph, "+31 6 ") && !strings.ContainsRune("12345", rune(ph[6])),
			strings.HasPrefix(ph, "(") && !strings.ContainsRune("6789", rune(ph[6])),
			strings.HasPrefix(ph, "+55 ") && !strings.ContainsRune("6789", rune(ph[8])):
			t.Fatalf("phone %s outside its numbering plan", ph)
		}
		if ib := g.h24iban(); !ibanOK(ib) {
			t.Fatalf("bad IBAN %s", ib)
		}
		if p := g.h24plain(); strings.ContainsAny(p, "!#$%*+?@^=~| ") {
			t.Fatalf("plain password %q has a symbol", p)
		}
	}
	for _, p := range h24provs {
		if p.fam != "github" && p.fam != "npm" {
			continue
		}
		v := p.mk(g)
		body := v[strings.Index(v, "_")+1:]
		if crcSuffix(body[:30]) != body[30:] {
			t.Fatalf("token %s: bad CRC32", v)
		}
	}
}
