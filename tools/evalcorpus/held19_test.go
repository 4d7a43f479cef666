package main

import (
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"math/rand/v2"
	"net/url"
	"strings"
	"testing"
)

// TestHeld19Labels checks the halves with checkPairedHalves.
func TestHeld19Labels(t *testing.T) {
	checkPairedHalves(t, held19aTemplates, held19bTemplates, 19, "secret/password", "secret/generic", "secret/private-key", "secret/aws", "secret/github", "pii/email", "pii/phone", "pii/iban", "pii/card", "pii/national-id", "neutral/hash", "neutral/ciphertext", "neutral/passport")
}

// TestHeld19IDs checks the national ids against their check rules, written out here
// another way: Verhoeff by validating the whole number, Thai, Israeli, Iranian, RNOKPP
// and IIN from their published formulas, AMKA and the Israeli id as Luhn numbers, and
// IBANs with big integers.
func TestHeld19IDs(t *testing.T) {
	g := &gen{r: rand.New(rand.NewPCG(19, 20))}
	digitsOf := func(s string) []int {
		var d []int
		for _, c := range s {
			if c >= '0' && c <= '9' {
				d = append(d, int(c-'0'))
			}
		}
		return d
	}
	for i := 0; i < 500; i++ {
		if ib := g.h19iban(); !ibanOK(ib) {
			t.Fatalf("bad IBAN %s", ib)
		}
		// Verhoeff: a valid number checks to zero with the permutation of each position.
		a := digitsOf(g.h19aadhaar())
		c := 0
		for j := 0; j < len(a); j++ {
			c = h19vD[c][h19vP[j%8][a[len(a)-1-j]]]
		}
		if len(a) != 12 || c != 0 || a[0] < 2 {
			t.Fatalf("bad Aadhaar %v", a)
		}
		th := digitsOf(g.h19thai())
		s := 0
		for j, w := range []int{13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2} {
			s += th[j] * w
		}
		if len(th) != 13 || (11-s%11)%10 != th[12] {
			t.Fatalf("bad Thai id %v", th)
		}
		il := digitsOf(g.h19israeli())
		s = 0
		for j, d := range il {
			x := d * (1 + j%2)
			s += x/10 + x%10
		}
		if len(il) != 9 || s%10 != 0 {
			t.Fatalf("bad Israeli id %v", il)
		}
		ir := digitsOf(g.h19melli())
		s = 0
		for j := 0; j < 9; j++ {
			s += ir[j] * (10 - j)
		}
		if r := s % 11; len(ir) != 10 || (r < 2 && ir[9] != r) || (r >= 2 && ir[9] != 11-r) {
			t.Fatalf("bad Iranian code %v", ir)
		}
		for _, n := range [][]int{digitsOf(g.h19amka())} {
			s = 0
			for j := range n {
				d := n[len(n)-1-j]
				if j%2 == 1 {
					d *= 2
					if d > 9 {
						d -= 9
					}
				}
				s += d
			}
			if len(n) != 11 || s%10 != 0 {
				t.Fatalf("bad AMKA %v", n)
			}
		}
		ua := digitsOf(g.h19rnokpp())
		s = -ua[0] + 5*ua[1] + 7*ua[2] + 9*ua[3] + 4*ua[4] + 6*ua[5] + 10*ua[6] + 5*ua[7] + 7*ua[8]
		if len(ua) != 10 || ((s%11+11)%11)%10 != ua[9] {
			t.Fatalf("bad RNOKPP %v", ua)
		}
		kz := digitsOf(g.h19iin())
		s = 0
		for j := 0; j < 11; j++ {
			s += kz[j] * (j + 1)
		}
		want := s % 11
		if want == 10 {
			s = 0
			for j, w := range []int{3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2} {
				s += kz[j] * w
			}
			want = s % 11
		}
		if len(kz) != 12 || want == 10 || want != kz[11] {
			t.Fatalf("bad IIN %v", kz)
		}
		if tr, c := g.h19track2("="); !strings.HasPrefix(tr, c+"=") || luhnDigit(c[:len(c)-1]) != c[len(c)-1] {
			t.Fatalf("bad track 2 %s", tr)
		}
	}
	// The APRS-IS passcode of N0CALL is the one the APRS-IS documentation gives.
	if p := h19aprs("N0CALL-10"); p != 13023 {
		t.Fatalf("APRS passcode of N0CALL: %d", p)
	}
}

// TestHeld19Escapes checks that each format's escape decodes back to the password with
// the format's own reader (JSON, XML, percent-decoding) or its rule (CSV, shell, SQL
// quotes, conninfo).
func TestHeld19Escapes(t *testing.T) {
	g := &gen{r: rand.New(rand.NewPCG(3, 4))}
	seen := map[rune]bool{}
	for i := 0; i < 2000; i++ {
		pw := g.h19pass()
		for _, r := range pw {
			seen[r] = true
		}
		var back string
		if err := json.Unmarshal([]byte(`"`+h19js(pw)+`"`), &back); err != nil || back != pw {
			t.Fatalf("json %q -> %q (%v)", pw, back, err)
		}
		var x struct {
			A string `xml:"a,attr"`
			T string `xml:",chardata"`
		}
		if err := xml.Unmarshal([]byte(`<x a="`+h19attr(pw)+`">`+h19text(pw)+`</x>`), &x); err != nil || x.A != pw || x.T != pw {
			t.Fatalf("xml %q -> %q %q (%v)", pw, x.A, x.T, err)
		}
		if u, err := url.PathUnescape(h19pct(pw)); err != nil || u != pw || strings.ContainsAny(h19pct(pw), "@:/?#& ") {
			t.Fatalf("percent %q -> %q", pw, h19pct(pw))
		}
		if q := h19csv(pw + ","); !strings.HasPrefix(q, `"`) || strings.ReplaceAll(q[1:len(q)-1], `""`, `"`) != pw+"," {
			t.Fatalf("csv %q -> %q", pw, q)
		}
		if strings.ReplaceAll(h19sh(pw), `'\''`, "'") != pw || strings.ReplaceAll(h19sq(pw), "''", "'") != pw {
			t.Fatalf("quotes %q", pw)
		}
		if strings.NewReplacer(`\\`, `\`, `\'`, `'`).Replace(h19conninfo(pw)) != pw {
			t.Fatalf("conninfo %q", pw)
		}
		if p := g.h19passNo(` "'\;#`); strings.ContainsAny(p, ` "'\;#`) || len(p) < 8 {
			t.Fatalf("passNo %q", p)
		}
	}
	for _, r := range `&%#;"'\ ` {
		if !seen[r] {
			t.Errorf("no password holds %q", r)
		}
	}
	// Talos and Tauri keys decode to the key they stand for.
	v := base64.StdEncoding.EncodeToString([]byte("-----BEGIN EC PRIVATE KEY-----\nabc\n"))
	if dec, _ := base64.StdEncoding.DecodeString(v[:40]); !strings.HasPrefix(string(dec), "-----BEGIN EC PRIVATE KEY") {
		t.Fatalf("key core decodes to %q", dec)
	}
}
