package querywatch

import (
	"strings"

	"github.com/leakwatch/leakwatch/internal/lazyre"
)

// token is a piece of a query: an identifier (bare, `backquoted` or "quoted"), a string
// literal, or one punctuation byte. Comments and white space are dropped.
type token struct {
	kind  byte   // 'i' identifier, 'q' quoted identifier, 's' string literal, 'p' punctuation
	text  string // identifier or literal content (unescaped), or the punctuation byte
	start int    // byte offset in the query
	end   int
}

// maxTokens bounds the work spent on one logged query, whatever its size.
const maxTokens = 20_000

// tokenize splits a ClickHouse query. It never fails: an unterminated quote or comment
// runs to the end of the text, as a hostile client may well send.
func tokenize(q string) []token {
	var out []token
	for i := 0; i < len(q) && len(out) < maxTokens; {
		c := q[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '-' && i+1 < len(q) && q[i+1] == '-', c == '#':
			j := strings.IndexByte(q[i:], '\n')
			if j < 0 {
				return out
			}
			i += j + 1
		case c == '/' && i+1 < len(q) && q[i+1] == '*':
			j := strings.Index(q[i+2:], "*/")
			if j < 0 {
				return out
			}
			i += j + 4
		case c == '\'' || c == '"' || c == '`':
			var b strings.Builder
			j := i + 1
			for j < len(q) {
				if q[j] == '\\' && j+1 < len(q) {
					b.WriteByte(q[j+1])
					j += 2
					continue
				}
				if q[j] == c {
					if j+1 < len(q) && q[j+1] == c { // doubled quote
						b.WriteByte(c)
						j += 2
						continue
					}
					break
				}
				b.WriteByte(q[j])
				j++
			}
			kind := byte('q')
			if c == '\'' {
				kind = 's'
			}
			end := min(j+1, len(q))
			out = append(out, token{kind: kind, text: b.String(), start: i, end: end})
			i = end
		case isIdentStart(c):
			j := i + 1
			for j < len(q) && isIdentByte(q[j]) {
				j++
			}
			out = append(out, token{kind: 'i', text: q[i:j], start: i, end: j})
			i = j
		default:
			out = append(out, token{kind: 'p', text: q[i : i+1], start: i, end: i + 1})
			i++
		}
	}
	return out
}

func isIdentStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func isIdentByte(c byte) bool { return isIdentStart(c) || c >= '0' && c <= '9' }

func (t token) isWord(w string) bool  { return t.kind == 'i' && strings.EqualFold(t.text, w) }
func (t token) isPunct(p string) bool { return t.kind == 'p' && t.text == p }
func (t token) isName() bool          { return t.kind == 'i' || t.kind == 'q' }

// riskyFunctions are table functions (and the matching engines) that reach outside the
// server's own tables: files, URLs, other servers, object stores and the data lakes in
// them, programs (docs/en/sql-reference/table-functions up to 25.x). Keys are lower
// case; values the names as ClickHouse writes them.
var riskyFunctions = map[string]string{
	"file": "file", "filecluster": "fileCluster", "url": "url", "urlcluster": "urlCluster", "remote": "remote",
	"remotesecure": "remoteSecure", "s3": "s3", "s3cluster": "s3Cluster", "gcs": "gcs", "hdfs": "hdfs",
	"hdfscluster": "hdfsCluster", "mysql": "mysql", "postgresql": "postgresql", "mongodb": "mongodb", "redis": "redis",
	"jdbc": "jdbc", "odbc": "odbc", "executable": "executable", "azureblobstorage": "azureBlobStorage",
	"azureblobstoragecluster": "azureBlobStorageCluster", "sqlite": "sqlite",
	"iceberg": "iceberg", "icebergs3": "icebergS3", "icebergazure": "icebergAzure", "iceberghdfs": "icebergHDFS",
	"iceberglocal": "icebergLocal", "icebergcluster": "icebergCluster", "icebergs3cluster": "icebergS3Cluster",
	"icebergazurecluster": "icebergAzureCluster", "iceberghdfscluster": "icebergHDFSCluster",
	"deltalake": "deltaLake", "deltalakecluster": "deltaLakeCluster", "deltalakeazure": "deltaLakeAzure",
	"deltalakelocal": "deltaLakeLocal", "deltalakes3": "deltaLakeS3", "hudi": "hudi", "hudicluster": "hudiCluster",
	"paimon": "paimon", "hive": "hive", "ytsaurus": "ytsaurus", "arrowflight": "arrowFlight",
}

// credentialFunctions take user names, passwords or keys after their first argument.
var credentialFunctions = map[string]bool{"remote": true, "remoteSecure": true, "mysql": true, "postgresql": true,
	"mongodb": true, "redis": true, "s3": true, "s3Cluster": true, "gcs": true, "azureBlobStorage": true,
	"azureBlobStorageCluster": true, "jdbc": true, "odbc": true, "iceberg": true, "icebergS3": true, "icebergAzure": true,
	"icebergCluster": true, "icebergS3Cluster": true, "icebergAzureCluster": true, "deltaLake": true, "deltaLakeS3": true,
	"deltaLakeAzure": true, "deltaLakeCluster": true, "hudi": true, "hudiCluster": true, "paimon": true, "ytsaurus": true,
	"arrowFlight": true}

// tableFunctions lists the risky table functions a query calls (or the risky engines a
// CREATE TABLE uses), each once, in order.
func tableFunctions(toks []token) []string {
	var out []string
	for i := 0; i+1 < len(toks); i++ {
		t := toks[i]
		if t.kind != 'i' || !toks[i+1].isPunct("(") {
			continue
		}
		name, ok := riskyFunctions[strings.ToLower(t.text)]
		if !ok {
			continue
		}
		// "x.file(" is a method-like call on something else; "file(" alone is ours.
		if i > 0 && toks[i-1].isPunct(".") {
			continue
		}
		if !contains(out, name) {
			out = append(out, name)
		}
	}
	return out
}

// tableRefs lists the tables a query reads: names after FROM and JOIN, as "db.table" or
// "table", lower-cased, without table functions and subqueries.
func tableRefs(toks []token) []string {
	if len(toks) > 0 && toks[0].isWord("SHOW") {
		return nil // SHOW TABLES FROM db names a database
	}
	var out []string
	for i := 0; i < len(toks); i++ {
		if !(toks[i].isWord("FROM") || toks[i].isWord("JOIN")) {
			continue
		}
		j := i + 1
		if j >= len(toks) || !toks[j].isName() {
			continue
		}
		name := toks[j].text
		if j+2 < len(toks) && toks[j+1].isPunct(".") && toks[j+2].isName() {
			name += "." + toks[j+2].text
			j += 2
		}
		if j+1 < len(toks) && toks[j+1].isPunct("(") {
			continue // a table function
		}
		name = strings.ToLower(name)
		if !contains(out, name) {
			out = append(out, name)
		}
	}
	return out
}

// enumerationKind names what a query enumerates (databases, tables, columns, users,
// grants …), or "" when it is not an enumeration query.
func enumerationKind(toks []token) string {
	if len(toks) == 0 {
		return ""
	}
	first := strings.ToUpper(toks[0].text)
	switch first {
	case "SHOW":
		if len(toks) > 1 {
			w := strings.ToUpper(toks[1].text)
			switch w {
			case "DATABASES", "TABLES", "DICTIONARIES", "COLUMNS", "USERS", "GRANTS", "ROLES", "CLUSTERS", "CREATE", "FULL", "ACCESS", "PROCESSLIST", "SETTINGS":
				return "SHOW " + w
			}
		}
		return ""
	case "DESCRIBE", "DESC":
		return "DESCRIBE"
	}
	for i := 0; i+2 < len(toks); i++ {
		if toks[i].isName() && strings.EqualFold(toks[i].text, "system") && toks[i+1].isPunct(".") && toks[i+2].isName() {
			switch t := strings.ToLower(toks[i+2].text); t {
			case "tables", "columns", "databases", "dictionaries", "users", "grants", "roles", "clusters", "data_skipping_indices":
				return "system." + t
			}
		}
	}
	return ""
}

// normalize collapses a query for counting distinct enumeration queries: case and white
// space do not make a new query.
func normalize(q string) string {
	return strings.ToLower(strings.Join(strings.Fields(q), " "))
}

var userinfoRE = lazyre.New(`(?i)([a-z][a-z0-9+.-]*://[^:/@\s'"]+):[^@/\s'"]+@`)

// redactCredentials hides what a logged query passes as credentials: every string
// argument but the first of remote(), mysql(), s3() and the like, and passwords in URLs.
func redactCredentials(q string, toks []token) string {
	type span struct{ start, end int }
	var hide []span
	for i := 0; i+1 < len(toks); i++ {
		t := toks[i]
		if t.kind != 'i' || !toks[i+1].isPunct("(") {
			continue
		}
		name, ok := riskyFunctions[strings.ToLower(t.text)]
		if !ok || !credentialFunctions[name] {
			continue
		}
		depth, arg := 0, 0
		for j := i + 1; j < len(toks); j++ {
			tk := toks[j]
			switch {
			case tk.isPunct("("):
				depth++
			case tk.isPunct(")"):
				depth--
			case tk.isPunct(",") && depth == 1:
				arg++
			case tk.kind == 's' && depth == 1 && arg > 0:
				hide = append(hide, span{tk.start, tk.end})
			}
			if depth == 0 {
				break
			}
		}
	}
	if len(hide) == 0 {
		return userinfoRE.ReplaceAllString(q, "$1:***@")
	}
	var b strings.Builder
	last := 0
	for _, h := range hide {
		if h.start < last {
			continue
		}
		b.WriteString(q[last:h.start])
		b.WriteString("'***'")
		last = h.end
	}
	b.WriteString(q[last:])
	return userinfoRE.ReplaceAllString(b.String(), "$1:***@")
}

// quote makes a ClickHouse string literal.
func quote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
