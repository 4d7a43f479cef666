package detect

import (
	"bytes"
	"slices"
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/lazyre"
)

// The ninth real-tree round: classes found by triaging every non-test secret finding of
// a JDK installation (/usr/lib/jvm, its src.zip read as an archive) at main 88f21ce, and
// then of /usr/share/man. Each is read from the text's structure or the value's own
// grammar, never from a file name. treeRound9's classes judge only the key-name rules
// (password and generic assignments): a provider's token or a private key in the same
// places stays found.
//
//   - A Java resource bundle's row: a class built on ListResourceBundle holds its
//     messages as rows { "key", "text" }; the text is what a user interface shows in one
//     language ("Kennwort für {0}: ", a country's name under its ISO code "PW").
//     A bundle's source also names such texts by the code they stand under
//     (metaValue_PW = "…" between metaValue_NU and metaValue_ar): "PW" there is a
//     country's code among its siblings', not a password's abbreviation.
//   - A Javadoc code sample: a value inside a <pre> block of a /** … */ comment is the
//     API's usage shown to readers (.password("…") in a builder's documentation); the
//     program never reads it.
//   - A cryptographic algorithm's standard name: "PBEWithHmacSHA256AndAES_128",
//     "PBKDF2WithHmacSHA512" are primitives joined by With/And, passed where a provider
//     registers them under a type such as "SecretKeyFactory".
//   - The password of the anonymous login (user "anonymous"), the same for everyone by
//     convention.
//
// Three more are read elsewhere: prose after a password's name whose letters are
// escapes (escapedLetters, in the prose rule), a value the text showed as an example
// already (exampleAgain, after the example pass) and URL credentials whose password is
// the user's name with the word password added (pairedNames, realtrees.go).

// escapedLetters spells a word whose letters a Java, JSON or .properties text escapes
// ("f\u00FCr", "ileg\u00EDvel") as the letters, so that prose after a password's name
// in another language ("Kennwort f\u00FCr {0}") is read as the word it is, not as a
// value holding a backslash and digits. A value with any other escape, or none, is
// returned as it is.
func escapedLetters(v []byte) []byte {
	if bytes.Index(v, []byte(`\u`)) < 0 {
		return v
	}
	out := make([]byte, 0, len(v))
	for i := 0; i < len(v); i++ {
		if v[i] != '\\' {
			out = append(out, v[i])
			continue
		}
		if i+6 > len(v) || v[i+1] != 'u' {
			return v
		}
		n, err := strconv.ParseUint(string(v[i+2:i+6]), 16, 32)
		if err != nil || !unicode.IsLetter(rune(n)) {
			return v
		}
		out = utf8.AppendRune(out, rune(n))
		i += 5
	}
	return out
}

// exampleAgain drops a key-name match whose value the same text showed as an example
// elsewhere: prose that refers back to the sample ("… before it returned
// password=…" under the block that showed it) repeats the sample, not a secret.
func exampleAgain(ms []rawMatch, shown []string) []rawMatch {
	if len(shown) == 0 {
		return ms
	}
	var set map[string]bool // a long log's many examples: one look-up a match, not a walk
	if len(shown) > 16 {
		set = make(map[string]bool, len(shown))
		for _, v := range shown {
			set[v] = true
		}
	}
	kept := ms[:0]
	for _, m := range ms {
		if m.r.Category == finding.Secret && m.r.prio <= prioGeneric && (set != nil && set[m.value] || set == nil && slices.Contains(shown, m.value)) {
			continue
		}
		kept = append(kept, m)
	}
	return keepFirst(ms, len(kept))
}

// bundleDet records where the word ResourceBundle stands, on the prefilter's pass: a
// text without it pays nothing, and the rows are read only when it is there. The anchor
// is the word's middle, which ordinary prose rarely holds, not "resource".
type bundleDet struct{}

var bundleMarks detector = &bundleDet{}

func (*bundleDet) anchors() []string { return []string{"urceBundle"} }

func (*bundleDet) hit(sc *scanner, di, tag, at int) {
	if at >= 4 && string(sc.data[at-4:at]) == "Reso" && bytes.HasPrefix(sc.data[at:], []byte("urceBundle")) {
		sc.bundle = true
	}
}

// treeRound9 reports a key-name match that one of the round's classes explains.
func (sc *scanner) treeRound9(m rawMatch) bool {
	data := sc.data
	if m.r.Category != finding.Secret || m.r.prio > prioGeneric || m.start < 0 || m.end > len(data) || m.start >= m.end {
		return false
	}
	return sc.bundle && (bundleRow(data, m.start, m.end) || codeSibling(data, m.start)) || javadocSample(data, m.start) ||
		m.r.ID == "generic-api-key" && algorithmName(m.value) ||
		m.r.ID == "password-assignment" && anonymousLogin(data, m.start)
}

// anonymousLogin reports a password given right after the user name anonymous, written
// as a value (after ':' or '=', or alone on its line) within the 160 bytes before it:
// the anonymous login of FTP and its kin, whose password is by convention anything (an
// e-mail address, "guest"), the same for everyone.
func anonymousLogin(data []byte, start int) bool {
	lo := max(0, start-160)
	w := data[lo:start]
	i := -1
	for k := len(w) - len("anonymous"); k >= 0; k-- {
		if hasPrefixFold(w, k, "anonymous") {
			i = k
			break
		}
	}
	if i < 0 {
		return false
	}
	b := bytes.TrimRight(w[:i], " \t")
	a := w[i+len("anonymous"):]
	if len(b) > 0 && b[len(b)-1] != ':' && b[len(b)-1] != '=' && b[len(b)-1] != '\n' && b[len(b)-1] != '"' && b[len(b)-1] != '\'' {
		return false
	}
	if lo > 0 && len(b) == 0 {
		return false
	}
	return len(a) == 0 || bytes.IndexByte([]byte(" \t\r\n\"'),;&"), a[0]) >= 0
}

// bundleRow reports a match inside the second string of a row { "key", "text" } that
// stands alone on its line, the shape of a resource bundle's contents.
func bundleRow(data []byte, start, end int) bool {
	ls := lineStartWithin(data, start, 4096)
	le := lineEndWithin(data, end, 4096)
	line := data[ls:le]
	i := skipBlanks(line, 0)
	if i >= len(line) || line[i] != '{' {
		return false
	}
	i = skipBlanks(line, i+1)
	k := javaString(line, i)
	if k < 0 {
		return false
	}
	i = skipBlanks(line, k)
	if i >= len(line) || line[i] != ',' {
		return false
	}
	v0 := skipBlanks(line, i+1)
	v1 := javaString(line, v0)
	if v1 < 0 || start < ls+v0+1 || end > ls+v1-1 {
		return false
	}
	i = skipBlanks(line, v1)
	if i >= len(line) || line[i] != '}' {
		return false
	}
	rest := bytes.TrimSpace(line[i+1:])
	return len(rest) == 0 || rest[0] == ',' || bytes.HasPrefix(rest, []byte("//"))
}

// javaString reads a double-quoted string literal at b[i] and returns the offset past its
// closing quote, or -1.
// codeSibling reports a match on a line NAME_XY = … whose name ends in a code, when the
// line above or below names NAME_ with another code: one of a run of constants
// enumerated over codes.
func codeSibling(data []byte, start int) bool {
	ls := lineStartWithin(data, start, 1024)
	p, c, ok := codeName(data[ls:start])
	if !ok {
		return false
	}
	if ls > 0 {
		s := lineStartWithin(data, ls-1, 1024)
		if q, d, ok := codeName(data[s : ls-1]); ok && q == p && d != c {
			return true
		}
	}
	if e := lineEndWithin(data, start, 4096); e < len(data) {
		f := lineEndWithin(data, e+1, 1024)
		if q, d, ok := codeName(data[e+1 : f]); ok && q == p && d != c {
			return true
		}
	}
	return false
}

// codeName reads the name assigned on a line (the identifier before its first '=') and
// splits a final "_xy" off it, a code of two or three letters (ISO country and language
// codes: "PW", "ar", "ban").
func codeName(line []byte) (prefix, code string, ok bool) {
	eq := bytes.IndexByte(line, '=')
	if eq < 3 {
		return "", "", false
	}
	n := bytes.TrimRight(line[:eq], " \t")
	i := len(n)
	for i > 0 && is(n[i-1], cAlnum|cUnder) {
		i--
	}
	n = n[i:]
	u := bytes.LastIndexByte(n, '_')
	if u < 1 || len(n)-u-1 < 2 || len(n)-u-1 > 3 {
		return "", "", false
	}
	for _, c := range n[u+1:] {
		if !is(c, cLower|cUpper) {
			return "", "", false
		}
	}
	return string(n[:u+1]), string(n[u+1:]), true
}

func javaString(b []byte, i int) int {
	if i >= len(b) || b[i] != '"' {
		return -1
	}
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return -1
}

// javadocSample reports a match on a line of a /** … */ comment inside a <pre> block:
// the lines above it, each a comment line opening with '*', reach a "<pre" (any case)
// before a "</pre", and above that the comment's "/**". Bounded: a comment's lines are
// read back at most 16 KiB.
func javadocSample(data []byte, start int) bool {
	ls := lineStartWithin(data, start, 1024)
	if t := bytes.TrimLeft(data[ls:start], " \t"); len(t) == 0 || t[0] != '*' || bytes.HasPrefix(t, []byte("*/")) {
		return false
	}
	pre := false
	floor := max(0, start-16<<10)
	for e := ls - 1; e > floor; {
		s := lastIndexByte(data[floor:e], '\n') + 1 + floor
		t := bytes.TrimLeft(data[s:e], " \t")
		switch {
		case bytes.HasPrefix(t, []byte("/**")):
			return pre
		case len(t) == 0 || t[0] != '*' || bytes.HasPrefix(t, []byte("*/")):
			return false
		}
		if !pre {
			if indexFold(t, "</pre") >= 0 {
				return false
			}
			pre = indexFold(t, "<pre") >= 0
		}
		e = s - 1
	}
	return false
}

// cryptoPrimitive is one standard primitive's name, or several run together
// ("HmacSHA512", "SHA512/224"); algorithmNameRE joins two or more with With or And.
const cryptoPrimitive = `(?:PBE|PBKDF2|Hmac|HMAC|SHA3-\d+|SHA-?\d*(?:/\d+)?|MD[245]|DESede|DES|TripleDES|RC[245](?:_\d+)?|` +
	`AES(?:_\d+)?|RSA|ECDSA|ECDH|DSA|EdDSA|Ed25519|Ed448|EC|ChaCha20|Poly1305|Blowfish|Twofish|Camellia(?:_\d+)?|` +
	`MGF1|OAEP|PSS|GCM|CBC|CTR)+`

var algorithmNameRE = lazyre.New(`^` + cryptoPrimitive + `(?:(?:With|with|And|and)` + cryptoPrimitive + `)+$`)

// algorithmName reports a standard cryptographic algorithm's name: primitives joined
// by With or And ("PBEWithSHA1AndDESede", "SHA384withECDSA").
func algorithmName(v string) bool {
	return len(v) <= 64 && algorithmNameRE.MatchString(v)
}
