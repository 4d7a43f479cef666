package detect

import (
	"strings"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// The eighteenth real-tree round: classes left by the seventeenth in the Go module
// cache. Each is read from the value's shape or the text around it, never from a file
// name.
//
//   - A provider token's body spelt as a test marker and a count ("glpat-" then
//     "ACCTEST" and "1234567890123"): a word of letters in one case that says test,
//     and ten or more digits counted up, nothing else. A generated body holds ten
//     counted digits once in ten billion; the word says what the token is for.
//     anchoredPlaceholder keeps a bare run inside a provider's shape ("…1234567890…":
//     people paste a provider's documented sample there and the peers report it);
//     with the word beside it nobody pastes a key.
//   - A test account's password: the password of a login whose user is named test, the
//     word alone ("MYSQL_USER=test" above "MYSQL_PASSWORD=…" in a compose file,
//     USER="test" above PASS="…" in a script that creates a database). The user says
//     the login is a test fixture's. The user is read as realtrees10.go's loginEchoed reads it: a
//     user key on the line or the two above. Password rule only, and never from a
//     URL's user information: uri.go's policy stands there (the peers' test cases
//     report "testuser:testpassword@" in a DSN).
//   - A value that describes its credential in words ("# password = "auth-key to
//     access the provider" # not set by default"): four or more words of lower-case
//     letters (and '-'), one a function word of English prose (to, the, a, an, of,
//     for, your, this, used) and one a credential's noun (key, auth, token, password,
//     secret, credential, login, access). A passphrase is random words with digits or
//     marks added; it is not a sentence about itself. Key-name rules only.
//   - A name of code in a Markdown code span after a word a password's key shares
//     ("in the same pass: `normalizeDiallableCharsOnly`"): the span holds a camelCase
//     name of three or more words, each three letters or more with a vowel, opening in
//     lower case, no digit. assignment.codeLike already takes an unquoted identifier
//     without a digit for a name; the backquotes, which it reads as quotes, mark code
//     in Markdown. A random mixed-case string writes capitals side by side or humps
//     without vowels (pwshape.go's scrambledCase reads the same). Key-name rules only.

// treeRound18 reports a secret match that one of the round's classes explains.
func (sc *scanner) treeRound18(m rawMatch) bool {
	if m.r.Category != finding.Secret || m.start < 0 || m.end > len(sc.data) || m.start >= m.end {
		return false
	}
	if testCountBody(m.value) {
		return true
	}
	if m.r.prio > prioGeneric {
		return false
	}
	if describedCredential(m.value) || codeSpanCamel(sc.data, m.start, m.end) {
		return true
	}
	return m.r.ID == "password-assignment" && testLogin(sc.data, m.start)
}

// testAccount reports a user name that is the word test alone (any case). Longer names
// (testuser) are left to uri.go's policy: the peers' test cases count
// "testuser:testpassword" as a credential, in a DSN and in the lines around it.
func testAccount(u []byte) bool {
	return len(u) == 4 && strings.EqualFold(string(u), "test")
}

// testLogin reports a password at start whose user, read by userValueNear, is a test
// account (testAccount).
func testLogin(data []byte, start int) bool {
	return userValueNear(data, start, testAccount)
}

// describedCredential reports a value of four to twelve words between single blanks,
// each lower-case letters and '-', one of them a function word and one a credential's
// noun (see the file comment).
func describedCredential(v string) bool {
	if len(v) > 120 || strings.IndexByte(v, ' ') < 0 {
		return false
	}
	words := strings.Split(v, " ")
	if len(words) < 4 || len(words) > 12 {
		return false
	}
	fw, noun := false, false
	for _, w := range words {
		if w == "" {
			return false
		}
		for i := 0; i < len(w); i++ {
			if !is(w[i], cLower) && w[i] != '-' {
				return false
			}
		}
		switch w {
		case "to", "the", "a", "an", "of", "for", "your", "this", "used":
			fw = true
		}
		for _, p := range strings.Split(w, "-") {
			switch p {
			case "key", "auth", "token", "password", "secret", "credential", "credentials", "login", "access":
				noun = true
			}
		}
	}
	return fw && noun
}

// testCountBody reports a value whose last part (after its last '-' or '_', or the whole
// of it) is letters of one case holding "test" and, before or after them, ten or more
// digits each one more than the last (modulo ten: "1234567890123").
func testCountBody(v string) bool {
	b := v
	for i := len(v) - 1; i >= 0; i-- {
		if v[i] == '-' || v[i] == '_' {
			b = v[i+1:]
			break
		}
	}
	if len(b) < 14 || len(b) > 64 {
		return false
	}
	// letters then digits, or digits then letters
	i := 0
	for i < len(b) && is(b[i], cLower|cUpper) {
		i++
	}
	letters, digits := b[:i], b[i:]
	if i == 0 {
		j := 0
		for j < len(b) && isDigit(b[j]) {
			j++
		}
		digits, letters = b[:j], b[j:]
	}
	if len(digits) < 10 || len(letters) < 4 || len(letters) > 16 || len(letters)+len(digits) != len(b) {
		return false
	}
	for k := 0; k < len(digits); k++ {
		if !isDigit(digits[k]) || k > 0 && digits[k] != '0'+(digits[k-1]-'0'+1)%10 {
			return false
		}
	}
	lower, upper := 0, 0
	for k := 0; k < len(letters); k++ {
		switch {
		case is(letters[k], cLower):
			lower++
		case isUpper(letters[k]):
			upper++
		default:
			return false
		}
	}
	if lower > 0 && upper > 0 {
		return false
	}
	for k := 0; k+4 <= len(letters); k++ {
		if lowerASCII(letters[k]) == 't' && lowerASCII(letters[k+1]) == 'e' && lowerASCII(letters[k+2]) == 's' && lowerASCII(letters[k+3]) == 't' {
			return true
		}
	}
	return false
}

// codeSpanCamel reports a value that fills a code span (a backquote on each side) and
// is a camelCase name: twelve letters or more, lower case first, three or more words
// that each open with one capital (the first with none) followed by two or more
// lower-case letters, a vowel among them.
func codeSpanCamel(data []byte, start, end int) bool {
	if start < 1 || end >= len(data) || data[start-1] != '`' || data[end] != '`' || end-start < 12 || end-start > 64 {
		return false
	}
	v := data[start:end]
	if !is(v[0], cLower) {
		return false
	}
	words := 0
	for i := 0; i < len(v); {
		j := i + 1
		if i > 0 && !isUpper(v[i]) {
			return false
		}
		vowel := false
		for j < len(v) && is(v[j], cLower) {
			j++
		}
		if j < len(v) && !isUpper(v[j]) {
			return false // a digit or a mark
		}
		if j-i < 3 {
			return false
		}
		for _, c := range v[i:j] {
			switch c | 0x20 {
			case 'a', 'e', 'i', 'o', 'u', 'y':
				vowel = true
			}
		}
		if !vowel {
			return false
		}
		words++
		i = j
	}
	return words >= 3
}
