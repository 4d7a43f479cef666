package detect

import (
	"bytes"
	"slices"
	"strings"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// Real-tree classes of stop 38 (issue 11). Each is a mechanism seen in more than one
// language and tree (Python libraries with Ansible's collections, Ruby's standard
// library and gems, Perl libraries, the documentation they install), read from the
// text alone:
//
//   - actionCompare: a string literal compared with a name that is an operation on a
//     password, not a password ("if self.want.update_password == 'always'",
//     "params['update_password'] != \"on_create\""): the literal is one of the
//     operation's modes. A password compared with a literal ("if password == '…'")
//     still counts.
//   - siblingName: the string after a password's name in a list or an argument list
//     that is the name of a sibling field of the same group: the same prefix and
//     another last word ("('api_password', 'api_token_id')", "['auth_passphrase',
//     'auth_protocol']"): a module's table of parameters that go together.
//   - openExpr: a value that is a dotted name and an opening bracket, the start of a
//     subscript or call that a quote cut ("community = module.params[\"community\"]"
//     read as the value "module.params[").
//   - exampleComment: a value on a comment line of a block of comment lines that shows
//     a worked example with its results: a line of the block holds an expected-output
//     marker ("#=>", "# =>" of RDoc and YARD, "// =>" of JSDoc) or "@example".
//   - docVerbatim: a value in a documentation format's verbatim (example) block: an
//     indented paragraph of Perl's POD (between a POD command such as "=head2" or
//     "=item" and "=cut", or a .pod file), or a man page's example block (roff's
//     ".Vb"/".Ve" that pod2man writes, ".EX"/".EE" of the man macros).
//   - translationCopy: a value in a translation catalogue's translated string that its
//     source string holds too, copied as it stands (gettext's msgstr after its msgid,
//     XLIFF's <target> after its <source>, Qt's <translation>): a setting's name or a
//     format a translator kept ("DEBUG=True.", "ISBN-10."), read as a credential
//     because the translation names a password in its own language.
//   - x-oauth-basic: the fixed password GitHub documents for token authentication in a
//     URL ("https://TOKEN:x-oauth-basic@github.com"): the token, not it, is the secret.

// treeRound38 reports a secret match that one of the round's classes explains.
func (r *round38Index) treeRound38(data []byte, m rawMatch) bool {
	if m.r.Category != finding.Secret || m.start <= 0 || m.end > len(data) || m.start >= m.end {
		return false
	}
	if strings.EqualFold(m.value, "x-oauth-basic") {
		return true
	}
	if m.r.prio <= prioGeneric && (openExpr(m.value) || actionCompare(data, m.start) || siblingName(data, m.start, m.end)) {
		return true
	}
	// the line's start, read once for the classes that read the value's line (a line
	// longer than exampleCommentWidth is none of theirs)
	ls := lineStartWithin(data, m.start, exampleCommentWidth)
	if ls == 0 || data[ls-1] == '\n' {
		if exampleComment(data, ls) || translationCopy(data, ls, m.start, m.value) {
			return true
		}
	}
	return r.docVerbatim(data, m.start)
}

// openExpr reports a dotted name (two or more identifiers) followed by '[' or '('.
func openExpr(v string) bool {
	if len(v) < 4 {
		return false
	}
	if last := v[len(v)-1]; last != '[' && last != '(' {
		return false
	}
	parts := strings.Split(v[:len(v)-1], ".")
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		if p == "" || is(p[0], cDigit) {
			return false
		}
		for i := 0; i < len(p); i++ {
			if !is(p[i], cWord) {
				return false
			}
		}
	}
	return true
}

// actionCompare reports a quoted value at start that an equality operator compares with
// a name that actionOnPassword reads as an operation on a password: the name as an
// identifier (dots allowed) or as a quoted subscript ("params['update_password']").
func actionCompare(data []byte, start int) bool {
	q := data[start-1]
	if q != '"' && q != '\'' {
		return false
	}
	p := start - 1
	for p > 0 && (data[p-1] == ' ' || data[p-1] == '\t') {
		p--
	}
	// the operator: ==, ===, != or !==
	n := 0
	for n < 3 && p > 0 && data[p-1] == '=' {
		p--
		n++
	}
	bang := p > 0 && data[p-1] == '!'
	if bang {
		p--
	}
	if !(n >= 2 && !bang || n >= 1 && n <= 2 && bang) {
		return false
	}
	for p > 0 && (data[p-1] == ' ' || data[p-1] == '\t') {
		p--
	}
	key := nameBack(data, p)
	return len(key) > 0 && actionOnPassword(key)
}

// nameBack reads the name ending at p: an identifier (its last dotted part), or a
// quoted subscript's string ("['update_password']").
func nameBack(data []byte, p int) []byte {
	if p > 2 && data[p-1] == ']' && (data[p-2] == '"' || data[p-2] == '\'') {
		q, e := data[p-2], p-2
		s := e
		for s > 0 && e-s < 64 && data[s-1] != q && data[s-1] != '\n' {
			s--
		}
		if s > 0 && data[s-1] == q {
			return data[s:e]
		}
		return nil
	}
	s := p
	for s > 0 && p-s < 64 && is(data[s-1], cWord) {
		s--
	}
	return data[s:p]
}

// siblingName reports a quoted value at [start, end) that follows a quoted password's
// name and a comma, and is that name with its password word changed for another word:
// prefix_password then prefix_other, lower case, the list going on or closing after it.
func siblingName(data []byte, start, end int) bool {
	q := data[start-1]
	if q != '"' && q != '\'' || end >= len(data) || data[end] != q {
		return false
	}
	if a := skipSpaces(data, end+1); a >= len(data) || (data[a] != ',' && data[a] != ')' && data[a] != ']') {
		return false
	}
	p := start - 1
	for p > 0 && (data[p-1] == ' ' || data[p-1] == '\t') {
		p--
	}
	if p < 3 || data[p-1] != ',' {
		return false
	}
	p--
	for p > 0 && (data[p-1] == ' ' || data[p-1] == '\t') {
		p--
	}
	if p < 2 || data[p-1] != '"' && data[p-1] != '\'' {
		return false
	}
	kq, e := data[p-1], p-1
	s := e
	for s > 0 && e-s < 64 && is(data[s-1], cWord) {
		s--
	}
	if s == 0 || data[s-1] != kq || s == e {
		return false
	}
	return siblingOf(string(data[s:e]), string(data[start:end]))
}

// siblingWords are the last words of a password's name in a group of parameters.
var siblingWords = map[string]bool{"password": true, "passwd": true, "pass": true, "pwd": true, "pw": true,
	"passphrase": true, "secret": true}

// siblingOf reports key prefix_W (W a siblingWords word) and v prefix_X: lower case
// names of letters, digits and '_', X another name that is not a password word.
func siblingOf(key, v string) bool {
	if !lowerName(key) || !lowerName(v) {
		return false
	}
	i := strings.LastIndexByte(key, '_')
	if i <= 0 || !siblingWords[key[i+1:]] {
		return false
	}
	prefix := key[:i+1]
	rest, ok := strings.CutPrefix(v, prefix)
	if !ok || rest == "" || rest[0] == '_' || is(rest[0], cDigit) {
		return false
	}
	for _, w := range strings.Split(rest, "_") {
		if siblingWords[w] || w == "" {
			return false
		}
	}
	return true
}

// lowerName reports a name of lower-case letters, digits and '_' opening with a letter.
func lowerName(s string) bool {
	if s == "" || !is(s[0], cLower) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !is(s[i], cLower|cDigit|cUnder) {
			return false
		}
	}
	return true
}

// exampleComment bounds: lines looked at each way, and bytes of a line read.
const (
	exampleCommentLines = 40
	exampleCommentWidth = 256
)

// exampleComment reports a comment line ('#', '//' or a block comment's '*') at ls of
// a run of comment lines of the same kind, one of which (within exampleCommentLines)
// holds an expected-output marker or "@example".
func exampleComment(data []byte, ls int) bool {
	kind := commentKind(data, ls)
	if kind == 0 {
		return false
	}
	le := lineEndWithin(data, ls, exampleCommentWidth)
	if exampleMarked(data[ls:le], kind) {
		return true
	}
	// up
	for n, s := 0, ls; n < exampleCommentLines && s > 0; n++ {
		ps := lineStartWithin(data, s-1, exampleCommentWidth)
		if commentKind(data, ps) != kind {
			break
		}
		if exampleMarked(data[ps:s-1], kind) {
			return true
		}
		s = ps
	}
	// down
	for n, e := 0, le; n < exampleCommentLines && e < len(data) && data[e] == '\n'; n++ {
		ns := e + 1
		if commentKind(data, ns) != kind {
			break
		}
		e = lineEndWithin(data, ns, exampleCommentWidth)
		if exampleMarked(data[ns:e], kind) {
			return true
		}
	}
	return false
}

// commentKind is '#', '/' or '*' for a line at ls that opens (after blanks) with '#',
// "//" or a block comment's '*' (not "*/"), else 0.
func commentKind(data []byte, ls int) byte {
	p := ls
	for p < len(data) && p-ls < 128 && (data[p] == ' ' || data[p] == '\t') {
		p++
	}
	if p >= len(data) {
		return 0
	}
	switch data[p] {
	case '#':
		return '#'
	case '/':
		if p+1 < len(data) && data[p+1] == '/' {
			return '/'
		}
	case '*':
		if p+1 >= len(data) || data[p+1] != '/' {
			return '*'
		}
	}
	return 0
}

var (
	markHashArrow  = []byte("#=>")
	markHashArrow2 = []byte("# =>")
	markSlashArrow = []byte("//=>")
	markSlashArr2  = []byte("// =>")
	markExample    = []byte("@example")
)

// exampleMarked reports a comment line holding an expected-output marker of its kind
// of comment, or the tag "@example".
func exampleMarked(line []byte, kind byte) bool {
	if exampleTag(line) {
		return true
	}
	if kind == '#' {
		return bytes.Contains(line, markHashArrow) || bytes.Contains(line, markHashArrow2)
	}
	return bytes.Contains(line, markSlashArrow) || bytes.Contains(line, markSlashArr2)
}

// exampleTag reports the documentation tag "@example" on a line: after a blank or the
// comment's opener, and not followed by a name's character or a dot (an address at
// example.com is no tag).
func exampleTag(line []byte) bool {
	for p := 0; ; {
		i := bytes.Index(line[p:], markExample)
		if i < 0 {
			return false
		}
		i += p
		p = i + len(markExample)
		if i > 0 && !strings.ContainsRune(" \t*#/", rune(line[i-1])) {
			continue
		}
		if p < len(line) && (is(line[p], cWord|cDot|cDash) || line[p] == '@') {
			continue
		}
		return true
	}
}

// round38Index is what the round's classes know of one text: the offsets of the lines
// that open or close POD and roff example blocks, found once, on the first match asked.
type round38Index struct {
	built bool
	dirs  []docDirective
}

// docDirective is a line at at that opens POD (kind 'P'), closes it ('C': "=cut"),
// opens a roff example block ('V') or closes one ('E').
type docDirective struct {
	at   int
	kind byte
}

func (r *round38Index) build(data []byte) {
	r.built = true
	add := func(p int) {
		if k := directiveKind(data[p:min(len(data), p+12)]); k != 0 {
			r.dirs = append(r.dirs, docDirective{p, k})
		}
	}
	if len(data) > 0 && (data[0] == '=' || data[0] == '.') {
		add(0)
	}
	for _, nl := range [][]byte{nlEquals, nlDot} {
		for p := 0; ; {
			i := bytes.Index(data[p:], nl)
			if i < 0 {
				break
			}
			p += i + 1
			add(p)
		}
	}
	slices.SortFunc(r.dirs, func(a, b docDirective) int { return a.at - b.at })
}

var (
	nlEquals = []byte("\n=")
	nlDot    = []byte("\n.")
)

// roffLiteral opens the literal block that docutils' man page writer (rst2man, Sphinx's
// man builder) writes for every "::" block of the source: no fill and a constant-width
// font; ".fi" ends it.
var roffLiteral = []byte(".nf\n.ft C\n")

// directiveKind reads the start of a line: "=cut" (or Ruby's bare "=end"), a POD command ("=head1",
// "=item", "=pod", "=over", "=begin", "=for", "=encoding", …: '=' and a lower-case
// word then a blank or the line's end), ".Vb"/".EX"/".nf" with ".ft C" or
// ".Ve"/".EE"/".fi".
func directiveKind(l []byte) byte {
	if len(l) < 3 {
		return 0
	}
	if l[0] == '.' {
		if bytes.HasPrefix(l, roffLiteral) {
			return 'V' // docutils' literal block (realtrees41.go)
		}
		switch string(l[1:3]) {
		case "Vb", "EX":
			if len(l) == 3 || !is(l[3], cAlnum) {
				return 'V'
			}
		case "Ve", "EE", "fi":
			if len(l) == 3 || !is(l[3], cAlnum) {
				return 'E'
			}
		}
		return 0
	}
	i := 1
	for i < len(l) && is(l[i], cLower|cDigit) {
		i++
	}
	if i < 3 || !is(l[1], cLower) || i < len(l) && !is(l[i], cBlank|cBreak) {
		return 0
	}
	if string(l[1:i]) == "cut" || string(l[1:i]) == "end" && bareRest(l[i:]) {
		return 'C' // (a bare "=end" closes Ruby's =begin block comment; POD's names a format)
	}
	return 'P'
}

// bareRest reports a line's rest that holds only blanks up to its end.
func bareRest(l []byte) bool {
	for _, c := range l {
		switch c {
		case '\n':
			return true
		case ' ', '\t', '\r':
		default:
			return false
		}
	}
	return true
}

// docVerbatim reports an offset in a roff example block, or on an indented line of a
// POD block.
func (r *round38Index) docVerbatim(data []byte, at int) bool {
	if !r.built {
		r.build(data)
	}
	if len(r.dirs) == 0 {
		return false
	}
	i, _ := slices.BinarySearchFunc(r.dirs, at, func(d docDirective, t int) int { return d.at - t })
	if i == 0 {
		return false
	}
	switch r.dirs[i-1].kind {
	case 'V':
		return true
	case 'P':
		ls := lineStartWithin(data, at, exampleCommentWidth)
		return (ls == 0 || data[ls-1] == '\n') && ls < len(data) && (data[ls] == ' ' || data[ls] == '\t') // (a longer line is no indented one)
	}
	return false
}

// translationBack bounds how far back translationCopy looks for an XLIFF source, and
// translationLines how many lines a PO entry's strings may take.
const (
	translationBack  = 2 << 10
	translationLines = 32
)

var (
	poMsgid   = []byte("msgid")
	poMsgstr  = []byte("msgstr")
	xlfSource = []byte("<source")
	xlfTarget = []byte("<target")
	tsTrans   = []byte("<translation")
)

// translationCopy reports a value at at (on the line that starts at ls) inside a
// translated string whose source string (the entry's msgid, or the unit's <source>)
// holds the same value. A PO entry is read by its lines: the value's line opens with
// msgstr or continues it ('"'), and the msgid's lines stand right above the msgstr line.
func translationCopy(data []byte, ls, at int, v string) bool {
	line := data[ls:at]
	if bytes.HasPrefix(line, poMsgstr) || len(line) > 0 && line[0] == '"' {
		s := ls
		for n := 0; !bytes.HasPrefix(data[s:], poMsgstr); n++ {
			if s == 0 || n >= translationLines {
				return false
			}
			s = lineStartWithin(data, s-1, 1024)
			if data[s] != '"' && !bytes.HasPrefix(data[s:], poMsgstr) {
				return false
			}
		}
		for n, m := 0, s; ; n++ {
			if m == 0 || n >= translationLines {
				return false
			}
			m = lineStartWithin(data, m-1, 1024)
			if bytes.HasPrefix(data[m:], poMsgid) {
				return bytes.Contains(data[m:s], []byte(v))
			}
			if data[m] != '"' {
				return false
			}
		}
	}
	if bytes.IndexByte(line, '<') >= 0 && (bytes.Contains(line, xlfTarget) || bytes.Contains(line, tsTrans)) {
		w := data[max(0, ls-translationBack):ls]
		if i := bytes.LastIndex(w, xlfSource); i >= 0 {
			return bytes.Contains(w[i:], []byte(v))
		}
	}
	return false
}
