package main

import (
	"encoding/base64"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestHeld22Labels checks the halves with checkPairedHalves: every label at its line,
// cores inside values, determinism, kinds present in both halves.
func TestHeld22Labels(t *testing.T) {
	checkPairedHalves(t, held22aTemplates, held22bTemplates, 22, "secret/password", "secret/generic", "secret/private-key", "secret/azure", "pii/email", "pii/phone", "pii/national-id", "pii/iban", "neutral/hash", "neutral/id")
}

// TestHeld22HalvesDiffer checks that the two halves of each family write different
// shapes: one directory, different file names and, filled from one seed, different
// opening lines.
func TestHeld22HalvesDiffer(t *testing.T) {
	a, b := held22aTemplates, held22bTemplates
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

// TestHeld22NoPlaceholderSecrets checks that no value labelled secret or personal data
// is one of the placeholders the generators plant as negatives, and that no label is
// empty.
func TestHeld22NoPlaceholderSecrets(t *testing.T) {
	bad := []string{"changeme", "ChangeMe", "CHANGE", "<", "${", "{{", "%(", "$(", "#{", "****", "●●", "EXAMPLE", "PUT_", "MASKED", "sk_test_", "rk_test_", "pk_live_", "$argon2", "$6$", "{SSHA", "sha256:", "md5:", "ENCRYPTED["}
	for half, ts := range map[string][]template{"a": held22aTemplates, "b": held22bTemplates} {
		for _, f := range fillAll(ts, 2222) {
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

// TestHeld22IDs checks the identifiers against their check rules, written out here
// another way.
func TestHeld22IDs(t *testing.T) {
	g := &gen{r: rand.New(rand.NewPCG(22, 23))}
	for i := 0; i < 400; i++ {
		h := g.h22hetu()
		var n int
		for _, c := range h[:6] + h[7:10] {
			n = n*10 + int(c-'0')
		}
		if len(h) != 11 || h[10] != "0123456789ABCDEFHJKLMNPRSTUVWXY"[n%31] {
			t.Fatalf("bad henkilötunnus %s", h)
		}
		cpf := digitsOf(g.h22cpf())
		for k := 9; k <= 10; k++ {
			s := 0
			for j := 0; j < k; j++ {
				s += cpf[j] * (k + 1 - j)
			}
			want := s * 10 % 11 % 10
			if len(cpf) != 11 || cpf[k] != want {
				t.Fatalf("bad CPF %v", cpf)
			}
		}
		if z := g.h22teudat(); len(z) != 9 || luhnSum(digitsOf(z))%10 != 0 {
			t.Fatalf("bad Israeli ID %s", z)
		}
		bsn := digitsOf(g.h22bsn())
		s := -bsn[8]
		for j := 0; j < 8; j++ {
			s += bsn[j] * (9 - j)
		}
		if len(bsn) != 9 || s%11 != 0 {
			t.Fatalf("bad BSN %v", bsn)
		}
		dni := g.h22dni()
		dn := 0
		for _, d := range digitsOf(dni) {
			dn = dn*10 + d
		}
		if len(dni) != 9 || dni[8] != "TRWAGMYFPDXBNJZSQVHLCKE"[dn%23] {
			t.Fatalf("bad DNI %s", dni)
		}
		rut := g.h22rut()
		body := digitsOf(rut[:strings.Index(rut, "-")])
		sum := 0
		for j := range body {
			sum += body[len(body)-1-j] * []int{2, 3, 4, 5, 6, 7}[j%6]
		}
		dv := "0123456789K0"[11-sum%11]
		if rut[len(rut)-1] != dv {
			t.Fatalf("bad RUT %s", rut)
		}
		tc := digitsOf(g.h22tckn())
		c10 := ((tc[0]+tc[2]+tc[4]+tc[6]+tc[8])*7 - (tc[1] + tc[3] + tc[5] + tc[7])) % 10
		if c10 < 0 {
			c10 += 10
		}
		tot := 0
		for _, d := range tc[:10] {
			tot += d
		}
		if len(tc) != 11 || tc[0] == 0 || tc[9] != c10 || tc[10] != tot%10 {
			t.Fatalf("bad TC number %v", tc)
		}
		if ib := g.h22iban(); !ibanOK(ib) {
			t.Fatalf("bad IBAN %s", ib)
		}
		b, _ := g.h22basic()
		if dec, err := base64.StdEncoding.DecodeString(b); err != nil || !strings.Contains(string(dec), ":") {
			t.Fatalf("bad basic %s", b)
		}
		if ph := g.h22phone(); strings.HasPrefix(ph, "(") && ph[1] != '1' {
			area := ph[1:4]
			if area[1:] == "11" || area[1] == '9' || area[0] == '8' || area[0] < '2' {
				t.Fatalf("US number %s has an area code no person can have", ph)
			}
		}
		if pp := g.h22passport(); strings.ContainsRune(pp, 'O') || len(pp) < 8 {
			t.Fatalf("bad passport number %s", pp)
		}
		if p := g.h22plain(); strings.ContainsAny(p, "!#$%*+?@^=| ") {
			t.Fatalf("plain password %q has a symbol", p)
		}
	}
	for _, p := range h22provs {
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
