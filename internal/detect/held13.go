package detect

import (
	"bytes"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// Classes the held13a evaluation split (tools/evalcorpus/held13.go: gateways, identity
// providers, MTAs, backup services, Windows command lines, brokers, build caches, log
// servers, routers, streaming, blockchain tools) showed missing or misread.

// held13Sealed reports a value written as a stored verifier or as a ciphertext whose
// key lives elsewhere, whatever name it stands under:
//
//   - MySQL's native password hash: '*' and 40 upper-case hex digits (IDENTIFIED BY
//     PASSWORD '*…', IDENTIFIED WITH mysql_native_password AS '*…');
//   - a SCRAM verifier as PostgreSQL stores it: "SCRAM-SHA-256$iterations:salt$…";
//   - IIS configuration encryption: "[enc:Provider:base64:enc]";
//   - a DPAPI blob in base64: its fixed header (version 1 and the provider GUID
//     df9d8cd0-1501-11d1-8c7a-00c04fc297eb) encodes to "AQAAANCMnd8BFdERjHoAwE/Cl+sB".
func held13Sealed(v []byte) bool {
	switch {
	case len(v) == 41 && v[0] == '*':
		for _, c := range v[1:] {
			if !isDigit(c) && (c < 'A' || c > 'F') {
				return false
			}
		}
		return true
	case hasPrefixFold(v, 0, "scram-sha-"):
		return bytes.IndexByte(v, '$') > 0 && bytes.IndexByte(v, ':') > 0
	case bytes.HasPrefix(v, []byte("[enc:")):
		return bytes.HasSuffix(v, []byte(":enc]"))
	case bytes.HasPrefix(v, []byte("AQAAANCMnd8BFdERjHoAwE/Cl+sB")):
		return b64Body(v)
	}
	return false
}

// held13Tokens are provider formats with no rule before the held13 round.
var held13Tokens = []tk{
	// Kong Konnect's personal and system account access tokens: "kpat_" or "spat_" and
	// 46 alphanumerics (Kong's documentation of Konnect access tokens).
	{id: "kong-konnect-token", title: "Kong Konnect access token", provider: "Kong", sev: finding.High,
		re: `[ks]pat_[A-Za-z0-9]{46}`, lits: []string{"kpat_", "spat_"},
		ex:  []string{`KONNECT_TOKEN=kpat_{a:46}`, `deck gateway sync kong.yaml --konnect-token spat_{a:46}`},
		nex: []string{`kpat_{a:20}`, `kpat_<your-token>`}},
	// A Twitch stream key: "live_", the channel's numeric id, '_' and 30 alphanumerics.
	{id: "twitch-stream-key", title: "Twitch stream key", provider: "Twitch", sev: finding.High,
		re: `live_[0-9]{6,12}_[A-Za-z0-9]{30}`, lits: []string{"live_"},
		ex:  []string{`{"settings":{"key":"live_{d:9}_{a:30}","service":"Twitch"}}`, `rtmp://live.twitch.tv/app/live_{d:10}_{a:30}`},
		nex: []string{`live_{d:9}_{a:12}`, `live_stream_{a:30}`}},
	// A Facebook Live stream key: "FB-", a numeric id of 15 to 17 digits, "-0-" and the
	// key proper.
	{id: "facebook-stream-key", title: "Facebook Live stream key", provider: "Facebook", sev: finding.High, prio: prioSpecific + 5,
		re: `FB-[0-9]{15,17}-[0-9]-[A-Za-z0-9_-]{24,64}`, lits: []string{"FB-"},
		ex:  []string{`rtmps://live-api-s.facebook.com:443/rtmp/FB-{d:15}-0-{a:36}`, `stream_key=FB-{d:16}-0-{a:30}`},
		nex: []string{`FB-{d:15}-0-{a:8}`, `FB-{d:6}-0-{a:36}`}},
	// An lnd macaroon in hex, as `xxd -p` and the REST API's header print it: version 2
	// (02), the location field (01 03 "lnd") and its caveats.
	{id: "lnd-macaroon", title: "Lightning (lnd) macaroon", provider: "Lightning Labs", sev: finding.High,
		re: `0201036c6e64[0-9a-f]{100,1000}`, lits: []string{"0201036c6e64"},
		ex:  []string{`0201036c6e64{h:200}`, `Grpc-Metadata-macaroon: 0201036c6e6402{h:180}`},
		nex: []string{`0201036c6e64{h:20}`, `0201036c6e64{H:200}`}},
}

// held13Det reads classes the held13a split showed missing:
//
//   - "net user NAME PASSWORD /add": Windows' account command takes the password as its
//     second positional argument;
//   - a bearer token after a backslash-escaped blank ("Authorization=Bearer\ TOKEN",
//     as .bazelrc and shell words write the blank);
//   - Exim's client_send list (": user : password") and its passwd.client lines
//     ("*.smtp.host:login:password");
//   - OpenWrt's UCI wireless key ("option key '…'" in a section that also sets the
//     encryption or the SSID);
//   - a value given as a data URI ("tokenSecretKey=data:;base64,…");
//   - a credential object that says its type ({"type": "password", … "value": "…"});
//   - a heading that names a credential file ("# /var/ossec/etc/authd.pass") over a line
//     holding one bare value;
//   - Wazuh's client.keys lines ("001 agent any <64 hex>");
//   - Uzbek's possessive "paroli" ("serverga kirish paroli …": the password of the
//     server login) directly before a value that reads as a password;
//   - a stream key: the "key" of an object whose server is an RTMP URL (OBS's
//     service.json), or a value introduced as "stream key: ".
type held13Det struct {
	password, secret *Rule
}

// held13Anchors pairs each anchor with its reader, called with the anchor's bounds.
var held13Anchors = []anchorRead[*held13Det]{
	{"net user ", (*held13Det).netUser},
	{"bearer\\ ", (*held13Det).escapedBearer},
	{"client_send", (*held13Det).clientSend},
	{"option key '", (*held13Det).uciKey},
	{"data:;base64,", (*held13Det).dataURI},
	{`"type": "password"`, (*held13Det).typedCredential},
	{`"type":"password"`, (*held13Det).typedCredential},
	{"smtp.", (*held13Det).colonTriple},
	{"# /", (*held13Det).fileHeading},
	{" any ", (*held13Det).wazuhKey},
	{`"key":"`, (*held13Det).streamKey},
	{`"key": "`, (*held13Det).streamKey},
	{"stream key: ", (*held13Det).namedStreamKey},
	{"paroli ", (*held13Det).possessivePassword},
}

func (d *held13Det) anchors() []string { return anchorLits(held13Anchors) }

func (d *held13Det) hit(sc *scanner, di, tag, at int) { readAnchor(held13Anchors, d, sc, tag, at) }

// held13Line returns the start and end of the line holding p when the line starts at
// most back bytes before p and ends at most fwd bytes after it: each reader asks only
// for the line it can use, so a long line full of anchors costs little.
func held13Line(data []byte, p, back, fwd int) (int, int, bool) {
	s := p
	for s > 0 && data[s-1] != '\n' {
		if p-s >= back {
			return 0, 0, false
		}
		s--
	}
	e := lineEnd(data, p, fwd+1)
	if e-p > fwd {
		return 0, 0, false
	}
	return s, e, true
}

func (d *held13Det) netUser(sc *scanner, at, _ int) {
	data := sc.data
	if !bytes.HasPrefix(data[at:], []byte("net user ")) || at > 0 && data[at-1] != ' ' && data[at-1] != '\n' && data[at-1] != '\t' && data[at-1] != '>' {
		return
	}
	end := lineEnd(data, at, 512)
	p := at + len("net user ")
	_, ne, _ := cmdWord(data, p, end)
	if ne <= p || data[p] == '/' {
		return
	}
	p = skipSpaces(data, ne)
	vs, ve, _ := cmdWord(data, p, end)
	if ve <= vs || data[vs] == '/' || data[vs] == '*' {
		return
	}
	if v := data[vs:ve]; strongContextPassword(v) && valueShape(v, false) {
		sc.emit(d.password, vs, ve, string(v))
	}
}

func (d *held13Det) escapedBearer(sc *scanner, at, _ int) {
	data := sc.data
	if !bytes.HasPrefix(data[at:], []byte("Bearer\\ ")) {
		return
	}
	vs := at + len("Bearer\\ ")
	ve := vs
	for ve < len(data) && is(data[ve], tokenAlphabet) {
		ve++
	}
	if v := data[vs:ve]; genericSecretValue(v) && !wordy(v) {
		sc.emit(d.secret, vs, ve, string(v))
	}
}

func (d *held13Det) clientSend(sc *scanner, at, _ int) {
	data := sc.data
	if !bytes.HasPrefix(data[at:], []byte("client_send")) || !lineStartAt(data, at) {
		return
	}
	end := lineEnd(data, at, 512)
	p := skipSpaces(data, at+len("client_send"))
	if p >= end || data[p] != '=' {
		return
	}
	p = skipSpaces(data, p+1)
	if p >= end || data[p] != ':' {
		return // the list's first item is empty: the PLAIN/LOGIN authorization identity
	}
	items := bytes.Split(data[p:end], []byte(":"))
	if len(items) != 3 {
		return
	}
	v := bytes.TrimSpace(items[2])
	vs := end - len(bytes.TrimLeft(items[2], " \t"))
	ve := vs + len(v)
	if strongContextPassword(v) && printableASCII(v) && bytes.IndexByte(v, ' ') < 0 {
		sc.emit(d.password, vs, ve, string(v))
	}
}

func (d *held13Det) uciKey(sc *scanner, at, _ int) {
	data := sc.data
	if !bytes.HasPrefix(data[at:], []byte("option key '")) || !lineStartAt(data, at) {
		return
	}
	vs := at + len("option key '")
	ve := vs
	for ve < len(data) && ve-vs < 128 && data[ve] != '\'' && data[ve] != '\n' {
		ve++
	}
	if ve >= len(data) || data[ve] != '\'' {
		return
	}
	// the section: back to its "config" line
	cs := bytes.LastIndex(data[max(0, at-600):at], []byte("config "))
	if cs < 0 {
		return
	}
	sect := data[max(0, at-600)+cs : at]
	if !bytes.HasPrefix(sect, []byte("config wifi-iface")) && !bytes.Contains(sect, []byte("option ssid ")) && !bytes.Contains(sect, []byte("option encryption ")) {
		return
	}
	if v := data[vs:ve]; len(v) >= 8 && strongContextPassword(v) {
		sc.emit(d.password, vs, ve, string(v))
	}
}

func (d *held13Det) dataURI(sc *scanner, at, _ int) {
	data := sc.data
	if at == 0 || data[at-1] != '=' && data[at-1] != '"' && data[at-1] != ' ' && data[at-1] != ':' {
		return
	}
	// the name before the operator
	q := at - 1
	for q > 0 && (data[q] == '=' || data[q] == ':' || data[q] == ' ' || data[q] == '"') && at-q < 4 {
		q--
	}
	ke := q + 1
	for q >= 0 && ke-q < maxKeyLen && (is(data[q], cWord) || data[q] == '.' || data[q] == '-') {
		q--
	}
	if q+1 >= ke {
		return
	}
	var buf [12][]byte
	var text [maxKeyLen]byte
	segs := keySegments(data[q+1:ke], buf[:0], text[:0])
	if len(segs) == 0 || !secretKey(segs) && !passwordKey(segs) {
		return
	}
	vs := at + len("data:;base64,")
	ve := vs
	for ve < len(data) && (is(data[ve], cAlnum) || data[ve] == '+' || data[ve] == '/' || data[ve] == '=') {
		ve++
	}
	if v := data[vs:ve]; len(v) >= 16 && b64Body(v) && !wordy(v) {
		sc.emit(d.secret, vs, ve, string(v))
	}
}

// typedCredential reads the "value" of the object whose "type" is "password", in the
// same object (no closing brace between them).
func (d *held13Det) typedCredential(sc *scanner, _, p int) {
	data := sc.data
	lim := min(len(data), p+400)
	w := data[p:lim]
	if i := bytes.IndexByte(w, '}'); i >= 0 {
		w = w[:i]
	}
	vs, ve, ok := jsonStringMember(data, p, w, `"value"`, lim)
	if !ok {
		return
	}
	if v := data[vs:ve]; strongContextPassword(v) {
		sc.emit(d.password, vs, ve, string(v))
	}
}

// colonTriple reads "HOST:LOGIN:PASSWORD" lines of an MTA's client password file: the
// host a mail server's name (the anchor "smtp." in it, a leading "*." allowed), the
// login a user or an address, and nothing else on the line.
func (d *held13Det) colonTriple(sc *scanner, at, _ int) {
	data := sc.data
	ls, le, ok := held13Line(data, at, 256, 300)
	if !ok {
		return
	}
	line := data[ls:le]
	f := bytes.Split(line, []byte(":"))
	if len(f) != 3 || at-ls >= len(f[0]) {
		return
	}
	host, login, v := f[0], f[1], f[2]
	if bytes.HasPrefix(host, []byte("*.")) {
		host = host[2:]
	}
	if bytes.IndexByte(host, '.') <= 0 || len(login) == 0 || len(v) == 0 {
		return
	}
	for _, c := range host {
		if !is(c, cAlnum) && c != '.' && c != '-' {
			return
		}
	}
	for _, c := range login {
		if !is(c, cWord) && c != '.' && c != '-' && c != '@' && c != '+' {
			return
		}
	}
	if bytes.ContainsAny(v, " \t") || reservedDomain(host) && !realAtDocHost(login, v) || allDigits(login) || !valueShape(v, false) {
		return // "smtp.host:587:tls" is a port and a mode
	}
	vs := le - len(v)
	if strongContextPassword(v) && printableASCII(v) {
		sc.emit(d.password, vs, le, string(v))
	}
}

// fileHeading reads "# /dir/name" over a line with one bare value, when the file's name
// says it holds a password or a secret ("authd.pass", "api.token", "ldap.secret").
func (d *held13Det) fileHeading(sc *scanner, at, _ int) {
	data := sc.data
	if !lineStartAt(data, at) {
		return
	}
	le := lineEnd(data, at, 300)
	if le-at >= 300 {
		return
	}
	path := bytes.TrimSpace(data[at+2 : le])
	if len(path) < 3 || bytes.ContainsAny(path, " \t") {
		return
	}
	base := path[bytes.LastIndexByte(path, '/')+1:]
	var buf [12][]byte
	var text [maxKeyLen]byte
	if len(base) == 0 || len(base) > maxKeyLen {
		return
	}
	segs := keySegments(base, buf[:0], text[:0])
	if len(segs) < 2 || notSecretTail[string(segs[len(segs)-1])] && string(segs[len(segs)-1]) != "txt" {
		return
	}
	pw := false
	for _, s := range segs {
		switch string(s) {
		case "pass", "password", "pw", "pwd":
			pw = true
		case "passwd", "shadow", "htpasswd":
			return // account tables: name:hash lines
		}
	}
	if !pw && !secretKey(segs) {
		return
	}
	vs := le
	for vs < len(data) && (data[vs] == '\n' || data[vs] == '\r') && vs-le < 2 {
		vs++
	}
	ve := lineEnd(data, vs, 512)
	v := data[vs:ve]
	if len(v) == 0 || bytes.ContainsAny(v, " \t:=#") {
		return
	}
	if pw && strongContextPassword(v) || genericSecretValue(v) && !wordy(v) {
		r := d.secret
		if pw {
			r = d.password
		}
		sc.emit(r, vs, ve, string(v))
	}
}

// wazuhKey reads a Wazuh client.keys line: "ID NAME any KEY", the ID digits, the key
// 64 hex digits, nothing else on the line.
func (d *held13Det) wazuhKey(sc *scanner, at, _ int) {
	data := sc.data
	ls, le, ok := held13Line(data, at, 80, 80)
	if !ok {
		return
	}
	f := bytes.Fields(data[ls:le])
	if len(f) != 4 || string(f[2]) != "any" || len(f[3]) != 64 || !allHex(f[3]) || len(f[0]) < 3 {
		return
	}
	for _, c := range f[0] {
		if !isDigit(c) {
			return
		}
	}
	sc.emit(d.secret, le-64, le, string(data[le-64:le]))
}

// streamKey reads the "key" of an object whose "server" (or "url") is an RTMP URL.
func (d *held13Det) streamKey(sc *scanner, at, vs int) {
	data := sc.data
	lo, hi := max(0, at-240), min(len(data), at+240)
	obj := data[lo:hi]
	if !bytes.Contains(obj, []byte("rtmp://")) && !bytes.Contains(obj, []byte("rtmps://")) && !bytes.Contains(obj, []byte(`"server":"auto"`)) {
		return
	}
	ve := vs
	for ve < len(data) && ve-vs < 200 && data[ve] != '"' && data[ve] != '\\' && data[ve] != '\n' {
		ve++
	}
	if ve >= len(data) || data[ve] != '"' {
		return
	}
	v := data[vs:ve]
	if len(v) < 16 || isPlaceholder(v) || templateKey(v) || bytes.ContainsAny(v, " :/") || !held13Mixed(v) {
		return
	}
	sc.emit(d.secret, vs, ve, string(v))
}

// held13HashSalt reports a salt that stands next to a stored password hash (the
// same record names its iterations or algorithm): Keycloak's secretData and other
// PBKDF2 records keep it to recompute the hash, not as a secret.
func held13HashSalt(data []byte, m rawMatch) bool {
	if m.r.ID != "generic-api-key" || m.start < 8 {
		return false
	}
	k := bytes.LastIndex(data[max(0, m.start-12):m.start], []byte("salt"))
	if k < 0 {
		return false
	}
	ls, le, ok := held13Line(data, m.start, 2048, 2048)
	if !ok {
		return false
	}
	line := data[ls:le]
	return containsFold(line, "iterations", "algorithm")
}

// namedStreamKey reads the token after "stream key: ".
func (d *held13Det) namedStreamKey(sc *scanner, _, vs int) {
	data := sc.data
	ve := vs
	for ve < len(data) && ve-vs < 200 && (is(data[ve], cAlnum) || data[ve] == '-' || data[ve] == '_') {
		ve++
	}
	if v := data[vs:ve]; genericSecretValue(v) && !wordy(v) && !isPlaceholder(v) {
		sc.emit(d.secret, vs, ve, string(v))
	}
}

// held13Mixed reports a value with both letters and digits.
func held13Mixed(v []byte) bool {
	return bytes.ContainsAny(v, "0123456789") && bytes.ContainsAny(v, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
}

func allDigits(v []byte) bool {
	for _, c := range v {
		if !isDigit(c) {
			return false
		}
	}
	return len(v) > 0
}

// possessivePassword reads the value right after Uzbek "paroli": a run of printable
// ASCII up to a blank or a clause's comma or full stop, with letters and digits, as a
// password policy asks.
func (d *held13Det) possessivePassword(sc *scanner, at, vs int) {
	data := sc.data
	if !hasPrefixFold(data, at, "paroli ") || at > 0 && is(data[at-1], cAlnum) {
		return
	}
	ve := vs
	for ve < len(data) && ve-vs < 64 && data[ve] > ' ' && data[ve] < 0x7f {
		ve++
	}
	for ve > vs && (data[ve-1] == ',' || data[ve-1] == '.' || data[ve-1] == ';') {
		ve-- // the clause's punctuation
	}
	if v := data[vs:ve]; len(v) >= 8 && held13Mixed(v) && strongContextPassword(v) && !isPlaceholder(v) {
		sc.emit(d.password, vs, ve, string(v))
	}
}

// held13PlusB64 reports a generated value that merely starts with '+', as one base64
// secret in 64 does (a percent-encoded "%2B…" in a query string decodes to it): at
// least 24 characters of the standard base64 alphabet with upper- and lower-case
// letters and digits. A concatenation ("PWD="+dir) has an identifier after its '+'.
func held13PlusB64(v []byte) bool {
	if len(v) < 24 || len(v) > 128 || v[0] != '+' {
		return false
	}
	return b64Mixed(bytes.TrimRight(v[1:], "="))
}
