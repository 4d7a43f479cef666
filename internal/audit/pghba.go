package audit

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// hbaRecord is one line of pg_hba.conf.
type hbaRecord struct {
	Type      string // local, host, hostssl, hostnossl, hostgssenc, hostnogssenc
	Databases []string
	Users     []string
	Address   string // "" for local; "addr/bits", "addr mask", a host name, all, samehost, samenet
	Method    string
	Pos       Pos
	Raw       string
}

// exposure says who the record admits by network position.
func (r *hbaRecord) exposure() exposure {
	if r.Type == "local" {
		return expLocal
	}
	switch a := strings.ToLower(r.Address); {
	case a == "all":
		return expWorld
	case a == "samehost":
		return expLocal
	case a == "samenet":
		return expPrivate
	case strings.HasPrefix(a, "."):
		return expPublic // a DNS suffix: any host whose reverse name ends so
	}
	addr := r.Address
	if f := strings.Fields(addr); len(f) == 2 {
		addr = f[0] + "/" + f[1]
	}
	if p, ok := parseNetwork(addr); ok {
		return prefixExposure(p)
	}
	if strings.EqualFold(addr, "localhost") {
		return expLocal
	}
	return expPrivate // a host name
}

// parseHBA reads pg_hba.conf and what it includes (include, include_if_exists,
// include_dir: PostgreSQL 16+), in order.
func parseHBA(path string) ([]hbaRecord, []string, error) {
	var recs []hbaRecord
	var files []string
	err := readHBA(path, &recs, &files, 0, true)
	return recs, files, err
}

func readHBA(path string, recs *[]hbaRecord, files *[]string, depth int, required bool) error {
	if depth > 10 {
		return fmt.Errorf("%s: includes nested more than 10 deep", path)
	}
	data, err := readConfigFile(path)
	if err != nil {
		if !required && errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	}
	*files = append(*files, path)
	lines := strings.Split(string(data), "\n")
	for i := 0; i < len(lines); i++ {
		start := i
		line := strings.TrimRight(lines[i], "\r")
		// A backslash at the end continues the record (PostgreSQL 16+).
		for strings.HasSuffix(line, "\\") && i+1 < len(lines) {
			i++
			line = line[:len(line)-1] + " " + strings.TrimRight(lines[i], "\r")
		}
		toks, col, err := hbaTokens(line)
		if err != nil {
			return fmt.Errorf("%s:%d: %v", path, start+1, err)
		}
		if len(toks) == 0 {
			continue
		}
		pos := Pos{File: path, Line: start + 1, Col: col, EndCol: len(strings.TrimRight(lines[start], "\r"))}
		switch kw := strings.ToLower(toks[0]); kw {
		case "include", "include_if_exists":
			if len(toks) != 2 {
				return fmt.Errorf("%s:%d: %s needs one file name", path, start+1, kw)
			}
			if err := readHBA(relTo(path, toks[1]), recs, files, depth+1, kw == "include"); err != nil {
				return err
			}
			continue
		case "include_dir":
			if len(toks) != 2 {
				return fmt.Errorf("%s:%d: include_dir needs one directory", path, start+1)
			}
			names, err := pgIncludeDir(relTo(path, toks[1]))
			if err != nil {
				return err
			}
			for _, n := range names {
				if err := readHBA(n, recs, files, depth+1, true); err != nil {
					return err
				}
			}
			continue
		}
		r := hbaRecord{Type: strings.ToLower(toks[0]), Pos: pos, Raw: strings.TrimSpace(line)}
		if !hbaTypes[r.Type] {
			return fmt.Errorf("%s:%d: invalid connection type %q", path, start+1, toks[0])
		}
		rest := toks[1:]
		need := 3
		if r.Type != "local" {
			need = 4
		}
		if len(rest) < need {
			return fmt.Errorf("%s:%d: incomplete record", path, start+1)
		}
		r.Databases = strings.Split(rest[0], ",")
		r.Users = strings.Split(rest[1], ",")
		rest = rest[2:]
		if r.Type != "local" {
			r.Address = rest[0]
			rest = rest[1:]
			// "addr mask" form: the mask is a separate token.
			if len(rest) >= 2 && looksLikeMask(rest[0]) && !strings.Contains(r.Address, "/") {
				r.Address += " " + rest[0]
				rest = rest[1:]
			}
		}
		r.Method = strings.ToLower(rest[0])
		*recs = append(*recs, r)
	}
	return nil
}

func looksLikeMask(s string) bool {
	_, ok := parseNetwork("0.0.0.0/" + s)
	if !ok {
		_, ok = parseNetwork("::/" + s)
	}
	return ok && strings.ContainsAny(s, ".:")
}

// hbaTokens splits a pg_hba line into tokens: white space separates, double quotes
// group, # starts a comment outside quotes. Quotes are kept out of the token text. col
// is where the first token starts.
func hbaTokens(line string) (toks []string, col int, err error) {
	col = len(line) - len(strings.TrimLeft(line, " \t"))
	var cur strings.Builder
	inTok, inQuote := false, false
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case inQuote:
			if c == '"' {
				inQuote = false
			} else {
				cur.WriteByte(c)
			}
		case c == '"':
			inQuote, inTok = true, true
		case c == '#':
			i = len(line)
		case c == ' ' || c == '\t':
			if inTok {
				toks = append(toks, cur.String())
				cur.Reset()
				inTok = false
			}
		default:
			cur.WriteByte(c)
			inTok = true
		}
	}
	if inQuote {
		return nil, 0, errors.New("unterminated quoted string")
	}
	if inTok {
		toks = append(toks, cur.String())
	}
	return toks, col, nil
}

// pgHBAChecks judges pg_hba records, knowing (when info.known) how far the server listens.
func pgHBAChecks(c *collector, recs []hbaRecord, info pgListenInfo) {
	listenNote := ""
	if info.known && !info.listen.nonLocal() {
		listenNote = " postgresql.conf listens on this host only, so today this line admits local clients; changing " +
			"listen_addresses opens it to the network."
	}
	for _, r := range recs {
		x := r.exposure()
		who := fmt.Sprintf("databases %s, users %s", strings.Join(r.Databases, ","), strings.Join(r.Users, ","))
		from := "local (Unix socket) connections"
		if r.Type != "local" {
			from = fmt.Sprintf("%s connections from %s (%s)", r.Type, r.Address, x)
		}
		switch r.Method {
		case "trust":
			sev := finding.Medium
			switch x {
			case expWorld, expPublic:
				sev = finding.Critical
			case expPrivate:
				sev = finding.High
			}
			note := ""
			if x.nonLocal() {
				note = listenNote
			}
			c.add(pgTrust, sev, r.Pos,
				fmt.Sprintf("%s to %s are accepted without any password: a client names the role it wants "+
					"(postgres included) and gets it.%s", capitalize(from), who, note), r.Raw)
		case "password":
			sev := finding.Low
			if x.nonLocal() && r.Type != "hostssl" {
				sev = finding.Medium
				if x >= expPublic {
					sev = finding.High
				}
			}
			c.add(pgPasswordPlain, sev, r.Pos,
				fmt.Sprintf("%s to %s send their password in clear text (method password).", capitalize(from), who), r.Raw)
		case "md5":
			c.add(pgMD5, finding.Low, r.Pos,
				fmt.Sprintf("%s to %s use MD5 authentication, deprecated since PostgreSQL 14 and weaker than SCRAM.",
					capitalize(from), who), r.Raw)
		}
	}
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
