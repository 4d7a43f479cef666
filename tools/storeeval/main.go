// Command storeeval is an out-of-sample evaluation of secrets in fields of their own,
// in every store of the lab (issue 11). It starts real servers on loopback, seeds each
// with labelled records of its own making (see gen.go: names, layouts and encodings
// split into halves a and b), runs `leakwatch scan --format json --reveal` against
// each, and scores the findings against what it planted: a planted value is found when
// a secret finding's location names its container (table, key, bucket, document
// group) and its value is the planted one.
//
//	go run ./tools/storeeval -bin bin/leakwatch [-stores redis,etcd] [-seed N] [-misses a] [-b-totals]
//
// It prints recall and precision per store and half. -misses a lists half a's missed
// positives and reported negatives; half b's cases are never printed (held out), and
// -b-totals prints its totals line without its per-store rows.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"hash/fnv"
	"io"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/leakwatch/leakwatch/internal/cli"
	"github.com/leakwatch/leakwatch/internal/finding"
)

func main() {
	bin := flag.String("bin", "bin/leakwatch", "leakwatch binary to evaluate (empty: this build, in process)")
	seed := flag.Uint64("seed", 20261205, "generator seed")
	stores := flag.String("stores", strings.Join(allStores, ","), "comma-separated stores to run")
	dir := flag.String("dir", "", "directory for the servers (default: a temporary one)")
	misses := flag.String("misses", "", "list the per-case misses of this half (a only: b is held out)")
	scanArgs := flag.String("scan-args", "", "extra arguments for leakwatch scan (space-separated)")
	save := flag.String("save", "", "write the per-store findings (JSON) under this directory")
	bTotals := flag.Bool("b-totals", false, "print half b's totals only: no per-store rows of the held-out half")
	typed := flag.Bool("typed", false, "run the typed set (arrays, bytes, sets, streams, attachments, metadata: typed.go) instead of the field set")
	flag.Parse()
	typedSet = *typed
	if typedSet && *stores == strings.Join(allStores, ",") {
		*stores = strings.Join(typedStores, ",")
	}
	if *misses != "" && *misses != "a" {
		fmt.Fprintln(os.Stderr, "storeeval: -misses takes a only: half b is held out")
		os.Exit(2)
	}
	tmp := ""
	if *dir == "" {
		d, err := os.MkdirTemp("", "storeeval-")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		tmp, *dir = d, d
	}
	ctx := context.Background()
	var rows []scoreRow
	var missLines []string
	failed := false
	for _, s := range strings.Split(*stores, ",") {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		t0 := time.Now()
		res, fs, err := evalStore(ctx, *seed, s, *dir, *bin, strings.Fields(*scanArgs))
		if err != nil {
			fmt.Fprintf(os.Stderr, "storeeval: %s: %v\n", s, err)
			failed = true
			continue
		}
		if *save != "" {
			_ = os.MkdirAll(*save, 0o700)
			_ = os.WriteFile(filepath.Join(*save, s+".json"), []byte(jsonText(fs)), 0o600)
		}
		rows = append(rows, res.rows...)
		if *misses == "a" {
			missLines = append(missLines, res.missesA...)
		}
		fmt.Fprintf(os.Stderr, "storeeval: %s done in %v\n", s, time.Since(t0).Round(time.Second))
	}
	printRows(os.Stdout, rows, *bTotals)
	for _, l := range missLines {
		fmt.Println(l)
	}
	if tmp != "" {
		_ = os.RemoveAll(tmp) // (os.Exit runs no deferred call)
	}
	if failed {
		os.Exit(1)
	}
}

// typedSet is set by -typed: the stores are seeded with the typed set.
var typedSet bool

func newEv(seed uint64, store string) *ev {
	g := newGen(seed)
	h := fnv.New64a()
	h.Write([]byte(store))
	g.r = rand.New(rand.NewPCG(seed, h.Sum64()))
	return &ev{g: g, containers: map[string]map[string]string{}}
}

// scan runs leakwatch scan against one target and returns its findings: the binary
// bin, or this build's leakwatch in this process when bin is empty.
func scan(ctx context.Context, bin, target string, extra []string) ([]finding.Finding, error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Minute)
	defer cancel()
	args := append([]string{"scan", "--format", "json", "--reveal", "--no-progress", "--no-security-txt", "--fail-on", "critical"}, extra...)
	args = append(args, target)
	var out []byte
	var stderr strings.Builder
	if bin == "" {
		var stdout bytes.Buffer
		if code := cli.Main(args, strings.NewReader(""), &stdout, &stderr); code != 0 && code != 1 {
			return nil, fmt.Errorf("leakwatch scan: exit %d: %s", code, stderr.String())
		}
		out = stdout.Bytes()
	} else {
		cmd := exec.CommandContext(ctx, bin, args...)
		cmd.Stderr = &stderr
		var err error
		out, err = cmd.Output()
		var ee *exec.ExitError
		if err != nil && !(errors.As(err, &ee) && ee.ExitCode() == 1) {
			return nil, fmt.Errorf("%w: %s", err, stderr.String())
		}
	}
	var rep finding.Report
	if err := json.Unmarshal(out, &rep); err != nil {
		return nil, fmt.Errorf("reading the report: %w", err)
	}
	return rep.Findings, nil
}

// evalStore starts, seeds and scans one store and scores the scan.
func evalStore(ctx context.Context, seed uint64, store, dir, bin string, extra []string) (scoreResult, []finding.Finding, error) {
	e := newEv(seed, store)
	sctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	start := e.startStore
	if typedSet {
		start = func(ctx context.Context, store, dir string) (*running, error) {
			return e.startTyped(ctx, store, filepath.Join(dir, store))
		}
	}
	run, err := start(sctx, store, dir)
	cancel()
	if err != nil {
		return scoreResult{}, nil, err
	}
	fs, err := scan(ctx, bin, run.Target, extra)
	_ = run.Stop()
	if err != nil {
		return scoreResult{}, nil, fmt.Errorf("scan: %w", err)
	}
	return score(e, store, fs), fs, nil
}

type scoreRow struct {
	Store, Half                 string
	Pos, TP, Neg, FPNeg, FPElse int
	ByShape                     map[string][2]int // shape → found, planted (positives)
}

type scoreResult struct {
	rows    []scoreRow
	missesA []string
	// found are the positives found, by planted record and value.
	found map[[2]string]bool
}

// location is what a finding says about where it was: matched against containers.
func location(f finding.Finding) string {
	return strings.ToLower(f.Database + "\x00" + f.Table + "\x00" + f.Column)
}

// valueMatches says whether a reported value is the planted one.
func valueMatches(reported, planted string) bool {
	r := strings.TrimSpace(reported)
	if r == "" {
		return false
	}
	if r == planted {
		return true
	}
	if len(planted) >= 8 && strings.Contains(r, planted) && len(r) <= 2*len(planted)+16 {
		return true
	}
	// A reported part of the planted value must be most of it.
	return len(r) >= 12 && strings.Contains(planted, r) && 10*len(r) >= 6*len(planted)
}

func score(e *ev, store string, fs []finding.Finding) scoreResult {
	var secrets []finding.Finding
	for _, f := range fs {
		if f.Category == finding.Secret {
			secrets = append(secrets, f)
		}
	}
	containers := e.containers[store]
	// containerOf is the container a finding's location names (longest match).
	containerOf := func(f finding.Finding) string {
		loc := location(f)
		best := ""
		for c := range containers {
			if strings.Contains(loc, strings.ToLower(c)) && len(c) > len(best) {
				best = c
			}
		}
		return best
	}
	fc := make([]string, len(secrets))
	for i, f := range secrets {
		fc[i] = containerOf(f)
	}
	used := make([]bool, len(secrets))
	rows := map[string]*scoreRow{}
	row := func(h string) *scoreRow {
		if rows[h] == nil {
			rows[h] = &scoreRow{Store: store, Half: h, ByShape: map[string][2]int{}}
		}
		return rows[h]
	}
	var missesA []string
	found := map[[2]string]bool{}
	for _, c := range e.cases {
		if c.Store != store {
			continue
		}
		r := row(c.Half)
		hit := -1
		for i, f := range secrets {
			if fc[i] == c.Container && valueMatches(f.Value, c.Value) {
				hit = i
				used[i] = true
			}
		}
		if c.Role == "pos" {
			r.Pos++
			s := r.ByShape[c.Shape]
			s[1]++
			if hit >= 0 {
				r.TP++
				s[0]++
				found[[2]string{fmt.Sprint(c.Record), c.Value}] = true
			} else if c.Half == "a" {
				missesA = append(missesA, fmt.Sprintf("miss a %s %s %s field=%q family=%s value=%q", store, c.Shape, c.Container, c.Name, c.Family, c.Value))
			}
			r.ByShape[c.Shape] = s
		} else {
			r.Neg++
			if hit >= 0 {
				r.FPNeg++
				if c.Half == "a" {
					f := secrets[hit]
					missesA = append(missesA, fmt.Sprintf("fp a %s %s %s field=%q family=%s rule=%s value=%q", store, c.Shape, c.Container, c.Name, c.Family, f.Rule, c.Value))
				}
			}
		}
	}
	// Secret findings in our containers that match nothing planted: false positives too
	// (a filler reported, or a whole encoded blob instead of the value in it).
	for i, f := range secrets {
		if used[i] || fc[i] == "" {
			continue
		}
		h := containers[fc[i]]
		row(h).FPElse++
		if h == "a" {
			missesA = append(missesA, fmt.Sprintf("other a %s %s rule=%s loc=%q value=%q", store, fc[i], f.Rule,
				strings.ReplaceAll(location(f), "\x00", " | "), f.Value))
		}
	}
	var out []scoreRow
	for _, h := range []string{"a", "b"} {
		if rows[h] != nil {
			out = append(out, *rows[h])
		}
	}
	sort.Strings(missesA)
	return scoreResult{rows: out, missesA: missesA, found: found}
}

func pct(n, d int) string {
	if d == 0 {
		return "   -  "
	}
	return fmt.Sprintf("%5.1f%%", 100*float64(n)/float64(d))
}

// printRows prints a row per store and half and the totals of each half; with bTotals,
// half b (held out) gets its totals line only.
func printRows(w io.Writer, rows []scoreRow, bTotals bool) {
	fmt.Fprintf(w, "%-10s %-4s %5s %5s %7s %5s %6s %6s %7s\n", "store", "half", "pos", "found", "recall", "negs", "fp-neg", "fp-oth", "prec")
	tot := map[string]*scoreRow{"a": {Store: "TOTAL", Half: "a"}, "b": {Store: "TOTAL", Half: "b"}}
	for _, r := range rows {
		if !bTotals || r.Half != "b" {
			line(w, r)
		}
		t := tot[r.Half]
		t.Pos += r.Pos
		t.TP += r.TP
		t.Neg += r.Neg
		t.FPNeg += r.FPNeg
		t.FPElse += r.FPElse
	}
	line(w, *tot["a"])
	line(w, *tot["b"])
	// Recall by shape, of half a only: half b is held out, its totals are all we read.
	fmt.Fprintln(w, "\nrecall by store and shape, half a:")
	for _, r := range rows {
		if r.Half != "a" {
			continue
		}
		var parts []string
		for _, s := range slices.Sorted(maps.Keys(r.ByShape)) {
			v := r.ByShape[s]
			parts = append(parts, fmt.Sprintf("%s %d/%d", s, v[0], v[1]))
		}
		fmt.Fprintf(w, "  %-10s %s: %s\n", r.Store, r.Half, strings.Join(parts, ", "))
	}
}

func line(w io.Writer, r scoreRow) {
	fp := r.FPNeg + r.FPElse
	fmt.Fprintf(w, "%-10s %-4s %5d %5d %7s %5d %6d %6d %7s\n", r.Store, r.Half, r.Pos, r.TP, pct(r.TP, r.Pos), r.Neg, r.FPNeg, r.FPElse, pct(r.TP, r.TP+fp))
}
