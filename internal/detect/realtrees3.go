package detect

import "bytes"

// The third real-tree round: classes found by triaging every non-test secret finding of
// /usr/share/perl and /usr/lib/x86_64-linux-gnu/perl (tuned on since), all of them
// password-assignment. Each is read from the text around the value (the key before it,
// its quotes, the separator), never from a file name.

// perlTreeClass reports a password-assignment match that one of the round's classes
// explains.
func perlTreeClass(data []byte, m rawMatch) bool {
	if m.r.ID != "password-assignment" || m.start < 2 || m.end > len(data) {
		return false
	}
	v := data[m.start:m.end]
	// Net::FTP's anonymous login: "-anonymous@", the e-mail-address convention of
	// anonymous FTP with the leading '-' that asks the server to keep its messages
	// short. rules_generic.go reads the form without the dash.
	if len(v) > 1 && v[0] == '-' && hasPrefixFold(v, 1, "anonymous@") {
		return true
	}
	k := pwKeyBefore(data, m.start, m.end)
	if k.end <= k.start {
		return false
	}
	key := data[k.start:k.end]
	switch {
	case k.sep == '=' && k.open == 0 && configureProbe(data, k.start, key, v):
		return true
	case k.sep == '=' && k.open == 0 && k.q == '`' && k.start > 0 && data[k.start-1] == '$':
		// Perl's and the shell's backticks run a command: "$pwd = `cmd /c cd`" holds the
		// command's output, never a literal that could be a password.
		return true
	case packageName(key):
		// a module's name as a hash key ('Test2::Event::Pass' => 'cpan' in
		// Module::CoreList): the last part names a class, not a password field
		return true
	case k.sep == ',' && k.open != 0 && upperWord(key) && upperWord(v) && proseOr(data, m.end+1):
		// upper-case status words listed in prose ("returns 'PASS', 'FAIL' or
		// 'NOTESTS'"): an enumeration, not a key and its value. In code a list of such
		// words ('PASS', 'PAUSE', 'OPEN') can be pairs or arguments and is read as before.
		return true
	}
	return false
}

// keyAt is the key pwKeyBefore found: its span, its quote (0 when bare), the separator
// and the quote around the value.
type keyAt struct {
	start, end int
	open, q    byte
	sep        byte // '=', ',' or '>' for "=>"
}

// pwKeyBefore reads back from a value at [start, end) over its opening quote, spaces, a
// separator ('=', "=>" or ','), spaces, to the key: a quoted string or a run of word
// characters and "::".
func pwKeyBefore(data []byte, start, end int) keyAt {
	var k keyAt
	i := start
	if c := data[i-1]; c == '\'' || c == '"' || c == '`' {
		if end >= len(data) || data[end] != c {
			return k
		}
		k.q = c
		i--
	}
	for i > 0 && (data[i-1] == ' ' || data[i-1] == '\t') {
		i--
	}
	switch {
	case i >= 2 && data[i-1] == '>' && data[i-2] == '=':
		k.sep, i = '>', i-2
	case i >= 1 && (data[i-1] == '=' || data[i-1] == ','):
		k.sep, i = data[i-1], i-1
	default:
		return k
	}
	for i > 0 && (data[i-1] == ' ' || data[i-1] == '\t') {
		i--
	}
	if i < 2 {
		return k
	}
	if c := data[i-1]; c == '\'' || c == '"' {
		o := bytes.LastIndexByte(data[max(0, i-1-80):i-1], c)
		if o < 0 {
			return k
		}
		o += max(0, i-1-80)
		k.start, k.end, k.open = o+1, i-1, c
		return k
	}
	e := i
	for i > 0 && (is(data[i-1], cWord) || data[i-1] == ':') {
		i--
	}
	k.start, k.end = i, e
	return k
}

// configureProbe reports a line of Perl's Configure output (config.sh, Config_heavy.pl):
// "d_grpasswd='define'", "i_pwd='undef'". A d_ symbol says whether a function exists, an
// i_ symbol whether a header does; the answer is "define" or "undef", at the start of
// its line.
func configureProbe(data []byte, ks int, key, v []byte) bool {
	if len(key) < 3 || key[1] != '_' || key[0] != 'd' && key[0] != 'i' {
		return false
	}
	if ks > 0 && data[ks-1] != '\n' {
		return false
	}
	for _, c := range key {
		if !is(c, cLower|cDigit|cUnder) {
			return false
		}
	}
	return string(v) == "define" || string(v) == "undef"
}

// packageName: two or more "::"-joined parts, each a capitalised word (Test2::Event::Pass).
// Read in place: it runs for every password-assignment match that gets this far.
func packageName(key []byte) bool {
	parts, p := 0, 0
	for p <= len(key) {
		e := bytes.Index(key[p:], []byte("::"))
		if e < 0 {
			if parts == 0 {
				return false
			}
			e = len(key) - p
		}
		part := key[p : p+e]
		if len(part) == 0 || !is(part[0], cUpper) || run(part, 0, cWord, len(part)) != len(part) {
			return false
		}
		parts++
		p += e + 2
	}
	return parts >= 2
}

// upperWord: two or more upper-case letters or '_', no digit (PASS, FAIL, NOTESTS).
func upperWord(v []byte) bool {
	if len(v) < 2 {
		return false
	}
	for _, c := range v {
		if !is(c, cUpper|cUnder) {
			return false
		}
	}
	return true
}

// proseOr reports an "or" or "and" after the closing quote at i-1 (an optional comma
// and spaces between): the last two items of a list written in prose.
func proseOr(data []byte, i int) bool {
	if i < len(data) && data[i] == ',' {
		i++
	}
	j := i
	for j < len(data) && (data[j] == ' ' || data[j] == '\t' || data[j] == '\n') {
		j++
	}
	if j == i {
		return false
	}
	for _, w := range []string{"or", "and"} {
		if j+len(w) < len(data) && string(data[j:j+len(w)]) == w && (data[j+len(w)] == ' ' || data[j+len(w)] == '\n') {
			return true
		}
	}
	return false
}
