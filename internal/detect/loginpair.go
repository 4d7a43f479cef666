package detect

import "bytes"

// loginPairDet reads the pair documentation and chat give after a login word: "Login:
// admin / Vx…", "the printer's login is admin / Vx…", "credentials: ops/Vx…". The
// word names a user and a password; the slash parts them. Text split into a
// document's runs ("…admin / </w:t></w:r><w:r><w:t>Vx…") is read across the tags.
// Only a value that reads as a typed password counts: "admin / admin", "Login /
// Register" and "credentials: aws/ec2" stay out.
type loginPairDet struct{ password *Rule }

var loginPairWords = []string{"login", "logon", "credentials", "creds", "sign-in"}

func (d *loginPairDet) anchors() []string { return loginPairWords }

func (d *loginPairDet) hit(sc *scanner, di, tag, at int) {
	data := sc.data
	w := loginPairWords[tag]
	if !hasPrefixFold(data, at, w) || !leftOK(data, at) {
		return
	}
	p := at + len(w)
	if p < len(data) && (data[p] == 's' || data[p] == 'S') && tag <= 1 {
		p++ // "logins"
	}
	if p >= len(data) || is(data[p], cWord) || data[p] == '-' || data[p] == '/' || data[p] == '.' {
		return // "loginUrl", "login-form", "login/password", "login.php"
	}
	// the link: a colon, "is", "are", "=" or a dash, then blanks
	q := skipSpaces(data, p)
	switch {
	case q < len(data) && (data[q] == ':' || data[q] == '=' || data[q] == '-'):
		q = skipSpaces(data, q+1)
	case hasPrefixFold(data, q, "is "):
		q = skipSpaces(data, q+3)
	case hasPrefixFold(data, q, "are "):
		q = skipSpaces(data, q+4)
	default:
		return
	}
	// the user: a name's characters, then a slash with optional blanks
	us := q
	for q < len(data) && q-us <= 64 && (is(data[q], cWord) || data[q] == '.' || data[q] == '-' || data[q] == '@' || data[q] == '\\') {
		q++
	}
	if q == us || q-us > 64 {
		return
	}
	q = skipSpaces(data, q)
	if q >= len(data) || data[q] != '/' {
		return
	}
	q = skipSpaces(data, q+1)
	q = skipTags(data, q)
	vs := q
	for q < len(data) && q-vs <= 128 && data[q] > ' ' && data[q] < 0x7f && data[q] != '<' && data[q] != '"' && data[q] != '\'' {
		q++
	}
	ve := q
	for ve > vs && bytes.IndexByte([]byte(".,;)"), data[ve-1]) >= 0 {
		ve--
	}
	v := data[vs:ve]
	if len(v) < 6 || len(v) > 128 || !strongContextPassword(v) || notPasswordText(v) || !typedPassword(v) && !randomLetters(v) {
		return
	}
	sc.emit(d.password, vs, ve, string(v))
}

// skipTags steps over markup tags at p ("</w:t></w:r><w:r><w:t>"), at most 512 bytes
// of them on the same line.
func skipTags(data []byte, p int) int {
	start := p
	for p < len(data) && data[p] == '<' && p-start < 512 {
		e := bytes.IndexByte(data[p:min(len(data), p+256)], '>')
		if e < 0 || bytes.IndexByte(data[p:p+e], '\n') >= 0 {
			return start
		}
		p += e + 1
	}
	return p
}
