package detect

import "bytes"

// posArgsDet reads a password passed by position to a connection call whose
// signature is documented: MATLAB's database(datasource, username, password), JDBC's
// DriverManager.getConnection(url, user, password), PHP's new PDO(dsn, user, password),
// mysqli_connect/new mysqli/mysql_connect(host, user, password), odbc_connect(dsn,
// user, password) and ldap_bind(link, dn, password). No name stands beside the value;
// the call's signature is the name. Only a string literal at the password's position
// counts (found by the held7 evaluation split).
type posArgsDet struct{ password *Rule }

var posArgCalls = []string{"database(", "getconnection(", "new pdo(", "mysqli_connect(", "new mysqli(", "mysql_connect(",
	"odbc_connect(", "ldap_bind(", "connect("}

// posArgConnect is the tag of "connect(": WebLogic's WLST connect(username, password,
// url), read only when its three arguments are literals and the third a URL
// ("t3://host:7001"), which tells this signature from other connect calls.
const posArgConnect = 8

func (d *posArgsDet) anchors() []string { return posArgCalls }

// posArgPassword is the 0-based index of the password argument of every call.
const posArgPassword = 2

func (d *posArgsDet) hit(sc *scanner, di, tag, at int) {
	data := sc.data
	if !hasPrefixFold(data, at, posArgCalls[tag]) {
		return
	}
	if tag == 0 && at > 0 && (is(data[at-1], cWord) || data[at-1] == '.') {
		return // "create_database(", "db.database(": not MATLAB's function
	}
	p := at + len(posArgCalls[tag])
	if tag == posArgConnect {
		d.urlLastConnect(sc, p)
		return
	}
	for arg := 0; arg <= posArgPassword; arg++ {
		p = skipSpaces(data, p)
		if p >= len(data) {
			return
		}
		vs, ve, next, lit := posArg(data, p)
		if next < 0 {
			return
		}
		if arg == posArgPassword {
			if !lit {
				return
			}
			v := data[vs:ve]
			if len(v) < 4 || !passwordValue(v) || isPlaceholder(v) || notPasswordText(v) ||
				!bytes.ContainsAny(v, "0123456789!@#$%^&*+=?~/\\|<>;") && !randomLetters(v) {
				return
			}
			sc.emit(d.password, vs, ve, string(v))
			return
		}
		if next >= len(data) || data[next] != ',' {
			return // fewer arguments: no password given by position
		}
		p = next + 1
	}
}

// posArg reads one argument at p: a string literal (its text's bounds, lit true) or
// an expression up to the next ',' or ')' at its depth. next is the offset of the
// ',' or ')' that ends it, -1 when none does within bounds.
func posArg(data []byte, p int) (vs, ve, next int, lit bool) {
	if q := data[p]; q == '\'' || q == '"' {
		i := p + 1
		for i < len(data) && i-p < 256 && data[i] != '\n' {
			if data[i] == '\\' {
				i += 2
				continue
			}
			if data[i] == q {
				if i+1 < len(data) && data[i+1] == q {
					i += 2 // MATLAB's and SQL's doubled quote
					continue
				}
				break
			}
			i++
		}
		if i >= len(data) || data[i] != q {
			return 0, 0, -1, false
		}
		n := skipSpaces(data, i+1)
		if n >= len(data) || data[n] != ',' && data[n] != ')' {
			return 0, 0, -1, false // "'a' + b": an expression, not a literal
		}
		return p + 1, i, n, true
	}
	depth := 0
	for i := p; i < len(data) && i-p < 256 && data[i] != '\n'; i++ {
		switch data[i] {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			if depth == 0 {
				return 0, 0, i, false
			}
			depth--
		case ',':
			if depth == 0 {
				return 0, 0, i, false
			}
		case '\'', '"':
			return 0, 0, -1, false // a literal inside an expression: too far to follow
		}
	}
	return 0, 0, -1, false
}

// urlLastConnect reads connect(username, password, url) from p, after the '(': three
// literals, the third a URL with a scheme.
func (d *posArgsDet) urlLastConnect(sc *scanner, p int) {
	data := sc.data
	var span [3][2]int
	for arg := 0; arg < 3; arg++ {
		p = skipSpaces(data, p)
		if p >= len(data) {
			return
		}
		vs, ve, next, lit := posArg(data, p)
		if next < 0 || !lit || ve == vs {
			return
		}
		span[arg] = [2]int{vs, ve}
		if arg < 2 && data[next] != ',' {
			return
		}
		p = next + 1
	}
	u := data[span[2][0]:span[2][1]]
	i := bytes.Index(u, []byte("://"))
	if i <= 0 || run(u, 0, cAlnum, i) != i || i+3 >= len(u) {
		return
	}
	vs, ve := span[1][0], span[1][1]
	v := data[vs:ve]
	if len(v) < 4 || !passwordValue(v) || isPlaceholder(v) || notPasswordText(v) ||
		!bytes.ContainsAny(v, "0123456789!@#$%^&*+=?~/\\|<>;") && !randomLetters(v) {
		return
	}
	sc.emit(d.password, vs, ve, string(v))
}
