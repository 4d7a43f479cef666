package redis

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
)

// Categories of the commands whose permission matters (COMMAND INFO, Redis 7.0), used
// to evaluate ACL rules such as "+@all -@dangerous" without running the commands.
var commandCategories = map[string][]string{
	"config|set":  {"admin", "slow", "dangerous"},
	"module|load": {"admin", "slow", "dangerous"},
	"replicaof":   {"admin", "slow", "dangerous"},
	"slaveof":     {"admin", "slow", "dangerous"},
	"eval":        {"slow", "scripting"},
}

// perms is what the session may run. Without ACLs (Redis < 6) an authenticated
// connection may run every command that exists.
type perms struct {
	acl   bool     // the server has ACLs
	known bool     // rules were read (always true without ACLs)
	rules []string // "+@all", "-@dangerous", "+config|get", "allcommands", …
}

// allows reports whether the rules let the user run cmd (with subcommand sub).
func (p perms) allows(cmd, sub string) bool {
	if !p.acl {
		return true
	}
	full := cmd
	if sub != "" {
		full = cmd + "|" + sub
	}
	cats := commandCategories[full]
	ok := false
	for _, tok := range p.rules {
		tok = strings.ToLower(tok)
		switch tok {
		case "allcommands":
			ok = true
			continue
		case "nocommands":
			ok = false
			continue
		}
		if len(tok) < 2 || (tok[0] != '+' && tok[0] != '-') {
			continue
		}
		name := tok[1:]
		var match bool
		if c, isCat := strings.CutPrefix(name, "@"); isCat {
			match = c == "all" || slices.Contains(cats, c)
		} else {
			match = name == cmd || name == full
		}
		if match {
			ok = tok[0] == '+'
		}
	}
	return ok
}

// learnPerms reads the session user's ACL rules with ACL GETUSER (an admin command: a
// user who may not run it gets NOPERM, and its rules stay unknown).
func learnPerms(ctx context.Context, c *client, user string) perms {
	r, err := c.do(ctx, "ACL", "GETUSER", user)
	if se := asServerError(err); se != nil {
		if se.IsUnknownCommand() {
			return perms{acl: false, known: true}
		}
		return perms{acl: true}
	}
	if err != nil || r.kind != '*' || r.null {
		return perms{acl: true}
	}
	p := perms{acl: true, known: true}
	for i := 0; i+1 < len(r.elems); i += 2 {
		key, val := r.elems[i].text(), r.elems[i+1]
		switch key {
		case "flags":
			// 6.x puts allcommands/nocommands among the flags; they come first.
			for _, f := range val.elems {
				if t := f.text(); t == "allcommands" || t == "nocommands" {
					p.rules = append([]string{t}, p.rules...)
				}
			}
		case "commands":
			p.rules = append(p.rules, strings.Fields(val.text())...)
		}
	}
	return p
}

// capabilities learns, without running anything that changes the server, what the
// session could do beyond reading keys.
func capabilities(ctx context.Context, c *client, ep store.Endpoint, svc *finding.Service, user string, in info) []finding.Finding {
	p := perms{acl: true} // rules unknown: a name past MaxNameBytes is not sent back
	if user != "" && len(user) <= probekit.MaxNameBytes {
		p = learnPerms(ctx, c, user)
	}
	switch {
	case !p.acl:
		svc.Details["acl"] = "none (every command allowed)"
	case p.known:
		svc.Details["acl_rules"] = probekit.CutText(strings.Join(p.rules, " "), 300)
	default:
		svc.Details["acl"] = "rules not readable by this user"
	}
	exists := commandsExist(ctx, c, "config", "module", "replicaof", "slaveof", "eval")
	cfg := configValues(ctx, c, "dir", "dbfilename", "protected-mode", "enable-protected-configs", "enable-module-command")

	var out []finding.Finding
	add := func(f finding.Finding) {
		f.Category = finding.Capability
		out = append(out, probekit.Finish(f, *svc))
	}
	sev := finding.High
	if svc.Auth.Open() {
		sev = finding.Critical
	}
	who := fmt.Sprintf("user %q", svc.User)
	if svc.Auth == finding.AuthNone {
		who = "anyone (no password)"
	}
	// "local" unblocks for clients on loopback only: we are one when the target is.
	unblocked := func(v string) bool {
		return v == "" || v == "yes" || (v == "local" && ep.Addr.IsLoopback())
	}
	if p.known {
		configSet := exists["config"] && p.allows("config", "set")
		switch {
		case configSet && unblocked(cfg["enable-protected-configs"]):
			add(finding.Finding{Severity: sev, Rule: "redis-config-write-files",
				Title: "Redis lets " + who + " change dir and dbfilename with CONFIG SET: files can be written on the host",
				Detail: "CONFIG SET dir and dbfilename followed by SAVE writes the database, with attacker-chosen contents, to any " +
					"path the redis user can write: SSH authorized_keys, cron files, web roots — the classic route from an " +
					"open Redis to code execution. leakwatch checked the permission (ACL rules, command table, " +
					"enable-protected-configs) without running CONFIG SET.",
				Evidence: evidence(cfg, "dir", "dbfilename", "enable-protected-configs"),
				Remediation: "Require a password; on 7.0+ keep enable-protected-configs at its default (no); deny @dangerous " +
					"(or rename-command CONFIG \"\") to application users; run Redis as an unprivileged user that cannot " +
					"write outside its data directory."})
		case configSet:
			add(finding.Finding{Severity: finding.Medium, Rule: "redis-config-set",
				Title: "Redis lets " + who + " change its configuration with CONFIG SET",
				Detail: "File paths (dir, dbfilename) are protected (enable-protected-configs), but the rest can be changed: " +
					"disabling persistence, raising memory limits, or setting a password that locks the owners out.",
				Evidence:    evidence(cfg, "enable-protected-configs"),
				Remediation: "Deny @admin/@dangerous to application users (ACL), or rename-command CONFIG \"\" on servers without ACLs."})
		}
		if exists["module"] && p.allows("module", "load") && unblocked(cfg["enable-module-command"]) {
			add(finding.Finding{Severity: sev, Rule: "redis-module-load",
				Title: "Redis lets " + who + " load modules (MODULE LOAD): native code runs inside the server",
				Detail: "A module is a shared library loaded into the server process. Combined with a way to put a file on the " +
					"host (CONFIG SET + SAVE, or replication from a rogue master) this is remote code execution.",
				Evidence:    evidence(cfg, "enable-module-command"),
				Remediation: "On 7.0+ keep enable-module-command at no; deny @admin/@dangerous to application users; on older servers rename-command MODULE \"\"."})
		}
		if (exists["replicaof"] && p.allows("replicaof", "")) || (exists["slaveof"] && p.allows("slaveof", "")) {
			add(finding.Finding{Severity: finding.High, Rule: "redis-replicaof",
				Title: "Redis lets " + who + " make it replicate from any server (REPLICAOF/SLAVEOF)",
				Detail: "Pointing the server at a rogue master replaces its whole dataset with the attacker's and makes it " +
					"write the received file to disk — the usual way a module is planted before MODULE LOAD.",
				Remediation: "Deny @admin/@dangerous to application users (ACL), or rename-command REPLICAOF \"\" and SLAVEOF \"\"."})
		}
	}
	if cfg["protected-mode"] == "no" && svc.Auth == finding.AuthNone {
		out = append(out, probekit.Finish(finding.Finding{Severity: finding.Medium, Category: finding.Config,
			Rule:        "redis-protected-mode-off",
			Title:       "Redis runs without a password and with protected mode off",
			Detail:      "Protected mode is Redis's last guard for password-less servers: it refuses clients that are not on loopback.",
			Evidence:    evidence(cfg, "protected-mode"),
			Remediation: "Set a password, and leave protected-mode yes (the default)."}, *svc))
	}
	return out
}

func evidence(cfg map[string]string, keys ...string) string {
	var parts []string
	for _, k := range keys {
		if v, ok := cfg[k]; ok {
			parts = append(parts, k+"="+probekit.Printable([]byte(v), 200))
		}
	}
	return strings.Join(parts, ", ")
}

// commandsExist asks COMMAND INFO whether each command is in the server's command table:
// a command renamed away with rename-command is not. Servers without COMMAND (before
// 2.8.13) are assumed to have them all.
func commandsExist(ctx context.Context, c *client, names ...string) map[string]bool {
	out := map[string]bool{}
	r, err := c.do(ctx, append([]string{"COMMAND", "INFO"}, names...)...)
	if err != nil || r.kind != '*' || len(r.elems) != len(names) {
		for _, n := range names {
			out[n] = err == nil || asServerError(err) == nil || asServerError(err).IsUnknownCommand()
		}
		return out
	}
	for i, n := range names {
		out[n] = !r.elems[i].null && r.elems[i].kind == '*'
	}
	return out
}

// configValues reads configuration parameters with CONFIG GET, one per command (servers
// before 7.0 take one pattern). Parameters the server does not know, or will not show,
// are absent.
func configValues(ctx context.Context, c *client, names ...string) map[string]string {
	cmds := make([][]string, len(names))
	for i, n := range names {
		cmds[i] = []string{"CONFIG", "GET", n}
	}
	out := map[string]string{}
	rs, err := c.pipeline(ctx, cmds)
	if err != nil {
		return out
	}
	for _, r := range rs {
		if r.kind != '*' {
			continue
		}
		for i := 0; i+1 < len(r.elems); i += 2 {
			out[strings.ToLower(r.elems[i].text())] = r.elems[i+1].text()
		}
	}
	return out
}
