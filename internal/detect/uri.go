package detect

import "bytes"

// uriDet finds passwords in the userinfo of URLs: database connection strings
// (postgres://user:pass@host/db) and any other scheme. The match is the password alone,
// so a redacted log keeps the user, host and database it names.
type uriDet struct {
	byScheme map[string]*Rule
	generic  *Rule
}

func (d *uriDet) anchors() []string { return []string{"://", `:\/\/`} }

func (d *uriDet) hit(sc *scanner, di, tag, at int) {
	data := sc.data
	// scheme
	ss := at
	for ss > 0 && at-ss < 32 && (is(data[ss-1], cAlnum) || data[ss-1] == '+' || data[ss-1] == '.' || data[ss-1] == '-') {
		ss--
	}
	if ss == at || !is(data[ss], cLower|cUpper) {
		return
	}
	var sb [32]byte
	scheme := sb[:0]
	for _, c := range data[ss:at] {
		scheme = append(scheme, lowerASCII(c))
	}
	as := at + 3
	if tag == 1 {
		as = at + 5
	}
	if ss > 0 && (data[ss-1] == '"' || data[ss-1] == '\'') {
		// the literal that holds the scheme closes before its authority does, the rest
		// joined to it (uriconcat.go)
		if qe := concatLiteralEnd(data, as, data[ss-1]); qe >= 0 {
			if ps, pe, host, ok := concatUserinfo(data, as, qe); ok {
				d.concatEmit(sc, di, scheme, ps, pe, host)
			}
			return
		}
	}
	// authority
	ae := as
	at2 := -1
	for ae < len(data) && ae-as < 512 {
		c := data[ae]
		if c == '/' || c == '?' || c == '#' || c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
			c == '"' || c == '\'' || c == '\\' || c == '<' || c == '>' || c == '`' || c == ',' {
			break
		}
		if c == '@' {
			at2 = ae
		}
		ae++
	}
	if at2 < 0 && ae < len(data) && (data[ae] == '#' || data[ae] == '?' || unencodedUserinfo(data, as, ae)) {
		// "postgres://app:Orbit12#Tundra@db/x": a password holding '#' or '?' unencoded
		// ends the authority early for a URL parser, not for the one who wrote it; so do
		// '<', '>' and ',' after "user:" ("mysql://app:Kano42&nile<@db/x").
		angles := data[ae] != '#' && data[ae] != '?'
		for q := ae + 1; q < len(data) && q-as < 256; q++ {
			c := data[q]
			if c == '/' || c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '"' || c == '\'' || c == '\\' || c == '`' || (c == '<' || c == '>') && !angles {
				break
			}
			if c == '@' {
				if angles && angleName(data[as:q]) {
					break // "user:<password>@host": a template's slot
				}
				// the last '@' before the host: "app:Orbit12#Tun@dra@db/x"
				if n := nextAtInAuthority(data, q+1, as); n > q {
					q = n
				}
				at2 = q
				ae = q + 1
				for ae < len(data) && hostByte(data[ae]) {
					ae++
				}
				break
			}
		}
	}
	if at2 >= 0 && ae < len(data) && (data[ae] == '#' || data[ae] == '?') {
		// "postgres://web:piFX@8sgf0c#86@db.lan/x": the password holds an '@' and then
		// a '#' or '?' — what follows the first '@' is no host (laterUserinfoAt)
		if n := laterUserinfoAt(data, as, at2, ae); n > at2 {
			at2 = n
			ae = n + 1
			for ae < len(data) && hostByte(data[ae]) {
				ae++
			}
		}
	}
	if at2 < 0 || at2+1 >= ae && !templateHost(data, at2+1) {
		return
	}
	colon := bytes.IndexByte(data[as:at2], ':')
	if colon <= 0 && (colon < 0 || bytes.IndexByte(data[as+1:at2], ':') >= 0) {
		// no password, or CVS's ":pserver:user@host" where the second field is the
		// access method, not a password
		return
	}
	ps, pe := as+colon+1, at2
	if pe <= ps {
		return
	}
	pw := percentDecode(iniPercent(data[ps:pe]))
	if isPlaceholder(pw) || namesItself(pw) || pairedNames(percentDecode(data[as:as+colon]), pw, data[at2+1:ae]) || !hostLike(data[at2+1:ae]) && !templateHost(data, at2+1) || demoCredentials(percentDecode(data[as:as+colon]), pw, data[at2+1:ae]) || spellsOwnURL(pw, scheme, data[at2+1:ae]) {
		return
	}
	generic := d.byScheme[string(scheme)] == nil
	r := d.byScheme[string(scheme)]
	if r == nil {
		// jdbc:postgresql://, db+postgres://
		for name, rr := range d.byScheme {
			if bytes.HasSuffix(scheme, []byte("+"+name)) || bytes.HasSuffix(scheme, []byte(":"+name)) {
				r = rr
				break
			}
		}
	}
	if r == nil {
		// Any other URL: documentation is full of "https://user:pass@host" and
		// "http://a:b@…", so a short password there is an example.
		if generic && (len(pw) < 4 || bytes.IndexByte(data[ps:pe], '@') >= 0 || containsFold(pw, "p@ss")) {
			return // an example, or "user:p@ssword@host" in a comment (or its "p%40ssword")
		}
		r = d.generic
	}
	sc.emit(r, ps, pe, string(pw))
	sc.skip[di] = pe
}

// unencodedUserinfo reports an authority that a '<', '>' or ',' ends at ae after a
// user name and ':' (as holds the authority's start): a password written with those
// characters unencoded ("mysql://mail:Gentse47&atlas<@localhost/db",
// "smb://scan:0qaa[W.+Ts,j@fs02/scan"), which the caller reads to its '@' when a host
// follows it. A port ("host:8080,") or a bare host ends no such authority: the text
// before ae must hold "user:" and a byte of the password other than a digit.
func unencodedUserinfo(data []byte, as, ae int) bool {
	if ae >= len(data) || (data[ae] != '<' && data[ae] != '>' && data[ae] != ',') {
		return false
	}
	colon := bytes.IndexByte(data[as:ae], ':')
	if colon < 0 || bytes.IndexByte(data[as+colon+1:ae], ':') >= 0 {
		return false // (an empty user is Redis's: "redis://:pw@host")
	}
	for _, c := range data[as : as+colon] {
		if !is(c, cAlnum|cDash|cDot|cUnder) && c != '%' {
			return false
		}
	}
	pw := data[as+colon+1 : ae]
	return run(pw, 0, cDigit, len(pw)) < len(pw) || len(pw) == 0 && data[ae] != ','
}

// angleName reports a userinfo (user:password) whose user or password is a name of
// letters, '_' or '-' in angle brackets ("<password>", "<db_user>"): a template's slot.
func angleName(b []byte) bool {
	for _, part := range bytes.SplitN(b, []byte(":"), 2) {
		if n := len(part); n >= 3 && part[0] == '<' && part[n-1] == '>' && run(part, 1, cLower|cUpper|cUnder|cDash, n-1) == n-1 {
			return true
		}
	}
	return false
}

// nextAtInAuthority returns the last '@' from p on that a host follows before the
// authority ends (a '/', a blank, a quote), or -1: a password holding '@' unencoded.
func nextAtInAuthority(data []byte, p, as int) int {
	last := -1
	for q := p; q < len(data) && q-as < 256; q++ {
		c := data[q]
		if c == '/' || c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '"' || c == '\'' || c == '\\' || c == '`' || c == '<' || c == '>' {
			break
		}
		if c == '@' && q+1 < len(data) && is(data[q+1], cAlnum) {
			last = q
		}
	}
	return last
}

// hostLike accepts a host[:port] or a list of them (MongoDB seed lists).
func hostLike(h []byte) bool {
	if len(h) == 0 {
		return false
	}
	for _, c := range h {
		if !hostByte(c) {
			return false
		}
	}
	return true
}

// hostByte reports a byte hostLike allows. A host is read to its end a byte at a time
// with it: reading it with hostLike over a growing slice read the host again for each
// byte, quadratic in a long run of host bytes after an '@'.
func hostByte(c byte) bool {
	return is(c, cAlnum|cDash|cDot|cUnder) || c == ':' || c == '[' || c == ']' || c == '%' || c == ';'
}

// demoCredentials reports URL credentials that cannot be a leak: a password equal to
// the user name on the machine itself ("guest:guest@localhost",
// "elastic:elastic@127.0.0.1"), a product's default for a local demo. The same password
// for a host elsewhere stays a finding: it is a weak credential in use. (Hosts under the
// names reserved for documentation, example.com, are not taken as a sign: peers' test
// cases count MongoDB's documented "…@mongodb0.example.com" strings as secrets to find.)
func demoCredentials(user, pw, host []byte) bool {
	if !bytes.Equal(user, pw) && !sameStem(user, pw) {
		return false
	}
	h := host
	if i := bytes.LastIndexByte(h, ':'); i >= 0 && bytes.IndexByte(h, ']') < i {
		h = h[:i] // port
	}
	switch {
	case bytes.EqualFold(h, []byte("localhost")), bytes.EqualFold(h, []byte("[::1]")),
		bytes.HasPrefix(h, []byte("127.")) && len(h) <= 15 && ipv4Like(h):
		return true
	}
	return false
}

// spellsOwnURL reports a password of letters that is two or more of the URL's own
// words run together, one of them a label of its host: the scheme and the service's
// name ("telnet://{call}:CMSTelnet@cms.winlink.org" — Winlink's published telnet
// password), "ftp://anon:FtpMirror@mirror.site". Such a password names the service
// it opens, as a public shared login does; a secret is not spelled from the address.
func spellsOwnURL(pw, scheme, host []byte) bool {
	if len(pw) < 6 || len(pw) > 40 || run(pw, 0, cLower|cUpper, len(pw)) < len(pw) {
		return false
	}
	if i := bytes.LastIndexByte(host, ':'); i >= 0 && bytes.IndexByte(host, ']') < i {
		host = host[:i]
	}
	var words [][]byte
	for _, l := range bytes.Split(bytes.ToLower(host), []byte(".")) {
		if len(l) >= 2 {
			words = append(words, l)
		}
	}
	nHost := len(words)
	if nHost == 0 {
		return false
	}
	if len(scheme) >= 2 {
		words = append(words, scheme)
	}
	low := bytes.ToLower(pw)
	// parts: how many words cover low[:i]; fromHost: whether a host's label is among them
	var parts [41]int8
	var fromHost [41]bool
	for i := 1; i <= len(low); i++ {
		parts[i] = -1
	}
	for i := 0; i < len(low); i++ {
		if i > 0 && parts[i] <= 0 {
			continue
		}
		for k, w := range words {
			if !bytes.HasPrefix(low[i:], w) {
				continue
			}
			j := i + len(w)
			if parts[j] < 0 || fromHost[j] == false && k < nHost {
				parts[j] = parts[i] + 1
				fromHost[j] = fromHost[i] || k < nHost
			}
		}
	}
	n := len(low)
	return parts[n] >= 2 && fromHost[n]
}

func ipv4Like(h []byte) bool {
	for _, c := range h {
		if !isDigit(c) && c != '.' {
			return false
		}
	}
	return true
}

// iniPercent undoes the doubling of '%' that Python's ConfigParser asks of an INI
// file's values (alembic.ini's sqlalchemy.url = postgresql://app:Tern%%5E41%%40@db/x):
// "%%" before two hex digits is the '%' of a percent-encoding.
func iniPercent(v []byte) []byte {
	if bytes.Index(v, []byte("%%")) < 0 {
		return v
	}
	out := make([]byte, 0, len(v))
	for i := 0; i < len(v); i++ {
		if v[i] == '%' && i+3 < len(v) && v[i+1] == '%' && isHex(v[i+2]) && isHex(v[i+3]) {
			continue // the first of "%%XX"
		}
		out = append(out, v[i])
	}
	return out
}

// userinfoTail reports an address whose local part is the tail of a URL's password: a
// percent-encoded password decoded ("https://ks:Ab%5BV@host/…" read as
// "https://ks:Ab[V@host/…") holds characters that end inURLAuthority's walk back,
// though nothing between the scheme's "//" and the "@" leaves the authority. The walk
// here stops only at what cannot stand in a URL at all (blanks, quotes, angle brackets)
// and at the query or fragment ("?", "#"), so that an address in a query string stays
// one; it needs a ":" between the "//" and the local part (user:password@).
//
// A password written raw may hold those too ("mysql://roundcube:cfBw0*yRyRz>225@host",
// "postgres://web:piFX@8sgf0c#86@host"): past blanks and quotes the walk goes on to the
// "//", and the text after it is a user and a password when its first ":" follows a
// user name of URL characters alone and does not open a port ("host:8080?to=a@b.c").
func userinfoTail(data []byte, ls int) bool {
	colon := false
	for i := ls - 1; i >= 2 && ls-i < 256; i-- {
		switch data[i] {
		case '/':
			return colon && data[i-1] == '/' && data[i-2] == ':'
		case ':':
			colon = true
		case '<', '>', '?', '#':
			return rawPasswordTail(data, i, ls)
		case ' ', '\t', '\n', '\r', '"', '\'', '`':
			return false
		}
	}
	return false
}

// rawPasswordTail is userinfoTail's walk past a character a URL's userinfo should have
// had encoded, at k: back to "scheme://" over anything but blanks, quotes and '/', then
// "user:" of URL characters, and after the ':' no port.
func rawPasswordTail(data []byte, k, ls int) bool {
	i := k
	for ; i >= 2 && ls-i < 256; i-- {
		c := data[i]
		if c == '/' {
			break
		}
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '"' || c == '\'' || c == '`' {
			return false
		}
	}
	if i < 2 || data[i] != '/' || data[i-1] != '/' || data[i-2] != ':' {
		return false
	}
	u := i + 1
	c := u
	for c < ls && data[c] != ':' {
		if !is(data[c], cAlnum) && bytes.IndexByte([]byte("-._~%!$&()*+,;="), data[c]) < 0 {
			return false // not a user name: a host and its path, or text
		}
		c++
	}
	if c == u || c >= ls {
		return false
	}
	if p := run(data, c+1, cDigit, 6); p > c+1 && p < ls && (data[p] == '?' || data[p] == '#' || data[p] == '/') {
		return false // host:port, then a query or fragment
	}
	return true
}
