package detect

// A phone number in running text is often written in its country's own notation with
// no word naming it that the phone rule knows: "Kātaki ʻo tā mai ki he 0981 590 626.",
// "ᏫᏍᎩᏯᏅᎲᎦ 040 434 7632.", "רופֿט מיך צוריק אויף 06-34482436 ביז …", "# driver: Erik
// Lindqvist, 070-296 53 22". No list of cue words covers every language, so the number
// itself is judged: it must be grouped as a phone number is (a trunk "0" or an area code
// in parentheses, two groups or more), stand in prose (a word before it, the phrase's
// end after it), and be a valid number of some country whose own national notation
// groups its digits as they are written here. That last test reads Google's
// libphonenumber metadata (github.com/nyaruka/phonenumbers, written out by tools/phoneplan
// and read as that library reads it: phoneplan.go): its numbering plans know
// which area codes and mobile ranges exist in each country and how each country writes
// them, so neither a national plan nor a format is written by hand here, and a date, an
// amount, an id or a version that merely has a phone's digit count is not valid under
// a plan or not grouped like one.

import (
	"bytes"
	"regexp/syntax"
	"slices"
	"strconv"
	"sync"
)

// phoneShapeAnchors are the folded shapes (every digit reads '0') of the grouped part
// of a national number: "040 434 7632", "0981 590 626" (0 000 00); "(416) 685-7040",
// "0 (553) 508 26 88", "(11) 98449-1026" (0) …); "070-960 92 57", "052-696-3529",
// "06-34482436", "090-4172-8836" (00-…).
var phoneShapeAnchors = []string{"0 000 00", "0) 000-0", "0) 000 0", "0) 00000", "00-000 0", "00-000-0", "00-00000", "00-0000-"}

type phoneShapeDet struct{ rule *Rule }

func (d *phoneShapeDet) anchors() []string { return phoneShapeAnchors }

func (d *phoneShapeDet) hit(sc *scanner, di, tag, at int) {
	data := sc.data
	s, e := phoneShapeSpan(data, at)
	sc.skip[di] = e // every anchor inside this run is this run
	if e-s < 9 || !phoneShapeBefore(data, s) || !phoneShapeAfter(data, e) {
		return
	}
	v := data[s:e]
	if !phoneShapeDigits(v) || orgContactBefore(data, s) || phoneExampleBefore(data, s) {
		return
	}
	// (the plans are read for a bounded number of numbers a scan: see phoneLibAllowed)
	if sc.phoneLib >= phoneLibAllowed(len(data)) {
		return
	}
	sc.phoneLib++
	if !phoneLibValid(v) {
		return
	}
	sc.emit(d.rule, s, e, string(v))
}

// phoneLibAllowed is how many numbers one scan of a text of n bytes hands to the
// numbering plans: each costs a parse and a validation under every plan that may hold
// its digits (plMayHold: some twenty, a fifth of a millisecond together), so a text of
// nothing but numbers in prose took 27 s a MiB, where prose takes a tenth of a second.
// Sixteen, and one more for every KiB, is more than prose holds; a list that holds more
// is reported by its first ones.
func phoneLibAllowed(n int) int { return 16 + n/1024 }

// phoneShapeSpan is the run of digits, parentheses and single blanks or hyphens between
// groups around at (at most 24 bytes either way), trimmed to start with a digit or "("
// and end with a digit.
func phoneShapeSpan(data []byte, at int) (s, e int) {
	s = at
	for s > 0 && at-s < 24 {
		c := data[s-1]
		if isDigit(c) || c == '(' || c == ')' {
			s--
			continue
		}
		if (c == ' ' || c == '-') && s >= 2 && (isDigit(data[s-2]) || data[s-2] == ')') {
			s--
			continue
		}
		break
	}
	for s < at && !isDigit(data[s]) && data[s] != '(' {
		s++
	}
	e = at
	for e < len(data) && e-at < 24 {
		c := data[e]
		if isDigit(c) || c == ')' || c == '(' && e+1 < len(data) && isDigit(data[e+1]) {
			e++
			continue
		}
		if (c == ' ' || c == '-') && e+1 < len(data) && (isDigit(data[e+1]) || data[e+1] == '(') {
			e++
			continue
		}
		break
	}
	for e > s && !isDigit(data[e-1]) {
		e--
	}
	return s, e
}

// phoneShapeBefore: a word of prose stands before the number — letters of any script,
// then a blank, perhaps after a colon, a comma or a full stop ("le 0981 …", "ᏫᏍᎩᏯᏅᎲᎦ 040 …",
// "مۆبایلەکەم: 073-…", "Lindqvist, 070-…") — not a key's "=", a quote or a digit.
func phoneShapeBefore(data []byte, s int) bool {
	if s < 3 || data[s-1] != ' ' {
		return false
	}
	c := data[s-2]
	if c == ':' || c == ',' || c == '.' {
		c = data[s-3] // (a sentence's end: "… yinishyé. 040 768 2293 bee …")
	}
	if !is(c, cLower|cUpper) && c < 0x80 {
		return false
	}
	// the word before names the number as something else: "order 067-1028414"
	w := s - 1
	if data[w-1] == ':' || data[w-1] == ',' || data[w-1] == '.' {
		w--
	}
	b := w
	for b > 0 && w-b < 16 && is(data[b-1], cLower|cUpper) {
		b--
	}
	if w-b == 2 && w < s-1 && lowerASCII(data[b]) == 'n' && lowerASCII(data[b+1]) == 'o' {
		return false // "No. 040 …", "no: …" (but Portuguese "no (21) …": "at")
	}
	if w-b >= 16 {
		return true
	}
	// after a word the phone rule knows ("fax: …", "Tel. …") its prose reader has
	// judged the number (pii.go: phoneDet.prose)
	if phoneProseWord(data[b:w]) || phoneShapeIDWord(data[b:w]) {
		return false
	}
	for _, pw := range phoneProseWords {
		if !latinWord(pw) && bytes.Contains(data[max(0, w-24):w], []byte(pw)) {
			return false
		}
	}
	return true
}

// phoneShapeIDWord reports a word that names a number as an id, a reference or a count
// rather than a phone: "order 067-1028414", "Invoice 0301 442 117", "ISBN 0 (123) …".
func phoneShapeIDWord(w []byte) bool {
	var low [16]byte
	if len(w) == 0 || len(w) > len(low) {
		return false
	}
	for i, c := range w {
		low[i] = lowerASCII(c)
	}
	switch string(low[:len(w)]) {
	case "order", "orders", "invoice", "inv", "ref", "reference", "nr", "num", "id", "ids", "ticket", "case", "account",
		"acct", "po", "item", "sku", "serial", "sn", "receipt", "booking", "reservation", "confirmation", "tracking", "policy",
		"claim", "member", "customer", "transaction", "txn", "batch", "lot", "version", "build", "release", "page", "pages",
		"chapter", "section", "fig", "figure", "table", "isbn", "issn", "doi", "patent", "code", "pin", "iban", "bic",
		"vat", "tax", "part", "model", "issue", "bug", "pr", "rev", "revision", "parcel", "shipment", "awb", "container",
		"voucher", "coupon", "card", "licence", "license", "permit", "passport", "registration", "reg", "vin", "imei":
		return true
	}
	return false
}

// phoneShapeAfter: the number ends the phrase or the sentence — the line's end,
// punctuation, a closing quote or bracket, an RTF control word's "\", or a blank before
// a word (not before more digits: a table's next column).
func phoneShapeAfter(data []byte, e int) bool {
	if e >= len(data) {
		return true
	}
	switch c := data[e]; c {
	case '\n', '\r', '"', '\'', ')', '\\', ';', '!', '?', '<':
		return true
	case '.', ',':
		return e+1 >= len(data) || !isDigit(data[e+1])
	case ' ':
		// (an extension after it, "x302", "ext. 12", makes it an office's switchboard line)
		if hasPrefixFold(data, e+1, "ext") || e+2 < len(data) && lowerASCII(data[e+1]) == 'x' && isDigit(data[e+2]) {
			return false
		}
		return e+1 < len(data) && !isDigit(data[e+1]) && data[e+1] != '(' && data[e+1] != '+'
	default:
		return c >= 0x80 // "।" and other scripts' stops
	}
}

// phoneShapeDigits checks the written form before the numbering plans are read: 8 to 13
// digits, starting with a trunk "0" (not an international "00") or an area code in
// parentheses; groups of two digits or more but for a leading trunk ("0 (553) …"); not
// a run of one digit.
func phoneShapeDigits(v []byte) bool {
	if v[0] != '(' && (v[0] != '0' || len(v) > 1 && v[1] == '0') {
		return false
	}
	var d [16]byte
	nd, n, groups := 0, 0, 0
	for i := 0; i <= len(v); i++ {
		if i < len(v) && isDigit(v[i]) {
			if nd == len(d) {
				return false
			}
			d[nd] = v[i]
			nd++
			n++
			continue
		}
		if n > 0 {
			groups++
			// (a trunk "0" written apart before an area code in parentheses:
			// Turkey's "0 (553) 508 26 88")
			if n == 1 && !(groups == 1 && v[0] == '0' && i+1 < len(v) && v[i] == ' ' && v[i+1] == '(') {
				return false
			}
		}
		n = 0
	}
	return nd >= 8 && nd <= 13 && groups >= 2 && groups <= 5 && !dummyDigits(d[:nd])
}

// orgContactWords mark an organisation's postal address: its office line follows it
// in a licence's or a manual's contact block ("Carnegie Mellon University / 5000
// Forbes Avenue / … / (412) 268-4387, fax: (412) 268-7395", "Foundation, Inc., 51
// Franklin St, … or call (617) 542-5942"), and that is no one's personal number.
var orgContactWords = []string{"Inc.", "Inc,", "LLC", "Ltd", "GmbH", "Corporation", "Foundation", "University",
	"Suite ", "Avenue", "Street", " Drive", "Floor", "Office of"}

// orgContactBefore reports an organisation's address in the 300 bytes before s.
func orgContactBefore(data []byte, s int) bool {
	w := data[max(0, s-300):s]
	for _, o := range orgContactWords {
		if bytes.Contains(w, []byte(o)) {
			return true
		}
	}
	return false
}

// phoneExampleWords say that a number in the same sentence illustrates a notation: "such
// as for: (530) 583-6985 x302", "would be locally dialled as 09 345 3456", "e.g.".
var phoneExampleWords = []string{"such as", "e.g", "i.e", "example", "for instance", "dialled as", "dialed as", "format"}

// phoneExampleBefore reports one of phoneExampleWords on the line in the 80 bytes before s.
func phoneExampleBefore(data []byte, s int) bool {
	ls := lineStartWithin(data, s, 80)
	var low [80]byte
	w := low[:s-ls]
	for i, c := range data[ls:s] {
		w[i] = lowerASCII(c)
	}
	for _, e := range phoneExampleWords {
		if bytes.Contains(w, []byte(e)) {
			return true
		}
	}
	return false
}

// plRegion is a country's numbering plan as far as the quick test needs it: the trunk
// prefix its national notation starts with and the lengths its national numbers have.
type plRegion struct {
	code   string
	prefix string
	lens   []int32
	// any: the quick test below cannot rule the region out (its country code's plans
	// rewrite a national prefix, or its pattern did not compile here)
	any bool
	// starts[a][b] holds bit n when some national number of n digits starting with the
	// digits a, b matches the plan's general pattern
	starts *[10][10]uint32
	// what the library's parse may strip before the national number: an international
	// prefix, the country code, the region's national prefix (or carrier code), then
	// that of the country code's first region
	idd, np, mp plHeadSet
	cc          string
	// npT, mpT: the region's, the first region's plan rewrites its national prefix
	// (Argentina's "15", Antigua's seven-digit local numbers)
	npT, mpT bool
	meta     *plMeta
	// the first region of the country code, its persons' lines; once: ready
	main    *plMeta
	persons *plPersons
	once    *sync.Once
}

// plHeadSet is the runs of digits a pattern matches from a number's start: each a
// sequence of the digits (bit c: digit c) each position may hold.
type plHeadSet [][]uint16

// plRunEnd closes a run that must end the number ("$").
const plRunEnd = 1 << 15

// plRunAt reports whether the run q matches d from i.
func plRunAt(q []uint16, d string, i int) bool {
	if n := len(q); n > 0 && q[n-1] == plRunEnd {
		q = q[:n-1]
		if i+len(q) != len(d) {
			return false
		}
	}
	if i+len(q) > len(d) {
		return false
	}
	for j, m := range q {
		if m>>(d[i+j]-'0')&1 == 0 {
			return false
		}
	}
	return true
}

// hits reports a run of h that starts at a position of k.
func (h plHeadSet) hits(d string, k uint32) bool {
	for i := 0; i < len(d) && i < 32; i++ {
		if k>>i&1 == 0 {
			continue
		}
		for _, q := range h {
			if plRunAt(q, d, i) {
				return true
			}
		}
	}
	return false
}

// ends adds to the set k the ends of the runs of h that start at each position of k.
func (h plHeadSet) ends(d string, k uint32) uint32 {
	out := k
	for i := 0; i < len(d) && i < 32; i++ {
		if k>>i&1 == 0 {
			continue
		}
		for _, q := range h {
			if plRunAt(q, d, i) {
				l := len(q)
				if q[l-1] == plRunEnd {
					l--
				}
				if i+l < 32 {
					out |= 1 << (i + l)
				}
			}
		}
	}
	return out
}

var (
	plOnce    sync.Once
	plRegions []plRegion
)

func phoneLibRegions() []plRegion {
	plOnce.Do(func() { plRegions = plRegionsOf(phonePlans()) })
	return plRegions
}

// plRegionsOf reads the plans into the quick test's regions. What the quick test reads
// of a region's patterns (plRegion.ready) is worked out when a number first reaches the
// region: reading all of them took a quarter of a second.
func plRegionsOf(p *plPlans) []plRegion {
	var out []plRegion
	persons := map[int]*plPersons{}
	for k := range p.regions {
		md := &p.regions[k]
		r := md.id
		if len(r) != 2 {
			continue
		}
		pr := plRegion{code: r, prefix: md.np, lens: md.general.lens, meta: md, once: new(sync.Once)}
		if regs := p.ccRegion[md.cc]; len(regs) > 0 {
			pr.main = p.byID[regs[0]]
		}
		if pr.main == nil {
			pr.main = md
		}
		if persons[md.cc] == nil {
			persons[md.cc] = &plPersons{plans: p, cc: md.cc}
		}
		pr.persons = persons[md.cc]
		pr.npT = md.npt != ""
		pr.mpT = pr.main.npt != ""
		pr.cc = strconv.Itoa(md.cc)
		out = append(out, pr)
	}
	return out
}

// plPersons is, for a country code, whether a person's line (fixed, mobile, personal)
// in some plan of the code may start with the digits a, b and have n digits: bit n of
// starts[a][b].
type plPersons struct {
	once   sync.Once
	plans  *plPlans
	cc     int
	starts *[10][10]uint32
}

func (ps *plPersons) get() *[10][10]uint32 {
	ps.once.Do(func() {
		for k := range ps.plans.regions {
			md := &ps.plans.regions[k]
			if md.cc != ps.cc {
				continue
			}
			for _, t := range []int{plFixed, plMobile, plPersonal} {
				pat := md.types[t].pat
				if pat == "" {
					continue
				}
				st := plStarts(pat)
				if ps.starts == nil {
					ps.starts = new([10][10]uint32)
				}
				for a := 0; a < 10; a++ {
					for b := 0; b < 10; b++ {
						if st == nil {
							ps.starts[a][b] = ^uint32(0)
						} else {
							ps.starts[a][b] |= st[a][b]
						}
					}
				}
			}
		}
	})
	return ps.starts
}

// ready works out, once, what the quick test reads of the region's patterns (r is the
// region in plRegions).
func (r *plRegion) ready() *plRegion {
	r.once.Do(func() {
		md := r.meta
		// a national number valid for the region matches its general pattern and a
		// person's line's of its country code
		r.starts = plStarts(md.general.pat)
		if ps := r.persons.get(); r.starts != nil && ps != nil {
			for a := range r.starts {
				for b := range r.starts[a] {
					r.starts[a][b] &= ps[a][b]
				}
			}
		} else {
			r.starts = nil
		}
		var iok, nok, mok bool
		r.idd, iok = plHeads(md.idd)
		r.np, nok = plHeads(md.npp)
		r.mp, mok = plHeads(r.main.npp)
		r.any = r.starts == nil || !iok || !nok || !mok
	})
	return r
}

// phoneLibValid reports whether v (digits, parentheses, blanks and hyphens) is a valid
// number of some country, written in its national notation: the country's plan accepts
// the number and its own national format groups the digits as v does (a trunk digit
// written apart, Turkey's "0 (553) 508 26 88", counts with the group after it).
// (The plans are asked only about the regions whose plans may hold the digits at all:
// plMayHold; phonelib_ref_test.go holds the reference that asks the library about every
// one.)
func phoneLibValid(v []byte) bool {
	d, groups := digitGroups(v)
	ds := string(d)
	regions, plans := phoneLibRegions(), phonePlans()
	for i := range regions {
		r := &regions[i]
		nsn := ds
		switch {
		case r.prefix != "" && len(ds) > len(r.prefix) && ds[:len(r.prefix)] == r.prefix:
			nsn = ds[len(r.prefix):]
		case v[0] == '(':
			// an area code in parentheses without the trunk prefix: "(416) 685-7040",
			// "(11) 98449-1026"
		default:
			continue
		}
		if !plLenOK(r.lens, len(nsn)) || !r.ready().any && !plMayHold(r, ds) {
			continue
		}
		valid, typ, national := plans.plJudge(ds, r.meta)
		if !valid {
			continue
		}
		switch typ {
		case plTypeFixed, plTypeMobile, plTypeFixedOrMobile, plTypePersonal:
		default:
			continue // a freephone, premium or shared-cost line is a business's, not a person's
		}
		if sameGroups(groups, national) {
			return true
		}
	}
	return false
}

// plMayHold reports whether the digits d may hold a national number of the region r
// after what the library's parse may strip before it: an international prefix, the
// country code, a national prefix or a carrier code (a superset of what it strips).
// Unless the plan rewrites a national prefix it finds there (plRegion.npT), that parse keeps a tail of d as the national number, and a number valid for the
// region matches its general pattern in full; so a region none of whose tails can is
// one the library would refuse, and it is not asked.
func plMayHold(r *plRegion, d string) bool {
	k := r.idd.ends(d, 1)
	for i := 0; i < len(d) && i < 31; i++ {
		if k>>i&1 != 0 && len(d)-i >= len(r.cc) && d[i:i+len(r.cc)] == r.cc {
			k |= 1 << (i + len(r.cc))
		}
	}
	if r.npT && r.np.hits(d, k) {
		return true // the parse may rewrite the number: the library answers
	}
	k = r.np.ends(d, k)
	if r.mpT && r.mp.hits(d, k) {
		return true
	}
	k = r.mp.ends(d, r.np.ends(d, k))
	for i := 0; i+2 <= len(d) && i < 32; i++ {
		if k>>i&1 != 0 && r.starts[d[i]-'0'][d[i+1]-'0']>>(len(d)-i)&1 != 0 {
			return true
		}
	}
	return false
}

// plHeads spells out the runs of 1 to 15 digits the pattern matches in full, as
// sequences of the digits each position may hold (none for an empty pattern), or false
// if it cannot (too many, or not read).
func plHeads(pat string) (plHeadSet, bool) {
	var h plHeadSet
	if pat == "" {
		return h, true
	}
	prog := plProg(pat)
	if prog == nil {
		return h, false
	}
	ok := true
	var walk func(pc uint32, pre []uint16, depth int)
	walk = func(pc uint32, pre []uint16, depth int) {
		if !ok {
			return
		}
		if depth > 400 || len(h) > 512 {
			ok = false
			return
		}
		in := &prog.Inst[pc]
		switch in.Op {
		case syntax.InstMatch:
			if len(pre) > 0 && pre[0] != plRunEnd {
				h = append(h, pre)
			}
		case syntax.InstAlt, syntax.InstAltMatch:
			walk(in.Out, pre, depth+1)
			walk(in.Arg, pre, depth+1)
		case syntax.InstEmptyWidth:
			if syntax.EmptyOp(in.Arg)&(syntax.EmptyEndText|syntax.EmptyEndLine) != 0 {
				// "$": the run ends the number (plRunEnd closes it)
				if len(pre) > 0 && pre[len(pre)-1] == plRunEnd {
					walk(in.Out, pre, depth+1)
				} else {
					walk(in.Out, append(pre[:len(pre):len(pre)], plRunEnd), depth+1)
				}
				return
			}
			walk(in.Out, pre, depth+1)
		case syntax.InstCapture, syntax.InstNop:
			walk(in.Out, pre, depth+1)
		case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
			if len(pre) > 0 && pre[len(pre)-1] == plRunEnd {
				return // no digit after the number's end
			}
			if len(pre) >= 15 {
				return // longer than any number this reads
			}
			var m uint16
			for c := byte('0'); c <= '9'; c++ {
				if plDigit(in, c) {
					m |= 1 << (c - '0')
				}
			}
			if m != 0 {
				walk(in.Out, append(pre[:len(pre):len(pre)], m), depth+1)
			}
		}
	}
	walk(uint32(prog.Start), nil, 0)
	return h, ok
}

func plProg(pat string) *syntax.Prog {
	re, err := syntax.Parse(pat, syntax.Perl)
	if err != nil {
		return nil
	}
	prog, err := syntax.Compile(re.Simplify())
	if err != nil {
		return nil
	}
	return prog
}

func plDigit(in *syntax.Inst, c byte) bool {
	switch in.Op {
	case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
		return in.MatchRune(rune(c))
	}
	return false
}

// plTo is, for each instruction, bit n when n more digits from it can end in a match
// (lengths over 31 are kept as 31).
func plTo(prog *syntax.Prog) []uint32 {
	to := make([]uint32, len(prog.Inst))
	for changed := true; changed; {
		changed = false
		for pc := range prog.Inst {
			in := &prog.Inst[pc]
			var m uint32
			switch in.Op {
			case syntax.InstMatch:
				m = 1
			case syntax.InstAlt, syntax.InstAltMatch:
				m = to[in.Out] | to[in.Arg]
			case syntax.InstCapture, syntax.InstEmptyWidth, syntax.InstNop:
				m = to[in.Out]
			case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
				for c := byte('0'); c <= '9'; c++ {
					if plDigit(in, c) {
						o := to[in.Out]
						m = o<<1 | (o>>30&1)<<31 | o>>31<<31
						break
					}
				}
			}
			if m|to[pc] != to[pc] {
				to[pc] |= m
				changed = true
			}
		}
	}
	return to
}

// plStarts reads a national number pattern into the lengths of the numbers of digits
// it matches in full after each two first digits (a superset: "^", "$" and the like are
// taken as passed), or nil if it cannot.
func plStarts(pat string) *[10][10]uint32 {
	if pat == "" {
		return nil
	}
	prog := plProg(pat)
	if prog == nil {
		return nil
	}
	to := plTo(prog)
	digit := plDigit
	// step: the instructions reached from the set at by reading c, after the blank moves
	step := func(at []uint32, c byte) []uint32 {
		seen := map[uint32]bool{}
		var next []uint32
		var walk func(pc uint32)
		walk = func(pc uint32) {
			if seen[pc] {
				return
			}
			seen[pc] = true
			in := &prog.Inst[pc]
			switch in.Op {
			case syntax.InstAlt, syntax.InstAltMatch:
				walk(in.Out)
				walk(in.Arg)
			case syntax.InstCapture, syntax.InstEmptyWidth, syntax.InstNop:
				walk(in.Out)
			default:
				if digit(in, c) {
					next = append(next, in.Out)
				}
			}
		}
		for _, pc := range at {
			walk(pc)
		}
		return next
	}
	var st [10][10]uint32
	for a := byte('0'); a <= '9'; a++ {
		s1 := step([]uint32{uint32(prog.Start)}, a)
		for b := byte('0'); b <= '9'; b++ {
			for _, pc := range step(s1, b) {
				st[a-'0'][b-'0'] |= to[pc] << 2
			}
		}
	}
	return &st
}

func plLenOK(lens []int32, n int) bool {
	if len(lens) == 0 {
		return true
	}
	for _, l := range lens {
		if int(l) == n {
			return true
		}
	}
	return false
}

// sameGroups reports whether the formatted number f has the digit groups g, or g with
// its leading one-digit trunk joined to the group after it.
func sameGroups(g []int, f string) bool {
	_, fg := digitGroups(f)
	if slices.Equal(g, fg) {
		return true
	}
	if len(g) >= 2 && g[0] == 1 {
		m := append([]int{g[0] + g[1]}, g[2:]...)
		return slices.Equal(m, fg)
	}
	return false
}

// digitGroups returns the digits of s and the lengths of its runs of digits, in order
// ("(416) 685-7040": "4166857040", [3 3 4]).
func digitGroups[S ~string | ~[]byte](s S) (digits []byte, groups []int) {
	n := 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && isDigit(s[i]) {
			digits = append(digits, s[i])
			n++
			continue
		}
		if n > 0 {
			groups = append(groups, n)
		}
		n = 0
	}
	return digits, groups
}
