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
	bare := false // "login svc_wiki / …": no link, the pair set off by a spaced slash (spacedSlash)
	switch {
	case q < len(data) && (data[q] == ':' || data[q] == '=' || data[q] == '-'):
		q = skipSpaces(data, q+1)
	case hasPrefixFold(data, q, "is "):
		q = skipSpaces(data, q+3)
	case hasPrefixFold(data, q, "are "):
		q = skipSpaces(data, q+4)
	case q > p && loginQualifier(data, q) > 0:
		// "login for crew scheduling: crewsched / …", "logon to the portal: …"
		q = skipSpaces(data, loginQualifier(data, q)+1)
	case q > p && q < len(data) && is(data[q], cWord):
		bare = true
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
	if q >= len(data) || data[q] != '/' || bare && !spacedSlash(data, q) {
		return
	}
	q = skipSpaces(data, q+1)
	q = skipTags(data, q)
	vs := q
	for q < len(data) && q-vs <= 128 && data[q] > ' ' && data[q] < 0x7f && data[q] != '<' && (bare || data[q] != '"' && data[q] != '\'') {
		q++
	}
	ve := q
	if r := skipSpaces(data, q); bare && r < len(data) && data[r] != '\n' && data[r] != '\r' {
		return // a bare pair ends its line: "login svc / …" in a note
	}
	for ve > vs && bytes.IndexByte([]byte(".,;)"), data[ve-1]) >= 0 {
		ve--
	}
	v := data[vs:ve]
	if len(v) < 6 || len(v) > 128 || !strongContextPassword(v) || notPasswordText(v) || !typedPassword(v) && !randomLetters(v) && !codeSwitchPassword(v) && !joinedNumberedWords(v) {
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

// proseLinkDet reads English prose and listings that join a password word to its value
// by something other than a colon or "is": a change ("the password was changed to
// …", "password reset to …", "set to …"), an arrow or a dotted leader ("password ->
// …", "PASSWORD ........ …"), or a qualifier closed by a colon ("Password (prod):
// …", "password for 'svc': …", "Password [staging]: …").
type proseLinkDet struct{ password *Rule }

var proseLinkWords = []string{"password", "passwd", "passphrase", "pw"}

// proseLinkVerbs are the changes that give a password its value; an optional "was",
// "is", "has been" before them is stepped over.
var proseLinkVerbs = []string{"changed to ", "set to ", "set as ", "reset to ", "updated to ", "rotated to ", "changed into "}

func (d *proseLinkDet) anchors() []string { return proseLinkWords }

func (d *proseLinkDet) hit(sc *scanner, di, tag, at int) {
	data := sc.data
	w := proseLinkWords[tag]
	if !hasPrefixFold(data, at, w) || at > 0 && (is(data[at-1], cWord) || bytes.IndexByte([]byte(".-$@/\\<&"), data[at-1]) >= 0) {
		return
	}
	p := at + len(w)
	if p >= len(data) || data[p] != ' ' {
		return // ("Password(v strfmt.Password) *strfmt.Password": a function)
	}
	q := skipSpaces(data, p)
	linked := false
	// a qualifier: "(…)", "[…]" or "for X", closed by a colon
	if q < len(data) && (data[q] == '(' || data[q] == '[') {
		cl := byte(')')
		if data[q] == '[' {
			cl = ']'
		}
		e := bytes.IndexByte(data[q:min(len(data), q+32)], cl)
		if e < 0 || bytes.IndexByte(data[q:q+e], '\n') >= 0 {
			return
		}
		q = q + e + 1
		linked = q+1 < len(data) && data[q] == ':' && data[q+1] == ' '
		q++
	} else if hasPrefixFold(data, q, "for ") {
		r := q + 4
		e := r
		for e < len(data) && e-r < 40 && data[e] != ':' && data[e] != '\n' && data[e] != ' ' {
			e++
		}
		if e == r || e >= len(data) || data[e] != ':' || e+1 >= len(data) || data[e+1] != ' ' {
			return
		}
		q, linked = e+1, true
	}
	if !linked {
		for _, aux := range []string{"was ", "is ", "has been ", "got ", "been "} {
			if hasPrefixFold(data, q, aux) {
				q += len(aux)
				break
			}
		}
		for _, v := range proseLinkVerbs {
			if hasPrefixFold(data, q, v) {
				q, linked = q+len(v), true
				break
			}
		}
	}
	if !linked {
		switch {
		case hasPrefixFold(data, q, "-> "), hasPrefixFold(data, q, "=> "), hasPrefixFold(data, q, "-- "):
			q, linked = q+3, true
		case hasPrefixFold(data, q, "→ "):
			q, linked = q+len("→ "), true
		case hasPrefixFold(data, q, "..."):
			for q < len(data) && data[q] == '.' {
				q++
			}
			linked = q < len(data) && data[q] == ' '
		}
	}
	if !linked {
		return
	}
	q = skipSpaces(data, q)
	quote := byte(0)
	vs, ve, alt := altLiteralAt(data, q) // "password => q{…}" (altquote.go)
	if alt {
		quote = '\''
	} else if q < len(data) && (data[q] == '"' || data[q] == '\'' || data[q] == '`') {
		quote = data[q]
		q++
	}
	if !alt {
		vs, ve = q, q
		for ve < len(data) && ve-vs <= 128 && data[ve] > ' ' && data[ve] < 0x7f && data[ve] != quote && (quote != 0 || data[ve] != '"') {
			ve++
		}
	}
	for quote == 0 && ve > vs && bytes.IndexByte([]byte(".,;)"), data[ve-1]) >= 0 {
		ve--
	}
	v := data[vs:ve]
	if len(v) < 6 || len(v) > 128 || !strongContextPassword(v) || notPasswordText(v) || !typedPassword(v) && !randomLetters(v) && !codeSwitchPassword(v) {
		return
	}
	sc.emit(d.password, vs, ve, string(v))
}

// spacedSlash: the slash at q has a blank on each side ("user / password"), the way a
// pair is written out in a note, not a path.
func spacedSlash(data []byte, q int) bool {
	return q > 0 && q+1 < len(data) && (data[q-1] == ' ' || data[q-1] == '\t') && (data[q+1] == ' ' || data[q+1] == '\t')
}
