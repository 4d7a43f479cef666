package clickhouse

import (
	"strings"
)

// The lines SHOW GRANTS prints, read as statements rather than searched for words (a
// database named "insertions" is no INSERT grant, "SETTINGS PROFILE" no FILE one). The
// privilege names and their levels follow src/Access/Common/AccessType.h: source
// privileges (URL, FILE, S3, MONGO, …, grouped as SOURCES; READ and WRITE ON <source>
// from 25.x) exist only at the global level, so "ALL ON db.*" grants none of them.

// grantLine is one GRANT or REVOKE line.
type grantLine struct {
	text   string
	revoke bool
	privs  []string // upper case, words separated by one space; column lists dropped
	// target: "*.*" (global), "db.*", "db.table", a source ("S3", "URL") for READ/WRITE,
	// or "" for a role grant ("GRANT r1 TO u").
	target string
	roles  []string // granted roles, for a role grant
}

func (g grantLine) global() bool { return g.target == "*.*" || g.target == "*" }

// parseGrantLine reads "GRANT SELECT(a, b), INSERT ON db.t TO u WITH GRANT OPTION",
// "REVOKE … FROM …", "GRANT role1, role2 TO u", "GRANT READ, WRITE ON S3 TO u".
func parseGrantLine(line string) (grantLine, bool) {
	g := grantLine{text: line}
	toks := engineTokens(line)
	if len(toks) < 3 || toks[0].kind != 'i' {
		return g, false
	}
	switch strings.ToUpper(toks[0].text) {
	case "GRANT":
	case "REVOKE":
		g.revoke = true
	default:
		return g, false
	}
	i := 1
	// GRANT CURRENT GRANTS(SELECT ON db.*) TO u: the inner grants are what is given.
	if i+1 < len(toks) && isWord(toks[i], "CURRENT") && isWord(toks[i+1], "GRANTS") {
		i += 2
		if i < len(toks) && toks[i].kind == '(' {
			inner := parenBody(toks, i)
			if sub, ok := parseGrantLine("GRANT " + joinTokens(inner) + " TO x"); ok {
				sub.text, sub.revoke = line, g.revoke
				return sub, true
			}
			return g, false
		}
	}
	// Privileges run to the top-level ON, or to TO/FROM for role grants.
	end := -1
	onAt := -1
	depth := 0
	for j := i; j < len(toks); j++ {
		switch toks[j].kind {
		case '(':
			depth++
		case ')':
			depth--
		}
		if depth != 0 {
			continue
		}
		if onAt < 0 && isWord(toks[j], "ON") {
			onAt = j
		}
		if isWord(toks[j], "TO") || isWord(toks[j], "FROM") {
			end = j
			break
		}
	}
	if end < 0 {
		return g, false
	}
	privEnd := end
	if onAt >= 0 && onAt < end {
		privEnd = onAt
		g.target = targetText(toks[onAt+1 : end])
	}
	var words []string
	flush := func() {
		if len(words) > 0 {
			g.privs = append(g.privs, strings.ToUpper(strings.Join(words, " ")))
			words = nil
		}
	}
	depth = 0
	for j := i; j < privEnd; j++ {
		t := toks[j]
		switch {
		case t.kind == '(':
			depth++
		case t.kind == ')':
			depth--
		case depth > 0:
		case t.kind == ',':
			flush()
		case t.kind == 'i' || t.kind == 'q':
			words = append(words, t.text)
		}
	}
	flush()
	if len(g.privs) == 0 {
		return g, false
	}
	if g.target == "" {
		// A role grant: what was listed are roles (names keep their case).
		g.roles = nil
		depth = 0
		var name []string
		for j := i; j < privEnd; j++ {
			t := toks[j]
			switch {
			case t.kind == ',':
				if len(name) > 0 {
					g.roles = append(g.roles, strings.Join(name, " "))
				}
				name = nil
			case t.kind == 'i' || t.kind == 'q':
				name = append(name, t.text)
			}
		}
		if len(name) > 0 {
			g.roles = append(g.roles, strings.Join(name, " "))
		}
		g.privs = nil
	}
	return g, true
}

func isWord(t engTok, w string) bool { return t.kind == 'i' && strings.EqualFold(t.text, w) }

// parenBody returns the tokens inside the parentheses that open at toks[i].
func parenBody(toks []engTok, i int) []engTok {
	depth := 0
	for j := i; j < len(toks); j++ {
		switch toks[j].kind {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return toks[i+1 : j]
			}
		}
	}
	return toks[i+1:]
}

func joinTokens(toks []engTok) string {
	var b strings.Builder
	for _, t := range toks {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		switch t.kind {
		case 's':
			b.WriteString(quoteString(t.text))
		case 'q':
			b.WriteString(quoteIdent(t.text))
		default:
			b.WriteString(t.text)
		}
	}
	return b.String()
}

// targetText normalises what follows ON: "*.*", "db.*", "db.t", "S3", "URL('…')".
func targetText(toks []engTok) string {
	var b strings.Builder
	for _, t := range toks {
		switch t.kind {
		case 'i', 'q', 'n':
			b.WriteString(t.text)
		case 's':
			b.WriteString("'" + t.text + "'")
		default:
			b.WriteString(t.text)
		}
	}
	return b.String()
}

// grantSet is a user's grants: its own lines and, with FINAL or per role, its roles'.
type grantSet struct {
	lines []grantLine
	roles []string // roles granted, for servers without SHOW GRANTS … FINAL
}

func parseGrants(lines []string) *grantSet {
	gs := &grantSet{}
	for _, l := range lines {
		g, ok := parseGrantLine(l)
		if !ok {
			continue
		}
		if len(g.roles) > 0 && !g.revoke {
			gs.roles = append(gs.roles, g.roles...)
			continue
		}
		gs.lines = append(gs.lines, g)
	}
	return gs
}

// sourcePrivileges are the privileges of the SOURCES group (global level).
var sourcePrivileges = map[string]bool{"FILE": true, "URL": true, "REMOTE": true, "MONGO": true, "REDIS": true, "MYSQL": true,
	"POSTGRES": true, "SQLITE": true, "ODBC": true, "JDBC": true, "HDFS": true, "S3": true, "HIVE": true, "AZURE": true,
	"KAFKA": true, "NATS": true, "RABBITMQ": true, "YTSAURUS": true, "ARROW_FLIGHT": true, "ARROW FLIGHT": true}

// writePrivilege reports whether a privilege changes data, schema or the server.
func writePrivilege(p string) bool {
	switch {
	case p == "ALL" || p == "ALL PRIVILEGES" || p == "INSERT" || p == "TRUNCATE" || p == "TRUNCATE TABLE" || p == "OPTIMIZE" ||
		p == "UPDATE" || p == "DELETE" || p == "BACKUP":
		return true
	case strings.HasPrefix(p, "CREATE TEMPORARY") || strings.HasPrefix(p, "CREATE ARBITRARY TEMPORARY"):
		return false
	case strings.HasPrefix(p, "ALTER") && !strings.HasPrefix(p, "ALTER USER") && !strings.HasPrefix(p, "ALTER ROLE") &&
		!strings.HasPrefix(p, "ALTER QUOTA") && !strings.HasPrefix(p, "ALTER SETTINGS PROFILE") && !strings.HasPrefix(p, "ALTER ROW POLICY"):
		return true
	case strings.HasPrefix(p, "CREATE") || strings.HasPrefix(p, "DROP") || strings.HasPrefix(p, "UNDROP") || strings.HasPrefix(p, "SYSTEM"):
		return !strings.Contains(p, "USER") && !strings.Contains(p, "ROLE") && !strings.Contains(p, "QUOTA") &&
			!strings.Contains(p, "PROFILE") && !strings.Contains(p, "POLICY")
	}
	return false
}

// writeLine returns the first GRANT line that gives a writing privilege anywhere.
func (gs *grantSet) writeLine() string {
	for _, g := range gs.lines {
		if g.revoke {
			continue
		}
		for _, p := range g.privs {
			if writePrivilege(p) {
				return g.text
			}
		}
	}
	return ""
}

// globalGrant reports whether a global grant gives p, directly or through ALL, and no
// global revoke takes it back.
func (gs *grantSet) globalGrant(p string, groups ...string) bool {
	given := false
	for _, g := range gs.lines {
		if !g.global() {
			continue
		}
		for _, q := range g.privs {
			match := q == p || q == "ALL" || q == "ALL PRIVILEGES"
			for _, gr := range groups {
				match = match || q == gr
			}
			if !match {
				continue
			}
			if g.revoke {
				if q == p {
					return false
				}
			} else {
				given = true
			}
		}
	}
	return given
}

// sourceGranted reports whether the grants let the user read the source (the privilege
// table functions of that source need): the source privilege or SOURCES or ALL on *.*,
// or, from 25.x, READ ON <source> or READ ON *.
func (gs *grantSet) sourceGranted(source string) bool {
	if gs.globalGrant(source, "SOURCES") {
		return true
	}
	for _, g := range gs.lines {
		if g.revoke {
			continue
		}
		for _, q := range g.privs {
			if q != "READ" && q != "SOURCE READ" {
				continue
			}
			t := strings.ToUpper(g.target)
			if i := strings.IndexByte(t, '('); i >= 0 {
				t = t[:i] // READ ON URL('regex'): some URLs
			}
			if t == "*" || t == "*.*" || t == source {
				return true
			}
		}
	}
	return false
}

// adminLine returns the line that makes the user an administrator: every privilege on
// every database, or access management (which includes ALTER USER: it can set anyone's
// password), whether as ALL or listed one privilege at a time as the Docker image's
// entrypoint does.
func (gs *grantSet) adminLine() string {
	for _, g := range gs.lines {
		if g.revoke || !g.global() {
			continue
		}
		for _, q := range g.privs {
			switch q {
			case "ALL", "ALL PRIVILEGES", "ACCESS MANAGEMENT", "ALTER USER", "CREATE USER", "ROLE ADMIN":
				return g.text
			}
		}
	}
	return ""
}
