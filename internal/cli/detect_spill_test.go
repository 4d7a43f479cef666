package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/internal/detect"
	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/report"
)

// denseLog is n lines of which nearly every one holds a finding: e-mail addresses,
// tokens, passwords and addresses, some repeated.
func denseLog(n, seed int) string {
	var b strings.Builder
	gh := "ghp_" + detect.ExpandExample("{gh}")
	for i := range n {
		k := (i*7 + seed) % 13
		switch i % 5 {
		case 0:
			fmt.Fprintf(&b, `{"level":"INFO","user":{"email":"li.wei%d@qq.com"}}`+"\n", k)
		case 1:
			fmt.Fprintf(&b, `{"string_tags":"{\"token_github\": \"%s\"}"}`+"\n", gh)
		case 2:
			fmt.Fprintf(&b, `{"db_password": "Winter%d%%x", "host": "10.1.%d.%d"}`+"\n", 4400+k, k, i%250)
		case 3:
			b.WriteString("plain text line, nothing here <&>\n")
		case 4:
			fmt.Fprintf(&b, "user=zhang.san%d@163.com ip=172.16.%d.9 password=Sprng%dQ!r\n", i, k, i)
		}
	}
	return b.String()
}

// timed masks what a report says of the time it was made.
var timed = regexp.MustCompile(`(?m)finished in [0-9.a-zµ]+|^- (Started|Finished): .*$|"(started|finished)": "[^"]*"|<p class="meta">[^·]*·`)

// TestDetectSpillMatchesHeld: with a spill limit of a few findings and runs merged three
// at a time, every format writes what it writes with every finding held (the times
// masked), for a stream, a file and a tree, with and without --reveal; the run files are
// of mode 0600 in a directory of mode 0700, and nothing is left of them afterwards.
func TestDetectSpillMatchesHeld(t *testing.T) {
	dir := t.TempDir()
	tree := filepath.Join(dir, "tree")
	for i, name := range []string{"a.log", "b/c.env", "b/d.jsonl", "e.txt"} {
		p := filepath.Join(tree, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(denseLog(150+60*i, i)), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	file := filepath.Join(dir, "one.log")
	if err := os.WriteFile(file, []byte(denseLog(400, 9)), 0o600); err != nil {
		t.Fatal(err)
	}
	stdin := denseLog(600, 3)

	oldLimit, oldFan, oldCreated := spillLimit, spillFanIn, spillCreated
	defer func() { spillLimit, spillFanIn, spillCreated = oldLimit, oldFan, oldCreated }()
	var created []string
	spillCreated = func(p string) {
		created = append(created, p)
		if st, err := os.Stat(p); err != nil || st.Mode().Perm() != 0o600 {
			t.Errorf("run file %s: %v, %v", p, st.Mode(), err)
		}
		if st, err := os.Stat(filepath.Dir(p)); err != nil || st.Mode().Perm() != 0o700 {
			t.Errorf("run directory of %s: %v, %v", p, st.Mode(), err)
		}
	}
	run := func(limit int64, args ...string) string {
		spillLimit, spillFanIn = limit, 3
		code, out, errOut := runLeakwatch(t, stdin, args...)
		if code != ExitFindings {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		return timed.ReplaceAllString(out, "TIME")
	}
	for _, format := range report.Formats() {
		for _, extra := range [][]string{nil, {"--reveal"}} {
			ins := [][]string{{"-"}, {tree}, {file, tree, "-"}}
			if len(extra) > 0 {
				ins = ins[2:]
			}
			for _, in := range ins {
				args := append(append([]string{"detect", "--format", format}, extra...), in...)
				created = nil
				held := run(1<<40, args...)
				if len(created) > 0 {
					t.Fatalf("%v: spilled %d runs with no limit", args, len(created))
				}
				spilled := run(2000, args...)
				if format != "jsonl" && len(created) < 4 {
					t.Fatalf("%v: %d runs made; the test wants merges", args, len(created))
				}
				if held != spilled {
					t.Errorf("%v: output differs when spilled (%d runs):\n%s", args, len(created), firstDiff(held, spilled))
				}
				if raw := strings.Contains(held, "@qq.com"); raw != (len(extra) > 0 && format != "html") {
					t.Errorf("%v: raw values shown: %v", args, raw)
				}
				for _, p := range created {
					if _, err := os.Stat(p); !os.IsNotExist(err) {
						t.Errorf("run file %s left behind: %v", p, err)
					}
					if _, err := os.Stat(filepath.Dir(p)); !os.IsNotExist(err) {
						t.Errorf("run directory %s left behind: %v", filepath.Dir(p), err)
					}
				}
			}
		}
	}
}

// TestDetectSpillRemovedOnError: an input that fails after findings were spilled ends
// the run with an error and leaves nothing on disk.
func TestDetectSpillRemovedOnError(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "one.log")
	if err := os.WriteFile(file, []byte(denseLog(400, 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	oldLimit, oldCreated := spillLimit, spillCreated
	defer func() { spillLimit, spillCreated = oldLimit, oldCreated }()
	var created []string
	spillCreated = func(p string) { created = append(created, p) }
	spillLimit = 1000
	code, _, errOut := runLeakwatch(t, "", "detect", file, filepath.Join(dir, "missing"))
	if code != ExitError || len(created) == 0 {
		t.Fatalf("exit %d, %d runs: %s", code, len(created), errOut)
	}
	for _, p := range created {
		if _, err := os.Stat(filepath.Dir(p)); !os.IsNotExist(err) {
			t.Errorf("run directory %s left behind: %v", filepath.Dir(p), err)
		}
	}
}

func firstDiff(a, b string) string {
	i := 0
	for i < min(len(a), len(b)) && a[i] == b[i] {
		i++
	}
	return fmt.Sprintf("at byte %d of %d/%d:\nheld    …%q…\nspilled …%q…", i, len(a), len(b),
		a[max(0, i-100):min(len(a), i+100)], b[max(0, i-100):min(len(b), i+100)])
}

// TestRunKeepsEveryField: a finding with every field set comes back from a run as it
// went in, strings that repeat (and so are named by number) included; a field added to
// finding.Finding and not to the run's format fails here.
func TestRunKeepsEveryField(t *testing.T) {
	fill := func(seed int) finding.Finding {
		var f finding.Finding
		v := reflect.ValueOf(&f).Elem()
		for i := range v.NumField() {
			fv := v.Field(i)
			name := v.Type().Field(i).Name
			switch fv.Kind() {
			case reflect.String:
				fv.SetString(fmt.Sprintf("%s-%d-\xff\x00é", name, seed%3))
			case reflect.Int:
				fv.SetInt(int64(i*1000 + seed - 7))
			case reflect.Bool:
				fv.SetBool(seed%2 == 0)
			case reflect.Slice:
				fv.Set(reflect.ValueOf([]string{name + "-a", fmt.Sprint(seed)}))
			default:
				t.Fatalf("field %s: kind %s not covered by this test", name, fv.Kind())
			}
		}
		return f
	}
	s := newFindingStore()
	defer s.close()
	w, err := s.newRun()
	if err != nil {
		t.Fatal(err)
	}
	var want []finding.Finding
	for i := range 20 {
		f := fill(i)
		if i == 5 {
			f.References, f.Tags = nil, []string{}
		}
		want = append(want, f)
		w.write(&f)
	}
	if err := s.addRun(w, 0); err != nil {
		t.Fatal(err)
	}
	var got []finding.Finding
	if err := mergeRuns(s.runs, func(f *finding.Finding) error { got = append(got, *f); return nil }); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(want, got) {
		t.Errorf("read back differs:\nwant %+v\ngot  %+v", want, got)
	}
}
