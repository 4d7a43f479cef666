// Command peercases scores leakwatch, gitleaks and trufflehog on each other's test
// cases: trufflehog's detector pattern tests (pkg/detectors/*/…_test.go, Test…_Pattern),
// gitleaks' rule examples (the true and false positives its rule generators
// validate), the rule examples of Nosey Parker and of MongoDB's Kingfisher, Yelp's
// detect-secrets plugin tests, secretlint's rule snapshots, semgrep-rules' secrets rule
// tests, ripsecrets' tests and Trivy's secret scanner tests (each in two halves, the
// second held out: see noseyparker.go, kingfisher.go, detectsecrets.go, secretlint.go,
// semgrep.go, ripsecrets.go, trivy.go). The cases are read from the peers' source in the mirrors that the search
// tool's fetch brings (/work/.mirror/<owner>+<name>/repo) at run time; nothing of
// theirs is stored in this repository. When a mirror is absent its set is skipped.
//
//	peercases -leakwatch bin/leakwatch [-gitleaks bin/tools/gitleaks] [-trufflehog …] [-out DIR]
//
// A positive case counts as found when a tool reports a secret that overlaps one of
// the values the test wants (one holds the other, or one runs into the other over 16
// characters or more where the input holds them joined) (gitleaks' examples name no value: any secret counts); a
// negative case is a false positive when a tool reports any secret in it. Cases whose
// token carries a wrong checksum (GitHub, npm) are left out: rejecting them is right.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"hash/crc32"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"

	"strconv"
	"strings"
	"text/tabwriter"
	"time"
)

func main() {
	var (
		thMirror = flag.String("trufflehog-mirror", "/work/.mirror/trufflesecurity+trufflehog/repo", "bare git directory of trufflehog")
		glMirror = flag.String("gitleaks-mirror", "/work/.mirror/gitleaks+gitleaks/repo", "bare git directory of gitleaks")
		npMirror = flag.String("noseyparker-mirror", "/work/.mirror/praetorian-inc+noseyparker/repo", "bare git directory of Nosey Parker (its half B is held out: misses never printed)")
		dsMirror = flag.String("detectsecrets-mirror", "/work/.mirror/Yelp+detect-secrets/repo", "bare git directory of Yelp's detect-secrets (its half B is held out: misses never printed; needs python3)")
		slMirror = flag.String("secretlint-mirror", "/work/.mirror/secretlint+secretlint/repo", "bare git directory of secretlint (its half B is held out: misses never printed)")
		sgMirror = flag.String("semgrep-mirror", "/work/.mirror/semgrep+semgrep-rules/repo", "bare git directory of semgrep-rules (its half B is held out: misses never printed)")
		rsMirror = flag.String("ripsecrets-mirror", "/work/.mirror/sirwart+ripsecrets/repo", "bare git directory of ripsecrets (its half B is held out: misses never printed)")
		tvMirror = flag.String("trivy-mirror", "/work/.mirror/aquasecurity+trivy/repo", "bare git directory of Trivy (its half B is held out: misses never printed)")
		kfMirror = flag.String("kingfisher-mirror", "/work/.mirror/mongodb+kingfisher/repo", "bare git directory of MongoDB's Kingfisher (its half B is held out: misses never printed)")
		lw       = flag.String("leakwatch", "bin/leakwatch", "leakwatch binary")
		gl       = flag.String("gitleaks", "", "gitleaks binary (empty: skip)")
		th       = flag.String("trufflehog", "", "trufflehog binary (empty: skip)")
		out      = flag.String("out", "bench-out/peers", "work directory")
		seed     = flag.Uint64("seed", 11, "seed for the secrets the peers generate from regular expressions")
		misses   = flag.Int("misses", 0, "print this many of leakwatch's misses and false positives per set")
	)
	flag.Parse()
	type set struct {
		name  string
		cases []testCase
		skip  int
		held  bool   // held out: leakwatch's misses on it are never printed
		note  string // what the legend adds about how the set was read
	}
	var sets []set
	if isDir(*thMirror) {
		repo, err := newGitRepo(*thMirror)
		if err != nil {
			fatal(err)
		}
		cs, skip, err := trufflehogCases(repo, *seed)
		repo.close()
		if err != nil {
			fatal(err)
		}
		sets = append(sets, set{"trufflehog pattern tests", cs, skip, false, ""})
	} else {
		fmt.Printf("peercases: no trufflehog mirror at %s; skipping its cases\n", *thMirror)
	}
	if isDir(*glMirror) {
		repo, err := newGitRepo(*glMirror)
		if err != nil {
			fatal(err)
		}
		cs, skip, err := gitleaksCases(repo, *seed)
		repo.close()
		if err != nil {
			fatal(err)
		}
		sets = append(sets, set{"gitleaks rule examples", cs, skip, false, ""})
	} else {
		fmt.Printf("peercases: no gitleaks mirror at %s; skipping its cases\n", *glMirror)
	}
	if isDir(*npMirror) {
		repo, err := newGitRepo(*npMirror)
		if err != nil {
			fatal(err)
		}
		for _, h := range []struct {
			half, name string
			held       bool
		}{{"A", "noseyparker examples, half A", false}, {"B", "noseyparker examples, half B (held out)", true}} {
			cs, skip, err := noseyparkerCases(repo, h.half)
			if err != nil {
				repo.close()
				fatal(err)
			}
			sets = append(sets, set{h.name, cs, skip, h.held, ""})
		}
		repo.close()
	} else {
		fmt.Printf("peercases: no Nosey Parker mirror at %s; skipping its cases\n", *npMirror)
	}
	if isDir(*kfMirror) {
		if err := kingfisherSets(*kfMirror, *npMirror, func(name string, cs []testCase, skip int, held bool, note string) {
			sets = append(sets, set{name, cs, skip, held, note})
		}); err != nil {
			fatal(err)
		}
	} else {
		fmt.Printf("peercases: no Kingfisher mirror at %s; skipping its cases\n", *kfMirror)
	}
	add := func(name string, cs []testCase, skip int, held bool, note string) {
		sets = append(sets, set{name, cs, skip, held, note})
	}
	if isDir(*dsMirror) {
		if err := detectSecretsSets(*dsMirror, add); err != nil {
			fatal(err)
		}
	} else {
		fmt.Printf("peercases: no detect-secrets mirror at %s; skipping its cases\n", *dsMirror)
	}
	if isDir(*slMirror) {
		if err := secretlintSets(*slMirror, add); err != nil {
			fatal(err)
		}
	} else {
		fmt.Printf("peercases: no secretlint mirror at %s; skipping its cases\n", *slMirror)
	}
	for _, p := range []struct {
		name, dir string
		sets      func(string, func(string, []testCase, int, bool, string)) error
	}{{"semgrep-rules", *sgMirror, semgrepSets}, {"ripsecrets", *rsMirror, ripsecretsSets}, {"Trivy", *tvMirror, trivySets}} {
		if !isDir(p.dir) {
			fmt.Printf("peercases: no %s mirror at %s; skipping its cases\n", p.name, p.dir)
			continue
		}
		if err := p.sets(p.dir, add); err != nil {
			fatal(err)
		}
	}
	if len(sets) == 0 {
		return
	}
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "cases\ttool\tpositives\trecall\tnegatives\tFP rate\tclean negatives\tFP rate (clean)\twall")
	var notes, legends []string
	for si, s := range sets {
		dir := filepath.Join(*out, fmt.Sprintf("set%d", si))
		os.RemoveAll(dir)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			fatal(err)
		}
		for i, c := range s.cases {
			if err := os.WriteFile(filepath.Join(dir, caseFile(i, c)), []byte(c.Input+"\n"), 0o644); err != nil {
				fatal(err)
			}
		}
		cls := classify(s.cases)
		legends = append(legends, fmt.Sprintf("%s: %d cases read, %d not evaluable; positives left out for every tool: %d with an invalid checksum or structure; "+
			"negatives outside the clean set: %d where the peer's own matcher wants its keyword nearer, %d contested (holding a value another of the peer's positive cases wants — another detector's token, one part of a multi-part credential, "+
			"a true positive of another gitleaks rule — a value the peer rejects only by listing it, or a credential valid by its own structure: a JWT, a parseable private key)",
			s.name, len(s.cases)+s.skip, s.skip, cls.count[leftOut], cls.count[distance], cls.count[contested])+s.note)
		tools := []struct {
			name string
			run  func(dir, out string) (map[int][]found, time.Duration, error)
		}{{"leakwatch", func(d, o string) (map[int][]found, time.Duration, error) { return runLeakwatch(*lw, d, o) }}}
		if *gl != "" {
			tools = append(tools, struct {
				name string
				run  func(dir, out string) (map[int][]found, time.Duration, error)
			}{"gitleaks", func(d, o string) (map[int][]found, time.Duration, error) { return runGitleaks(*gl, d, o) }})
		}
		if *th != "" {
			tools = append(tools, struct {
				name string
				run  func(dir, out string) (map[int][]found, time.Duration, error)
			}{"trufflehog", func(d, o string) (map[int][]found, time.Duration, error) { return runTrufflehog(*th, d, o) }})
		}
		for _, t := range tools {
			res, wall, err := t.run(dir, filepath.Join(*out, fmt.Sprintf("set%d-%s.out", si, t.name)))
			if err != nil {
				fmt.Fprintf(tw, "%s\t%s\terror: %v\n", s.name, t.name, err)
				continue
			}
			pos, hit, neg, fp, clean, fpClean := 0, 0, 0, 0, 0, 0
			var missEx, fpEx []string
			for i, c := range s.cases {
				fs := res[i]
				k := cls.kind[i]
				if c.Positive {
					if k == leftOut {
						continue
					}
					pos++
					if detected(c, fs) {
						hit++
					} else if len(missEx) < *misses {
						missEx = append(missEx, fmt.Sprintf("miss %s/%s (set%d/%s): %q", c.Detector, c.Name, si, caseFile(i, c), clip(c.Input, 160)))
					}
					continue
				}
				neg++
				if k == plain {
					clean++
				}
				if len(fs) > 0 {
					fp++
					if k == plain {
						fpClean++
					}
					if len(fpEx) < *misses {
						fpEx = append(fpEx, fmt.Sprintf("FP%s %s/%s (set%d/%s) [%s %q]: %q", map[caseKind]string{plain: "", distance: "(distance)", contested: "(contested)"}[k],
							c.Detector, c.Name, si, caseFile(i, c), fs[0].rule, clip(fs[0].value, 50), clip(c.Input, 120)))
					}
				}
			}
			fmt.Fprintf(tw, "%s\t%s\t%d\t%.4f\t%d\t%.4f\t%d\t%.4f\t%.1fs\n", s.name, t.name, pos, ratio(hit, pos), neg, ratio(fp, neg),
				clean, ratio(fpClean, clean), wall.Seconds())
			if t.name == "leakwatch" && !s.held {
				notes = append(notes, missEx...)
				notes = append(notes, fpEx...)
			}
		}
	}
	tw.Flush()
	for _, l := range legends {
		fmt.Println(l)
	}
	for _, n := range notes {
		fmt.Println(n)
	}
}

// distanceCase recognises trufflehog's negative cases whose value has the detector's
// format but stands too far from its keyword for trufflehog's own matcher ("key out of
// prefix range"): a tool that reports a well-formed token there is not wrong, so the
// FP rate is also given without them.
func distanceCase(name string) bool {
	n := strings.ToLower(name)
	return strings.Contains(n, "prefix range") || strings.Contains(n, "out of range") || strings.Contains(n, "not close") ||
		strings.Contains(n, "too far") || strings.Contains(n, "outside")
}

// kingfisherSets reads Kingfisher's two halves; the Nosey Parker mirror, when present,
// decides the halves of the rules the two share and the examples dropped as duplicates.
func kingfisherSets(kfDir, npDir string, add func(name string, cs []testCase, skip int, held bool, note string)) error {
	repo, err := newGitRepo(kfDir)
	if err != nil {
		return err
	}
	defer repo.close()
	var np *gitRepo
	// Without Nosey Parker's ids the halves are not the ones tuned on: a case of the
	// held-out half could land in the other, so neither half's misses are printed then.
	note := "; Nosey Parker mirror absent: halves by Kingfisher's own ids, no duplicates dropped, no misses printed"
	if isDir(npDir) {
		r, err := newGitRepo(npDir)
		if err != nil {
			return err
		}
		defer r.close()
		np = &r
		note = ""
	}
	for _, h := range []struct {
		half, name string
		held       bool
	}{{"A", "kingfisher examples, half A", false}, {"B", "kingfisher examples, half B (held out)", true}} {
		cs, skip, dup, err := kingfisherCases(repo, np, h.half)
		if err != nil {
			return err
		}
		n := note
		if np != nil {
			n = fmt.Sprintf("; %d examples dropped as identical to Nosey Parker's", dup)
		}
		add(h.name, cs, skip, h.held || np == nil, n)
	}
	return nil
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "peercases:", err)
	os.Exit(1)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func clip(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

type found struct{ rule, value string }

// detected reports whether a finding overlaps a value the case wants; a case that names
// no value (gitleaks) is found by any finding.
func detected(c testCase, fs []found) bool {
	if len(fs) == 0 {
		return false
	}
	var wants []string
	for _, w := range c.Want {
		if w != "" && strings.Contains(c.Input, w) {
			wants = append(wants, sameForm(w))
		}
	}
	if len(wants) == 0 {
		return true
	}
	input := sameForm(c.Input)
	for _, f := range fs {
		v := sameForm(f.value)
		for _, w := range wants {
			if v == "" || strings.Contains(w, v) && len(v) >= 6 || strings.Contains(v, w) ||
				overlapIn(input, w, v) || overlapIn(input, v, w) {
				return true
			}
		}
	}
	return false
}

// minOverlap is how many characters a wanted value and a reported one must share where
// one runs into the other for the finding to count.
const minOverlap = 16

// overlapIn reports whether a ends where b begins, over minOverlap characters or more,
// at a place of the input that holds them joined: a peer's pattern that cuts a URL short
// and a tool that reports it without its scheme have found the same characters of the
// input, though neither string contains the other.
func overlapIn(input, a, b string) bool {
	for k := min(len(a), len(b)) - 1; k >= minOverlap; k-- {
		if a[len(a)-k:] == b[:k] && strings.Contains(input, a+b[k:]) {
			return true
		}
	}
	return false
}

// sameForm writes a wanted value and a reported one in one form before they are
// compared: line breaks as unescapeBreaks does, and percent-escapes decoded (a tool that
// reports the password of a URI such as "mongodb://u:P%40ss@h" as "P@ss" has found the
// value the case wants written encoded). A string that is not valid percent-encoding is
// left as it is.
func sameForm(s string) string {
	s = unescapeBreaks(s)
	if strings.Contains(s, "%") {
		if d, err := url.PathUnescape(s); err == nil {
			s = d
		}
	}
	return s
}

// unescapeBreaks writes the line breaks of a value as one "\n" whether they were
// written out ("\r\n" escapes in a JSON string) or not: a tool that reports a key
// with its escapes decoded has found the value a case wants written with them.
func unescapeBreaks(s string) string {
	return strings.NewReplacer(`\r\n`, "\n", `\n`, "\n", "\r\n", "\n").Replace(s)
}

// caseFile names the file case i is written to: its number and the extension the
// peer's test gave it (txt when none).
func caseFile(i int, c testCase) string {
	ext := c.Ext
	if ext == "" || strings.ContainsAny(ext, "/\\") {
		ext = "txt"
	}
	return fmt.Sprintf("%05d.%s", i, ext)
}

// caseIndex reads the case number from a file name the run wrote (00042.txt, 00043.go).
func caseIndex(p string) int {
	num, _, _ := strings.Cut(filepath.Base(p), ".")
	n, err := strconv.Atoi(num)
	if err != nil {
		return -1
	}
	return n
}

func timed(cmd *exec.Cmd) (time.Duration, error) {
	t0 := time.Now()
	err := cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) && ee.ExitCode() == 1 {
		err = nil
	}
	return time.Since(t0), err
}

func runLeakwatch(bin, dir, out string) (map[int][]found, time.Duration, error) {
	cmd := exec.Command(bin, "detect", "--format", "jsonl", "--reveal", "-o", out, dir)
	cmd.Stderr = os.Stderr
	wall, err := timed(cmd)
	if err != nil {
		return nil, 0, err
	}
	f, err := os.Open(out)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	res := map[int][]found{}
	dec := json.NewDecoder(bufio.NewReader(f))
	for {
		var v struct{ Rule, Category, File, Value string }
		if err := dec.Decode(&v); err == io.EOF {
			break
		} else if err != nil {
			return nil, 0, err
		}
		if v.Category != "secret" {
			continue
		}
		i := caseIndex(v.File)
		res[i] = append(res[i], found{v.Rule, v.Value})
	}
	return res, wall, nil
}

func runGitleaks(bin, dir, out string) (map[int][]found, time.Duration, error) {
	cmd := exec.Command(bin, "dir", dir, "--report-format", "json", "--report-path", out, "--no-banner", "--exit-code", "0", "--log-level", "error")
	wall, err := timed(cmd)
	if err != nil {
		return nil, 0, err
	}
	b, err := os.ReadFile(out)
	if err != nil {
		return nil, 0, err
	}
	var fs []struct{ RuleID, File, Secret string }
	if err := json.Unmarshal(b, &fs); err != nil {
		return nil, 0, err
	}
	res := map[int][]found{}
	for _, f := range fs {
		i := caseIndex(f.File)
		res[i] = append(res[i], found{f.RuleID, f.Secret})
	}
	return res, wall, nil
}

func runTrufflehog(bin, dir, out string) (map[int][]found, time.Duration, error) {
	f, err := os.Create(out)
	if err != nil {
		return nil, 0, err
	}
	cmd := exec.Command(bin, "filesystem", dir, "--json", "--no-verification", "--no-update", "--log-level=-1")
	cmd.Stdout = f
	wall, err := timed(cmd)
	f.Close()
	if err != nil {
		return nil, 0, err
	}
	rf, err := os.Open(out)
	if err != nil {
		return nil, 0, err
	}
	defer rf.Close()
	res := map[int][]found{}
	sc := bufio.NewScanner(rf)
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var v struct {
			DetectorName   string
			Raw            string
			SourceMetadata struct {
				Data struct {
					Filesystem struct {
						File string `json:"file"`
					}
				}
			}
		}
		if json.Unmarshal(sc.Bytes(), &v) != nil || v.DetectorName == "" {
			continue
		}
		i := caseIndex(v.SourceMetadata.Data.Filesystem.File)
		res[i] = append(res[i], found{v.DetectorName, v.Raw})
	}
	return res, wall, sc.Err()
}

const base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

func base62CRC(body []byte) string {
	n := crc32.ChecksumIEEE(body)
	out := make([]byte, 6)
	for i := 5; i >= 0; i-- {
		out[i] = base62[n%62]
		n /= 62
	}
	return string(out)
}
