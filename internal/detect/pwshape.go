package detect

import (
	"bytes"
	"strings"
)

// Password shapes that the generated-token tests miss (issue 11: out-of-sample
// password recall, found by tools/whymiss's miss reasons): a passphrase of dictionary
// words with a number ("juniper.kestrel.94", "Willow_Spruce2026"), letters in random
// case, and a password typed with letters and digits or symbols. Each is read only
// where a password's name stands before the value.

// passphrase reports two to five words of three letters or more (lower case or
// capitalised) joined by one separator ('.', '_' or '-'), with a group of digits as a
// last part of its own or, joined by '_' or '-', glued to the last word. A host name never ends with a
// number part, a version never has words of three letters, an identifier of code
// rarely ends with one.
func passphrase(v []byte) bool {
	if len(v) < 10 || len(v) > 64 {
		return false
	}
	sep := soleSeparator(v, "._-")
	if sep == 0 {
		return false
	}
	parts := bytes.Split(v, []byte{sep})
	if len(parts) < 2 || len(parts) > 6 {
		return false
	}
	words := 0
	for i, p := range parts {
		last := i == len(parts)-1
		if len(p) == 0 {
			return false
		}
		d := len(p)
		for d > 0 && isDigit(p[d-1]) {
			d--
		}
		digits := len(p) - d
		switch {
		case d == 0:
			// a number part: the last one, two to four digits
			if !last || digits < 2 || digits > 4 {
				return false
			}
			continue
		case digits > 0 && (!last || digits < 2 || digits > 4 || sep == '.'):
			return false // (with dots, a number glued to a word is a type's name: "atomic.Int32")
		}
		w := p[:d]
		if len(w) < 3 || !is(w[0], cLower|cUpper) {
			return false
		}
		for _, c := range w[1:] {
			if !is(c, cLower) {
				return false
			}
		}
		words++
	}
	lastPart := parts[len(parts)-1]
	return words >= 2 && isDigit(lastPart[len(lastPart)-1])
}

// soleSeparator returns the one byte of seps that v holds, however many times, or 0
// when v holds none of them or more than one.
func soleSeparator(v []byte, seps string) byte {
	sep := byte(0)
	for _, c := range v {
		if strings.IndexByte(seps, c) >= 0 {
			if sep != 0 && c != sep {
				return 0
			}
			sep = c
		}
	}
	return sep
}

// scrambledCase reports letters (and digits) in random case: capitals that start no
// word of a camelCase name. Lower-case runs of one or two letters between capitals
// ("…WTvSfM…") or a run of five capitals or more inside mixed case ("VDOGRRKeffzd")
// are what random case writes; names have words of three letters and more, and
// acronyms of four at most.
func scrambledCase(v []byte) bool { return scrambledShape(v) && entropy(v) >= 3.2 }

// scrambledShape is scrambledCase but for the entropy of the value.
func scrambledShape(v []byte) bool {
	if len(v) < 10 {
		return false
	}
	up, low, short, longUp := 0, 0, 0, false
	run, upRun := 0, 0
	for i := 0; i <= len(v); i++ {
		c := byte(0)
		if i < len(v) {
			c = v[i]
		}
		switch {
		case is(c, cLower):
			low++
			run++
		case is(c, cUpper):
			up++
			upRun++
			if upRun >= 5 {
				longUp = true
			}
			if run > 0 && run <= 2 && i-run > 0 && is(v[i-run-1], cUpper) {
				short++
			}
			run = 0
			continue
		case i < len(v) && !isDigit(c) && c != '_':
			return false
		default:
			run = 0
		}
		upRun = 0
	}
	return up >= 3 && low >= 3 && (short >= 3 || longUp && low >= 3 || unpronounceable(v))
}

// unpronounceable reports a mixed-case string whose camelCase words of three letters
// or more are, two of them at least and more than half, without a vowel ("Grbp", "Vmqn", "xkcwt"): names
// a program gives are made of words and a few short abbreviations ("nxt", "Ptr" stay
// under three or alone), a random draw of letters writes such words in every other
// hump. Words all in capitals are acronyms and are not counted.
func unpronounceable(v []byte) bool {
	bare, words := 0, 0
	for i := 0; i < len(v); {
		if !is(v[i], cUpper|cLower) {
			i++
			continue
		}
		// a word: an optional capital and the lower-case letters after it, or a run of
		// capitals (an acronym) up to the capital that starts the next word
		j := i + 1
		if isUpper(v[i]) && j < len(v) && isUpper(v[j]) {
			for j < len(v) && isUpper(v[j]) && !(j+1 < len(v) && is(v[j+1], cLower)) {
				j++
			}
			i = j
			continue
		}
		for j < len(v) && is(v[j], cLower) {
			j++
		}
		if j-i >= 3 {
			words++
			if !bytes.ContainsAny(bytes.ToLower(v[i:j]), "aeiouy") {
				bare++
			}
		}
		i = j
	}
	return bare >= 2 && bare*2 > words
}

// typedPassword reports a value that reads as a password someone chose or a generator
// wrote, for the places that hold a password but have no operator to say so ("password
// X" as a setting's line, prose): a passphrase, random case, or letters with digits or
// symbols that are no path, call, reference or identifier, or dotted words with a
// number glued to the last (numberedWords).
func typedPassword(v []byte) bool {
	if len(v) < 6 || !strongContextPassword(v) {
		return false
	}
	if passphrase(v) || scrambledCase(v) || numberedWords(v) || joinedScrambled(v) || wordsLetterTail(v) {
		return true
	}
	letters, other := 0, 0
	for _, c := range v {
		switch {
		case is(c, cLower|cUpper):
			letters++
		case c == '/' || c == '\\' || c == '(' || c == ':' || c == '=':
			return false
		default:
			other++
		}
	}
	return letters >= 2 && other >= 1 && len(v) >= 8 && !identifierLike(v)
}

// blankPasswordValue is typedPassword for a "KEY value" line, which is also a struct
// field and its type ("pw *io.PipeWriter", "creds atomic.Value") or a declaration
// ("Pass *Inliner;"): no pointer or reference sigil first, no dotted name, no
// statement's end.
func blankPasswordValue(v []byte) bool {
	if len(v) == 0 || bytes.IndexAny(v[:1], "*&^") >= 0 || bytes.IndexAny(v[len(v)-1:], ";,") >= 0 {
		return false
	}
	if n := run(v, 0, cLower, len(v)); n > 0 && sentenceWord(v) {
		return false // a sentence's last word: "wachtwoord vergeten?", "Passwort vergessen?"
	}
	if ident, dots := identifierChain(v); ident && dots > 0 && !passphrase(v) && !numberedWords(v) && !wordsLetterTail(v) && !joinedScrambled(v) {
		return false
	}
	return typedPassword(v)
}

// blankPasswordKey reports a key that names a password, for a "KEY value" line.
func blankPasswordKey(k []byte) bool {
	if len(k) > maxKeyLen {
		return false
	}
	var buf [12][]byte
	var text [maxKeyLen]byte
	return passwordKey(keySegments(k, buf[:0], text[:0]))
}

// strewnDigits reports a short generated value: digits in two runs or more among
// letters that make no identifier's words ("Kq7vLm2xPz9").
func strewnDigits(v []byte) bool {
	if len(v) < 8 {
		return false
	}
	runs, letters := 0, 0
	for i, c := range v {
		switch {
		case isDigit(c):
			if i == 0 || !isDigit(v[i-1]) {
				runs++
			}
		case is(c, cLower|cUpper):
			letters++
		}
	}
	if runs < 2 || letters < 4 || identifierLike(v) || entropy(v) < 3 {
		return false
	}
	// a word of four lower-case letters or more is a name's ("S256Key" is not, but
	// "Thumbprint", "Private" are)
	low := 0
	for _, c := range v {
		if is(c, cLower) {
			if low++; low >= 4 {
				return false
			}
		} else {
			low = 0
		}
	}
	return true
}

// gluedPasswordWord reports a word that glues "pass" or "pwd" to what the password
// opens or who owns it ("storepass", "keypass", "adminpwd"): any lower-case word of
// three letters or more before "pwd" (no English word ends so), and before "pass" any
// but the words English and graphics code build with it ("bypass", "compass",
// "renderpass", "subpass"): those name no secret.
func gluedPasswordWord(last []byte) bool {
	p, ok := bytes.CutSuffix(last, []byte("pwd"))
	if !ok {
		if p, ok = bytes.CutSuffix(last, []byte("pass")); !ok || notPassOwner[string(p)] {
			return false
		}
	}
	if len(p) < 3 {
		return false
	}
	for _, c := range p {
		if !is(c, cLower) {
			return false
		}
	}
	return true
}

// notPassOwner are the words before "pass" in words that are no password's name.
var notPassOwner = map[string]bool{
	// English
	"by": true, "com": true, "encom": true, "over": true, "under": true, "tres": true, "sur": true, "im": true,
	"first": true, "second": true, "third": true, "last": true, "multi": true, "single": true, "double": true,
	"one": true, "two": true, "high": true, "low": true, "band": true, "all": true, "mid": true, "free": true,
	"day": true, "buy": true, "mini": true, "back": true,
	// Redis's requirepass and masterauth have a reader of their own (held9.go)
	"require": true, "main": true, "final": true, "next": true, "pre": true, "post": true, "fly": true,
	"bus": true, "boarding": true, "season": true, "hall": true, "mountain": true, "ski": true, "fast": true,
	// render passes of graphics code
	"render": true, "sub": true, "shader": true, "draw": true, "light": true, "shadow": true, "depth": true,
	"blur": true, "bloom": true, "geometry": true, "compute": true, "forward": true, "deferred": true,
	"opaque": true, "transparent": true, "post_process": true, "composite": true, "ui": true, "gbuffer": true,
	// compilers' and tools' passes
	"opt": true, "lower": true, "link": true, "parse": true, "check": true, "analysis": true, "transform": true,
	"inline": true, "emit": true, "scan": true, "sort": true, "merge": true, "clean": true, "build": true,
	"test": true, "nop": true, "no": true, "skip": true,
}

// lexInflectedPassword reports a word that is another language's password word with
// an ending glued to it: a case, an article or a possessive ("salasanan", "passordet",
// "paroli"). The word must be one the lexicon trusts alone (not ambiguous) and of five
// bytes or more, the ending at most four letters.
func lexInflectedPassword(w []byte) bool {
	if len(w) < 6 {
		return false
	}
	t := lexTable()
	for n := 1; n <= 8 && n < len(w)-4; n++ {
		stem, end := w[:len(w)-n], w[len(w)-n:]
		if !inflectionEnding(end) {
			break
		}
		if lw, ok := t.words[lexSegment(stem)]; ok && lw.kind == lexPassword && !lw.ambiguous && !lw.glued {
			return true
		}
	}
	return false
}

// inflectionEnding reports at most four letters (lower-case ASCII, or two-byte letters
// of Latin, Greek or Cyrillic).
func inflectionEnding(e []byte) bool {
	letters := 0
	for i := 0; i < len(e); {
		switch c := e[i]; {
		case is(c, cLower):
			i++
		case c >= 0xc3 && c <= 0xd4 && i+1 < len(e):
			i += 2
		default:
			return false
		}
		letters++
	}
	return letters <= 4
}

// gluedOnlyKey reports a key that names a password only through gluedPasswordWord:
// English compounds with "pass" are many, so its value must read as a password.
func gluedOnlyKey(key []byte) bool {
	if len(key) > maxKeyLen {
		return false
	}
	var buf [12][]byte
	var text [maxKeyLen]byte
	segs := keySegments(key, buf[:0], text[:0])
	if len(segs) == 0 {
		return false
	}
	last := segs[len(segs)-1]
	if passwordWords[string(last)] || held11PwName(last) || bytes.HasSuffix(last, []byte("passwd")) || bytes.HasSuffix(last, []byte("password")) {
		return false
	}
	if p, ok := bytes.CutSuffix(last, []byte("pass")); ok && gluedPassOwners[string(p)] {
		return false
	}
	return gluedPasswordWord(last)
}

// netrcAbove reports a .netrc entry's "machine" word within the lines just above p:
// its "password X" line belongs to netrcEntry, which judges it with its host.
func netrcAbove(data []byte, p int) bool {
	lo := max(0, p-256)
	i := bytes.LastIndex(data[lo:p], []byte("machine "))
	return i >= 0 && (lo+i == 0 || data[lo+i-1] == '\n' || data[lo+i-1] == ' ' || data[lo+i-1] == '\t')
}

// appPasswordShape is the form of Apple's app-specific passwords (and the dashed
// spelling of Google's app passwords): four groups of four lower-case letters,
// "ptqh-eqyz-ttyd-sfmu". Letters only, it would read as a bare word under a password
// key; generated, it is the password.
func appPasswordShape(v []byte) bool {
	if len(v) != 19 {
		return false
	}
	for i, c := range v {
		if i%5 == 4 {
			if c != '-' {
				return false
			}
		} else if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// joinedScrambled reports letters in random case cut into parts by '.', '_' or '-'
// ("qWmbE_tzRhK", "HxvQ_pLrAe-mTbzWq", "gTqzW.pXkeRb"): every part holds both cases and
// scrambledCase reads the parts run together. A name's parts are words in one case
// ("HTTP_Request"), capitalised or camelCase, which scrambledCase refuses.
func joinedScrambled(v []byte) bool {
	if len(v) < 10 || len(v) > 64 || bytes.IndexAny(v, "._-") < 0 {
		return false
	}
	var buf [64]byte
	b := buf[:0]
	prev := byte('.')
	low, up := false, false
	for i := 0; i <= len(v); i++ {
		c := byte('.')
		if i < len(v) {
			c = v[i]
		}
		switch {
		case c == '.' || c == '_' || c == '-':
			if prev == '.' || prev == '_' || prev == '-' || !low || !up {
				return false // an empty part ("a..b", "-x"), or a part in one case: a word
			}
			low, up = false, false
		case is(c, cLower):
			low = true
			b = append(b, c)
		case is(c, cUpper):
			up = true
			b = append(b, c)
		case isDigit(c):
			b = append(b, c)
		default:
			return false
		}
		prev = c
	}
	// (the entropy is the whole value's, joiners counted: they are its characters too)
	return scrambledShape(b) && entropy(v) >= 3.2 && !containsFold(v, "pass", "pwd", "secret", "token")
}

// wordsLetterTail reports words joined by one separator ('.', '_' or '-') with a
// short tail of letters in mixed case glued to the last ("walrus-cobaltQz",
// "tundra.marigoldVk", "fjord_lagoonmRT"): passphrase's shape with a generator's letters
// where it takes digits. Every word has three lower-case letters or more (the first
// may be capitalised); the tail is one to three letters starting with a capital right
// after the last word's lower-case letters (one alone after a word of five or more). A name's last camelCase word is refused:
// a two-letter word or abbreviation ("getId", "userID"), a word of three letters
// ("rawPtr"), an acronym of code ("loadURL").
func wordsLetterTail(v []byte) bool {
	if len(v) < 10 || len(v) > 64 {
		return false
	}
	sep := soleSeparator(v, "._-")
	if sep == 0 || containsFold(v, "pass", "pwd", "secret", "token") {
		return false
	}
	parts := bytes.Split(v, []byte{sep})
	if len(parts) < 2 || len(parts) > 5 {
		return false
	}
	for i, p := range parts {
		w := 0
		if len(p) > 0 && is(p[0], cLower|cUpper) {
			w = run(p, 1, cLower, -1)
		}
		if w < 3 {
			return false
		}
		if i < len(parts)-1 {
			if w != len(p) {
				return false
			}
			continue
		}
		tail := p[w:]
		if len(tail) < 1 || len(tail) > 3 || !isUpper(tail[0]) || run(tail, 0, cLower|cUpper, len(tail)) != len(tail) {
			return false
		}
		// one capital after a long lower-case word ("tundra-lagoonsK"); code ends a name
		// with a lone capital for an axis or a count ("offsetX", "sizeN"), a type
		// parameter ("listT") or a short word's plural ("getIDs" is refused above)
		if len(tail) == 1 && (w < 5 || bytes.IndexByte([]byte("XYZNTWHV"), tail[0]) >= 0) {
			return false
		}
		switch {
		case len(tail) == 2 && twoLetterWord(tail[0], lowerASCII(tail[1])):
			return false // "obj.getId", "user.isOK"
		case len(tail) == 3 && run(tail, 1, cLower, 3) == 3:
			return false // a camelCase word of three letters: "conn.rawPtr", "cfg.apiKey"
		case run(tail, 0, cUpper, -1) == len(tail) && (codeAcronym(tail) || tailAcronyms[string(bytes.ToLower(tail))]):
			return false // "page.loadURL", "x.toXML"
		}
	}
	return true
}

// tailAcronyms are acronyms that end code's camelCase names beside codeAcronyms
// ("loadURL", "baseAPI", "toUTC"): wordsLetterTail refuses them as a tail.
var tailAcronyms = map[string]bool{"url": true, "uri": true, "api": true, "ids": true, "ui": true, "io": true,
	"id": true, "ok": true, "os": true, "ip": true, "key": true, "dir": true, "env": true, "app": true,
	"cpu": true, "gpu": true, "utc": true, "iso": true, "md": true, "sha": true, "aes": true, "rsa": true,
	"dsa": true, "pem": true, "der": true, "raw": true, "zip": true, "gz": true, "bin": true, "log": true,
	"abc": true, "xyz": true, "tmp": true, "len": true, "max": true, "min": true, "num": true, "ptr": true}
