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
// blank or the end of the line follows it and a value character precedes it
// ("password: Heron370&", libpq's "password=Heron370& dbname=…").
func valueEndAmp(data []byte, q int) bool {
	if q+1 < len(data) && data[q+1] != ' ' && data[q+1] != '\t' && data[q+1] != '\r' && data[q+1] != '\n' {
		return false
	}
	c := data[q-1]
	return c > ' ' && c != '&' && c != '=' && c != ':'
}
