package detect

import "bytes"

// Classes of non-secrets found by triaging the clean negatives of the peers' test
// suites (trufflehog, gitleaks, Nosey Parker half A): each is a property of how such
// values are written, never a list of the strings seen.

// standIn reports the stand-ins isPlaceholder's older tests miss. low is v in lower
// case (at most 256 bytes).
func standIn(low []byte) bool {
	return percentEnvRef(low) || braceExpr(low) || docKeyTail(low)
}

// percentEnvRef recognises a whole value that is a cmd.exe, MSBuild or NuGet
// environment reference, "%NUGET_PASSWORD%": the variable holds the secret, the file
// only its name.
func percentEnvRef(low []byte) bool {
	n := len(low)
	if n < 3 || low[0] != '%' || low[n-1] != '%' {
		return false
	}
	for _, c := range low[1 : n-1] {
		if !is(c, cWord) && c != '.' && c != '-' {
			return false
		}
	}
	return true
}

// dateTimeValue recognises an ISO 8601 date or date-time, alone or as the first field
// of a query string ("st=2025-03-04T07:24:52Z&se=…" read up to the '&'): a time stamp,
// not a key.
func dateTimeValue(v []byte) bool {
	if i := bytes.IndexByte(v, '='); i > 0 && i <= 8 {
		v = v[i+1:]
	}
	if len(v) < 10 || len(v) > 35 {
		return false
	}
	for i := 0; i < 10; i++ {
		switch i {
		case 4, 7:
			if v[i] != '-' {
				return false
			}
		default:
			if !isDigit(v[i]) {
				return false
			}
		}
	}
	rest := v[10:]
	if len(rest) == 0 {
		return true
	}
	if rest[0] != 'T' && rest[0] != 't' && rest[0] != ' ' {
		return false
	}
	for _, c := range rest[1:] {
		if !isDigit(c) && c != ':' && c != '.' && c != 'Z' && c != 'z' && c != '+' && c != '-' {
			return false
		}
	}
	return true
}

// secretPart is the part of a value that holds the secret when the value is an account
// path and a secret, "1/1204567890123456:<secret>" (Asana's personal access tokens): the
// path is a number the provider assigned in sequence, so a run of digits in it ("…34567…")
// says nothing about whether a person typed the secret after it.
func secretPart(v []byte) []byte {
	c := bytes.LastIndexByte(v, ':')
	if c < 3 || c >= len(v)-16 {
		return v
	}
	for _, ch := range v[:c] {
		if !isDigit(ch) && ch != '/' {
			return v
		}
	}
	return v[c+1:]
}

// pctUTF8 reports whether the escape at data[i] ("%XX", XX ≥ 80) is one byte of a UTF-8
// character written in escapes, as URLs encode any text outside ASCII: a lead byte with
// its continuation escapes after it, or a continuation byte after another escape. "%FE"
// in "%FEED_PASSWORD%" (a Windows variable) or "%DB" in "%DB_PASS%" is no escape at all.
func pctUTF8(data []byte, i, end int) bool {
	at := func(j int) (byte, bool) {
		if j < 0 || j+2 >= end || j+2 >= len(data) || data[j] != '%' || !isHex(data[j+1]) || !isHex(data[j+2]) {
			return 0, false
		}
		return unhex(data[j+1])<<4 | unhex(data[j+2]), true
	}
	b, _ := at(i)
	cont := func(c byte) bool { return c >= 0x80 && c <= 0xbf }
	n := 0
	switch {
	case cont(b):
		p, ok := at(i - 3)
		return ok && p >= 0x80
	case b >= 0xc2 && b <= 0xdf:
		n = 1
	case b >= 0xe0 && b <= 0xef:
		n = 2
	case b >= 0xf0 && b <= 0xf4:
		n = 3
	default:
		return false
	}
	for k := 1; k <= n; k++ {
		c, ok := at(i + 3*k)
		if !ok || !cont(c) {
			return false
		}
	}
	return true
}
