package main

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestHeld26Labels checks the halves with checkPairedHalves: every label at its line,
// cores inside values, determinism, kinds present in both halves.
func TestHeld26Labels(t *testing.T) {
	checkPairedHalves(t, held26aTemplates, held26bTemplates, 26, "secret/password", "secret/generic", "secret/jwt", "pii/email", "pii/phone", "pii/national-id", "pii/iban", "pii/card", "pii/bank-account", "neutral/hash", "neutral/id")
}

// TestHeld26HalvesDiffer checks that the two halves of each family write different
// shapes: one directory, different file names and, filled from one seed, different
// opening lines.
func TestHeld26HalvesDiffer(t *testing.T) {
	a, b := held26aTemplates, held26bTemplates
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

// TestHeld26NoPlaceholderSecrets checks that no value labelled secret or personal data
// is one of the placeholders the generators plant as negatives, and that no label is
// empty.
func TestHeld26NoPlaceholderSecrets(t *testing.T) {
	bad := []string{"changeme", "change-me", "ChangeMe", "REPLACE_ME", "<", "${", "{{", "$(", "%(", "#{", "__SECRET__", "****", "●●●", "EXAMPLE", "FILTERED", "hidden", "sk_test_", "pk_test_", "pk.eyJ", "$2y$", "pbkdf2_", "md5:", "ENC(", "crypt:", "xxxxxxxx", "XXXX"}
	for half, ts := range map[string][]template{"a": held26aTemplates, "b": held26bTemplates} {
		for _, f := range fillAll(ts, 2626) {
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
					case "secret", "password", "dummy", "none", "null", "off", "n/a":
						t.Errorf("%s %s:%d: password core %q is a placeholder", half, f.name, l.Line, l.Core)
					}
				}
			}
		}
	}
}

// TestHeld26IDs checks the identifiers against their check rules, written out here
// another way.
func TestHeld26IDs(t *testing.T) {
	g := &gen{r: rand.New(rand.NewPCG(26, 27))}
	luhnOK := func(ds []int) bool {
		s := 0
		for j := range ds {
			d := ds[len(ds)-1-j]
			if j%2 == 1 {
				d *= 2
				if d > 9 {
					d -= 9
				}
			}
			s += d
		}
		return s%10 == 0
	}
	for i := 0; i < 500; i++ {
		// My Number: weights 6 5 4 3 2 7 6 5 4 3 2 over the first eleven digits from the left.
		mn := digitsOf(g.h26mynumber())
		s := 0
		for j, w := range []int{6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2} {
			s += mn[j] * w
		}
		want := 11 - s%11
		if want >= 10 {
			want = 0
		}
		if len(mn) != 12 || mn[11] != want {
			t.Fatalf("bad My Number %v", mn)
		}
		cpf := digitsOf(g.h26cpf())
		for k := 9; k <= 10; k++ {
			s = 0
			for j := 0; j < k; j++ {
				s += cpf[j] * (k + 1 - j)
			}
			c := 11 - s%11
			if c >= 10 {
				c = 0
			}
			if cpf[k] != c {
				t.Fatalf("bad CPF %v", cpf)
			}
		}
		bsn := digitsOf(g.h26bsn())
		s = -bsn[8]
		for j := 0; j < 8; j++ {
			s += bsn[j] * (9 - j)
		}
		if len(bsn) != 9 || s%11 != 0 {
			t.Fatalf("bad BSN %v", bsn)
		}
		h := g.h26hetu()
		n := 0
		for _, c := range h[:6] + h[7:10] {
			n = n*10 + int(c-'0')
		}
		if len(h) != 11 || "0123456789ABCDEFHJKLMNPRSTUVWXY"[n%31] != h[10] {
			t.Fatalf("bad HETU %s", h)
		}
		if sa := digitsOf(g.h26said()); len(sa) != 13 || !luhnOK(sa) {
			t.Fatalf("bad SA ID %v", sa)
		}
		bn := digitsOf(g.h26bnn())
		n = 0
		for _, d := range bn[:9] {
			n = n*10 + d
		}
		if len(bn) != 11 || (n%97+bn[9]*10+bn[10])%97 != 0 {
			t.Fatalf("bad Belgian number %v", bn)
		}
		if ib := g.h26iban(); !ibanOK(ib) {
			t.Fatalf("bad IBAN %s", ib)
		}
		if cc := digitsOf(g.h26card()); !luhnOK(cc) {
			t.Fatalf("bad card %v", cc)
		}
		if ssn := g.h26ssn(); strings.HasPrefix(ssn, "000") || strings.HasPrefix(ssn, "666") || ssn[0] == '9' {
			t.Fatalf("bad SSN %s", ssn)
		}
		if p := g.h26plain(); strings.ContainsAny(p, "!#$%*+?@^=~| ") {
			t.Fatalf("plain password %q has a symbol", p)
		}
	}
	for _, p := range h26provs {
		if p.fam == "typeform" {
			if v := p.mk(g); len(v) != 63 || v[48] != '_' || !strings.HasPrefix(v, "tfp_") {
				t.Fatalf("typeform token %s: not tfp_ and 59 characters", v)
			}
		}
		if p.fam != "npm" && p.fam != "github" {
			continue
		}
		v := p.mk(g)
		body := v[strings.Index(v, "_")+1:]
		if crcSuffix(body[:30]) != body[30:] {
			t.Fatalf("token %s: bad CRC32", v)
		}
	}
}
