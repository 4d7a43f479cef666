package detect

import (
	"bytes"
	"strings"
)

// cliArgsDet reads passwords that documented command-line tools and configuration
// directives take by position, or after an option whose name says nothing of a
// password: Oracle's "mkstore -createCredential ALIAS USER PASSWORD", net-snmp's
// "createUser NAME SHA AUTHPASS AES PRIVPASS" and its clients' "-A"/"-X", OpenLDAP
// clients' "-w", RabbitMQ's "add_user NAME PASSWORD", PuTTY's "-pw", FreeRDP's
// "/p:", 7-Zip's "-pPASSWORD", lftp's "-u user,password" and the like. The tool's
// documented signature is the password's name, so the table below is data: one row
// per tool, never per value, and every value still has to pass the password test.
//
// The same table reads the argument vectors auditd logs for each exec (type=EXECVE
// … a0="tool" a1="…"), where a command line's words are split into fields.
type cliArgsDet struct{ password *Rule }

// cliSpec is one tool's signature.
type cliSpec struct {
	tool string // the command or directive, lower case
	// sub must be one of the tool's words (a subcommand or an option that opens the
	// positional arguments); positions count from it. "" counts from the tool.
	sub string
	// flags are options whose next word (or "=value") is the password; case matters for
	// "-x" options, not for Windows' "/x" ones.
	flags []string
	// glued are option prefixes the password is glued to ("-p" of 7-Zip, "/p:").
	glued []string
	// pos are 1-based positions, among the words after sub (or the tool) that are not
	// options, that hold a password.
	pos []int
	// valued are options that take a value, skipped when counting positions.
	valued []string
	// pair are options whose value is user, sep, password.
	pair []string
	sep  byte
	// directive: the tool must open its line (a configuration file's directive).
	directive bool
	// lead: sub must be the tool's first word ("docker login", not "docker run … login").
	lead bool
	// secret: the tool is a secret's type after the selectors and colon of strongSwan's
	// ipsec.secrets ("host : PSK \"…\"", "user : EAP \"…\"").
	secret bool
}

var cliSpecs = []cliSpec{
	// Oracle wallet: mkstore -wrl DIR -createCredential ALIAS USER PASSWORD, and the
	// secret of -createEntry NAME SECRET.
	{tool: "mkstore", sub: "-createcredential", pos: []int{3}},
	{tool: "mkstore", sub: "-modifycredential", pos: []int{3}},
	{tool: "mkstore", sub: "-createentry", pos: []int{2}},
	// net-snmp's snmpd.conf: createUser [-e ENGINEID] NAME PROTO AUTHPASS [PROTO PRIVPASS]
	{tool: "createuser", pos: []int{3, 5}, valued: []string{"-e"}, directive: true},
	// OpenLDAP's ldap.conf/nslcd.conf: bindpw PASSWORD
	{tool: "bindpw", pos: []int{1}, directive: true},
	{tool: "rootpw", pos: []int{1}, directive: true},
	// strongSwan/Libreswan ipsec.secrets: [selectors] : PSK|EAP|XAUTH "secret" (not NTLM:
	// HTTP's "WWW-Authenticate: NTLM …" carries a challenge)
	{tool: "psk", pos: []int{1}, secret: true}, {tool: "eap", pos: []int{1}, secret: true},
	{tool: "xauth", pos: []int{1}, secret: true},
	{tool: "net-snmp-create-v3-user", flags: []string{"-A", "-X"}},
	// OpenLDAP clients: -w PASSWORD (ldappasswd: -a old, -s new)
	{tool: "ldapsearch", flags: []string{"-w"}}, {tool: "ldapmodify", flags: []string{"-w"}},
	{tool: "ldapadd", flags: []string{"-w"}}, {tool: "ldapdelete", flags: []string{"-w"}},
	{tool: "ldapwhoami", flags: []string{"-w"}}, {tool: "ldapcompare", flags: []string{"-w"}},
	{tool: "ldapmodrdn", flags: []string{"-w"}}, {tool: "ldapexop", flags: []string{"-w"}},
	{tool: "ldappasswd", flags: []string{"-w", "-a", "-s"}},
	// Kerberos administration: MIT kadmin's "-w PASSWORD" (the principal's password,
	// instead of a prompt) and Windows' ktpass "/pass PASSWORD" (also "-pass").
	{tool: "kadmin", flags: []string{"-w"}},
	{tool: "ktpass", flags: []string{"/pass", "-pass"}},
	// net-snmp clients: -A AUTHPASS, -X PRIVPASS
	{tool: "snmpwalk", flags: []string{"-A", "-X"}}, {tool: "snmpget", flags: []string{"-A", "-X"}},
	{tool: "snmpbulkwalk", flags: []string{"-A", "-X"}}, {tool: "snmpbulkget", flags: []string{"-A", "-X"}},
	{tool: "snmpgetnext", flags: []string{"-A", "-X"}}, {tool: "snmpset", flags: []string{"-A", "-X"}},
	{tool: "snmptable", flags: []string{"-A", "-X"}}, {tool: "snmptrap", flags: []string{"-A", "-X"}},
	{tool: "snmpinform", flags: []string{"-A", "-X"}}, {tool: "snmpstatus", flags: []string{"-A", "-X"}},
	{tool: "snmpdf", flags: []string{"-A", "-X"}}, {tool: "snmpdelta", flags: []string{"-A", "-X"}},
	// RabbitMQ: rabbitmqctl add_user NAME PASSWORD, change_password NAME PASSWORD
	{tool: "rabbitmqctl", sub: "add_user", pos: []int{2}, valued: []string{"-n"}},
	{tool: "rabbitmqctl", sub: "change_password", pos: []int{2}, valued: []string{"-n"}},
	{tool: "rabbitmqctl", sub: "authenticate_user", pos: []int{2}, valued: []string{"-n"}},
	// Windows: net user NAME PASSWORD /add; schtasks /RP; cmdkey /pass:; winrs -p:
	{tool: "net", sub: "user", pos: []int{2}, lead: true},
	{tool: "schtasks", flags: []string{"/rp"}},
	{tool: "cmdkey", glued: []string{"/pass:"}},
	{tool: "winrs", glued: []string{"-p:", "-password:"}},
	// wpa_supplicant: wpa_passphrase SSID PASSPHRASE
	{tool: "wpa_passphrase", pos: []int{2}},
	// IBM Db2 CLP: db2 connect to DB user NAME using PASSWORD
	{tool: "db2", flags: []string{"using"}},
	// PuTTY's plink, pscp, psftp: -pw PASSWORD; FreeRDP: /p:PASSWORD
	{tool: "plink", flags: []string{"-pw"}}, {tool: "pscp", flags: []string{"-pw"}}, {tool: "psftp", flags: []string{"-pw"}},
	{tool: "xfreerdp", glued: []string{"/p:"}}, {tool: "wlfreerdp", glued: []string{"/p:"}}, {tool: "sdl-freerdp", glued: []string{"/p:"}},
	{tool: "rdesktop", flags: []string{"-p"}},
	// archivers: 7-Zip -pPASSWORD, zip/unzip -P PASSWORD, RAR -pPASSWORD
	{tool: "7z", glued: []string{"-p"}}, {tool: "7za", glued: []string{"-p"}}, {tool: "7zz", glued: []string{"-p"}},
	{tool: "rar", glued: []string{"-p", "-hp"}}, {tool: "unrar", glued: []string{"-p"}},
	{tool: "zip", flags: []string{"-P"}}, {tool: "unzip", flags: []string{"-P"}},
	// databases: Vertica vsql -w, unixODBC isql DSN USER PASSWORD, Netezza nzsql -pw
	{tool: "vsql", flags: []string{"-w"}},
	{tool: "isql", pos: []int{3}, flags: []string{"-P"}, valued: []string{"-U", "-P", "-S", "-D", "-H", "-I", "-J", "-w", "-b", "-c", "-d", "-i", "-o", "-m", "-s", "-z", "-A", "-a", "-t", "-l", "-k", "-x", "-y"}},
	{tool: "nzsql", flags: []string{"-pw"}},
	// Java keytool and jarsigner: -storepass, -keypass, -srcstorepass, …
	{tool: "keytool", flags: []string{"-storepass", "-keypass", "-srcstorepass", "-deststorepass", "-srckeypass", "-destkeypass", "-new"}},
	{tool: "jarsigner", flags: []string{"-storepass", "-keypass"}},
	// user and password joined: lftp -u user,password; curl --proxy-user and -U
	{tool: "lftp", pair: []string{"-u"}, sep: ','},
	{tool: "curl", pair: []string{"-u", "--user", "-U", "--proxy-user"}, sep: ':'},
	{tool: "cf", sub: "auth", pos: []int{2}, lead: true},
	// HTTPie -a user:password, skopeo/podman/buildah --creds user:password, nikto -id,
	// wfuzz --basic
	{tool: "http", pair: []string{"-a", "--auth"}, sep: ':'}, {tool: "https", pair: []string{"-a", "--auth"}, sep: ':'},
	{tool: "skopeo", pair: []string{"--creds", "--src-creds", "--dest-creds"}, sep: ':'},
	{tool: "podman", pair: []string{"--creds"}, sep: ':'}, {tool: "buildah", pair: []string{"--creds"}, sep: ':'},
	{tool: "nikto", pair: []string{"-id"}, sep: ':'},
	{tool: "wfuzz", pair: []string{"--basic", "--digest", "--ntlm"}, sep: ':'},
	// proxychains.conf's ProxyList: TYPE HOST PORT [USER PASSWORD]
	{tool: "socks5", pos: []int{4}, directive: true},
	// the clients other detectors read on a shell line, listed for auditd's argument
	// vectors: sshpass -p, redis-cli -a, mysql -p…, docker login -p
	{tool: "sshpass", flags: []string{"-p"}},
	{tool: "redis-cli", flags: []string{"-a", "--pass"}},
	{tool: "mysql", glued: []string{"-p", "--password="}},
	{tool: "mysqldump", glued: []string{"-p", "--password="}},
	{tool: "mysqladmin", glued: []string{"-p", "--password="}},
	{tool: "docker", sub: "login", flags: []string{"-p", "--password"}, lead: true},
	{tool: "ipmitool", flags: []string{"-P"}},
	{tool: "sqlcmd", flags: []string{"-P"}},
	{tool: "mosquitto_pub", flags: []string{"-P"}}, {tool: "mosquitto_sub", flags: []string{"-P"}},
	{tool: "mosquitto_rr", flags: []string{"-P"}},
	{tool: "openssl", flags: []string{"-passin", "-passout", "-pass", "-password", "-k"}},
}

// cliExecve is the anchor of auditd's EXECVE records.
const cliExecve = "type=execve "

func (d *cliArgsDet) anchors() []string {
	a := make([]string, 0, len(cliSpecs)+1)
	a = append(a, cliExecve)
	for _, s := range cliSpecs {
		a = append(a, foldString(s.tool))
	}
	return a
}

// cliWord is one word of a command line: its text's bounds in the data.
type cliWord struct{ s, e int }

func (d *cliArgsDet) hit(sc *scanner, di, tag, at int) {
	data := sc.data
	if tag == 0 {
		if hasPrefixFold(data, at, cliExecve) {
			d.execve(sc, at)
		}
		return
	}
	spec := &cliSpecs[tag-1]
	if !hasPrefixFold(data, at, spec.tool) {
		return
	}
	if spec.secret {
		if at < 2 || data[at-1] != ' ' || data[at-2] != ':' || string(data[at:at+len(spec.tool)]) != strings.ToUpper(spec.tool) {
			return
		}
	} else if !cliToolStart(data, at, spec.directive) {
		return
	}
	p := at + len(spec.tool)
	if hasPrefixFold(data, p, ".exe") {
		p += 4
	}
	if p >= len(data) || data[p] != ' ' && data[p] != '\t' {
		return
	}
	words := cliWords(data, p, cliCommandEnd(data, p, 1024))
	d.apply(sc, spec, data, words)
}

// cliToolStart reports whether a tool's name at at starts a command: after the line's
// start, blanks, a path's slash, a quote or a shell operator, not inside a word or a
// name ("my-mkstore", "snmp.createUser"). A directive must open its line.
func cliToolStart(data []byte, at int, directive bool) bool {
	if directive {
		ls := lineStartWithin(data, at, 128)
		for i := ls; i < at; i++ {
			if data[i] != ' ' && data[i] != '\t' {
				return false
			}
		}
		return true
	}
	if at == 0 {
		return true
	}
	switch data[at-1] {
	case ' ', '\t', '\n', '/', '\\', '"', '\'', '`', '(', '|', ';', '&', '$', '>', '=':
		return true
	case 'n', 't':
		// a line break or tab escaped in the string that holds a script (a notebook
		// cell's "%sh\ncurl -u …" in JSON): the command starts a line of the script
		return at >= 2 && data[at-2] == '\\' && (at < 3 || data[at-3] != '\\')
	}
	return false
}

// cliWords splits a command line from p to end into words: quoted or up to a blank;
// a shell operator ends the command.
func cliWords(data []byte, p, end int) []cliWord {
	var ws []cliWord
	for p < end && len(ws) < 48 {
		for p < end {
			if data[p] == ' ' || data[p] == '\t' {
				p++
			} else if n := cliContAt(data, p, end); n > 0 {
				p += n // a continuation line's (cliCommandEnd)
			} else {
				break
			}
		}
		if p >= end {
			break
		}
		switch c := data[p]; c {
		case '|', ';', '&', '>', '<', '`', ')', '#':
			return ws
		case '"', '\'':
			e := bytes.IndexByte(data[p+1:end], c)
			if e < 0 || bytes.IndexByte(data[p+1:p+1+e], '\n') >= 0 {
				return ws
			}
			ws = append(ws, cliWord{p + 1, p + 1 + e})
			p += e + 2
			continue
		}
		s := p
		for p < end && data[p] != ' ' && data[p] != '\t' && data[p] != '<' && data[p] != '>' && data[p] != '\n' && data[p] != '\r' && cliContAt(data, p, end) == 0 {
			p++
		}
		if p == s {
			return ws // a line break no continuation explains
		}
		ws = append(ws, cliWord{s, p})
	}
	return ws
}

// apply reads the passwords spec gives in words.
func (d *cliArgsDet) apply(sc *scanner, spec *cliSpec, data []byte, words []cliWord) {
	text := func(w cliWord) []byte { return data[w.s:w.e] }
	first := 0
	if spec.sub != "" {
		first = -1
		for i, w := range words {
			if i < 16 && (i == 0 || !spec.lead) && bytes.EqualFold(text(w), []byte(spec.sub)) {
				first = i + 1
				break
			}
		}
		if first < 0 {
			return
		}
	}
	// options
	for i := 0; i < len(words); i++ {
		t := text(words[i])
		for _, f := range spec.flags {
			if cliFlagIs(t, f) && i+1 < len(words) {
				d.take(sc, data, words[i+1].s, words[i+1].e)
			} else if len(t) > len(f)+1 && t[len(f)] == '=' && cliFlagIs(t[:len(f)], f) && strings.HasPrefix(f, "--") {
				d.take(sc, data, words[i].s+len(f)+1, words[i].e)
			}
		}
		for _, g := range spec.glued {
			if len(t) > len(g) && cliFlagIs(t[:len(g)], g) {
				d.take(sc, data, words[i].s+len(g), words[i].e)
			}
		}
		for _, f := range spec.pair {
			w := cliWord{}
			switch {
			case cliFlagIs(t, f) && i+1 < len(words):
				w = words[i+1]
			case len(t) > len(f)+1 && t[len(f)] == '=' && cliFlagIs(t[:len(f)], f):
				w = cliWord{words[i].s + len(f) + 1, words[i].e} // --creds=user:password
			default:
				continue
			}
			if t := text(w); len(t) > 1 && (t[0] == '"' || t[0] == '\'') && t[len(t)-1] == t[0] {
				w = cliWord{w.s + 1, w.e - 1}
			}
			switch c := bytes.IndexByte(text(w), spec.sep); {
			case c >= 0 && c+1 < w.e-w.s:
				// user:password, or :password with an empty user name
				d.take(sc, data, w.s+c+1, w.e)
			case c > 0 && generatedUser(text(w)[:c]):
				// KEY: with no password, the form of services that take their API
				// key as the user name; only a key's shape, not a user's name
				d.take(sc, data, w.s, w.s+c)
			}
		}
	}
	if len(spec.pos) == 0 {
		return
	}
	n := 0
	for i := first; i < len(words); i++ {
		t := text(words[i])
		if len(t) > 1 && t[0] == '-' {
			for _, v := range spec.valued {
				if string(t) == v {
					i++
				}
			}
			continue
		}
		n++
		for _, want := range spec.pos {
			if n == want {
				d.take(sc, data, words[i].s, words[i].e)
			}
		}
		if n >= spec.pos[len(spec.pos)-1] {
			return
		}
	}
}

// generatedUser reports a user name that is a key rather than a person's or a
// service's name: 12 or more bytes with letters and digits both, and upper and lower
// case mixed or symbols among them.
func generatedUser(u []byte) bool {
	if len(u) < 12 || !bytes.ContainsAny(u, "0123456789") {
		return false
	}
	return classesOf(u)&(cUpper|cLower) == cUpper|cLower || bytes.ContainsAny(u, "!@#$%^&*+=?~")
}

// cliFlagIs compares an option: exactly for "-x", without case for "/x" and words.
func cliFlagIs(t []byte, f string) bool {
	if f[0] == '-' {
		return string(t) == f
	}
	return bytes.EqualFold(t, []byte(f))
}

// take reports data[s:e] when it reads as a password typed by hand.
func (d *cliArgsDet) take(sc *scanner, data []byte, s, e int) {
	if e-s >= 2 && (data[s] == '"' || data[s] == '\'') && data[e-1] == data[s] {
		s, e = s+1, e-1 // -pw "…" glued to a quote
	}
	if e-s > 5 && string(data[s:s+5]) == "pass:" {
		s += 5 // OpenSSL's pass phrase argument: pass:PASSWORD
	}
	v := data[s:e]
	if len(v) < 6 || !strongContextPassword(v) || notPasswordText(v) || samplePasswordName(v) {
		return // (short: "-passin pass:12345", a sample)
	}
	if !bytes.ContainsAny(v, "0123456789!@#$%^&*+=?~") && !randomLetters(v) {
		return // a word: a sample ("secret"), a name, the next argument
	}
	sc.emit(d.password, s, e, string(v))
}

// execve reads auditd's "type=EXECVE msg=audit(…): argc=N a0="tool" a1="…" …": the
// quoted arguments are the command's words (hex-encoded ones, which auditd writes
// for arguments with blanks or quotes, are left alone).
func (d *cliArgsDet) execve(sc *scanner, at int) {
	data := sc.data
	end := lineEnd(data, at, 4096)
	var words []cliWord
	for p := at; p < end && len(words) < 48; {
		i := bytes.Index(data[p:end], []byte(" a"))
		if i < 0 {
			break
		}
		p += i + 2
		q := p
		for q < end && is(data[q], cDigit) {
			q++
		}
		if q == p || q+1 >= end || data[q] != '=' {
			continue
		}
		if data[q+1] != '"' {
			if len(words) == 0 {
				return // the tool itself encoded: nothing to match
			}
			words = append(words, cliWord{q + 1, q + 1}) // keeps the positions
			continue
		}
		e := bytes.IndexByte(data[q+2:end], '"')
		if e < 0 {
			break
		}
		words = append(words, cliWord{q + 2, q + 2 + e})
		p = q + 2 + e + 1
	}
	if len(words) < 2 {
		return
	}
	tool := data[words[0].s:words[0].e]
	if i := bytes.LastIndexByte(tool, '/'); i >= 0 {
		tool = tool[i+1:]
	}
	for i := range cliSpecs {
		spec := &cliSpecs[i]
		if spec.directive || spec.secret || !bytes.EqualFold(tool, []byte(spec.tool)) {
			continue
		}
		d.apply(sc, spec, data, words[1:])
	}
}

// samplePasswordName reports a value that names itself a password in words
// ("not_a_real_password", "my-secret-pass"): a sample, not a password.
func samplePasswordName(v []byte) bool {
	if !containsFold(v, "password", "passwd", "secret", "pass") {
		return false
	}
	for _, c := range v {
		if !is(c, cLower|cUpper) && c != '_' && c != '-' && c != '.' {
			return false
		}
	}
	return true
}
