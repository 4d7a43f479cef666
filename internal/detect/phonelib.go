package detect

// A phone number in running text is often written in its country's own notation with
// no word naming it that the phone rule knows: "Kātaki ʻo tā mai ki he 0981 590 626.",
// "ᏫᏍᎩᏯᏅᎲᎦ 040 434 7632.", "רופֿט מיך צוריק אויף 06-34482436 ביז …", "# driver: Erik
// Lindqvist, 070-296 53 22". No list of cue words covers every language, so the number
// itself is judged: it must be grouped as a phone number is (a trunk "0" or an area code
// in parentheses, two groups or more), stand in prose (a word before it, the phrase's
// end after it), and be a valid number of some country whose own national notation
// groups its digits as they are written here. That last test reads Google's
// libphonenumber metadata (github.com/nyaruka/phonenumbers): its numbering plans know
// which area codes and mobile ranges exist in each country and how each country writes
// them, so neither a national plan nor a format is written by hand here, and a date, an
// amount, an id or a version that merely has a phone's digit count is not valid under
// a plan or not grouped like one.

import (
	"bytes"
	"sync"

	"github.com/nyaruka/phonenumbers"
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
// numbering plans: each costs a parse and a validation under every plan its digits may
// be written in (a hundred, up to a millisecond together), so a text of nothing but
// numbers in prose took 27 s a MiB, where prose takes a tenth of a second. Sixteen, and
// one more for every 2 KiB, is more than prose holds; a list that holds more is
// reported by its first ones.
func phoneLibAllowed(n int) int { return 16 + n/2048 }

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
}

var (
	plOnce    sync.Once
	plRegions []plRegion
)

func phoneLibRegions() []plRegion {
	plOnce.Do(func() {
		coll, err := phonenumbers.MetadataCollection()
		if err != nil {
			return
		}
		for _, md := range coll.GetMetadata() {
			if r := md.GetId(); len(r) == 2 && phonenumbers.GetSupportedRegions()[r] {
				plRegions = append(plRegions, plRegion{code: r, prefix: md.GetNationalPrefix(), lens: md.GetGeneralDesc().GetPossibleLength()})
			}
		}
	})
	return plRegions
}

// phoneLibValid reports whether v (digits, parentheses, blanks and hyphens) is a valid
// number of some country, written in its national notation: the country's plan accepts
// the number and its own national format groups the digits as v does (a trunk digit
// written apart, Turkey's "0 (553) 508 26 88", counts with the group after it).
func phoneLibValid(v []byte) bool {
	var d []byte
	var groups []int
	n := 0
	for i := 0; i <= len(v); i++ {
		if i < len(v) && isDigit(v[i]) {
			d = append(d, v[i])
			n++
			continue
		}
		if n > 0 {
			groups = append(groups, n)
		}
		n = 0
	}
	ds := string(d)
	for _, r := range phoneLibRegions() {
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
		if !plLenOK(r.lens, len(nsn)) {
			continue
		}
		num, err := phonenumbers.Parse(ds, r.code)
		if err != nil || !phonenumbers.IsValidNumberForRegion(num, r.code) {
			continue
		}
		switch phonenumbers.GetNumberType(num) {
		case phonenumbers.FIXED_LINE, phonenumbers.MOBILE, phonenumbers.FIXED_LINE_OR_MOBILE, phonenumbers.PERSONAL_NUMBER:
		default:
			continue // a freephone, premium or shared-cost line is a business's, not a person's
		}
		if sameGroups(groups, phonenumbers.Format(num, phonenumbers.NATIONAL)) {
			return true
		}
	}
	return false
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
	var fg []int
	n := 0
	for i := 0; i <= len(f); i++ {
		if i < len(f) && isDigit(f[i]) {
			n++
			continue
		}
		if n > 0 {
			fg = append(fg, n)
		}
		n = 0
	}
	eq := func(a, b []int) bool {
		if len(a) != len(b) {
			return false
		}
		for i := range a {
			if a[i] != b[i] {
				return false
			}
		}
		return true
	}
	if eq(g, fg) {
		return true
	}
	if len(g) >= 2 && g[0] == 1 {
		m := append([]int{g[0] + g[1]}, g[2:]...)
		return eq(m, fg)
	}
	return false
}
