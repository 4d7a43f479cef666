package audit

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/leakwatch/leakwatch/internal/finding"
)

var pgRefs = []string{"https://www.postgresql.org/docs/current/auth-pg-hba-conf.html"}

var (
	pgTrust = &rule{ID: "postgres-hba-trust", Title: "PostgreSQL lets clients in without a password (trust)",
		Remediation: "Replace trust with scram-sha-256 (set password_encryption = scram-sha-256 and re-set passwords), " +
			"narrow the ADDRESS column to the hosts that need access, and reload PostgreSQL.",
		References: pgRefs}
	pgPasswordPlain = &rule{ID: "postgres-hba-password", Title: "PostgreSQL accepts passwords sent in clear (password method)",
		Remediation: "Use scram-sha-256 instead of password, and hostssl instead of host for remote clients.",
		References:  pgRefs}
	pgMD5 = &rule{ID: "postgres-hba-md5", Title: "PostgreSQL accepts MD5 password authentication",
		Remediation: "Move to scram-sha-256: set password_encryption = scram-sha-256, re-set every password, then " +
			"change md5 to scram-sha-256 in pg_hba.conf.",
		References: pgRefs}
	pgListenAll = &rule{ID: "postgres-listen-all", Title: "PostgreSQL listens on every interface",
		Remediation: "Set listen_addresses to the private addresses clients use (or 'localhost'), and firewall port 5432.",
		References:  []string{"https://www.postgresql.org/docs/current/runtime-config-connection.html"}}
	pgSSLOff = &rule{ID: "postgres-ssl-off", Title: "PostgreSQL accepts network clients without TLS",
		Remediation: "Set ssl = on with a certificate, and use hostssl (not host) lines for remote clients.",
		References:  []string{"https://www.postgresql.org/docs/current/ssl-tcp.html"}}
	pgPasswordEncMD5 = &rule{ID: "postgres-password-encryption-md5", Title: "PostgreSQL stores new passwords as MD5",
		Remediation: "Set password_encryption = scram-sha-256 and re-set passwords so they are stored as SCRAM verifiers.",
		References:  []string{"https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-PASSWORD-ENCRYPTION"}}
)

// pgSetting is the winning value of a postgresql.conf parameter.
type pgSetting struct {
	Value string
	Pos   Pos
}

type pgListenInfo struct {
	listen exposure
	known  bool
	sslOff bool
	sslPos Pos
}

// parsePGConf reads a postgresql.conf and the files it includes, in order, so that the
// last setting of each parameter wins as in the server. files lists what was read.
func parsePGConf(path string) (settings map[string]pgSetting, files []string, err error) {
	settings = map[string]pgSetting{}
	err = readPGConf(path, settings, &files, 0, true)
	return settings, files, err
}

func readPGConf(path string, settings map[string]pgSetting, files *[]string, depth int, required bool) error {
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
	for n, raw := range strings.Split(string(data), "\n") {
		name, value, col, ok, perr := parsePGLine(raw)
		lineNo := n + 1
		if perr != nil {
			return fmt.Errorf("%s:%d: %v", path, lineNo, perr)
		}
		if !ok {
			continue
		}
		pos := Pos{File: path, Line: lineNo, Col: col, EndCol: len(strings.TrimRight(raw, "\r"))}
		switch name {
		case "include", "include_if_exists":
			if err := readPGConf(relTo(path, value), settings, files, depth+1, name == "include"); err != nil {
				return err
			}
		case "include_dir":
			names, err := pgIncludeDir(relTo(path, value))
			if err != nil {
				return err
			}
			for _, nm := range names {
				if err := readPGConf(nm, settings, files, depth+1, true); err != nil {
					return err
				}
			}
		default:
			settings[name] = pgSetting{Value: value, Pos: pos}
		}
	}
	return nil
}

func relTo(from, p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(filepath.Dir(from), p)
}

// parsePGLine parses one line of postgresql.conf: "name [=] value [# comment]", where
// value is a bare word or a single-quoted string (” and \' escape a quote).
func parsePGLine(raw string) (name, value string, col int, ok bool, err error) {
	s := strings.TrimRight(raw, "\r")
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	if i == len(s) || s[i] == '#' {
		return "", "", 0, false, nil
	}
	col = i
	j := i
	for j < len(s) && (isWordByte(s[j]) || s[j] == '.') {
		j++
	}
	if j == i {
		return "", "", 0, false, fmt.Errorf("syntax error near %.20q", s[i:])
	}
	name = strings.ToLower(s[i:j])
	for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
		j++
	}
	if j < len(s) && s[j] == '=' {
		j++
		for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
			j++
		}
	}
	if j < len(s) && s[j] == '\'' {
		var b strings.Builder
		k := j + 1
		for {
			if k >= len(s) {
				return "", "", 0, false, errors.New("unterminated quoted string")
			}
			c := s[k]
			if c == '\\' && k+1 < len(s) {
				b.WriteByte(s[k+1])
				k += 2
				continue
			}
			if c == '\'' {
				if k+1 < len(s) && s[k+1] == '\'' {
					b.WriteByte('\'')
					k += 2
					continue
				}
				break
			}
			b.WriteByte(c)
			k++
		}
		return name, b.String(), col, true, nil
	}
	k := j
	for k < len(s) && s[k] != '#' && s[k] != ' ' && s[k] != '\t' {
		k++
	}
	return name, s[j:k], col, true, nil
}

func isWordByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func pgBool(v string) (bool, bool) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "on", "true", "yes", "1", "t", "y", "tr", "tru", "ye":
		return true, true
	case "off", "false", "no", "0", "f", "n", "of", "fa", "fal", "fals":
		return false, true
	}
	return false, false
}

// pgListenExposure classifies listen_addresses ("localhost" when unset).
func pgListenExposure(v string) exposure {
	e := expNone
	for _, a := range strings.Split(v, ",") {
		a = strings.TrimSpace(a)
		if a == "" {
			continue
		}
		e = max(e, listenExposure(a))
	}
	return e
}

// postgresConf audits postgresql.conf with its includes, ALTER SYSTEM's
// postgresql.auto.conf when present, and the pg_hba.conf it names.
func (a *auditor) postgresConf(path string) {
	if a.consumed[key(path)] {
		return
	}
	settings, files, err := parsePGConf(path)
	if err != nil {
		a.fail(err)
		return
	}
	a.take(files...)
	if dd, ok := settings["data_directory"]; ok && filepath.Base(path) != "postgresql.auto.conf" {
		// The server reads ALTER SYSTEM's settings last; they win.
		auto := filepath.Join(dd.Value, "postgresql.auto.conf")
		if fileExists(auto) && !a.consumed[key(auto)] {
			var more []string
			if err := readPGConf(auto, settings, &more, 0, false); err != nil {
				a.log.Debug("audit: postgresql.auto.conf not read", "path", auto, "err", err)
			} else {
				a.take(more...)
			}
		}
	}

	info := pgListenInfo{listen: expLocal, known: true}
	listen, hasListen := settings["listen_addresses"]
	if hasListen {
		info.listen = pgListenExposure(listen.Value)
	}
	ssl, hasSSL := settings["ssl"]
	if on, ok := pgBool(ssl.Value); !hasSSL || (ok && !on) {
		info.sslOff = true
		info.sslPos = ssl.Pos
		if !hasSSL {
			info.sslPos = Pos{File: path, Line: 1}
		}
	}

	// pg_hba.conf: where hba_file says, else next to postgresql.conf.
	hbaPath := filepath.Join(filepath.Dir(path), "pg_hba.conf")
	if h, ok := settings["hba_file"]; ok && h.Value != "" {
		hbaPath = h.Value
		if !fileExists(hbaPath) {
			hbaPath = filepath.Join(filepath.Dir(path), filepath.Base(h.Value))
		}
	}
	var hba []hbaRecord
	if fileExists(hbaPath) && !a.consumed[key(hbaPath)] {
		recs, hfiles, err := parseHBA(hbaPath)
		if err != nil {
			a.fail(err)
		} else {
			a.take(hfiles...)
			hba = recs
			pgHBAChecks(&a.col, recs, info)
		}
	}
	weakRemote, clearRemote := false, false
	for _, r := range hba {
		x := r.exposure()
		if x.nonLocal() && (r.Method == "trust" || r.Method == "password") {
			weakRemote = true
		}
		if x.nonLocal() && r.Type != "hostssl" && r.Method != "reject" {
			clearRemote = true
		}
	}

	if hasListen && info.listen == expWorld {
		sev := finding.Low
		if weakRemote {
			sev = finding.Medium
		}
		a.col.add(pgListenAll, sev, listen.Pos,
			fmt.Sprintf("listen_addresses = '%s' accepts connections on every interface; pg_hba.conf decides who gets in.", listen.Value),
			"listen_addresses="+listen.Value)
	}
	if info.listen.nonLocal() && info.sslOff {
		sev := finding.Medium
		if clearRemote && weakRemote {
			sev = finding.High
		}
		pos := info.sslPos
		ev := "ssl unset (off)"
		if hasSSL {
			ev = "ssl=" + ssl.Value
		}
		a.col.add(pgSSLOff, sev, pos,
			fmt.Sprintf("The server listens beyond this host (listen_addresses = '%s') with TLS off: passwords and data "+
				"cross the network in clear.", listen.Value), ev)
	}
	if pe, ok := settings["password_encryption"]; ok && strings.EqualFold(strings.TrimSpace(pe.Value), "md5") {
		sev := finding.Low
		if info.listen.nonLocal() {
			sev = finding.Medium
		}
		a.col.add(pgPasswordEncMD5, sev, pe.Pos,
			"password_encryption = md5: new passwords are stored as MD5 of password and user name, which whoever "+
				"reads pg_authid can replay to log in (MD5 authentication needs only the hash).", "password_encryption=md5")
	}
	if a.pgListen == nil {
		a.pgListen = map[string]pgListenInfo{}
	}
	a.pgListen[filepath.Dir(key(path))] = info
}

// postgresHBA audits a pg_hba.conf that no audited postgresql.conf pointed to.
func (a *auditor) postgresHBA(path string) {
	if a.consumed[key(path)] {
		return
	}
	recs, files, err := parseHBA(path)
	if err != nil {
		a.fail(err)
		return
	}
	a.take(files...)
	info := a.pgListen[filepath.Dir(key(path))]
	pgHBAChecks(&a.col, recs, info)
}

// pgIncludeDir lists the files PostgreSQL's include_dir reads from dir, in its order:
// the names ending in .conf, not hidden, sorted.
func pgIncludeDir(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, readError(dir, err)
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && !strings.HasPrefix(e.Name(), ".") && strings.HasSuffix(e.Name(), ".conf") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	paths := make([]string, len(names))
	for i, n := range names {
		paths[i] = filepath.Join(dir, n)
	}
	return paths, nil
}
