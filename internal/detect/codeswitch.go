package detect

import (
	"bytes"
	"unicode"
	"unicode/utf8"
)

// codeSwitchDet reads the value a speaker gives at the end of an utterance written in a
// script other than Latin, where the one token written in ASCII is the thing asked for:
// "ངའི་གསང་ཚིག་ནི XAhkJrlCZ8lW…" (Tibetan), "އަހަރެންގެ ޕާސްވޯޑަކީ Uppsala_0007!"
// (Dhivehi), "ᐃᓯᖅᑐᑦ ᐅᖃᐅᓯᕋ ᐅᓇ: v@ll3tt@#1" (Inuktitut). No lexicon holds the word for a
// password in every language (issue 11: call-centre transcripts and chat exports in
// languages the list lacked), but the switch of script is itself the sign: text in
// one script that ends on a token of random case, digits and signs in another is
// dictating a code. So the words before the token are not read, only their script:
//
//   - the utterance (a line, a quoted string, an element's text) holds letters of
//     scripts other than Latin and no ASCII letter or digit before the token;
//   - the token is the utterance's last and reads as a generated or typed password
//     (codeSwitchPassword): random case or signs with digits, no path, address,
//     number or identifier.
//
// Its anchors are the byte ending a non-ASCII character, then a blank or ": ".
type codeSwitchDet struct{ password *Rule }

var codeSwitchAnchors = func() []string {
	var out []string
	for b := 0x80; b < 0xc0; b++ {
		out = append(out, string([]byte{byte(b), ' '}), string([]byte{byte(b), ':', ' '}))
	}
	return out
}()

func (d *codeSwitchDet) anchors() []string { return codeSwitchAnchors }

func (d *codeSwitchDet) hit(sc *scanner, di, tag, at int) {
	data := sc.data
	p := at + 1
	if p < len(data) && data[p] == ':' {
		p++
	}
	vs := run(data, p, cBlank, 8)
	if vs >= len(data) || data[vs] < 0x21 || data[vs] > 0x7e {
		return
	}
	ve, ok := codeSwitchEnd(data, vs)
	if !ok {
		ve, ok = codeSwitchClauseEnd(data, vs)
		ok = ok && clauseTokenShape(data[vs:ve])
	}
	if !ok || ve-vs < 8 || ve-vs > 64 {
		return
	}
	if !codeSwitchBefore(data, at) {
		return
	}
	v := data[vs:ve]
	if !codeSwitchPassword(v) || spanTaken(sc, vs, ve) {
		return
	}
	sc.emit(d.password, vs, ve, string(v))
}

// spanTaken reports a value another reader has already taken (a key/value reader that
// knows the label's word, "Сырсөз: X", "ໂທເຄັນ: X"): its reading, which names the kind,
// stands; the switch of script only finds what no reader named.
func spanTaken(sc *scanner, vs, ve int) bool {
	for i := len(sc.ms) - 1; i >= 0 && i >= len(sc.ms)-16; i-- {
		if m := sc.ms[i]; m.end > vs && m.start < ve {
			return true
		}
	}
	for i := len(sc.pending) - 1; i >= 0 && i >= len(sc.pending)-16; i-- {
		if a := sc.pending[i].a; int(a.valEnd) > vs && int(a.valStart) < ve {
			return true
		}
	}
	return false
}

// codeSwitchEnd reads the token at vs to the end of its utterance: the line's end, or
// the quote or closing tag that ends the string or element holding it. A blank before
// that end means the token is not the utterance's last.
func codeSwitchEnd(data []byte, vs int) (int, bool) {
	for i := vs; i < len(data) && i-vs <= 96; i++ {
		c := data[i]
		switch {
		case c == '\n' || c == '\r':
			return i, true
		case c == '"' && escapeBefore(data, i) == 0:
			return i, true
		case c == '<' && i+1 < len(data) && data[i+1] == '/':
			return i, true
		case c < 0x21 || c > 0x7e:
			return 0, false
		}
	}
	if len(data)-vs <= 96 {
		return len(data), true
	}
	return 0, false
}

// codeSwitchClauseEnd reads the token at vs to the end of its clause when more text of
// the other script follows it: "… איז X, ביטע …", "… ܝܠܗ̇ X، ܠܐ …".
// The token ends at a mark of its clause (its own final ASCII marks, or a non-ASCII
// mark glued to it), and what follows (past blanks) must be a letter of a script other
// than Latin or a mark of one.
func codeSwitchClauseEnd(data []byte, vs int) (int, bool) {
	i := vs
	for i < len(data) && i-vs <= 96 && data[i] >= 0x21 && data[i] <= 0x7e {
		i++
	}
	if i >= len(data) || i-vs > 96 || data[i] < 0x80 && data[i] != ' ' && data[i] != '\t' {
		return 0, false
	}
	ve := i
	for ve > vs && bytes.IndexByte([]byte(".,;:!?"), data[ve-1]) >= 0 {
		ve--
	}
	// a mark right after the token ends its clause ("X, ביטע", "X، ܠܐ"); a blank and
	// a word ("X ཡིན") may be the sentence's verb or the next words of a name
	q := i
	if ve == i {
		if r, _ := utf8.DecodeRune(data[i:]); data[i] < 0x80 || !unicode.IsPunct(r) {
			return 0, false
		}
	}
	q = run(data, q, cBlank, 8)
	if q >= len(data) || data[q] < 0x80 && data[q] != '\n' {
		return 0, false
	}
	if data[q] == '\n' {
		return ve, true
	}
	r, _ := utf8.DecodeRune(data[q:])
	if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) || unicode.IsPunct(r) {
		return ve, true
	}
	return 0, false
}

// clauseTokenShape reports a token mid-sentence that reads as a password rather than a
// name or a reference the sentence goes on about: ten characters or more with lower
// case, upper case and digits.
func clauseTokenShape(v []byte) bool {
	return len(v) >= 10 && classesOf(v)&cAlnum == cAlnum
}

// codeSwitchBefore reports an utterance up to at (the last byte of a non-ASCII
// character) that is written in scripts other than Latin: back to the line's start,
// an unescaped quote or a tag's '>', at least four letters of such scripts and no ASCII
// letter or digit.
func codeSwitchBefore(data []byte, at int) bool {
	s := at
	for s > 0 && at-s < 400 {
		c := data[s-1]
		if c == '\n' || c == '>' || c == '"' && escapeBefore(data, s-1) == 0 {
			break
		}
		// a sentence's end: the utterance is the sentence holding the token ("… Daan
		// Bakker. מײַן נײַער … איז X", "…।")
		if (c == '.' || c == '!' || c == '?') && s < len(data) && (data[s] == ' ' || data[s] == '\t') ||
			s >= 3 && (string(data[s-3:s]) == "।" || string(data[s-3:s]) == "。") {
			break
		}
		if c < 0x80 && (is(c, cLower|cUpper|cDigit) || c == '\\') {
			return false // a Latin word or an escape ("\u06aa…" is read decoded elsewhere)
		}
		s--
	}
	if s > 0 && at-s >= 400 {
		return false
	}
	n := 0
	for i := s; i <= at; {
		r, size := utf8.DecodeRune(data[i:])
		if r >= 0x80 && unicode.IsLetter(r) {
			if unicode.Is(unicode.Latin, r) {
				return false // accented Latin: a language the lexicon's words are read in
			}
			n++
		}
		i += size
	}
	return n >= 4
}

// codeSwitchPassword reports a token that reads as a password dictated in another
// script's text: eight to sixty-four printable characters with letters, and digits or
// signs; mixed case or a sign other than the separators names and codes use ('-', '_',
// '.'); no address, path, call, number or identifier.
func codeSwitchPassword(v []byte) bool {
	if !strongContextPassword(v) || bytes.Contains(v, []byte("://")) || bytes.HasPrefix(v, []byte("/")) || bytes.HasPrefix(v, []byte("www.")) {
		return false
	}
	if bytes.ContainsAny(v, "/\\'\"`") {
		return false // a path, an escape (roff's "\\fB", "\\-"), a quoted word
	}
	// a sentence's marks after the token are no part of its shape: "XSLProcessor!",
	// "compatible." are words that end a sentence
	core := bytes.TrimRight(v, ".!?,;:")
	if at := bytes.LastIndexByte(v, '@'); at > 0 && bytes.IndexByte(v[at:], '.') > 0 && bytes.Count(v, []byte("@")) == 1 {
		return false // an e-mail address
	}
	var lower, upper, digit, sign int
	for _, c := range core {
		switch {
		case is(c, cLower):
			lower++
		case is(c, cUpper):
			upper++
		case isDigit(c):
			digit++
		case c == '-' || c == '_' || c == '.' || c == ':':
		case c == '(' || c == ')' || c == ',' || c == ';':
			return false // a call, a list
		default:
			sign++
		}
	}
	if lower+upper < 2 || digit+sign == 0 {
		return len(core) >= 8 && scrambledCase(core)
	}
	if lower == 0 || upper == 0 && sign == 0 {
		return false // one case and digits: a code, a reference, a time stamp, a host name
	}
	if packageQualified(core) {
		return false // a package-qualified name ("com.sun.org.apache.xpath.internal.DOM2Helper!")
	}
	if base64Text(v) || versionLike(core) {
		return false // encoded text ("aGVsbG8gd29ybGQ="), a version ("2.39.0-rc.8+build.3397")
	}
	if sign == 0 && identifierLike(v) {
		return false
	}
	return true
}

// caselessSuffix reports, at q (p where the word ends), a suffix written in a script
// without letter case (Arabic script's Sorani "وشەی نهێنییەکەم", "my password"; Thaana,
// Ethiopic, Georgian): pwSuffix's lower-case letters are none there. Only the letters
// of the script of the word's own last letter count, and never a script written
// without blanks (its next letters are the next word: "密码是X").
func caselessSuffix(data []byte, p, q int) bool {
	if q != p || p == 0 || q >= len(data) {
		return false
	}
	last, _ := utf8.DecodeLastRune(data[:p])
	r, _ := utf8.DecodeRune(data[q:])
	return caselessLetter(last) && caselessLetter(r) && sameScript(last, r)
}

// caselessSuffixEnd skips up to six letters and marks of a caseless script at q; a
// longer run is another word, and then q is returned unchanged.
func caselessSuffixEnd(data []byte, q int) int {
	first, _ := utf8.DecodeRune(data[q:])
	e := q
	for n := 0; e < len(data) && n < 8; n++ {
		r, size := utf8.DecodeRune(data[e:])
		if !(caselessLetter(r) || unicode.Is(unicode.Mn, r)) || !unicode.Is(unicode.Mn, r) && !sameScript(first, r) {
			break
		}
		e += size
	}
	if e < len(data) {
		if r, _ := utf8.DecodeRune(data[e:]); unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) {
			return q
		}
	}
	return e
}

func caselessLetter(r rune) bool {
	return r >= 0x370 && unicode.IsLetter(r) && !unicode.IsUpper(r) && !unicode.IsLower(r) && !gluedScript(r)
}

// caselessScripts are the scripts caselessSuffix reads suffixes in.
var caselessScripts = []*unicode.RangeTable{unicode.Arabic, unicode.Hebrew, unicode.Thaana, unicode.Syriac, unicode.Ethiopic,
	unicode.Georgian, unicode.Devanagari, unicode.Bengali, unicode.Gurmukhi, unicode.Gujarati, unicode.Oriya, unicode.Tamil,
	unicode.Telugu, unicode.Kannada, unicode.Malayalam, unicode.Sinhala, unicode.Tibetan, unicode.Canadian_Aboriginal,
	unicode.Mongolian, unicode.Tifinagh, unicode.Nko, unicode.Cherokee}

func sameScript(a, b rune) bool {
	for _, t := range caselessScripts {
		if unicode.Is(t, a) {
			return unicode.Is(t, b)
		}
	}
	return false
}

// codeSwitchLabel reports a number at s..e that ends its utterance after a label in a
// script other than Latin and a colon ("ژمارەی ناسنامە: 65.10.23-921.18",
// "ᐃᓕᓐᓂᐊᕐᕕᒃ ᓈᓴᐅᑎ: 303471875"): natIDDet asks it of a number whose check digits hold,
// where no word of its vocabulary names it. The label's words are not read (no list
// holds every language's), only that the utterance is another script's text that
// dictates this one number, as codeSwitchDet reads a password.
func codeSwitchLabel(data []byte, s, e int) bool {
	if e < len(data) {
		switch c := data[e]; {
		case c == '\n' || c == '\r':
		case c == '"' && escapeBefore(data, e) == 0:
		case c == '<' && e+1 < len(data) && data[e+1] == '/':
		default:
			return false
		}
	}
	q := s
	for q > 0 && s-q < 4 && (data[q-1] == ' ' || data[q-1] == '\t') {
		q--
	}
	if q == s || q < 3 || data[q-1] != ':' || data[q-2] < 0x80 {
		return false
	}
	return codeSwitchBefore(data, q-2)
}

// loginQualifier reads what a login word's qualifier says it opens, up to the colon
// that links it to the pair: "for crew scheduling:", "to the VPN portal:", "on
// pve1:", "at the depot:". It returns the colon's offset, or 0: a preposition, then
// up to four words of letters, digits, '-' and '.' on the line, then ':' and a blank.
func loginQualifier(data []byte, q int) int {
	w := 0
	for _, prep := range []string{"for ", "to ", "on ", "at ", "of "} {
		if hasPrefixFold(data, q, prep) {
			w = len(prep)
			break
		}
	}
	if w == 0 {
		return 0
	}
	p := q + w
	for words := 0; words < 4 && p < len(data); words++ {
		s := p
		for p < len(data) && (is(data[p], cWord) || data[p] == '-' || data[p] == '.' || data[p] == '\'') {
			p++
		}
		if p == s {
			return 0
		}
		if p+1 < len(data) && data[p] == ':' && (data[p+1] == ' ' || data[p+1] == '\t') {
			return p
		}
		if p >= len(data) || data[p] != ' ' {
			return 0
		}
		p++
	}
	return 0
}

// versionLike reports a version number first: an optional 'v', digits, a dot and a
// digit ("2.39.0-rc.8+build.3397", "v1.4.2-beta").
func versionLike(v []byte) bool {
	p := 0
	if p < len(v) && (v[p] == 'v' || v[p] == 'V') {
		p++
	}
	q := run(v, p, cDigit, len(v))
	return q > p && q+1 < len(v) && v[q] == '.' && isDigit(v[q+1])
}

// packageQualified reports a dotted name in a package's or a domain's order: three segments
// or more, each a letter then letters, digits or '_', the first in lower case
// ("com.sun.org.apache.xpath.internal.DOM2Helper", "org.example.Main"). A chosen password
// of dotted words opens with a capital or a digit ("Tiger.Lake.Rover9") and stays one.
func packageQualified(v []byte) bool {
	segs, start := 0, 0
	for i := 0; i <= len(v); i++ {
		if i < len(v) && v[i] != '.' {
			c := v[i]
			switch {
			case i == start && !is(c, cLower|cUpper):
				return false
			case segs == 0 && !is(c, cLower) && !isDigit(c) && c != '_':
				return false
			case !is(c, cLower|cUpper) && !isDigit(c) && c != '_':
				return false
			}
			continue
		}
		if i == start {
			return false // an empty segment
		}
		segs++
		start = i + 1
	}
	return segs >= 3
}
