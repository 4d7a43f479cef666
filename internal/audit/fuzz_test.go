package audit

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// seedFiles adds every fixture with one of exts as a seed.
func seedFiles(f *testing.F, exts ...string) {
	f.Helper()
	_ = filepath.WalkDir("testdata", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.Contains(p, string(filepath.Separator)+"fuzz"+string(filepath.Separator)) {
			return nil
		}
		for _, e := range exts {
			if strings.HasSuffix(p, e) {
				if b, err := os.ReadFile(p); err == nil {
					f.Add(b)
				}
			}
		}
		return nil
	})
}

// FuzzClickHouseXML: parsing, merging a document into itself, and substituting from it
// never panic, and whatever parses can be audited.
func FuzzClickHouseXML(f *testing.F) {
	seedFiles(f, ".xml")
	f.Add([]byte(`<yandex><a incl="a"><b remove="1"/></a><include incl="a"/></yandex>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		base, err := parseXML("base.xml", data, &budget{})
		if err != nil {
			return
		}
		with, err := parseXML("with.xml", data, &budget{})
		if err != nil {
			t.Fatalf("second parse failed: %v", err)
		}
		if base.Pos.Line < 1 {
			t.Fatalf("root without a line: %+v", base.Pos)
		}
		if err := mergeDoc(base, with, &budget{}); err != nil {
			return
		}
		s := &substituter{from: with, budget: &budget{}}
		if _, _, err := s.apply(base, 0); err != nil {
			return
		}
		cfg := &chConfig{Path: "base.xml", Root: base}
		clickhouseAudit(&collector{}, cfg, cfg, false)
		clickhouseAudit(&collector{}, cfg, cfg, true)
	})
}

// FuzzClickHouseYAML: the YAML reader never panics and always yields a root with lines.
func FuzzClickHouseYAML(f *testing.F) {
	seedFiles(f, ".yaml", ".yml")
	f.Add([]byte("a: &x [1, *x]\n"))
	f.Add([]byte("users:\n  u:\n    '@replace': 1\n    '#text': t\n    networks: {ip: [a, b]}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		root, err := parseCHYAML("c.yaml", data, &budget{})
		if err != nil {
			return
		}
		if !isRoot(root.Name) {
			t.Fatalf("root %q", root.Name)
		}
		base := &Node{Name: "clickhouse"}
		if err := mergeDoc(base, root, &budget{}); err != nil {
			return
		}
		cfg := &chConfig{Path: "c.yaml", Root: base}
		clickhouseAudit(&collector{}, cfg, cfg, false)
		if y, err := parseYAMLNode("c.yaml", data); err == nil {
			if flat, err := flattenYAML("c.yaml", y); err == nil {
				elasticChecks(&collector{}, "c.yaml", flat)
				mongoChecks(&collector{}, "c.yaml", flat)
			}
		}
	})
}

// FuzzLineConfigs: the PostgreSQL, pg_hba and Redis line parsers never panic.
func FuzzLineConfigs(f *testing.F) {
	seedFiles(f, ".conf", ".inc")
	f.Add([]byte("a = 'it''s \\' # x'\nhost all all 10.0.0.0 255.0.0.0 md5\nbind \"\\x41\" 'b\\''\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var recs []hbaRecord
		for _, line := range strings.Split(string(data), "\n") {
			_, _, _, _, _ = parsePGLine(line)
			if toks, _, err := hbaTokens(line); err == nil && len(toks) >= 4 {
				recs = append(recs, hbaRecord{Type: "host", Address: toks[2], Method: toks[3], Databases: []string{toks[0]}, Users: []string{toks[1]}})
			}
			if args, err := splitRedisArgs(line); err == nil && len(args) > 0 {
				redisChecks(&collector{}, "r.conf", []redisDirective{{Name: strings.ToLower(args[0]), Args: args[1:]}}, nil)
			}
		}
		for i := range recs {
			recs[i].exposure()
		}
		pgHBAChecks(&collector{}, recs, pgListenInfo{})
		confKind(data)
		legacyMongo(data)
		parseLegacyMongo("m.conf", data)
	})
}

// FuzzAccessFile: whatever an access/*.sql file holds, reading it never panics and the
// user it finds is judged without error.
func FuzzAccessFile(f *testing.F) {
	f.Add("ATTACH USER etl NOT IDENTIFIED HOST ANY;\nATTACH GRANT INSERT ON logs.* TO etl;\n")
	f.Add("ATTACH USER u IDENTIFIED WITH plaintext_password BY 'p\\'w' HOST IP '10.0.0.0/8', NAME 'x' SETTINGS readonly = 1;")
	f.Add("ATTACH USER `we ird` HOST LIKE '%', REGEXP '.*';")
	f.Add("ATTACH ROLE r;")
	f.Fuzz(func(t *testing.T, s string) {
		u := parseAttachUser("x.sql", s)
		if u == nil {
			return
		}
		var c collector
		judgeSQLUser(&c, u, expWorld)
	})
}
