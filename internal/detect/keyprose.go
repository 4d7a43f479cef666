package detect

import "bytes"

// keyProseDet reads a key named in running text, the way a mail or a chat message
// hands one over: "the reporting API key for your team is <key>", "your new access
// token for the staging cluster is now <key>". The key's name, at most
// keyProseWords words that say whose or what for, a copula, then the value unquoted
// or quoted on the same line. The value must be what a bare "key" holds
// (bareKeyValue): long, with digits, not hex, not words; "the API key is invalid"
// and "the token is 3 days old" name none.
type keyProseDet struct{ secret *Rule }

// keyProseNames are the names of a key in prose (lower case; the anchors fold case).
var keyProseNames = []string{"api key", "api token", "access token", "access key", "secret key", "auth token", "api secret", "client secret", "bearer token"}

// keyProseWords bounds the words between a key's name and its copula.
const keyProseWords = 5

// keyProseCopulas join the phrase to its value.
var keyProseCopulas = []string{"is set to ", "is now ", "is ", "was ", "will be ", "would be "}

func (d *keyProseDet) anchors() []string { return keyProseNames }

func (d *keyProseDet) hit(sc *scanner, di, tag, at int) {
	data := sc.data
	name := keyProseNames[tag]
	if !hasPrefixFold(data, at, name) || !leftOK(data, at) {
		return
	}
	p := at + len(name)
	if !rightOK(data, p) || p >= len(data) || data[p] != ' ' {
		return
	}
	end := lineEnd(data, p, 240)
	if d.labelValue(sc, p+1, end) {
		return
	}
	// words, each followed by one space, up to the copula
	q := p + 1
	for words := 0; ; words++ {
		cop := ""
		for _, c := range keyProseCopulas {
			if hasPrefixFold(data, q, c) {
				cop = c
				break
			}
		}
		if cop != "" {
			q += len(cop)
			break
		}
		if words == keyProseWords {
			return
		}
		w := run(data, q, cLower|cUpper|cDigit|cDash, 32)
		if w == q || w >= end || data[w] != ' ' {
			return // not a word, or a colon, quote or line's end: another syntax
		}
		q = w + 1
	}
	if q >= end {
		return
	}
	vs, ve := q, q
	if c := data[q]; c == '"' || c == '\'' || c == '`' {
		i := bytes.IndexByte(data[q+1:end], c)
		if i < 0 {
			return
		}
		vs, ve = q+1, q+1+i
	} else {
		for ve < end && data[ve] > ' ' && data[ve] < 0x7f {
			ve++
		}
		for ve > vs && bytes.IndexByte([]byte(".,;:)!?"), data[ve-1]) >= 0 {
			ve--
		}
	}
	v := data[vs:ve]
	if len(v) < 20 || len(v) > 256 || !genericSecretValue(v) || !bareKeyValue(v) || identifierLike(v) || isPlaceholder(v) {
		return
	}
	sc.emit(d.secret, vs, ve, string(v))
}

// labelValue reads the key a note gives as the last word of its line right after the
// key's name, no copula between ("HISTORY   nova api key fknvwydvvqmqgmbs", "# api
// token Kq7…"): a log's, a header card's or a comment's label. The word must be a
// generated key: what a bare "key" holds (bareKeyValue), or lower-case letters alone
// that no language spells (lowerRandom).
func (d *keyProseDet) labelValue(sc *scanner, vs, end int) bool {
	data := sc.data
	ve := vs
	for ve < end && data[ve] > ' ' && data[ve] < 0x7f {
		ve++
	}
	if ve == vs || run(data, ve, cBlank, -1) < end && data[run(data, ve, cBlank, -1)] != '\r' {
		return false // not the line's last word
	}
	v := data[vs:ve]
	if len(v) < 16 || len(v) > 128 || isPlaceholder(v) || identifierLike(v) && !lowerRandom(v) {
		return false
	}
	if lowerRandom(v) || len(v) >= 20 && genericSecretValue(v) && bareKeyValue(v) {
		sc.emit(d.secret, vs, ve, string(v))
		return true
	}
	return false
}

// lowerRandom reports sixteen to sixty-four random lower-case letters
// ("fknvwydvvqmqgmbs", astrometry.net's keys): no more vowels than a random draw
// gives, runs of three consonants or more, most letters distinct.
func lowerRandom(v []byte) bool {
	if len(v) < 16 || len(v) > 64 {
		return false
	}
	vowels, runMax, cur := 0, 0, 0
	var seen [26]bool
	distinct := 0
	for _, c := range v {
		if c < 'a' || c > 'z' {
			return false
		}
		if !seen[c-'a'] {
			seen[c-'a'] = true
			distinct++
		}
		if bytes.IndexByte([]byte("aeiouy"), c) >= 0 {
			vowels++
			cur = 0
			continue
		}
		if cur++; cur > runMax {
			runMax = cur
		}
	}
	return vowels*2 <= len(v) && runMax >= 3 && distinct*2 >= len(v)
}
