package main

import (
	"encoding/base64"
	"math/rand/v2"
	"net/url"
	"strings"
	"testing"
)

// TestHeld17Labels checks the halves with checkPairedHalves.
func TestHeld17Labels(t *testing.T) {
	checkPairedHalves(t, held17aTemplates, held17bTemplates, 17, "secret/password", "secret/generic", "secret/private-key", "secret/aws", "pii/email", "pii/phone", "pii/iban", "pii/card", "pii/national-id", "neutral/ip")
}

// TestHeld17Formats checks the generators against their formats, computed here another
// way: IBANs with big integers, personnummer with the Luhn sum written out, henkilötunnus
// with its check table, GitHub tokens' CRC32 and that the percent- and base64-encoded
// plants decode to what they stand for.
func TestHeld17Formats(t *testing.T) {
	g := &gen{r: rand.New(rand.NewPCG(5, 6))}
	for i := 0; i < 300; i++ {
		if ib := g.h17iban(); !ibanOK(ib) {
			t.Fatalf("bad IBAN %s", ib)
		}
		p := strings.ReplaceAll(g.h17pnr(), "-", "")
		sum := 0
		for j := 0; j < 10; j++ {
			d := int(p[j] - '0')
			if j%2 == 0 {
				d *= 2
			}
			sum += d/10 + d%10
		}
		if len(p) != 10 || sum%10 != 0 {
			t.Fatalf("bad personnummer %s", p)
		}
		h := g.h17hetu()
		n := 0
		for _, c := range h[:6] + h[7:10] {
			n = n*10 + int(c-'0')
		}
		if h[6] != '-' || h[10] != "0123456789ABCDEFHJKLMNPRSTUVWXY"[n%31] {
			t.Fatalf("bad henkilötunnus %s", h)
		}
		b, pl := g.h17basic()
		dec, err := base64.StdEncoding.DecodeString(b)
		if err != nil || !strings.Contains(string(dec), ":") || pl.value != b {
			t.Fatalf("basic %q -> %q", b, dec)
		}
		pw := g.h17pass()
		if back, err := url.QueryUnescape(h17pct(pw)); err != nil || back != pw {
			t.Fatalf("percent %q -> %q", pw, back)
		}
	}
	for _, pv := range h17provs {
		if pv.fam != "github" && pv.fam != "npm" {
			continue
		}
		v := pv.mk(g)
		if strings.HasPrefix(v, "github_pat_") {
			continue
		}
		body := v[strings.Index(v, "_")+1:]
		if crcSuffix(body[:30]) != body[30:] {
			t.Fatalf("token %s: bad CRC32", v)
		}
	}
}
