package main

import (
	"encoding/base64"
	"encoding/json"
	"html"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// TestHeld20Labels checks the halves with checkPairedHalves: every label at its line,
// cores inside values, determinism, kinds present in both halves.
func TestHeld20Labels(t *testing.T) {
	checkPairedHalves(t, held20aTemplates, held20bTemplates, 20, "secret/password", "secret/generic", "secret/private-key", "secret/jwt", "secret/sim-key", "secret/lorawan", "pii/email", "pii/phone", "pii/iban", "pii/card", "pii/national-id", "neutral/hash", "neutral/id")
}

// TestHeld20HalvesDiffer checks that the two halves of each family write different
// shapes: different file names and, filled from one seed, different opening lines.
func TestHeld20HalvesDiffer(t *testing.T) {
	a, b := held20aTemplates, held20bTemplates
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

// TestHeld20IDs checks the national ids, IBANs, ICCIDs and Synapse tokens against their
// rules, written out here another way.
func TestHeld20IDs(t *testing.T) {
	g := &gen{r: rand.New(rand.NewPCG(20, 21))}
	digitsOf := func(s string) []int {
		var d []int
		for _, c := range s {
			if c >= '0' && c <= '9' {
				d = append(d, int(c-'0'))
			}
		}
		return d
	}
	luhnOK := func(d []int) bool {
		s := 0
		for j := range d {
			x := d[len(d)-1-j]
			if j%2 == 1 {
				x *= 2
				if x > 9 {
					x -= 9
				}
			}
			s += x
		}
		return s%10 == 0
	}
	for i := 0; i < 500; i++ {
		ib := g.h20iban()
		if !ibanOK(ib) {
			t.Fatalf("bad IBAN %s", ib)
		}
		if strings.HasPrefix(ib, "BE") {
			// The Belgian BBAN's last two digits are its first ten mod 97 (0 written 97).
			n, _ := strconv.ParseInt(ib[4:14], 10, 64)
			c, _ := strconv.ParseInt(ib[14:], 10, 64)
			if want := n % 97; c != want && !(want == 0 && c == 97) {
				t.Fatalf("bad Belgian BBAN %s", ib)
			}
		}
		bsn := digitsOf(g.h20bsn())
		s := 0
		for j, w := range []int{9, 8, 7, 6, 5, 4, 3, 2, -1} {
			s += bsn[j] * w
		}
		if len(bsn) != 9 || s%11 != 0 {
			t.Fatalf("bad BSN %v", bsn)
		}
		rrn := g.h20rrn()
		rd := digitsOf(rrn)
		var n9 int64
		for _, x := range rd[:9] {
			n9 = n9*10 + int64(x)
		}
		c := rd[9]*10 + rd[10]
		ok1 := 97-n9%97 == int64(c)
		ok2 := 97-(n9+2000000000)%97 == int64(c)
		if len(rd) != 11 || !(ok1 || ok2) {
			t.Fatalf("bad Belgian number %s", rrn)
		}
		rut := g.h20rut()
		body, dv, _ := strings.Cut(rut, "-")
		body = strings.ReplaceAll(body, ".", "")
		s = 0
		for j := 0; j < len(body); j++ {
			s += int(body[len(body)-1-j]-'0') * (2 + j%6)
		}
		want := map[int]string{11: "0", 10: "K"}[11-s%11]
		if want == "" {
			want = strconv.Itoa(11 - s%11)
		}
		if dv != want {
			t.Fatalf("bad RUT %s (want %s)", rut, want)
		}
		rc := strings.ReplaceAll(g.h20rc(), "/", "")
		rn, _ := strconv.ParseInt(rc, 10, 64)
		if len(rc) != 10 || rn%11 != 0 {
			t.Fatalf("bad birth number %s", rc)
		}
		fnr := digitsOf(g.h20fnr())
		s1, s2 := 0, 0
		for j, w := range []int{3, 7, 6, 1, 8, 9, 4, 5, 2, 1} {
			s1 += fnr[j] * w
		}
		for j, w := range []int{5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1} {
			s2 += fnr[j] * w
		}
		if len(fnr) != 11 || s1%11 != 0 || s2%11 != 0 {
			t.Fatalf("bad fødselsnummer %v", fnr)
		}
		h := g.h20hetu()
		num, _ := strconv.Atoi(h[:6] + h[7:10])
		if len(h) != 11 || (h[6] != '-' && h[6] != 'A') || "0123456789ABCDEFHJKLMNPRSTUVWXY"[num%31] != h[10] {
			t.Fatalf("bad HETU %s", h)
		}
		ic := digitsOf(g.h20iccid())
		if len(ic) != 19 || ic[0] != 8 || ic[1] != 9 || !luhnOK(ic) {
			t.Fatalf("bad ICCID %v", ic)
		}
		if c := g.card(false); !luhnOK(digitsOf(c)) {
			t.Fatalf("bad card %s", c)
		}
		syt := g.h20syt("ops")
		parts := strings.Split(syt, "_")
		if dec, err := base64.RawURLEncoding.DecodeString(parts[1]); len(parts) != 4 || err != nil || string(dec) != "ops" || len(parts[2]) != 20 || len(parts[3]) != 6 {
			t.Fatalf("bad Synapse token %s", syt)
		}
		if k := g.h20ttn(); len(k) != 6+39+1+52 || strings.Count(k, ".") != 2 || !strings.HasPrefix(k, "NNSXS.") {
			t.Fatalf("bad TTN key %s", k)
		}
	}
}

// TestHeld20Escapes checks that the escapes the templates use decode back: the
// Intercom body (HTML then JSON \u escapes), PHP single quotes.
func TestHeld20Escapes(t *testing.T) {
	g := &gen{r: rand.New(rand.NewPCG(8, 9))}
	seen := map[rune]bool{}
	for i := 0; i < 2000; i++ {
		pw := g.h20pass()
		for _, r := range pw {
			seen[r] = true
		}
		var back string
		if err := json.Unmarshal([]byte(`"`+h18jsonU(h18html(pw+" ĉu"))+`"`), &back); err != nil || html.UnescapeString(back) != pw+" ĉu" {
			t.Fatalf("intercom body %q -> %q (%v)", pw, back, err)
		}
		if strings.NewReplacer(`\\`, `\`, `\'`, `'`).Replace(h20php(pw)) != pw {
			t.Fatalf("php %q", pw)
		}
		if p := g.h20passNo(` "'\;#`); strings.ContainsAny(p, ` "'\;#`) || len(p) < 8 {
			t.Fatalf("passNo %q", p)
		}
	}
	for _, r := range `&%#;"'\<> ` {
		if !seen[r] {
			t.Errorf("no password holds %q", r)
		}
	}
}
