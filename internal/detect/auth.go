package detect

import (
	"bytes"
	"encoding/base64"
	"unicode/utf8"
)

// jwtDet finds JSON Web Tokens: three base64url segments whose first decodes to a JSON
// header naming an algorithm.
type jwtDet struct{ rule *Rule }

func (d *jwtDet) anchors() []string { return []string{"eyJ"} }

const maxJWT = 16 << 10

func (d *jwtDet) hit(sc *scanner, di, tag, at int) {
	data := sc.data
	if !bytes.HasPrefix(data[at:], []byte("eyJ")) || !leftOK(data, at) {
		return
	}
	h := run(data, at, cURLSafe, maxJWT)
	// A later "eyJ" inside this run ends where this one does: it cannot do better.
	sc.skip[di] = h
	if h >= len(data) || data[h] != '.' || h-at < 10 {
		d.wrapped(sc, di, at)
		return
	}
	p := run(data, h+1, cURLSafe, maxJWT)
	if p >= len(data) || data[p] != '.' || p-h-1 < 4 {
		return
	}
	s := run(data, p+1, cURLSafe, maxJWT)
	if s-p-1 < 16 || !rightOK(data, s) && !(s < len(data) && data[s] == '.') {
		return
	}
	var buf [256]byte
	hdr := data[at:h]
	if len(hdr) > 340 {
		return
	}
	n, err := base64.RawURLEncoding.Decode(buf[:], hdr)
	// the header is a JSON object naming its algorithm: one that breaks off before
	// the object closes ('{"alg":"HS256","typ%B'…, a sample with characters dropped
	// from the middle of its first part) is no token a server issued
	if err != nil || !bytes.Contains(buf[:n], []byte(`"alg"`)) || !jwtHeaderCloses(buf[:n]) {
		return
	}
	if !bytes.HasPrefix(data[h+1:], []byte("eyJ")) {
		return
	}
	sc.emit(d.rule, at, s, string(data[at:s]))
	sc.skip[di] = s
}

// jwtHeaderCloses reports a decoded JWT header that closes its object: '}' after
// any trailing blanks.
func jwtHeaderCloses(h []byte) bool {
	h = bytes.TrimRight(h, " \t\r\n")
	return len(h) > 0 && h[len(h)-1] == '}'
}

// authDet finds HTTP Authorization credentials: "Basic <base64 user:password>" and
// "Bearer <token>", in headers, curl command lines and logged request objects.
type authDet struct{ basic, bearer *Rule }

func (d *authDet) anchors() []string { return []string{"basic", "bearer", "authorization"} }

// schemeGap skips the space between the scheme word and the credentials: spaces, an
// encoded space (%20) or a form-encoded one (+).
func schemeGap(data []byte, p int) int {
	q := p
	for q < len(data) && q-p < 4 {
		switch {
		case data[q] == ' ':
			q++
		case data[q] == '+' && q == p:
			q++
		case data[q] == '%' && q+2 < len(data) && data[q+1] == '2' && data[q+2] == '0':
			q += 3
		default:
			return q
		}
	}
	return q
}

func (d *authDet) hit(sc *scanner, di, tag, at int) {
	if tag == 2 {
		d.bare(sc, at)
		return
	}
	data := sc.data
	word := 5
	if tag == 1 {
		word = 6
	}
	// "Basic" with a capital or all caps; "basic" in running text is too common a word.
	if !leftOK(data, at) || data[at] != 'B' && data[at] != 'b' {
		return
	}
	p := at + word
	q := schemeGap(data, p)
	if q == p || q >= len(data) {
		return
	}
	if tag == 0 {
		e := run(data, q, cB64, 4096)
		for e < len(data) && data[e] == '=' && e-q < 4100 {
			e++
		}
		if e-q < 8 || !rightOK(data, e) {
			return
		}
		enc := data[q:e]
		var buf [3200]byte
		n, err := base64.StdEncoding.Decode(buf[:], enc)
		if err != nil {
			n, err = base64.RawStdEncoding.Decode(buf[:], bytes.TrimRight(enc, "="))
			if err != nil {
				return
			}
		}
		dec := buf[:n]
		c := bytes.IndexByte(dec, ':')
		if c < 0 || c == len(dec)-1 || !utf8.Valid(dec) || bytes.ContainsAny(dec, "\x00\r\n\t") {
			return
		}
		if isPlaceholder(dec[c+1:]) || isPlaceholder(dec) {
			return
		}
		sc.emit(d.basic, q, e, string(dec))
		sc.skip[di] = e
		return
	}
	if v := bearerVerbEnd(data, q); v > q {
		// "Bearer %@" or "Bearer {}" in a format string: the token is the literal passed
		// for the placeholder (stringWithFormat:@"Bearer %@", @"…"; "Bearer {}".format("…"))
		fa, ok := formatArg(data, assignment{keyStart: at, keyEnd: p, valStart: q, valEnd: v})
		if !ok {
			return
		}
		if e, ok := schemeToken(data, fa.valStart, 4096, 4100); ok && e == fa.valEnd {
			sc.emit(d.bearer, fa.valStart, e, string(data[fa.valStart:e]))
		}
		return
	}
	e, ok := schemeToken(data, q, 4096, 4100)
	if !ok {
		return
	}
	sc.emit(d.bearer, q, e, string(data[q:e]))
	sc.skip[di] = e
}

// bare reads an Authorization header whose value is the credential itself, with no
// scheme word before it: many APIs take their key that way ("Authorization: <key>",
// {"Authorization": "<key>"}, curl -H 'Authorization: <key>'). The header's name must be
// followed by its colon and the value must be the whole rest of the header (up to its
// quote, the end of the line or a separator): a word followed by more text is a scheme
// ("Digest username=…", "AWS4-HMAC-SHA256 Credential=…") that other readers handle.
// The value passes the same test as a Bearer token's (schemeToken: 16 characters or
// more, two character classes, random-looking, no placeholder).
func (d *authDet) bare(sc *scanner, at int) {
	data := sc.data
	if !leftOK(data, at) {
		return
	}
	p := at + len("authorization")
	var quote byte
	if p < len(data) && (data[p] == '"' || data[p] == '\'') {
		quote = data[p] // the name's closing quote: the value must be quoted too
		p++
	}
	for p < len(data) && data[p] == ' ' {
		p++
	}
	if p >= len(data) || data[p] != ':' {
		return
	}
	p++
	for p < len(data) && (data[p] == ' ' || data[p] == '\t') {
		p++
	}
	var open byte
	if p < len(data) && (data[p] == '"' || data[p] == '\'') {
		open = data[p]
		p++
	} else if quote != 0 {
		return // {"Authorization": token}: a variable's name, not its value
	}
	e, ok := schemeToken(data, p, 4096, 4100)
	if !ok {
		return
	}
	// the value ends the header
	q := e
	for q < len(data) && (data[q] == ' ' || data[q] == '\t') {
		q++
	}
	switch {
	case open != 0:
		if q != e || q >= len(data) || data[q] != open {
			return
		}
	case q < len(data) && data[q] != '\n' && data[q] != '\r' && (q != e || !bytes.ContainsRune([]byte(",;}'\"\\"), rune(data[q]))):
		// (a quote or a backslash closes a header written inside a string:
		// -H 'Authorization: …', "Authorization: …\r\n")
		return
	}
	sc.emit(d.bearer, p, e, string(data[p:e]))
}

// schemeToken reads the opaque credentials of an authorization scheme (Bearer, Token)
// starting at q, at most max bytes, then base64 padding while the whole stays under
// padded bytes, and returns where they end;
// ok is false when they are too short, run into a word, or look made up (a placeholder,
// one character class, low entropy).
func schemeToken(data []byte, q, max, padded int) (e int, ok bool) {
	e = run(data, q, cURLSafe|cDot|cTilde|cPlus|cSlash, max)
	for e < len(data) && data[e] == '=' && e-q < padded {
		e++
	}
	if e-q < 16 || !rightOK(data, e) {
		return e, false
	}
	tok := data[q:e]
	// a qualified name of words ("bearer authn.AuthConfig", a struct field's type) is code
	return e, !isPlaceholder(tok) && classCount(tok) >= 2 && entropy(tok) >= 3.0 && !identifierLike(tok)
}

// maxWrapped bounds a base64-wrapped JSON document decoded and scanned.
const maxWrapped = 8 << 10

// wrapped reads a JSON document written in base64 ("eyJ" is the encoding of `{"`): a
// configuration passed through an environment variable or a secret store
// (CONFIG_B64=eyJ1c2VyIjoi…). The decoded document is scanned once (not again for
// documents within it); each secret found in it is reported over the whole base64 text
// (over the characters that encode it when there are several: b64Span), with the
// decoded secret as its value.
func (d *jwtDet) wrapped(sc *scanner, di, at int) {
	data := sc.data
	if sc.depth > 0 {
		return
	}
	end := run(data, at, cB64, maxWrapped)
	if end-at >= maxWrapped {
		// a long document: decoded window by window
		end = run(data, at, cB64, -1)
		for k := 0; k < 2 && end < len(data) && data[end] == '='; k++ {
			end++
		}
		sc.skip[di] = end
		if end < len(data) && (is(data[end], cWord) || data[end] == '.') {
			return
		}
		sub := sc.e.pool.Get().(*scanner)
		sub.depth = sc.depth + 1
		sc.base64Long(sub, at, end)
		sub.depth = 0
		sc.e.pool.Put(sub)
		return
	}
	if end-at < 24 {
		return
	}
	for k := 0; k < 2 && end < len(data) && data[end] == '='; k++ {
		end++
	}
	sc.skip[di] = end
	if end < len(data) && (is(data[end], cWord) || data[end] == '.') {
		return
	}
	enc := bytes.TrimRight(data[at:end], "=")
	dec := make([]byte, base64.RawStdEncoding.DecodedLen(len(enc)))
	n, err := base64.RawStdEncoding.Decode(dec, enc)
	if err != nil || n < 8 || dec[n-1] != '}' && dec[n-2] != '}' {
		return
	}
	dec = dec[:n]
	for _, c := range dec {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' {
			return // binary, not a document
		}
	}
	sub := sc.subScan(nil, dec)
	sc.emitB64Secrets(sub, at, end)
	sc.putSub(sub)
}

// bearerVerbEnd returns the end of a format placeholder at q that closes its string
// literal ("Bearer %@\"", "Bearer {}'"), or q.
func bearerVerbEnd(data []byte, q int) int {
	for _, v := range []string{"%@", "%s", "%v", "{}", "{0}", "{1}"} {
		if bytes.HasPrefix(data[q:], []byte(v)) && q+len(v) < len(data) && (data[q+len(v)] == '"' || data[q+len(v)] == '\'') {
			return q + len(v)
		}
	}
	return q
}
