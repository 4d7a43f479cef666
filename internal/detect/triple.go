package detect

import "bytes"

// tripleDet reads a password passed by position after the address and the user it
// opens, where no name stands beside any of the three (issue 11: instrument and
// device command sets). Two list forms say that the three belong together:
//
//   - quoted arguments, the address a UNC share, then the user, then the password as
//     the last argument: SCPI's ":MMEM:NETW:MAP 'Z:','\\fs01\results','svc','X'", a
//     script's map('\\nas\share', 'user', 'X');
//   - a numbered parameter list ("2001:web.tele2.se;2002:user;2003:X") whose three
//     consecutive numbers hold a host name (an APN, a server), a user and the
//     password: a device's configuration command set by parameter number.
//
// The user must read as a login name and the password as a typed or generated one.
type tripleDet struct{ password *Rule }

// tripleAnchors: a quote opening a UNC share, and ';' before a parameter's number.
var tripleAnchors = []string{`'\\`, `"\\`, ";0", ";1", ";2", ";3", ";4", ";5", ";6", ";7", ";8", ";9"}

func (d *tripleDet) anchors() []string { return tripleAnchors }

func (d *tripleDet) hit(sc *scanner, di, tag, at int) {
	if tag < 2 {
		d.quoted(sc, at)
		return
	}
	d.numbered(sc, di, at)
}

// quoted reads 'share','user','password' from the quote at at.
func (d *tripleDet) quoted(sc *scanner, at int) {
	data := sc.data
	q := data[at]
	end := lineEnd(data, at, 512)
	var args [3][2]int
	p := at
	for i := 0; i < 3; i++ {
		if p >= end || data[p] != q {
			return
		}
		e := bytes.IndexByte(data[p+1:end], q)
		if e < 0 {
			return
		}
		args[i] = [2]int{p + 1, p + 1 + e}
		p = p + 2 + e
		if i < 2 {
			p = skipSpaces(data, p)
			if p >= end || data[p] != ',' {
				return
			}
			p = skipSpaces(data, p+1)
		}
	}
	// the password is the last argument
	if r := skipSpaces(data, p); r < end && data[r] != ')' && data[r] != ';' {
		return
	}
	share := data[args[0][0]:args[0][1]]
	if len(share) < 5 || !bytes.HasPrefix(share, []byte(`\\`)) || bytes.IndexByte(share[2:], '\\') < 1 {
		return
	}
	d.emitPair(sc, args[1], args[2])
}

// numbered reads "N:host;N+1:user;N+2:password" on the line of the anchor at at.
func (d *tripleDet) numbered(sc *scanner, di, at int) {
	data := sc.data
	ls := lineStartWithin(data, at, 1024)
	end := lineEnd(data, at, 1024)
	if sc.skip[di] >= end {
		return
	}
	sc.skip[di] = end
	// the list starts at the word holding the first "N:" before the anchor
	s := at
	for s > ls && data[s-1] != ' ' && data[s-1] != '\t' && data[s-1] != '"' && data[s-1] != '\'' {
		s--
	}
	type item struct {
		n      int
		vs, ve int
	}
	var items []item
	for p := s; p < end && len(items) < 64; {
		n, q := 0, p
		for q < end && isDigit(data[q]) && q-p < 6 {
			n = n*10 + int(data[q]-'0')
			q++
		}
		if q == p || q >= end || data[q] != ':' {
			return
		}
		vs := q + 1
		ve := vs
		for ve < end && data[ve] != ';' && data[ve] != ' ' && data[ve] != '\t' && data[ve] != '"' {
			ve++
		}
		items = append(items, item{n, vs, ve})
		if ve >= end || data[ve] != ';' {
			break
		}
		p = ve + 1
	}
	for i := 0; i+2 < len(items); i++ {
		a, u, pw := items[i], items[i+1], items[i+2]
		if u.n != a.n+1 || pw.n != a.n+2 || !hostName(data[a.vs:a.ve]) {
			continue
		}
		d.emitPair(sc, [2]int{u.vs, u.ve}, [2]int{pw.vs, pw.ve})
	}
}

// emitPair reports the password of a positional user and password.
func (d *tripleDet) emitPair(sc *scanner, user, pw [2]int) {
	data := sc.data
	u, v := data[user[0]:user[1]], data[pw[0]:pw[1]]
	if !loginName(u) || len(v) < 6 || len(v) > 128 || !strongContextPassword(v) || notPasswordText(v) || isPlaceholder(v) {
		return
	}
	// the position names the value a password: letters with digits or signs do, as
	// in a "password X" line ("kigali_male8k", "braga.ghent70v"), but not the user's
	// name again, a path or a number
	if bytes.Equal(u, v) || bytes.IndexByte(v, '/') >= 0 || bytes.IndexByte(v, '\\') >= 0 && !typedPassword(v) {
		return
	}
	if !typedPassword(v) && !randomLetters(v) && !codeSwitchPassword(v) && !lettersWithDigits(v) {
		return
	}
	sc.emit(d.password, pw[0], pw[1], string(v))
}

// hostName reports a dotted host name of letters, digits and '-' (an APN:
// "internet.proximus.be", "web.tele2.se"), with a letter in its last label.
func hostName(v []byte) bool {
	if len(v) < 4 || len(v) > 253 || bytes.Count(v, []byte(".")) < 1 || v[0] == '.' || v[len(v)-1] == '.' {
		return false
	}
	for _, c := range v {
		if !is(c, cLower|cUpper|cDigit) && c != '.' && c != '-' {
			return false
		}
	}
	last := v[bytes.LastIndexByte(v, '.')+1:]
	return run(last, 0, cLower|cUpper, len(last)) == len(last)
}

// dottedHostName reports a host name of three labels or more ("edge1.corp.example.org"):
// the target a prose or directive password phrase names, never its value.
func dottedHostName(v []byte) bool {
	return bytes.Count(v, []byte(".")) >= 2 && hostName(v)
}

// loginName reports a user name: two to 64 characters of letters, digits, '.', '_',
// '-', '@' and '\', with a letter.
func loginName(u []byte) bool {
	if len(u) < 2 || len(u) > 64 {
		return false
	}
	letter := false
	for _, c := range u {
		switch {
		case is(c, cLower|cUpper):
			letter = true
		case isDigit(c) || c == '.' || c == '_' || c == '-' || c == '@' || c == '\\':
		default:
			return false
		}
	}
	return letter
}

// lettersWithDigits reports a value of three letters or more and a digit or a sign.
func lettersWithDigits(v []byte) bool {
	letters, other := 0, 0
	for _, c := range v {
		if is(c, cLower|cUpper) {
			letters++
		} else {
			other++
		}
	}
	return letters >= 3 && other >= 1
}
