package detect

import (
	"bytes"
	"net/netip"
	"strings"
)

// reservedV4 reports addresses no visitor has: shared address space (100.64/10),
// documentation ranges and benchmarking.
func reservedV4(a netip.Addr) bool {
	for _, p := range reservedPrefixes {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

var reservedPrefixes = []netip.Prefix{
	netip.MustParsePrefix("100.64.0.0/10"), netip.MustParsePrefix("192.0.2.0/24"),
	netip.MustParsePrefix("198.51.100.0/24"), netip.MustParsePrefix("203.0.113.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"), netip.MustParsePrefix("127.0.0.0/8"),
}

// emailDet finds e-mail addresses around each '@'.
type emailDet struct{ rule *Rule }

// The '@' of an address may be written as a URL escape, in HTML as a character
// reference ("name&#64;host", "&#x40;", "&commat;"), or as a string literal's escape
// outside JSON (where the JSON reader has not undone it): "name\u0040host" in
// JavaScript or Java, "name\x40host" in C, Python or PHP.
var emailAtForms = []string{"@", "%40", "&#64;", "&#x40;", "&commat;", `\u0040`, `\x40`}

func (d *emailDet) anchors() []string { return emailAtForms }

const cLocal = cAlnum | cDot | cUnder | cPlus | cDash

func (d *emailDet) hit(sc *scanner, di, tag, at int) {
	data := sc.data
	sepLen := 1
	if tag > 0 {
		// "%40": an address in a URL-encoded query string; "&#64;": in HTML
		if !hasPrefixFold(data, at, emailAtForms[tag]) {
			return
		}
		sepLen = len(emailAtForms[tag])
	}
	ls := runBack(data, at, cLocal, 64)
	// An escape sequence right before the address: "\nname@…", "\u003cname@…".
	if ls > 0 && data[ls-1] == '\\' && ls < at {
		if data[ls] == 'u' && ls+5 <= at && isHex(data[ls+1]) && isHex(data[ls+2]) && isHex(data[ls+3]) && isHex(data[ls+4]) {
			ls += 5
		} else {
			ls++
		}
	} else if ls+3 <= at && data[ls] == '%' && escapeBefore(data, ls+3) == 3 {
		ls += 3
	}
	for ls < at && (data[ls] == '.' || data[ls] == '-' || data[ls] == '+') {
		ls++
	}
	if ls == at || data[at-1] == '.' {
		return
	}
	if messageIDHeader(data, ls) || inURLAuthority(data, ls) || userinfoTail(data, ls) {
		return
	}
	// The userinfo of a URL (scheme://user:pass@host) is not an address.
	// A double colon ends no user name: AutoHotkey's hotstring "::;em::name@host" and
	// other "label::value" notations.
	if ls > 0 && (data[ls-1] == ':' && !(ls > 1 && data[ls-2] == ':') && !hasPrefixFold(data, ls-7, "mailto") && !mailProperty(data, ls-1) || data[ls-1] == '/') {
		return // (but "mailto:name@host" and "EMAIL;TYPE=work:name@host" are addresses)
	}
	// domain
	p := at + sepLen
	labels := 0
	lastLabel := p
	for {
		q := run(data, p, cAlnum|cDash, 63)
		if q == p || data[p] == '-' || data[q-1] == '-' {
			break
		}
		labels++
		lastLabel = p
		p = q
		if p+1 < len(data) && data[p] == '.' && is(data[p+1], cAlnum) {
			p++
			continue
		}
		break
	}
	end := p
	if labels < 2 || end-at > 254 || !rightOK(data, end) {
		return
	}
	tld := data[lastLabel:end]
	if len(tld) < 2 || len(tld) > 24 {
		return
	}
	for _, c := range tld {
		if !is(c, cLower|cUpper) {
			return
		}
	}
	if reservedDomain(data[at+sepLen:end]) || fileExt(tld) || machineDomain(data[at+sepLen:end]) || roleMailbox(data[ls:at]) {
		return
	}
	if sepLen == 1 && scpRemote(data, ls, at, end) {
		return
	}
	if sepLen == 3 || data[at] == '\\' {
		sc.emit(d.rule, ls, end, string(data[ls:at])+"@"+string(data[at+sepLen:end]))
		sc.skip[di] = end
		return
	}
	sc.emit(d.rule, ls, end, string(data[ls:end]))
	sc.skip[di] = end
}

// roleMailbox reports the local part of an address that names a function, a service
// or a bot, not a person: the mailboxes of RFC 2142 and their kin (postmaster@,
// abuse@, webmaster@), no-reply senders (noreply@, do-not-reply@,
// mailer-daemon@, bounces+…@), alerting and notification senders (alerts@,
// notifications@, alertmanager@), service and robot accounts (svc_…@, deployer@,
// etl@, build-bot@, "dependabot[bot]@"). Such an address reaches whoever holds the
// role: it is no one's personal data. The first word decides ("helpdesk-emea",
// "noreply.billing", "svc_payments").
func roleMailbox(local []byte) bool {
	if len(local) == 0 || len(local) > 64 {
		return false
	}
	var buf [64]byte
	low := buf[:0]
	for _, c := range local {
		low = append(low, lowerASCII(c))
	}
	if bytes.Contains(low, []byte("[bot]")) {
		return true
	}
	if i := bytes.IndexByte(low, '+'); i > 0 {
		low = low[:i] // a sub-address tag: "bounces+12345@", "support+billing@"
	}
	joined := make([]byte, 0, len(low))
	for _, c := range low {
		if c != '.' && c != '-' && c != '_' {
			joined = append(joined, c)
		}
	}
	for _, p := range []string{"noreply", "donotreply", "dontreply", "mailerdaemon"} {
		if bytes.HasPrefix(joined, []byte(p)) {
			return true
		}
	}
	segs := bytes.FieldsFunc(low, func(r rune) bool { return r == '.' || r == '-' || r == '_' })
	if len(segs) == 0 {
		return false
	}
	first := string(segs[0])
	return roleWords[first] || serviceAccountWords[first] || len(segs) > 1 && serviceAccountPrefixes[first]
}

// roleWords are the first words of mailboxes that only a function holds: the
// infrastructure mailboxes of RFC 2142, bounce handlers, alerting and notification
// senders, service desks. Business mailboxes (info@, sales@, support@, admin@) are
// not among them: at a small firm one person reads them, and a login may be one.
var roleWords = map[string]bool{
	"postmaster": true, "hostmaster": true, "webmaster": true, "abuse": true, "noc": true, "usenet": true,
	"bounce": true, "bounces": true, "alerts": true, "alert": true, "alerting": true, "alertmanager": true,
	"notifications": true, "notification": true, "notify": true, "notifier": true, "newsletter": true,
	"digest": true, "monitoring": true, "nagios": true, "zabbix": true, "pagerduty": true,
	"helpdesk": true, "servicedesk": true,
}

// serviceAccountWords are local parts of accounts that programs send from
// ("deployer", "jenkins"); serviceAccountPrefixes begin them before a name of the
// program ("svc_ledger", "app-billing", "sync_crm").
var serviceAccountWords = map[string]bool{
	"bot": true, "robot": true, "ci": true, "cicd": true, "jenkins": true, "deployer": true, "builder": true,
	"automation": true, "daemon": true, "cron": true, "etl": true, "scanner": true, "runner": true,
}

var serviceAccountPrefixes = map[string]bool{"svc": true, "srv": true, "app": true, "sync": true, "bot": true,
	"ci": true, "deploy": true, "build": true, "etl": true, "cron": true, "batch": true, "backup": true}

// scpRemote reports "user@host:path", the remote of git, scp and rsync over SSH
// ("git@github.com:team/app.git", "deploy@web1.example:/var/www"): an account on a
// host, not a mailbox. The path after the colon must read as one — it starts with '/'
// or '~', or holds a '/' with the account "git" or a ".git" ending — so that a leaked
// "name@mail.example:Password1" line keeps its address.
func scpRemote(data []byte, ls, at, end int) bool {
	if end+1 >= len(data) || data[end] != ':' {
		return false
	}
	pe := end + 1
	for pe < len(data) && pe-end < 512 && data[pe] > ' ' && data[pe] != '"' && data[pe] != '\'' && data[pe] != ',' && data[pe] < 0x7f {
		pe++
	}
	path := data[end+1 : pe]
	if len(path) == 0 {
		return false
	}
	if path[0] == '/' || path[0] == '~' {
		return true
	}
	if bytes.IndexByte(path, '/') < 0 {
		return false
	}
	return string(data[ls:at]) == "git" || bytes.HasSuffix(path, []byte(".git")) || bytes.HasSuffix(path, []byte(".git/"))
}

func reservedDomain(dom []byte) bool {
	var buf [256]byte
	low := buf[:0]
	for _, c := range dom {
		low = append(low, lowerASCII(c))
	}
	for _, d := range []string{"example.com", "example.org", "example.net", "localhost", "domain.com", "email.com", "yourdomain.com"} {
		if string(low) == d || bytes.HasSuffix(low, []byte("."+d)) {
			return true
		}
	}
	for _, t := range []string{".example", ".test", ".invalid", ".localhost", ".local"} {
		if bytes.HasSuffix(low, []byte(t)) {
			return true
		}
	}
	return false
}

// machineDomain reports the domains whose addresses name service accounts, not
// people: Google Cloud's "name@project.iam.gserviceaccount.com" and App Engine's
// "project@appspot.gserviceaccount.com".
func machineDomain(dom []byte) bool {
	return len(dom) > len("gserviceaccount.com") && containsFold(dom[len(dom)-len(".gserviceaccount.com"):], ".gserviceaccount.com")
}

// mailProperty reports whether the colon at c ends a property name that says an
// address follows, with no URL scheme before it: vCard's "EMAIL;TYPE=work:",
// "E-Mail:" glued to its value.
func mailProperty(data []byte, c int) bool {
	s := c
	for s > 0 && c-s < 64 && data[s-1] != ' ' && data[s-1] != '\t' && data[s-1] != '\n' && data[s-1] != '"' && data[s-1] != '\'' {
		s--
	}
	name := data[s:c]
	if len(name) == 0 || bytes.IndexByte(name, '/') >= 0 {
		return false
	}
	return containsFold(name, "mail") || addressProperty[string(bytes.ToLower(name))]
}

// addressProperty are the names that a colon joins to an address: Exchange's and
// Active Directory's proxyAddresses ("SMTP:name@host"), X12's and other formats'
// communication qualifier "EM", and the message headers written without a blank
// ("To:name@host"). (Not SIP URIs: "sip:12345678@provider" is a number's address.)
var addressProperty = map[string]bool{"smtp": true, "em": true, "to": true, "from": true,
	"cc": true, "bcc": true, "reply-to": true, "sender": true, "contact": true}

func fileExt(tld []byte) bool {
	switch string(bytes.ToLower(tld)) {
	case "png", "jpg", "jpeg", "gif", "svg", "webp", "css", "js", "ts", "map", "ico", "json", "html", "txt", "md":
		return true
	}
	return false
}

// phoneDet finds international phone numbers written with their country code:
// "+1 415-555-0134", "+86 139 1234 5678", "+44 7700 900123", "+4915123456789".
type phoneDet struct{ rule *Rule }

func (d *phoneDet) anchors() []string { return phoneAnchors }

// phoneAnchors: the international "+" form, its form-encoded "%2B", and the words that
// name a phone in running text before a number in its national format.
var phoneAnchors = append([]string{"+0", "%2b0"}, phoneProseWords...)

// phoneProseWords name a phone in text ("Tel. 030 1234567", "電話 090-8237-4131",
// "телефон 8 (912) 345-67-89"); the words' own endings ("telefon", "telephone",
// "電話番号", "电话号码") are read past.
var phoneProseWords = []string{"tel", "phone", "mobil", "handy", "fax", "tlf", "puh", "gsm", "cell", "celular", "natel",
	"tél", "móvil", "telemóvel", "電話", "电话", "手机", "手機", "携帯", "전화", "휴대폰", "핸드폰", "телефон", "Телефон", "тел", "Тел",
	"τηλ", "Τηλ", "هاتف", "טלפון"}

// latinWord reports a phone word written in ASCII letters alone: its whole word is
// checked (phoneProseWord). ("tél", "móvil" are not; their endings are read like
// those of words in other scripts.)
func latinWord(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] >= 0x80 {
			return false
		}
	}
	return true
}

func (d *phoneDet) hit(sc *scanner, di, tag, at int) {
	data := sc.data
	if tag == 1 {
		d.formEncoded(sc, di, at)
		return
	}
	if tag >= 2 {
		d.prose(sc, di, tag, at, at+len(phoneAnchors[tag]))
		return
	}
	if data[at] != '+' || at+1 >= len(data) || data[at+1] == '0' {
		return
	}
	if at > 0 {
		c := data[at-1]
		if (is(c, cWord) && escapeBefore(data, at) == 0) || c == '/' || c == '+' || c == '.' || c == '-' || isDigit(c) {
			return
		}
		// "x=+4930…" is arithmetic or an offset unless the key names a phone
		// ("tel=+44…", "?phone=%2B81…" once decoded).
		if c == '=' && !keyBeforeHas(data, at, phoneKeyWords) {
			return
		}
	}
	digits, nd, end, ok := phoneRun(data, at+1, at+24, true, func(q, nd int) int {
		if nd > 0 && (data[q] == ' ' || data[q] == '-' || data[q] == '.') {
			return 1
		}
		return 0
	})
	if !ok || end < len(data) && (is(data[end], cWord) || (data[end] == '.' || data[end] == '-') && end+1 < len(data) && isDigit(data[end+1])) ||
		!phoneOK(digits[:nd]) || timestampDigits(digits[:nd]) || dummyDigits(digits[:nd]) {
		d.beforeNextField(sc, di, at) // (fixedwidth.go)
		return
	}
	sc.emit(d.rule, at, end, string(data[at:end]))
	sc.skip[di] = end
}

// prose reads a number in its national format after a word that names a phone, where
// no key separator (the key-value reader's domain) stands between them ("電話 090-8237-4131", "Tel 0151 2345678"): the
// word is the only sign that the number is a phone, so the number must have a
// phone's national shape (nationalPhone) and end the phrase.
func (d *phoneDet) prose(sc *scanner, di, tag, at, we int) {
	data := sc.data
	latin := latinWord(phoneAnchors[tag])
	if at > 0 && data[at] < 0x80 && (is(data[at-1], cAlnum) && !(data[at] == 'p' && at >= 3)) {
		return // "hotel", "intel"; "telephone", "smartphone" keep their "phone"
	}
	p := we
	// the word's ending: letters ("telefon", "Mobilnummer") or, after a word in another
	// script, more of that script ("電話番号", "телефона")
	for p < len(data) && p-we < 16 && (is(data[p], cLower|cUpper) || data[p] >= 0x80 && !latin) {
		p++
	}
	if latin && (p < len(data) && data[p] >= 0x80 || !phoneProseWord(data[at:p])) {
		return
	}
	q := p
	for q < len(data) && q-p < 6 && (data[q] == ' ' || data[q] == '\t' || data[q] == '.' || data[q] == '#' || data[q] == ':' && latin) {
		q++
	}
	// a full-width colon or an ideographic comma after a CJK word
	for q+3 <= len(data) && (string(data[q:q+3]) == "：" || string(data[q:q+3]) == "、") {
		q += 3
	}
	// A few words may stand between the word and the number in the same clause ("My
	// mobile while away: 040 693 0449", "Telephone conference with claimant at 06-…").
	if latin && q > we && q < len(data) && is(data[q], cLower|cUpper) {
		q = phoneClauseWords(data, q)
	}
	// Only a number with its trunk prefix ("030 …", "090-…", "8 (912) …") is read: a
	// North American "317-278-4100" after "phone" is left to a key that names it.
	// A number that starts with its area code in parentheses is read too.
	if q == we || q >= len(data) || data[q] != '0' && data[q] != '8' && data[q] != '(' {
		return
	}
	e := q
	for e < len(data) && e-q < 24 && (isDigit(data[e]) || data[e] == ' ' || data[e] == '-' || data[e] == '.' || data[e] == '/' || data[e] == '(' || data[e] == ')') {
		e++
	}
	for e > q && !isDigit(data[e-1]) {
		e--
	}
	if !rightOK(data, e) || e < len(data) && is(data[e], cAlnum) {
		return
	}
	// (in parentheses a two-digit area code only, Brazil's "(11) 93687-7395": a North
	// American "(412) 268-7395" after "fax:" is an office's line in a licence text)
	if !nationalPhone(data[q:e]) || !phoneGroupsOK(data[q:e]) || data[q] == '(' && (e-q < 4 || data[q+3] != ')') {
		return
	}
	sc.emit(d.rule, q, e, string(data[q:e]))
	sc.skip[di] = e
}

// phoneClauseWords reads past up to five short words in Latin letters (a colon may end
// the last) from q and returns where the number would start, or q when no number
// follows them on the line.
func phoneClauseWords(data []byte, q int) int {
	p := q
	for n := 0; n < 5; n++ {
		w := run(data, p, cLower|cUpper, 13)
		if w == p || w-p > 12 || w < len(data) && (is(data[w], cDigit) || data[w] >= 0x80) {
			return q
		}
		p = w
		if p < len(data) && data[p] == ':' {
			p++
		}
		if p >= len(data) || data[p] != ' ' {
			return q
		}
		for p < len(data) && data[p] == ' ' {
			p++
		}
		if p < len(data) && (data[p] == '0' || data[p] == '(') {
			return p
		}
	}
	return q
}

// phoneGroupsOK: the groups of a number in prose have two digits or more ("0151
// 2345678", "090-8237-4131"), but for a trunk "8" or a code in parentheses — not a
// row of single digits ("cell 0 1 2 3 4 5 6").
func phoneGroupsOK(v []byte) bool {
	n, groups := 0, 0
	for i := 0; i <= len(v); i++ {
		if i < len(v) && isDigit(v[i]) {
			n++
			continue
		}
		if n > 0 {
			groups++
			// a trunk "8" ("8 (912) …") or a trunk "0" before a parenthesised area
			// code (Turkey's "0 (532) 366 33 13")
			if n == 1 && !(groups == 1 && (v[i-1] == '8' || v[i-1] == '0' && i+1 < len(v) && v[i] == ' ' && v[i+1] == '(')) {
				return false
			}
		}
		n = 0
	}
	return groups <= 5
}

// phoneProseWord reports whether a word in Latin letters names a phone: "tel", "phone"
// and "handy" whole or with an ending ("Telefon", "telephone", "phones", "Mobilnummer"),
// not words that only start alike ("telemetry", "mobility").
func phoneProseWord(w []byte) bool {
	var low [24]byte
	if len(w) > len(low) {
		return false
	}
	for i, c := range w {
		low[i] = lowerASCII(c)
	}
	s := string(low[:len(w)])
	switch s {
	case "tel", "telnr", "phone", "phones", "mobil", "mobile", "handy", "fax", "tlf", "puh", "puhelin", "gsm", "cell",
		"celular", "cellulare", "natel":
		return true
	}
	for _, p := range []string{"telefon", "telephon", "telfon", "telefoon", "phonenum", "phoneno", "mobilnum", "mobilenum",
		"mobiltelefon", "handynum", "puhelinnum", "faxnum", "cellphone", "tlfnr"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// addPhoneKV makes the phone rule read numbers in their national format too — "0151
// 23456789", "010-1234-5678", "(415) 555-0134", "8 (912) 345-67-89" — where a key or a
// column names a phone: without the country code only the name says it is one.
func addPhoneKV(kvd *kvDet, r *Rule) {
	kvd.add(&kvSpec{rule: r, keys: []string{"phone", "tel", "mobil", "handy", "msisdn", "cell", "fax",
		"电话", "手机", "電話", "携帯", "전화", "휴대폰", "телефон"}, keyOK: phoneKey, valueOK: nationalPhone})
	// An MSISDN is by definition the full international number without its "+" (a SIM
	// batch file's msisdn column: 4791234567): its country code is checked instead.
	kvd.add(&kvSpec{rule: r, keys: []string{"msisdn", "e164"}, keyOK: msisdnKey, valueOK: msisdnValue})
}

// msisdnKey: the key's last word is msisdn or e164.
func msisdnKey(segs [][]byte) bool {
	if len(segs) == 0 {
		return false
	}
	l := string(segs[len(segs)-1])
	return l == "msisdn" || l == "e164" || l == "msisdns"
}

// msisdnValue: 10 to 15 digits, with or without a "+", that read as an E.164 number.
func msisdnValue(v []byte) bool {
	if len(v) > 0 && v[0] == '+' {
		v = v[1:]
	}
	if len(v) < 10 || len(v) > 15 || v[0] == '0' {
		return false
	}
	for _, c := range v {
		if !isDigit(c) {
			return false
		}
	}
	return phoneOK(v) && !dummyDigits(v)
}

// phoneKeySegs are the words that name a phone number in a key, in the languages
// exports are written in.
var phoneKeySegs = map[string]bool{"phone": true, "telephone": true, "tel": true, "mobile": true, "mobil": true,
	"cell": true, "cellphone": true, "handy": true, "msisdn": true, "fax": true, "telefon": true, "telefono": true,
	"teléfono": true, "telefone": true, "handynummer": true, "telefonnummer": true, "mobilnummer": true,
	"phonenumber": true, "mobilephone": true, "phone_number": true, "tlf": true}

// phoneKeyNotNumber are last words of a key about a phone that is not its number.
var phoneKeyNotNumber = map[string]bool{"verified": true, "type": true, "code": true, "country": true, "ext": true,
	"extension": true, "id": true, "count": true, "prefix": true, "confirmed": true, "enabled": true, "hash": true,
	"model": true, "os": true, "brand": true, "status": true, "region": true, "format": true}

func phoneKey(segs [][]byte) bool {
	if len(segs) == 0 || phoneKeyNotNumber[string(segs[len(segs)-1])] {
		return false
	}
	for _, s := range segs {
		if phoneKeySegs[string(s)] || bytes.Contains(s, []byte("phone")) {
			return true
		}
		for _, w := range []string{"电话", "手机", "電話", "携帯", "전화", "휴대폰", "телефон", "Телефон"} {
			if bytes.Contains(s, []byte(w)) {
				return true
			}
		}
	}
	return false
}

// nationalPhone accepts a phone number as people write it in their own country: 7 to
// 13 digits with the trunk prefix 0 (or Russia's 8, a Chinese mobile's 1, a NANP area
// code in parentheses), grouped by spaces, dashes, dots or slashes — not an id, a
// timestamp or an amount.
func nationalPhone(v []byte) bool {
	if len(v) < 7 || len(v) > 24 {
		return false
	}
	var d [16]byte
	nd, seps, paren := 0, 0, false
	for i, c := range v {
		switch {
		case isDigit(c):
			if nd == len(d) {
				return false
			}
			d[nd] = c
			nd++
		case c == ' ' || c == '-' || c == '.' || c == '/':
			if i == 0 || i == len(v)-1 {
				return false
			}
			seps++
		case c == '(' || c == ')':
			paren = true
		case c == '+' && i == 0:
			return false // international: the phone rule's own matcher reads those
		default:
			return false
		}
	}
	if nd < 7 || nd > 13 || dummyDigits(d[:nd]) || timestampDigits(d[:nd]) {
		return false
	}
	switch {
	case d[0] == '0' && d[1] != '0':
		return true
	case paren && len(v) > 4 && v[0] == '(' && v[3] == ')' && d[0] >= '1' && d[1] >= '1' &&
		(nd == 11 && d[2] == '9' || nd == 10 && d[2] >= '2' && d[2] <= '5'):
		return true // Brazil: (11) 91234-5678 mobile, (21) 3456-7890 fixed (Anatel's plan)
	case paren && nd == 10 && d[0] >= '2' && d[3] >= '2':
		return true // (415) 555-0134
	case d[0] == '8' && nd == 11 && paren:
		return true // 8 (912) 345-67-89
	case d[0] == '1' && nd == 11 && d[1] >= '3':
		return seps > 0 || v[0] == '1' // a Chinese mobile: 139 1234 5678, 13912345678
	case seps >= 2 && nd == 10 && d[0] >= '2' && d[3] >= '2':
		return true // 415-555-0134
	}
	return false
}

// phoneKeyWords name a phone number in a key: tel=, phone=, mobile=, handy=, msisdn=.
var phoneKeyWords = []string{"phone", "tel", "mobile", "cell", "handy", "msisdn", "sms", "fax", "whatsapp"}

// dummyDigits recognises the filler numbers of test data and forms: six or more of one
// digit in a row ("+49 30 0000000", "+1 555 111 1111"). Assigned numbers seldom hold
// such a run.
func dummyDigits(d []byte) bool {
	run := 1
	for i := 1; i < len(d); i++ {
		if d[i] == d[i-1] {
			run++
			if run >= 6 {
				return true
			}
		} else {
			run = 1
		}
	}
	return false
}

// timestampDigits recognises YYYYMMDDhhmm[ss] runs ("+20191229111838" in a version).
func timestampDigits(d []byte) bool {
	if len(d) < 12 || len(d) > 14 || d[0] != '1' && d[0] != '2' {
		return false
	}
	n := func(i int) int { return int(d[i]-'0')*10 + int(d[i+1]-'0') }
	y := n(0)*100 + n(2)
	return y >= 1970 && y <= 2099 && n(4) >= 1 && n(4) <= 12 && n(6) >= 1 && n(6) <= 31 && n(8) <= 23 && n(10) <= 59
}

// phoneOK checks the digits of an E.164 number: a country code that exists and a
// national number of a length that country uses.
func phoneOK(d []byte) bool {
	if len(d) < 8 || len(d) > 15 {
		return false
	}
	cc := 0
	for n := 1; n <= 3; n++ {
		v := 0
		for _, c := range d[:n] {
			v = v*10 + int(c-'0')
		}
		if countryCodes[v] {
			cc = n
			break
		}
	}
	if cc == 0 {
		return false
	}
	nsn := d[cc:]
	switch string(d[:cc]) {
	case "1": // NANP: NXX-NXX-XXXX
		return len(nsn) == 10 && nsn[0] >= '2' && nsn[3] >= '2'
	case "86":
		return len(nsn) == 11 && nsn[0] == '1' || len(nsn) == 10 || len(nsn) == 11
	case "44":
		return len(nsn) == 10 || len(nsn) == 9
	case "7":
		return len(nsn) == 10
	}
	return len(nsn) >= 6 && len(nsn) <= 13
}

// countryCodes are the ITU-T E.164 country calling codes in use.
var countryCodes = func() map[int]bool {
	m := map[int]bool{}
	for _, c := range []int{1, 7, 20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49,
		51, 52, 53, 54, 55, 56, 57, 58, 60, 61, 62, 63, 64, 65, 66, 81, 82, 84, 86, 90, 91, 92, 93,
		94, 95, 98, 211, 212, 213, 216, 218, 220, 221, 222, 223, 224, 225, 226, 227, 228, 229, 230,
		231, 232, 233, 234, 235, 236, 237, 238, 239, 240, 241, 242, 243, 244, 245, 246, 248, 249,
		250, 251, 252, 253, 254, 255, 256, 257, 258, 260, 261, 262, 263, 264, 265, 266, 267, 268,
		269, 290, 291, 297, 298, 299, 350, 351, 352, 353, 354, 355, 356, 357, 358, 359, 370, 371,
		372, 373, 374, 375, 376, 377, 378, 380, 381, 382, 383, 385, 386, 387, 389, 420, 421, 423,
		500, 501, 502, 503, 504, 505, 506, 507, 508, 509, 590, 591, 592, 593, 594, 595, 596, 597,
		598, 599, 670, 672, 673, 674, 675, 676, 677, 678, 679, 680, 681, 682, 683, 685, 686, 687,
		688, 689, 690, 691, 692, 850, 852, 853, 855, 856, 880, 886, 960, 961, 962, 963, 964, 965,
		966, 967, 968, 970, 971, 972, 973, 974, 975, 976, 977, 992, 993, 994, 995, 996, 998} {
		m[c] = true
	}
	return m
}()

// ipDet finds dotted-quad IPv4 addresses: infrastructure (ip-address), or a visitor's
// address (client-ip-address) when a public one starts an access log line.
type ipDet struct{ rule, client *Rule }

func (d *ipDet) anchors() []string { return []string{"0.0"} }

func (d *ipDet) hit(sc *scanner, di, tag, at int) {
	data := sc.data
	s := runBack(data, at+1, cDigit|cDot, 16)
	for s < len(data) && data[s] == '.' {
		s++
	}
	e := run(data, s, cDigit|cDot, 16)
	for e > s && data[e-1] == '.' {
		e--
	}
	sc.skip[di] = e
	if s > 0 && (is(data[s-1], cWord|cDash) && escapeBefore(data, s) == 0) {
		return
	}
	if e < len(data) && is(data[e], cWord) {
		return
	}
	tok := data[s:e]
	parts := 0
	v, nd := 0, 0
	for i := 0; i <= len(tok); i++ {
		if i == len(tok) || tok[i] == '.' {
			if nd == 0 || nd > 3 || v > 255 || nd > 1 && tok[i-nd] == '0' {
				return
			}
			parts++
			v, nd = 0, 0
			continue
		}
		v = v*10 + int(tok[i]-'0')
		nd++
	}
	if parts != 4 || string(tok) == "0.0.0.0" || string(tok) == "255.255.255.255" {
		return
	}
	if d.client != nil && (s == 0 || data[s-1] == '\n') && bytes.HasPrefix(data[e:], []byte(" - ")) {
		if a, err := netip.ParseAddr(string(tok)); err == nil && a.IsGlobalUnicast() && !a.IsPrivate() && !reservedV4(a) {
			sc.emit(d.client, s, e, string(tok))
			return
		}
	}
	sc.emit(d.rule, s, e, string(tok))
}

// digitsDet handles every rule that starts from a run of digits: payment cards, PRC
// resident IDs, IBANs, UK National Insurance numbers and US SSNs written without dashes.
type digitsDet struct {
	card, prc, iban, nino, ssn *Rule
}

func (d *digitsDet) anchors() []string {
	return []string{"000000", "0000 0000", "0000-0000", " 00 00 00 "}
}

func (d *digitsDet) hit(sc *scanner, di, tag, at int) {
	switch tag {
	case 0:
		d.run(sc, di, at)
	case 1, 2:
		d.grouped(sc, di, at)
	case 3:
		d.ninoSpaced(sc, di, at)
	}
}

// cardOK checks a card number's digits: Luhn, an issuer's range, not a test number, not
// a run like 4444444444444448.
func cardOK(d []byte) bool {
	if !luhnOK(d) || cardBrand(d) == "" || testCards[string(d)] {
		return false
	}
	var seen [10]bool
	distinct := 0
	for _, c := range d {
		if !seen[c-'0'] {
			seen[c-'0'] = true
			distinct++
		}
	}
	return distinct >= 3
}

// cardGroupsOK accepts the ways card numbers are printed: groups of four (the last may
// be shorter), Amex 4-6-5 and Diners 4-6-4.
func cardGroupsOK(g []int) bool {
	switch {
	case len(g) == 3 && g[0] == 4 && g[1] == 6 && (g[2] == 5 || g[2] == 4):
		return true
	case len(g) < 3:
		return false
	}
	for i, n := range g {
		if n != 4 && (i < len(g)-1 || n < 1 || n > 4) {
			return false
		}
	}
	return true
}

// cardWordsIntl name a payment card in column and key names of other languages:
// German "Kreditkarte"/"Kartennummer", Spanish "tarjeta", French "carte", Dutch
// "kaart", Polish "karta", Russian "карта", Korean "카드", Japanese "カード", Chinese
// "信用卡"/"银行卡".
var cardWordsIntl = []string{"karte", "tarjeta", "carte", "kaart", "karta", "карт", "Карт", "카드", "カード", "信用卡", "银行卡", "卡号",
	// Portuguese, Italian, Vietnamese, Arabic, Hindi
	"cartão", "cartao", "carta di credito", "thẻ", "بطاق", "कार्ड",
	// Croatian, Serbian, Bosnian, Slovene "kartica"/"broj kartice"; Swedish, Danish,
	// Norwegian "kortnummer"; Finnish "kortti"/"kortin numero"
	"kartic", "kortnummer", "kortti", "kortin",
	// Esperanto "kartnumero", Indonesian and Malay "kartu", Javanese "kertu", Estonian
	// "kaardi", Hungarian "kártya", Turkish "kartı"
	"kartnum", "kartu", "kertu", "kaardi", "kártya", "kartı",
	// Breton, Shona, Tamazight in Tifinagh
	"kartenn", "hartenn", "kadhi", "ⵜⴰⴽⴰⵕⴹⴰ", "ⵜⴽⴰⵕⴹⴰ",
	// a column that names the means of payment (German "Zahlungsmittel", Spanish "medio
	// de pago", Dutch "betaalmiddel", Turkish "ödeme", Polish "płatność", Russian
	// "оплата", Chinese "支付", Japanese "決済", Korean "결제")
	"payment", "zahlung", "pago", "paiement", "pagamento", "betaal", "ödeme", "płatno", "оплат", "支付", "決済", "결제"}

// cardLabelWords name a card in the words before a number ("Kartes numurs: …",
// "Kortelės numeris …"): the stems of the word in the languages written in Latin
// letters ("kart" for Latvian kartes, Albanian kartës, Uzbek and Czech karta, Turkish
// kart, Indonesian kartu; Estonian kaart/kaardi, Lithuanian kortelė, Hungarian kártya,
// Icelandic kort), and in Greek, Hebrew, Georgian, Armenian, Persian, Thai and Bengali.
var cardLabelWords = []string{"card", "卡号", "tarjeta", "targeta", "tarxeta", "карт", "Карт", "カード", "karte", "카드", "carte", "kaart", "kaard",
	"cartão", "cartao", "thẻ", "بطاق", "कार्ड", "kartic", "kortnummer", "kortti", "kortin", "kart", "kortel", "kártya", "kortanúmer",
	"kortnúmer", "κάρτ", "Κάρτ", "כרטיס", "ბარათ", "քարտ", "کارت", "บัตร", "কার্ড", "cárta", "cerdyn", "txartel",
	// Breton (with its mutation after "ma": "ma c'hartenn"), Shona's loanword, Tamazight
	// in Tifinagh (free and annexed states)
	"kartenn", "c'hartenn", "kadhi", "ⵜⴰⴽⴰⵕⴹⴰ", "ⵜⴽⴰⵕⴹⴰ"}

// cardLabelBefore reports whether the words just before a key on its line name a card:
// in "Kartes numurs: 4111…" the key read is "numurs", and the card word stands before
// it. The key must follow a space (a label of several words), a letter of another
// script or a JSON escape's backslash ("kart\u00ebs" reads as the key "u00ebs"), and
// only letters, digits, spaces and backslashes may stand between the card word and it.
func cardLabelBefore(data []byte, ks int) bool {
	if ks == 0 || data[ks-1] != ' ' && data[ks-1] != '\\' && data[ks-1] < 0x80 {
		return false
	}
	ls := ks
	for ls > 0 && ks-ls < 32 && (is(data[ls-1], cLower|cUpper|cDigit) || data[ls-1] >= 0x80 || data[ls-1] == ' ' || data[ls-1] == '\\') {
		ls--
	}
	return containsFold(data[ls:ks], cardLabelWords...)
}

// cardContext decides whether a bare digit run that passes Luhn and an issuer's range is
// a card. A key or field name decides when there is one: a card word ("card_number",
// "pan", "cc_num") says yes, any other name ("trace", "order_id") says no — one long
// number in ten passes Luhn. A number standing in text with no name is a card when it
// has a card's exact length (16 digits, or 15 for American Express) or a card word
// stands before it.
func (sc *scanner) cardContext(ts, te int) bool {
	data := sc.data
	cardWord := func(segs [][]byte) bool {
		for _, s := range segs {
			switch string(s) {
			case "pan", "cc", "ccn", "ccnum", "cardnumber", "cardno", "卡号":
				return true
			}
			if bytes.Contains(s, []byte("card")) || bytes.Contains(s, []byte("credit")) || bytes.Contains(s, []byte("debit")) {
				return true
			}
			for _, w := range cardWordsIntl {
				if bytes.Contains(s, []byte(w)) {
					return true
				}
			}
		}
		return false
	}
	var segBuf [12][]byte
	var scratch [maxKeyLen]byte
	if ks, ke, ok := keyBefore(data, ts); ok {
		segs := keySegments(data[ks:ke], segBuf[:0], scratch[:0])
		if cardWord(segs) || cardLabelBefore(data, ks) {
			return true
		}
		// a member named only "number" of an object named for the card
		if cardMemberKey(segs) {
			if ps, pe, ok := enclosingKey(data, ks); ok {
				return cardWord(keySegments(data[ps:pe], segBuf[:0], scratch[:0]))
			}
		}
		if !unreadScriptKey(data[ks:ke]) && !phraseLabel(data, ks, ke, ts) {
			return false
		}
		// a label in a script no list here reads ("ལག་ཁྱེར་ཨང་གྲངས: …", a card's
		// number in Tibetan) says neither yes nor no: the number decides as in text
	}
	if containsFold(window(data, ts, ts, 24, 0), cardLabelWords...) {
		return true
	}
	if f := sc.fieldAt(ts, te); f != nil && len(sc.info(f).norm) > 0 {
		// The name decides for a field that holds the number; a field of prose (a chat
		// message's "content", a log's "msg") leaves it to the words around it.
		if cardWord(keySegments(sc.info(f).norm, nil, nil)) {
			return true
		}
		if !proseField(data, int(f.vs), int(f.ve)) {
			return false
		}
	}
	// A number in a URL path or a parameter is an id ("…/testcase-detail/5390364397928448").
	if ts > 0 && bytes.IndexByte([]byte("/=#?&_:"), data[ts-1]) >= 0 {
		return false
	}
	d := data[ts:te]
	switch len(d) {
	case 16:
		b := cardBrand(d)
		return b != "" && b != "diners"
	case 15:
		return cardBrand(d) == "amex"
	}
	return false
}

func (d *digitsDet) run(sc *scanner, di, at int) {
	data := sc.data
	rs := runBack(data, at, cDigit, 24)
	re := run(data, at, cDigit, 24)
	sc.skip[di] = re
	ts := runBack(data, rs, cAlnum, 40)
	te := run(data, re, cAlnum, 40)
	if ts == rs && (te == re || te == re+1 && (data[re] == 'X' || data[re] == 'x')) {
		// an all-digit token
		if !leftOK(data, ts) {
			return
		}
		if ts > 0 && (data[ts-1] == '.' || data[ts-1] == '-' || data[ts-1] == '+' || data[ts-1] == ':') {
			return
		}
		if te < len(data) && (data[te] == '.' || data[te] == '-') && te+1 < len(data) && isDigit(data[te+1]) {
			return
		}
		tok := data[ts:te]
		switch n := len(tok); {
		case n == 18 && prcIDOK(tok):
			sc.emit(d.prc, ts, te, string(tok))
		case te == re && n >= 13 && n <= 19 && cardOK(tok) && sc.cardContext(ts, te):
			sc.emit(d.card, ts, te, string(tok))
		case te == re && n == 9 && keyBeforeHas(data, ts, []string{"ssn", "social"}):
			area := int(tok[0]-'0')*100 + int(tok[1]-'0')*10 + int(tok[2]-'0')
			group := int(tok[3]-'0')*10 + int(tok[4]-'0')
			serial := int(tok[5]-'0')*1000 + int(tok[6]-'0')*100 + int(tok[7]-'0')*10 + int(tok[8]-'0')
			if ssnOK(area, group, serial) {
				sc.emit(d.ssn, ts, te, string(tok))
			}
		}
		return
	}
	if !leftOK(data, ts) || !rightOK(data, te) {
		return
	}
	tok := data[ts:te]
	switch {
	case len(tok) >= 15 && len(tok) <= 34 && ibanOK(tok):
		sc.emit(d.iban, ts, te, string(tok))
		sc.skip[di] = te
	case len(tok) == 9 && re-rs == 6 && rs-ts == 2 && ninoOK(tok[0], tok[1], tok[8]) &&
		(keyBeforeHas(data, ts, ninoWords) || containsFold(window(data, ts, te, 48, 0), ninoWords...)):
		// Written without spaces a NINO looks like a part number ("MC146818A"), so it
		// needs a word for it nearby.
		sc.emit(d.nino, ts, te, string(tok))
	}
}

var ninoWords = []string{"nino", "national insurance", "national_insurance", "ni number", "ni_number", "ni no", "insurance"}

// grouped handles numbers written in groups: "4111 1111 1111 1111", "4111-1111-…" and
// IBANs in their printed form "DE89 3704 0044 0532 0130 00".
func (d *digitsDet) grouped(sc *scanner, di, at int) {
	data := sc.data
	sep := data[at+4]
	// Walk back to the start of the grouped number.
	s := at
	for s > 0 && at-s < 30 && (isDigit(data[s-1]) || data[s-1] == sep && s >= 2 && isDigit(data[s-2])) {
		s--
	}
	// Card: digits in groups with one kind of separator.
	var digits [19]byte
	var sizes [8]int
	nd, p, end, groups := 0, s, s, 0
	for p < len(data) && nd <= 19 && groups < len(sizes) {
		g := run(data, p, cDigit, 8)
		if g == p {
			break
		}
		if nd+g-p > 19 {
			nd = 20
			break
		}
		copy(digits[nd:], data[p:g])
		nd += g - p
		sizes[groups] = g - p
		groups++
		end = g
		if g+1 < len(data) && data[g] == sep && isDigit(data[g+1]) {
			p = g + 1
			continue
		}
		break
	}
	// "36075914-1812-7964-…" is the start of a UUID, not a card; but a word after a
	// space ("paid 4275 5828 2357 4162 yesterday") ends the number.
	continues := end+1 < len(data) && data[end] == sep && (is(data[end+1], cAlnum) && sep != ' ' || isDigit(data[end+1]))
	if nd >= 13 && nd <= 19 && cardGroupsOK(sizes[:groups]) && leftOK(data, s) && rightOK(data, end) && !continues &&
		(s == 0 || data[s-1] != '.' && data[s-1] != '-' && data[s-1] != '+') {
		tok := digits[:nd]
		if cardOK(tok) {
			sc.emit(d.card, s, end, string(data[s:end]))
			sc.skip[di] = end
			return
		}
	}
	if sep != ' ' {
		return
	}
	// IBAN: "CCdd" then groups of up to four.
	for b := at - 1; b >= 0 && at-b <= 40; b-- {
		if b+4 <= len(data) && isUpper(data[b]) && isUpper(data[b+1]) && isDigit(data[b+2]) && isDigit(data[b+3]) && leftOK(data, b) {
			var buf [34]byte
			n := 0
			q := b
			last := q
			for q < len(data) && n < 34 {
				g := run(data, q, cUpper|cDigit, 4)
				if g == q {
					break
				}
				n += copy(buf[n:], data[q:g])
				last = g
				if g+1 < len(data) && data[g] == ' ' && is(data[g+1], cUpper|cDigit) {
					q = g + 1
					continue
				}
				break
			}
			if last > at && rightOK(data, last) && ibanOK(buf[:n]) {
				sc.emit(d.iban, b, last, string(buf[:n]))
				sc.skip[di] = last
			}
			return
		}
		if !(is(data[b], cUpper|cDigit) || data[b] == ' ') {
			return
		}
	}
}

// ninoSpaced handles "AB 12 34 56 C".
func (d *digitsDet) ninoSpaced(sc *scanner, di, at int) {
	data := sc.data
	s := at - 2
	e := at + len(" 00 00 00 ") + 1
	if s < 0 || e > len(data) || !shapeAt(data, at, " 00 00 00 ") || !leftOK(data, s) || !rightOK(data, e) {
		return
	}
	if ninoOK(data[s], data[s+1], data[e-1]) {
		sc.emit(d.nino, s, e, string(data[s:e]))
		sc.skip[di] = e
	}
}

// shapeAt checks data at offset at against a shape where '0' stands for any digit.
func shapeAt(data []byte, at int, shape string) bool {
	if at < 0 || len(data)-at < len(shape) {
		return false
	}
	for k := 0; k < len(shape); k++ {
		if shape[k] == '0' {
			if !isDigit(data[at+k]) {
				return false
			}
		} else if data[at+k] != shape[k] {
			return false
		}
	}
	return true
}

// ssnDet finds US Social Security numbers in their dashed form.
type ssnDet struct{ rule *Rule }

func (d *ssnDet) anchors() []string { return []string{"000-00-0000"} }

func (d *ssnDet) hit(sc *scanner, di, tag, at int) {
	data := sc.data
	e := at + 11
	if !shapeAt(data, at, "000-00-0000") {
		return
	}
	if at > 0 && (is(data[at-1], cWord) && escapeBefore(data, at) == 0 || data[at-1] == '-' || data[at-1] == '+' || data[at-1] == '.') {
		return
	}
	if e < len(data) && (is(data[e], cWord) || data[e] == '-' && e+1 < len(data) && isDigit(data[e+1])) {
		return
	}
	n := func(a, b int) int {
		v := 0
		for _, c := range data[at+a : at+b] {
			v = v*10 + int(c-'0')
		}
		return v
	}
	if !ssnOK(n(0, 3), n(4, 6), n(7, 11)) {
		return
	}
	sc.emit(d.rule, at, e, string(data[at:e]))
	sc.skip[di] = e
}

// formEncoded reads a number in international format that a URL's query or a form
// body carries encoded: the plus as "%2B", the blanks between groups as '+' or "%20"
// ("sendsms?…&to=%2B46+70+123+45+67", "From=%2B14155550134"). Arithmetic is never
// percent-encoded, so the parameter's name need not name a phone; the value must be
// the whole parameter.
func (d *phoneDet) formEncoded(sc *scanner, di, at int) {
	data := sc.data
	if at == 0 || data[at-1] != '=' || at+4 > len(data) || data[at+1] != '2' || data[at+2] != 'B' && data[at+2] != 'b' || !isDigit(data[at+3]) || data[at+3] == '0' {
		return
	}
	digits, nd, end, ok := phoneRun(data, at+3, at+40, false, func(q, _ int) int {
		switch {
		case data[q] == '+' || data[q] == '-' || data[q] == '.':
			return 1
		case data[q] == '%' && q+2 < len(data) && data[q+1] == '2' && data[q+2] == '0':
			return 3
		}
		return 0
	})
	if !ok {
		return
	}
	if end < len(data) && data[end] != '&' && data[end] != '\'' && data[end] != '"' && data[end] != ' ' && data[end] != '\n' && data[end] != '\r' && data[end] != '#' {
		return
	}
	if !phoneOK(digits[:nd]) || timestampDigits(digits[:nd]) || dummyDigits(digits[:nd]) {
		return
	}
	sc.emit(d.rule, at, end, string(data[at:end]))
	sc.skip[di] = end
}

// phoneRun reads a phone number's digits from p (before lim): runs of digits parted by
// single separators (sepAt gives the width of one at q, nd digits read so far; 0 for
// none) and, when parens is set, one parenthesised group after a digit. It returns
// the digits, where the last one ends, and false when more digits stand than a number
// holds.
// parenGroup: the "(" at p opens an area code inside a number ("+7 (912) 345…"): one
// to five digits, the ")" and more of the number after it.
func parenGroup(data []byte, p, lim int) bool {
	q := p + 1
	for q < len(data) && q < lim && isDigit(data[q]) {
		q++
	}
	if n := q - p - 1; n < 1 || n > 5 || q >= len(data) || data[q] != ')' {
		return false
	}
	q++
	if q < len(data) && (data[q] == ' ' || data[q] == '-' || data[q] == '.') {
		q++
	}
	return q < len(data) && isDigit(data[q])
}

func phoneRun(data []byte, p, lim int, parens bool, sepAt func(q, nd int) int) (digits [20]byte, nd, end int, ok bool) {
	end = p
	seps := 0
	paren := false
	for p < len(data) && p < lim {
		c := data[p]
		switch {
		case isDigit(c):
			if nd == len(digits) {
				return digits, nd, end, false
			}
			digits[nd] = c
			nd++
			p++
			end = p
			seps = 0
			continue
		case parens && c == '(' && !paren && nd > 0:
			if !parenGroup(data, p, lim) {
				break // "+679 980 3329 (111s)": a note after the number
			}
			paren = true
			p++
			continue
		case parens && c == ')' && paren:
			paren = false
			p++
			continue
		}
		if w := sepAt(p, nd); w > 0 && seps == 0 {
			seps++
			p += w
			continue
		}
		break
	}
	return digits, nd, end, true
}

// enclosingKey is the key of the object that holds the key starting at ks: the name
// before the unmatched "{" that opens it, within 256 bytes ("card": {"brand": "visa",
// "number": …} gives "card"). A brace inside a quoted string is not told apart: the
// answer is then only a weaker hint, read by callers as one.
func enclosingKey(data []byte, ks int) (int, int, bool) {
	depth := 0
	for p := ks - 1; p >= 0 && ks-p <= 256; p-- {
		switch data[p] {
		case '}', ']':
			depth++
		case '[':
			if depth == 0 {
				return 0, 0, false // an array's element: no name of its own
			}
			depth--
		case '{':
			if depth == 0 {
				return keyBefore(data, p)
			}
			depth--
		}
	}
	return 0, 0, false
}

// cardMemberKey: the member names that hold a card's number inside an object named for
// the card ({"card": {"number": …}}, card: {pan: …}).
func cardMemberKey(segs [][]byte) bool {
	if len(segs) != 1 {
		return false
	}
	switch string(segs[0]) {
	case "number", "num", "no", "nr", "pan", "value":
		return true
	}
	return false
}
