package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/leakwatch/leakwatch/internal/testpath"
)

// Real trees hold no live secrets (a toolchain's sources, documentation, a module cache):
// every finding there is triaged by hand, and the tools' speed on many small files is
// measured in the same run, each with every core.

func treeSize(dir string) (int64, int) {
	var n int64
	files := 0
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
				files++
			}
		}
		return nil
	})
	return n, files
}

func runTrees(spec, lw, gl, out string) {
	if err := os.MkdirAll(out, 0o755); err != nil {
		fatal(err)
	}
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "tree\tMB\tfiles\ttool\twall\tCPU\tMB/s\tsecret findings (non-test)\tper 100 MB\tpii findings (non-test)")
	var details []string
	for _, part := range strings.Split(spec, ",") {
		name, dir, ok := strings.Cut(part, "=")
		if !ok {
			fatal(fmt.Errorf("-trees wants name=DIR, got %q", part))
		}
		size, files := treeSize(dir)
		mb := float64(size) / 1e6
		rep := filepath.Join(out, "tree-"+name+"-leakwatch.jsonl")
		m, err := measureAll(nil, io.Discard, lw, "detect", "--format", "jsonl", "--reveal", "-o", rep, dir)
		if err != nil {
			fmt.Fprintf(tw, "%s\t%.0f\t%d\tleakwatch\terror: %v\n", name, mb, files, err)
			continue
		}
		secrets, pii, byRule := countTree(rep)
		fmt.Fprintf(tw, "%s\t%.0f\t%d\tleakwatch\t%.2fs\t%.2fs\t%.1f\t%d\t%.2f\t%d\n", name, mb, files, time.Duration(m.WallNS).Seconds(),
			time.Duration(m.CPUNS).Seconds(), mb/time.Duration(m.WallNS).Seconds(), secrets, float64(secrets)*100/mb, pii)
		details = append(details, byRule.lines(name)...)
		if gl != "" {
			grep := filepath.Join(out, "tree-"+name+"-gitleaks.json")
			gm, err := measureAll(nil, io.Discard, gl, "dir", dir, "--report-format", "json", "--report-path", grep, "--no-banner", "--exit-code", "0", "--log-level", "error")
			if err != nil {
				fmt.Fprintf(tw, "%s\t%.0f\t%d\tgitleaks\terror: %v\n", name, mb, files, err)
				continue
			}
			n := countGitleaks(grep)
			fmt.Fprintf(tw, "%s\t%.0f\t%d\tgitleaks\t%.2fs\t%.2fs\t%.1f\t%d\t%.2f\t-\n", name, mb, files, time.Duration(gm.WallNS).Seconds(), time.Duration(gm.CPUNS).Seconds(),
				mb/time.Duration(gm.WallNS).Seconds(), n, float64(n)*100/mb)
			fmt.Fprintf(tw, "%s\t\t\tratio\tleakwatch %.1fx faster by the wall clock, %.1fx by CPU time\n", name,
				float64(gm.WallNS)/float64(m.WallNS), float64(gm.CPUNS)/float64(m.CPUNS))
		}
	}
	tw.Flush()
	for _, d := range details {
		fmt.Println(d)
	}
}

type ruleCounts struct {
	secret map[string][]string // rule → files:lines (non-test)
}

func (r ruleCounts) lines(tree string) []string {
	var rules []string
	for k := range r.secret {
		rules = append(rules, k)
	}
	sort.Strings(rules)
	var out []string
	for _, k := range rules {
		ex := r.secret[k]
		if len(ex) > 5 {
			ex = ex[:5]
		}
		out = append(out, fmt.Sprintf("%s: %s ×%d (non-test): %s", tree, k, len(r.secret[k]), strings.Join(ex, ", ")))
	}
	return out
}

// countTree counts leakwatch's secret and personal-data findings outside test paths, as
// leakwatch marks them (test_path, internal/testpath): the benchmark counts what a user
// filtering the report the same way would see.
func countTree(p string) (secrets, pii int, rc ruleCounts) {
	rc = ruleCounts{secret: map[string][]string{}}
	f, err := os.Open(p)
	if err != nil {
		return 0, 0, rc
	}
	defer f.Close()
	dec := json.NewDecoder(bufio.NewReader(f))
	for {
		var v struct {
			Rule, Category, File string
			Line                 int
			TestPath             bool `json:"test_path"`
		}
		if dec.Decode(&v) != nil {
			break
		}
		if v.TestPath {
			continue
		}
		switch v.Category {
		case "secret":
			secrets++
			rc.secret[v.Rule] = append(rc.secret[v.Rule], fmt.Sprintf("%s:%d", v.File, v.Line))
		case "pii":
			pii++
		}
	}
	return secrets, pii, rc
}

// countGitleaks counts gitleaks' findings outside test paths, by leakwatch's rule.
func countGitleaks(p string) int {
	b, err := os.ReadFile(p)
	if err != nil {
		return 0
	}
	var fs []struct{ File string }
	if json.Unmarshal(b, &fs) != nil {
		return 0
	}
	n := 0
	for _, f := range fs {
		if !testpath.Is(f.File) {
			n++
		}
	}
	return n
}
