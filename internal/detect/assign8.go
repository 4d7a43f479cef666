package detect

import "bytes"

// held8Pair reads name/value pairs whose syntax has no assignment operator, in
// languages and tool output the other parsers do not know:
//
//	{password, "…"}  {api_key, <<"…">>}   an Erlang/Elixir config tuple
//	:db-pass "…"                          a Clojure/EDN map's keyword and string
//	ProxyPassword    REG_SZ    …          `reg query` output
//
// ks, ke delimit the key (unquoted); p is the offset after it and its blanks.
func held8Pair(data []byte, ks, ke, p int) (vs, ve int, q byte, ok bool) {
	switch {
	case ks > 0 && data[ks-1] == '{' && p < len(data) && data[p] == ',':
		// an Erlang tuple: the atom, a comma, a string or binary literal, '}'
		r := skipSpaces(data, p+1)
		bin := bytes.HasPrefix(data[r:], []byte(`<<"`))
		if bin {
			r += 2
		}
		if r >= len(data) || data[r] != '"' {
			return 0, 0, 0, false
		}
		end, found := closingQuote(data, r+1, '"', 0, false)
		if !found || end <= r+1 {
			return 0, 0, 0, false
		}
		t := end + 1
		if bin {
			if !bytes.HasPrefix(data[t:], []byte(">>")) {
				return 0, 0, 0, false
			}
			t += 2
		}
		if t = skipSpaces(data, t); t >= len(data) || data[t] != '}' {
			return 0, 0, 0, false
		}
		return r + 1, end, '"', true
	case ks > 1 && data[ks-1] == ':' && (data[ks-2] == ' ' || data[ks-2] == '\t' || data[ks-2] == '{' || data[ks-2] == '(' || data[ks-2] == '['):
		// an EDN keyword followed by a string: blanks between them, no operator
		if p <= ke || p >= len(data) || data[p] != '"' {
			return 0, 0, 0, false
		}
		end, found := closingQuote(data, p+1, '"', 0, false)
		if !found || end <= p+1 {
			return 0, 0, 0, false
		}
		return p + 1, end, '"', true
	case p > ke && p < len(data) && data[p] == '"' && lispPairAt(data, ks):
		// a Lisp setting: (sql-password "…"), (setq smtpmail-auth-password "…"); the
		// string closes the form or another name follows it
		end, found := closingQuote(data, p+1, '"', 0, false)
		if !found || end <= p+1 || end+1 < len(data) && data[end+1] != ')' && !is(data[end+1], cBlank|cBreak) {
			return 0, 0, 0, false
		}
		return p + 1, end, '"', true
	case p > ke && lineStartAt(data, ks):
		// reg query: name, blanks, the value's type, blanks, the value to the line's end
		for _, t := range []string{"REG_SZ", "REG_EXPAND_SZ"} {
			if !bytes.HasPrefix(data[p:], []byte(t)) {
				continue
			}
			r := p + len(t)
			if r >= len(data) || data[r] != ' ' && data[r] != '\t' {
				return 0, 0, 0, false
			}
			r = skipSpaces(data, r)
			e := r
			for e < len(data) && data[e] != '\n' && data[e] != '\r' {
				e++
			}
			for e > r && (data[e-1] == ' ' || data[e-1] == '\t') {
				e--
			}
			return r, e, 0, e > r
		}
	}
	return 0, 0, 0, false
}

// arnResource reports whether the key at ks is a field of an Amazon Resource Name
// ("arn:aws:secretsmanager:…:secret:prod/db-AbC123"): "secret" there is the resource
// type and what follows it the secret's name and random suffix, not its value.
func arnResource(data []byte, ks int) bool {
	if ks == 0 || data[ks-1] != ':' {
		return false
	}
	s := ks - 1
	for s > 0 && ks-s < 256 && data[s-1] > ' ' && data[s-1] != '"' && data[s-1] != '\'' && data[s-1] != '=' && data[s-1] != '(' && data[s-1] != ',' && data[s-1] != '>' {
		s--
	}
	// (the ARN may follow other text in the same word: "${SECRET_ID:-arn:aws:…}")
	i := bytes.Index(data[s:ks], []byte("arn:"))
	return i >= 0 && (i == 0 || !is(data[s+i-1], cAlnum))
}

// skipValueWrap steps over what wraps a string literal assigned whole: Python's
// parentheses around a literal (token = ("…")) and an empty literal it is appended to
// (TOKEN = "" + "…"). It returns p when neither stands there.
func skipValueWrap(data []byte, p int) int {
	if p+1 < len(data) && data[p] == '(' && (data[p+1] == '"' || data[p+1] == '\'') {
		return p + 1
	}
	for _, e := range []string{`"" + `, `'' + `, `"" . `, `'' . `, `"" & `} {
		if bytes.HasPrefix(data[p:], []byte(e)) {
			q := skipSpaces(data, p+len(e))
			if q < len(data) && (data[q] == '"' || data[q] == '\'') {
				return q
			}
		}
	}
	return p
}

// valueEndAmp reports whether the '&' at q ends an unquoted value rather than
// separating it from the next query parameter or starting a shell's background job: a
// blank, the end of the line or the end of the string the value is written in follows
// it (a closing quote, or a backslash escape such as "\n" or "\"" of the enclosing
// literal) and a value character precedes it ("password: Heron370&", libpq's
// "password=Heron370& dbname=…", "text": "password: Heron370&", 'password=Heron370&\n').
func valueEndAmp(data []byte, q int) bool {
	if q+1 < len(data) && !is(data[q+1], cBlank) && data[q+1] != '\r' && data[q+1] != '\n' && !ampStringEnd(data, q+1) {
		return false
	}
	c := data[q-1]
	return c > ' ' && c != '&' && c != '=' && c != ':'
}

// ampStringEnd reports whether the byte at p closes the string literal an unquoted
// value stands in: a quote, or a backslash escape of a quote or a line break, then no
// more of the value.
func ampStringEnd(data []byte, p int) bool {
	switch data[p] {
	case '"', '\'', '`':
		return true
	case '\\':
		return p+1 < len(data) && (data[p+1] == 'n' || data[p+1] == 'r' || data[p+1] == 't' || data[p+1] == '"' || data[p+1] == '\'')
	}
	return false
}

// endEntity returns the length of the character reference for '&', '<' or '>' at q
// when it ends an unquoted value: what follows it ends the value too (a ';' between
// settings, a quote, a blank, the line's end). An XML attribute holding a connection
// string writes a password's last '&' as "&amp;" ("PWD=Heron370&amp;;UID=…"). It is
// 0 otherwise: "&amp;" between two query parameters separates them.
func endEntity(data []byte, q int) int {
	if q < 0 {
		return 0
	}
	for _, e := range []string{"&amp;", "&lt;", "&gt;"} {
		if !bytes.HasPrefix(data[q:], []byte(e)) {
			continue
		}
		r := q + len(e)
		if r == len(data) || data[r] == ';' || data[r] == '"' || data[r] == '\'' || is(data[r], cBlank|cBreak) {
			return len(e)
		}
	}
	return 0
}

// escapedAmpEnd reports whether the ';' at e, inside an unquoted value starting at vs,
// ends a character reference for '&', '<' or '>' ("PWD=Heron370&amp;;UID=…"): it is
// part of the value, not the connection string's separator.
func escapedAmpEnd(data []byte, vs, e int) bool {
	for _, n := range []int{4, 3} {
		if q := e + 1 - n - 1; q >= vs && endEntity(data, q) == n+1 {
			return true
		}
	}
	return false
}

// escapedAmpIn reports whether v holds a character reference for '&', '<' or '>'.
func escapedAmpIn(v []byte) bool {
	return bytes.Contains(v, []byte("&amp;")) || bytes.Contains(v, []byte("&lt;")) || bytes.Contains(v, []byte("&gt;"))
}

// setterVerbs are the names (lower case, '_' left out) of calls whose arguments are a
// setting's name and then its value: m.Set("password", v), props.put("password", v),
// config.set("smtp", "password", v) (a section first), os.environ.setdefault(…),
// intent.putExtra(…), client.config_set("requirepass", v).
var setterVerbs = map[string]bool{"set": true, "put": true, "setproperty": true, "setdefault": true, "setenv": true,
	"configset": true, "setoption": true, "setvalue": true, "setstring": true, "putstring": true, "setconfig": true,
	"putvalue": true, "setparameter": true, "setparam": true, "setattribute": true, "setsecret": true, "setitem": true,
	"putextra": true, "setsetting": true, "store": true}

// setterCallAt reports whether the quote at q opens the first argument of a setter
// call (setterVerbs), or its second after one quoted section name: the argument
// names a setting, whatever its spelling ("password" alone, which other calls pass
// as data: scrypt('password', salt)).
func setterCallAt(data []byte, q int) bool {
	p := q
	for p > 0 && is(data[p-1], cBlank) {
		p--
	}
	if p > 0 && data[p-1] == ',' {
		// a section's name before: config.set('smtp', 'password', …)
		p--
		for p > 0 && is(data[p-1], cBlank) {
			p--
		}
		if p == 0 || data[p-1] != '"' && data[p-1] != '\'' {
			return false
		}
		oq := data[p-1]
		p--
		k := p
		for k > 0 && p-k < 64 && data[k-1] != oq && (is(data[k-1], cWord|cDash|cDot)) {
			k--
		}
		if k == 0 || data[k-1] != oq || k == p {
			return false
		}
		p = k - 1
	}
	if p == 0 || data[p-1] != '(' {
		return false
	}
	e := p - 1
	s := e
	for s > 0 && e-s < 32 && is(data[s-1], cWord) {
		s--
	}
	if s == e {
		return false
	}
	var buf [32]byte
	name := buf[:0]
	for _, c := range data[s:e] {
		if c != '_' {
			name = append(name, c|0x20)
		}
	}
	return setterVerbs[string(name)]
}

// gluedPwAbbrev reports a key whose last word ends in "pw" or "pwd" glued to other
// letters ("wsapw", "rootpw", "adminpwd") rather than being that word ("db.pwd",
// "admin_pw", "dbPw"). Such a name says "password" in a directive (bindpw, rootpw),
// but as a call's quoted argument it is as likely any other short id.
func gluedPwAbbrev(key []byte) bool {
	if len(key) > maxKeyLen {
		return false
	}
	var buf [12][]byte
	var text [maxKeyLen]byte
	segs := keySegments(key, buf[:0], text[:0])
	if len(segs) == 0 {
		return false
	}
	last := segs[len(segs)-1]
	if passwordWords[string(last)] {
		return false
	}
	p, ok := bytes.CutSuffix(last, []byte("pwd"))
	if !ok {
		p, ok = bytes.CutSuffix(last, []byte("pw"))
	}
	return ok && len(p) > 0
}

// lispPairAt reports a name that opens a Lisp form, or that Emacs Lisp's setq (or
// setq-default, defvar, defcustom, setopt) assigns: "(sql-password", "(setq auth-password".
func lispPairAt(data []byte, ks int) bool {
	if ks == 0 {
		return false
	}
	if data[ks-1] == '(' {
		return ks < 2 || !is(data[ks-2], cWord|cDot) // (name …, not f(name …) of C-like code
	}
	if !is(data[ks-1], cBlank) {
		return false
	}
	for _, w := range []string{"(setq ", "(setq-default ", "(setq-local ", "(defvar ", "(defcustom ", "(setopt ", "(defconst "} {
		if ks >= len(w) && string(data[ks-len(w):ks]) == w {
			return true
		}
	}
	return false
}

// nameValueParams reads a PowerShell cmdlet's -Name/-Value parameter pair, the key
// (ks, ke, quoted by kq) being -Name's argument: Set-ItemProperty -Path … -Name
// DefaultPassword -Value '…', New-ItemProperty, Set-Variable -Name dbPassword -Value "…".
// The value is -Value's argument, quoted or a bare word, on the same line.
func nameValueParams(data []byte, ks, ke int, kq byte) (vs, ve int, q byte, ok bool) {
	n := ks
	if kq != 0 {
		n--
	}
	if n < 7 || !is(data[n-1], cBlank) || !hasPrefixFold(data, n-6, "-name") {
		return 0, 0, 0, false
	}
	p := ke
	if kq != 0 {
		p++
	}
	end := lineEnd(data, p, 512)
	i := indexFold(data[p:end], " -value ")
	if i < 0 {
		return 0, 0, 0, false
	}
	r := skipSpaces(data, p+i+len(" -value "))
	if r < end && (data[r] == '"' || data[r] == '\'') {
		e, found := closingQuote(data, r+1, data[r], 0, false)
		if !found || e <= r+1 {
			return 0, 0, 0, false
		}
		return r + 1, e, data[r], true
	}
	e := r
	for e < end && !is(data[e], cBlank|cBreak) && data[e] != ';' && data[e] != ')' {
		e++
	}
	if e == r || data[r] == '$' || data[r] == '(' || data[r] == '-' {
		return 0, 0, 0, false // a variable, an expression, the next parameter
	}
	return r, e, 0, true
}

// inStringText reports whether p stands inside a string literal opened earlier on its
// line: an odd number of unescaped quotes of one kind stand between the line's start
// and p (the other kind inside it is text).
func inStringText(data []byte, p int) bool {
	ls := p
	for ls > 0 && p-ls < 1024 && data[ls-1] != '\n' {
		ls--
	}
	var open byte
	for i := ls; i < p; i++ {
		c := data[i]
		switch {
		case c == '\\':
			i++ // an escaped character
		case open == 0 && (c == '"' || c == '\''):
			open = c
		case c == open:
			open = 0
		}
	}
	return open != 0
}
