package detect

import "bytes"

// Gates of stop 41 (recur41): classes of misses seen in many tuning splits, written
// as mechanisms.

// keySizeHex reports hex of a symmetric key's length — 32, 48 or 64 digits, the
// 128, 192 and 256 bits of AES, of a device's or a network's key, of a MAC key — in one
// case, letters and digits both, spread as random hex spreads: many distinct digits,
// no digit run of four or more (padding, masks, "0000…" placeholders).
//
// Under namedKey's strict names ("<word>_key", "DeviceKey") such a value is the thing's
// key: the owners whose keys are digests and ids (cache, hash, object, …) are left out
// of those names by ownerKeyWords, a key slot's name ("primary_key", "old_key") is a
// table's key as often and is left out here (slotKeyName), and a table of such values
// under keyed names is a column of digests (hexColumn: namedHexColumnRow).
func keySizeHex(v []byte) bool {
	switch len(v) {
	case 32, 48, 64:
	default:
		return false
	}
	if !allHex(v) || classCount(v) != 2 || bytes.ContainsAny(v, "abcdef") && bytes.ContainsAny(v, "ABCDEF") {
		return false
	}
	distinct, ok := hexSpread(v)
	if !ok {
		return false
	}
	step, dir := 1, 0
	for i, c := range v {
		if d := hexVal(c) - hexVal(v[max(i, 1)-1]); i > 0 && (d == 1 || d == -1) {
			if d != dir {
				step, dir = 1, d
			}
			if step++; step >= 5 {
				return false // "0123456789abcdef…", "fedcba98…": typed, not drawn
			}
		} else {
			step, dir = 1, 0
		}
	}
	return distinct >= 11 && !isPlaceholder(v)
}

// hexVal is a hex digit's value.
func hexVal(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -100
}

// slotKeyName reports a raw key whose first word is a key slot's (keySlotWords):
// "primary_key", "oldKey".
func slotKeyName(key []byte) bool {
	if len(key) > maxKeyLen {
		return false
	}
	var segBuf [8][]byte
	var text [maxKeyLen]byte
	segs := keySegments(bytes.Trim(key, `"'`), segBuf[:0], text[:0])
	return len(segs) > 0 && keySlotWords[string(segs[0])]
}

// namedHexColumnRow reports a key-sized hex value (keySizeHex) under namedKey's strict
// names that stands in a column of hex words of its length (hexColumn): a table of
// digests keyed by names, as hexColumnRow is for shorter hex.
func namedHexColumnRow(data []byte, a *assignment, key, v []byte) bool {
	return a.valEnd <= len(data) && keySizeHex(v) && namedKeyBytes(key) && !namedKeyValue(v) &&
		hexColumn(data, a.valStart, a.valEnd)
}

// multiKeyName reports a name of three words or more whose last is "key"
// ("agentEnrollKey", "mesh_network_key"), none of which names an owner whose keys are
// digests or ids (ownerKeyWords, a key slot's too), a provider (its rules know its
// keys), or anything notSecretTail or saysNotSecret refuses. namedKey takes two words
// alone; under a longer name the generic rule takes a key-sized random hex value and
// nothing else (secretAssign), the shape a key of a device, a mesh or an agent's
// enrolment has and a word, a path, a dotted setting's name or an id has not. (A
// generated value of mixed case under three words stays refused: peers3's
// "three words" class.)
func multiKeyName(segs [][]byte) bool {
	n := len(segs)
	if n < 3 || string(segs[n-1]) != "key" || saysNotSecret(segs) {
		return false
	}
	for _, w := range segs[:n-1] {
		if len(w) < 2 || ownerKeyWords[string(w)] || notSecretTail[string(w)] || providerWord(w) {
			return false
		}
		for _, c := range w {
			if !is(c, cLower) {
				return false
			}
		}
	}
	return true
}

// genericKVKey is the generic-api-key rule's key test: genericKey's names, and
// multiKeyName's for a key-sized hex value alone (secretAssign).
func genericKVKey(segs [][]byte) bool {
	return genericKey(segs) || multiKeyName(segs)
}

// onlyMultiKey reports a raw key that genericKVKey takes by multiKeyName alone. A
// list's plural name ("agentKeys = [...]") is read as its elements' singular, as the
// key test read it (listHit).
func onlyMultiKey(key []byte) bool {
	if len(key) > maxKeyLen {
		return false
	}
	var segBuf [12][]byte
	var text [maxKeyLen]byte
	segs := keySegments(singularKey(bytes.Trim(key, `"'`)), segBuf[:0], text[:0])
	return multiKeyName(segs) && !genericKey(segs)
}

// phraseLabel reports a key read at [ks, ke) before the value at vs that is the last
// word of a label written as a phrase — two to six words of letters, separated by
// single blanks, from the start of its line (after blanks or a list's bullet) or of a
// text (after a quote or a tag's '>') to a colon and a blank before the value ("Carta
// bancària: …", "- Kôrta do płacënku: …"). Such a label is a person's words in some
// language, not a name code gives a field: what it says is not read, and the value
// decides as it does in text with no label (cardContext) — unless one of its words is
// one that names an identifier, a reference or a sample (unnamedNotSecret: "Order
// numurs: …"). A code key has no blank in it and a word, digit or mark of code ('_',
// '.', '=') before it.
func phraseLabel(data []byte, ks, ke, vs int) bool {
	if ke+2 != vs || data[ke] != ':' || data[ke+1] != ' ' {
		return false
	}
	words := 1
	p := ks
	for {
		if p == 0 {
			break
		}
		c := data[p-1]
		if c == ' ' {
			if p >= 2 && (data[p-2] == ' ' || data[p-2] == '\t') {
				break // blanks before the phrase
			}
			if p >= 2 && (data[p-2] == '-' || data[p-2] == '*') && (p == 2 || data[p-3] == ' ' || data[p-3] == '\t' || data[p-3] == '\n') {
				p -= 2 // a list's bullet
				break
			}
			words++
			p--
			continue
		}
		if c == '\n' || c == '\t' || c == '"' || c == '>' {
			break
		}
		if c == '\'' && p >= 2 && isLetterByte(data[p-2]) {
			p-- // "y'ikarita", "c'hartenn": an apostrophe inside a word
			continue
		}
		if !isLetterByte(c) {
			return false
		}
		if words > 6 || ks-p > 80 {
			return false
		}
		p--
	}
	if words < 2 || words > 6 {
		return false
	}
	// a word that names what else the value is ("Order …", "Sample input value"): the
	// label is read, and says no
	for _, w := range bytes.Fields(data[p:ke]) {
		if unnamedNotSecret[string(bytes.ToLower(bytes.Trim(w, "-*")))] {
			return false
		}
	}
	// the phrase's first word starts at p after a bullet or blanks: the line holds
	// nothing before it but those
	for q := p; q > 0 && data[q-1] != '\n'; q-- {
		switch data[q-1] {
		case ' ', '\t', '-', '*':
		case '"', '>':
			return true
		default:
			return false
		}
	}
	return true
}

// isLetterByte: an ASCII letter or a byte of a multi-byte UTF-8 character (the letters
// of other alphabets and the accented ones).
func isLetterByte(c byte) bool { return is(c, cLower|cUpper) || c >= 0x80 }

// phrasePhoneDet reads a phone number in its national format — its trunk prefix first
// ("0412 736 538", "097353 12392") or a two-digit area code in parentheses — after a
// label written as a phrase of a person's words (phraseLabel): "Nhamba yangu: 0…".
// The phone words (phoneDet.prose) name a phone in the languages they list; a label in
// another language says nothing the detector can read, and the number's national
// shape with its trunk prefix, ending the phrase, decides as it does after "Tel.".
type phrasePhoneDet struct{ rule *Rule }

var phrasePhoneAnchors = []string{": 0", ": ("}

func (d *phrasePhoneDet) anchors() []string { return phrasePhoneAnchors }

func (d *phrasePhoneDet) hit(sc *scanner, di, tag, at int) {
	data := sc.data
	ks := at
	for ks > 0 && at-ks < 40 && (isLetterByte(data[ks-1]) || data[ks-1] == '\'') {
		ks--
	}
	if ks == at || !phraseLabel(data, ks, at, at+2) {
		return
	}
	q := at + 2
	if q >= len(data) || data[q] != '0' && data[q] != '(' {
		return // (the anchors' "0" stands for any digit)
	}
	e := q
	for e < len(data) && e-q < 24 && (isDigit(data[e]) || data[e] == ' ' || data[e] == '-' || data[e] == '.' || data[e] == '(' || data[e] == ')') {
		e++
	}
	for e > q && !isDigit(data[e-1]) {
		e--
	}
	if e == q || !rightOK(data, e) || e < len(data) && (is(data[e], cAlnum) || data[e] == ':' || data[e] == '/') {
		return // (a date's or a time's digits go on with '/' or ':')
	}
	v := data[q:e]
	if !nationalPhone(v) || !phoneGroupsOK(v) || v[0] == '(' && (len(v) < 4 || v[3] != ')') {
		return
	}
	sc.emit(d.rule, q, e, string(v))
	sc.skip[di] = e
}
