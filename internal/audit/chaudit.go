package audit

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/leakwatch/leakwatch/internal/finding"
)

func (a *auditor) chOptions() chLoadOptions {
	return chLoadOptions{DefaultIncludeFrom: a.opts.ClickHouseIncludeFrom}
}

// clickhouseServer audits a server configuration together with the users configuration
// it points to, as the server would load them.
func (a *auditor) clickhouseServer(path string) {
	if a.consumed[key(path)] {
		return
	}
	cfg, err := loadCHConfig(path, a.chOptions())
	if err != nil {
		a.fail(err)
		return
	}
	a.take(cfg.Files...)
	var users *chConfig
	up, _, explicit := usersConfigPath(cfg)
	switch {
	case up == "":
		// user_directories without users_xml: SQL-created users only (access/*.sql).
	case key(up) == key(path):
		users = cfg
		// No users_config and no user_directories: the server reads users from this
		// file and ignores a users.xml beside it, which must not be judged as live.
		if stray := filepath.Join(filepath.Dir(path), "users.xml"); fileExists(stray) && !a.consumed[key(stray)] {
			a.take(stray)
			a.col.add(chUsersFileUnused, finding.Info, Pos{File: stray},
				fmt.Sprintf("%s names neither users_config nor user_directories, so the server reads its users from it and "+
					"not from %s: the users there do not exist on the server (and are not audited).", path, stray),
				"users_config and user_directories unset")
		}
	case fileExists(up):
		if a.consumed[key(up)] {
			break
		}
		users, err = loadCHConfig(up, a.chOptions())
		if err != nil {
			a.fail(err)
			break
		}
		a.take(users.Files...)
	case cfg.Root.Child("users") != nil:
		users = cfg // users kept inside config.xml, as old installations do
	case explicit:
		a.log.Warn("audit: ClickHouse users configuration not found", "config", path, "users_config", up)
	}
	clickhouseAudit(&a.col, cfg, users, false)
	// Users created with SQL live in the local access directory, one .sql file each.
	if dir := accessDir(cfg); dir != "" && !a.consumed[key(dir)] {
		a.consumed[key(dir)] = true
		a.take(auditAccessDir(&a.col, dir, cfg, a.log)...)
	}
}

// clickhouseUsers audits a users configuration on its own (no server context).
func (a *auditor) clickhouseUsers(path string) {
	if a.consumed[key(path)] {
		return
	}
	cfg, err := loadCHConfig(path, a.chOptions())
	if err != nil {
		a.fail(err)
		return
	}
	a.take(cfg.Files...)
	clickhouseAudit(&a.col, nil, cfg, false)
}

// clickhouseFragment audits an override file whose main configuration was not audited:
// only what it sets is judged, since what it leaves out may be set elsewhere.
func (a *auditor) clickhouseFragment(path string) {
	if a.consumed[key(path)] {
		return
	}
	b := &budget{}
	root, err := parseCHFile(path, b)
	if err != nil {
		a.fail(err)
		return
	}
	a.take(path)
	// What a fragment removes from its base is not part of what it sets.
	stripMergeAttrs(root)
	cfg := &chConfig{Path: path, Root: root, Files: []string{path}}
	s := &substituter{budget: b}
	if _, _, err := s.apply(root, 0); err != nil {
		a.fail(err)
		return
	}
	cfg.Notes = s.notes
	var server, users *chConfig
	for _, c := range root.Children {
		if chServerKeys[c.Name] {
			server = cfg
		}
		if chUsersKeys[c.Name] {
			users = cfg
		}
	}
	if server == nil && users == nil {
		return
	}
	if server == nil && strings.HasPrefix(filepath.Base(filepath.Dir(path)), "config") {
		server = cfg
	}
	clickhouseAudit(&a.col, server, users, true)
}
