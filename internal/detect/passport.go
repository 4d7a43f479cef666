package detect

import (
	"bytes"
	"unicode/utf8"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// Personal data the held21a evaluation split showed unread: passport numbers, which
// no check digit marks (the machine-readable zone's is not printed in the number), read
// only where a key or a column names them; and the bank account of an ACH (NACHA)
// entry detail record, whose fixed layout and routing number's check digit say where it
// is.

const personalDataRem = "Personal data is exposed: restrict access, delete or mask what is not needed, and check whether the " +
	"exposure must be reported under the privacy law that applies (GDPR, PIPL, CCPA, …)."

func passportACHRules() []*Rule {
	passport := &Rule{ID: "passport-number", Title: "Passport number", Provider: "PII", Category: finding.PII,
		Severity: finding.High, prio: prioPII, Remediation: personalDataRem,
		Examples: []string{"passport: NS8255556", `{"passport_no": "E12209080"}`, "Passport No.: 405843132",
			"SURNAME   GIVEN      PASSPORT   NAT\nTAN       WEI LING   NS8255556  SGP\nSOUSA     RUI        405843132  CAN"},
		NotExamples: []string{"passport: required", "passport_no: 000000000", "passport: 123", "my passport expired in 2019", "notes: passport UO7006020",
			"SURNAME   PASSPORT   NAT\nTAN       pending    SGP"}}
	passport.Keywords, passport.det = passportAnchors, &passportDet{rule: passport}
	passport.extra = append(passport.extra, &passportIntlDet{rule: passport})
	ach := &Rule{ID: "ach-account-number", Title: "Bank account number in an ACH (NACHA) entry", Provider: "PII",
		Category: finding.PII, Severity: finding.High, prio: prioPII, Remediation: personalDataRem,
		Examples: []string{"5200ACME\n6323267892705823854102       0000024587KLZKTPVE       BORG MARIJA             0302309310000001"},
		NotExamples: []string{"5200ACME\n6323267892715823854102       0000024587KLZKTPVE       BORG MARIJA             0302309310000001",
			"6323267892705823854102       00000245x7KLZKTPVE"}}
	ach.Keywords, ach.det = achAnchors, &achDet{rule: ach}
	return []*Rule{passport, ach}
}

// passportDet reads a passport number under a key or in a column named passport.
type passportDet struct{ rule *Rule }

var passportAnchors = []string{"passport"}

func (d *passportDet) anchors() []string { return passportAnchors }

func (d *passportDet) hit(sc *scanner, di, tag, at int) {
	data := sc.data
	e := at + len("passport")
	if e > len(data) || at > 0 && isAlnum(data[at-1]) {
		return
	}
	// a column header: the word alone, in a line of words parted by runs of blanks
	if e == len(data) || data[e] == ' ' || data[e] == '\n' || data[e] == '\r' || data[e] == '\t' {
		if d.column(sc, di, at, e) {
			return
		}
	}
	// a key: passport, passport_no, passportNumber, "Passport No." and the like,
	// then ':' or '=' (or blanks) and the number
	p := e
	for p < len(data) && p-e < 12 && (isAlnum(data[p]) || data[p] == '_' || data[p] == '-' || data[p] == '.' || data[p] == ' ' || data[p] == '#') {
		p++
	}
	suffix := bytes.ToLower(bytes.Trim(data[e:p], " _-.#"))
	switch string(suffix) {
	case "", "no", "nr", "num", "number", "id", "_no", "no_", "n":
	default:
		// "Passport No 405843132": the number ended the suffix run
		if i := bytes.LastIndexByte(data[e:p], ' '); i >= 0 {
			p = e + i + 1
			s2 := bytes.ToLower(bytes.Trim(data[e:p], " _-.#"))
			if len(s2) > 0 && string(s2) != "no" && string(s2) != "number" && string(s2) != "nr" {
				return
			}
		} else {
			return
		}
	}
	// a separator, ':' or '=' (a key's), must part the name from the number: prose's
	// "passport X" may cite a number that is not the person's own
	sep := false
	for p < len(data) && (data[p] == '"' || data[p] == '\'' || data[p] == ':' || data[p] == '=' || data[p] == ' ' || data[p] == '\t') && p-e < 24 {
		sep = sep || data[p] == ':' || data[p] == '='
		p++
	}
	if !sep {
		return
	}
	vs := p
	for p < len(data) && isAlnum(data[p]) {
		p++
	}
	if p < len(data) && isAlnum(data[p]) {
		return
	}
	if passportShape(data[vs:p]) {
		sc.emit(d.rule, vs, p, string(data[vs:p]))
	}
}

// colBudget is what the column readers (textColumn) may read of a text's lines beyond
// twice its length: a table's header reads its rows once for each column it reads.
const colBudget = 1 << 20

func isAlnum(c byte) bool { return is(c, cLower|cUpper|cDigit) }

// column reads the cells under a header word at [at, e): see textColumn.
func (d *passportDet) column(sc *scanner, di, at, e int) bool {
	found := false
	_, end := textColumn(sc.data, &sc.colLeft, at, e, func(s, v int) bool {
		// the first word of the cell
		w := s
		for w < v && isAlnum(sc.data[w]) {
			w++
		}
		if w == s || w < v && sc.data[w] != ' ' && sc.data[w] != '\t' {
			return false
		}
		if passportShape(sc.data[s:w]) || passportCell(sc.data[s:w]) {
			sc.emit(d.rule, s, w, string(sc.data[s:w]))
			found = true
		}
		return true
	})
	if found {
		sc.skip[di] = end // (the rows are read: a header word repeated in them is not one)
	}
	return found
}

// textColumn calls cell for each cell under a header word at [at, e) of a text table:
// the header is a line of at least three words, some parted by runs of blanks, where
// the word stands apart: a blank (or the line's start) before it, a run of two blanks or
// more, or a tab, after it (or the line's end);
// each line below, up to a blank one (at most 200), has a cell that starts in the header
// word's column (counted in characters) after a blank. A cell runs to the column of the
// header's next word, or to a run of two blanks, or to the line's end.
//
// left is what the text may still read of lines (colBudget): a text whose every line
// reads as a header, a header word repeated along it, read the lines below once for
// each word (2 MB of "ab  passport  " lines took 30 s).
func textColumn(data []byte, left *int, at, e int, cell func(s, v int) bool) (bool, int) {
	if *left <= 0 {
		return false, 0
	}
	ls := lineStartWithin(data, at, 1024)
	le := lineEnd(data, e, 1024)
	*left -= le - ls
	line := data[ls:le]
	if len(bytes.Fields(line)) < 3 || !bytes.Contains(line, []byte("  ")) && !bytes.Contains(line, []byte("\t")) {
		return false, 0
	}
	if at > ls && data[at-1] != ' ' && data[at-1] != '\t' {
		return false, 0
	}
	if e < le && !(e+1 < le && data[e] == ' ' && data[e+1] == ' ' || data[e] == '\t') {
		return false, 0
	}
	col := utf8.RuneCount(data[ls:at]) // (columns are characters: "CHLOÉ" is five)
	next := -1                         // the column of the header's next word
	if n := skipSpaces(data, e); n < le {
		next = utf8.RuneCount(data[ls:n])
	}
	q := le
	any := false
	for k := 0; k < 200; k++ {
		q = nextLine(data, q)
		if q < 0 || q >= len(data) {
			break
		}
		re := lineEnd(data, q, 2048)
		*left -= re - q + 1
		if re == q || len(bytes.TrimSpace(data[q:re])) == 0 {
			break
		}
		s, n := q, 0
		for ; n < col && s < re; n++ {
			_, w := utf8.DecodeRune(data[s:re])
			s += w
		}
		if s < re && (col == 0 || data[s-1] == ' ' || data[s-1] == '\t') && data[s] != ' ' && data[s] != '\t' {
			v := s
			for v < re && (next < 0 || n < next) && !(data[v] == ' ' && v+1 < re && data[v+1] == ' ') && data[v] != '\t' {
				_, w := utf8.DecodeRune(data[v:re])
				v += w
				n++
			}
			for v > s && data[v-1] == ' ' {
				v--
			}
			if cell(s, v) {
				any = true
			}
		}
		q = re
	}
	return any, q
}

// phoneColDet reads the phone numbers written in their country's own form under a
// text table's header named for them (MOBILE, PHONE, TEL): the international ones the
// phone rule's matcher reads anywhere.
type phoneColDet struct{ rule *Rule }

var phoneColAnchors = []string{"mobile", "phone", "tel", "cell"}

func (d *phoneColDet) anchors() []string { return phoneColAnchors }

func (d *phoneColDet) hit(sc *scanner, di, tag, at int) {
	data := sc.data
	e := at + len(phoneColAnchors[tag])
	if e > len(data) || at > 0 && isAlnum(data[at-1]) || e < len(data) && isAlnum(data[e]) {
		return
	}
	if _, end := textColumn(data, &sc.colLeft, at, e, func(s, v int) bool {
		if nationalPhone(data[s:v]) {
			sc.emit(d.rule, s, v, string(data[s:v]))
			return true
		}
		return false
	}); end > 0 {
		sc.skip[di] = end
	}
}

// passportShape accepts a passport book's number: six to nine digits after at most two
// capital letters, nine characters at most, not one digit repeated.
func passportShape(v []byte) bool {
	if len(v) < 6 || len(v) > 9 {
		return false
	}
	i := 0
	for i < len(v) && i < 2 && v[i] >= 'A' && v[i] <= 'Z' {
		i++
	}
	d := v[i:]
	if len(d) < 6 || !allDigits(d) {
		return false
	}
	same := true
	for _, c := range d {
		if c != d[0] {
			same = false
		}
	}
	return !same && !bytes.Equal(d, []byte("123456789")[:len(d)])
}

// achDet reads the DFI account number of an ACH entry detail record: a 94-character
// line of type 6, a checking or savings transaction code, the receiving bank's routing
// number with its check digit, the account (17 characters, left-justified) and a
// ten-digit amount.
type achDet struct{ rule *Rule }

var achAnchors = []string{"\n600"}

func (d *achDet) anchors() []string { return achAnchors }

func (d *achDet) hit(sc *scanner, di, tag, at int) {
	data := sc.data
	s := at + 1
	le := lineEnd(data, s, 200)
	line := data[s:le]
	if len(bytes.TrimRight(line, " ")) < 39 || utf8.RuneCount(line) > 94 || line[0] != '6' || line[1] < '2' || line[1] > '5' || !isDigit(line[2]) {
		return
	}
	if !allDigits(line[3:12]) || !abaOK(line[3:12]) || !allDigits(line[29:39]) {
		return
	}
	acct := line[12:29]
	a := 0
	for a < len(acct) && acct[a] == ' ' {
		a++
	}
	b := len(acct)
	for b > a && acct[b-1] == ' ' {
		b--
	}
	nd := 0
	for _, c := range acct[a:b] {
		switch {
		case isDigit(c):
			nd++
		case c == '-' || is(c, cUpper):
		default:
			return
		}
	}
	if nd < 4 {
		return
	}
	sc.emit(d.rule, s+12+a, s+12+b, string(acct[a:b]))
}

// abaOK checks a routing transit number's check digit (weights 3, 7, 1).
func abaOK(r []byte) bool {
	if len(r) != 9 {
		return false
	}
	w := [3]int{3, 7, 1}
	sum := 0
	for i, c := range r {
		sum += int(c-'0') * w[i%3]
	}
	return sum%10 == 0 && !bytes.Equal(r, []byte("000000000"))
}

// passportCell accepts, in a passport column, the letters and digits of the books whose
// numbers mix them (six to nine capitals and digits; capitals alone when they spell
// no word).
func passportCell(v []byte) bool {
	if len(v) < 6 || len(v) > 9 {
		return false
	}
	nd, vowels := 0, 0
	for _, c := range v {
		switch {
		case isDigit(c):
			nd++
		case c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U':
			vowels++
		case c >= 'A' && c <= 'Z':
		default:
			return false
		}
	}
	// (letters alone only when too few are vowels for a word: "PENDING", "REDACTED")
	return nd >= 1 || len(v) >= 8 && vowels <= 2
}

// addPassportKV reads a passport number under a key or a column that names it, in any
// structure the key-value reader parses (CSV and TSV headers, JSON, YAML, XML, INI).
func addPassportKV(kvd *kvDet, r *Rule) {
	kvd.add(&kvSpec{rule: r, keys: []string{"passport"}, keyOK: passportKey,
		valueOK: func(v []byte) bool { return passportShape(v) || passportCell(v) }})
}

// passportKey: a key whose words name a passport's number (passport, passport_no,
// passportNumber), not something else about it (its expiry, issuing country, type).
func passportKey(segs [][]byte) bool {
	if len(segs) == 0 {
		return false
	}
	has := false
	for _, s := range segs {
		if bytes.HasPrefix(s, []byte("passport")) {
			has = true
		}
	}
	switch string(segs[len(segs)-1]) {
	case "passport", "no", "nr", "num", "number", "id", "nbr", "passportno", "passportnumber":
		return has
	}
	return false
}
