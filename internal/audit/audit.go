package audit

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// Options tune an audit.
type Options struct {
	// ClickHouseIncludeFrom is the substitution file for ClickHouse configurations that
	// name no <include_from>. Empty: /etc/metrika.xml for configurations under /etc,
	// else metrika.xml next to config.xml, when present.
	ClickHouseIncludeFrom string
	// Reveal puts passwords found in configurations into findings in clear; by default
	// they are redacted, with their SHA-256.
	Reveal bool
	// MaxFiles bounds how many files a walk considers (default 100000).
	MaxFiles int
	Logger   *slog.Logger
}

// Result is what an audit found.
type Result struct {
	Findings []finding.Finding
	// Files lists every configuration file that was read, in the order audited.
	Files []string
	// Errors are files that could not be read or parsed. The findings of the other files
	// stand; a caller should still fail, since something was not audited.
	Errors []error
}

// ErrNothingToAudit means no path held a configuration file leakwatch knows.
var ErrNothingToAudit = errors.New("no configuration file leakwatch can audit")

// Run audits the configuration files at paths (files or directories, walked).
func Run(ctx context.Context, paths []string, o Options) (*Result, error) {
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.MaxFiles <= 0 {
		o.MaxFiles = 100_000
	}
	a := &auditor{opts: o, log: o.Logger, consumed: map[string]bool{}, res: &Result{}}
	a.col.reveal = o.Reveal
	cands, err := a.collect(ctx, paths)
	if err != nil {
		return nil, err
	}
	byKind := map[fileKind][]candidate{}
	for _, c := range cands {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		k, err := detectKind(c.path)
		if err != nil {
			if c.explicit || c.nameHint {
				a.fail(err)
			} else {
				a.log.Debug("audit: skipping unreadable file", "path", c.path, "err", err)
			}
			continue
		}
		if k == kindUnknown {
			if c.explicit {
				a.log.Warn("audit: not a configuration file leakwatch knows", "path", c.path)
			} else {
				a.log.Debug("audit: skipping file of unknown kind", "path", c.path)
			}
			continue
		}
		byKind[k] = append(byKind[k], c)
	}

	// Order matters: a main configuration consumes the files it includes or merges, so
	// they are not audited a second time on their own.
	for k := range byKind {
		sort.SliceStable(byKind[k], func(i, j int) bool {
			return mainRank(byKind[k][i].path) < mainRank(byKind[k][j].path)
		})
	}
	for _, step := range []struct {
		kind  fileKind
		audit func(path string)
	}{
		{kindCHServer, a.clickhouseServer}, {kindCHUsers, a.clickhouseUsers}, {kindCHFragment, a.clickhouseFragment},
		{kindPGConf, a.postgresConf}, {kindPGHBA, a.postgresHBA},
		{kindRedis, a.redis}, {kindMongo, a.mongo}, {kindElastic, a.elastic},
	} {
		for _, c := range byKind[step.kind] {
			step.audit(c.path)
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	finding.Sort(a.col.findings)
	a.res.Findings = a.col.findings
	if len(a.res.Files) == 0 && len(a.res.Errors) == 0 {
		return a.res, fmt.Errorf("%w under %s", ErrNothingToAudit, strings.Join(paths, ", "))
	}
	return a.res, nil
}

type auditor struct {
	opts     Options
	log      *slog.Logger
	col      collector
	res      *Result
	consumed map[string]bool
	// pgListen remembers, per directory, how far PostgreSQL listens, so pg_hba findings
	// can say whether their door is reachable.
	pgListen map[string]pgListenInfo
}

type candidate struct {
	path     string
	explicit bool // named on the command line
	nameHint bool // its name says it is a configuration we audit
}

func (a *auditor) fail(err error) {
	a.res.Errors = append(a.res.Errors, err)
}

func key(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.Clean(path)
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		return r
	}
	return abs
}

// take marks files as audited; it reports false when the first was already consumed.
func (a *auditor) take(paths ...string) bool {
	if len(paths) > 0 && a.consumed[key(paths[0])] {
		return false
	}
	for _, p := range paths {
		k := key(p)
		if !a.consumed[k] {
			a.consumed[k] = true
			a.res.Files = append(a.res.Files, p)
		}
	}
	return true
}

// collect lists the candidate files under paths: named files always, walked files when
// their extension is one configuration files use.
func (a *auditor) collect(ctx context.Context, paths []string) ([]candidate, error) {
	var out []candidate
	seen := map[string]bool{}
	addFile := func(p string, explicit bool) {
		k := key(p)
		if seen[k] {
			return
		}
		seen[k] = true
		out = append(out, candidate{path: p, explicit: explicit, nameHint: nameHint(p)})
	}
	for _, root := range paths {
		root = filepath.Clean(root)
		st, err := os.Stat(root)
		if err != nil {
			a.fail(readError(root, err))
			continue
		}
		if !st.IsDir() {
			addFile(root, true)
			continue
		}
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if err != nil {
				a.fail(readError(p, err))
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if p != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules") {
					return fs.SkipDir
				}
				return nil
			}
			if !configExt(p) {
				a.log.Debug("audit: skipping file of unknown kind", "path", p)
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				st, err := os.Stat(p)
				if err != nil || !st.Mode().IsRegular() {
					return nil
				}
			} else if !d.Type().IsRegular() {
				return nil
			}
			if len(out) >= a.opts.MaxFiles {
				return fmt.Errorf("more than %d candidate files under %s: audit a narrower path", a.opts.MaxFiles, root)
			}
			addFile(p, false)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].path < out[j].path })
	return out, nil
}

// mainRank puts the files that include others first.
func mainRank(p string) int {
	switch strings.ToLower(filepath.Base(p)) {
	case "config.xml", "config.yaml", "config.yml", "postgresql.conf":
		return 0
	case "users.xml", "users.yaml", "users.yml", "postgresql.auto.conf":
		return 1
	}
	return 2
}

func configExt(p string) bool {
	switch strings.ToLower(filepath.Ext(p)) {
	case ".xml", ".yaml", ".yml", ".conf":
		return true
	}
	return false
}
