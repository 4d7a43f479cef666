package detect

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"io"
	"slices"
	"strconv"
	"sync"
	"testing"

	"github.com/leakwatch/leakwatch/internal/phoneplan"
	"github.com/nyaruka/phonenumbers"
)

// TestPhonePlanDataCurrent: phoneplan_data.go holds the plans of the library's version
// in go.mod (run `go generate ./internal/detect` after changing it).
func TestPhonePlanDataCurrent(t *testing.T) {
	want, err := phoneplan.Data()
	if err != nil {
		t.Fatal(err)
	}
	z, err := base64.StdEncoding.DecodeString(plDataZ)
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(flate.NewReader(bytes.NewReader(z)))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Fatalf("phoneplan_data.go (%d bytes of plans) is not the library's plans (%d bytes): run go generate ./internal/detect", len(got), len(want))
	}
	p, err := parsePhonePlans(want)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.regions) != len(phonenumbers.GetSupportedRegions()) || len(p.ccRegion) != len(phonenumbers.GetSupportedCallingCodes()) {
		t.Fatalf("%d regions, %d calling codes read; the library has %d, %d", len(p.regions), len(p.ccRegion),
			len(phonenumbers.GetSupportedRegions()), len(phonenumbers.GetSupportedCallingCodes()))
	}
	if _, err := parsePhonePlans(want[:len(want)-40]); err == nil {
		t.Fatal("cut plans read without an error")
	}
}

// plLibJudge is what phoneLibValid asked the library before the plans were written
// out: plJudge's answers, from the library.
func plLibJudge(ds, region string) (valid bool, typ int, national string) {
	num, err := phonenumbers.Parse(ds, region)
	if err != nil || !phonenumbers.IsValidNumberForRegion(num, region) {
		return false, plTypeUnknown, ""
	}
	switch phonenumbers.GetNumberType(num) {
	case phonenumbers.FIXED_LINE:
		typ = plTypeFixed
	case phonenumbers.MOBILE:
		typ = plTypeMobile
	case phonenumbers.FIXED_LINE_OR_MOBILE:
		typ = plTypeFixedOrMobile
	case phonenumbers.PERSONAL_NUMBER:
		typ = plTypePersonal
	case phonenumbers.UNKNOWN:
		typ = plTypeUnknown
	default:
		typ = plTypeOther
	}
	return true, typ, phonenumbers.Format(num, phonenumbers.NATIONAL)
}

var (
	plLibOnce sync.Once
	plLibMD   map[string]*phonenumbers.PhoneMetadata
)

// plLibMeta is the library's metadata of the region reg.
func plLibMeta(reg string) *phonenumbers.PhoneMetadata {
	plLibOnce.Do(func() {
		coll, err := phonenumbers.MetadataCollection()
		if err != nil {
			panic(err)
		}
		plLibMD = map[string]*phonenumbers.PhoneMetadata{}
		for _, md := range coll.GetMetadata() {
			plLibMD[md.GetId()] = md
		}
	})
	return plLibMD[reg]
}

// plJudgeCandidates are runs of digits for the region reg: its example numbers of
// every type, bare, after its national prefix, its country code, an international
// prefix and its country code, a "0", with a digit changed, cut or added.
func plJudgeCandidates(reg string, next func(uint32) uint32) []string {
	var out []string
	cc := strconv.Itoa(phonenumbers.GetCountryCodeForRegion(reg))
	np := phonenumbers.GetNddPrefixForRegion(reg, true)
	// runs its national prefix for parsing and its international prefix match (a carrier
	// code, a prefix the plan rewrites)
	var heads []string
	md := plLibMeta(reg)
	for _, pat := range []string{md.GetNationalPrefixForParsing(), md.GetInternationalPrefix()} {
		h, _ := plHeads(pat)
		for k := 0; k < 3 && len(h) > 0; k++ {
			q := h[next(uint32(len(h)))]
			var b []byte
			for _, m := range q {
				if m == plRunEnd {
					break
				}
				var ds []byte
				for c := byte(0); c < 10; c++ {
					if m>>c&1 != 0 {
						ds = append(ds, '0'+c)
					}
				}
				b = append(b, ds[next(uint32(len(ds)))])
			}
			heads = append(heads, string(b))
		}
	}
	for ty := phonenumbers.FIXED_LINE; ty <= phonenumbers.VOICEMAIL; ty++ {
		num := phonenumbers.GetExampleNumberForType(reg, ty)
		if num == nil {
			continue
		}
		nsn := phonenumbers.GetNationalSignificantNumber(num)
		m := []byte(nsn)
		m[next(uint32(len(m)))] = byte('0' + next(10))
		for _, v := range []string{nsn, np + nsn, cc + nsn, "00" + cc + nsn, "011" + cc + nsn, "0" + nsn, cc + np + nsn,
			string(m), np + string(m), nsn[:len(nsn)-1], nsn + strconv.Itoa(int(next(10))), "0" + cc + nsn} {
			if len(v) >= 2 {
				out = append(out, v)
			}
		}
		for _, h := range heads {
			out = append(out, h+nsn, h+nsn[1:], h+string(m))
		}
	}
	// local numbers (a length only dialled within an area) after the national prefix
	for _, l := range md.GetGeneralDesc().GetPossibleLengthLocalOnly() {
		for k := 0; k < 3; k++ {
			b := make([]byte, l)
			for i := range b {
				b[i] = byte('0' + next(10))
			}
			out = append(out, np+string(b), string(b))
			for _, h := range heads {
				out = append(out, h+string(b))
			}
		}
	}
	return out
}

// TestPhonePlanJudgeSameAsLibrary: the steps plJudge takes with the written plans
// answer as the library does — whether the number parses and is valid for the region,
// its type and its national format — for numbers of every region asked under their own
// region, the other regions of their calling code and others, and for runs of random
// digits of 2 to 17 digits under every region.
func TestPhonePlanJudgeSameAsLibrary(t *testing.T) {
	p := phonePlans()
	r := uint32(11)
	next := func(n uint32) uint32 { r = r*1664525 + 1013904223; return (r >> 8) % n }
	regions := make([]string, 0, len(p.regions))
	for k := range p.regions {
		regions = append(regions, p.regions[k].id)
	}
	slices.Sort(regions)
	asked, parsed, valid, typed, formats := 0, 0, 0, 0, map[string]bool{}
	check := func(ds, reg string) {
		asked++
		// the parse: its national number, where the number is the region's country's
		gs, gok := p.plParse(ds, p.byID[reg])
		num, err := phonenumbers.Parse(ds, reg)
		wok := err == nil && int(num.GetCountryCode()) == phonenumbers.GetCountryCodeForRegion(reg)
		if ws := ""; wok {
			ws = phonenumbers.GetNationalSignificantNumber(num)
			if !gok || gs != ws {
				t.Errorf("%q in %s: plParse %q %v, library %q", ds, reg, gs, gok, ws)
			}
			parsed++
		} else if gok {
			t.Errorf("%q in %s: plParse %q, the library's parse fails or is another country's", ds, reg, gs)
		}
		gv, gt, gn := p.plJudge(ds, p.byID[reg])
		wv, wt, wn := plLibJudge(ds, reg)
		if gv != wv || gt != wt || gn != wn {
			t.Errorf("%q in %s: plJudge %v %d %q, library %v %d %q", ds, reg, gv, gt, gn, wv, wt, wn)
		}
		if wv {
			valid++
			if wt != plTypeUnknown && wt != plTypeOther {
				typed++
			}
			formats[wn] = true
		}
	}
	others, every := 4, 1
	// under the race detector it reads a quarter (the Makefile runs it whole without it)
	if testing.Short() || raceEnabled {
		others, every = 1, 4
	}
	for i, reg := range regions {
		if i%every != 0 {
			continue
		}
		cands := plJudgeCandidates(reg, next)
		asks := slices.Clone(phonenumbers.GetRegionCodesForCountryCode(phonenumbers.GetCountryCodeForRegion(reg)))
		for k := 0; k < others; k++ {
			asks = append(asks, regions[next(uint32(len(regions)))])
		}
		for _, ds := range cands {
			for _, a := range asks {
				check(ds, a)
			}
		}
	}
	rnd := 300
	if testing.Short() || raceEnabled {
		rnd = 40
	}
	for k := 0; k < rnd; k++ {
		b := make([]byte, 2+next(16))
		for i := range b {
			b[i] = byte('0' + next(10))
		}
		if k%3 == 0 {
			b[0] = '0'
		}
		for _, reg := range regions {
			check(string(b), reg)
		}
	}
	t.Logf("%d asked, %d parsed, %d valid, %d of a person's type, %d national formats", asked, parsed, valid, typed, len(formats))
	if valid < 2000 || typed < 1000 || len(formats) < 500 {
		t.Fatalf("only %d valid, %d typed answers and %d formats: the comparison reads too little", valid, typed, len(formats))
	}
}

// plRegionsFromLibrary is phoneLibRegions as it read the library's metadata before the
// plans were written out.
func plRegionsFromLibrary(t *testing.T) []plRegion {
	coll, err := phonenumbers.MetadataCollection()
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*phonenumbers.PhoneMetadata{}
	for _, md := range coll.GetMetadata() {
		byID[md.GetId()] = md
	}
	persons := map[int32]*[10][10]uint32{}
	for _, md := range coll.GetMetadata() {
		for _, nd := range []*phonenumbers.PhoneNumberDesc{md.GetFixedLine(), md.GetMobile(), md.GetPersonalNumber()} {
			p := nd.GetNationalNumberPattern()
			if p == "" {
				continue
			}
			st := plStarts(p)
			if persons[md.GetCountryCode()] == nil {
				persons[md.GetCountryCode()] = new([10][10]uint32)
			}
			for a := 0; a < 10; a++ {
				for b := 0; b < 10; b++ {
					if st == nil {
						persons[md.GetCountryCode()][a][b] = ^uint32(0)
					} else {
						persons[md.GetCountryCode()][a][b] |= st[a][b]
					}
				}
			}
		}
	}
	var out []plRegion
	for _, md := range coll.GetMetadata() {
		r := md.GetId()
		if len(r) != 2 || !phonenumbers.GetSupportedRegions()[r] {
			continue
		}
		pr := plRegion{code: r, prefix: md.GetNationalPrefix(), lens: md.GetGeneralDesc().GetPossibleLength()}
		main := byID[phonenumbers.GetRegionCodeForCountryCode(int(md.GetCountryCode()))]
		if main == nil {
			main = md
		}
		pr.starts = plStarts(md.GetGeneralDesc().GetNationalNumberPattern())
		if ps := persons[md.GetCountryCode()]; pr.starts != nil && ps != nil {
			for a := range pr.starts {
				for b := range pr.starts[a] {
					pr.starts[a][b] &= ps[a][b]
				}
			}
		} else {
			pr.starts = nil
		}
		var iok, nok, mok bool
		pr.idd, iok = plHeads(md.GetInternationalPrefix())
		pr.np, nok = plHeads(md.GetNationalPrefixForParsing())
		pr.mp, mok = plHeads(main.GetNationalPrefixForParsing())
		pr.any = pr.starts == nil || !iok || !nok || !mok
		pr.npT = md.GetNationalPrefixTransformRule() != ""
		pr.mpT = main.GetNationalPrefixTransformRule() != ""
		pr.cc = strconv.Itoa(int(md.GetCountryCode()))
		out = append(out, pr)
	}
	return out
}

// TestPhonePlanRegionsSameAsLibrary: the quick test's regions read from the written
// plans are those read from the library's metadata, in the same order.
func TestPhonePlanRegionsSameAsLibrary(t *testing.T) {
	want := plRegionsFromLibrary(t)
	got := phoneLibRegions()
	if len(got) != len(want) || len(got) < 200 {
		t.Fatalf("%d regions, the library's %d", len(got), len(want))
	}
	same := func(a, b plHeadSet) bool {
		return slices.EqualFunc(a, b, func(x, y []uint16) bool { return slices.Equal(x, y) })
	}
	for i := range got {
		g, w := got[i].ready(), want[i]
		if g.meta == nil || g.meta.id != g.code {
			t.Errorf("%s: plans of %v", g.code, g.meta)
		}
		if g.code != w.code || g.prefix != w.prefix || !slices.Equal(g.lens, w.lens) || g.any != w.any ||
			(g.starts == nil) != (w.starts == nil) || g.starts != nil && *g.starts != *w.starts ||
			!same(g.idd, w.idd) || !same(g.np, w.np) || !same(g.mp, w.mp) || g.cc != w.cc || g.npT != w.npT || g.mpT != w.mpT {
			t.Errorf("region %d: %s from the plans differs from %s from the library", i, g.code, w.code)
		}
	}
}
