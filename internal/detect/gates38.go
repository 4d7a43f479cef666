package detect

import "bytes"

// General gates of the name -> value judgement, relaxed where an audit of names x value
// shapes x syntaxes (gatematrix_test.go; no evaluation split read) showed plainly
// random values refused for a character that only code, a path or a flag would put
// there. Each exception asks the rest of the value to be a generated token, so the
// vetoes keep refusing what they were written for.

// randomRun reports a run of letters and digits (and the token alphabet's '-', '_')
// that reads as generated: 16 or more bytes, upper case, lower case and digits mixed,
// varied, and no identifier's shape.
func randomRun(v []byte) bool {
	if len(v) < 16 || len(v) > 256 {
		return false
	}
	for _, c := range v {
		if !is(c, cAlnum) && c != '-' && c != '_' {
			return false
		}
	}
	return classCount(v) == 3 && entropy(v) >= 3.5 && !identifierLike(v) && !isPlaceholder(v)
}

// strayLead reports a value whose first byte is one symbol before a generated token
// ("+90fXaWKubMMMzIc6hcwp2TRQ", "-5iaqMUyV4Zhi4POSO5dtmY6"): no operator, flag, path
// or negative number is followed by such a run.
func strayLead(v []byte) bool {
	return len(v) >= 17 && !is(v[0], cAlnum) && randomRun(v[1:])
}

// strayBracket reports a value with exactly one bracket in it, the rest a generated
// token (randomRun, or strayToken with the bracket among its few symbols and no '.',
// '=' or '/', which members, assignments and paths hold): code's
// calls, indexes and literals close what they open, so a single bracket inside a random
// run ("TSc31CI1UkL)UJ0rjQk393d") is one of its characters.
func strayBracket(v []byte) bool {
	at, n := -1, 0
	for i, c := range v {
		switch c {
		case '(', ')', '[', ']', '{', '}':
			at = i
			n++
		}
	}
	if n != 1 || len(v) < 17 {
		return false
	}
	if at > 0 && at < len(v)-1 {
		// both sides random-looking: neither is a name followed by its call
		if is(v[at-1], cLower|cUpper) && at >= 3 && run(v, at-3, cLower, at) == 3 && (v[at] == '(' || v[at] == '[') {
			return false // "…name(" or "…arr[": a call or an index cut short
		}
	}
	rest := make([]byte, 0, 64)
	rest = append(rest, v[:at]...)
	rest = append(rest, v[at+1:]...)
	return randomRun(rest) || !bytes.ContainsAny(rest, ".=/") && strayToken(v)
}

// shortSecretName: a name whose last word is "secret" (secret, shared_secret,
// client_secret, api_secret) holds a device's or an application's short generated
// secret as <word>_key names do (shortKeyName).
func shortSecretName(key []byte) bool {
	var segBuf [8][]byte
	var text [maxKeyLen]byte
	if len(key) > maxKeyLen {
		return false
	}
	segs := keySegments(key, segBuf[:0], text[:0])
	return len(segs) >= 1 && bytes.Equal(segs[len(segs)-1], []byte("secret")) && secretKey(segs)
}

// strayEnd is where an unquoted value that starts at p ends when it is one
// whitespace-delimited run holding a single symbol that unquotedEnd would stop at
// (')', ']', '}', '<', '>', '|') amid a generated token, or a key drawn from all of
// printable ASCII (printableKey) with no quote, comma, semicolon, colon or backslash
// in it and no bracket first (a notation: "[enc:…:enc]"); 0 when it is not one.
func strayEnd(data []byte, p, lim int) int {
	e := p
	for e < lim && data[e] > ' ' && data[e] < 0x7f {
		e++
	}
	if e < lim && data[e] >= 0x7f {
		return 0
	}
	if strayLone(data[p:e]) && !wordAfterStray(data[p:e]) {
		return e
	}
	return 0
}

// wordAfterStray reports a run whose part after its one symbol is a lower-case word
// (three or more letters, then digits at most): a command the value is piped to, a file
// it is written to, text after a closing bracket ("…|base64", "…>out", "…)and"), not
// the rest of a generated token, which mixes in capitals.
func wordAfterStray(v []byte) bool {
	i := len(v)
	for i > 0 && (is(v[i-1], cAlnum) || v[i-1] == '-' || v[i-1] == '_') {
		i--
	}
	tail := v[i:]
	n := run(tail, 0, cLower, len(tail))
	return n >= 3 && run(tail, n, cDigit, len(tail)) == len(tail)
}

// loneMark returns where the one byte of v outside letters, digits, '-' and '_' is,
// or -1 when there is none or more than one.
func loneMark(v []byte) int {
	at := -1
	for i, c := range v {
		if !is(c, cAlnum) && c != '-' && c != '_' {
			if at >= 0 {
				return -1
			}
			at = i
		}
	}
	return at
}

// strayLone reports a value with exactly one byte outside letters, digits, '-' and
// '_', the rest a generated token (randomRun), the lone byte a bracket or one of
// '<', '>', '|'.
func strayLone(v []byte) bool {
	at := loneMark(v)
	if at < 0 || at == len(v)-1 || len(v) < 17 {
		return false // (one last is the text's: "(tried PGPASSWORD=…)")
	}
	switch v[at] {
	case '<', '>', '|':
		var buf [256]byte
		if len(v) > len(buf)+1 {
			return false
		}
		rest := append(append(buf[:0], v[:at]...), v[at+1:]...)
		return randomRun(rest)
	}
	return strayBracket(v)
}

// ampInside reports an '&' at q inside an unquoted value that starts at p rather than
// after it (not in a URL query: queryKey): a printable byte other than '=', '&' or '?' before it and other than '&' after it, and
// no '=' from there to the end of the run (a query's next parameter, "&user=bob", has
// one; a shell's "&&" or a trailing '&' is refused before).
func ampInside(data []byte, p, q, lim int) bool {
	if q == p || q+1 >= lim || queryKey(data, p) {
		return false
	}
	if c := data[q-1]; c <= ' ' || c >= 0x7f || c == '=' || c == '&' || c == '?' {
		return false
	}
	if c := data[q+1]; c <= ' ' || c >= 0x7f || c == '&' || c == ';' || c == '#' {
		return false
	}
	for e := q + 1; e < lim && data[e] > ' ' && data[e] < 0x7f; e++ {
		if data[e] == '=' || data[e] == '&' || data[e] == '?' {
			return false
		}
	}
	return true
}

// queryKey reports a value at p whose key is a URL query's parameter: '=' before p, and
// the key's name after a '?' or '&' ("?token=…", "&password=…"). In a query an '&' inside
// a value is written %26, so every '&' parts parameters, one without a value ("&debug")
// too.
func queryKey(data []byte, p int) bool {
	if p == 0 || data[p-1] != '=' {
		return false
	}
	k := p - 1
	for k > 0 && p-k <= 64 && (is(data[k-1], cWord) || data[k-1] == '-' || data[k-1] == '.' || data[k-1] == '%' || data[k-1] == '[' || data[k-1] == ']') {
		k--
	}
	return k < p-1 && k > 0 && (data[k-1] == '?' || data[k-1] == '&')
}

// sharedSecretKey reports a shared secret's name ("shared_secret",
// "RADIUS_SHARED_SECRET", "sharedSecret"): what the two ends of a RADIUS, TACACS+ or
// IPsec link are both given is chosen and typed by people as a pre-shared key is, so
// its value is judged as a password's.
func sharedSecretKey(segs [][]byte) bool {
	n := len(segs)
	if n == 0 {
		return false
	}
	last := segs[n-1]
	return string(last) == "sharedsecret" || n >= 2 && string(last) == "secret" && string(segs[n-2]) == "shared"
}

// sharedSecretPassword reports a value under a shared secret's name that the generic
// rule refused but that holds letters and digits, as a typed secret does: the password
// rule then judges it (kv.go), as it judges a pre-shared key. A bare number or word,
// and a value with a version's, a path's, code's or a template's punctuation, are left
// to the generic rule's refusal.
func sharedSecretPassword(key, v []byte) bool {
	if len(v) < 8 || len(v) > 64 || !bytes.ContainsAny(v, "0123456789") || bytes.ContainsAny(v, ".:/()[]{}$%<>") {
		return false // (a version, a path or URL, code, a reference or a template)
	}
	letters := false
	for _, c := range v {
		if is(c, cLower|cUpper) {
			letters = true
			break
		}
	}
	return letters && sharedSecretName(key)
}

// sharedSecretName is sharedSecretKey for a raw key.
func sharedSecretName(key []byte) bool {
	var segBuf [8][]byte
	var text [maxKeyLen]byte
	key = bytes.Trim(key, `"'`)
	if len(key) > maxKeyLen {
		return false
	}
	return sharedSecretKey(keySegments(key, segBuf[:0], text[:0]))
}
