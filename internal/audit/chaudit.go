package audit

import (
	"path/filepath"
	"strings"
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
	case key(up) == key(path):
		users = cfg
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
