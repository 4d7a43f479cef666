package cli

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/detect"
	"github.com/leakwatch/leakwatch/internal/finding"
)

func runLeakwatch(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

// sampleLog is a small log with secrets of several kinds; the tokens are generated so
// no literal credential sits in the source.
func sampleLog() (text string, ghp, pw string) {
	ghp = "ghp_" + detect.ExpandExample("{gh}")
	pw = "Winter4472%x"
	lines := []string{
		`{"level":"INFO","msg":"start"}`,
		`{"level":"INFO","string_tags":"{\"token_github\": \"` + ghp + `\", \"user\": {\"email\": \"li.wei12@qq.com\"}}"}`,
		`plain text line, nothing here`,
		`{"db_password": "` + pw + `", "host": "10.1.2.3"}`,
	}
	return strings.Join(lines, "\n") + "\n", ghp, pw
}

type jsonlFinding struct {
	Rule     string `json:"rule"`
	Category string `json:"category"`
	Severity string `json:"severity"`
	File     string `json:"file"`
	Line     int    `json:"line"`
	Start    *int   `json:"start"`
	End      *int   `json:"end"`
	Redacted string `json:"redacted"`
	SHA256   string `json:"sha256"`
	Value    string `json:"value"`
	ID       string `json:"id"`
}

func parseJSONL(t *testing.T, s string) []jsonlFinding {
	t.Helper()
	var fs []jsonlFinding
	sc := bufio.NewScanner(strings.NewReader(s))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var f jsonlFinding
		if err := json.Unmarshal(sc.Bytes(), &f); err != nil {
			t.Fatalf("bad JSON line %q: %v", sc.Text(), err)
		}
		fs = append(fs, f)
	}
	return fs
}

func TestDetectJSONLines(t *testing.T) {
	text, ghp, pw := sampleLog()
	dir := t.TempDir()
	path := filepath.Join(dir, "app.log")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(text, "\n")

	code, out, errOut := runLeakwatch(t, "", "detect", "--format", "jsonl", path)
	if code != ExitFindings {
		t.Fatalf("exit %d, want %d (stderr %s)", code, ExitFindings, errOut)
	}
	fs := parseJSONL(t, out)
	byRule := map[string]jsonlFinding{}
	for _, f := range fs {
		byRule[f.Rule] = f
		if f.Value != "" {
			t.Errorf("%s: raw value without --reveal", f.Rule)
		}
		if f.Start == nil || f.End == nil || f.Line < 1 || f.SHA256 == "" || f.Redacted == "" || f.ID == "" || f.File != path {
			t.Errorf("incomplete finding %+v", f)
		}
	}
	for rule, want := range map[string]struct {
		line  int
		value string
		cat   string
	}{
		"github-pat":          {2, ghp, "secret"},
		"email":               {2, "li.wei12@qq.com", "pii"},
		"password-assignment": {4, pw, "secret"},
		"ip-address":          {4, "10.1.2.3", "infrastructure"},
	} {
		f, ok := byRule[rule]
		if !ok {
			t.Errorf("no %s finding in %s", rule, out)
			continue
		}
		if f.Line != want.line || f.Category != want.cat || f.SHA256 != finding.Fingerprint(want.value) {
			t.Errorf("%s: %+v", rule, f)
		}
		if got := lines[f.Line-1][*f.Start:*f.End]; got != want.value {
			t.Errorf("%s: line[%d:%d] = %q, want %q", rule, *f.Start, *f.End, got, want.value)
		}
	}

	// --reveal adds the raw value.
	_, out, _ = runLeakwatch(t, "", "detect", "--format", "jsonl", "--reveal", "--rules", "github-pat", path)
	fs = parseJSONL(t, out)
	if len(fs) != 1 || fs[0].Value != ghp {
		t.Fatalf("--reveal --rules github-pat: %+v", fs)
	}
}

func TestDetectFailOnAndExclusions(t *testing.T) {
	in := "contact li.wei12@qq.com\n"
	if code, _, _ := runLeakwatch(t, in, "detect", "-"); code != ExitOK {
		t.Errorf("medium finding with --fail-on high: exit %d", code)
	}
	if code, _, _ := runLeakwatch(t, in, "detect", "--fail-on", "medium", "-"); code != ExitFindings {
		t.Errorf("medium finding with --fail-on medium: exit %d", code)
	}
	code, out, _ := runLeakwatch(t, in, "detect", "--format", "jsonl", "--exclude-rules", "email", "-")
	if code != ExitOK || strings.TrimSpace(out) != "" {
		t.Errorf("--exclude-rules email: exit %d, out %q", code, out)
	}
}

func TestDetectInputs(t *testing.T) {
	text, ghp, _ := sampleLog()
	dir := t.TempDir()
	sub := filepath.Join(dir, "a", "b")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "plain.log"), []byte(text), 0o600)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(text))
	zw.Close()
	os.WriteFile(filepath.Join(sub, "rotated.log.1"), gz.Bytes(), 0o600)
	// A binary file found while walking is skipped.
	os.WriteFile(filepath.Join(sub, "blob.bin"), append([]byte{0, 1, 2, 0}, []byte(text)...), 0o600)

	code, out, errOut := runLeakwatch(t, "", "detect", "--format", "jsonl", "--rules", "github-pat", dir)
	if code != ExitFindings {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	files := map[string]bool{}
	for _, f := range parseJSONL(t, out) {
		files[filepath.Base(f.File)] = true
	}
	if !files["plain.log"] || !files["rotated.log.1"] || files["blob.bin"] || len(files) != 2 {
		t.Fatalf("files with findings: %v", files)
	}

	// standard input, also gzip
	code, out, _ = runLeakwatch(t, gz.String(), "detect", "--format", "jsonl", "--reveal", "--rules", "github-pat", "-")
	if fs := parseJSONL(t, out); code != ExitFindings || len(fs) != 1 || fs[0].Value != ghp || fs[0].File != "-" {
		t.Fatalf("stdin gzip: exit %d, %+v", code, fs)
	}
}

func TestDetectFormatsAndOutputFile(t *testing.T) {
	text, _, _ := sampleLog()
	dir := t.TempDir()
	out := filepath.Join(dir, "report.json")
	// A file that exists with wider permissions is tightened.
	os.WriteFile(out, []byte("old"), 0o644)
	code, _, errOut := runLeakwatch(t, text, "detect", "--format", "json", "-o", out, "-")
	if code != ExitFindings {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	st, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("report mode %v, want 0600", st.Mode().Perm())
	}
	b, _ := os.ReadFile(out)
	var rep finding.Report
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatalf("json report: %v", err)
	}
	if len(rep.Findings) < 4 {
		t.Fatalf("%d findings in the JSON report", len(rep.Findings))
	}
	for _, f := range rep.Findings {
		if f.Value != "" {
			t.Errorf("raw value in the report without --reveal")
		}
	}

	_, sarif, _ := runLeakwatch(t, text, "detect", "--format", "sarif", "-")
	var s struct {
		Version string            `json:"version"`
		Runs    []json.RawMessage `json:"runs"`
	}
	if err := json.Unmarshal([]byte(sarif), &s); err != nil || s.Version != "2.1.0" || len(s.Runs) != 1 {
		t.Fatalf("sarif: %v %q", err, sarif[:min(len(sarif), 200)])
	}
	_, txt, _ := runLeakwatch(t, text, "detect", "--format", "text", "-")
	if !strings.Contains(txt, "github-pat") && !strings.Contains(txt, "GitHub") {
		t.Fatalf("text report does not name the token:\n%s", txt)
	}
}

func TestDetectUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"detect", "--format", "yaml", "-"},
		{"detect", "--fail-on", "severe", "-"},
		{"detect", "--rules", "no-such-rule", "-"},
		{"detect", "/nonexistent/file"},
	} {
		if code, _, errOut := runLeakwatch(t, "", args...); code != ExitError || errOut == "" {
			t.Errorf("%v: exit %d, stderr %q", args, code, errOut)
		}
	}
	code, out, _ := runLeakwatch(t, "", "detect", "--list-rules")
	if code != ExitOK || strings.Count(out, "\n") < 150 || !strings.Contains(out, "deepseek-api-key") {
		t.Errorf("--list-rules: exit %d, %d lines", code, strings.Count(out, "\n"))
	}
}

func TestRedactCommand(t *testing.T) {
	text, ghp, pw := sampleLog()
	code, out, errOut := runLeakwatch(t, text, "redact")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if strings.Contains(out, ghp) || strings.Contains(out, pw) || strings.Contains(out, "li.wei12@qq.com") {
		t.Fatalf("secret survived redaction:\n%s", out)
	}
	if !strings.Contains(out, "[REDACTED:github-pat:") || !strings.Contains(out, "10.1.2.3") {
		t.Fatalf("unexpected redaction:\n%s", out)
	}
	// Every line is there, in order, and the untouched ones are identical.
	inLines, outLines := strings.Split(text, "\n"), strings.Split(out, "\n")
	if len(inLines) != len(outLines) || inLines[0] != outLines[0] || inLines[2] != outLines[2] {
		t.Fatalf("lines changed:\n%s", out)
	}

	dir := t.TempDir()
	in := filepath.Join(dir, "in.log.gz")
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(text))
	zw.Close()
	os.WriteFile(in, gz.Bytes(), 0o600)
	dst := filepath.Join(dir, "out.log")
	if code, _, errOut := runLeakwatch(t, "", "redact", "--ip", "-o", dst, in); code != ExitOK {
		t.Fatalf("redact file: exit %d %s", code, errOut)
	}
	b, _ := os.ReadFile(dst)
	st, _ := os.Stat(dst)
	if strings.Contains(string(b), "10.1.2.3") || !strings.Contains(string(b), "[REDACTED:ip-address:") || st.Mode().Perm() != 0o600 {
		t.Fatalf("redact --ip -o: mode %v\n%s", st.Mode().Perm(), b)
	}
	if code, _, _ := runLeakwatch(t, "", "redact", "--rules", "nope"); code != ExitError {
		t.Errorf("unknown rule: exit %d", code)
	}
}

// TestDetectStructuredFiles checks that files are parsed by the structure their names
// say, so values far from their names (a CSV cell under its header, a YAML value under
// its parents, an XML element) are found, and that a tree scanned by several workers
// reports in the same order every time.
func TestDetectStructuredFiles(t *testing.T) {
	dir := t.TempDir()
	key := detect.ExpandExample("{a:32}")
	aws := detect.ExpandExample("{b:40}")
	files := map[string]string{
		"a/export.csv":    "id,name,api_key\n1,Ana," + key + "\n",
		"b/settings.yaml": "aws:\n  credentials:\n    secret: " + aws + "\n",
		"c/web.config":    "<configuration><appSettings><add key=\"PaymentSecret\" value=\"" + key + "\"/></appSettings></configuration>\n",
		"d/notes.txt":     "nothing here\n",
	}
	for p, s := range files {
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, p), []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errOut := runLeakwatch(t, "", "detect", "--format", "jsonl", dir)
	if code != ExitFindings {
		t.Fatalf("exit %d (stderr %s)", code, errOut)
	}
	got := map[string]string{}
	for _, f := range parseJSONL(t, out) {
		rel, _ := filepath.Rel(dir, f.File)
		got[rel] = f.Rule
		if f.Line < 1 {
			t.Errorf("finding without a line: %+v", f)
		}
	}
	for p, rule := range map[string]string{"a/export.csv": "generic-api-key", "b/settings.yaml": "aws-secret-access-key", "c/web.config": "generic-api-key"} {
		if got[p] != rule {
			t.Errorf("%s: got %q, want %s (all %v)", p, got[p], rule, got)
		}
	}
	for range 3 {
		if _, again, _ := runLeakwatch(t, "", "detect", "--format", "jsonl", dir); again != out {
			t.Fatalf("output differs between runs:\n%s\n%s", out, again)
		}
	}
}

// A large file in a directory streams its findings like the same file named alone: a
// worker holds at most dirHold of them while earlier files are scanned, then writes the
// rest in turn. The output keeps the walk's order and loses nothing, with --verify's
// line grouping too.
func TestDetectDirHoldsFewFindings(t *testing.T) {
	defer func(n int) { dirHold = n }(dirHold)
	dirHold = 8
	dirHeldPeak.Store(0)
	text, _, _ := sampleLog()
	dir := t.TempDir()
	// Many small files before and after one with hundreds of findings; names sort in
	// walk order (a_…, b_big, c_…).
	for i := range 20 {
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("a_%02d.log", i)), []byte(text), 0o600)
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("c_%02d.log", i)), []byte(text), 0o600)
	}
	big := strings.Repeat(text, 300)
	os.WriteFile(filepath.Join(dir, "b_big.log"), []byte(big), 0o600)

	code, out, errOut := runLeakwatch(t, "", "detect", "--format", "jsonl", "--rules", "github-pat", dir)
	if code != ExitFindings {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	fs := parseJSONL(t, out)
	if len(fs) != 40+300 {
		t.Fatalf("%d findings, want %d", len(fs), 340)
	}
	last := ""
	bigLines := 0
	for _, f := range fs {
		name := filepath.Base(f.File)
		if name < last {
			t.Fatalf("%s after %s: the walk's order is lost", name, last)
		}
		last = name
		if name == "b_big.log" {
			bigLines++
		}
	}
	if bigLines != 300 {
		t.Fatalf("b_big.log: %d findings, want 300", bigLines)
	}
	if p := dirHeldPeak.Load(); p > int64(dirHold) {
		t.Fatalf("a worker held %d findings at once (limit %d)", p, dirHold)
	}
}

// Heavy files of a tree are started before their turn, and the output still keeps the
// walk's order, loses nothing and never deadlocks: with one worker (nothing is started
// early), and with several while files started early and files in order both hold more
// findings than dirHold and wait for their turn.
func TestDetectDirStartsHeavyFilesEarly(t *testing.T) {
	defer func(n int, h int64) { dirHold, dirHeavy = n, h }(dirHold, dirHeavy)
	dirHold = 8
	text, _, _ := sampleLog()
	dir := t.TempDir()
	big := strings.Repeat(text, 40)
	dirHeavy = int64(len(big))
	want := 0
	for i := range 60 {
		body := text
		if i%7 == 3 || i == 59 { // heavy, and more findings than a worker holds
			body = big
		}
		if i%5 == 1 { // in order, and more findings than a worker holds
			body = strings.Repeat(text, 12)
		}
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("f_%02d.log", i)), []byte(body), 0o600)
		want += strings.Count(body, "ghp_")
	}
	for _, procs := range []int{1, 2, 3} {
		func() {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			dirEarly.Store(0)
			done := make(chan struct{})
			var code int
			var out, errOut string
			go func() {
				defer close(done)
				code, out, errOut = runLeakwatch(t, "", "detect", "--format", "jsonl", "--rules", "github-pat", dir)
			}()
			select {
			case <-done:
			case <-time.After(60 * time.Second):
				t.Fatalf("GOMAXPROCS=%d: no end after a minute (deadlock?)", procs)
			}
			if code != ExitFindings {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			fs := parseJSONL(t, out)
			if len(fs) != want {
				t.Fatalf("GOMAXPROCS=%d: %d findings, want %d", procs, len(fs), want)
			}
			last, lastLine := "", 0
			for _, f := range fs {
				name := filepath.Base(f.File)
				if name < last || name == last && f.Line < lastLine {
					t.Fatalf("GOMAXPROCS=%d: %s:%d after %s:%d: the walk's order is lost", procs, name, f.Line, last, lastLine)
				}
				last, lastLine = name, f.Line
			}
			if early := dirEarly.Load(); procs > 1 && early == 0 || procs == 1 && early != 0 {
				t.Fatalf("GOMAXPROCS=%d: %d files started early", procs, early)
			}
		}()
	}
}
