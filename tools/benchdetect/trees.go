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

// testPath says whether a finding sits in test code, test data or example code, which
// the target on real trees counts apart: leakwatch still reports every such finding.
// The rule reads the naming conventions of many ecosystems, not one tree's paths:
//
//   - a directory named for tests or their data: test/, tests/, testing/, testdata/,
//     test-data/, spec/ and specs/ (RSpec, Jasmine), __tests__/ and __mocks__/ (Jest),
//     fixtures/, mocks/, fakes/, stubs/, e2e/, integration/ and *-integration/, any
//     name that starts with test, mock, fake or dummy (testutil/, testcerts/,
//     mockserver/, dummyserver/) or that holds one of those words between separators
//     or as a camel-case part (integration-tests/, unit_test/, FakeServer/);
//   - a directory of examples, samples, demos or tutorials (examples/, _example/,
//     samples/, samplecerts/, demo/, tutorial/), which readers run as they are;
//   - a file named for tests: Go's *_test.go, pytest's test_*.py and conftest.py,
//     JavaScript's *.test.js and *.spec.ts, RSpec's *_spec.rb, JUnit's FooTest.java
//     and TestFoo.java, Gradle's unitTests.gradle, a test.yml workflow, a stem that
//     starts with test, mock, fake or dummy (testnode.key, mockresponses.go), or a
//     word of its stem that says test data (keys_test_data.go, gcs-fake-account.json).
//
// A file named example or sample (config.example.yml, .env.sample) is NOT a test
// path: such files are where a real secret gets pasted by mistake, so they count.
// Archive members (a.jar!certs/x.key) are read like directories and files.
func testPath(p string) bool {
	parts := strings.FieldsFunc(p, func(r rune) bool { return r == '/' || r == '!' })
	if len(parts) == 0 {
		return false
	}
	for _, d := range parts[:len(parts)-1] {
		if testDir(d) {
			return true
		}
	}
	return testFile(parts[len(parts)-1])
}

// testWords are the words that mark a directory or a file as test code or test data
// when they stand as a word of its name; testPrefixes mark it when the name starts
// with them, glued or not (testutil, mockserver, fakes, dummyserver).
var (
	testWords = map[string]bool{
		"test": true, "tests": true, "testing": true, "testdata": true, "spec": true, "specs": true,
		"fixture": true, "fixtures": true, "mock": true, "mocks": true, "fake": true, "fakes": true,
		"stub": true, "stubs": true, "dummy": true, "e2e": true, "conftest": true,
	}
	testPrefixes = []string{"test", "mock", "fake", "dummy"}
	// Directories of material meant to be read and run as it is.
	exampleDirs = map[string]bool{
		"example": true, "examples": true, "sample": true, "samples": true, "samplecerts": true,
		"demo": true, "demos": true, "tutorial": true, "tutorials": true, "integration": true,
	}
)

func testDir(d string) bool {
	name := strings.ToLower(strings.Trim(d, "_."))
	if exampleDirs[name] || strings.HasSuffix(name, "-integration") {
		return true
	}
	return testName(d)
}

func testFile(f string) bool {
	stem := f
	if i := strings.LastIndexByte(stem, '.'); i > 0 {
		stem = stem[:i] // the extension is no word of the name (an RPM's foo.spec)
	}
	return testName(stem)
}

// testName reads a directory's name or a file's stem: a test prefix, or a test word
// among its words (split at punctuation and at camel-case humps).
func testName(n string) bool {
	low := strings.ToLower(strings.TrimLeft(n, "_."))
	for _, p := range testPrefixes {
		if strings.HasPrefix(low, p) {
			return true
		}
	}
	for _, w := range nameWords(n) {
		if testWords[strings.ToLower(w)] {
			return true
		}
	}
	return false
}

// nameWords splits a name at every byte that is not a letter or digit and before an
// upper-case letter that follows a lower-case one (unitTests → unit, Tests).
func nameWords(n string) []string {
	var words []string
	start := -1
	for i := 0; i <= len(n); i++ {
		var c byte
		if i < len(n) {
			c = n[i]
		}
		alnum := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
		hump := alnum && c >= 'A' && c <= 'Z' && i > 0 && n[i-1] >= 'a' && n[i-1] <= 'z'
		if start >= 0 && (!alnum || hump) {
			words = append(words, n[start:i])
			start = -1
		}
		if alnum && start < 0 {
			start = i
		}
	}
	return words
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

// countTree counts leakwatch's secret and personal-data findings outside test paths.
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
		}
		if dec.Decode(&v) != nil {
			break
		}
		if testPath(v.File) {
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
		if !testPath(f.File) {
			n++
		}
	}
	return n
}
