package detect

import "bytes"

// credFileDet reads a credentials file shown under a comment that names it, as
// configuration dumps and runbooks print them: OpenVPN's auth-user-pass file (and its
// http-proxy one) holds the user on its first line and the password on its second; a
// password file holds the password alone. The comment is the name; the block under it
// must be one or two lone words and end there (a blank line, another comment, the end).
type credFileDet struct{ password *Rule }

// credFileNames: the first two name a user-then-password file, the others a password
// file.
var credFileNames = []string{"auth-user-pass", "credentials file", "password file", "passwd file"}

func (d *credFileDet) anchors() []string { return credFileNames }

func (d *credFileDet) hit(sc *scanner, di, tag, at int) {
	data := sc.data
	ls := lineStartWithin(data, at, 256)
	c := skipSpaces(data, ls)
	if c >= at || data[c] != '#' && data[c] != ';' && !(data[c] == '/' && c+1 < at && data[c+1] == '/') {
		return // not a comment
	}
	if bytes.Contains(data[ls:at], []byte("--")) || bytes.IndexByte(data[ls:at], '=') >= 0 {
		return // an option's description ("# --auth-user-pass FILE: …"), a setting
	}
	e := lineEnd(data, at, 512)
	var lines [3][2]int
	n := 0
	p := e
	for n < 3 {
		if p >= len(data) || data[p] != '\n' && data[p] != '\r' {
			break
		}
		if data[p] == '\r' && p+1 < len(data) && data[p+1] == '\n' {
			p++
		}
		s := p + 1
		le := lineEnd(data, s, 256)
		if le == s || data[s] == '#' || data[s] == ';' {
			break // a blank line or a comment ends the block
		}
		lines[n] = [2]int{s, le}
		n++
		p = le
	}
	want := 1
	if tag < 2 {
		want = 2
	}
	if n != want {
		return
	}
	for i := 0; i < n; i++ {
		if bytes.IndexAny(data[lines[i][0]:lines[i][1]], " \t") >= 0 {
			return // a line with blanks: text or settings, not the file's words
		}
	}
	vs, ve := lines[n-1][0], lines[n-1][1]
	v := data[vs:ve]
	if len(v) < 6 || !strongContextPassword(v) || notPasswordText(v) || !typedPassword(v) && !randomLetters(v) {
		return
	}
	sc.emit(d.password, vs, ve, string(v))
}
