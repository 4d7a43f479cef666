package detect

import (
	"bytes"
	"crypto"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"net"
	"slices"
	"strings"
)

// The fourth real-tree round: classes found by triaging every non-test secret finding
// of the Go module cache (tuned on since the first round). Each is read from the value
// itself or the text around it, never from a file name.

// round4Index is what the round's classes know of one text, each part built on the
// first match that needs it, so that a log of many matches is read once for each, not
// once per match.
type round4Index struct {
	labelsBuilt bool
	labels      []int // the ends of the lines formatLabel accepts
	eg          bool  // the text holds "e.g." (or "E.g.")
	listsBuilt  bool
	lists       bool // spreadIntoVectors' lists: the text assigns test vectors and holds "[]string{"
	certsBuilt  bool
	certs       bool // the text holds a certificate
	// the first "e.g." of the line at egLine (its offset in the line, -1 if none)
	egSet        bool
	egLine, egAt int
	spreadMemo   lineMemo // spreadIntoVectors' answer for the last list asked about
	// where each of machineHosts occurs in the text (fieldsOnMachine's hosts), found on
	// the first password the text holds
	hostsBuilt bool
	hosts      [len(machineHosts)][]int
	// where the text holds each of userWords (userFieldValueIn)
	usersBuilt bool
	users      [len(userWords)][]int
	// where the text opens a "[]string{" list and where a line starts with "}"
	listAtBuilt     bool
	listAt, closeAt []int
}

// treeRound4 reports a match that one of the round's classes explains.
func (r *rtIndex) treeRound4(data []byte, m rawMatch) bool {
	x := &r.r4
	if m.start < 0 || m.end > len(data) || m.start >= m.end {
		return false
	}
	raw := data[m.start:m.end] // the value as the text spells it
	switch m.r.ID {
	case "password-assignment":
		if portProto(raw) || abnfRepetition(data, m.start, m.end) ||
			x.machineNear(data, m.start, &r.marks) && x.fieldsOnMachine(data, m.start, m.end, &r.marks) {
			return true
		}
	case "generic-api-key":
		if minifiedCode(raw) {
			return true
		}
	}
	if strings.HasPrefix(m.r.ID, "private-key") {
		if !x.certsBuilt {
			x.certsBuilt = true
			x.certs = r.marks.holds(data, markCert)
		}
		if x.certs && loopbackCertKey(data[max(0, m.start-certWindow):min(len(data), m.end+certWindow)], []byte(m.value)) {
			return true
		}
	}
	if fillerShape(m.value) && encodedFiller([]byte(m.value)) || metaURL(data, m.start, m.end) {
		return true
	}
	if !x.labelsBuilt {
		x.labelsBuilt = true
		x.labels = formatLabelsIn(data)
		x.eg = r.marks.holds(data, markEg)
	}
	if (x.eg || len(x.labels) > 0) && r.formatIntroduced(data, m.start, x.labels, x.eg) {
		return true
	}
	if !x.listsBuilt {
		x.listsBuilt = true
		x.lists = r.vectors && r.marks.holds(data, markStringList)
	}
	return x.lists && spreadIntoVectors(data, m.start, x)
}

// fillerShape is encodedFiller's first test, on the string: long enough, and base64's
// spelling of digits ('M', 'N' or 'O') or a hex digit at the start of the encoded part.
func fillerShape(v string) bool {
	if i := strings.LastIndexByte(v, ':'); i >= 0 {
		v = v[i+1:]
	}
	return len(v) >= 16 && (mno(v[0]) || isHex(v[0]))
}

// encodedFiller reports a base64 or hex value (after an optional "name:" prefix, MinIO's
// KMS form) whose decoding is filler, not key material: digits counting up
// ("0123456701234567…", which base64 spells "MDEyMzQ1Njcw…"), or in hex a sentence
// ("change this password to a secret"). A key's bytes are random; a password's base64
// ("cm9vdHBhc3MxMjM=") is one word and is still read, and so is a passphrase in base64
// (a Kubernetes secret's "data" holds its password so): only hex, the form of a raw
// key, is read for a sentence.
func encodedFiller(v []byte) bool {
	if i := bytes.LastIndexByte(v, ':'); i >= 0 && i < len(v)-1 {
		v = v[i+1:]
	}
	if len(v) < 16 || len(v) > 256 {
		return false
	}
	var buf [192]byte
	if len(v) >= 32 && len(v)%2 == 0 && isHex(v[0]) && allHex(v) {
		n, err := hex.Decode(buf[:], v)
		if err == nil && (countingText(buf[:n]) || sentence(buf[:n])) {
			return true
		}
	}
	// base64 spells a group of three digits with 'M', 'N' or 'O' first: a cheap test
	// before decoding every token of the text
	if !mno(v[0]) || !mno(v[4]) || !mno(v[8]) {
		return false
	}
	for _, c := range v {
		if !is(c, cB64) && c != '=' && c != '-' && c != '_' {
			return false
		}
	}
	enc := base64.StdEncoding
	if bytes.ContainsAny(v, "-_") {
		enc = base64.URLEncoding
	}
	t := bytes.TrimRight(v, "=")
	t = t[:len(t)/4*4] // whole groups only: a cut value decodes as far as it goes
	n, err := enc.WithPadding(base64.NoPadding).Decode(buf[:], t)
	if err != nil {
		return false
	}
	return countingText(buf[:n])
}

func mno(c byte) bool { return c == 'M' || c == 'N' || c == 'O' }

// countingText: twelve or more digits that count up by one, wrap from 9 to 0 or start
// again at the first digit ("012345670123…"), with at most one step that does neither
// (a value's last digits).
func countingText(d []byte) bool {
	if len(d) < 12 {
		return false
	}
	odd := 0
	for i, c := range d {
		if !isDigit(c) {
			return false
		}
		if i == 0 || c == d[i-1]+1 || c == '0' && d[i-1] == '9' || c == d[0] && i >= 4 {
			continue
		}
		if odd++; odd > 1 {
			return false
		}
	}
	return true
}

// sentence: printable text of three or more words of letters, single spaces between
// them ("change this password to a secret"): prose a key's bytes are never.
func sentence(d []byte) bool {
	words, letters := 0, 0
	for i, c := range d {
		switch {
		case is(c, cLower|cUpper):
			letters++
		case c == ' ':
			if letters == 0 || i == len(d)-1 {
				return false
			}
			words++
			letters = 0
		case c == '.' || c == ',' || c == '!' || c == '\'':
			if letters == 0 {
				return false
			}
		default:
			return false
		}
	}
	return letters > 0 && words >= 2
}

// portProto: a port and its protocol ("464/tcp"), the second column of services(5): in
// "kpasswd 464/tcp" the service's name reads as a password's key.
func portProto(v []byte) bool {
	s := bytes.IndexByte(v, '/')
	if s < 1 || s > 5 {
		return false
	}
	for _, c := range v[:s] {
		if !isDigit(c) {
			return false
		}
	}
	switch string(v[s+1:]) {
	case "tcp", "udp", "sctp", "ddp":
		return true
	}
	return false
}

// abnfRepetition: an ABNF element with a repetition count ("1*SAFE", "*VCHAR",
// "2*4DIGIT", RFC 5234) that a grammar in a comment assigns to its password rule
// ("passwd = 1*SAFE ; MUST accept…"): the rule's name is upper-case, the value stands
// alone, followed by the end of the line or a ';' comment.
func abnfRepetition(data []byte, start, end int) bool {
	v := data[start:end]
	i := 0
	for i < len(v) && isDigit(v[i]) {
		i++
	}
	if i >= len(v) || v[i] != '*' {
		return false
	}
	i++
	for i < len(v) && isDigit(v[i]) {
		i++
	}
	if i >= len(v) || !isUpper(v[i]) {
		return false
	}
	for ; i < len(v); i++ {
		if !isUpper(v[i]) && !isDigit(v[i]) && v[i] != '-' {
			return false
		}
	}
	j := end
	for j < len(data) && (data[j] == ' ' || data[j] == '\t') {
		j++
	}
	return j == len(data) || data[j] == '\n' || data[j] == '\r' || data[j] == ';'
}

// minifiedCode: a generic key's value that is minified JavaScript ("!1,f.onload=
// function(){if(f.status>=200&&…"): after "withCredentials=" a minifier writes false as
// "!1" and goes on with the next expression. Two of the markers below are code that no
// generated token holds.
func minifiedCode(v []byte) bool {
	n := 0
	for _, w := range []string{"function(", "){", "&&", "||", "=>", "((", "!1,", "!0,"} {
		if bytes.Contains(v, []byte(w)) {
			n++
		}
	}
	return n >= 2
}

// formatIntroduced reports a value that the text presents as an illustration of a
// form: its own line says "e.g." before it ("(e.g.: `export AMQP_URL=…`)"), or a label
// above it ends in "format:" ("in the following JSON format:", "Authorization (S3 v2
// signature) Format:") or is an abbreviation of "example" ("Ex:", "E.g.:"), and the value
// is in the lines right below the label: no blank line between them but those right
// under the label. Comment markers ("//", "#", "*") are read past, so a code comment's
// label introduces the comment lines below it. example.go reads "Example:" and "for
// example"; this reads the abbreviations and the format descriptions it does not.
// labels are formatLabelsIn's; eg says whether the text holds an "e.g." at all.
// The line's first "e.g." and the lines above are read once a line (x.egLine, fmtMemo).
func (r *rtIndex) formatIntroduced(data []byte, start int, labels []int, eg bool) bool {
	ls := r.lc.start(data, start)
	if eg {
		x := &r.r4
		if !x.egSet || x.egLine != ls {
			// the first "e.g." of the line: it is the first before start when it ends there
			x.egSet, x.egLine, x.egAt = true, ls, indexFold(data[ls:r.lc.end(data, start)], "e.g.")
		}
		if e := x.egAt; e >= 0 && ls+e+len("e.g.") <= start && (e == 0 || !is(data[ls+e-1], cAlnum)) {
			return true
		}
	}
	l := lastBefore(labels, ls)
	if l < 0 || ls-l > 12*256 {
		return false
	}
	return r.fmtMemo.get([3]int{ls, l}, func() bool { return labelAbove(data, ls, l) })
}

// labelAbove: the label line ending at l stands right above the line at ls, with no
// blank line between them but those right under the label.
func labelAbove(data []byte, ls, l int) bool {
	blank := false
	for lines := 0; ls > l+1 && lines < 12; lines++ {
		pe := ls - 1
		ps := bytes.LastIndexByte(data[:pe], '\n') + 1
		ls = ps
		if len(commentText(data[ps:pe])) == 0 {
			blank = true
			continue
		}
		if blank {
			return false // a blank line inside the block: the label is not this block's
		}
	}
	return ls == l+1
}

// formatLabelsIn returns the offsets of the newline ending each line formatLabel
// accepts. It visits the ends of lines, not every colon: a log stream has a colon every
// few bytes and no label.
func formatLabelsIn(data []byte) (labels []int) {
	for p := 0; ; {
		i := bytes.IndexByte(data[p:], '\n')
		if i < 0 {
			return labels
		}
		i += p
		p = i + 1
		e := i
		if e > 0 && data[e-1] == '\r' {
			e--
		}
		if e == 0 || data[e-1] != ':' {
			continue
		}
		ls := bytes.LastIndexByte(data[:e], '\n') + 1
		if formatLabel(commentText(data[ls:e])) {
			labels = append(labels, i)
		}
	}
}

// commentText trims a line's blanks and leading comment markers.
func commentText(l []byte) []byte {
	l = bytes.TrimSpace(l)
	for len(l) > 0 && (l[0] == '/' || l[0] == '#' || l[0] == '*') {
		l = l[1:]
	}
	return bytes.TrimSpace(l)
}

// formatLabel: a line ending in ':' whose last word is "format", or that is an
// abbreviation of "example" ("Ex:", "E.g.:", "eg:").
func formatLabel(t []byte) bool {
	if len(t) < 3 || t[len(t)-1] != ':' {
		return false
	}
	t = t[:len(t)-1]
	w := len(t)
	for w > 0 && is(t[w-1], cAlnum|cDot) {
		w--
	}
	last := bytes.ToLower(t[w:])
	switch string(last) {
	case "format":
		return true
	case "ex", "ex.", "e.g", "e.g.", "eg":
		return w == 0 // the whole label: "index:" or "regex:" are no abbreviations
	}
	return false
}

// metaURL reports URL credentials whose user and host are each one letter
// ("postgres://u:sec:ret@h" in a comment on how a URI parses): names standing for any
// user and any host, as in a grammar. A host of one letter resolves nowhere real.
func metaURL(data []byte, start, end int) bool {
	if end+2 >= len(data) || data[end] != '@' || !is(data[end+1], cLower|cUpper) ||
		is(data[end+2], cAlnum|cDot|cDash|cUnder) {
		return false
	}
	c := bytes.LastIndex(data[max(0, start-8):start], []byte("://"))
	if c < 0 {
		return false
	}
	u := data[max(0, start-8)+c+3 : start]
	if len(u) < 2 || u[len(u)-1] != ':' {
		return false
	}
	// one letter, or one-letter names joined by '@' ("a@u:" of "postgres://a@u:sec:ret@h",
	// where a parser reads an '@' in the user part)
	for _, n := range bytes.Split(u[:len(u)-1], []byte("@")) {
		if len(n) != 1 || !is(n[0], cLower|cUpper) {
			return false
		}
	}
	return true
}

// spreadIntoVectors reports a value in a list literal ("var origin_ca_keys =
// []string{") whose name the text spreads into a scanner's test-vector list ("fps :=
// append(api_keys, origin_ca_keys...)", "tps = append(tps, global_keys...)"):
// realtrees.go's inTestVectors reads the lists built in place, this reads the ones
// built from named lists.
//
// The answer is the list's: memo keeps it for the list's next value.
func spreadIntoVectors(data []byte, start int, x *round4Index) bool {
	if !x.listAtBuilt {
		x.listAtBuilt = true
		x.listAt = offsetsOf(data, "[]string{")
		x.closeAt = offsetsOf(data, "\n}")
	}
	// the last list that opens within testVectorWindow above the value
	const open = len("[]string{")
	k, _ := slices.BinarySearch(x.listAt, start-open+1)
	if k == 0 || x.listAt[k-1] < start-testVectorWindow {
		return false
	}
	o := x.listAt[k-1]
	// the list must still be open at the value: no line that closes it between
	if c, _ := slices.BinarySearch(x.closeAt, o); c < len(x.closeAt) && x.closeAt[c]+2 <= start {
		return false
	}
	return x.spreadMemo.get([3]int{o}, func() bool { return listSpread(data, o) })
}

// offsetsOf lists where s occurs in data (s does not overlap itself).
func offsetsOf(data []byte, s string) []int {
	return offsetsStep(data, s, len(s))
}

// offsetsStep lists where s occurs in data, searching on step bytes after each.
func offsetsStep(data []byte, s string, step int) []int {
	var at []int
	for p := 0; ; {
		k := bytes.Index(data[p:], []byte(s))
		if k < 0 {
			return at
		}
		at = append(at, p+k)
		p += k + step
	}
}

// listSpread: the list opening at o is named, and the text spreads that name into a
// test-vector list.
func listSpread(data []byte, o int) bool {
	// its name: "name = []string{" or "name := []string{"
	i := o
	for i > 0 && (data[i-1] == ' ' || data[i-1] == '=' || data[i-1] == ':') {
		i--
	}
	e := i
	for i > 0 && is(data[i-1], cWord) {
		i--
	}
	if e-i < 2 {
		return false
	}
	name := append(append([]byte(nil), data[i:e]...), "..."...)
	for p := 0; ; {
		k := bytes.Index(data[p:], name)
		if k < 0 {
			return false
		}
		k += p
		p = k + 1
		if k > 0 && is(data[k-1], cWord) {
			continue
		}
		ls := bytes.LastIndexByte(data[:k], '\n') + 1
		l := bytes.TrimSpace(data[ls:k])
		for _, n := range testVectorNames {
			if bytes.HasPrefix(l, []byte(n)) && len(l) > len(n) && !is(l[len(n)], cWord) && bytes.Contains(l, []byte("append(")) {
				return true
			}
		}
	}
}

// fieldsOnMachine applies demoCredentials to credentials written as separate fields: a
// password equal to the user name given on a line next to it ("Username: \"guest\"",
// "BIND_DN=\"cn=admin,…\"", the same stem with digits added) where a line near it names
// the machine itself as the host ("Host: \"localhost\"", "…_ADDR=\"localhost:389\"").
// A password equal to the user for a host elsewhere stays a finding, as in a URL.
func (x *round4Index) fieldsOnMachine(data []byte, start, end int, marks *textMarks) bool {
	pw := data[start:end]
	lo, hi := linesAround(data, start, 2)
	if len(pw) < 3 || !twiceIn(data[lo:hi], pw) {
		return false // the password's word appears nowhere else near it
	}
	found := false
	for l := lo; l < hi; {
		le := hi
		if j := bytes.IndexByte(data[l:hi], '\n'); j >= 0 {
			le = l + j
		}
		if u := x.userFieldValueIn(data, l, le); u != nil && (bytes.EqualFold(u, pw) || sameStem(u, pw)) {
			found = true
			break
		}
		l = le + 1
	}
	if !found {
		return false
	}
	lo, hi = linesAround(data, start, 6)
	x.buildHosts(data, marks)
	for i, h := range machineHosts {
		// an occurrence of h inside data[lo:hi]
		k, _ := slices.BinarySearch(x.hosts[i], lo)
		if k < len(x.hosts[i]) && x.hosts[i][k]+len(h) <= hi {
			return true
		}
	}
	return false
}

// machineHosts are the names fieldsOnMachine takes for the machine itself, and
// machineMarks the text marks that note where they occur.
var (
	machineHosts = [...]string{"localhost", "127.0.0.1", "[::1]"}
	machineMarks = [len(machineHosts)]textMark{markLocalhost, markLoop4, markLoop6}
)

// machineNear reports whether one of machineHosts occurs within nearWindow of at: the
// bound of the lines fieldsOnMachine reads for one, so without one there it is false.
// fieldsOnMachine reads up to 16 KiB around each password; a long line of passwords (a
// form-encoded body, a flattened config) with no host on it is answered from the
// hosts' offsets, found once a text, instead.
func (x *round4Index) machineNear(data []byte, at int, marks *textMarks) bool {
	x.buildHosts(data, marks)
	floor, ceil := max(0, at-nearWindow), min(len(data), at+nearWindow)
	for i, h := range machineHosts {
		k, _ := slices.BinarySearch(x.hosts[i], floor)
		if k < len(x.hosts[i]) && x.hosts[i][k]+len(h) <= ceil {
			return true
		}
	}
	return false
}

// occurrences lists every offset where s occurs in data, overlapping ones too.
func occurrences(data []byte, s string) []int {
	return offsetsStep(data, s, 1)
}

// twiceIn is bytes.Count(b, w) >= 2 without counting past the second occurrence: a
// line of "user=admin1&password=admin1" pairs counted a 16 KiB window per password.
func twiceIn(b, w []byte) bool {
	k := bytes.Index(b, w)
	return k >= 0 && bytes.Index(b[k+max(len(w), 1):], w) >= 0
}

func (x *round4Index) buildHosts(data []byte, marks *textMarks) {
	if !x.hostsBuilt {
		x.hostsBuilt = true
		// The pass noted the hosts' offsets (textmarks.go): three searches of the whole
		// text (of every 4 MiB window of a log) were a twentieth of detect's time on one.
		for i := range machineHosts {
			x.hosts[i] = marks.offsets(data, machineMarks[i])
		}
	}
}

// linesAround returns the span of the n lines above and below the line holding at,
// no further than nearWindow bytes either side: a match on a long line (minified
// text, a hostile file of one line) costs the same as on a short one.
func linesAround(data []byte, at, n int) (int, int) {
	floor, ceil := max(0, at-nearWindow), min(len(data), at+nearWindow)
	lo := lineStartWithin(data, at, nearWindow)
	for k := 0; k < n && lo > floor; k++ {
		lo = bytes.LastIndexByte(data[floor:lo-1], '\n') + 1 + floor
	}
	hi := at
	for k := 0; k <= n && hi < ceil; k++ {
		j := bytes.IndexByte(data[hi:ceil], '\n')
		if j < 0 {
			hi = ceil
			break
		}
		hi += j + 1
	}
	return lo, hi
}

// nearWindow bounds, either side of a match, the text a post-pass check reads
// around it.
const nearWindow = 8192

// userFieldValue returns the value of a user-name field on line l ("Username:
// \"guest\"", "MINIO_ROOT_USER=minio", "user: admin") or the first RDN of a bind DN
// ("cn=admin,dc=min,dc=io"), or nil.
func userFieldValue(l []byte) []byte {
	// (ASCII case only: bytes.ToLower changes the length of some text outside ASCII —
	// an invalid byte becomes U+FFFD — and its offsets then missed l's, past its end)
	if i := indexFold(l, "cn="); i >= 0 && (i == 0 || !is(lowerASCII(l[i-1]), cAlnum)) && indexFold(l[:i], "dn") >= 0 {
		v := l[i+3:]
		if e := bytes.IndexAny(v, ",\"' "); e >= 0 {
			v = v[:e]
		}
		return v
	}
	for _, w := range []string{"username", "user", "login"} {
		i := indexFold(l, w)
		if i < 0 || i > 0 && is(lowerASCII(l[i-1]), cLower) {
			continue
		}
		j := i + len(w)
		for j < len(l) && (l[j] == '"' || l[j] == '\'' || l[j] == ' ' || l[j] == '\t') {
			j++
		}
		if j >= len(l) || l[j] != ':' && l[j] != '=' {
			continue
		}
		j++
		for j < len(l) && (l[j] == '"' || l[j] == '\'' || l[j] == ' ' || l[j] == '\t') {
			j++
		}
		e := j
		for e < len(l) && is(l[e], cWord|cDash|cDot) {
			e++
		}
		if e > j {
			return l[j:e]
		}
	}
	return nil
}

// userWords are the words userFieldValue looks for, in its order, and "dn", which must
// come before a "cn=".
var userWords = [...]string{"cn=", "username", "user", "login", "dn"}

// userFieldValueIn is userFieldValue(data[lo:hi]), answered from where the text holds
// each of userWords (ignoring ASCII case), found once a text: a long line of
// "user=…&password=…" pairs asked it of a 16 KiB window per password, lower-casing and
// searching the window each time.
func (x *round4Index) userFieldValueIn(data []byte, lo, hi int) []byte {
	if !x.usersBuilt {
		x.usersBuilt = true
		for i := range data {
			c := lowerASCII(data[i])
			for w, s := range userWords {
				if c == s[0] && hasPrefixFold(data, i, s) {
					x.users[w] = append(x.users[w], i)
				}
			}
		}
	}
	// first returns the first occurrence of userWords[w] inside data[lo:hi], or -1
	first := func(w, hi int) int {
		at := x.users[w]
		k, _ := slices.BinarySearch(at, lo)
		if k < len(at) && at[k]+len(userWords[w]) <= hi {
			return at[k]
		}
		return -1
	}
	if i := first(0, hi); i >= 0 && (i == lo || !is(lowerASCII(data[i-1]), cAlnum)) && first(4, i) >= 0 {
		v := data[i+3 : hi]
		if e := bytes.IndexAny(v, ",\"' "); e >= 0 {
			v = v[:e]
		}
		return v
	}
	for w := 1; w <= 3; w++ {
		i := first(w, hi)
		if i < 0 || i > lo && is(lowerASCII(data[i-1]), cLower) {
			continue
		}
		j := i + len(userWords[w])
		for j < hi && (data[j] == '"' || data[j] == '\'' || data[j] == ' ' || data[j] == '\t') {
			j++
		}
		if j >= hi || data[j] != ':' && data[j] != '=' {
			continue
		}
		j++
		for j < hi && (data[j] == '"' || data[j] == '\'' || data[j] == ' ' || data[j] == '\t') {
			j++
		}
		e := j
		for e < hi && is(data[e], cWord|cDash|cDot) {
			e++
		}
		if e > j {
			return data[j:e]
		}
	}
	return nil
}

// certWindow bounds how far from a key its certificate is looked for.
const certWindow = 16 << 10

// loopbackCertKey reports a private key (v, its PEM text) that a certificate in the
// same text certifies (same public key) for the machine itself only: every name the
// certificate holds is localhost, *.localhost or host.docker.internal (a container's
// name for the machine it runs on), every address a loopback one. mkcert and test
// setups write such key-and-certificate files; the key authenticates nothing that can
// be reached from elsewhere. A key whose certificate names any other host, or that has
// no certificate beside it, is still reported.
func loopbackCertKey(data, v []byte) bool {
	if !bytes.Contains(data, []byte("-----BEGIN CERTIFICATE-----")) {
		return false
	}
	kb, _ := pem.Decode(v)
	if kb == nil {
		return false
	}
	var key any
	var err error
	switch kb.Type {
	case "PRIVATE KEY":
		key, err = x509.ParsePKCS8PrivateKey(kb.Bytes)
	case "RSA PRIVATE KEY":
		key, err = x509.ParsePKCS1PrivateKey(kb.Bytes)
	case "EC PRIVATE KEY":
		key, err = x509.ParseECPrivateKey(kb.Bytes)
	default:
		return false
	}
	if err != nil {
		return false
	}
	signer, ok := key.(crypto.Signer)
	if !ok {
		return false
	}
	pub, ok := signer.Public().(interface{ Equal(crypto.PublicKey) bool })
	if !ok {
		return false
	}
	for rest := data; ; {
		var b *pem.Block
		b, rest = pem.Decode(rest)
		if b == nil {
			return false
		}
		if b.Type != "CERTIFICATE" {
			continue
		}
		cert, err := x509.ParseCertificate(b.Bytes)
		if err != nil || !pub.Equal(cert.PublicKey) {
			continue
		}
		return loopbackOnly(cert)
	}
}

// loopbackOnly: the certificate names at least one host, and only the machine itself.
func loopbackOnly(c *x509.Certificate) bool {
	if len(c.DNSNames)+len(c.IPAddresses) == 0 || len(c.URIs) > 0 || len(c.EmailAddresses) > 0 {
		return false
	}
	for _, n := range c.DNSNames {
		n = strings.ToLower(n)
		if n != "localhost" && !strings.HasSuffix(n, ".localhost") && n != "host.docker.internal" {
			return false
		}
	}
	for _, ip := range c.IPAddresses {
		if !ip.IsLoopback() && !ip.Equal(net.IPv6loopback) {
			return false
		}
	}
	return true
}
