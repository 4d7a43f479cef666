package audit

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
)

// chConfig is one ClickHouse configuration document (config.xml or users.xml) as the
// server loads it: the file, merged with its override directories, with includes applied.
type chConfig struct {
	Path  string
	Root  *Node
	Files []string // every file that contributed, main file first
	Notes []includeNote
	// IncludeFrom is the substitution file used ("" when none); IncludeMissing is set
	// when include_from names a file that does not exist.
	IncludeFrom    string
	IncludeFromPos Pos
	IncludeMissing bool
	// Refused are override files the server will not merge: their root element is
	// neither <clickhouse> nor <yandex> while the main file's is (ConfigProcessor::merge
	// throws "Root element doesn't have the corresponding root element as the config
	// file"). They are left out of what is audited and reported.
	Refused []refusedFile
}

// refusedFile is an override file the server refuses to merge.
type refusedFile struct {
	Path, Root string
	Pos        Pos
}

// readConfigFile reads a file of at most maxFileBytes, with errors that say what to do.
func readConfigFile(path string) ([]byte, error) {
	// Non-blocking, so that a FIFO (an include can name one) is opened at once and
	// refused below as not a regular file, rather than waiting for a writer for ever.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, readError(path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, readError(path, err)
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file", path)
	}
	if st.Size() > maxFileBytes {
		return nil, fmt.Errorf("%s: %w: %d bytes", path, errTooBig, st.Size())
	}
	b, err := io.ReadAll(io.LimitReader(f, maxFileBytes+1))
	if err != nil {
		return nil, readError(path, err)
	}
	if len(b) > maxFileBytes {
		return nil, fmt.Errorf("%s: %w", path, errTooBig)
	}
	return b, nil
}

// ReadError is a configuration file that could not be read.
type ReadError struct {
	Path string
	Err  error
}

func (e *ReadError) Error() string {
	msg := e.Err.Error()
	var pe *fs.PathError
	if errors.As(e.Err, &pe) {
		msg = pe.Err.Error()
	}
	hint := ""
	if errors.Is(e.Err, fs.ErrPermission) {
		hint = " (run leakwatch as a user that can read it, e.g. with sudo, or copy the files)"
	}
	return fmt.Sprintf("cannot read %s: %s%s", e.Path, msg, hint)
}

func (e *ReadError) Unwrap() error { return e.Err }

func readError(path string, err error) error { return &ReadError{Path: path, Err: err} }

// parseCHFile parses a ClickHouse configuration file the way ConfigProcessor::parseConfig
// does: XML for .xml, YAML for .yaml and .yml, and for any other name (.conf, none) XML
// when its first non-blank line starts with "<", YAML otherwise.
func parseCHFile(path string, b *budget) (*Node, error) {
	data, err := readConfigFile(path)
	if err != nil {
		return nil, err
	}
	return parseCHBytes(path, data, b)
}

func parseCHBytes(path string, data []byte, b *budget) (*Node, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".yaml", ".yml":
		return parseCHYAML(path, data, b)
	case ".xml":
	default:
		if !startsLikeXML(data) {
			return parseCHYAML(path, data, b)
		}
	}
	root, err := parseXML(path, data, b)
	if err != nil {
		return nil, err
	}
	return root, nil
}

// startsLikeXML reports whether the first line with anything on it starts with "<".
func startsLikeXML(data []byte) bool {
	for _, line := range strings.Split(string(data), "\n") {
		if t := strings.TrimLeft(line, " \t\r\ufeff"); t != "" {
			return strings.HasPrefix(t, "<")
		}
	}
	return false
}

// mergeFiles lists the override files the server merges into path: every .xml, .conf,
// .yaml and .yml file (not hidden) of "<stem>.d" and "conf.d" next to it, sorted by full
// path, so conf.d comes before config.d.
func mergeFiles(path string) ([]string, error) {
	dir := filepath.Dir(path)
	stem := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	dirs := []string{filepath.Join(dir, stem+".d"), filepath.Join(dir, "conf.d")}
	var out []string
	seen := map[string]bool{}
	for _, d := range dirs {
		if seen[d] {
			continue
		}
		seen[d] = true
		entries, err := os.ReadDir(d)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			if st, serr := os.Stat(d); serr == nil && !st.IsDir() {
				continue
			}
			return nil, readError(d, err)
		}
		for _, e := range entries {
			name := e.Name()
			if strings.HasPrefix(name, ".") {
				continue
			}
			switch strings.ToLower(filepath.Ext(name)) {
			case ".xml", ".conf", ".yaml", ".yml":
			default:
				continue
			}
			p := filepath.Join(d, name)
			st, err := os.Stat(p) // follows links, as the server does
			if err != nil || !st.Mode().IsRegular() {
				continue
			}
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out, nil
}

// chLoadOptions say where substitutions come from when a configuration does not name its
// include_from file.
type chLoadOptions struct {
	// DefaultIncludeFrom is used when the configuration has no <include_from>; empty
	// means: /etc/metrika.xml for configurations under /etc, else metrika.xml next to
	// the main file, when either exists.
	DefaultIncludeFrom string
}

// loadCHConfig loads path the way the server does: parse, merge the override
// directories in order, then apply incl/from_env/from_zk substitutions.
func loadCHConfig(path string, o chLoadOptions) (*chConfig, error) {
	b := &budget{}
	root, err := parseCHFile(path, b)
	if err != nil {
		return nil, err
	}
	if !isRoot(root.Name) {
		return nil, fmt.Errorf("%s: root element is <%s>, not <clickhouse> or <yandex>", path, root.Name)
	}
	cfg := &chConfig{Path: path, Root: root, Files: []string{path}}
	merges, err := mergeFiles(path)
	if err != nil {
		return nil, err
	}
	for _, m := range merges {
		with, err := parseCHFile(m, b)
		if err != nil {
			return nil, err
		}
		if !isRoot(with.Name) {
			cfg.Refused = append(cfg.Refused, refusedFile{Path: m, Root: with.Name, Pos: with.Pos})
			continue
		}
		if err := mergeDoc(root, with, b); err != nil {
			return nil, fmt.Errorf("merging %s into %s: %w", m, path, err)
		}
		cfg.Files = append(cfg.Files, m)
	}

	s := &substituter{budget: b}
	incPath := ""
	if n := root.Child("include_from"); n != nil {
		cfg.IncludeFromPos = n.ValuePos()
		if _, _, err := s.apply(n, 0); err != nil {
			return nil, err
		}
		if n.Subst == "" {
			incPath = n.Value()
		}
	} else {
		incPath = defaultIncludeFrom(path, o)
	}
	if incPath != "" {
		resolved := resolveIncludeFrom(path, incPath)
		if resolved == "" {
			cfg.IncludeMissing = root.Child("include_from") != nil
			cfg.IncludeFrom = incPath
		} else {
			inc, err := parseCHFile(resolved, b)
			if err != nil {
				return nil, err
			}
			s.from = inc
			cfg.IncludeFrom = resolved
			cfg.Files = append(cfg.Files, resolved)
		}
	}
	if _, _, err := s.apply(root, 0); err != nil {
		return nil, err
	}
	cfg.Notes = s.notes
	return cfg, nil
}

func defaultIncludeFrom(path string, o chLoadOptions) string {
	if o.DefaultIncludeFrom != "" {
		return o.DefaultIncludeFrom
	}
	abs, _ := filepath.Abs(path)
	if strings.HasPrefix(abs, "/etc/") && fileExists("/etc/metrika.xml") {
		return "/etc/metrika.xml"
	}
	if p := filepath.Join(filepath.Dir(path), "metrika.xml"); fileExists(p) {
		return p
	}
	return ""
}

// resolveIncludeFrom finds the include file: as written, relative to the configuration's
// directory, or — for a copy of a server's configuration audited elsewhere — by its base
// name next to the configuration. "" when none exists.
func resolveIncludeFrom(cfgPath, inc string) string {
	cands := []string{inc}
	if !filepath.IsAbs(inc) {
		cands = []string{filepath.Join(filepath.Dir(cfgPath), inc)}
	}
	cands = append(cands, filepath.Join(filepath.Dir(cfgPath), filepath.Base(inc)))
	for _, c := range cands {
		if fileExists(c) {
			return c
		}
	}
	return ""
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

// usersConfigPath is where the server reads users from (AccessControl::
// addStoragesFromMainConfig): user_directories/users_xml/path, else users_config, else —
// when there is no user_directories either — the main configuration itself (18.16 does
// the same). Relative paths are relative to the main configuration's directory. explicit
// reports whether the configuration named a file; path is "" when users come from
// user_directories without a users_xml (SQL-created users only).
func usersConfigPath(cfg *chConfig) (path string, pos Pos, explicit bool) {
	var n *Node
	if n = cfg.Root.Path("user_directories/users_xml/path"); n == nil {
		n = cfg.Root.Child("users_config")
	}
	switch {
	case n == nil && cfg.Root.Child("user_directories") != nil:
		return "", Pos{}, false
	case n != nil && n.Subst != "":
		// Named in the environment or ZooKeeper: the stock name is the best guess.
		return filepath.Join(filepath.Dir(cfg.Path), "users.xml"), Pos{}, false
	case n == nil || n.Value() == "":
		return cfg.Path, Pos{}, false
	}
	p, pos, explicit := n.Value(), n.ValuePos(), true
	if !filepath.IsAbs(p) {
		p = filepath.Join(filepath.Dir(cfg.Path), p)
	} else if !fileExists(p) {
		// An absolute path into a server's /etc seen from a copy of its files.
		if alt := filepath.Join(filepath.Dir(cfg.Path), filepath.Base(p)); fileExists(alt) {
			p = alt
		}
	}
	return filepath.Clean(p), pos, explicit
}
