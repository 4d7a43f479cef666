package detect

import "bytes"

// altLiteralAt reads a string literal at p that does not open with a plain quote, as
// languages other than C's family write them: Lua's long brackets ([[…]], [==[…]==]),
// Perl's quote operators (q{…}, qq{…}, q(…), q[…], q<…>, q/…/, q!…!, q|…|), Ruby's
// percent literals (%q{…}, %Q(…)) and the prefixed literals of C, C++ and
// Objective-C (@"…", L"…", u8"…", u"…", U"…"). The literal must close on its line, and
// hold something: it returns the text's bounds and true, or false.
func altLiteralAt(data []byte, p int) (vs, ve int, ok bool) {
	if p >= len(data) {
		return 0, 0, false
	}
	end := lineEnd(data, p, 512)
	var closer []byte
	var cb [10]byte
	switch c := data[p]; {
	case c == '[':
		// [[…]] or [=*[…]=*]
		q := p + 1
		for q < end && data[q] == '=' && q-p < 8 {
			q++
		}
		if q >= end || data[q] != '[' {
			return 0, 0, false
		}
		cl := append(cb[:0], ']')
		for i := p + 1; i < q; i++ {
			cl = append(cl, '=')
		}
		closer = append(cl, ']')
		vs = q + 1
	case c == 'q' || c == '%':
		q := p + 1
		if c == 'q' && q < end && data[q] == 'q' {
			q++ // qq{…}
		} else if c == '%' && q < end && (data[q] == 'q' || data[q] == 'Q') {
			q++ // %q{…}, %Q{…}
		} else if c == '%' {
			return 0, 0, false // ("%{…}" alone is a format string's slot: "%{password}")
		}
		if p > 0 && is(data[p-1], cWord) || q >= end {
			return 0, 0, false
		}
		o := data[q]
		var cl byte
		switch o {
		case '{':
			cl = '}'
		case '(':
			cl = ')'
		case '[':
			cl = ']'
		case '<':
			cl = '>'
		case '/', '!', '|', '#', '~':
			if c == '%' {
				return 0, 0, false
			}
			cl = o
		default:
			return 0, 0, false
		}
		closer = append(cb[:0], cl)
		vs = q + 1
	case c == '@' || c == 'L' || c == 'u' || c == 'U':
		q := p + 1
		if c == 'u' && q < end && data[q] == '8' {
			q++
		}
		if p > 0 && is(data[p-1], cWord) || q >= end || data[q] != '"' {
			return 0, 0, false
		}
		vs, ve, ok = cStringAt(data, q)
		return vs, ve, ok && ve <= end
	default:
		return 0, 0, false
	}
	i := bytes.Index(data[vs:end], closer)
	if i <= 0 {
		return 0, 0, false
	}
	// the text holds no bracket of the kind that opened it, nor a quote: a nested
	// list ("[[1, 2], [3]]") or a call (q(x)) is no literal of these
	v := data[vs : vs+i]
	if bytes.IndexByte(v, data[vs-1]) >= 0 || bytes.IndexByte(v, closer[0]) >= 0 || bytes.ContainsAny(v, "\"'`") {
		return 0, 0, false
	}
	return vs, vs + i, true
}

// escapedEOLRest reports a line end written as text at p (a backslash and 'r' or 'n',
// as a packet decoder's view of an FTP session prints "PASS Qx7…\r\n") with only
// blanks after it on the line: the value before it ends there.
func escapedEOLRest(data []byte, p int) bool {
	for _, t := range []string{`\r\n`, `\n`} {
		if bytes.HasPrefix(data[p:], []byte(t)) {
			return restBlank(data, p+len(t))
		}
	}
	return false
}
