package detect

// PHP keeps sessions and cached objects serialized, and they are stored as text where a
// scan finds them: session files, Redis and Memcached values, SQL columns (a dump's
// cells). Two syntaxes write a name before its value:
//
//   - a session: name|s:LEN:"value";   ("api_key|s:40:\"…\";uid|i:7;")
//   - serialize() of an array or an object: s:LEN:"name";s:LEN:"value";
//     ("a:2:{s:7:\"api_key\";s:40:\"…\";…}")
//
// No assignment operator stands between the name and the value, so the key-value
// reader saw a key with nothing assigned to it. phpSerialPair reads the value of such a
// pair; the value is then judged as any value assigned to that name. Every string token
// states its length in bytes: a token whose length is not the one written is not read
// (a pair of PHP's is never a guess). In an SQL dump or a JSON string the quotes are
// escaped with backslashes (s:7:\"api_key\"): the same number before each quote.

// maxPHPLen bounds the length a value's token may state.
const maxPHPLen = 4096

// phpSerialPair returns the assignment of the PHP-serialized pair whose name is at
// [ks, ke) of data, if the text around the name is one.
func phpSerialPair(data []byte, ks, ke int) (assignment, bool) {
	if ks < 0 || ke <= ks || ke >= len(data) {
		return assignment{}, false
	}
	var p, esc int
	switch data[ke] {
	case '|':
		// a session's name: at the start of the text, a line, a quoted string or after
		// the pair before it
		if ks > 0 {
			switch data[ks-1] {
			case ';', '"', '\'', '\n', ' ', '\t', '}':
			default:
				return assignment{}, false
			}
		}
		p = ke + 1
		esc = -1 // (a session's quoting is read from its value's token)
	case '"', '\\':
		// serialize()'s s:LEN:"name"; — the name's own token, its length checked
		e := ke
		for e < len(data) && data[e] == '\\' {
			e++
			esc++
		}
		if e >= len(data) || data[e] != '"' || esc > 3 {
			return assignment{}, false
		}
		o := ks - 1 - esc // the name's opening quote, after its backslashes
		if o < 3 || data[ks-1] != '"' {
			return assignment{}, false
		}
		for i := o; i < ks-1; i++ {
			if data[i] != '\\' {
				return assignment{}, false
			}
		}
		n, ok := phpLenBefore(data, o)
		if !ok || n != ke-ks {
			return assignment{}, false
		}
		p = e + 1
		if p >= len(data) || data[p] != ';' {
			return assignment{}, false
		}
		p++
	default:
		return assignment{}, false
	}
	// the value's token: s:LEN:"…";
	if p+4 >= len(data) || data[p] != 's' || data[p+1] != ':' {
		return assignment{}, false
	}
	p += 2
	n, l := 0, 0
	for p < len(data) && isDigit(data[p]) && l < 5 {
		n = n*10 + int(data[p]-'0')
		p++
		l++
	}
	if l == 0 || n == 0 || n > maxPHPLen || p >= len(data) || data[p] != ':' {
		return assignment{}, false
	}
	p++
	if esc < 0 {
		esc = 0
		for p < len(data) && data[p] == '\\' && esc <= 3 {
			p++
			esc++
		}
	} else {
		for i := 0; i < esc; i++ {
			if p >= len(data) || data[p] != '\\' {
				return assignment{}, false
			}
			p++
		}
	}
	if p >= len(data) || data[p] != '"' {
		return assignment{}, false
	}
	vs := p + 1
	ve := vs + n
	if ve+esc+1 >= len(data) {
		return assignment{}, false
	}
	for i := 0; i < esc; i++ {
		if data[ve+i] != '\\' {
			return assignment{}, false
		}
	}
	if data[ve+esc] != '"' || data[ve+esc+1] != ';' {
		return assignment{}, false
	}
	for _, c := range data[vs:ve] {
		if c == '\n' || c == '\\' && esc > 0 {
			return assignment{}, false // (an escaped value's bytes are not its length)
		}
	}
	return assignment{keyStart: ks, keyEnd: ke, valStart: vs, valEnd: ve, quote: '"', esc: esc}, true
}

// phpLenBefore reads the "s:LEN:" that ends just before o (a quote, or the backslashes
// escaping it).
func phpLenBefore(data []byte, o int) (int, bool) {
	if o < 3 || data[o-1] != ':' {
		return 0, false
	}
	i := o - 1
	n, mul := 0, 1
	for i > 0 && isDigit(data[i-1]) && mul <= 1000 {
		i--
		n += int(data[i]-'0') * mul
		mul *= 10
	}
	if i == o-1 || i < 2 || data[i-1] != ':' || data[i-2] != 's' {
		return 0, false
	}
	return n, true
}
