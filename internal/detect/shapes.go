package detect

import "bytes"

// shapeDet reads credentials in shapes the assignment parser has no operator for:
//
//   - C and C++ macros: #define MQTT_PASSWORD "…", #define API_SECRET …;
//   - PowerShell's ConvertTo-SecureString "…" -AsPlainText, a password in clear text
//     turned into a credential object;
//   - a password echoed into a client's --password-stdin ("echo '…' | docker login
//     --password-stdin");
//   - the "Token" scheme of an Authorization header (Django REST framework and others):
//     Authorization: Token …;
//   - a generated value named in prose: "the backup token Xk29… is kept offline";
//   - session identifiers in a Cookie header (sessionid=…, PHPSESSID=…), whose name ends
//     in "id" and so reads as an identifier to the key rules.
type shapeDet struct {
	password, secret, bearer *Rule
}

var shapeAnchors = []string{"#define", "convertto-securestring", "--password-stdin", "authorization", "cookie", "token ", "secret ", "hmac", "basicauth:", "conn ", "conn: ", "connect ", "logon "}

func (d *shapeDet) anchors() []string { return shapeAnchors }

// shapeLineWindow bounds how far along its line a shape reads from its anchor: a
// command's switches and pipe stand this near, and a long line of anchors is not read
// whole again for each of them.
const shapeLineWindow = 1024

// maxCookieValue is the longest value a cookie pair is read for (browsers keep at
// most 4096 bytes a cookie); a longer run is no cookie.
const maxCookieValue = 4096

func (d *shapeDet) hit(sc *scanner, di, tag, at int) {
	if !hasPrefixFold(sc.data, at, shapeAnchors[tag]) {
		return
	}
	switch tag {
	case 0:
		d.define(sc, at+len(shapeAnchors[0]))
	case 1:
		d.secureString(sc, at+len(shapeAnchors[1]))
	case 2:
		d.passwordStdin(sc, at)
	case 3:
		d.tokenScheme(sc, at+len(shapeAnchors[3]))
	case 4:
		d.cookie(sc, at+len(shapeAnchors[4]))
	case 5, 6:
		d.proseNamed(sc, at, at+len(shapeAnchors[tag]))
	case 7:
		d.hmacKey(sc, at+len(shapeAnchors[7]))
	case 8:
		d.basicAuthRoute(sc, at+len(shapeAnchors[8]))
	case 9, 10, 11:
		d.sqlplusConnect(sc, at, at+len(shapeAnchors[tag]))
	case 12:
		d.teradataLogon(sc, at, at+len(shapeAnchors[tag])) // (dsn40.go)
	}
}

// sqlplusConnect reads SQL*Plus's CONN[ECT] user/password[@db] (also as a note's
// "-- conn: user/password"): a user name, '/', and the password up to '@', a blank,
// the line's end or the escape of one ("\n" in a notebook's JSON).
func (d *shapeDet) sqlplusConnect(sc *scanner, at, p int) {
	data := sc.data
	if at > 0 && (is(data[at-1], cWord|cDot|cDash) || data[at-1] == '/') {
		return // "db_conn ", "x.connect ": a name in code
	}
	us := skipSpaces(data, p)
	ue := us
	for ue < len(data) && ue-us < 64 && (is(data[ue], cWord) || data[ue] == '$' || data[ue] == '#') {
		ue++
	}
	if ue == us || !is(data[us], cLower|cUpper) || ue >= len(data) || data[ue] != '/' {
		return
	}
	vs := ue + 1
	ve := vs
	for ve < len(data) && ve-vs < 128 && data[ve] > ' ' && data[ve] != '@' && data[ve] != '"' && data[ve] != '\'' && data[ve] != '\\' && data[ve] != ';' {
		ve++
	}
	if ve < len(data) && data[ve] > ' ' && data[ve] != '@' && data[ve] != '\\' && data[ve] != ';' && data[ve] != '"' {
		return
	}
	if v := data[vs:ve]; humanPassword(v) && !bytes.ContainsAny(v, "/") {
		sc.emit(d.password, vs, ve, string(v))
	}
}

// basicAuthRoute reads uWSGI's internal routing action "basicauth:realm,user:password"
// (route = ^/admin basicauth:Admin Area,ops:…): the realm to the first ',', then the
// user's name and, after ':', the password to the end of the word.
func (d *shapeDet) basicAuthRoute(sc *scanner, p int) {
	data := sc.data
	end := lineEndWithin(data, p, 512)
	c := bytes.IndexByte(data[p:end], ',')
	if c < 0 {
		return
	}
	us := p + c + 1
	ue := us
	for ue < end && (is(data[ue], cWord|cDash|cDot) || data[ue] == '@') {
		ue++
	}
	if ue == us || ue >= end || data[ue] != ':' {
		return // a user without a password, or an htpasswd file's path
	}
	vs := ue + 1
	ve := vs
	for ve < end && data[ve] > ' ' {
		ve++
	}
	if v := data[vs:ve]; humanPassword(v) || randomLetters(v) && passwordValue(v) {
		sc.emit(d.password, vs, ve, string(v))
	}
}

// hmacKey reads the key an HMAC call is given as a string literal: Varnish's
// digest.hmac_sha256("…", bereq.url), Python's hmac.new(b"…", msg, sha256), Node's
// crypto.createHmac('sha256', '…'), PHP's hash_hmac('sha256', $data, '…'), Ruby's
// OpenSSL::HMAC.hexdigest('SHA256', '…', data). The key is the call's one literal
// argument that reads as generated (an algorithm's name or a message in words is not).
func (d *shapeDet) hmacKey(sc *scanner, p int) {
	data := sc.data
	// the rest of the call's name: "_sha256", ".new", ".hexdigest", "::digest"
	q := p
	for q < len(data) && q-p < 24 && (is(data[q], cWord|cDot) || data[q] == ':') {
		q++
	}
	if q >= len(data) || data[q] != '(' {
		return
	}
	end := lineEndWithin(data, q, shapeLineWindow)
	var key [2]int
	n := 0
	for r := q + 1; r < end && n < 2; {
		r = skipSpaces(data, r)
		if r < end && (data[r] == 'b' || data[r] == 'B') && r+1 < end && (data[r+1] == '"' || data[r+1] == '\'') {
			r++ // Python's bytes literal
		}
		if vs, ve, ok := quotedAt(data, r); ok && ve < end {
			if v := data[vs:ve]; len(v) >= 16 && genericSecretValue(v) && !wordy(v) && !isPlaceholder(v) && !templateKey(v) {
				key[0], key[1] = vs, ve
				n++
			}
			r = ve + 1
		} else {
			// an argument that is no literal: to the next ',' or the call's ')'
			depth := 0
			for r < end && (depth > 0 || data[r] != ',' && data[r] != ')') {
				switch data[r] {
				case '(', '[', '{':
					depth++
				case ')', ']', '}':
					depth--
				case '"', '\'':
					return // a literal inside an expression: not read
				}
				r++
			}
		}
		r = skipSpaces(data, r)
		if r >= end || data[r] == ')' {
			break
		}
		if data[r] != ',' {
			return
		}
		r++
	}
	if n == 1 {
		sc.emit(d.secret, key[0], key[1], string(data[key[0]:key[1]]))
	}
}

// quotedAt reads a '…' or "…" string starting at p on one line.
func quotedAt(data []byte, p int) (int, int, bool) {
	if p >= len(data) || data[p] != '"' && data[p] != '\'' {
		return 0, 0, false
	}
	q := data[p]
	e := p + 1
	for e < len(data) && e-p < 256 && data[e] != q && data[e] != '\n' {
		if data[e] == '\\' && q == '"' {
			return 0, 0, false // escapes: leave the string to the assignment parser
		}
		e++
	}
	if e >= len(data) || data[e] != q || e == p+1 {
		return 0, 0, false
	}
	return p + 1, e, true
}

// cStringAt reads a C string literal at p on its line, as a macro's value stands:
// the value runs to the first unescaped '"', and an escaped quote or backslash (\",
// \\) is a character of it, kept as written. A literal holding another escape
// (\n, \x41) or not closed within 256 bytes is left alone; a single-quoted value
// reads as quotedAt reads it.
func cStringAt(data []byte, p int) (int, int, bool) {
	if p >= len(data) || data[p] != '"' {
		return quotedAt(data, p)
	}
	e := p + 1
	for e < len(data) && e-p < 256 && data[e] != '"' && data[e] != '\n' {
		if data[e] == '\\' {
			if e+1 >= len(data) || data[e+1] != '"' && data[e+1] != '\\' {
				return 0, 0, false
			}
			e++
		}
		e++
	}
	if e >= len(data) || data[e] != '"' || e == p+1 {
		return 0, 0, false
	}
	return p + 1, e, true
}

// humanPassword accepts a value as a password typed into code or a command line.
func humanPassword(v []byte) bool {
	if len(v) < 6 || !passwordValue(v) || v[0] == '$' || isPlaceholder(v) || templateKey(v) {
		return false
	}
	return bytes.ContainsAny(v, "0123456789!@#$%^&*+=?~") || randomLetters(v)
}

func (d *shapeDet) define(sc *scanner, p int) {
	data := sc.data
	if p >= len(data) || data[p] != ' ' && data[p] != '\t' {
		return
	}
	ks := skipSpaces(data, p)
	ke := ks
	for ke < len(data) && ke-ks < maxKeyLen && is(data[ke], cWord) {
		ke++
	}
	if ke == ks || ke >= len(data) || data[ke] != ' ' && data[ke] != '\t' {
		return
	}
	vs, ve, ok := cStringAt(data, skipSpaces(data, ke))
	if !ok {
		// Objective-C's #define API_SECRET @"…" (altquote.go)
		if vs, ve, ok = altLiteralAt(data, skipSpaces(data, ke)); !ok {
			return
		}
	}
	var buf [12][]byte
	var text [maxKeyLen]byte
	segs := keySegments(data[ks:ke], buf[:0], text[:0])
	v := data[vs:ve]
	switch {
	case passwordKey(segs):
		if humanPassword(v) && !notAPassword(data[ks:ke], v) {
			sc.emit(d.password, vs, ve, string(v))
		}
	case secretKey(segs):
		if genericSecretValue(v) && !isPlaceholder(v) {
			sc.emit(d.secret, vs, ve, string(v))
		}
	}
}

func (d *shapeDet) secureString(sc *scanner, p int) {
	data := sc.data
	// (the switch is read within shapeLineWindow of the call: a long line of calls is
	// not read whole for each)
	ls, le := lineStartWithin(data, p, shapeLineWindow), lineEndWithin(data, p, shapeLineWindow)
	if indexFold(data[ls:le], "-asplaintext") < 0 {
		return // an encrypted standard string is not the password
	}
	q := skipSpaces(data, p)
	// the switches may come first, in any order: -AsPlainText "…" -Force,
	// -AsPlainText -Force -String '…'
	for n := 0; n < 3; n++ {
		sw := ""
		for _, w := range []string{"-asplaintext", "-force", "-string"} {
			if hasPrefixFold(data, q, w) && (q+len(w) == len(data) || !is(data[q+len(w)], cWord|cDash)) {
				sw = w
				break
			}
		}
		if sw == "" {
			break
		}
		q = skipSpaces(data, q+len(sw))
	}
	vs, ve, ok := quotedAt(data, q)
	if !ok || !humanPassword(data[vs:ve]) {
		return
	}
	sc.emit(d.password, vs, ve, string(data[vs:ve]))
}

// passwordStdin reads "echo 'secret' | client … --password-stdin".
func (d *shapeDet) passwordStdin(sc *scanner, at int) {
	data := sc.data
	// the pipe and its echo stand within shapeLineWindow before the flag
	ls := lineStartWithin(data, at, shapeLineWindow)
	line := data[ls:at]
	pipe := bytes.LastIndexByte(line, '|')
	if pipe < 0 {
		return
	}
	cmd := bytes.TrimSpace(line[:pipe])
	// the command feeding the pipe: echo or printf, after whatever precedes it on the
	// line ("run: echo '…'", "- echo '…'")
	var rest []byte
	if i := bytes.LastIndex(cmd, []byte("echo ")); i >= 0 && (i == 0 || cmd[i-1] == ' ') {
		rest = bytes.TrimSpace(cmd[i+5:])
		if bytes.HasPrefix(rest, []byte("-n ")) {
			rest = bytes.TrimSpace(rest[3:])
		}
	} else if i := bytes.LastIndex(cmd, []byte("printf ")); i >= 0 && (i == 0 || cmd[i-1] == ' ') {
		rest = bytes.TrimSpace(cmd[i+7:])
		if bytes.HasPrefix(rest, []byte("'%s'")) || bytes.HasPrefix(rest, []byte(`"%s"`)) {
			rest = bytes.TrimSpace(rest[4:])
		}
	} else {
		return
	}
	if len(rest) == 0 {
		return
	}
	base := bytes.Index(data[ls:at], rest)
	if base < 0 {
		return
	}
	vs, ve := ls+base, ls+base+len(rest)
	if s, e, ok := quotedAt(data, vs); ok && e+1 == ve {
		vs, ve = s, e
	} else if bytes.ContainsAny(rest, " \"'") {
		return
	}
	v := data[vs:ve]
	if !humanPassword(v) {
		return
	}
	sc.emit(d.password, vs, ve, string(v))
}

// tokenScheme reads "Authorization: Token …" (also quoted, as in a headers map), and
// the credentials of the other schemes that carry a key as it is: Elasticsearch's
// "ApiKey <base64 id:key>", Okta's "SSWS <token>", GoDaddy's "sso-key <key>:<secret>",
// Opsgenie's "GenieKey <uuid>" and the like. Schemes that carry a per-request signature
// or a negotiation (Digest, AWS4-HMAC-SHA256, SharedKey, Negotiate, NTLM) are not
// credentials, and Basic and Bearer have a detector of their own.
func (d *shapeDet) tokenScheme(sc *scanner, p int) {
	data := sc.data
	skip := func(p int) (int, bool) {
		sep := false
		for k := 0; p < len(data) && k < 6 && (data[p] == '"' || data[p] == '\'' || data[p] == ':' || data[p] == '=' || data[p] == ' ' || data[p] == ','); k++ {
			sep = sep || data[p] != ' '
			p++
		}
		return p, sep
	}
	p, sep := skip(p)
	if hasPrefixFold(data, p, "value") {
		p, sep = skip(p + 5) // a HAR header: "name": "Authorization", "value": "…"
	}
	if bytes.HasPrefix(data[p:], []byte("Token ")) || bytes.HasPrefix(data[p:], []byte("token ")) {
		q := skipSpaces(data, p+6)
		e, ok := schemeToken(data, q, 1024, 1030)
		if !ok {
			// "token <api key>:<api secret>" (Frappe/ERPNext): the key names the
			// account, the secret after the colon is the credential
			c := run(data, q, cURLSafe|cDot|cTilde|cPlus|cSlash, 256)
			if c < len(data) && data[c] == ':' && c-q >= 8 && d.secret != nil {
				e2 := run(data, c+1, cURLSafe|cDot|cTilde|cPlus|cSlash, 1024)
				if rightOK(data, e2) && e2-c-1 >= 12 && !isPlaceholder(data[c+1:e2]) && !identifierLike(data[c+1:e2]) &&
					(entropy(data[c+1:e2]) >= 3.0 || allHex(data[c+1:e2]) && entropy(data[c+1:e2]) >= 2.7 && !allSame(data[c+1:e2])) {
					sc.emit(d.secret, c+1, e2, string(data[c+1:e2]))
				}
			}
			return
		}
		sc.emit(d.bearer, q, e, string(data[q:e]))
		return
	}
	if !sep || p >= len(data) || !is(data[p], cLower|cUpper) {
		return // "authorization is required": prose, not a header
	}
	w := p
	for w < len(data) && w-p <= maxSchemeLen && (is(data[w], cAlnum) || data[w] == '-') {
		w++
	}
	if w-p > maxSchemeLen || w+1 >= len(data) || data[w] != ' ' || notKeyScheme(data[p:w]) {
		return
	}
	q := w + 1
	e := run(data, q, cURLSafe|cDot|cTilde|cPlus|cSlash, 1024)
	if e < len(data) && data[e] == ':' {
		// "<key>:<secret>": both halves, each a credential of its own
		e2 := run(data, e+1, cURLSafe|cDot|cTilde|cPlus|cSlash, 1024)
		if !rightOK(data, e2) || !schemeKeyPart(data[q:e]) || !schemeKeyPart(data[e+1:e2]) {
			return
		}
		sc.emit(d.secret, q, e, string(data[q:e]))
		sc.emit(d.secret, e+1, e2, string(data[e+1:e2]))
		return
	}
	for e < len(data) && data[e] == '=' && e-q < 1030 {
		e++
	}
	if e-q < 16 || !rightOK(data, e) || !schemeKeyPart(data[q:e]) {
		return
	}
	sc.emit(d.secret, q, e, string(data[q:e]))
}

// maxSchemeLen bounds an authorization scheme's name ("Klaviyo-API-Key").
const maxSchemeLen = 24

// notKeyScheme reports the authorization schemes that carry no reusable key as it is:
// signatures over the request, negotiations, and the schemes read elsewhere.
func notKeyScheme(w []byte) bool {
	switch string(bytes.ToLower(w)) {
	case "basic", "bearer", "token", "digest", "negotiate", "ntlm", "kerberos", "mutual", "hoba", "vapid", "aws", "aws4-hmac-sha256",
		"hmac", "hmac-sha1", "hmac-sha256", "hmac-sha512", "signature", "hawk", "oauth", "sharedkey", "sharedkeylite",
		"sharedaccesssignature", "client-id", "gssapi", "scram-sha-1", "scram-sha-256", "dpop", "privatetoken", "concealed":
		return true
	}
	return false
}

// schemeKeyPart: a generated credential, not a word, a name or a stand-in.
func schemeKeyPart(v []byte) bool {
	return len(v) >= 12 && classCount(v) >= 2 && entropy(v) >= 3.0 && !isPlaceholder(v) && !identifierLike(v) && generatedBody(0)(v)
}

// cookie reads the name=value pairs of a Cookie header's line and reports the values of
// session cookies.
func (d *shapeDet) cookie(sc *scanner, p int) {
	data := sc.data
	le := sc.lc.end(data, p)
	// "Cookie: a=b; c=d", and a HAR header: "name": "Cookie", "value": "a=b; c=d"
	skip := func(q int) int {
		for k := 0; q < le && k < 8 && !is(data[q], cAlnum) && data[q] != '_'; k++ {
			q++
		}
		return q
	}
	q := skip(p)
	if q == p {
		return // "cookies", "cookie_jar"
	}
	if hasPrefixFold(data, q, "value") {
		q = skip(q + 5)
	}
	for n := 0; q < le && n < 32; n++ {
		ns := q
		for q < le && q-ns <= maxCookieValue && data[q] != '=' && data[q] != ';' && data[q] != '"' && data[q] != ' ' {
			q++
		}
		if q >= le || data[q] != '=' {
			return
		}
		name := data[ns:q]
		vs := q + 1
		ve := vs
		for ve < le && data[ve] != ';' && data[ve] != '"' && data[ve] != ' ' && data[ve] != '\'' {
			if ve-vs > maxCookieValue {
				return
			}
			ve++
		}
		if sessionCookie(name) {
			v := data[vs:ve]
			if len(v) >= 20 && !isPlaceholder(v) && classCount(v) >= 2 && entropy(v) >= 3.5 {
				sc.emit(d.secret, vs, ve, string(v))
			}
		}
		q = ve
		if q >= le || data[q] != ';' {
			return
		}
		q = skipSpaces(data, q+1)
	}
}

// sessionCookie names the cookies that carry a session: sessionid, PHPSESSID,
// JSESSIONID, connect.sid, _myapp_session, laravel_session.
func sessionCookie(name []byte) bool {
	return containsFold(name, "sess", "sid") && len(name) <= 40
}

// messageIDHeader reports whether the address starting at ls stands in a mail header
// that names messages, not people: Message-ID, In-Reply-To, References, Content-ID
// ("Message-ID: <5f3c…@mail.example>").
func messageIDHeader(data []byte, ls int) bool {
	if ls == 0 || data[ls-1] != '<' {
		return false // message ids stand in angle brackets
	}
	s := lineStartWithin(data, ls, 1024)
	if s == max(0, ls-1024) && s > 0 {
		return false // no line start within reach
	}
	for _, h := range []string{"message-id:", "in-reply-to:", "references:", "content-id:", "x-message-id:", "resent-message-id:"} {
		if hasPrefixFold(data, s, h) {
			return true
		}
	}
	// Mid-line, quoted in prose or a log: "… Message-ID <id@host>", "message-id: <…>".
	b := ls - 1
	for b > s && (data[b-1] == ' ' || data[b-1] == ':') {
		b--
	}
	return b-s >= len("message-id") && hasPrefixFold(data, b-len("message-id"), "message-id")
}

// inURLAuthority reports whether offset ls lies in the authority of a URL
// ("https://deploy:p%40ss@git.internal/…"): the text back to "://" has no '/', space
// or quote. Its user information is a credential, not an address.
func inURLAuthority(data []byte, ls int) bool {
	for i := ls - 1; i >= 2 && ls-i < 256; i-- {
		switch data[i] {
		case '/':
			return data[i-1] == '/' && data[i-2] == ':'
		case ' ', '\t', '\n', '"', '\'', '<', '>', '(', '[', '{', ',', ';', '=', '&', '?', '#':
			return false
		}
	}
	return false
}

// proseField reports whether a field's value is running text: three or more words
// separated by spaces, of which at least two hold letters.
func proseField(data []byte, vs, ve int) bool {
	words, lettered := 0, 0
	in, letter := false, false
	for i := vs; i < ve && i-vs < 4096; i++ {
		c := data[i]
		if c == ' ' || c == '\t' || c == '\n' {
			if in {
				words++
				if letter {
					lettered++
				}
			}
			in, letter = false, false
			continue
		}
		in = true
		if is(c, cLower|cUpper) || c >= 0x80 {
			letter = true
		}
	}
	if in {
		words++
		if letter {
			lettered++
		}
	}
	return words >= 3 && lettered >= 2
}

// proseNamed reads "token VALUE" and "secret VALUE" in running text. With no operator
// to say a value follows, only a plainly generated one counts: 24 or more characters
// mixing lower case, upper case and digits with a random string's entropy.
func (d *shapeDet) proseNamed(sc *scanner, at, p int) {
	data := sc.data
	if at > 0 && !(data[at-1] == ' ' || data[at-1] == '\t') {
		return // "api_token ", "BearerToken ": the key rules read those
	}
	e := run(data, p, cAlnum|cDash|cUnder, 129)
	if e-p < 24 || e-p > 128 || !rightOK(data, e) || e < len(data) && (data[e] == '.' && e+1 < len(data) && is(data[e+1], cAlnum) || data[e] == '/' || data[e] == '(') {
		return
	}
	v := data[p:e]
	if classCount(v) < 3 || entropy(v) < 4.0 || isPlaceholder(v) || identifierLike(v) {
		return
	}
	sc.emit(d.secret, p, e, string(v))
}
