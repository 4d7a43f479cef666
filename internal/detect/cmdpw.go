package detect

import (
	"bytes"
	"encoding/base64"
)

// cmdDet reads passwords that servers write into their own logs as part of a command
// rather than as a key and value: SQL that sets a password ("CREATE ROLE r LOGIN
// PASSWORD '…'", "ALTER USER u WITH ENCRYPTED PASSWORD '…'", ClickHouse's and MySQL's
// "IDENTIFIED [WITH plugin] BY '…'"), Redis's AUTH command as MONITOR and slow logs
// print it ("AUTH" "…" or "AUTH" "user" "…"), and LDIF's base64 attribute form of
// userPassword ("userPassword:: …"), which is the password itself, only encoded.
//
// It also reads the line formats that give a password no key of its own: PostgreSQL's
// .pgpass ("host:port:database:user:password"), Postfix's sasl_passwd ("[host]:587
// user:password"), HAProxy's "insecure-password", Redis's inline AUTH in a captured
// buffer ("AUTH …\r\n"), the credential arguments of ClickHouse's table functions
// (mysql(…, 'user', 'password'), s3(url, 'key id', 'secret', …)), a value printed on
// the line below its key (PHP's var_dump, redis-cli's HGETALL), and CLI setters that
// take the key and the value as two arguments ("aws configure set
// aws_secret_access_key …").
type cmdDet struct{ password, secret *Rule }

// The anchors: the end of the SQL keyword with its literal's quote, the start of
// "IDENTIFIED … BY '", Redis's quoted command name and LDIF's double colon, then the
// line formats (digits fold to '0' in the prefilter, so "]:000 " is any three-digit
// port) and the table functions.
var cmdAnchors = []string{"ssword '", " by '", `"auth" "`, "ssword::",
	"insecure-password ", `"auth `, ":5432:", ":*:", "]:00 ", "]:000 ", "]:0000 ",
	"mysql('", "postgresql('", "remote('", "remotesecure('", "mongodb('", "s3('", "s3cluster('", "gcs('", "oss('", "cosn('",
	"string(", `) "`, "configure set ", " config set ", "stats auth ", "chpasswd", " /user:", "loginmodule required",
	":00:", ":000:", ":00000:"}

const (
	cmdInsecure = 4 + iota
	cmdInlineAuth
	cmdPgpass5432
	cmdPgpassAny
	cmdSASL2
	cmdSASL3
	cmdSASL4
	cmdTableFn    // first table function
	cmdTableFnS3  = cmdTableFn + 5
	cmdTableFnEnd = cmdTableFn + 10
	cmdVarDump    = cmdTableFnEnd
	cmdRedisReply = cmdVarDump + 1
	cmdSetter     = cmdVarDump + 2
	cmdStatsAuth  = cmdSetter + 2
	cmdChpasswd   = cmdStatsAuth + 1
	cmdNetUse     = cmdStatsAuth + 2
	cmdJAAS       = cmdStatsAuth + 3
	// a .pgpass line's port of two, three or five digits (":5432:" folds to four)
	cmdPgpassPort = cmdJAAS + 1
)

func (d *cmdDet) anchors() []string { return cmdAnchors }

func (d *cmdDet) hit(sc *scanner, di, tag, at int) {
	data := sc.data
	pgpassTag := tag == cmdPgpass5432 || tag == cmdPgpassAny || tag >= cmdPgpassPort
	if (tag < cmdSASL2 || tag > cmdSASL4) && !pgpassTag {
		if !hasPrefixFold(data, at, cmdAnchors[tag]) {
			return
		}
	}
	ls := lineStartWithin(data, at, 512)
	line := data[ls:at]
	switch {
	case tag == cmdInsecure:
		d.insecurePassword(sc, ls, at)
		return
	case tag == cmdInlineAuth:
		d.inlineAuth(sc, at)
		return
	case pgpassTag:
		// (any port: pgpass reads the line's five fields; a blank or a quote
		// before the port, as a time of day has in a log line, is no .pgpass line)
		if bytes.IndexAny(line, " \t\"'") < 0 && (hasPrefixFold(data, at, cmdAnchors[tag]) || printableASCII(data[ls:lineEnd(data, ls, 1024)])) {
			d.pgpass(sc, ls) // (a new port's line is ASCII: text in other scripts has no blanks)
		}
		return
	case tag >= cmdSASL2 && tag <= cmdSASL4:
		d.saslPasswd(sc, ls, at)
		return
	case tag >= cmdTableFn && tag < cmdTableFnEnd:
		d.tableFunction(sc, tag, at)
		return
	case tag == cmdVarDump || tag == cmdRedisReply:
		d.valueBelowKey(sc, tag, ls, at)
		return
	case tag == cmdStatsAuth:
		d.statsAuth(sc, ls, at)
		return
	case tag == cmdChpasswd:
		d.chpasswd(sc, ls, at)
		return
	case tag == cmdJAAS:
		d.jaasUsers(sc, at+len(cmdAnchors[cmdJAAS]))
		return
	case tag == cmdNetUse:
		d.netUse(sc, at+len(cmdAnchors[cmdNetUse]))
		return
	case tag >= cmdSetter:
		d.setter(sc, tag, at)
		return
	}
	switch tag {
	case 0: // … PASSWORD '…'
		if at < ls+3 || !hasPrefixFold(data, at-2, "pa") || data[at-3] != ' ' {
			return
		}
		if !containsFold(line, "create ", "alter ") || !containsFold(line, "user ", "role ") {
			return
		}
		d.sqlLiteral(sc, at+len(cmdAnchors[0]))
	case 1: // IDENTIFIED [WITH plugin] BY '…'
		if i := lastIndexFold(line, "identified"); i < 0 || len(line)-i > 64 || !containsFold(line, "user ", "role ", "grant ") {
			return // (prose: "identified by 'hostConfig.NetworkMode'")
		}
		d.sqlLiteral(sc, at+len(cmdAnchors[1]))
	case 2: // "AUTH" "pw" or "AUTH" "user" "pw"
		if at > 0 && data[at-1] != ' ' {
			return
		}
		args := redisArgs(data, at+len(`"auth" `))
		if len(args) == 0 || len(args) > 2 {
			return
		}
		a := args[len(args)-1]
		v := data[a[0]:a[1]]
		if len(v) < 4 || isPlaceholder(v) || !passwordValue(v) || bytes.IndexByte(v, '\\') >= 0 {
			return
		}
		sc.emit(d.password, a[0], a[1], string(v))
	case 3: // userPassword:: base64
		if at-ls != 6 || !hasPrefixFold(data, ls, "userpa") {
			return
		}
		vs := at + len(cmdAnchors[3])
		for vs < len(data) && data[vs] == ' ' {
			vs++
		}
		ve := run(data, vs, cAlnum|cPlus|cSlash, 1024)
		for ve < len(data) && data[ve] == '=' && ve-vs < 1024 {
			ve++
		}
		if ve < len(data) && data[ve] != '\n' && data[ve] != '\r' {
			return
		}
		dec, err := base64.StdEncoding.DecodeString(string(data[vs:ve]))
		if err != nil || !passwordValue(dec) || isPlaceholder(dec) || dec[0] == '{' {
			return // "{SSHA}…" and other schemes are hashes, not the password
		}
		sc.emit(d.password, vs, ve, string(dec))
	}
}

// sqlLiteral emits the single-quoted SQL string literal whose body starts at vs
// (” stands for a quote inside it).
func (d *cmdDet) sqlLiteral(sc *scanner, vs int) {
	data := sc.data
	ve := vs
	for ve < len(data) && ve-vs <= 256 {
		if data[ve] == '\n' {
			return
		}
		if data[ve] == '\'' {
			if ve+1 < len(data) && data[ve+1] == '\'' {
				ve += 2
				continue
			}
			break
		}
		ve++
	}
	if ve >= len(data) || data[ve] != '\'' {
		return
	}
	v := data[vs:ve]
	if isPlaceholder(v) || !passwordValue(v) || bytes.HasPrefix(v, []byte("md5")) && len(v) == 35 || bytes.HasPrefix(v, []byte("SCRAM-")) {
		return // a stored hash ("md5…", "SCRAM-SHA-256$…") is not the password
	}
	sc.emit(d.password, vs, ve, string(v))
}

// redisArgs reads the double-quoted arguments that follow p on its line, as Redis
// prints a command; nil when the line holds anything else.
func redisArgs(data []byte, p int) [][2]int {
	var out [][2]int
	for p < len(data) && len(out) < 4 {
		if data[p] != '"' {
			break
		}
		s := p + 1
		e := s
		for e < len(data) && data[e] != '"' && data[e] != '\n' {
			if data[e] == '\\' {
				e++
			}
			e++
		}
		if e >= len(data) || data[e] != '"' {
			return nil
		}
		out = append(out, [2]int{s, e})
		p = e + 1
		if p < len(data) && data[p] == ' ' {
			p++
		}
	}
	if p < len(data) && data[p] != '\n' && data[p] != '\r' {
		return nil
	}
	return out
}

// lastIndexFold is the offset of the last ASCII case-insensitive occurrence of lit in
// data, or -1.
func lastIndexFold(data []byte, lit string) int {
	for i := len(data) - len(lit); i >= 0; i-- {
		if hasPrefixFold(data, i, lit) {
			return i
		}
	}
	return -1
}

// emitPassword emits v at [vs, ve) when it reads as a configured password.
func (d *cmdDet) emitPassword(sc *scanner, vs, ve int) {
	v := sc.data[vs:ve]
	if len(v) < 4 || isPlaceholder(v) || !passwordValue(v) || notAPassword(nil, v) {
		return
	}
	sc.emit(d.password, vs, ve, string(v))
}

// insecurePassword reads HAProxy's "user NAME insecure-password PW" (a userlist entry).
func (d *cmdDet) insecurePassword(sc *scanner, ls, at int) {
	data := sc.data
	if !containsFold(data[ls:at], "user ") {
		return
	}
	vs := at + len(cmdAnchors[cmdInsecure])
	ve := vs
	for ve < len(data) && data[ve] > ' ' && data[ve] < 0x7f {
		ve++
	}
	d.emitPassword(sc, vs, ve)
}

// inlineAuth reads Redis's inline AUTH in a captured buffer: "AUTH [user ]PW\r\n", as
// strace, tcpdump -A and protocol logs print it.
func (d *cmdDet) inlineAuth(sc *scanner, at int) {
	data := sc.data
	vs := at + len(cmdAnchors[cmdInlineAuth])
	e := bytes.Index(data[vs:min(len(data), vs+300)], []byte(`\r\n`))
	if e < 0 {
		return
	}
	ve := vs + e
	// SMTP and IMAP write a SASL mechanism there ("AUTH PLAIN …", "AUTH XOAUTH2"): a
	// name in capitals, not a password.
	if w := run(data, vs, cUpper|cDigit|cDash|cUnder, ve-vs); w > vs && (w == ve || data[w] == ' ') {
		return
	}
	if sp := bytes.LastIndexByte(data[vs:ve], ' '); sp >= 0 {
		if bytes.IndexByte(data[vs:vs+sp], ' ') >= 0 {
			return // more than "user password"
		}
		vs += sp + 1
	}
	if bytes.IndexByte(data[vs:ve], '"') >= 0 {
		return
	}
	d.emitPassword(sc, vs, ve)
}

// pgpass reads a whole line "hostname:port:database:username:password" of a .pgpass
// file: five fields, the port a number or '*', no blanks.
func (d *cmdDet) pgpass(sc *scanner, ls int) {
	data := sc.data
	le := lineEnd(data, ls, 1024)
	line := data[ls:le]
	if bytes.IndexAny(line, " \t\"'") >= 0 {
		return
	}
	f := bytes.SplitN(line, []byte(":"), 5)
	if len(f) != 5 || len(f[0]) == 0 || len(f[2]) == 0 || len(f[3]) == 0 {
		return
	}
	if string(f[1]) != "*" && (len(f[1]) > 5 || run(f[1], 0, cDigit, 5) != len(f[1]) || len(f[1]) == 0) {
		return
	}
	if string(f[0]) != "*" && string(f[0]) != "localhost" && bytes.IndexByte(f[0], '.') < 0 && bytes.IndexByte(f[0], '-') < 0 {
		return
	}
	// a host name or address: a timestamp's fields inside a query string or markup
	// ("EndTime=2000-01-01T00:00:00Z&…", "<Date>…T00:00:00Z</Date>") split alike
	if string(f[0]) != "*" && run(f[0], 0, cWord|cDot|cDash, len(f[0])) != len(f[0]) {
		return
	}
	vs := le - len(f[4])
	v := f[4]
	if !bytes.ContainsAny(v, "0123456789!@#$%^&*+=?~.,;_-") {
		return // a bare word is more often a name than a password
	}
	d.emitPassword(sc, vs, le)
}

// saslPasswd reads Postfix's sasl_passwd: "[relay.host]:587 user:password".
func (d *cmdDet) saslPasswd(sc *scanner, ls, at int) {
	data := sc.data
	if data[ls] != '[' || bytes.IndexByte(data[ls:at], ' ') >= 0 {
		return
	}
	p := at + 2
	for p < len(data) && isDigit(data[p]) {
		p++
	}
	if p >= len(data) || data[p] != ' ' {
		return
	}
	p++
	le := lineEnd(data, p, 1024)
	c := bytes.IndexByte(data[p:le], ':')
	if c <= 0 || bytes.IndexAny(data[p:le], " \t") >= 0 {
		return
	}
	d.emitPassword(sc, p+c+1, le)
}

// tableFunction reads the credential arguments of a ClickHouse table function: the
// fifth of mysql/postgresql/remote/remoteSecure/mongodb (host, database, table, user,
// password), and the secret after an access key id in s3/s3Cluster/gcs/oss/cosn.
func (d *cmdDet) tableFunction(sc *scanner, tag, at int) {
	data := sc.data
	if at > 0 && is(data[at-1], cWord) {
		return
	}
	p := at + len(cmdAnchors[tag]) - 1
	var args [][2]int
	for len(args) < 8 {
		if p >= len(data) || data[p] != '\'' {
			break
		}
		s := p + 1
		e := bytes.IndexByte(data[s:min(len(data), s+512)], '\'')
		if e < 0 {
			return
		}
		args = append(args, [2]int{s, s + e})
		p = skipSpaces(data, s+e+1)
		if p >= len(data) || data[p] != ',' {
			break
		}
		p = skipSpaces(data, p+1)
	}
	if tag < cmdTableFnS3 {
		if len(args) >= 5 {
			d.emitPassword(sc, args[4][0], args[4][1])
		}
		return
	}
	first := 1 // s3(url, key id, secret, …)
	if tag == cmdTableFnS3+1 {
		first = 2 // s3Cluster(cluster, url, key id, secret, …)
	}
	if len(args) <= first+1 {
		return
	}
	id, sec := data[args[first][0]:args[first][1]], data[args[first+1][0]:args[first+1][1]]
	if len(id) < 16 || len(id) > 128 || run(id, 0, cUpper|cDigit, len(id)) != len(id) && !bytes.HasPrefix(id, []byte("GOOG")) {
		return
	}
	if genericSecretValue(sec) && !isPlaceholder(sec) && classCount(sec) >= 2 {
		sc.emit(d.secret, args[first+1][0], args[first+1][1], string(sec))
	}
}

// valueBelowKey reads a value printed on the line below its key: PHP's var_dump
// (["password"]=> / string(12) "…") and redis-cli's replies to HGETALL and CONFIG GET
// (5) "smtp_pass" / 6) "…").
func (d *cmdDet) valueBelowKey(sc *scanner, tag, ls, at int) {
	data := sc.data
	if ls < 2 {
		return
	}
	pls := bytes.LastIndexByte(data[max(0, ls-257):ls-1], '\n') + 1 + max(0, ls-257)
	prev := bytes.TrimRight(data[pls:ls-1], "\r")
	var key []byte
	var vs int
	if tag == cmdVarDump {
		// this line: string(N) "…"; the one above: ["key"]=>
		if len(bytes.TrimSpace(data[ls:at])) != 0 {
			return
		}
		p := at + len("string(")
		q := run(data, p, cDigit, 6)
		if q == p || !bytes.HasPrefix(data[q:], []byte(`) "`)) {
			return
		}
		vs = q + 3
		t := bytes.TrimSpace(prev)
		if !bytes.HasPrefix(t, []byte(`["`)) || !bytes.HasSuffix(t, []byte(`"]=>`)) {
			return
		}
		key = t[2 : len(t)-4]
	} else {
		// this line: N) "…" with N even; the one above: N-1) "key"
		t := bytes.TrimLeft(data[ls:at], " ")
		if len(t) == 0 || run(t, 0, cDigit, 6) != len(t) || (t[len(t)-1]-'0')%2 != 0 {
			return
		}
		vs = at + 3
		pt := bytes.TrimLeft(prev, " ")
		q := run(pt, 0, cDigit, 6)
		if q == 0 || !bytes.HasPrefix(pt[q:], []byte(`) "`)) || !bytes.HasSuffix(pt, []byte(`"`)) || len(pt) < q+4 {
			return
		}
		key = pt[q+3 : len(pt)-1]
	}
	le := lineEnd(data, vs, 4096)
	if le <= vs || data[le-1] != '"' {
		return
	}
	ve := le - 1
	if len(key) == 0 || len(key) > 64 || run(key, 0, cWord|cDash|cDot, len(key)) != len(key) {
		return
	}
	d.emitNamed(sc, key, vs, ve)
}

// emitNamed reports data[vs:ve], the value a command line gives under the setting named
// key: a password under a password's name, a secret under a secret's when it reads as one.
func (d *cmdDet) emitNamed(sc *scanner, key []byte, vs, ve int) {
	segs := keySegments(key, sc.segBuf[:0], sc.segText[:0])
	v := sc.data[vs:ve]
	switch {
	case passwordKey(segs):
		d.emitPassword(sc, vs, ve)
	case secretKey(segs) && genericSecretValue(v) && !isPlaceholder(v) && classCount(v) >= 2:
		sc.emit(d.secret, vs, ve, string(v))
	}
}

// setter reads a CLI that sets a named configuration value from two arguments: "aws
// configure set aws_secret_access_key …", "npm config set //reg/:_authToken …".
func (d *cmdDet) setter(sc *scanner, tag, at int) {
	data := sc.data
	ks := at + len(cmdAnchors[tag])
	ke := ks
	for ke < len(data) && data[ke] > ' ' && data[ke] < 0x7f && data[ke] != '=' {
		ke++
	}
	if ke >= len(data) || data[ke] != ' ' || ke == ks {
		return
	}
	vs := ke + 1
	q := byte(0)
	if vs < len(data) && (data[vs] == '\'' || data[vs] == '"') {
		q = data[vs]
		vs++
	}
	ve := vs
	for ve < len(data) && data[ve] > ' ' && data[ve] < 0x7f && data[ve] != q {
		ve++
	}
	if q != 0 && (ve >= len(data) || data[ve] != q) {
		return
	}
	key := data[ks:ke]
	if i := bytes.LastIndexAny(key, "/:."); i >= 0 {
		key = key[i+1:]
	}
	d.emitNamed(sc, key, vs, ve)
}

// statsAuth reads HAProxy's "stats auth USER:PASSWORD".
func (d *cmdDet) statsAuth(sc *scanner, ls, at int) {
	data := sc.data
	if len(bytes.TrimSpace(data[ls:at])) != 0 {
		return // the directive starts its line
	}
	p := at + len(cmdAnchors[cmdStatsAuth])
	e := p
	for e < len(data) && data[e] > ' ' && data[e] < 0x7f {
		e++
	}
	c := bytes.IndexByte(data[p:e], ':')
	if c <= 0 {
		return
	}
	d.emitPassword(sc, p+c+1, e)
}

// chpasswd reads "echo 'user:password' | chpasswd": the quoted user:password pair
// piped into it ends just before the anchor at at.
func (d *cmdDet) chpasswd(sc *scanner, ls, at int) {
	data := sc.data
	e := at
	for e > ls && data[e-1] == ' ' {
		e--
	}
	if bytes.HasSuffix(data[ls:e], []byte("sudo")) {
		e -= 4
		for e > ls && data[e-1] == ' ' {
			e--
		}
	}
	if e <= ls || data[e-1] != '|' {
		return
	}
	e--
	for e > ls && data[e-1] == ' ' {
		e--
	}
	if e <= ls || (data[e-1] != '\'' && data[e-1] != '"') {
		return
	}
	q := data[e-1]
	e--
	s := bytes.LastIndexByte(data[ls:e], q)
	if s < 0 {
		return
	}
	s += ls + 1
	if !bytes.HasSuffix(bytes.TrimRight(data[ls:s-1], " "), []byte("echo")) {
		return
	}
	c := bytes.IndexByte(data[s:e], ':')
	if c <= 0 {
		return
	}
	vs := s + c + 1
	v := data[vs:e]
	if len(v) < 4 || isPlaceholder(v) || !passwordValue(v) || bytes.ContainsAny(v, "$`") {
		return
	}
	sc.emit(d.password, vs, e, string(v))
}

// netUse reads Windows' "net use DRIVE: \\host\share /user:DOMAIN\name PASSWORD": the
// password is the argument after the user's (vs is where the user's name starts); "*"
// asks for it at the prompt and a switch ("/persistent:yes") is not one.
func (d *cmdDet) netUse(sc *scanner, vs int) {
	data := sc.data
	ls := lineStartWithin(data, vs, 512)
	if lastIndexFold(data[ls:vs], "net use ") < 0 {
		return
	}
	p := vs
	for p < len(data) && data[p] != ' ' && data[p] != '\n' && data[p] != '\r' && p-vs < 128 {
		p++
	}
	if p >= len(data) || data[p] != ' ' {
		return
	}
	p++
	e := p
	for e < len(data) && data[e] != ' ' && data[e] != '\n' && data[e] != '\r' && e-p < maxUnquoted {
		e++
	}
	v := data[p:e]
	if len(v) < 4 || v[0] == '/' || v[0] == '%' || isPlaceholder(v) || !passwordValue(v) {
		return
	}
	sc.emit(d.password, p, e, string(v))
}

// jaasUsers reads the users a JAAS login module entry declares (Kafka's PlainLoginModule
// and ZooKeeper's DigestLoginModule take user_NAME="password" options): the options
// after "LoginModule required" up to the ';' that ends the entry.
func (d *cmdDet) jaasUsers(sc *scanner, p int) {
	data := sc.data
	lim := min(len(data), p+4096)
	for p < lim && data[p] != ';' {
		for p < lim && (data[p] == ' ' || data[p] == '\t' || data[p] == '\r' || data[p] == '\n') {
			p++
		}
		ks := p
		for p < lim && is(data[p], cWord|cDash|cDot) {
			p++
		}
		if p == ks || p+1 >= lim || data[p] != '=' || data[p+1] != '"' {
			for p < lim && data[p] != '\n' && data[p] != ';' {
				p++ // not an option: skip the line
			}
			continue
		}
		key := data[ks:p]
		vs := p + 2
		ve := vs
		for ve < lim && data[ve] != '"' && data[ve] != '\n' {
			ve++
		}
		if ve >= lim || data[ve] != '"' {
			return
		}
		p = ve + 1
		if len(key) > 5 && hasPrefixFold(key, 0, "user_") {
			v := data[vs:ve]
			if len(v) >= 4 && !isPlaceholder(v) && passwordValue(v) && !bytes.HasPrefix(v, []byte("${")) {
				sc.emit(d.password, vs, ve, string(v))
			}
		}
	}
}
