package audit

import (
	"errors"
	"fmt"
	"strings"

	"github.com/leakwatch/leakwatch/internal/finding"
)

var redisRefs = []string{"https://redis.io/docs/latest/operate/oss_and_stack/management/security/"}

var (
	redisNoAuth = &rule{ID: "redis-no-password", Title: "Redis accepts clients without a password",
		Remediation: "Set requirepass to a long random secret (or an ACL: user default on >SECRET ~* &* +@all, or " +
			"user default off plus named users), and bind to the addresses clients use.",
		References: redisRefs}
	redisProtectedOff = &rule{ID: "redis-protected-mode-off", Title: "Redis protected mode is off",
		Remediation: "Set protected-mode yes; it refuses non-local clients while the default user has no password.",
		References:  redisRefs}
	redisBindAll = &rule{ID: "redis-bind-all", Title: "Redis listens on every interface",
		Remediation: "Set bind 127.0.0.1 -::1 (or the private address clients use) and firewall port 6379.",
		References:  redisRefs}
	redisDangerousCommands = &rule{ID: "redis-dangerous-commands", Title: "Exposed Redis keeps CONFIG and FLUSHALL available",
		Remediation: "Disable what clients never need: rename-command CONFIG \"\", rename-command FLUSHALL \"\" (and " +
			"FLUSHDB, DEBUG, MODULE), or deny them with ACL rules (-@dangerous).",
		References: redisRefs}
)

// redisDirective is one line of redis.conf, split into arguments.
type redisDirective struct {
	Name string // lower case
	Args []string
	Pos  Pos
}

// parseRedisConf reads redis.conf and the files it includes, in order.
func parseRedisConf(path string) ([]redisDirective, []string, error) {
	var out []redisDirective
	var files []string
	err := readRedisConf(path, &out, &files, 0)
	return out, files, err
}

func readRedisConf(path string, out *[]redisDirective, files *[]string, depth int) error {
	if depth > 10 {
		return fmt.Errorf("%s: includes nested more than 10 deep", path)
	}
	data, err := readConfigFile(path)
	if err != nil {
		return err
	}
	*files = append(*files, path)
	for n, raw := range strings.Split(string(data), "\n") {
		line := strings.TrimRight(raw, "\r")
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || trimmed[0] == '#' {
			continue
		}
		args, err := splitRedisArgs(trimmed)
		if err != nil {
			return fmt.Errorf("%s:%d: %v", path, n+1, err)
		}
		if len(args) == 0 {
			continue
		}
		col := len(line) - len(strings.TrimLeft(line, " \t"))
		d := redisDirective{Name: strings.ToLower(args[0]), Args: args[1:],
			Pos: Pos{File: path, Line: n + 1, Col: col, EndCol: len(line)}}
		if d.Name == "include" && len(d.Args) == 1 {
			if err := readRedisConf(relTo(path, d.Args[0]), out, files, depth+1); err != nil {
				return err
			}
			continue
		}
		*out = append(*out, d)
	}
	return nil
}

// splitRedisArgs splits a line the way Redis does (sdssplitargs): white space separates,
// "double quotes" take \n \r \t \b \a \\ \" and \xHH escapes, 'single quotes' take \'.
func splitRedisArgs(s string) ([]string, error) {
	var args []string
	i := 0
	for {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		if i >= len(s) {
			return args, nil
		}
		var b strings.Builder
		inDQ, inSQ := false, false
		done := false
		for !done {
			if i >= len(s) {
				if inDQ || inSQ {
					return nil, errors.New("unbalanced quotes")
				}
				break
			}
			c := s[i]
			switch {
			case inDQ:
				switch {
				case c == '\\' && i+3 < len(s) && s[i+1] == 'x' && isHex(s[i+2]) && isHex(s[i+3]):
					b.WriteByte(unhex(s[i+2])<<4 | unhex(s[i+3]))
					i += 3
				case c == '\\' && i+1 < len(s):
					i++
					b.WriteByte(unescape(s[i]))
				case c == '"':
					if i+1 < len(s) && s[i+1] != ' ' && s[i+1] != '\t' {
						return nil, errors.New("closing quote must be followed by a space")
					}
					done = true
				default:
					b.WriteByte(c)
				}
			case inSQ:
				switch {
				case c == '\\' && i+1 < len(s) && s[i+1] == '\'':
					i++
					b.WriteByte('\'')
				case c == '\'':
					if i+1 < len(s) && s[i+1] != ' ' && s[i+1] != '\t' {
						return nil, errors.New("closing quote must be followed by a space")
					}
					done = true
				default:
					b.WriteByte(c)
				}
			default:
				switch c {
				case ' ', '\t':
					done = true
				case '"':
					inDQ = true
				case '\'':
					inSQ = true
				default:
					b.WriteByte(c)
				}
			}
			i++
		}
		args = append(args, b.String())
	}
}

// unescape maps the letter after a backslash to the character it stands for; others
// (\\ and \") stand for themselves.
func unescape(c byte) byte {
	switch c {
	case 'n':
		return '\n'
	case 'r':
		return '\r'
	case 't':
		return '\t'
	case 'b':
		return '\b'
	case 'a':
		return '\a'
	}
	return c
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

// redis audits one redis.conf.
func (a *auditor) redis(path string) {
	if a.consumed[key(path)] {
		return
	}
	ds, files, err := parseRedisConf(path)
	if err != nil {
		a.fail(err)
		return
	}
	a.take(files...)
	redisChecks(&a.col, path, ds, a.aclFileUsers)
}

// aclFileUsers reads the "user" lines of an ACL file; errors leave the file unknown.
func (a *auditor) aclFileUsers(path string) ([]redisDirective, bool) {
	ds, files, err := parseRedisConf(path)
	if err != nil {
		a.log.Debug("audit: Redis ACL file not read", "path", path, "err", err)
		return nil, false
	}
	a.take(files...)
	return ds, true
}

func redisChecks(c *collector, path string, ds []redisDirective, aclFile func(string) ([]redisDirective, bool)) {
	last := map[string]redisDirective{}
	renamed := map[string]bool{}
	var users []redisDirective
	for _, d := range ds {
		last[d.Name] = d
		switch d.Name {
		case "rename-command":
			if len(d.Args) >= 1 {
				renamed[strings.ToUpper(d.Args[0])] = true
			}
		case "user":
			users = append(users, d)
		}
	}
	if af, ok := last["aclfile"]; ok && len(af.Args) == 1 && aclFile != nil {
		if more, ok := aclFile(relTo(path, af.Args[0])); ok {
			for _, d := range more {
				if d.Name == "user" {
					users = append(users, d)
				}
			}
		} else {
			// Unknown users: assume the ACL file sets a password rather than cry wolf.
			users = append(users, redisDirective{Name: "user", Args: []string{"default", "on", ">unknown"}})
		}
	}

	// Network exposure. Without bind, Redis listens on every interface.
	exp := expWorld
	bind, hasBind := last["bind"]
	if hasBind {
		exp = expNone
		for _, a := range bind.Args {
			exp = max(exp, listenExposure(strings.TrimPrefix(a, "-")))
		}
	}
	if p, ok := last["port"]; ok && len(p.Args) == 1 && p.Args[0] == "0" {
		if tp, ok := last["tls-port"]; !ok || len(tp.Args) != 1 || tp.Args[0] == "0" {
			exp = expLocal // Unix socket only
		}
	}
	protected := true
	pm, hasPM := last["protected-mode"]
	if hasPM && len(pm.Args) == 1 && strings.EqualFold(pm.Args[0], "no") {
		protected = false
	}

	// Authentication: requirepass, or the ACL state of the default user.
	auth := false
	if rp, ok := last["requirepass"]; ok && len(rp.Args) == 1 && rp.Args[0] != "" {
		auth = true
	}
	for _, u := range users {
		if len(u.Args) == 0 || u.Args[0] != "default" {
			continue
		}
		for _, r := range u.Args[1:] {
			switch {
			case r == "off":
				auth = true
			case r == "nopass" || r == "resetpass":
				auth = false
			case strings.HasPrefix(r, ">") || strings.HasPrefix(r, "#"):
				auth = true
			case r == "on":
			}
		}
	}

	where := Pos{File: path, Line: 1}
	if hasBind {
		where = bind.Pos
	}
	bindText := "no bind directive (every interface)"
	if hasBind {
		bindText = "bind " + strings.Join(bind.Args, " ")
	}

	if exp == expWorld && hasBind {
		sev := finding.Low
		if !auth {
			sev = finding.Medium
		}
		c.add(redisBindAll, sev, bind.Pos, fmt.Sprintf("%s listens on every interface.", bindText), bindText)
	}

	if !auth {
		sev := finding.Low
		detail := fmt.Sprintf("No requirepass and no ACL password for the default user; Redis is reachable from %s (%s).", exp, bindText)
		switch {
		case !exp.nonLocal():
			detail += " Only processes on this host can connect."
		case !protected:
			sev = finding.Critical
			detail += " Protected mode is off, so anyone who reaches the port can read, write and reconfigure it (CONFIG SET dir/dbfilename writes files)."
		case hasBind:
			sev = finding.High
			detail += " Protected mode does not apply when bind is set explicitly (Redis 6 and older), so the port is open."
		default:
			sev = finding.Medium
			detail += " Protected mode is the only barrier: it refuses non-local clients while the default user has no password."
		}
		c.add(redisNoAuth, sev, where, detail, bindText+"; requirepass unset")
	}
	if !protected {
		sev := finding.Low
		if exp.nonLocal() {
			sev = finding.Medium
		}
		c.add(redisProtectedOff, sev, pm.Pos, "protected-mode no removes the fallback that refuses non-local clients of a password-less server.", "protected-mode no")
	}
	if exp.nonLocal() && (!renamed["CONFIG"] || !renamed["FLUSHALL"]) && !aclDeniesDangerous(users) {
		var open []string
		for _, cmd := range []string{"CONFIG", "FLUSHALL"} {
			if !renamed[cmd] {
				open = append(open, cmd)
			}
		}
		sev := finding.Low
		if !auth {
			sev = finding.Medium
		}
		c.add(redisDangerousCommands, sev, where,
			fmt.Sprintf("Redis is reachable from %s and keeps %s: a client can rewrite the server's files with CONFIG "+
				"SET or erase every key.", exp, strings.Join(open, " and ")), "rename-command unset for "+strings.Join(open, ", "))
	}
}

// aclDeniesDangerous reports whether the default user's ACL takes away the dangerous
// command category.
func aclDeniesDangerous(users []redisDirective) bool {
	deny := false
	for _, u := range users {
		if len(u.Args) == 0 || u.Args[0] != "default" {
			continue
		}
		for _, r := range u.Args[1:] {
			switch strings.ToLower(r) {
			case "-@dangerous", "-@admin", "-config":
				deny = true
			case "+@all", "allcommands", "+@dangerous", "+@admin":
				deny = false
			}
		}
	}
	return deny
}
