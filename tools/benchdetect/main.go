// Command benchdetect measures `leakwatch detect` against gitleaks on the labelled corpus
// that ../shared/corpus/gen.py writes: recall and precision (overall and per family),
// throughput and peak memory, with both tools run on one core in the same session. It
// also streams a large input through `leakwatch redact` to show that memory stays flat.
//
// Scoring follows the corpus's contract: a reported value is a true positive when it
// overlaps a label on its line and contains the label's core; a reported value that
// overlaps a label without containing its core, or overlaps no label, is a false
// positive; neutral labels (IP addresses) and reports of the ip-address rule count
// neither way.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/leakwatch/leakwatch/tools/internal/evallabel"
)

// label is a planted value and what scoring learns of it.
type label struct {
	evallabel.Label

	start, end int // located span in the raw line, -1 when not found
	found      bool
}

// report is one value a tool reported.
type report struct {
	line       int
	start, end int // span in the raw line; -1 when the tool gave none that we could locate
	text       string
	rule       string
}

type score struct {
	// absent counts labels whose value is not in their line: the generator planted two
	// values under the same key (two connection strings as "dsn", two GitHub tokens as
	// "token_github") and the second replaced the first. No tool can find them, so they
	// are left out of recall and reported separately.
	absent          int
	misses          []string
	labels, found   int
	tp, fp, neutral int
	perFamily       map[string]*famScore
	fpByRule        map[string]int
	fpExamples      []string
}

type famScore struct{ labels, found, tp, fp int }

func (s *score) recall() float64    { return ratio(s.found, s.labels) }
func (s *score) precision() float64 { return ratio(s.tp, s.tp+s.fp) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

type run struct {
	tool, input string
	bytes       int64
	m           measurement
	sc          *score
}

// mbps is throughput by the wall clock; cpuMBps by CPU time (user + system), which does
// not depend on what else the machine is running.
func (r run) mbps() float64    { return float64(r.bytes) / 1e6 / time.Duration(r.m.WallNS).Seconds() }
func (r run) cpuMBps() float64 { return float64(r.bytes) / 1e6 / time.Duration(r.m.CPUNS).Seconds() }

func main() {
	if len(os.Args) > 3 && os.Args[1] == measureArg {
		os.Exit(measureChild(os.Args[2], os.Args[3:]))
	}
	var (
		corpus   = flag.String("corpus", "", "directory with log_stream.jsonl and labels.jsonl")
		lw       = flag.String("leakwatch", "bin/leakwatch", "leakwatch binary")
		gl       = flag.String("gitleaks", "", "gitleaks binary (empty: skip gitleaks)")
		glLines  = flag.Int("gitleaks-lines", 20000, "lines of the corpus gitleaks scans (it is slow); 0 = all")
		out      = flag.String("out", "bench-out/detect", "directory for reports")
		cpu      = flag.String("cpu", "0", "CPU list for taskset (empty: no pinning)")
		redactGB = flag.Float64("redact-gb", 1, "gigabytes to stream through leakwatch redact (0: skip)")
		evalDirs = flag.String("eval", "", "comma-separated name=DIR of labelled file trees (tools/evalcorpus) to score instead of -corpus")
		th       = flag.String("trufflehog", "", "trufflehog binary for -eval (empty: skip)")
		trees    = flag.String("trees", "", "comma-separated name=DIR of real trees to time and triage (every core)")
	)
	flag.Parse()
	if *evalDirs != "" {
		runEvals(*evalDirs, *lw, *gl, *th, *out)
		return
	}
	if *trees != "" {
		runTrees(*trees, *lw, *gl, *out)
		return
	}
	if *corpus == "" {
		fmt.Fprintln(os.Stderr, "benchdetect: -corpus is required")
		os.Exit(2)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fatal(err)
	}
	data := filepath.Join(*corpus, "log_stream.jsonl")
	labels, err := readLabels(filepath.Join(*corpus, evallabel.FileName))
	if err != nil {
		fatal(err)
	}
	lines, err := readLines(data)
	if err != nil {
		fatal(err)
	}
	locate(labels, lines)

	var runs []run
	// leakwatch on the whole corpus
	full := fileSize(data)
	r, err := runLeakwatch(*lw, *cpu, data, filepath.Join(*out, "leakwatch.jsonl"), full, labels, lines, 0)
	if err != nil {
		fatal(err)
	}
	r.input = fmt.Sprintf("%d lines, %.1f MB", len(lines), float64(full)/1e6)
	runs = append(runs, r)
	lwFull := r

	if *gl != "" {
		n := *glLines
		if n <= 0 || n > len(lines) {
			n = len(lines)
		}
		slice := filepath.Join(*out, "slice.jsonl")
		if err := writeSlice(slice, lines[:n]); err != nil {
			fatal(err)
		}
		size := fileSize(slice)
		desc := fmt.Sprintf("first %d lines, %.1f MB", n, float64(size)/1e6)
		r, err := runLeakwatch(*lw, *cpu, slice, filepath.Join(*out, "leakwatch-slice.jsonl"), size, labels, lines, n)
		if err != nil {
			fatal(err)
		}
		r.input = desc
		runs = append(runs, r)
		g, err := runGitleaks(*gl, *cpu, slice, filepath.Join(*out, "gitleaks.json"), size, labels, lines, n)
		if err != nil {
			fatal(err)
		}
		g.input = desc
		runs = append(runs, g)
	}

	var red *run
	if *redactGB > 0 {
		rr, err := runRedact(*lw, *cpu, lines, int64(*redactGB*1e9))
		if err != nil {
			fatal(err)
		}
		red = &rr
	}
	printTables(os.Stdout, runs, lwFull, red)
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "benchdetect:", err)
	os.Exit(1)
}

func fileSize(p string) int64 {
	st, err := os.Stat(p)
	if err != nil {
		fatal(err)
	}
	return st.Size()
}

func readLabels(p string) ([]*label, error) {
	ls, err := evallabel.ReadFile(p)
	if err != nil {
		return nil, err
	}
	out := make([]*label, len(ls))
	for i, l := range ls {
		out[i] = &label{Label: l}
	}
	return out, nil
}

func readLines(p string) ([][]byte, error) {
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	b = bytes.TrimSuffix(b, []byte("\n"))
	return bytes.Split(b, []byte("\n")), nil
}

func writeSlice(p string, lines [][]byte) error {
	f, err := os.Create(p)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	for _, l := range lines {
		w.Write(l)
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// jsonEscape escapes s as json.dumps(ensure_ascii=False) does inside a string.
func jsonEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x20 {
				fmt.Fprintf(&b, `\u%04x`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

// locate finds each label's span in its raw line: the value as is, or JSON-escaped once
// or twice (the corpus nests a JSON object inside a JSON string).
func locate(labels []*label, lines [][]byte) {
	used := map[[3]int]bool{}
	for _, l := range labels {
		l.start, l.end = -1, -1
		if l.Line < 1 || l.Line > len(lines) {
			continue
		}
		line := lines[l.Line-1]
		for _, form := range []string{l.Value, jsonEscape(l.Value), jsonEscape(jsonEscape(l.Value))} {
			off := 0
			for {
				i := bytes.Index(line[off:], []byte(form))
				if i < 0 {
					break
				}
				s := off + i
				key := [3]int{l.Line, s, len(form)}
				if !used[key] {
					used[key] = true
					l.start, l.end = s, s+len(form)
					break
				}
				off = s + 1
			}
			if l.start >= 0 {
				break
			}
		}
	}
}

func newScore() *score {
	return &score{perFamily: map[string]*famScore{}, fpByRule: map[string]int{}}
}

func (s *score) fam(f string) *famScore {
	if s.perFamily[f] == nil {
		s.perFamily[f] = &famScore{}
	}
	return s.perFamily[f]
}

// scoreReports applies the corpus contract. maxLine limits the labels to a slice.
func scoreReports(reps []report, labels []*label, lines [][]byte, maxLine int) *score {
	s := newScore()
	byLine := map[int][]*label{}
	for _, l := range labels {
		if maxLine > 0 && l.Line > maxLine {
			continue
		}
		l.found = false
		if l.start < 0 {
			if l.Kind != "neutral" {
				s.absent++
			}
			continue
		}
		byLine[l.Line] = append(byLine[l.Line], l)
		if l.Kind != "neutral" {
			s.labels++
			s.fam(l.Family).labels++
		}
	}
	ruleFam := map[string]map[string]int{}
	var fps []report
	for _, r := range reps {
		if r.rule == "ip-address" || r.rule == "client-ip-address" {
			s.neutral++
			continue
		}
		var hit *label
		overlapsReal, overlapsNeutral := false, false
		for _, l := range byLine[r.line] {
			var overlap bool
			if r.start >= 0 && l.start >= 0 {
				overlap = r.start < l.end && l.start < r.end
			} else {
				overlap = strings.Contains(l.Value, r.text) || strings.Contains(r.text, l.Core)
			}
			if !overlap {
				continue
			}
			if l.Kind == "neutral" {
				overlapsNeutral = true
				continue
			}
			overlapsReal = true
			raw := ""
			if r.start >= 0 && r.end <= len(lines[r.line-1]) {
				raw = string(lines[r.line-1][r.start:r.end])
			}
			if strings.Contains(r.text, l.Core) || strings.Contains(raw, l.Core) {
				hit = l
				break
			}
		}
		switch {
		case hit != nil:
			s.tp++
			if !hit.found {
				hit.found = true
				s.found++
				s.fam(hit.Family).found++
			}
			s.fam(hit.Family).tp++
			if ruleFam[r.rule] == nil {
				ruleFam[r.rule] = map[string]int{}
			}
			ruleFam[r.rule][hit.Family]++
		case overlapsNeutral && !overlapsReal:
			s.neutral++
		default:
			s.fp++
			s.fpByRule[r.rule]++
			fps = append(fps, r)
		}
	}
	for _, ls := range byLine {
		for _, l := range ls {
			if l.Kind != "neutral" && !l.found && len(s.misses) < 12 {
				s.misses = append(s.misses, fmt.Sprintf("line %d %s %q", l.Line, l.Family, clip(l.Value, 80)))
			}
		}
	}
	sort.Strings(s.misses)
	// Attribute false positives to the family their rule usually finds.
	for _, r := range fps {
		fam := "(rule " + r.rule + ")"
		best := 0
		for f, n := range ruleFam[r.rule] {
			if n > best {
				fam, best = f, n
			}
		}
		s.fam(fam).fp++
		if len(s.fpExamples) < 8 {
			s.fpExamples = append(s.fpExamples, fmt.Sprintf("line %d %s %q", r.line, r.rule, clip(r.text, 60)))
		}
	}
	return s
}

func clip(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

// measureArg re-runs this program as a small intermediate process that starts the
// measured command and reports its peak RSS. Linux carries the parent's memory
// high-water mark into a child's rusage at exec, and this process holds the whole corpus
// in memory; a fresh intermediate does not, so the figure is the tool's own.
const measureArg = "__measure"

type measurement struct {
	WallNS int64 `json:"wall_ns"`
	CPUNS  int64 `json:"cpu_ns"` // user + system
	MaxRSS int64 `json:"max_rss_kib"`
	Exit   int   `json:"exit"`
}

func measureChild(out string, argv []string) int {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	t0 := time.Now()
	err := cmd.Run()
	m := measurement{WallNS: int64(time.Since(t0))}
	if cmd.ProcessState == nil {
		fmt.Fprintln(os.Stderr, "benchdetect:", err)
		return 2
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		m.MaxRSS = ru.Maxrss
		m.CPUNS = ru.Utime.Nano() + ru.Stime.Nano()
	}
	m.Exit = cmd.ProcessState.ExitCode()
	b, _ := json.Marshal(m)
	if err := os.WriteFile(out, b, 0o600); err != nil {
		fmt.Fprintln(os.Stderr, "benchdetect:", err)
		return 2
	}
	return m.Exit
}

// measure runs a command pinned to the CPU list with GOMAXPROCS=1 and returns its wall
// time and peak resident memory (wait4 rusage), through the intermediate above.
func measure(cpu string, stdin io.Reader, stdout io.Writer, name string, args ...string) (measurement, error) {
	return measureWith(true, cpu, stdin, stdout, name, args...)
}

// measureAll is measure with every core: how the tools run on a tree of files.
func measureAll(stdin io.Reader, stdout io.Writer, name string, args ...string) (measurement, error) {
	return measureWith(false, "", stdin, stdout, name, args...)
}

func measureWith(single bool, cpu string, stdin io.Reader, stdout io.Writer, name string, args ...string) (measurement, error) {
	argv := append([]string{name}, args...)
	if cpu != "" {
		argv = append([]string{"taskset", "-c", cpu}, argv...)
	}
	self, err := os.Executable()
	if err != nil {
		return measurement{}, err
	}
	tmp, err := os.CreateTemp("", "benchdetect-*.json")
	if err != nil {
		return measurement{}, err
	}
	tmp.Close()
	defer os.Remove(tmp.Name())
	cmd := exec.Command(self, append([]string{measureArg, tmp.Name()}, argv...)...)
	cmd.Env = os.Environ()
	if single {
		cmd.Env = append(cmd.Env, "GOMAXPROCS=1")
	}
	cmd.Stdin = stdin
	cmd.Stdout = stdout
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err = cmd.Run()
	var m measurement
	if b, rerr := os.ReadFile(tmp.Name()); rerr == nil && len(b) > 0 {
		if jerr := json.Unmarshal(b, &m); jerr != nil {
			return measurement{}, jerr
		}
	} else if err == nil {
		err = errors.New("no measurement written")
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) && ee.ExitCode() == 1 {
		err = nil // 1 means findings
	}
	if err != nil {
		return measurement{}, fmt.Errorf("%s: %v: %s", name, err, clip(stderr.String(), 400))
	}
	return m, nil
}

func runLeakwatch(bin, cpu, input, out string, size int64, labels []*label, lines [][]byte, maxLine int) (run, error) {
	m, err := measure(cpu, nil, io.Discard, bin, "detect", "--format", "jsonl", "--reveal", "-o", out, input)
	if err != nil {
		return run{}, err
	}
	reps, err := readLeakwatch(out)
	if err != nil {
		return run{}, err
	}
	return run{tool: "leakwatch", bytes: size, m: m, sc: scoreReports(reps, labels, lines, maxLine)}, nil
}

func readLeakwatch(p string) ([]report, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var reps []report
	dec := json.NewDecoder(bufio.NewReaderSize(f, 1<<20))
	for {
		var v struct {
			Rule  string `json:"rule"`
			Line  int    `json:"line"`
			Start int    `json:"start"`
			End   int    `json:"end"`
			Value string `json:"value"`
		}
		if err := dec.Decode(&v); err == io.EOF {
			return reps, nil
		} else if err != nil {
			return nil, err
		}
		reps = append(reps, report{line: v.Line, start: v.Start, end: v.End, text: v.Value, rule: v.Rule})
	}
}

func runGitleaks(bin, cpu, input, out string, size int64, labels []*label, lines [][]byte, maxLine int) (run, error) {
	m, err := measure(cpu, nil, io.Discard, bin, "dir", input, "--report-format", "json", "--report-path", out,
		"--no-banner", "--exit-code", "0", "--log-level", "error")
	if err != nil {
		return run{}, err
	}
	b, err := os.ReadFile(out)
	if err != nil {
		return run{}, err
	}
	var fs []struct {
		RuleID    string
		StartLine int
		Secret    string
		Match     string
	}
	if err := json.Unmarshal(b, &fs); err != nil {
		return run{}, err
	}
	var reps []report
	for _, f := range fs {
		r := report{line: f.StartLine, start: -1, end: -1, text: f.Secret, rule: "gitleaks:" + f.RuleID}
		if r.line >= 1 && r.line <= len(lines) {
			line := lines[r.line-1]
			for _, t := range []string{f.Secret, f.Match} {
				if t == "" {
					continue
				}
				if i := bytes.Index(line, []byte(t)); i >= 0 {
					if t == f.Match {
						// the secret inside the match
						if j := strings.Index(f.Match, f.Secret); j >= 0 && f.Secret != "" {
							i, t = i+j, f.Secret
						}
					}
					r.start, r.end = i, i+len(t)
					break
				}
			}
		}
		reps = append(reps, r)
	}
	return run{tool: "gitleaks", bytes: size, m: m, sc: scoreReports(reps, labels, lines, maxLine)}, nil
}

// runRedact streams the corpus, repeated, through leakwatch redact.
func runRedact(bin, cpu string, lines [][]byte, total int64) (run, error) {
	pr, pw := io.Pipe()
	go func() {
		w := bufio.NewWriterSize(pw, 1<<20)
		var n int64
		for n < total {
			for _, l := range lines {
				w.Write(l)
				w.WriteByte('\n')
				n += int64(len(l) + 1)
				if n >= total {
					break
				}
			}
		}
		w.Flush()
		pw.Close()
	}()
	cw := &countWriter{}
	m, err := measure(cpu, pr, cw, bin, "redact")
	if err != nil {
		return run{}, err
	}
	if cw.n == 0 {
		return run{}, errors.New("redact wrote nothing")
	}
	return run{tool: "leakwatch redact", input: fmt.Sprintf("%.1f GB streamed", float64(total)/1e9), bytes: total, m: m}, nil
}

type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

func printTables(w io.Writer, runs []run, lwFull run, red *run) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "tool\tinput\trecall\tprecision\tMB/s\tMB/CPU-s\tpeak RSS\twall\tCPU")
	for _, r := range runs {
		fmt.Fprintf(tw, "%s\t%s\t%.4f\t%.4f\t%.1f\t%.1f\t%.1f MiB\t%.2fs\t%.2fs\n", r.tool, r.input, r.sc.recall(), r.sc.precision(),
			r.mbps(), r.cpuMBps(), float64(r.m.MaxRSS)/1024, time.Duration(r.m.WallNS).Seconds(), time.Duration(r.m.CPUNS).Seconds())
	}
	if red != nil {
		fmt.Fprintf(tw, "%s\t%s\t-\t-\t%.1f\t%.1f\t%.1f MiB\t%.2fs\t%.2fs\n", red.tool, red.input, red.mbps(), red.cpuMBps(),
			float64(red.m.MaxRSS)/1024, time.Duration(red.m.WallNS).Seconds(), time.Duration(red.m.CPUNS).Seconds())
	}
	tw.Flush()
	var gl, lwSlice *run
	for i := range runs {
		if runs[i].tool == "gitleaks" {
			gl = &runs[i]
		}
		if runs[i].tool == "leakwatch" && i > 0 {
			lwSlice = &runs[i]
		}
	}
	if gl != nil {
		fmt.Fprintf(w, "\nthroughput ratio leakwatch/gitleaks, wall clock: %.0fx (full corpus vs gitleaks' slice), %.0fx (same slice); by CPU time: %.0fx, %.0fx\n",
			lwFull.mbps()/gl.mbps(), lwSlice.mbps()/gl.mbps(), lwFull.cpuMBps()/gl.cpuMBps(), lwSlice.cpuMBps()/gl.cpuMBps())
	}
	printFamilies(w, "leakwatch, full corpus", lwFull.sc)
	if gl != nil {
		printFamilies(w, "gitleaks, slice", gl.sc)
	}
}

func printFamilies(w io.Writer, title string, s *score) {
	fmt.Fprintf(w, "\nper family (%s): TP %d, FP %d, neutral %d; %d labels absent from their line (overwritten by the generator) left out\n",
		title, s.tp, s.fp, s.neutral, s.absent)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "family\tlabels\tfound\trecall\tTP\tFP\tprecision")
	var fams []string
	for f := range s.perFamily {
		fams = append(fams, f)
	}
	sort.Strings(fams)
	for _, f := range fams {
		x := s.perFamily[f]
		rec := "-"
		if x.labels > 0 {
			rec = fmt.Sprintf("%.4f", ratio(x.found, x.labels))
		}
		prec := "-"
		if x.tp+x.fp > 0 {
			prec = fmt.Sprintf("%.4f", ratio(x.tp, x.tp+x.fp))
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%d\t%d\t%s\n", f, x.labels, x.found, rec, x.tp, x.fp, prec)
	}
	tw.Flush()
	if len(s.misses) > 0 {
		fmt.Fprintln(w, "missed labels (examples):")
		for _, e := range s.misses {
			fmt.Fprintln(w, "  ", e)
		}
	}
	if len(s.fpExamples) > 0 {
		fmt.Fprintln(w, "false positive examples:")
		for _, e := range s.fpExamples {
			fmt.Fprintln(w, "  ", e)
		}
	}
}
