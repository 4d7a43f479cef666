package detect

// Classes of misses that recur across independently written tuning splits (issue 11,
// stop 40): each is a kind of value in a kind of place, not one split's format.

// numberedWords reports dotted lower-case words of three letters or more with a number
// of one to four digits glued to the last, and at most four letters or digits after it
// ("marlin.oporto42", "lisbon.tagus7Qk"): how people and generators write a password
// from place names. A member of code is capitalised (Config.Pass1), abbreviated
// (cfg.pw2) or names a width or a digest (hashlib.sha256, ctypes.c_int32).
func numberedWords(v []byte) bool {
	return wordsWithNumber(v, '.', true)
}

// wordsWithNumber reports lower-case words of three letters or more joined by sep,
// with a number of one to four digits glued to the last and at most four letters or
// digits after it (numberedWords, joinedNumberedWords); with widths, a number that is a
// width in bits (bitWidth) refuses it.
func wordsWithNumber(v []byte, sep byte, widths bool) bool {
	parts, start := 0, 0
	for i := 0; i <= len(v); i++ {
		if i < len(v) && v[i] != sep {
			continue
		}
		p := v[start:i]
		start = i + 1
		parts++
		w := run(p, 0, cLower, len(p))
		if w < 3 {
			return false
		}
		if i < len(v) {
			if w != len(p) {
				return false
			}
			continue
		}
		d := run(p, w, cDigit, len(p))
		if d == w || d-w > 4 || widths && bitWidth(p[w:d]) || len(p)-d > 4 || run(p, d, cLower|cUpper|cDigit, len(p)) != len(p) {
			return false
		}
	}
	return parts >= 2
}

// bitWidth reports a number that is a width in bits (8, 16, …, 512): in a name it
// names a type or a digest.
func bitWidth(n []byte) bool {
	switch string(n) {
	case "8", "16", "32", "64", "128", "160", "224", "256", "384", "512":
		return true
	}
	return false
}

// settingEndsLine reports an assignment written as a setting, not a statement: an
// operator without space before it ("key=value", "key: value"), nothing after the
// value but blanks to the end of its line, and nothing of an expression before the key
// on its line (comment marks, a list's dash and words may stand there). Code puts
// spaces around '=', ends the statement with ';', ',' or ')', or builds a string
// ("x = \"a\" + password=obj.attr2").
func settingEndsLine(data []byte, a *assignment) bool {
	if a.spacedSep || a.colonEq || a.valEnd > len(data) || a.keyStart > len(data) {
		return false
	}
	for p := a.keyStart - 1; p >= 0 && data[p] != '\n'; p-- {
		switch data[p] {
		case '=', '+', '(', '"', '\'', '{', '[', ',', '<', '&', '|':
			return false
		}
	}
	p := a.valEnd
	for p < len(data) && (data[p] == ' ' || data[p] == '\t' || data[p] == '\r') {
		p++
	}
	return p == len(data) || data[p] == '\n'
}

// queryParam reports a URL query's parameter: its key follows '?' or '&', or '&' as
// XML and HTML escape it ("…?user=cam&amp;passphrase=…").
func queryParam(data []byte, a *assignment) bool {
	return a.query || a.keyStart >= 5 && a.keyStart <= len(data) && string(data[a.keyStart-5:a.keyStart]) == "&amp;"
}
