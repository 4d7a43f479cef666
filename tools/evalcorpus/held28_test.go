package main

import (
	"encoding/base64"
	"io"
	"math/big"
	"math/rand/v2"
	"mime/quotedprintable"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestHeld28Labels checks the halves with checkPairedHalves: both generate, every label
// stands in its line with its core, rendering is deterministic per seed, the halves'
// templates are disjoint, and each half carries every kind of value.
func TestHeld28Labels(t *testing.T) {
	checkPairedHalves(t, held28aTemplates, held28bTemplates, 28, "secret/password", "secret/generic", "secret/private-key", "secret/aws", "secret/jwt", "pii/email", "pii/phone", "pii/iban", "pii/card", "pii/national-id", "neutral/hash", "neutral/id")
}

// TestHeld28Seeds checks that another seed renders other values and the same seed the
// same ones, for each half.
func TestHeld28Seeds(t *testing.T) {
	for half, ts := range map[string][]template{"a": held28aTemplates, "b": held28bTemplates} {
		render := func(seed uint64) string {
			var b strings.Builder
			for _, f := range fillAll(ts, seed) {
				b.WriteString(strings.Join(f.lines, "\n"))
			}
			return b.String()
		}
		if render(1) != render(1) {
			t.Errorf("half %s: seed 1 renders twice differently", half)
		}
		if render(1) == render(2) {
			t.Errorf("half %s: seeds 1 and 2 render the same", half)
		}
	}
}

// TestHeld28Encodings checks the files whose encoding is not UTF-8 or that escape their
// values: the member export is Windows-1252 (not valid UTF-8 once it has an umlaut) with
// CRLF, the mail body is quoted-printable that decodes back to the labelled values, the
// sign-up CSV starts with a BOM.
func TestHeld28Encodings(t *testing.T) {
	var sawLatin1, sawQP bool
	for _, f := range fillAll(held28aTemplates, 5) {
		if !strings.HasSuffix(f.name, "mitglieder_export.csv") {
			continue
		}
		for _, l := range f.lines {
			if !strings.HasSuffix(l, "\r") {
				t.Fatalf("member export line without CRLF: %q", l)
			}
		}
		if !utf8.ValidString(f.lines[0]) && strings.Contains(f.lines[0], "Stra\xdfe") {
			sawLatin1 = true
		}
	}
	for _, f := range fillAll(held28bTemplates, 5) {
		switch {
		case strings.HasSuffix(f.name, ".eml"):
			body := strings.Join(f.lines[9:], "\r\n")
			dec, err := io.ReadAll(quotedprintable.NewReader(strings.NewReader(body)))
			if err != nil || !utf8.Valid(dec) {
				t.Fatalf("quoted-printable body does not decode: %v", err)
			}
			for _, l := range f.labels {
				if l.Line > 9 && !strings.Contains(string(dec), l.Value) {
					t.Errorf("label %q not in decoded body", l.Value)
				}
				sawQP = sawQP || l.Line > 9
			}
		case strings.HasSuffix(f.name, "inscription-responses.csv"):
			if !strings.HasPrefix(f.lines[0], "\ufeff") {
				t.Errorf("sign-up CSV without BOM")
			}
		}
	}
	if !sawLatin1 || !sawQP {
		t.Errorf("Windows-1252 export seen %v, quoted-printable labels seen %v", sawLatin1, sawQP)
	}
}

// TestHeld28Formats checks the generators against their check rules, computed here
// another way: IBANs with big integers, the Hong Kong, Taiwanese, German, Italian and
// French identifiers with their published examples and rules written out, and the
// encoded secrets' decoding.
func TestHeld28Formats(t *testing.T) {
	// Published examples: HKID A123456(3), Taiwan A123456789, codice fiscale
	// RSSMRA85T10A562S.
	if h28hkidCheck("A", "123456") != "3" {
		t.Errorf("HKID check of A123456 is %s", h28hkidCheck("A", "123456"))
	}
	if !twidOK("A123456789") {
		t.Errorf("twidOK rejects A123456789")
	}
	if c := h28cfCheck("RSSMRA85T10A562"); c != 'S' {
		t.Errorf("codice fiscale check of RSSMRA85T10A562 is %c", c)
	}
	g := &gen{r: rand.New(rand.NewPCG(28, 29))}
	for i := 0; i < 300; i++ {
		ib := g.h28iban()
		n, ok := new(big.Int).SetString(ibanDigits(ib[4:]+ib[:4]), 10)
		if !ok || new(big.Int).Mod(n, big.NewInt(97)).Int64() != 1 {
			t.Fatalf("bad IBAN %s", ib)
		}
		if tw := g.h28twid(); len(tw) != 10 || !twidOK(tw) {
			t.Fatalf("bad Taiwan ID %s", tw)
		}
		hk := g.h28hkid()
		if len(hk) != 10 || hk[7] != '(' || hk[9] != ')' || !hkidOK(hk) {
			t.Fatalf("bad HKID %s", hk)
		}
		st := g.h28steuerID()
		if len(st) != 11 || st[0] == '0' || !steuerOK(st) {
			t.Fatalf("bad Steuer-ID %s", st)
		}
		counts := map[rune]int{}
		for _, c := range st[:10] {
			counts[c]++
		}
		if len(counts) != 9 {
			t.Fatalf("Steuer-ID %s: %d distinct digits in the first ten", st, len(counts))
		}
		nir := strings.ReplaceAll(g.h28nir(), " ", "")
		nb, _ := new(big.Int).SetString(nir[:13], 10)
		key := 97 - new(big.Int).Mod(nb, big.NewInt(97)).Int64()
		if len(nir) != 15 || nir[13:] != twoDigits(key) {
			t.Fatalf("bad NIR %s", nir)
		}
		cf := g.h28codiceFiscale()
		if len(cf) != 16 || h28cfCheck(cf[:15]) != cf[15] {
			t.Fatalf("bad codice fiscale %s", cf)
		}
		kb, err := base64.StdEncoding.DecodeString(g.h28pemB64())
		if err != nil || !strings.HasPrefix(string(kb), "-----BEGIN PRIVATE KEY-----\n") {
			t.Fatalf("key_base64 does not decode to a PEM block: %v", err)
		}
		if pw := g.h28pass(); strings.ContainsAny(pw, `="'`) {
			t.Fatalf("password %q has a character the files would escape", pw)
		}
	}
	if !steuerOK("86095742719") {
		t.Errorf("steuerOK rejects the published example 86095742719")
	}
}

// twidOK checks a Taiwanese ID with the letter table written out (I=34, O=35, W=32 …).
func twidOK(id string) bool {
	codes := map[byte]int{'A': 10, 'B': 11, 'C': 12, 'D': 13, 'E': 14, 'F': 15, 'G': 16, 'H': 17, 'I': 34, 'J': 18, 'K': 19, 'L': 20, 'M': 21, 'N': 22, 'O': 35, 'P': 23, 'Q': 24, 'R': 25, 'S': 26, 'T': 27, 'U': 28, 'V': 29, 'W': 32, 'X': 30, 'Y': 31, 'Z': 33}
	c, ok := codes[id[0]]
	if !ok || (id[1] != '1' && id[1] != '2') {
		return false
	}
	s := c/10 + c%10*9
	w := []int{8, 7, 6, 5, 4, 3, 2, 1, 1}
	for i := 1; i < 10; i++ {
		s += int(id[i]-'0') * w[i-1]
	}
	return s%10 == 0
}

// hkidOK checks that the weighted sum including the check character is 0 mod 11.
func hkidOK(id string) bool {
	s := 36*9 + (int(id[0]-'A')+10)*8
	for i := 1; i <= 6; i++ {
		s += int(id[i]-'0') * (8 - i)
	}
	c := 10
	if id[8] != 'A' {
		c = int(id[8] - '0')
	}
	return (s+c)%11 == 0
}

// steuerOK recomputes the MOD 11,10 check with the product carried as in ISO 7064.
func steuerOK(id string) bool {
	prod := 10
	for i := 0; i < 10; i++ {
		sum := (int(id[i]-'0') + prod) % 10
		if sum == 0 {
			sum = 10
		}
		prod = (sum * 2) % 11
	}
	c := (11 - prod) % 10
	return c == int(id[10]-'0')
}

func twoDigits(n int64) string {
	return string([]byte{byte('0' + n/10), byte('0' + n%10)})
}
