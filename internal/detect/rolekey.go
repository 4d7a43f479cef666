package detect

import "bytes"

// roleKeyDet reads passwords stored under names that do not say "password" but name
// the account the password opens (issue 11, recall out of sample):
//
//   - a service's privileged account as the key: "mysql_root": "…", DB_ROOT=…,
//     ldap_admin: …, pg_superuser = '…' — a Chef data bag's, an Ansible vault's or a
//     .env's way of keeping one password a role;
//   - the user macros of Nagios's resource.cfg ("$USER3$=…"): $USER1$ is the plugins'
//     directory by convention, the others hold the passwords and keys that check
//     commands pass on, which is what the file is for.
//
// The value must read as a typed password (typedPassword) or random letters: paths,
// host names, versions, e-mail addresses and user names stay out.
type roleKeyDet struct {
	password, secret *Rule
}

// privilegedRoles name a privileged account.
var privilegedRoles = map[string]bool{"root": true, "admin": true, "administrator": true, "superuser": true, "sysadmin": true}

// roleServices are the services whose privileged account a role key names.
var roleServices = map[string]bool{
	"mysql": true, "mariadb": true, "db": true, "database": true, "pg": true, "postgres": true, "postgresql": true,
	"psql": true, "mssql": true, "sql": true, "sqlserver": true, "oracle": true, "mongo": true, "mongodb": true,
	"redis": true, "ldap": true, "rabbitmq": true, "rabbit": true, "elastic": true, "elasticsearch": true,
	"grafana": true, "jenkins": true, "keycloak": true, "wordpress": true, "wp": true, "drupal": true,
	"vault": true, "tomcat": true, "weblogic": true, "jboss": true, "couchdb": true, "influxdb": true,
	"minio": true, "ipmi": true, "idrac": true, "ilo": true, "bmc": true, "mq": true, "kibana": true,
	"nexus": true, "gitlab": true, "gitea": true, "harbor": true, "clickhouse": true, "cassandra": true,
	"neo4j": true, "couchbase": true, "openldap": true, "samba": true, "smb": true, "ad": true,
}

func (d *roleKeyDet) anchors() []string {
	return []string{"root", "admin", "superuser", "sysadmin", "$user"}
}

func (d *roleKeyDet) hit(sc *scanner, di, tag, at int) {
	if tag == 4 {
		d.nagiosMacro(sc, at)
		return
	}
	data := sc.data
	ks, ke, ok := keyAround(data, at)
	if !ok || ke-ks < 5 || ke-ks > 40 {
		return
	}
	var buf [12][]byte
	var text [maxKeyLen]byte
	segs := keySegments(data[ks:ke], buf[:0], text[:0])
	if len(segs) < 2 || len(segs) > 3 || !privilegedRoles[string(segs[len(segs)-1])] || !roleServices[string(segs[len(segs)-2])] {
		return
	}
	if at+len(d.anchors()[tag]) != ke && !(ke < len(data) && (data[ke] == '"' || data[ke] == '\'')) {
		// the role word ends the key ("mysql_root", not "mysql_rootdir")
		if !bytes.HasSuffix(bytes.ToLower(data[ks:ke]), []byte(d.anchors()[tag])) {
			return
		}
	}
	a, ok := parseAssign(data, at)
	if !ok || a.valEnd <= a.valStart || a.args {
		return
	}
	v := a.value(data)
	if !roleValue(v) {
		return
	}
	sc.emit(d.password, a.valStart, a.valEnd, string(v))
}

// roleValue accepts what a role key holds as its password.
func roleValue(v []byte) bool {
	if len(v) < 6 || len(v) > 64 || bytes.ContainsAny(v, " \t/\\") || isPlaceholder(v) || notPasswordText(v) {
		return false
	}
	if bytes.IndexByte(v, '@') > 0 && bytes.IndexByte(v[bytes.IndexByte(v, '@'):], '.') > 0 {
		return false // an e-mail address: the account's, not its password
	}
	return typedPassword(v) || randomLetters(v)
}

// nagiosMacro reads "$USERn$=value" at a line's start (Nagios's resource.cfg).
func (d *roleKeyDet) nagiosMacro(sc *scanner, at int) {
	data := sc.data
	if !lineStartAt(data, at) {
		return
	}
	p := at + len("$user")
	q := p
	for q < len(data) && q-p < 3 && isDigit(data[q]) {
		q++
	}
	if q == p || q+1 >= len(data) || data[q] != '$' || data[q+1] != '=' {
		return
	}
	if string(data[p:q]) == "1" {
		return // $USER1$: the plugins' directory
	}
	vs := q + 2
	ve := lineEnd(data, vs, 256)
	vs, ve = trimSpan(data, vs, ve)
	if ve <= vs {
		return
	}
	v := data[vs:ve]
	if bytes.ContainsAny(v, " \t") || v[0] == '/' || v[0] == '$' || isPlaceholder(v) {
		return
	}
	switch {
	case len(v) >= 20 && valueShape(v, false) && !wordy(v):
		sc.emit(d.secret, vs, ve, string(v))
	case typedPassword(v) || randomLetters(v):
		sc.emit(d.password, vs, ve, string(v))
	}
}
