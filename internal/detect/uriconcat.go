package detect

import "bytes"

// concatUserinfo reads a URL whose parts are string literals joined by a language's
// concatenation operator ("postgresql://" + "report" + ":" + "pw" + "@" + "db/x",
// 'mysql://' . $u . ':' . 'pw' . '@db', "redis://:" .. "pw" .. "@cache"): the literal
// holding the scheme closes at as (its quote), the pieces that follow it are joined, and
// a password that is the whole text of one piece (or lies within one) is returned with
// its bounds. Pieces that are no literals (variables, calls) join as a blank-free stand-in
// that holds no ':' or '@', so a user name given by a variable still reads.
func concatUserinfo(data []byte, as, qe int) (ps, pe int, host []byte, ok bool) {
	type piece struct{ d, o, n int } // joined offset, origin, length (-1 o: a stand-in)
	var pieces [16]piece
	var jb [256]byte
	joined := append(jb[:0], data[as:qe]...)
	pieces[0] = piece{0, as, qe - as}
	np := 1
	end := lineEnd(data, as, 512)
	p := qe + 1
	for np < len(pieces) {
		q := skipSpaces(data, p)
		n := concatOp(data, q, end)
		if n == 0 {
			break
		}
		q = skipSpaces(data, q+n)
		if q >= end {
			break
		}
		if c := data[q]; c == '"' || c == '\'' {
			e := bytes.IndexByte(data[q+1:end], c)
			if e < 0 || bytes.IndexByte(data[q+1:q+1+e], '\\') >= 0 {
				break
			}
			pieces[np] = piece{len(joined), q + 1, e}
			joined = append(joined, data[q+1:q+1+e]...)
			p = q + 1 + e + 1
		} else {
			// a variable or a member ($user, cfg.user, user): a stand-in
			e := q
			for e < end && (is(data[e], cWord|cDot) || data[e] == '$' || data[e] == '-' && e+1 < end && data[e+1] == '>') {
				if data[e] == '-' {
					e++
				}
				e++
			}
			if e == q {
				break
			}
			pieces[np] = piece{len(joined), -1, 1}
			joined = append(joined, 'x')
			p = e
		}
		np++
		if len(joined) > 200 {
			break
		}
	}
	if np < 3 {
		return 0, 0, nil, false
	}
	ae := 0
	for ae < len(joined) && joined[ae] != '/' && joined[ae] != '?' && joined[ae] != '#' && joined[ae] != ' ' {
		ae++
	}
	at := bytes.LastIndexByte(joined[:ae], '@')
	if at <= 0 {
		return 0, 0, nil, false
	}
	c := bytes.IndexByte(joined[:at], ':')
	if c < 0 || c+1 >= at {
		return 0, 0, nil, false
	}
	js, je := c+1, at
	for _, pc := range pieces[:np] {
		if pc.o >= 0 && js >= pc.d && je <= pc.d+pc.n {
			return pc.o + js - pc.d, pc.o + je - pc.d, joined[at+1 : ae], true
		}
	}
	return 0, 0, nil, false
}

// concatOp returns the length of a string concatenation operator at q (with a blank
// after it): '+' (Java, JavaScript, Python, C#), '.' (PHP, Perl), '..' (Lua), '||'
// (SQL), '&' (Visual Basic), '~' (D); or 0.
func concatOp(data []byte, q, end int) int {
	for _, op := range []string{"..", "||", "+", ".", "&", "~"} {
		if q+len(op) < end && string(data[q:q+len(op)]) == op && (data[q+len(op)] == ' ' || data[q+len(op)] == '\t') {
			return len(op)
		}
	}
	return 0
}

// concatEmit emits a password concatUserinfo read, under the scheme's rule: only a
// scheme of a data store's (a generic URL's pieces are too often a template's).
func (d *uriDet) concatEmit(sc *scanner, di int, scheme []byte, ps, pe int, host []byte) {
	r := d.byScheme[string(scheme)]
	if r == nil {
		for name, rr := range d.byScheme {
			if bytes.HasSuffix(scheme, []byte("+"+name)) || bytes.HasSuffix(scheme, []byte(":"+name)) {
				r = rr
				break
			}
		}
	}
	pw := sc.data[ps:pe]
	if r == nil || len(host) == 0 || !hostLike(host) || len(pw) < 4 || isPlaceholder(pw) || namesItself(pw) || !passwordValue(pw) {
		return
	}
	sc.emit(r, ps, pe, string(pw))
	sc.skip[di] = pe
}

// concatLiteralEnd returns where the literal that a URL's scheme opens (its quote q)
// closes when a concatenation operator follows it, the authority unfinished inside it
// (no '@', no '/'): -1 otherwise.
func concatLiteralEnd(data []byte, as int, q byte) int {
	end := lineEnd(data, as, 128)
	e := bytes.IndexByte(data[as:end], q)
	if e < 0 || bytes.ContainsAny(data[as:as+e], "@/\\ ") {
		return -1
	}
	e += as
	if concatOp(data, skipSpaces(data, e+1), lineEnd(data, as, 512)) == 0 {
		return -1
	}
	return e
}
