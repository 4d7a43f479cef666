package main

import (
	"encoding/base64"
	"encoding/json"
	"html"
	"math/big"
	"math/rand/v2"
	"net/url"
	"strings"
	"testing"
)

// TestHeld18Labels checks the halves with checkPairedHalves.
func TestHeld18Labels(t *testing.T) {
	checkPairedHalves(t, held18aTemplates, held18bTemplates, 18, "secret/password", "secret/generic", "secret/private-key", "secret/aws", "secret/github", "secret/slack", "pii/email", "pii/phone", "pii/iban", "pii/card", "pii/national-id", "neutral/hash", "neutral/ciphertext")
}

// checkPairedHalves checks a two-halves split with checkHalf: the halves pair one
// template each in different shapes (no file name used twice), every file plants a
// secret or personal data, most templates plant a secret, and every half has a label of
// each of kinds ("kind/family").
func checkPairedHalves(t *testing.T, a, b []template, seed uint64, kinds ...string) {
	t.Helper()
	if len(a) != len(b) || len(a) < 20 {
		t.Fatalf("halves have %d and %d templates", len(a), len(b))
	}
	names := map[string]bool{}
	for _, ts := range [][]template{a, b} {
		for _, tp := range ts {
			if names[tp.name] {
				t.Errorf("template name %q used twice", tp.name)
			}
			names[tp.name] = true
		}
	}
	for half, ts := range map[string][]template{"a": a, "b": b} {
		withSecret := map[string]bool{}
		fams := map[string]int{}
		for _, f := range checkHalf(t, half, ts, seed) {
			pos := 0
			for _, l := range f.labels {
				fams[l.Kind+"/"+l.Family]++
				if l.Kind == "secret" {
					withSecret[f.name] = true
				}
				if l.Kind != "neutral" {
					pos++
				}
			}
			if pos == 0 {
				t.Errorf("%s %s: nothing planted", half, f.name)
			}
		}
		if len(withSecret) < len(ts)-3 {
			t.Errorf("half %s: only %d of %d templates plant a secret", half, len(withSecret), len(ts))
		}
		for _, k := range kinds {
			if fams[k] == 0 {
				t.Errorf("half %s: no %s label", half, k)
			}
		}
	}
}

// TestHeld18Formats checks the generators against their formats, computed here another
// way: IBANs with big integers, isikukood and kennitala with their check rules written
// out, GitHub tokens' CRC32, and that the \u-escaped, HTML-escaped, percent- and
// base64-encoded values decode to what they stand for.
func TestHeld18Formats(t *testing.T) {
	g := &gen{r: rand.New(rand.NewPCG(7, 8))}
	for i := 0; i < 300; i++ {
		ib := g.h18iban()
		n, ok := new(big.Int).SetString(ibanDigits(ib[4:]+ib[:4]), 10)
		if !ok || new(big.Int).Mod(n, big.NewInt(97)).Int64() != 1 {
			t.Fatalf("bad IBAN %s", ib)
		}
		ik := g.h18isikukood()
		if len(ik) != 11 || int(ik[10]-'0') != isikukoodCheck(ik) {
			t.Fatalf("bad isikukood %s", ik)
		}
		kt := strings.ReplaceAll(g.h18kennitala(), "-", "")
		s := 0
		for j, w := range []int{3, 2, 7, 6, 5, 4, 3, 2, 1} {
			s += int(kt[j]-'0') * w
		}
		if len(kt) != 10 || s%11 != 0 {
			t.Fatalf("bad kennitala %s", kt)
		}
		b, pl := g.h18basic()
		dec, err := base64.StdEncoding.DecodeString(b)
		if err != nil || !strings.Contains(string(dec), ":") || pl.value != b {
			t.Fatalf("basic %q -> %q", b, dec)
		}
		pw := g.h18pass() + "ąž\"&<"
		var back string
		if err := json.Unmarshal([]byte(`"`+h18jsonU(pw)+`"`), &back); err != nil || back != pw {
			t.Fatalf("json %q -> %q (%v)", pw, back, err)
		}
		if html.UnescapeString(h18html(pw)) != pw {
			t.Fatalf("html %q", pw)
		}
		if u, err := url.QueryUnescape(url.QueryEscape(pw)); err != nil || u != pw {
			t.Fatalf("percent %q", pw)
		}
		if az := g.h18azure(); len(az) != 37 || az[3:6] != "8Q~" {
			t.Fatalf("azure secret %q", az)
		}
	}
	var back string
	if err := json.Unmarshal([]byte(`"`+h18jsonU("😀")+`"`), &back); err != nil || back != "😀" {
		t.Fatalf("surrogate pair: %q", back)
	}
	for _, pv := range h18provs {
		if pv.fam != "github" && pv.fam != "npm" {
			continue
		}
		v := pv.mk(g)
		body := v[strings.Index(v, "_")+1:]
		if crcSuffix(body[:30]) != body[30:] {
			t.Fatalf("token %s: bad CRC32", v)
		}
	}
}

// ibanDigits replaces letters by two digits (A=10 … Z=35).
func ibanDigits(s string) string {
	var b strings.Builder
	for _, c := range s {
		if c >= 'A' && c <= 'Z' {
			b.WriteString(big.NewInt(int64(c-'A') + 10).String())
		} else {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// isikukoodCheck is the Estonian check digit, its two weight rounds written as offsets.
func isikukoodCheck(code string) int {
	for _, start := range []int{1, 3} {
		s := 0
		for i := 0; i < 10; i++ {
			s += int(code[i]-'0') * ((start+i-1)%9 + 1)
		}
		if s%11 != 10 {
			return s % 11
		}
	}
	return 0
}
