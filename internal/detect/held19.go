package detect

import (
	"bytes"
	"encoding/base64"
)

// held19Det reads classes the held19a evaluation split showed missing, each by the
// documented structure that names the value:
//
//   - Proxmox VE API tokens: the "Authorization: PVEAPIToken=USER@REALM!TOKENID=UUID"
//     header its API documents, and the table `pveum user token add` prints, whose
//     "value" row under a "full-tokenid" row holds the token's secret (a UUID, shown
//     once).
//   - a Proxmox Backup Server encryption key file ({"kdf": …, "data": "<base64>", …}):
//     the "data" member of an object with a "kdf" member is the key itself when no KDF
//     protects it, and the wrapped key otherwise; both are read as the secret.
//   - IATA contact e-mail in a PNR's SSR CTCE element, where "@" is written "//" (and
//     "_" "..", "-" "./") because the element cannot carry those characters.
//   - a card in a GDS form of payment, "FP CC<brand><number>/<expiry>": two letters of
//     the card's brand (VI, CA, AX, …) glued to the number, which still has to pass the
//     Luhn check.
//   - a password file printed in a terminal session: "PROMPT$ cat /etc/pve/priv/
//     storage/nas.pw", "cat /run/secrets/db_password", then one line of output and the
//     next prompt. The file's name says it holds a password or a secret (.pw, .pass,
//     .password, password.txt, a Docker or Kubernetes secret's directory); the one line
//     between the prompts is its content.
//   - an item of an XML export named by its "name" attribute, its value in the
//     element's text (Lotus Domino's DXL: <item name='HTTP_SSO_LtpaPassword'><text>…
//     </text></item>): a password when the name is a password key. A value in
//     parentheses is Domino's hash of the password, not the password.
//   - a launch argument of an Xcode scheme (<CommandLineArgument argument = "-Key
//     value">): Apple's apps read "-Key value" on their command line into their user
//     defaults, so a key that names a password gives the password (quoted inside the
//     attribute as &quot;…&quot;).
//   - QGIS project variables: a project file keeps them as two parallel string lists,
//     <variableNames> and <variableValues>, one <value> each; the value at the place
//     of a name that is a secret or password word is that secret.
type held19Det struct {
	secret, password, email, card *Rule
}

var held19Anchors = []anchorRead[*held19Det]{
	{"pveapitoken", (*held19Det).pveHeader},
	{"full-tokenid", (*held19Det).pveTable},
	{`"kdf"`, (*held19Det).pbsKeyFile},
	{"ssr ctce", (*held19Det).ctce},
	{"fp cc", (*held19Det).fpCard},
	{"fp pax cc", (*held19Det).fpCard},
	{"<variablevalues", (*held19Det).qgsVariables},
	{"$ cat ", (*held19Det).catSecretFile},
	{"<item name=", (*held19Det).namedItem},
	{`argument = "-`, (*held19Det).launchArgument},
	{"# cat ", (*held19Det).catSecretFile},
}

func (d *held19Det) anchors() []string { return anchorLits(held19Anchors) }

func (d *held19Det) hit(sc *scanner, di, tag, at int) { readAnchor(held19Anchors, d, sc, tag, at) }

// h19UUIDEnd is the end of a UUID (8-4-4-4-12 hexadecimal) starting at p, or -1.
func h19UUIDEnd(data []byte, p int) int {
	groups := [5]int{8, 4, 4, 4, 12}
	q := p
	for gi, n := range groups {
		for i := 0; i < n; i++ {
			if q >= len(data) || !h19Hex(data[q]) {
				return -1
			}
			q++
		}
		if gi < 4 {
			if q >= len(data) || data[q] != '-' {
				return -1
			}
			q++
		}
	}
	if q < len(data) && (h19Hex(data[q]) || data[q] == '-') {
		return -1
	}
	return q
}

func h19Hex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// pveHeader reads "PVEAPIToken=USER@REALM!TOKENID=UUID" (or with a blank for the
// first "=").
func (d *held19Det) pveHeader(sc *scanner, _, end int) {
	data := sc.data
	if d.secret == nil || end >= len(data) || (data[end] != '=' && data[end] != ' ') {
		return
	}
	le := lineEndWithin(data, end, 300)
	p := end + 1
	at := bytes.IndexByte(data[p:le], '@')
	bang := bytes.IndexByte(data[p:le], '!')
	if at <= 0 || bang <= at {
		return
	}
	q := p + bang + 1
	for q < le && (h19Alnum(data[q]) || data[q] == '-' || data[q] == '_' || data[q] == '.') {
		q++
	}
	if q >= le || (data[q] != '=' && data[q] != ':') || q == p+bang+1 {
		return
	}
	if e := h19UUIDEnd(data, q+1); e > 0 {
		sc.emit(d.secret, q+1, e, string(data[q+1:e]))
	}
}

// pveTable reads the "value" row that follows a "full-tokenid" row in the table
// `pveum user token add` prints (within a few lines: a separator and an "info" row may
// come between).
func (d *held19Det) pveTable(sc *scanner, _, end int) {
	data := sc.data
	if d.secret == nil {
		return
	}
	p := lineEndWithin(data, end, 400)
	for n := 0; n < 6 && p < len(data); n++ {
		ls := p + 1
		le := lineEndWithin(data, ls, 400)
		line := data[ls:le]
		// the row's first cell, after the table's border
		i := 0
		for i < len(line) && !h19Alnum(line[i]) {
			i++
		}
		if bytes.HasPrefix(line[i:], []byte("value")) && i+5 < len(line) && !h19Alnum(line[i+5]) {
			for j := ls + i + 5; j < le; j++ {
				if h19Hex(data[j]) && !h19Alnum(data[j-1]) {
					if e := h19UUIDEnd(data, j); e > 0 {
						sc.emit(d.secret, j, e, string(data[j:e]))
						return
					}
				}
			}
			return
		}
		p = le
	}
}

func h19Alnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// pbsKeyFile reads the "data" member of the object holding a "kdf" member: a Proxmox
// Backup Server key file. The member's value must be standard base64 of at least 32
// bytes.
func (d *held19Det) pbsKeyFile(sc *scanner, at, end int) {
	data := sc.data
	if d.secret == nil {
		return
	}
	// the object around: from its "{" before the anchor to the "}" that closes it
	lo := max(0, at-300)
	ob := bytes.LastIndexByte(data[lo:at], '{')
	if ob < 0 {
		return
	}
	ob += lo
	hi := min(len(data), end+1200)
	cb, depth := -1, 0
	for i := end; i < hi && cb < 0; i++ {
		switch data[i] {
		case '{':
			depth++
		case '}':
			if depth == 0 {
				cb = i
			}
			depth--
		}
	}
	if cb < 0 {
		return
	}
	obj := data[ob:cb]
	k := bytes.Index(obj, []byte(`"data"`))
	if k < 0 {
		return
	}
	p := ob + k + 6
	for p < cb && (data[p] == ' ' || data[p] == ':' || data[p] == '\t' || data[p] == '\n' || data[p] == '\r') {
		p++
	}
	if p >= cb || data[p] != '"' {
		return
	}
	vs := p + 1
	ve := bytes.IndexByte(data[vs:cb], '"')
	if ve < 0 {
		return
	}
	ve += vs
	v := data[vs:ve]
	raw, err := base64.StdEncoding.DecodeString(string(v))
	if err != nil || len(raw) < 32 || classCount(v) < 3 {
		return
	}
	sc.emit(d.secret, vs, ve, string(v))
}

// ctce reads the e-mail address of an SSR CTCE element: the first word on its line
// with "//" between a local part and a domain with a dot.
func (d *held19Det) ctce(sc *scanner, _, end int) {
	data := sc.data
	if d.email == nil {
		return
	}
	le := lineEnd(data, end, 300)
	for p := end; p < le; {
		for p < le && (data[p] == ' ' || data[p] == '\t') {
			p++
		}
		q := p
		for q < le && data[q] != ' ' && data[q] != '\t' {
			q++
		}
		if s, e, ok := ctceAddress(data[p:q]); ok {
			sc.emit(d.email, p+s, p+e, string(data[p+s:p+e]))
			return
		}
		p = q
	}
}

// ctceAddress finds LOCAL//DOMAIN in a word of an SSR CTCE element ("HK1/NAME//HOST.COM-1
// SMITH/JOHN", "NAME//HOST.COM/P1"): the span of the address, with the domain ending at
// a "/" not written after a "." (IATA's "./" is a "-") or at a "-".
func ctceAddress(w []byte) (int, int, bool) {
	i := bytes.Index(w, []byte("//"))
	if i <= 0 {
		return 0, 0, false
	}
	s := i
	for s > 0 && (h19Alnum(w[s-1]) || w[s-1] == '.') {
		s--
	}
	if s == i {
		return 0, 0, false
	}
	e := i + 2
	dot := false
	for e < len(w) {
		c := w[e]
		switch {
		case h19Alnum(c):
		case c == '.':
			dot = true
		case c == '/' && w[e-1] == '.':
		default:
			goto done
		}
		e++
	}
done:
	for e > i+2 && (w[e-1] == '.' || w[e-1] == '/') {
		e--
	}
	if !dot || e-i-2 < 4 || bytes.IndexByte(w[i+2:e], '.') < 0 {
		return 0, 0, false
	}
	return s, e, true
}

// fpCard reads the card of a form-of-payment element: two brand letters, then 13 to 19
// digits that pass the Luhn check.
func (d *held19Det) fpCard(sc *scanner, _, end int) {
	data := sc.data
	if d.card == nil || end+2 >= len(data) {
		return
	}
	p := end
	if !(data[p] >= 'A' && data[p] <= 'Z' && data[p+1] >= 'A' && data[p+1] <= 'Z') {
		return
	}
	p += 2
	q := p
	for q < len(data) && data[q] >= '0' && data[q] <= '9' {
		q++
	}
	if q-p < 13 || q-p > 19 || (q < len(data) && h19Alnum(data[q])) || !luhnOK(data[p:q]) || allSame(data[p+1:q-1]) {
		return
	}
	sc.emit(d.card, p, q, string(data[p:q]))
}

// userinfoTail reports an address whose local part is the tail of a URL's password: a
// percent-encoded password decoded ("https://ks:Ab%5BV@host/…" read as
// "https://ks:Ab[V@host/…") holds characters that end inURLAuthority's walk back,
// though nothing between the scheme's "//" and the "@" leaves the authority. The walk
// here stops only at what cannot stand in a URL at all (blanks, quotes, angle brackets)
// and at the query or fragment ("?", "#"), so that an address in a query string stays
// one; it needs a ":" between the "//" and the local part (user:password@).
func userinfoTail(data []byte, ls int) bool {
	colon := false
	for i := ls - 1; i >= 2 && ls-i < 256; i-- {
		switch data[i] {
		case '/':
			return colon && data[i-1] == '/' && data[i-2] == ':'
		case ':':
			colon = true
		case ' ', '\t', '\n', '\r', '"', '\'', '<', '>', '?', '#', '`':
			return false
		}
	}
	return false
}

// beforeNextField reads a phone number that a fixed-width record (a COBOL extract, a
// mainframe report) runs into the next field with a single blank: "+380 63 184 91 65
// 05034876374" is a 17-character number in an 18-character column and an identity
// number after it. The greedy run of phoneDet.hit reads both as one number and rejects
// it. Here the column's width comes from the records around (columnFieldEnd); without
// them the run is cut before the first group after a blank that is too long for a
// group of a phone number (6 digits or more) once the digits before it make a whole
// number. What is left has to pass the checks the whole run failed.
func (d *phoneDet) beforeNextField(sc *scanner, di, at int) {
	data := sc.data
	if end := columnFieldEnd(data, at); end > at {
		var digits [20]byte
		nd := 0
		for _, c := range data[at+1 : end] {
			switch {
			case isDigit(c):
				if nd == len(digits) {
					return
				}
				digits[nd] = c
				nd++
			case c == ' ' || c == '-' || c == '.' || c == '(' || c == ')':
			default:
				return
			}
		}
		if phoneOK(digits[:nd]) && !timestampDigits(digits[:nd]) && !dummyDigits(digits[:nd]) {
			sc.emit(d.rule, at, end, string(data[at:end]))
			sc.skip[di] = end
		}
		return
	}
	p := at + 1
	var digits [20]byte
	nd, groups, end := 0, 0, -1
	for p < len(data) && p-at < 40 {
		q := p
		for q < len(data) && isDigit(data[q]) {
			q++
		}
		g := q - p
		if g == 0 {
			return
		}
		if groups > 0 && data[p-1] == ' ' && g >= 6 && nd >= 8 {
			end = p - 1
			break
		}
		if nd+g > len(digits) {
			return
		}
		copy(digits[nd:], data[p:q])
		nd += g
		groups++
		if q+1 >= len(data) || (data[q] != ' ' && data[q] != '-') || !isDigit(data[q+1]) {
			return // the run ended without a field after it: phoneDet.hit has judged it
		}
		p = q + 1
	}
	if end < 0 || groups < 2 || !phoneOK(digits[:nd]) || timestampDigits(digits[:nd]) || dummyDigits(digits[:nd]) {
		return
	}
	sc.emit(d.rule, at, end, string(data[at:end]))
	sc.skip[di] = end
}

// xmlValues is the text of each <value>…</value> element in data[lo:hi], as spans.
func xmlValues(data []byte, lo, hi int) [][2]int {
	var out [][2]int
	for p := lo; p < hi && len(out) < 64; {
		i := bytes.Index(data[p:hi], []byte("<value>"))
		if i < 0 {
			break
		}
		vs := p + i + len("<value>")
		j := bytes.Index(data[vs:hi], []byte("</value>"))
		if j < 0 {
			break
		}
		out = append(out, [2]int{vs, vs + j})
		p = vs + j + len("</value>")
	}
	return out
}

// qgsVariables pairs the <variableValues> list with the <variableNames> list before
// it (on the lines just above).
func (d *held19Det) qgsVariables(sc *scanner, at, end int) {
	data := sc.data
	lo := max(0, at-2048)
	ni := bytes.LastIndex(bytes.ToLower(data[lo:at]), []byte("<variablenames"))
	if ni < 0 {
		return
	}
	ni += lo
	nEnd := bytes.Index(data[ni:at], []byte("</"))
	if nEnd < 0 {
		return
	}
	vEnd := bytes.Index(data[end:min(len(data), end+8192)], []byte("</variableValues>"))
	if vEnd < 0 {
		return
	}
	names := xmlValues(data, ni, at)
	vals := xmlValues(data, end, end+vEnd)
	if len(names) != len(vals) {
		return
	}
	var segBuf [][]byte
	var scratch []byte
	for i, n := range names {
		segs := keySegments(data[n[0]:n[1]], segBuf[:0], scratch[:0])
		vs, ve := vals[i][0], vals[i][1]
		v := data[vs:ve]
		switch {
		case d.password != nil && passwordKey(segs):
			if len(v) >= 6 && !isPlaceholder(v) {
				sc.emit(d.password, vs, ve, string(v))
			}
		case d.secret != nil && genericKey(segs):
			if len(v) >= 16 && generatedBody(0)(v) && bytes.IndexByte(v, ' ') < 0 {
				sc.emit(d.secret, vs, ve, string(v))
			}
		}
	}
}

// columnFieldEnd is the end of the fixed-width field that starts at at (a "+" in column
// c of its line), from the lines around it: a record that has a "+" in the same column
// after a blank, and whose field there is followed by two blanks or more, tells where
// the next column starts. The field's end is then that column less the blank before it
// and any padding; -1 when no line around tells, or when this line has no blank there.
func columnFieldEnd(data []byte, at int) int {
	ls := lineStartWithin(data, at, 512)
	col := at - ls
	if ls == 0 && at > 512 || col > 0 && data[at-1] != ' ' {
		return -1
	}
	le := lineEndWithin(data, at, 512)
	next := -1
	// the lines before, then the lines after, four of each
	s := ls
	for n := 0; n < 4 && s > 0 && next < 0; n++ {
		e := s - 1
		s = lineStartWithin(data, e, 512)
		next = nextColumn(data, s, e, col)
	}
	e := le
	for n := 0; n < 4 && e < len(data) && next < 0; n++ {
		s := e + 1
		e = lineEndWithin(data, s, 512)
		next = nextColumn(data, s, e, col)
	}
	if next < 0 || ls+next >= le || data[ls+next-1] != ' ' || data[ls+next] == ' ' {
		return -1
	}
	end := ls + next - 1
	for end > at && data[end-1] == ' ' {
		end--
	}
	return end
}

// nextColumn: in the line data[s:e], when a "+" stands in column col after a blank,
// the column where the next field starts after a gap of two blanks or more, the
// field before the gap holding only what a phone number is written with; else -1.
func nextColumn(data []byte, s, e, col int) int {
	p := s + col
	if p >= e || data[p] != '+' || col > 0 && data[p-1] != ' ' {
		return -1
	}
	nd := 0
	for q := p + 1; q+1 < e && q-p < 40; q++ {
		switch c := data[q]; {
		case isDigit(c):
			if nd++; nd > 15 {
				return -1 // this record's number runs into its next field too
			}
		case c != ' ' && c != '-' && c != '.' && c != '(' && c != ')':
			return -1
		}
		if data[q] == ' ' && data[q+1] == ' ' {
			r := q
			for r < e && data[r] == ' ' {
				r++
			}
			if r < e {
				return r - s
			}
			return -1
		}
	}
	return -1
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

// secretFileName: a path whose name says the file holds a password or a secret.
func secretFileName(path []byte) bool {
	low := bytes.ToLower(path)
	if bytes.Contains(low, []byte("/run/secrets/")) || bytes.Contains(low, []byte("/secrets/kubernetes.io/")) {
		return true
	}
	base := low[bytes.LastIndexByte(low, '/')+1:]
	if bytes.HasSuffix(base, []byte("passwd")) || bytes.HasSuffix(base, []byte(".pub")) {
		return false // the user database; a public key
	}
	for _, suf := range []string{".pw", ".pass", ".password", ".pwd", ".secret"} {
		if bytes.HasSuffix(base, []byte(suf)) {
			return true
		}
	}
	stem := base
	if i := bytes.LastIndexByte(stem, '.'); i > 0 && (string(stem[i:]) == ".txt" || string(stem[i:]) == ".cred") {
		stem = stem[:i]
	}
	for _, w := range []string{"password", "passphrase", "_pass", "-pass", "_pw", "-pw"} {
		if bytes.HasSuffix(stem, []byte(w)) {
			return true
		}
	}
	return false
}

// catSecretFile reads the one line a "cat" of a password file printed between two
// prompts (at is the prompt's "$ " or "# ").
func (d *held19Det) catSecretFile(sc *scanner, at, end int) {
	data := sc.data
	if d.password == nil {
		return
	}
	ls := lineStartWithin(data, at, 200)
	prompt := data[ls : at+2] // "root@pve2:~# "
	le := lineEndWithin(data, end, 400)
	path := bytes.TrimRight(data[end:le], " \t\r")
	if len(path) == 0 || bytes.IndexAny(path, " |<>;&*") >= 0 || !secretFileName(path) {
		return
	}
	if le >= len(data) {
		return
	}
	vs := le + 1
	ve := lineEndWithin(data, vs, 300)
	if ve >= len(data) || data[ve] != '\n' {
		if ve < len(data) {
			return // a long line: not one password
		}
	}
	v := bytes.TrimRight(data[vs:ve], "\r")
	ve = vs + len(v)
	if len(v) < 4 || len(v) > 128 || bytes.HasPrefix(data[vs:], prompt) || bytes.Contains(v, []byte("No such file")) {
		return
	}
	// the next prompt (or the end of the session) right after the one line
	if ne := lineEndWithin(data, vs, 300); ne < len(data) {
		if !bytes.HasPrefix(data[ne+1:], bytes.TrimRight(prompt, " ")) {
			return
		}
	}
	if isPlaceholder(v) {
		return
	}
	sc.emit(d.password, vs, ve, string(v))
}

// namedItem reads <item name='KEY' …><text>VALUE</text></item> (the <text> may sit in a
// <textlist>, or be left out).
func (d *held19Det) namedItem(sc *scanner, _, end int) {
	data := sc.data
	if d.password == nil || end >= len(data) || (data[end] != '\'' && data[end] != '"') {
		return
	}
	q := data[end]
	le := lineEndWithin(data, end, 600)
	ne := bytes.IndexByte(data[end+1:le], q)
	if ne <= 0 || ne > 80 {
		return
	}
	name := data[end+1 : end+1+ne]
	segs := keySegments(name, nil, nil)
	if !passwordKey(segs) {
		return
	}
	p := end + 1 + ne + 1
	gt := bytes.IndexByte(data[p:le], '>')
	if gt < 0 || data[p+gt-1] == '/' {
		return
	}
	p += gt + 1
	for _, t := range []string{"<textlist>", "<text>"} {
		if bytes.HasPrefix(data[p:le], []byte(t)) {
			p += len(t)
		}
	}
	ve := bytes.IndexByte(data[p:le], '<')
	if ve <= 0 {
		return
	}
	v := data[p : p+ve]
	if len(v) < 4 || v[0] == '(' && v[len(v)-1] == ')' || isPlaceholder(v) {
		return
	}
	sc.emit(d.password, p, p+ve, string(v))
}

// launchArgument reads argument = "-KEY VALUE" of an .xcscheme.
func (d *held19Det) launchArgument(sc *scanner, _, end int) {
	data := sc.data
	if d.password == nil {
		return
	}
	le := lineEndWithin(data, end, 600)
	ks := end
	ke := ks
	for ke < le && (h19Alnum(data[ke]) || data[ke] == '_' || data[ke] == '.') {
		ke++
	}
	if ke == ks || ke >= le || data[ke] != ' ' {
		return
	}
	if !passwordKey(keySegments(data[ks:ke], nil, nil)) {
		return
	}
	vs := ke + 1
	ve := bytes.LastIndexByte(data[vs:le], '"')
	if ve <= 0 {
		return
	}
	ve += vs
	const q = "&quot;"
	if ve-vs > 2*len(q) && bytes.HasPrefix(data[vs:ve], []byte(q)) && bytes.HasSuffix(data[vs:ve], []byte(q)) {
		vs, ve = vs+len(q), ve-len(q)
	}
	v := data[vs:ve]
	if len(v) < 4 || isPlaceholder(v) || bytes.HasPrefix(v, []byte("$(")) {
		return
	}
	sc.emit(d.password, vs, ve, string(v))
}

// spacedSlash: the slash at q has a blank on each side ("user / password"), the way a
// pair is written out in a note, not a path.
func spacedSlash(data []byte, q int) bool {
	return q > 0 && q+1 < len(data) && (data[q-1] == ' ' || data[q-1] == '\t') && (data[q+1] == ' ' || data[q+1] == '\t')
}
