package detect

import (
	"bytes"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// credCtxDet reads passwords whose context is not a "key = value" assignment but a
// form with its own grammar (issue 11):
//
//   - command lines that name the password with a flag of its own: PsExec's "-p",
//     PowerShell's "-Password" (Connect-VIServer and the like);
//   - .netrc entries: "machine HOST login USER password PW", on one line or several;
//   - the password argument of well-known calls: DirectoryEntry("LDAP://…", user, pw),
//     DriverManager.getConnection(url, user, pw), NetworkCredential(user, pw),
//     mysqli_connect(host, user, pw), new PDO(dsn, user, pw);
//   - a password compared with a literal in code is in the key/value reader
//     (parseAssign), since its key is a password's name;
//   - prose that gives the password: "the default password is 'X'", "the password
//     for user 'postgres' is 'X'" — the value quoted, as documentation quotes it.
type credCtxDet struct {
	cmd, netrc, call, prose, truenas *Rule
}

// credCalls are the calls whose n-th argument (from 0) is a password.
var credCalls = []struct {
	name string
	arg  int
}{
	{"directoryentry", 2}, {"getconnection", 2}, {"networkcredential", 1}, {"mysqli_connect", 2},
	{"mysql_connect", 2}, {"new pdo", 2}, {"usernamepasswordcredentials", 1},
	// (credCallsStrict on: the value must also read as typed, not as a word)
	// documented signatures of mail, FTP, HTTP, LDAP and database clients (issue 11):
	// Ruby's Net::SMTP.start(addr, port, helo, user, secret), Perl's DBI->connect(dsn,
	// user, pw), login(user, pw) of smtplib, ftplib, imaplib, Net::FTP and Commons
	// Net, ftplib.FTP(host, user, pw), requests' HTTPBasicAuth(user, pw) and auth=(user,
	// pw), aiohttp's BasicAuth(login, pw), PyMySQL/MySQLdb connect(host, user, pw),
	// cx_Oracle/python-oracledb connect(user, pw, dsn), python-ldap's bind_s(dn, pw),
	// keyring.set_password(service, user, pw), Java's PasswordAuthentication(user, pw)
	// and MongoCredential.create*Credential(user, db, pw), Spring's
	// UsernamePasswordAuthenticationToken(user, pw), DriverManagerDataSource(url, user,
	// pw) and SimpleDriverDataSource(driver, url, user, pw), Go's smtp.PlainAuth(id,
	// user, pw, host), url.UserPassword(user, pw), SetBasicAuth(user, pw) and
	// sasl.NewPlainClient(id, user, pw), Ruby's basic_auth(user, pw), Net::FTP.new(host,
	// user, pw) and PG::Connection.new(host, port, opts, tty, db, user, pw), Sequelize(db,
	// user, pw), PHP's ftp_login, ssh2_auth_password, imap_open, oci_connect,
	// mssql_connect and mysqli real_connect, poplib's pass_(pw), Win32 LogonUser(user,
	// domain, pw).
	{"smtp.start", 4}, {"dbi->connect", 2}, {"login", 1}, {"ftplib.ftp", 2}, {"ftp_tls", 2},
	{"httpbasicauth", 1}, {"httpdigestauth", 1}, {"basicauth", 1}, {"auth=", 1},
	{"pymysql.connect", 2}, {"mysqldb.connect", 2}, {"cx_oracle.connect", 1}, {"oracledb.connect", 1},
	{"simple_bind_s", 1}, {"simple_bind", 1}, {"bind_s", 1}, {"keyring.set_password", 2},
	{"passwordauthentication", 1}, {"createcredential", 2}, {"createscramsha1credential", 2},
	{"createscramsha256credential", 2}, {"createplaincredential", 2},
	{"usernamepasswordauthenticationtoken", 1}, {"drivermanagerdatasource", 2}, {"simpledriverdatasource", 3},
	{"plainauth", 2}, {"userpassword", 1}, {"setbasicauth", 1}, {"newplainclient", 2},
	{"basic_auth", 1}, {"net::ftp.new", 2}, {"pg::connection.new", 6}, {"new sequelize", 2},
	{"ftp_login", 2}, {"ssh2_auth_password", 2}, {"imap_open", 2}, {"oci_connect", 1}, {"oci_pconnect", 1},
	{"oci_new_connect", 1}, {"mssql_connect", 2}, {"mysqli_real_connect", 3}, {"real_connect", 2},
	{"pass_", 0}, {"logonuser", 2},
}

// credCallsStrict is the first call whose password must also hold a digit or a sign
// or read as random letters: login(user, pw) and the like are written in examples with
// words ("db.logIn('john', 'wrongsecret')").
const credCallsStrict = 7

const (
	ccPsexec = iota
	ccPassFlag
	ccNetrc
	ccProse
	ccTrueNAS
	ccTrueNASCall
	ccCalls
)

func (d *credCtxDet) anchors() []string {
	a := []string{"psexec", "-password", "machine", "password", "truenas", "login_with_api_key"}
	for _, c := range credCalls {
		a = append(a, c.name)
	}
	return a
}

func (d *credCtxDet) hit(sc *scanner, di, tag, at int) {
	data := sc.data
	switch {
	case tag == ccPsexec:
		if hasPrefixFold(data, at, "psexec") && leftOK(data, at) {
			d.psexec(sc, at+6)
		}
	case tag == ccPassFlag:
		d.passFlag(sc, at)
	case tag == ccNetrc:
		d.netrcEntry(sc, at)
	case tag == ccProse:
		d.proseValue(sc, at)
	case tag == ccTrueNAS || tag == ccTrueNASCall:
		if leftOK(data, at) {
			d.truenasKey(sc, at)
		}
	default:
		c := credCalls[tag-ccCalls]
		if hasPrefixFold(data, at, c.name) && (at == 0 || !is(data[at-1], cWord)) {
			d.callArg(sc, at+len(c.name), c.arg, tag-ccCalls >= credCallsStrict)
		}
	}
}

// cmdWord reads the command-line word at p: quoted, or up to the next blank. It
// returns the value's bounds and whether it was quoted.
func cmdWord(data []byte, p, end int) (int, int, bool) {
	if p >= end {
		return p, p, false
	}
	if q := data[p]; q == '"' || q == '\'' {
		e := bytes.IndexByte(data[p+1:end], q)
		if e < 0 {
			return p, p, false
		}
		return p + 1, p + 1 + e, true
	}
	e := p
	for e < end && data[e] != ' ' && data[e] != '\t' && data[e] != '"' && data[e] != '\'' && data[e] != ')' {
		e++
	}
	return p, e, false
}

// strongContextPassword accepts a value that a form built for passwords holds: it
// rules out stand-ins, variables of shells, batch files and PowerShell, and flags.
func strongContextPassword(v []byte) bool {
	if len(v) < 3 || len(v) > 128 || !passwordValue(v) {
		return false
	}
	switch v[0] {
	case '$', '%', '-', '@', '<', '{', '[':
		return false // $Password, %PASS%, the next flag, @file, <password>, {PASSWORD}
	}
	if !printableASCII(v) {
		return false // blanks end a word; other bytes come from decoding ("%AD…%")
	}
	if pctEnd(v) || isPlaceholder(v) {
		return false
	}
	low := bytes.ToLower(v)
	if passwordWords[string(low)] || len(v) < 10 && containsFold(v, "pw", "pass") {
		return false // "password", "mypass", "pwd2": samples that say what they are
	}
	return true
}

// psexec finds "-p PASSWORD" on the rest of a PsExec command line.
func (d *credCtxDet) psexec(sc *scanner, p int) {
	data := sc.data
	end := lineEnd(data, p, 512)
	for i := p; i+3 < end; i++ {
		if data[i] != '-' || data[i+1] != 'p' || data[i+2] != ' ' || data[i-1] != ' ' && data[i-1] != '\t' {
			continue
		}
		vs, ve, _ := cmdWord(data, skipSpaces(data, i+3), end)
		if v := data[vs:ve]; strongContextPassword(v) {
			sc.emit(d.cmd, vs, ve, string(v))
		}
		return
	}
}

// truenasKey reads a TrueNAS API key, "<key id>-<64 letters and digits>", named by
// the word "truenas" or passed to the auth.login_with_api_key method, within the
// next few hundred bytes.
func (d *credCtxDet) truenasKey(sc *scanner, at int) {
	data := sc.data
	lim := min(len(data), at+300)
	for i := at; i < lim; i++ {
		if !isDigit(data[i]) || i > 0 && is(data[i-1], cWord|cDash) {
			continue
		}
		j := i
		for j < lim && j-i < 5 && isDigit(data[j]) {
			j++
		}
		if j >= lim || data[j] != '-' {
			continue
		}
		e := run(data, j+1, cAlnum, 80)
		if e-j-1 != 64 || e < len(data) && is(data[e], cWord|cDash) {
			continue
		}
		if body := data[j+1 : e]; classCount(body) >= 2 && !isPlaceholder(body) {
			sc.emit(d.truenas, i, e, string(data[i:e]))
		}
		return
	}
}

// passFlag reads PowerShell's "-Password VALUE" and "-Password:VALUE".
func (d *credCtxDet) passFlag(sc *scanner, at int) {
	data := sc.data
	if !hasPrefixFold(data, at, "-password") || at > 0 && data[at-1] != ' ' && data[at-1] != '\t' {
		return
	}
	p := at + len("-password")
	if p >= len(data) || data[p] != ' ' && data[p] != ':' {
		return
	}
	end := lineEnd(data, p, 256)
	vs, ve, quoted := cmdWord(data, skipSpaces(data, p+1), end)
	v := data[vs:ve]
	if !strongContextPassword(v) {
		return
	}
	// an unquoted word of letters alone is more often a parameter's name in help text
	// ("-Password SecureString") than a password
	if !quoted && !bytes.ContainsAny(v, "0123456789!@#$%^&*+=?~/\\|;") && !randomLetters(v) {
		return
	}
	sc.emit(d.cmd, vs, ve, string(v))
}

// netrcEntry reads "machine HOST login USER password PW" (or "account"), its tokens
// separated by blanks or line breaks as .netrc allows.
func (d *credCtxDet) netrcEntry(sc *scanner, at int) {
	data := sc.data
	if !hasPrefixFold(data, at, "machine") || !leftOK(data, at) {
		return
	}
	p := at + 7
	if p >= len(data) || data[p] != ' ' && data[p] != '\t' {
		return
	}
	lim := min(len(data), p+400)
	var toks [8][2]int
	n := 0
	for n < len(toks) {
		for p < lim && (data[p] == ' ' || data[p] == '\t' || data[p] == '\n' || data[p] == '\r') {
			p++
		}
		s := p
		for p < lim && data[p] > ' ' && data[p] < 0x7f {
			p++
		}
		if p == s {
			break
		}
		toks[n] = [2]int{s, p}
		n++
	}
	// toks: HOST, then keyword/value pairs; the host is a name with a dot in it
	// ("machine learning login page" is prose)
	if n == 0 {
		return
	}
	host := data[toks[0][0]:toks[0][1]]
	if bytes.IndexByte(host, '.') <= 0 || len(host) > 255 {
		return
	}
	// documentation's hosts (example.com, .test) come with its sample passwords; a
	// password that shows itself a real one is a leak on any host
	docHost := reservedDomain(host)
	var login []byte
	for i := 1; i+1 < n; i += 2 {
		kw := data[toks[i][0]:toks[i][1]]
		switch string(kw) {
		case "login":
			login = data[toks[i+1][0]:toks[i+1][1]]
		case "password":
			vs, ve := toks[i+1][0], toks[i+1][1]
			if v := data[vs:ve]; login != nil && strongContextPassword(v) && (!docHost || realAtDocHost(login, v)) {
				sc.emit(d.netrc, vs, ve, string(v))
			}
			return
		case "account", "port":
		default:
			return
		}
	}
}

// callArg reads the argument list after a call's name and reports argument n when it
// is a string literal.
func (d *credCtxDet) callArg(sc *scanner, p, n int, strict bool) {
	data := sc.data
	p = skipSpaces(data, p)
	if p >= len(data) || data[p] != '(' {
		return
	}
	p++
	lim := min(len(data), p+512)
	for i := 0; p < lim; i++ {
		for p < lim && (data[p] == ' ' || data[p] == '\t' || data[p] == '\n' || data[p] == '\r') {
			p++
		}
		if p >= lim {
			return
		}
		s, e := p, p
		if as, ae, ok := altLiteralAt(data, p); ok && ae < lim {
			s, e = as, ae // q{…}, [[…]], @"…" (altquote.go)
			p = ae + 1
			if data[p-1] != ']' && p < len(data) && data[p] == '"' {
				p++ // @"…", L"…": past the closing quote
			}
			for p < lim && data[p] == ']' {
				p++ // [=[…]=]: past the closing brackets
			}
			for p < lim && data[p] == '=' {
				p++
			}
			for p < lim && data[p] == ']' {
				p++
			}
		} else if q := data[p]; q == '"' || q == '\'' {
			c := bytes.IndexByte(data[p+1:lim], q)
			if c < 0 {
				return
			}
			s, e = p+1, p+1+c
			p = e + 1
		} else {
			// an expression: up to the next ',' or ')' outside brackets
			depth := 0
			for p < lim && (depth > 0 || data[p] != ',' && data[p] != ')') {
				switch data[p] {
				case '(', '[':
					depth++
				case ')', ']':
					depth--
				case '"', '\'':
					return // a string inside an expression: too much to read here
				}
				p++
			}
			if i == n {
				return // the password is not a literal
			}
		}
		if i == n {
			v := data[s:e]
			if strict && (samplePasswordName(v) || !bytes.ContainsAny(v, "0123456789!@#$%^&*+=?~") && !randomLetters(v)) {
				return
			}
			if strongContextPassword(v) {
				sc.emit(d.call, s, e, string(v))
			}
			return
		}
		for p < lim && (data[p] == ' ' || data[p] == '\t' || data[p] == '\n' || data[p] == '\r' || data[p] == '&' || data[p] == '+') {
			p++ // the ends of a literal split in two ("…" & "…", "…" + "…") are not handled: stop below
		}
		if p >= lim || data[p] != ',' {
			return
		}
		p++
	}
}

// proseCopulas join "password" to its value in running text.
var proseCopulas = []string{"is set to ", "is now ", "is ", "was ", "would be ", "should be "}

// proseValue reads "password is 'X'", "default Password is 'X'", "the password for
// user 'postgres' is 'X'": the value quoted, on the same line.
func (d *credCtxDet) proseValue(sc *scanner, at int) {
	data := sc.data
	if !hasPrefixFold(data, at, "password") || at > 0 && is(data[at-1], cWord) {
		return
	}
	p := at + 8
	if p < len(data) && (data[p] == 's' || data[p] == 'S') {
		p++ // "passwords are", "password's": not handled
		return
	}
	if r := proseAside(data, p); r > p {
		p = r // "the password, which IT reset, is …"
	}
	if p >= len(data) || data[p] != ' ' {
		return
	}
	p++
	end := lineEnd(data, p, 160)
	// "for user 'postgres'" / "for root" / "of the admin account" between the word and
	// its copula
	if hasPrefixFold(data, p, "for ") || hasPrefixFold(data, p, "of ") {
		c := -1
		for _, w := range []string{" is ", " was "} {
			if i := indexFold(data[p:end], w); i >= 0 && (c < 0 || i < c) {
				c = i
			}
		}
		if c < 0 || c > 60 {
			return
		}
		p += c + 1
	}
	ok := false
	for _, cop := range proseCopulas {
		if hasPrefixFold(data, p, cop) {
			p += len(cop)
			ok = true
			break
		}
	}
	if !ok || p >= end {
		return
	}
	q := data[p]
	if q != '\'' && q != '"' && q != '`' {
		// "the password is incorrect": an unquoted value must look like one
		if vs, ve, ok := proseBareValue(data, p, end); ok {
			sc.emit(d.prose, vs, ve, string(data[vs:ve]))
		}
		return
	}
	c := bytes.IndexByte(data[p+1:end], q)
	if c < 0 {
		return
	}
	vs, ve := p+1, p+1+c
	if v := data[vs:ve]; strongContextPassword(v) && !identifierLike(v) {
		sc.emit(d.prose, vs, ve, string(v))
	}
}

// credCtxRules builds the rules credCtxDet emits.
func credCtxRules() []*Rule {
	d := &credCtxDet{}
	mk := func(id, title string, ex, nex []string) *Rule {
		return &Rule{ID: id, Title: title, Provider: "Generic", Category: finding.Secret, Severity: finding.High, prio: prioGeneric,
			Remediation: "Change the password, then remove it from the script, file or text that holds it.",
			Keywords:    d.anchors(), Examples: ex, NotExamples: nex, det: d}
	}
	d.cmd = mk("command-line-password", "Password given on a command line (PsExec -p, PowerShell -Password)",
		[]string{`psexec \\{d:2}.0.0.{d:2} -u Administrator -p Wk{a:8}7 cmd.exe`,
			`Connect-VIServer -Server vc01.corp.local -User admin@vsphere.local -Password "Gx{a:9}4!"`,
			`New-Thing -Name x -Password:Tz{a:6}9`},
		[]string{`psexec \\host -u Administrator -p $Password cmd`, `PsExec.exe \\host -u DOM\user -p %ADMINPASS% cmd`,
			`Connect-VIServer $h -User $u -Password $pw`, `-Password SecureString`, `psexec \\host -u admin -p PASSWORD cmd`})
	d.netrc = mk("netrc-password", "Password in a .netrc entry",
		[]string{`machine git.corp.internal login deploy password Qm{a:10}3`, "machine api.internal\n  login ci-bot\n  password Rt{a:8}5\n",
			"machine cache.build.example login bazel password Kv{a:7}4#"},
		[]string{`machine learning login page password reset`, "machine example.com\nlogin daniel\npassword Daniel2024!", "machine ftp.example.org login jo password s3cr3t-Pw", "machine host.internal login bob password ${NETRC_PW}", `the machine login password`})
	d.call = mk("password-call-argument", "Password passed as a literal to a connection or credential call",
		[]string{`New-Object DirectoryServices.DirectoryEntry("LDAP://dc01.corp", "corp\svc", "Hq{a:7}8")`,
			"conn = DriverManager.getConnection(url,\n    \"report\", \"Lp{a:9}2\");", `new NetworkCredential("svc", "Zx{a:8}1")`},
		[]string{`DriverManager.getConnection(url, user, password)`, `new DirectoryEntry("LDAP://dc01", user, pass)`,
			`new NetworkCredential("svc", "")`, `getConnection("jdbc:h2:mem:", "sa", "")`})
	d.prose = mk("password-in-prose", "Password given in running text",
		[]string{`echo "The password is 'Kv{a:6}3'"`, `The default Password is 'plumtree'`,
			`2. Make sure the password for user 'postgres' is 'Wq{a:5}6' or change the .env file.`},
		[]string{`The password is incorrect`, `the password is 'password'`, `The password is '<your password>'`,
			`The password is "${DB_PASSWORD}"`, `Passwords are 'hashed'`})
	d.truenas = mk("truenas-api-key", "TrueNAS API key",
		[]string{`TRUENAS_API_KEY={d:1}-{a:63}7`, `{"msg": "method", "method": "auth.login_with_api_key", "params": ["{d:2}-{a:63}Q"]}`},
		[]string{`truenas build 24-{h:12}`, `"method": "auth.login_with_api_key", "params": ["{d:2}-{a:40}"]`, `TRUENAS_API_KEY=1-{a:64}x`})
	d.truenas.Provider = "TrueNAS"
	d.truenas.Severity = finding.Critical
	d.truenas.Remediation = remediationFor("TrueNAS")
	return []*Rule{d.cmd, d.netrc, d.call, d.prose, d.truenas}
}

// pctEnd reports a value whose final '%' makes it no password: the end of a variable's
// reference ("PASS%", the rest of "%DB_PASS%"), a percentage ("100%"), or a '%' that is
// one of several ("%s%"). A typed password may end in '%' ("Heron370%"): one '%', after
// letters.
func pctEnd(v []byte) bool {
	n := len(v)
	if v[n-1] != '%' {
		return false
	}
	if bytes.Count(v, []byte("%")) > 1 || n < 5 {
		return true
	}
	body := v[:n-1]
	return allDigits(bytes.ReplaceAll(body, []byte("."), nil)) || upperSnake(body) || !bytes.ContainsAny(body, "abcdefghijklmnopqrstuvwxyz")
}
