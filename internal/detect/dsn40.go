package detect

import "bytes"

// connListUserField reports an unquoted value that is a whole field of a keyword=value
// list — an ODBC, ADO.NET, JDBC or libpq connection string ("Uid=u;Pwd=p;"), or a
// URL's query ("?user=u&password=p&") — in which a field naming the user comes before
// it. The grammar of those lists is "key=value" fields joined by ';' or '&', keys of
// words and spaces ("User Id", "Initial Catalog"), nothing else on the way: the value
// is the password that goes with that user, whatever its letters (a dot or a hyphen in
// it names no program's member there).
func connListUserField(data []byte, a *assignment) bool {
	if a.quote != 0 || a.keyStart <= 0 || a.valEnd > len(data) || a.keyEnd > a.valStart {
		return false
	}
	// the key is followed by '=' alone, the value ends the field
	if sep := bytes.TrimSpace(data[a.keyEnd:a.valStart]); len(sep) != 1 || sep[0] != '=' {
		return false
	}
	if a.valEnd < len(data) && !bytes.ContainsRune([]byte(";&\"'<> \t\r\n"), rune(data[a.valEnd])) {
		return false
	}
	p := a.keyStart - 1
	for p >= 0 && (data[p] == ' ' || data[p] == '\t') {
		p--
	}
	if p < 0 || data[p] != ';' && data[p] != '&' {
		return false
	}
	// walk the fields before it, back to the list's start
	for fields := 0; p >= 0 && fields < 12 && a.keyStart-p < 400; fields++ {
		if data[p] != ';' && data[p] != '&' && data[p] != '?' {
			return false
		}
		e := p // the field before ends at the separator
		s := e - 1
		for s >= 0 && !bytes.ContainsRune([]byte(";&?\"'\n\r<>()"), rune(data[s])) {
			s--
		}
		field := data[s+1 : e]
		if eq := bytes.IndexByte(field, '='); eq > 0 && userFieldName(field[:eq]) && eq+1 < len(field) {
			return true
		}
		if s < 0 || data[s] == '?' || data[s] != ';' && data[s] != '&' {
			return false
		}
		p = s
	}
	return false
}

// userFieldName reports a connection string's or a query's key naming the user.
func userFieldName(k []byte) bool {
	k = bytes.TrimSpace(k)
	if len(k) > 16 {
		return false
	}
	var b [16]byte
	n := 0
	for _, c := range k {
		if c == ' ' || c == '_' || c == '-' {
			continue
		}
		if !is(c, cUpper|cLower) {
			return false
		}
		b[n] = c | 0x20
		n++
	}
	switch string(b[:n]) {
	case "user", "uid", "userid", "username", "usr", "login", "loginid":
		return true
	}
	return false
}

// teradataLogon reads the logon command of Teradata's BTEQ and load utilities
// (FastLoad, MultiLoad, TPump, FastExport), ".LOGON [tdpid/]username[,password[,'account']]"
// at the start of a line ('.' optional): the password is the field after the user and
// ',', up to the next ',', the ';' that ends the command or the line's end. No key names
// it; the grammar does, so a value of words and dots is taken as typed.
func (d *shapeDet) teradataLogon(sc *scanner, at, p int) {
	data := sc.data
	ls := at
	if ls > 0 && data[ls-1] == '.' {
		ls--
	}
	if !lineStartAt(data, ls) {
		return
	}
	p = skipSpaces(data, p)
	end := lineEndWithin(data, p, 512)
	// [tdpid/]user
	us := p
	if sl := bytes.IndexByte(data[p:end], '/'); sl > 0 && run(data, p, cAlnum|cDash|cDot|cUnder, sl) == p+sl {
		us = p + sl + 1
	}
	ue := us
	for ue < end && ue-us < 64 && is(data[ue], cWord|cDash|cDot) {
		ue++
	}
	if ue == us || !is(data[us], cLower|cUpper) || ue >= end || data[ue] != ',' {
		return
	}
	vs := ue + 1
	ve := vs
	for ve < end && ve-vs < 128 && data[ve] > ' ' && data[ve] != ',' && data[ve] != ';' {
		ve++
	}
	if ve < end && data[ve] != ',' && data[ve] != ';' && !restBlank(data, ve) {
		return
	}
	v := data[vs:ve]
	if len(v) < 6 || !passwordValue(v) || bytes.ContainsAny(v, "$%&'\"") || isPlaceholder(v) || templateKey(v) ||
		containsFold(v, "password", "passwd") {
		return
	}
	sc.emit(d.password, vs, ve, string(v))
}

// joinedNumberedWords reports lower-case words of three letters or more joined by one
// '-' or '_' throughout, with a number of one to four digits glued to the last and at
// most four letters or digits after it ("uppsala-valletta8Z", "quarry_lantern42"): a
// password made of words and a number, for the places whose grammar already says a
// password stands there (a login pair). (numberedWords is the dotted form, which
// must also tell a member of code, hashlib.sha256, from it.)
func joinedNumberedWords(v []byte) bool {
	sep := soleSeparator(v, "-_")
	return sep != 0 && wordsWithNumber(v, sep, false)
}

// gluedValueOK accepts, under a key that names a password only by a glued word
// (gluedOnlyKey), the values typedPassword leaves out: when the glued word is "pwd",
// which ends no English compound (unlike "pass": bypass, compass), a value with a digit
// or a symbol (a path stays out: notAPassword); under either, words joined with a number
// (joinedNumberedWords) or letters of both cases with a number inside them
// ("Chinle3210JorAcD", "jvogx369ATErhq").
func gluedValueOK(key, v []byte) bool {
	if len(v) < 6 || len(v) > 64 {
		return false
	}
	if joinedNumberedWords(v) || innerNumberMixedCase(v) {
		return true
	}
	k := bytes.ToLower(bytes.TrimRight(key, "\"' "))
	return bytes.HasSuffix(k, []byte("pwd")) && bytes.ContainsAny(v, "0123456789!@#$%^&*+=?~") && v[0] != '/' && v[0] != '$' && v[0] != '%'
}

// innerNumberMixedCase reports a value of letters and digits alone, eight characters
// or more, with a run of two to six digits that has letters on both sides, capitals
// after it and lower-case letters too: a name of code puts a number at its end or
// names a width (sha256Sum); one with capitals after the number ("Chinle3210JorAcD")
// is a password someone made.
func innerNumberMixedCase(v []byte) bool {
	if len(v) < 8 || run(v, 0, cLower|cUpper|cDigit, len(v)) != len(v) || !is(v[0], cLower|cUpper) {
		return false
	}
	ds := bytes.IndexAny(v, "0123456789")
	if ds < 1 {
		return false
	}
	de := run(v, ds, cDigit, len(v))
	if de-ds < 2 || de-ds > 6 || de >= len(v) || bitWidth(v[ds:de]) {
		return false
	}
	lower, upperAfter := false, false
	for i, c := range v {
		if is(c, cLower) {
			lower = true
		}
		if i >= de && is(c, cUpper) {
			upperAfter = true
		}
	}
	return lower && upperAfter && run(v, de, cLower|cUpper, len(v)) == len(v)
}
