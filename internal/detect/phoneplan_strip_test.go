package detect

import (
	"strconv"
	"testing"

	"github.com/nyaruka/phonenumbers"
)

// TestPhonePlanStripKeepsViableNumber: where a region's national prefix for parsing
// matches the start of a number the general pattern reads in full, but the number left
// after the prefix is cut (or rewritten by the region's transform rule) is not one the
// pattern reads, the library keeps the number as it was (Argentina's 385 15 95281: not
// 9 385 95281); the parse and the judgement answer as the library's on such numbers of
// every region with a national prefix for parsing, for both the cut and the rewrite,
// bare and after the country code.
func TestPhonePlanStripKeepsViableNumber(t *testing.T) {
	p := phonePlans()
	r := uint32(7)
	next := func(n uint32) uint32 { r = r*1664525 + 1013904223; return (r >> 8) % n }
	cut, rewritten := 0, 0
	for k := range p.regions {
		m := &p.regions[k]
		if m.npp == "" {
			continue
		}
		pm := plRegexp("^(?:" + m.npp + ")")
		h, _ := plHeads(m.npp)
		found := 0
		for it := 0; it < 20000 && found < 30; it++ {
			var b []byte
			if len(h) > 0 {
				for _, mm := range h[next(uint32(len(h)))] {
					if mm == plRunEnd {
						break
					}
					var ds []byte
					for c := byte(0); c < 10; c++ {
						if mm>>c&1 != 0 {
							ds = append(ds, '0'+c)
						}
					}
					b = append(b, ds[next(uint32(len(ds)))])
				}
			}
			for n := 4 + int(next(10)); n > 0; n-- {
				b = append(b, byte('0'+next(10)))
			}
			s := string(b)
			g := pm.FindStringSubmatchIndex(s)
			if g == nil || !plFull(m.general.pat, s) {
				continue
			}
			ng := len(g)/2 - 1
			if m.npt == "" || g[ng*2] < 0 {
				if plFull(m.general.pat, s[g[1]:]) {
					continue
				}
				cut++
			} else {
				if plFull(m.general.pat, pm.ReplaceAllString(s, m.npt)) {
					continue
				}
				rewritten++
			}
			found++
			// bare, and after the region's country code (a number too long for the
			// region is read as one after its country code, and its rest stripped)
			for _, ds := range []string{s, strconv.Itoa(m.cc) + s} {
				gs, gok := p.plParse(ds, m)
				num, err := phonenumbers.Parse(ds, m.id)
				wok := err == nil && int(num.GetCountryCode()) == m.cc
				ws := ""
				if wok {
					ws = phonenumbers.GetNationalSignificantNumber(num)
				}
				if gok != wok || gs != ws {
					t.Errorf("%q in %s: plParse %q %v, library %q %v", ds, m.id, gs, gok, ws, wok)
				}
				gv, gt, gn := p.plJudge(ds, m)
				wv, wt, wn := plLibJudge(ds, m.id)
				if gv != wv || gt != wt || gn != wn {
					t.Errorf("%q in %s: plJudge %v %d %q, library %v %d %q", ds, m.id, gv, gt, gn, wv, wt, wn)
				}
			}
		}
	}
	t.Logf("%d numbers kept whole against a cut prefix, %d against a rewritten one", cut, rewritten)
	if cut < 50 || rewritten < 20 {
		t.Fatalf("only %d cut and %d rewritten cases: the test reads too little", cut, rewritten)
	}
}
