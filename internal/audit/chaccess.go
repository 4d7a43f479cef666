package audit

import (
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// Users, roles and grants created with SQL (CREATE USER …) are kept by the server's
// local access directory, one file per entity named <uuid>.sql, holding the statements
// that rebuild it ("ATTACH USER name IDENTIFIED WITH sha256_hash BY '…' HOST LOCAL;
// ATTACH GRANT SELECT ON db.* TO name;", serializeAccessEntity in
// src/Access/AccessEntityIO.cpp, formatted by ASTCreateUserQuery). The directory is
// user_directories/local_directory/path, or access_control_path on servers before
// user_directories.

// maxAccessFiles bounds the entity files read from one access directory.
const maxAccessFiles = 10_000

// accessDir finds the local access directory of a server configuration: as written, or —
// for a copy of a server's files audited elsewhere — a directory of the same name beside
// the configuration. "" when there is none.
func accessDir(cfg *chConfig) string {
	n := cfg.Root.Path("user_directories/local_directory/path")
	if n == nil {
		n = cfg.Root.Child("access_control_path")
	}
	if n == nil || n.Subst != "" || n.Value() == "" {
		return ""
	}
	p := n.Value()
	cands := []string{p}
	if !filepath.IsAbs(p) {
		cands = []string{filepath.Join(filepath.Dir(cfg.Path), p)}
	}
	cands = append(cands, filepath.Join(filepath.Dir(cfg.Path), filepath.Base(strings.TrimRight(p, "/"))))
	for _, c := range cands {
		if st, err := os.Stat(c); err == nil && st.IsDir() {
			return c
		}
	}
	return ""
}

// sqlUser is one ATTACH USER statement, read far enough to judge it.
type sqlUser struct {
	name      string
	pos       Pos
	noPass    bool
	plain     string // a plaintext password, when the file holds one
	hosts     exposure
	hostText  string
	readonly  bool // SETTINGS readonly = 1 or 2
	profile   bool // a settings profile decides (not resolved here)
	writeable bool // granted a writing privilege
}

// auditAccessDir judges the SQL-created users of dir and returns the files it read.
func auditAccessDir(c *collector, dir string, server *chConfig, log *slog.Logger) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		log.Warn("audit: cannot read the ClickHouse access directory", "dir", dir, "err", err)
		return nil
	}
	var files []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".sql") && len(files) < maxAccessFiles {
			files = append(files, filepath.Join(dir, e.Name()))
		}
	}
	sort.Strings(files)
	listen := expWorld
	if server != nil {
		listen = analyseCHServer(server, false).listen
	}
	var read []string
	for _, p := range files {
		data, err := readConfigFile(p)
		if err != nil {
			log.Warn("audit: cannot read a ClickHouse access file", "file", p, "err", err)
			continue
		}
		read = append(read, p)
		u := parseAttachUser(p, string(data))
		if u == nil {
			continue
		}
		judgeSQLUser(c, u, listen)
	}
	return read
}

func judgeSQLUser(c *collector, u *sqlUser, listen exposure) {
	who := fmt.Sprintf("user %q (created with SQL)", u.name)
	note := ""
	if !listen.nonLocal() {
		note = " The server listens on this host only (listen_host), so today the door opens to local processes."
	}
	if u.noPass && u.hosts > expNone {
		sev := finding.Medium
		switch u.hosts {
		case expWorld, expPublic:
			sev = finding.Critical
		case expPrivate:
			sev = finding.High
		}
		c.add(chNoPassword, sev, u.pos,
			fmt.Sprintf("%s is NOT IDENTIFIED (no password) and is accepted from %s (HOST %s).%s", who, u.hosts, u.hostText, note),
			fmt.Sprintf("ATTACH USER %s NOT IDENTIFIED HOST %s", u.name, u.hostText))
	}
	if u.hosts >= expPublic {
		sev := finding.Medium
		if u.noPass {
			sev = finding.High
		}
		c.add(chOpenNetworks, sev, u.pos, fmt.Sprintf("%s is accepted from %s (HOST %s).%s", who, u.hosts, u.hostText, note),
			fmt.Sprintf("ATTACH USER %s … HOST %s", u.name, u.hostText))
	}
	if u.plain != "" {
		c.addSecret(chPlaintextPassword, finding.Medium, u.pos,
			fmt.Sprintf("%s has a plaintext_password, kept in clear in %s: whoever reads the server's data directory (and its backups) can log in.", who, u.pos.File),
			fmt.Sprintf("ATTACH USER %s IDENTIFIED WITH plaintext_password", u.name), u.plain)
	}
	if u.noPass && u.hosts > expNone && u.writeable && !u.readonly && !u.profile {
		sev := finding.Medium
		if u.hosts.nonLocal() {
			sev = finding.High
		}
		c.add(chWritableNoPassword, sev, u.pos,
			fmt.Sprintf("%s needs no password and is granted writing privileges without a readonly setting.", who),
			fmt.Sprintf("ATTACH USER %s NOT IDENTIFIED; ATTACH GRANT … (writing)", u.name))
	}
}

// parseAttachUser reads the ATTACH USER statement of an access file (nil when the file
// holds another kind of entity) and the grants that follow it.
func parseAttachUser(path, text string) *sqlUser {
	toks := sqlTokens(text)
	var u *sqlUser
	for i := 0; i < len(toks); i++ {
		if !(toks[i].word("ATTACH") || toks[i].word("CREATE")) || i+1 >= len(toks) {
			continue
		}
		switch {
		case toks[i+1].word("USER") && u == nil && i+2 < len(toks):
			u = &sqlUser{name: toks[i+2].text, pos: Pos{File: path, Line: toks[i].line}, hosts: expWorld, hostText: "ANY"}
			j := i + 3
			end := j
			for end < len(toks) && toks[end].text != ";" {
				end++
			}
			stmt := toks[j:end]
			identified := false
			for k := 0; k < len(stmt); k++ {
				switch {
				case stmt[k].word("NOT") && k+1 < len(stmt) && stmt[k+1].word("IDENTIFIED"):
					u.noPass, identified = true, true
				case stmt[k].word("IDENTIFIED"):
					identified = true
					if k+2 < len(stmt) && stmt[k+1].word("WITH") {
						switch strings.ToLower(stmt[k+2].text) {
						case "no_password":
							u.noPass = true
						case "plaintext_password":
							if k+4 < len(stmt) && stmt[k+3].word("BY") && stmt[k+4].quoted {
								if stmt[k+4].text == "" {
									u.noPass = true
								} else {
									u.plain = stmt[k+4].text
								}
							}
						}
					}
				case stmt[k].word("HOST"):
					u.hosts, u.hostText = sqlHosts(stmt[k+1:])
				case stmt[k].word("SETTINGS"):
					for m := k + 1; m < len(stmt); m++ {
						if stmt[m].word("readonly") && m+2 < len(stmt) && stmt[m+1].text == "=" && stmt[m+2].text != "0" {
							u.readonly = true
						}
						if stmt[m].word("PROFILE") {
							u.profile = true
						}
					}
				}
			}
			if !identified {
				u.noPass = true // a user created without IDENTIFIED has no password
			}
			i = end
		case toks[i+1].word("GRANT") && u != nil:
			for k := i + 2; k < len(toks) && toks[k].text != ";" && !toks[k].word("ON") && !toks[k].word("TO"); k++ {
				if t := strings.ToUpper(toks[k].text); t == "ALL" || t == "INSERT" || t == "ALTER" || t == "CREATE" || t == "DROP" || t == "TRUNCATE" {
					u.writeable = true
				}
			}
		}
	}
	return u
}

// sqlHosts judges a HOST clause: NONE, ANY, LOCAL, IP '…', NAME '…', REGEXP '…',
// LIKE '…', comma-separated.
func sqlHosts(toks []sqlTok) (exposure, string) {
	exp := expNone
	var parts []string
	for k := 0; k < len(toks); k++ {
		t := toks[k]
		switch {
		case t.word("NONE"):
			parts = append(parts, "NONE")
		case t.word("ANY"):
			exp = max(exp, expWorld)
			parts = append(parts, "ANY")
		case t.word("LOCAL"):
			exp = max(exp, expLocal)
			parts = append(parts, "LOCAL")
		case t.word("IP"):
			for k+1 < len(toks) && toks[k+1].quoted {
				k++
				if p, ok := parseNetwork(toks[k].text); ok {
					exp = max(exp, prefixExposure(p))
				}
				parts = append(parts, "IP '"+toks[k].text+"'")
				if k+1 < len(toks) && toks[k+1].text == "," && k+2 < len(toks) && toks[k+2].quoted {
					k++
				}
			}
		case t.word("NAME") || t.word("REGEXP") || t.word("LIKE"):
			for k+1 < len(toks) && toks[k+1].quoted {
				k++
				v := toks[k].text
				e := expPrivate
				if t.word("LIKE") && (v == "%" || v == "%%") || t.word("REGEXP") && hostRegexpExposure(v) == expWorld {
					e = expWorld
				} else if t.word("NAME") && strings.EqualFold(v, "localhost") {
					e = expLocal
				}
				exp = max(exp, e)
				parts = append(parts, t.text+" '"+v+"'")
				if k+1 < len(toks) && toks[k+1].text == "," && k+2 < len(toks) && toks[k+2].quoted {
					k++
				}
			}
		case t.text == ",":
		default:
			return exp, strings.Join(parts, ", ")
		}
	}
	return exp, strings.Join(parts, ", ")
}

type sqlTok struct {
	text   string
	quoted bool // a 'string literal'
	line   int
}

func (t sqlTok) word(w string) bool { return !t.quoted && strings.EqualFold(t.text, w) }

// sqlTokens splits ClickHouse's formatted statements: words, `names`, 'strings' (with
// backslash escapes), and punctuation; it never fails.
func sqlTokens(s string) []sqlTok {
	var out []sqlTok
	line := 1
	for i := 0; i < len(s) && len(out) < 100_000; {
		c := s[i]
		switch {
		case c == '\n':
			line++
			i++
		case c == ' ' || c == '\t' || c == '\r':
			i++
		case c == '\'' || c == '`' || c == '"':
			var b strings.Builder
			start := line
			j := i + 1
			for j < len(s) && s[j] != c {
				if s[j] == '\\' && j+1 < len(s) {
					j++
				}
				if s[j] == '\n' {
					line++
				}
				b.WriteByte(s[j])
				j++
			}
			out = append(out, sqlTok{text: b.String(), quoted: c == '\'', line: start})
			i = j + 1
		case c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80:
			j := i
			for j < len(s) && (s[j] == '_' || s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z' || s[j] >= '0' && s[j] <= '9' || s[j] >= 0x80 || s[j] == '.') {
				j++
			}
			out = append(out, sqlTok{text: s[i:j], line: line})
			i = j
		default:
			out = append(out, sqlTok{text: s[i : i+1], line: line})
			i++
		}
	}
	return out
}
