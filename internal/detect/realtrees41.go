package detect

import (
	"bytes"
	"sort"
	"strings"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// Real-tree classes of stop 41 (issue 11), read from the tuning tree "hy" (Python
// applications and client libraries for services that take credentials, extracted from
// Debian packages: scripts/tuning-trees.sh --extract-hy). Each holds for any Python code
// or document that writes the same form:
//
//   - pyTestFixture: a value inside a list, dict or tuple literal assigned to a name one
//     of whose words is test or tests (_TESTS = [{…}], _TEST = {…}, test = (…),
//     TEST_CASES = {…}): an application's own test cases kept beside its code (a
//     downloader's per-site tests with their sample URLs and video passwords). Such
//     data is test data wherever the file lives, as a test path's is.
//   - pyDocstring: a key-named (generic or password) value on an HTTP client's command
//     line (curl, wget, http) inside the docstring of a def or class: the
//     triple-quoted string that opens the line right below the header (curl -F
//     password=… illustrating the request a handler reads). Other docstring text is
//     read as before (realtrees13.go, realtrees39.go keep prose and field values), and
//     provider-format keys are still found where they stand.
//   - doctestPrompt: a key-named value on a doctest's prompt line (">>> ", "... "), in
//     a docstring or a document: the session is an illustration.
//   - nameSequence: a quoted value right after ", " and a quoted item that is a compound
//     code name holding the credential word, in a sequence of three items or more or a
//     tuple assigned item by item ("PROGRESS", "GOOD_PASSPHRASE", "NODATA";
//     ep, method = 'oneTimePassword', 'userId'): the second is no value of the first.
//     Only when the value reads as a code name too (a constant's, camelCase or
//     PascalCase; no digit, no run of capitals): ("password", "hunter"),
//     define('DB_PASSWORD', '…'), a settings row's name and value and lists of
//     lower_snake names stay.
//   - docutils' man page literal block: a value between ".nf" and ".ft C" and the ".fi"
//     that closes them, the block rst2man and Sphinx write for a "::" example
//     (vdirsyncer's sample configuration with password = "asdf"): read by
//     realtrees38.go's docVerbatim beside pod2man's ".Vb" and the man macros' ".EX".
//   - escapesOnly: a value of punctuation and backslash escapes, no letter or digit once
//     each escape (backslashes and the byte after them) is read out (`]\\n\n"` after a
//     catalogue's "<Passwort>": the string's markup and line breaks, no word).

// treeRound41 reports a secret match that one of the round's classes explains.
func (x *exampleIndex) treeRound41(data []byte, m rawMatch) bool {
	if m.r.Category != finding.Secret || m.start <= 1 || m.end > len(data) || m.start >= m.end {
		return false
	}
	if x.r41.pyTestFixture(data, m.start) {
		return true
	}
	if m.r.prio > prioGeneric {
		return false
	}
	if escapesOnly(m.value) || doctestPrompt(data, m.start) || nameSequence(data, m.start, m.value) {
		return true
	}
	return x.pyDocstring(data, m.start)
}

// round41Index holds the spans of the test-named literals of one text, found once.
type round41Index struct {
	built bool
	spans [][2]int // [open, close] of each outermost literal, in order
}

// fixtureMax bounds one test literal's length (yt-dlp's largest _TESTS is ~40 KiB).
const fixtureMax = 1 << 20

// pyTestFixture reports an offset inside a literal assigned to a test-named name.
func (r *round41Index) pyTestFixture(data []byte, at int) bool {
	if !r.built {
		r.built = true
		r.spans = testLiteralSpans(data)
	}
	i := sort.Search(len(r.spans), func(i int) bool { return r.spans[i][1] >= at })
	return i < len(r.spans) && r.spans[i][0] < at
}

// testLiteralSpans finds every line "NAME = [" ("{" or "(") with NAME a test name
// (testName) at the line's start after its indentation, and the bracket closing it read
// as Python (pyClose). A declaration inside a span found already is skipped, and the
// search stops at a literal that does not close: the text is read about once.
func testLiteralSpans(data []byte) [][2]int {
	var spans [][2]int
	end := -1
	for off := 0; off < len(data); {
		k := indexFoldTest(data[off:])
		if k < 0 {
			break
		}
		i := off + k
		off = i + 4
		if i <= end {
			continue
		}
		// the name around "test": back to the line's indentation, forward over the name
		s := i
		for s > 0 && is(data[s-1], cAlnum|cUnder) {
			s--
		}
		ls := s
		for ls > 0 && (data[ls-1] == ' ' || data[ls-1] == '\t') {
			ls--
		}
		if ls > 0 && data[ls-1] != '\n' {
			continue
		}
		e := i + 4
		for e < len(data) && is(data[e], cAlnum|cUnder) {
			e++
		}
		if !testName(data[s:e]) {
			continue
		}
		o := e
		for o < len(data) && (data[o] == ' ' || data[o] == '\t') {
			o++
		}
		if o+1 >= len(data) || data[o] != '=' || data[o+1] == '=' {
			continue
		}
		o++
		for o < len(data) && (data[o] == ' ' || data[o] == '\t') {
			o++
		}
		if o >= len(data) || data[o] != '[' && data[o] != '{' && data[o] != '(' {
			continue
		}
		cl := pyClose(data, o)
		if cl < 0 {
			break // the rest of the text is inside it, or too far to read again per name
		}
		spans = append(spans, [2]int{o, cl})
		end = cl
		off = cl + 1
	}
	return spans
}

// indexFoldTest is the offset of the first "test" in b in any case, or -1.
func indexFoldTest(b []byte) int {
	for i := 0; i+4 <= len(b); i++ {
		if b[i]|0x20 == 't' && b[i+1]|0x20 == 'e' && b[i+2]|0x20 == 's' && b[i+3]|0x20 == 't' {
			return i
		}
	}
	return -1
}

// testName reports an identifier of at most 64 bytes one of whose '_'-separated words is
// test or tests in any case (_TESTS, test, TEST_CASES, url_tests; not latest, contest).
func testName(n []byte) bool {
	if len(n) == 0 || len(n) > 64 || is(n[0], cDigit) {
		return false
	}
	for _, w := range strings.Split(string(n), "_") {
		switch strings.ToLower(w) {
		case "test", "tests":
			return true
		}
	}
	return false
}

// pyClose returns the offset of the bracket closing the one at o, reading Python
// strings (single, double and triple quotes, backslash escapes) and comments, or -1
// when it does not close within fixtureMax bytes.
func pyClose(data []byte, o int) int {
	depth := 0
	lim := min(len(data), o+fixtureMax)
	for i := o; i < lim; i++ {
		switch c := data[i]; c {
		case '[', '{', '(':
			depth++
		case ']', '}', ')':
			depth--
			if depth == 0 {
				return i
			}
			if depth < 0 {
				return -1
			}
		case '#':
			for i < lim && data[i] != '\n' {
				i++
			}
		case '"', '\'':
			if i+2 < lim && data[i+1] == c && data[i+2] == c {
				e := bytes.Index(data[i+3:lim], []byte{c, c, c})
				if e < 0 {
					return -1
				}
				i += 3 + e + 2
				continue
			}
			for i++; i < lim && data[i] != c && data[i] != '\n'; i++ {
				if data[i] == '\\' {
					i++
				}
			}
		}
	}
	return -1
}

// pyDocstring reports an offset on an HTTP client's command line (clientCommandLine)
// inside a def's or a class's docstring: the last triple quote before at opens a line
// of its own (a string prefix allowed) right below a header (pyHeaderAbove), and no
// triple quote stands between it and at.
func (x *exampleIndex) pyDocstring(data []byte, at int) bool {
	if !x.r37.built {
		x.r37.built = true
		x.r37.tq = withTripleSingles(data, x.rt.quotes(data))
	}
	tq := x.r37.tq
	i := sort.SearchInts(tq, at) - 1
	if i < 0 || at-tq[i] > docBlockBack {
		return false
	}
	q := tq[i]
	ls := lineStartWithin(data, q, 256)
	t := bytes.TrimLeft(data[ls:q], " \t")
	for len(t) > 0 && strings.IndexByte("rRuUbB", t[len(t)-1]) >= 0 {
		t = t[:len(t)-1]
	}
	if len(t) > 0 || ls == 0 || q-ls == 0 || !clientCommandLine(data, at) {
		return false
	}
	return pyHeaderAbove(data, ls, q-ls)
}

// clientCommandLine reports an offset on a line that opens, after its indentation and
// an optional shell prompt ("$ "), with an HTTP client's command (curl, wget, http).
func clientCommandLine(data []byte, at int) bool {
	ls := lineStartWithin(data, at, 4096)
	t := bytes.TrimLeft(data[ls:at], " \t")
	t = bytes.TrimPrefix(t, []byte("$ "))
	return bytes.HasPrefix(t, []byte("curl ")) || bytes.HasPrefix(t, []byte("wget ")) || bytes.HasPrefix(t, []byte("http "))
}

// pyHeaderAbove reports that the last line, not blank nor a comment, above the line
// starting at ls ends a def or class header with ':' (one line, or a signature over up
// to 12 lines whose first line starts with def, async def or class), indented less
// than ind.
func pyHeaderAbove(data []byte, ls, ind int) bool {
	e := ls - 1
	for n := 0; e > 0 && n < 16; n++ {
		s := lineStartWithin(data, e, 512)
		line := bytes.TrimRight(data[s:e], " \t\r")
		if b := bytes.TrimLeft(line, " \t"); len(b) == 0 || b[0] == '#' {
			e = s - 1 // a blank line, or a comment (a type comment under the header)
			continue
		}
		if len(line) == 0 || line[len(line)-1] != ':' {
			return false
		}
		// read up to the header's first line
		for k := 0; k < 12; k++ {
			body := bytes.TrimLeft(line, " \t")
			li := len(line) - len(body)
			if bytes.HasPrefix(body, []byte("def ")) || bytes.HasPrefix(body, []byte("async def ")) || bytes.HasPrefix(body, []byte("class ")) {
				return li < ind
			}
			if s == 0 || bytes.Contains(line, []byte(`"""`)) || bytes.Contains(line, []byte("'''")) {
				return false
			}
			e = s - 1
			s = lineStartWithin(data, e, 512)
			line = bytes.TrimRight(data[s:e], " \t\r")
		}
		return false
	}
	return false
}

// doctestPrompt reports an offset on a line that opens, after its indentation, with a
// doctest prompt (">>> " or "... ").
func doctestPrompt(data []byte, at int) bool {
	ls := lineStartWithin(data, at, 4096)
	t := bytes.TrimLeft(data[ls:at], " \t")
	return bytes.HasPrefix(t, []byte(">>> ")) || bytes.HasPrefix(t, []byte("... "))
}

// nameSequence reports a quoted value (start right after its quote) preceded by ',' and
// blanks and a quoted item, both code names, the item a compound one holding a
// credential word (GOOD_PASSPHRASE, oneTimePassword).
func nameSequence(data []byte, start int, v string) bool {
	q := data[start-1]
	if q != '"' && q != '\'' || start+len(v) >= len(data) || data[start+len(v)] != q || !seqName(v) {
		return false
	}
	i := start - 2
	for i >= 0 && (data[i] == ' ' || data[i] == '\t') {
		i--
	}
	if i < 0 || data[i] != ',' {
		return false
	}
	i--
	for i >= 0 && (data[i] == ' ' || data[i] == '\t') {
		i--
	}
	if i < 1 || data[i] != '"' && data[i] != '\'' {
		return false
	}
	ke := i
	ks := ke - 1
	for ks >= 0 && ke-ks <= 64 && data[ks] != data[ke] && data[ks] != '\n' {
		ks--
	}
	if ks < 0 || data[ks] != data[ke] {
		return false
	}
	item := string(data[ks+1 : ke])
	if !seqName(item) || !seqBefore(data, ks) {
		return false
	}
	low := strings.ToLower(item)
	for _, w := range []string{"password", "passphrase", "passwd", "secret", "token"} {
		if j := strings.Index(low, w); j >= 0 && len(low) > len(w) {
			return true
		}
	}
	return false
}

// seqName reports a code name, no digit, 2 to 48 bytes: a constant's (upper-case
// letters and '_', at least one letter), camelCase (userId: lower-case letters with one
// to three humps, each an upper-case letter followed by a lower-case one) or PascalCase
// (KerberosKeytab, Reimaging: the same after a capital). A lower-case word ("hunter")
// is no sign of a name, nor is lower_snake here: realtrees2.go keeps an unsorted list of
// snake_case names a finding (only its sorted keyword tables are not), and a random
// string (jWRkcoVGVJeUIEojFv, z9EY2g4R8NwuyFED) has digits or runs of capitals.
func seqName(v string) bool {
	if len(v) < 2 || len(v) > 48 {
		return false
	}
	upper, letter := true, false
	for i := 0; i < len(v); i++ {
		upper = upper && (is(v[i], cUpper) || v[i] == '_')
		letter = letter || is(v[i], cUpper)
	}
	if upper && letter {
		return true
	}
	pascal := is(v[0], cUpper) && is(v[1], cLower)
	if !pascal && !is(v[0], cLower) {
		return false
	}
	humps := 0
	for i := 1; i < len(v); i++ {
		switch {
		case is(v[i], cLower):
		case is(v[i], cUpper) && i+1 < len(v) && is(v[i+1], cLower):
			humps++
		default:
			return false
		}
	}
	return pascal && humps <= 3 || humps >= 1 && humps <= 3
}

// seqBefore reports that the quoted item whose opening quote is at ks is an item of a
// sequence: a further quoted item and ',' stand before it ("PROGRESS",
// "GOOD_PASSPHRASE", …), or a list's '[' (['generates_password', 'ssh_key']), or names
// joined by ',' and then '=' (ep, method = 'oneTimePassword', 'userId': a tuple
// assigned item by item). A call's two arguments (define('DB_PASSWORD', 'x'),
// getenv("SECRET", "x")) and a row's name and value are none of these.
func seqBefore(data []byte, ks int) bool {
	i := ks - 1
	for i >= 0 && (data[i] == ' ' || data[i] == '\t') {
		i--
	}
	if i < 1 {
		return false
	}
	switch data[i] {
	case '[':
		return true
	case ',':
		i--
		for i >= 0 && (data[i] == ' ' || data[i] == '\t') {
			i--
		}
		return i >= 0 && (data[i] == '"' || data[i] == '\'')
	case '=':
		if data[i-1] == '=' || data[i-1] == '!' || data[i-1] == '<' || data[i-1] == '>' {
			return false
		}
		ls := lineStartWithin(data, i, 256)
		t := bytes.TrimSpace(data[ls:i])
		if bytes.IndexByte(t, ',') < 0 {
			return false
		}
		for _, c := range t {
			if !is(c, cAlnum|cUnder) && c != ',' && c != ' ' && c != '\t' && c != '.' {
				return false
			}
		}
		return true
	}
	return false
}

// escapesOnly reports a value holding a backslash escape and, once every escape (a run
// of backslashes and the byte after it: "\\n" is a newline escaped twice) is read out,
// no letter or digit.
func escapesOnly(v string) bool {
	if strings.IndexByte(v, '\\') < 0 {
		return false
	}
	for i := 0; i < len(v); i++ {
		switch {
		case v[i] == '\\':
			for i+1 < len(v) && v[i+1] == '\\' {
				i++
			}
			i++
		case is(v[i], cAlnum) || v[i] >= 0x80:
			return false
		}
	}
	return true
}
