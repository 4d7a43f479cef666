package detect

// The numbering plans the phone check reads (phonelib.go), and the few steps of Google's
// libphonenumber it takes with them, as github.com/nyaruka/phonenumbers takes them:
// parse a number of digits for a region, validate it for the region, type it and write
// it in its national format. The plans are that library's metadata as far as these steps
// read it, written out by tools/phoneplan (phoneplan_data.go) and read on first use, so
// that a run that judges no phone number neither parses the metadata nor links the
// library (whose package init parses all of it in every run). phoneplan_test.go checks
// each step against the library on numbers of every region, and that the written plans
// are the library's of the version in go.mod.

//go:generate go run ../../tools/phoneplan -o phoneplan_data.go

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// plDesc is a number type's description: its pattern and its lengths (none: those of
// the general description; -1: no number of the type).
type plDesc struct {
	pat  string
	lens []int32
}

// plFormat is a national format: numbers that match pat in full (and whose start
// matches lead, when hasLead) are written as format, its first group by npRule.
type plFormat struct {
	pat, format, lead, npRule string
	hasLead                   bool
}

// plMeta is one region's plan.
type plMeta struct {
	id                      string
	cc                      int
	idd, np, npp, npt, lead string
	same                    bool // the fixed-line and mobile patterns are the same
	general                 plDesc
	local                   []int32 // the general description's local-only lengths
	// fixed line, mobile, toll free, premium rate, shared cost, VoIP, personal, pager,
	// UAN, voicemail
	types   [10]plDesc
	formats []plFormat
}

const (
	plFixed = iota
	plMobile
	plTollFree
	plPremium
	plShared
	plVoip
	plPersonal
	plPager
	plUAN
	plVoicemail
)

// the library's number types as far as the phone check tells them apart
const (
	plTypeUnknown = iota
	plTypeFixed
	plTypeMobile
	plTypeFixedOrMobile
	plTypePersonal
	plTypeOther // toll free, premium rate, shared cost, VoIP, pager, UAN, voicemail
)

// plPlans is every region's plan, in the library's order, and each calling code's
// regions, its main region first.
type plPlans struct {
	regions  []plMeta
	byID     map[string]*plMeta
	ccRegion map[int][]string
}

var (
	plPlansOnce sync.Once
	plPlansV    *plPlans
)

func phonePlans() *plPlans {
	plPlansOnce.Do(func() {
		z, err := base64.StdEncoding.DecodeString(plDataZ)
		if err != nil {
			panic("phoneplan_data.go: " + err.Error())
		}
		text, err := io.ReadAll(flate.NewReader(bytes.NewReader(z)))
		if err != nil {
			panic("phoneplan_data.go: " + err.Error())
		}
		p, err := parsePhonePlans(string(text))
		if err != nil {
			panic("phoneplan_data.go: " + err.Error())
		}
		plPlansV = p
	})
	return plPlansV
}

type plPlanError string

func (e plPlanError) Error() string { return string(e) }

// parsePhonePlans reads the text internal/phoneplan.Data writes.
func parsePhonePlans(text string) (*plPlans, error) {
	lines := strings.Split(text, "\n")
	i := 0
	bad := false
	next := func() string {
		if i >= len(lines) {
			bad = true
			return ""
		}
		i++
		return lines[i-1]
	}
	num := func(s string) int {
		n, err := strconv.Atoi(s)
		if err != nil {
			bad = true
		}
		return n
	}
	lens := func(s string) []int32 {
		if s == "" {
			return nil
		}
		f := strings.Split(s, ",")
		l := make([]int32, len(f))
		for k, x := range f {
			l[k] = int32(num(x))
		}
		return l
	}
	count := func(tag string) int {
		h, n, ok := strings.Cut(next(), " ")
		if !ok || h != tag {
			bad = true
		}
		return num(n)
	}
	if next() != "phoneplan 1" {
		return nil, plPlanError("not phoneplan 1 text")
	}
	p := &plPlans{byID: map[string]*plMeta{}, ccRegion: map[int][]string{}}
	for n := count("C"); n > 0 && !bad; n-- {
		f := strings.Fields(next())
		if len(f) < 2 {
			bad = true
			break
		}
		p.ccRegion[num(f[0])] = f[1:]
	}
	nr := count("R")
	if bad || nr < 0 || nr > 1000 {
		return nil, plPlanError("bad header")
	}
	p.regions = make([]plMeta, nr)
	for k := range p.regions {
		m := &p.regions[k]
		m.id = next()
		m.cc = num(next())
		m.idd, m.np, m.npp, m.npt, m.lead = next(), next(), next(), next(), next()
		m.same = next() == "1"
		m.general.pat = next()
		gl, ll, _ := strings.Cut(next(), "/")
		m.general.lens, m.local = lens(gl), lens(ll)
		for t := range m.types {
			m.types[t] = plDesc{pat: next(), lens: lens(next())}
		}
		nf := num(next())
		if bad || nf < 0 || nf > 1000 || len(m.general.lens) == 0 {
			return nil, plPlanError("bad region " + m.id)
		}
		m.formats = make([]plFormat, nf)
		for j := range m.formats {
			f := &m.formats[j]
			f.pat, f.format = next(), next()
			f.hasLead = next() == "1"
			f.lead, f.npRule = next(), next()
		}
		p.byID[m.id] = m
	}
	if bad || i != len(lines)-1 || lines[i] != "" {
		return nil, plPlanError("bad text")
	}
	return p, nil
}

// the patterns the steps compile, each once (as the library's regexFor)
var (
	plReMu sync.Mutex
	plRe   = map[string]*regexp.Regexp{}
)

func plRegexp(pat string) *regexp.Regexp {
	plReMu.Lock()
	defer plReMu.Unlock()
	re := plRe[pat]
	if re == nil {
		re = regexp.MustCompile(pat)
		plRe[pat] = re
	}
	return re
}

func plFull(pat, s string) bool { return plRegexp("^(?:" + pat + ")$").MatchString(s) }

// plMatchesDesc is the library's isNumberMatchingDesc.
func plMatchesDesc(nsn string, d *plDesc) bool {
	if len(d.lens) > 0 && !plHasLen(d.lens, len(nsn)) {
		return false
	}
	return plFull(d.pat, nsn)
}

func plHasLen(lens []int32, n int) bool {
	for _, l := range lens {
		if int(l) == n {
			return true
		}
	}
	return false
}

// plNumberType is the library's getNumberTypeHelper.
func plNumberType(nsn string, m *plMeta) int {
	if !plMatchesDesc(nsn, &m.general) {
		return plTypeUnknown
	}
	for _, t := range []int{plPremium, plTollFree, plShared, plVoip} {
		if plMatchesDesc(nsn, &m.types[t]) {
			return plTypeOther
		}
	}
	if plMatchesDesc(nsn, &m.types[plPersonal]) {
		return plTypePersonal
	}
	for _, t := range []int{plPager, plUAN, plVoicemail} {
		if plMatchesDesc(nsn, &m.types[t]) {
			return plTypeOther
		}
	}
	if plMatchesDesc(nsn, &m.types[plFixed]) {
		if m.same || plMatchesDesc(nsn, &m.types[plMobile]) {
			return plTypeFixedOrMobile
		}
		return plTypeFixed
	}
	if !m.same && plMatchesDesc(nsn, &m.types[plMobile]) {
		return plTypeMobile
	}
	return plTypeUnknown
}

// the library's ValidationResult, as far as testNumberLength returns it
const (
	plPossible = iota
	plPossibleLocal
	plTooShort
	plTooLong
	plInvalidLength
)

// plTestLength is the library's testNumberLength for the type UNKNOWN (the general
// description's lengths).
func plTestLength(n string, m *plMeta) int {
	ls := m.general.lens
	if ls[0] == -1 {
		return plInvalidLength
	}
	if plHasLen(m.local, len(n)) {
		return plPossibleLocal
	}
	switch {
	case int(ls[0]) == len(n):
		return plPossible
	case int(ls[0]) > len(n):
		return plTooShort
	case int(ls[len(ls)-1]) < len(n):
		return plTooLong
	}
	if plHasLen(ls[1:], len(n)) {
		return plPossible
	}
	return plInvalidLength
}

// plStripNational is the library's maybeStripNationalPrefixAndCarrierCode (the carrier
// code, which the parse drops, aside).
func plStripNational(n string, m *plMeta) string {
	if n == "" || m.npp == "" {
		return n
	}
	pm := plRegexp("^(?:" + m.npp + ")")
	if !pm.MatchString(n) {
		return n
	}
	viable := plFull(m.general.pat, n)
	g := pm.FindStringSubmatchIndex(n)
	ng := len(g)/2 - 1
	if m.npt == "" || g[ng*2] < 0 {
		if viable && !plFull(m.general.pat, n[g[1]:]) {
			return n
		}
		return n[g[1]:]
	}
	t := pm.ReplaceAllString(n, m.npt)
	if viable && !plFull(m.general.pat, t) {
		return n
	}
	return t
}

// plParse is the library's Parse of a run of ASCII digits ds for the region m, as far
// as IsValidNumberForRegion reads it: the country code and the national significant
// number, or ok false where Parse fails or the number's country code is not the
// region's (IsValidNumberForRegion is false then).
func (p *plPlans) plParse(ds string, m *plMeta) (nsn string, ok bool) {
	if len(ds) < 2 || len(ds) > 250 {
		return "", false
	}
	cc := 0
	national := ds
	// maybeExtractCountryCode: an international prefix, and a country code after it
	idd := false
	if ix := plRegexp(m.idd).FindStringIndex(ds); ix != nil && ix[0] == 0 && (ix[1] == len(ds) || ds[ix[1]] != '0') {
		idd = true
		full := ds[ix[1]:]
		if len(full) <= 2 || full[0] == '0' {
			return "", false
		}
		for k := 1; k <= 3 && k <= len(full); k++ {
			c, _ := strconv.Atoi(full[:k])
			if _, known := p.ccRegion[c]; known {
				cc, national = c, full[k:]
				break
			}
		}
		if cc == 0 {
			return "", false
		}
	}
	if !idd {
		if ccs := strconv.Itoa(m.cc); strings.HasPrefix(ds, ccs) {
			pot := plStripNational(ds[len(ccs):], m)
			if !plFull(m.general.pat, ds) && plFull(m.general.pat, pot) || plTestLength(ds, m) == plTooLong {
				cc, national = m.cc, pot
			}
		}
	}
	rm := m
	if cc != 0 {
		if cc != m.cc {
			return "", false
		}
		if main := p.ccRegion[cc][0]; main != m.id {
			rm = p.byID[main]
		}
	}
	if len(national) < 2 {
		return "", false
	}
	if rm != nil {
		pot := plStripNational(national, rm)
		switch plTestLength(pot, rm) {
		case plTooShort, plPossibleLocal, plInvalidLength:
		default:
			national = pot
		}
	}
	if len(national) < 2 || len(national) > 17 {
		return "", false
	}
	// (the national number is kept as a number and its leading zeros counted, which
	// writes it back as it was)
	return national, true
}

// plJudge is, for a run of ASCII digits ds and a region m, what the phone check asks
// the library: whether Parse(ds, m) succeeds and IsValidNumberForRegion holds, the
// number's GetNumberType, and its Format(NATIONAL).
func (p *plPlans) plJudge(ds string, m *plMeta) (valid bool, typ int, national string) {
	nsn, ok := p.plParse(ds, m)
	if !ok || plNumberType(nsn, m) == plTypeUnknown {
		return false, plTypeUnknown, ""
	}
	regs := p.ccRegion[m.cc]
	// GetNumberType: under the region GetRegionCodeForNumber finds
	typ = plTypeUnknown
	if len(regs) == 1 {
		typ = plNumberType(nsn, p.byID[regs[0]])
	} else {
		for _, r := range regs {
			rm := p.byID[r]
			if rm.lead != "" {
				if plRegexp("^(?:" + rm.lead + ")").MatchString(nsn) {
					typ = plNumberType(nsn, rm)
					break
				}
			} else if t := plNumberType(nsn, rm); t != plTypeUnknown {
				typ = t
				break
			}
		}
	}
	return true, typ, p.plFormatNational(nsn, p.byID[regs[0]])
}

// plFormatNational is the library's formatNsn for NATIONAL with the main region's
// formats.
func (p *plPlans) plFormatNational(nsn string, m *plMeta) string {
	for k := range m.formats {
		f := &m.formats[k]
		full := plRegexp("^(?:" + f.pat + ")$")
		if !f.hasLead {
			if !full.MatchString(nsn) || len(full.FindString(nsn)) != len(nsn) {
				continue
			}
		} else if ix := plRegexp(f.lead).FindStringIndex(nsn); ix == nil || ix[0] != 0 || !full.MatchString(nsn) {
			continue
		}
		rule := f.format
		if f.npRule != "" {
			// the first "$n" of the format reads the national prefix rule
			for j := 0; j+1 < len(rule); j++ {
				if rule[j] == '$' && rule[j+1] >= '0' && rule[j+1] <= '9' {
					rule = rule[:j] + f.npRule + rule[j+2:]
					break
				}
			}
		}
		return plRegexp(f.pat).ReplaceAllString(nsn, rule)
	}
	return nsn
}
