package main

import (
	"bufio"
	"bytes"
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

	"github.com/leakwatch/leakwatch/tools/internal/evallabel"
)

// A file tree from tools/evalcorpus is scored like the log corpus: its files' lines are
// numbered as one sequence (in path order), labels and reports are mapped onto it, and
// scoreReports applies the same contract.

type tree struct {
	dir    string
	lines  [][]byte
	offset map[string]int // first global line (0-based) of each file, by path relative to dir
	labels []*label
}

func loadTree(dir string) (*tree, error) {
	t := &tree{dir: dir, offset: map[string]int{}}
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && d.Name() != evallabel.FileName {
			rel, _ := filepath.Rel(dir, p)
			files = append(files, rel)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			return nil, err
		}
		t.offset[f] = len(t.lines)
		t.lines = append(t.lines, bytes.Split(bytes.TrimSuffix(b, []byte("\n")), []byte("\n"))...)
	}
	ls, err := readLabels(filepath.Join(dir, evallabel.FileName))
	if err != nil {
		return nil, err
	}
	for _, l := range ls {
		off, ok := t.offset[l.File]
		if !ok {
			return nil, fmt.Errorf("label for unknown file %s", l.File)
		}
		l.Line += off
	}
	locate(ls, t.lines)
	t.labels = ls
	return t, nil
}

// global maps a tool's file name and 1-based line to the tree's line numbering.
func (t *tree) global(file string, line int) int {
	rel := file
	if filepath.IsAbs(file) || strings.HasPrefix(file, t.dir) {
		if r, err := filepath.Rel(t.dir, file); err == nil {
			rel = r
		}
	}
	off, ok := t.offset[rel]
	if !ok {
		return -1
	}
	return off + line
}

type evalRun struct {
	name, tool string
	m          measurement
	sc         *score
	err        error
}

func runEvals(spec, lw, gl, th, out string) {
	var runs []evalRun
	if err := os.MkdirAll(out, 0o755); err != nil {
		fatal(err)
	}
	for _, part := range strings.Split(spec, ",") {
		name, dir, ok := strings.Cut(part, "=")
		if !ok {
			fatal(fmt.Errorf("-eval wants name=DIR, got %q", part))
		}
		t, err := loadTree(dir)
		if err != nil {
			fatal(err)
		}
		runs = append(runs, evalLeakwatch(name, t, lw, out))
		if gl != "" {
			runs = append(runs, evalGitleaks(name, t, gl, out))
		}
		if th != "" {
			runs = append(runs, evalTrufflehog(name, t, th, out))
		}
	}
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "set\ttool\tlabels\trecall\tprecision\tsecret recall\tTP\tFP\twall")
	for _, r := range runs {
		if r.err != nil {
			fmt.Fprintf(tw, "%s\t%s\terror: %v\n", r.name, r.tool, r.err)
			continue
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%.4f\t%.4f\t%.4f\t%d\t%d\t%.2fs\n", r.name, r.tool, r.sc.labels, r.sc.recall(), r.sc.precision(),
			secretRecall(r.sc), r.sc.tp, r.sc.fp, time.Duration(r.m.WallNS).Seconds())
	}
	tw.Flush()
	for _, r := range runs {
		if r.err == nil {
			printFamilies(os.Stdout, r.name+", "+r.tool, r.sc)
		}
	}
}

// secretRecall is recall over the families that are secrets (what every tool claims to
// find), leaving out personal data that gitleaks and trufflehog do not look for.
func secretRecall(s *score) float64 {
	n, f := 0, 0
	for fam, x := range s.perFamily {
		switch fam {
		case "email", "phone", "card", "iban", "ssn", "national-id", "ip":
			continue
		}
		if strings.HasPrefix(fam, "(rule") {
			continue
		}
		n += x.labels
		f += x.found
	}
	return ratio(f, n)
}

func evalLeakwatch(name string, t *tree, bin, out string) evalRun {
	rep := filepath.Join(out, "eval-"+name+"-leakwatch.jsonl")
	m, err := measure("", nil, io.Discard, bin, "detect", "--format", "jsonl", "--reveal", "-o", rep, t.dir)
	r := evalRun{name: name, tool: "leakwatch", m: m, err: err}
	if err != nil {
		return r
	}
	f, err := os.Open(rep)
	if err != nil {
		r.err = err
		return r
	}
	defer f.Close()
	var reps []report
	dec := json.NewDecoder(bufio.NewReader(f))
	for {
		var v struct {
			Rule, File, Value string
			Line, Start, End  int
		}
		if err := dec.Decode(&v); err == io.EOF {
			break
		} else if err != nil {
			r.err = err
			return r
		}
		if strings.HasSuffix(v.File, evallabel.FileName) {
			continue
		}
		reps = append(reps, report{line: t.global(v.File, v.Line), start: v.Start, end: v.End, text: v.Value, rule: v.Rule})
	}
	r.sc = scoreReports(reps, t.labels, t.lines, 0)
	return r
}

// locateIn finds text in a line and returns its span, or -1, -1.
func locateIn(line []byte, texts ...string) (int, int) {
	for _, s := range texts {
		if s == "" {
			continue
		}
		if i := bytes.Index(line, []byte(s)); i >= 0 {
			return i, i + len(s)
		}
	}
	return -1, -1
}

func evalGitleaks(name string, t *tree, bin, out string) evalRun {
	rep := filepath.Join(out, "eval-"+name+"-gitleaks.json")
	m, err := measure("", nil, io.Discard, bin, "dir", t.dir, "--report-format", "json", "--report-path", rep,
		"--no-banner", "--exit-code", "0", "--log-level", "error")
	r := evalRun{name: name, tool: "gitleaks", m: m, err: err}
	if err != nil {
		return r
	}
	b, err := os.ReadFile(rep)
	if err != nil {
		r.err = err
		return r
	}
	var fs []struct {
		RuleID, File, Secret, Match string
		StartLine                   int
	}
	if err := json.Unmarshal(b, &fs); err != nil {
		r.err = err
		return r
	}
	var reps []report
	for _, f := range fs {
		if strings.HasSuffix(f.File, evallabel.FileName) {
			continue
		}
		g := t.global(f.File, f.StartLine)
		rp := report{line: g, start: -1, end: -1, text: f.Secret, rule: "gitleaks:" + f.RuleID}
		if g >= 1 && g <= len(t.lines) {
			rp.start, rp.end = locateIn(t.lines[g-1], f.Secret)
		}
		reps = append(reps, rp)
	}
	r.sc = scoreReports(reps, t.labels, t.lines, 0)
	return r
}

func evalTrufflehog(name string, t *tree, bin, out string) evalRun {
	rep := filepath.Join(out, "eval-"+name+"-trufflehog.jsonl")
	f, err := os.Create(rep)
	if err != nil {
		return evalRun{name: name, tool: "trufflehog", err: err}
	}
	m, err := measure("", nil, f, bin, "filesystem", t.dir, "--json", "--no-verification", "--no-update", "--log-level=-1")
	f.Close()
	r := evalRun{name: name, tool: "trufflehog", m: m, err: err}
	if err != nil {
		return r
	}
	reps, err := readTrufflehog(rep, func(file string, line int) int { return t.global(file, line) }, t.lines)
	if err != nil {
		r.err = err
		return r
	}
	r.sc = scoreReports(reps, t.labels, t.lines, 0)
	return r
}

// readTrufflehog reads trufflehog's JSON lines; global maps its file and line.
func readTrufflehog(p string, global func(string, int) int, lines [][]byte) ([]report, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var reps []report
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var v struct {
			DetectorName   string
			Raw, RawV2     string
			SourceMetadata struct {
				Data struct {
					Filesystem struct {
						File string `json:"file"`
						Line int    `json:"line"`
					}
				}
			}
		}
		if json.Unmarshal(sc.Bytes(), &v) != nil || v.DetectorName == "" {
			continue
		}
		fs := v.SourceMetadata.Data.Filesystem
		if strings.HasSuffix(fs.File, evallabel.FileName) {
			continue
		}
		g := global(fs.File, fs.Line)
		rp := report{line: g, start: -1, end: -1, text: v.Raw, rule: "trufflehog:" + v.DetectorName}
		if g >= 1 && g <= len(lines) {
			rp.start, rp.end = locateIn(lines[g-1], v.Raw, v.RawV2)
		}
		reps = append(reps, rp)
	}
	return reps, sc.Err()
}
