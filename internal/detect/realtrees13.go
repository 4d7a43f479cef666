package detect

import (
	"bytes"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// The thirteenth real-tree round: classes found by triaging every non-test secret
// finding of the Go module cache, the Cloud SDK and the composite tree (nmap, dpkg) at
// main b29f36d. Each is read from the value's own grammar, never from a file name.
//
//   - A word where a provider's key was looked for: a value of letters alone whose every
//     part is written as a word is ("Holdings", "embedded", "V-Portal" after
//     "Vonage"), where the provider's shape takes digits too. A generated value of
//     eight characters or more from such an alphabet is spelt so about once in a
//     thousand draws (all lower case, or one capital then lower case), and a digit in
//     it ends the class (see spelledWord in pvValueOK).
//   - "For example" wrapped onto the line above: prose that introduces a value as an
//     example may break its sentence before the value ("For example, for realm
//     'wonderland', username 'alice',\n and password '…'" in a docstring). The value
//     is introduced when the sentence that holds "for example" runs on to it: at most
//     two line breaks, no blank line, colon or full stop between them (sameSentence,
//     in introduced).
//   - A key whose last word names a digest ("http-virustotal.checksum=" before 64 hex
//     digits beside the provider's name): checksum and digest join hash and
//     fingerprint among the key tails that say the value is no secret (notSecretTail).
//
// And four read by the key-name rules only (password and generic assignments, call
// arguments, command-line options), where a value was taken for a password by its place:
//
//   - An HTML tag's opening ("<input" after "Password:" in a captured login page): a
//     '<' and a tag name of letters alone is markup.
//   - A port list after -p ("-p U:137,T:139", "-p 22,80,8000-8100"): ports, ranges
//     and protocol letters joined by commas, the option's meaning in nmap, docker,
//     ssh and most network tools.
//   - The login echoed in a call's arguments: login(db, "probe1234", "probe1234")
//     passes the same quoted word as user and password, a probe or a default login
//     (realtrees10.go's loginEchoed, read in the call form).
//   - Sibling names in a list: {"mysql-empty-password", "mysql-brute"} reads the first
//     item as a password's key, the next as its value; both are kebab-case names of
//     one family (the same first word) in a list's braces, not a key and its secret.
//
// Tried and left out, as the peers' test cases count them as credentials: hexspeak for
// provider rules (gitleaks' Sidekiq examples are "cafebabe:deadbeef") and a Go MySQL
// DSN's login paired by name on localhost (trufflehog's JDBC cases hold
// "testuser:testpassword@tcp(localhost…)"), and counting digits ("1234", "123456")
// under a password's key: weak passwords stay found (TestWeakPasswordStaysFound).

// treeRound13 reports a secret match that one of the round's classes explains.
func (sc *scanner) treeRound13(m rawMatch) bool {
	if m.r.Category != finding.Secret || m.start <= 0 || m.end > len(sc.data) || m.start >= m.end {
		return false
	}
	if m.r.prio > prioGeneric {
		return false
	}
	v := []byte(m.value)
	return tagOpening(v) || portList(v) || echoedArgument(sc.data, m.start, m.end) || siblingListItem(sc.data, m.start, m.end)
}

// tagOpening reports '<' and a tag name of ASCII letters and nothing else.
func tagOpening(v []byte) bool {
	if len(v) < 3 || v[0] != '<' {
		return false
	}
	for _, c := range v[1:] {
		if !is(c, cLower|cUpper) {
			return false
		}
	}
	return true
}

// portList reports ports joined by commas, each a number of one to five digits or a
// range of two, optionally after a protocol letter and a colon ("T:139"): two items at
// least, or one range.
func portList(v []byte) bool {
	items := bytes.Split(v, []byte(","))
	ranged := false
	for _, it := range items {
		if len(it) > 2 && it[1] == ':' && (it[0] == 'T' || it[0] == 'U' || it[0] == 'S') {
			it = it[2:]
		}
		lo, hi, isRange := bytes.Cut(it, []byte("-"))
		if !portNumber(lo) || isRange && !portNumber(hi) {
			return false
		}
		ranged = ranged || isRange
	}
	return len(items) >= 2 || ranged
}

func portNumber(b []byte) bool {
	return len(b) <= 5 && allDigits(b)
}

// quotedBefore returns the quoted string that ends right before the value's opening
// quote, past a comma and blanks: the argument or list item before it, and the offset
// where it opens. ok is false when the value is not quoted or nothing quoted precedes.
func quotedBefore(data []byte, start, end int) (prev []byte, ps int, ok bool) {
	q := data[start-1]
	if q != '"' && q != '\'' || end >= len(data) || data[end] != q {
		return nil, 0, false
	}
	i := start - 2
	for i >= 0 && (data[i] == ' ' || data[i] == '\t') {
		i--
	}
	if i < 0 || data[i] != ',' {
		return nil, 0, false
	}
	i--
	for i >= 0 && (data[i] == ' ' || data[i] == '\t') {
		i--
	}
	if i < 1 || data[i] != q {
		return nil, 0, false
	}
	j := bytes.LastIndexByte(data[max(0, i-256):i], q)
	if j < 0 {
		return nil, 0, false
	}
	j += max(0, i-256)
	prev = data[j+1 : i]
	if bytes.IndexByte(prev, '\n') >= 0 {
		return nil, 0, false
	}
	return prev, j, true
}

// echoedArgument reports a quoted value that repeats the quoted argument before it, in
// the parentheses of a call.
func echoedArgument(data []byte, start, end int) bool {
	prev, ps, ok := quotedBefore(data, start, end)
	if !ok || !bytes.Equal(prev, data[start:end]) {
		// or the argument after it repeats the value
		if !quotedNext(data, start, end) {
			return false
		}
		ps = start - 1
	}
	// inside a call's parentheses: an opening one before, on the line, not closed
	ls := lineStartWithin(data, ps, 512)
	return bytes.Count(data[ls:ps], []byte("(")) > bytes.Count(data[ls:ps], []byte(")"))
}

// quotedNext reports that the quoted value at data[start:end] is followed, past a comma
// and blanks, by the same quoted string.
func quotedNext(data []byte, start, end int) bool {
	q := data[start-1]
	if q != '"' && q != '\'' || end >= len(data) || data[end] != q {
		return false
	}
	i := end + 1
	for i < len(data) && (data[i] == ' ' || data[i] == '\t') {
		i++
	}
	if i >= len(data) || data[i] != ',' {
		return false
	}
	i++
	for i < len(data) && (data[i] == ' ' || data[i] == '\t') {
		i++
	}
	n := end - start
	return i+n+2 <= len(data) && data[i] == q && bytes.Equal(data[i+1:i+1+n], data[start:end]) && data[i+1+n] == q
}

// kebabName reports a name of lower-case letters and digits joined by '-'.
func kebabName(b []byte) bool {
	for _, c := range b {
		if !is(c, cLower|cDigit) && c != '-' {
			return false
		}
	}
	return bytes.IndexByte(b, '-') > 0
}

// siblingListItem reports a quoted value whose quoted list item before it shares its
// first word (of three letters or more, words split at '-', '_' and '.'), the item
// before having two words or more.
func siblingListItem(data []byte, start, end int) bool {
	prev, ps, ok := quotedBefore(data, start, end)
	if !ok || !kebabName(prev) || !kebabName(data[start:end]) {
		return false
	}
	// in a list's braces or brackets, not a call's parentheses (setProperty("K", "v"))
	ls := lineStartWithin(data, ps, 512)
	if o := bytes.LastIndexAny(data[ls:ps], "({["); o < 0 || data[ls+o] == '(' {
		return false
	}
	split := func(b []byte) [][]byte {
		return bytes.FieldsFunc(b, func(r rune) bool { return r == '-' || r == '_' || r == '.' })
	}
	kw, vw := split(prev), split(data[start:end])
	return len(kw) >= 2 && len(vw) >= 2 && len(kw[0]) >= 3 && bytes.EqualFold(kw[0], vw[0])
}

// spelledWord reports a value of ASCII letters alone, parts joined by '-' or '_', each
// part all lower case, or one capital then lower case, or a lone capital: how words and
// names are written, never how a generator draws from letters and digits.
func spelledWord(v []byte) bool {
	if len(v) < 2 {
		return false
	}
	start := 0
	for i := 0; i <= len(v); i++ {
		if i < len(v) && v[i] != '-' && v[i] != '_' {
			continue
		}
		part := v[start:i]
		if len(part) == 0 {
			return false
		}
		for j, c := range part {
			switch {
			case is(c, cLower):
			case isUpper(c) && j == 0:
			default:
				return false
			}
		}
		start = i + 1
	}
	return true
}

// sameSentence reports that the sentence holding "for example" at f runs on to the
// value at start on a later line: at most two line breaks, no blank line, no colon or
// semicolon, and no full stop, question or exclamation mark ending a sentence between
// them.
func sameSentence(data []byte, f, start int) bool {
	if start-f > 320 {
		return false
	}
	breaks := 0
	for i := f + len("for example"); i < start; i++ {
		switch c := data[i]; c {
		case '\n':
			breaks++
			if breaks > 2 || i+1 < start && (data[i+1] == '\n' || data[i+1] == '\r') {
				return false
			}
		case ':', ';':
			return false // a colon introduces a block of its own (introduced's intros)
		case '.', '?', '!':
			if i+1 < len(data) && (data[i+1] == ' ' || data[i+1] == '\n' || data[i+1] == '\r') {
				return false
			}
		}
	}
	return breaks > 0
}
