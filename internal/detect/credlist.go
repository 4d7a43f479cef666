package detect

import "bytes"

// credListDet reads plaintext credential lists, "name:password" a line, where the
// structure says what the second field is (issue 11):
//
//   - a header line that names the columns ("username:password", "# login:pass",
//     "email:password"), then the lines below it in that shape, up to the first line
//     of another shape;
//   - a line that starts with an e-mail address joined to the rest by ':' — a "combo
//     list" line, "jane@example.org:Secret" — whose rest reads as a typed password.
//
// A lone "word:word" line says nothing (a Makefile target, an image tag, a host and
// its port), so neither reading takes one without its header or address.
type credListDet struct{ password *Rule }

var credListAnchors = []string{"user:pass", "name:pass", "login:pass", "mail:pass", "user:pwd", "name:pwd", "@"}

const credListAt = 6 // the "@" of an address

func (d *credListDet) anchors() []string { return credListAnchors }

func (d *credListDet) hit(sc *scanner, di, tag, at int) {
	if tag == credListAt {
		d.combo(sc, at)
		return
	}
	data := sc.data
	if !hasPrefixFold(data, at, credListAnchors[tag]) {
		return
	}
	ls := lineStartWithin(data, at, 64)
	le := lineEnd(data, at, 64)
	if !credListHeader(data[ls:le]) {
		return
	}
	p := le
	for n := 0; n < 1000 && p < len(data); n++ {
		// next line
		if data[p] == '\r' {
			p++
		}
		if p < len(data) && data[p] == '\n' {
			p++
		}
		e := lineEnd(data, p, 256)
		line := data[p:e]
		c := bytes.IndexByte(line, ':')
		if c <= 0 || c > 64 || bytes.IndexAny(line, " \t") >= 0 || run(line, 0, cWord|cDot|cDash, c) != c && !credListMail(line[:c]) {
			return // a line of another shape ends the list
		}
		v := line[c+1:]
		if len(v) >= 4 && len(v) <= 128 && strongContextPassword(v) && !held13Sealed(v) && v[0] != '$' {
			sc.emit(d.password, p+c+1, e, string(v))
		}
		p = e
	}
}

// credListHeader reports a line that names a list's columns and nothing else:
// optional comment marks, the user's column, ':' and the password's column.
func credListHeader(line []byte) bool {
	line = bytes.TrimSpace(line)
	line = bytes.TrimLeft(line, "#/;- ")
	c := bytes.IndexByte(line, ':')
	if c <= 0 || c != bytes.LastIndexByte(line, ':') {
		return false
	}
	user, pw := bytes.ToLower(line[:c]), bytes.ToLower(line[c+1:])
	if run(user, 0, cLower|cUnder, len(user)) != len(user) || run(pw, 0, cLower|cUnder, len(pw)) != len(pw) {
		return false
	}
	userOK := false
	for _, w := range []string{"user", "username", "user_name", "login", "email", "mail", "e_mail", "account", "name"} {
		userOK = userOK || string(user) == w
	}
	pwOK := false
	for _, w := range []string{"pass", "password", "passwd", "pwd", "pw"} {
		pwOK = pwOK || string(pw) == w
	}
	return userOK && pwOK
}

// credListMail reports an e-mail address's shape: a local part, '@', a dotted domain.
func credListMail(s []byte) bool {
	i := bytes.IndexByte(s, '@')
	if i <= 0 || i == len(s)-1 {
		return false
	}
	if run(s, 0, cWord|cDot|cDash, i) != i && bytes.IndexByte(s[:i], '+') < 0 {
		return false
	}
	dom := s[i+1:]
	return run(dom, 0, cAlnum|cDot|cDash, len(dom)) == len(dom) && bytes.IndexByte(dom, '.') > 0
}

// combo reads "address:password" at the start of a line whose address's '@' is at at.
func (d *credListDet) combo(sc *scanner, at int) {
	data := sc.data
	ls := lineStartWithin(data, at, 64)
	if at-ls < 1 || ls > 0 && data[ls-1] != '\n' {
		return
	}
	// the address: the line's start to the first ':'
	le := lineEnd(data, at, 256)
	c := bytes.IndexByte(data[at:le], ':')
	if c < 0 {
		return
	}
	c += at
	if !credListMail(data[ls:c]) {
		return
	}
	v := data[c+1 : le]
	if bytes.IndexAny(v, " \t") >= 0 || !blankPasswordValue(v) || !pwPhraseShape(v) || pwPhraseNotValue(v) {
		return
	}
	sc.emit(d.password, c+1, le, string(v))
}
