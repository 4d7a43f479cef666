package target

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadList(t *testing.T) {
	in := "# lab hosts\n\n10.0.0.1\n  db.example.com:8123   # the analytics box\n10.0.1.0/24 10.0.2.1-5\nhttp://h.example#frag\n"
	specs, err := ReadList(strings.NewReader(in), "lab.txt")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range specs {
		got = append(got, s.String())
		if s.Source != "lab.txt" {
			t.Errorf("%v: source %q", s, s.Source)
		}
	}
	want := "10.0.0.1 db.example.com:8123 10.0.1.0/24 10.0.2.1-10.0.2.5 http://h.example:80"
	if strings.Join(got, " ") != want {
		t.Fatalf("got %q\nwant %q", strings.Join(got, " "), want)
	}
	if specs[1].Line != 4 || specs[3].Line != 5 {
		t.Errorf("line numbers %d, %d; want 4, 5", specs[1].Line, specs[3].Line)
	}
}

func TestReadListErrorsNameLines(t *testing.T) {
	in := "10.0.0.1\n10.0.0.300\nok.example\nftp://x\n"
	_, err := ReadList(strings.NewReader(in), "t.txt")
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{`t.txt:2: target "10.0.0.300"`, `t.txt:4: target "ftp://x"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	var se *SpecError
	if !errors.As(err, &se) || se.Line != 2 {
		t.Errorf("first SpecError: %+v", se)
	}
}

func TestReadListBounded(t *testing.T) {
	var b strings.Builder
	for range 100 {
		b.WriteString("not_an_ip.300\n")
	}
	_, err := ReadList(strings.NewReader(b.String()), "junk")
	if err == nil || strings.Count(err.Error(), "\n") > maxListErrors+1 || !strings.Contains(err.Error(), "90 more bad lines") {
		t.Fatalf("unbounded or wrong error: %v", err)
	}
	_, err = ReadList(strings.NewReader(strings.Repeat("a", 70<<10)), "long")
	if err == nil || !strings.Contains(err.Error(), "longer than 64 KiB") {
		t.Fatalf("long line: %v", err)
	}
}

func TestLoadList(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "targets")
	if err := os.WriteFile(p, []byte("127.0.0.1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	specs, err := LoadList(p, nil)
	if err != nil || len(specs) != 1 || specs[0].Source != p {
		t.Fatalf("file: %v %v", specs, err)
	}
	specs, err = LoadList("-", strings.NewReader("::1\n127.0.0.2\n"))
	if err != nil || len(specs) != 2 || specs[1].Source != "-" || specs[1].Line != 2 {
		t.Fatalf("stdin: %v %v", specs, err)
	}
	if _, err := LoadList(filepath.Join(dir, "missing"), nil); err == nil {
		t.Fatal("missing file accepted")
	}
	if _, err := LoadList("-", nil); err == nil {
		t.Fatal("nil stdin accepted")
	}
	ex, err := LoadExcludeList("-", strings.NewReader("*.corp.example\n10.0.0.0/8\n"))
	if err != nil || len(ex) != 2 {
		t.Fatalf("exclude list: %v %v", ex, err)
	}
	if _, err := ReadExcludeList(strings.NewReader("10.0.0.1:80\n"), "x"); err == nil {
		t.Fatal("exclusion with port accepted")
	}
}

// A list saved by a Windows editor — byte order mark, CRLF line ends — reads like any
// other; NUL bytes and other control characters are errors naming their line.
func TestReadListBOMAndCRLF(t *testing.T) {
	specs, err := ReadList(strings.NewReader("\ufeff10.0.0.1\r\n10.0.0.2\r\n"), "win.txt")
	if err != nil || len(specs) != 2 || specs[0].String() != "10.0.0.1" {
		t.Fatalf("specs %v, err %v", specs, err)
	}
	ex, err := ReadExcludeList(strings.NewReader("\ufeff10.0.0.1\r\n"), "x.txt")
	if err != nil || len(ex) != 1 || ex[0].String() != "10.0.0.1" {
		t.Fatalf("exclusions %v, err %v", ex, err)
	}
	_, err = ReadList(strings.NewReader("10.0.0.1\n10.0.0.2\x00\n"), "nul.txt")
	if err == nil || !strings.Contains(err.Error(), "nul.txt:2:") {
		t.Fatalf("NUL: err %v", err)
	}
}
