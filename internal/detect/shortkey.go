package detect

// shortGeneratedKey recognises a key a device or an application generated for itself
// that is shorter than genericValue's 16 characters (a signage player's server key, an
// access-control terminal's communication key): 10 to 15 letters and digits, drawn at
// random: both letter cases and digits, or capitals strewn among the letters
// (randomLetters); the classes alternate (at least four changes between lower case,
// upper case and digits, which a camelCase name or a word and a number does not), no
// run of more than six lower-case letters (a word), not an identifier's shape, not all
// hex (a digest's or an id's prefix), not base64 of text ("Q0hBTkdFTUUh"), and not a
// placeholder. secretAssign takes it only under "<word>_key" names (shortKeyName).
func shortGeneratedKey(v []byte) bool {
	if len(v) < 10 || len(v) > 15 {
		return false
	}
	changes, lowRun := 0, 0
	var prev, seen uint16
	for _, c := range v {
		var cls uint16
		switch {
		case is(c, cLower):
			cls = cLower
			lowRun++
			if lowRun > 6 {
				return false
			}
		case is(c, cUpper):
			cls, lowRun = cUpper, 0
		case isDigit(c):
			cls, lowRun = cDigit, 0
		default:
			return false
		}
		if prev != 0 && cls != prev {
			changes++
		}
		prev = cls
		seen |= cls
	}
	if seen&cLower == 0 || seen&cUpper == 0 || changes < 4 {
		return false
	}
	if seen&cDigit == 0 && !randomLetters(v) {
		return false
	}
	// letters alone need one mark more: "someRawKeyID" ends in an acronym
	if marks := oddCaseMarks(v); marks < 2 || seen&cDigit == 0 && marks < 3 {
		return false
	}
	return !allHex(v) && !base64Text(v) && !identifierLike(v) && !isPlaceholder(v) && entropy(v) >= 3.0
}

// oddCaseMarks counts the places in v where letter case and digits fall as no name of
// words does: a capital beside a capital, a capital before a digit or last, a capital
// and one lower-case letter between capitals (not a two-letter word), a lower-case
// letter right after a digit. A camelCase name ("Win32Handle", "getUserById2") has none.
func oddCaseMarks(v []byte) int {
	n := 0
	for i, c := range v {
		switch {
		case isUpper(c):
			if i > 0 && isUpper(v[i-1]) || i+1 < len(v) && (isUpper(v[i+1]) || isDigit(v[i+1])) || i+1 == len(v) {
				n++
			} else if i+2 < len(v) && is(v[i+1], cLower) && isUpper(v[i+2]) && !twoLetterWord(c, v[i+1]) {
				n++
			}
		case is(c, cLower):
			if i > 0 && isDigit(v[i-1]) {
				n++
			}
		}
	}
	return n
}

// shortKeyName reports a key name under which secretAssign takes a shortGeneratedKey:
// "<word>_key" as secretKey trusts it (api_key, server_key, access_key) or as namedKey
// takes it strictly (comm_key, X-Upload-Key); not a bare "key", "x_key", a token's,
// a salt's or a secret's name, whose values are more often words and ids.
func shortKeyName(key []byte) bool {
	var segBuf [8][]byte
	var text [maxKeyLen]byte
	if len(key) > maxKeyLen {
		return false
	}
	segs := keySegments(key, segBuf[:0], text[:0])
	if len(segs) < 2 || string(segs[len(segs)-1]) != "key" {
		return false
	}
	if secretKey(segs) {
		return true
	}
	ok, strict := namedKey(segs)
	return ok && strict
}
