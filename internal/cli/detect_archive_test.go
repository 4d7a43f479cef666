package cli

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/klauspost/compress/zstd"
	"github.com/ulikunitz/xz"

	"github.com/leakwatch/leakwatch/internal/detect"
	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/unpack"
)

// member is one file put in a test archive.
type member struct {
	name string
	data []byte
}

func mkZip(t testing.TB, ms ...member) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, m := range ms {
		w, err := zw.Create(m.name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(m.data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// zstdZip is a zip whose members are compressed with zstd (method 93, WinZip and 7-Zip).
func zstdZip(t testing.TB, ms ...member) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	zw.RegisterCompressor(zstd.ZipMethodWinZip, zstd.ZipCompressor())
	for _, m := range ms {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: m.name, Method: zstd.ZipMethodWinZip})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(m.data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func mkTar(t testing.TB, ms ...member) []byte {
	t.Helper()
	var b bytes.Buffer
	tw := tar.NewWriter(&b)
	for _, m := range ms {
		if err := tw.WriteHeader(&tar.Header{Name: m.name, Mode: 0o600, Size: int64(len(m.data)), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		tw.Write(m.data)
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func gz(t testing.TB, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write(data)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func xzOf(t testing.TB, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	w, err := xz.NewWriter(&b)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(data)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func zstdOf(t testing.TB, data []byte) []byte {
	t.Helper()
	w, err := zstd.NewWriter(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	return w.EncodeAll(data, nil)
}

// bz2Of compresses with the bzip2 program (scripts/install-deps.sh installs it): the
// standard library reads bzip2 but does not write it.
func bz2Of(t testing.TB, data []byte) []byte {
	t.Helper()
	cmd := exec.Command("bzip2", "-c")
	cmd.Stdin = bytes.NewReader(data)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("bzip2 (scripts/install-deps.sh installs it): %v", err)
	}
	return out
}

func utf16LE(s string, bom bool) []byte {
	var b []byte
	if bom {
		b = []byte{0xff, 0xfe}
	}
	for _, u := range utf16.Encode([]rune(s)) {
		b = binary.LittleEndian.AppendUint16(b, u)
	}
	return b
}

func utf16BE(s string) []byte {
	b := []byte{0xfe, 0xff}
	for _, u := range utf16.Encode([]rune(s)) {
		b = binary.BigEndian.AppendUint16(b, u)
	}
	return b
}

// secretConf is a small .env with a GitHub token on line 3.
func secretConf() (text, ghp string) {
	ghp = "ghp_" + detect.ExpandExample("{gh}")
	return "# app settings\nDEBUG=false\nGITHUB_TOKEN=" + ghp + "\n", ghp
}

func putFile(t testing.TB, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestDetectArchives: a secret is found, on its line and named by its member, in each
// kind of archive, compressed file and encoding detect reads, wherever the file's name
// says otherwise (recognition is by magic bytes).
func TestDetectArchives(t *testing.T) {
	conf, ghp := secretConf()
	c := []byte(conf)
	docx := mkZip(t,
		member{"[Content_Types].xml", []byte(`<?xml version="1.0"?><Types/>`)},
		member{"word/document.xml", []byte(`<?xml version="1.0"?>` + "\n" + `<w:document><w:body><w:p><w:r><w:t>deploy key: GITHUB_TOKEN=` + ghp + `</w:t></w:r></w:p></w:body></w:document>`)})
	reg := "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_CURRENT_USER\\Software\\App]\r\n\"GITHUB_TOKEN\"=\"" + ghp + "\"\r\n"
	for _, tc := range []struct {
		name, file string
		data       []byte
		want       string // the finding's file, relative to the test's directory
		line       int
	}{
		{"zip", "bundle.zip", mkZip(t, member{"README.md", []byte("hello\n")}, member{"conf/app.env", c}), "bundle.zip!conf/app.env", 3},
		{"jar (zip)", "lib.jar", mkZip(t, member{"META-INF/app.properties", c}), "lib.jar!META-INF/app.properties", 3},
		{"tar", "b.tar", mkTar(t, member{"etc/app.env", c}), "b.tar!etc/app.env", 3},
		{"tar.gz", "b.tgz", gz(t, mkTar(t, member{"etc/app.env", c})), "b.tgz!etc/app.env", 3},
		{"zip in tar.gz", "release.tar.gz", gz(t, mkTar(t, member{"notes.txt", []byte("x\n")}, member{"dist/inner.zip", mkZip(t, member{"conf.env", c})})), "release.tar.gz!dist/inner.zip!conf.env", 3},
		{"docx", "report.docx", docx, "report.docx!word/document.xml", 2},
		{"xlsx", "book.xlsx", mkZip(t, member{"xl/workbook.xml", []byte(`<workbook/>`)}, member{"xl/sharedStrings.xml", []byte(`<?xml version="1.0"?>` + "\n" + `<sst><si><t>name</t></si>` + "\n" + `<si><t>` + ghp + `</t></si></sst>`)}), "book.xlsx!xl/sharedStrings.xml", 3},
		{"gzip", "app.env.gz", gz(t, c), "app.env.gz", 3},
		{"bzip2", "app.env.bz2", bz2Of(t, c), "app.env.bz2", 3},
		{"xz", "app.env.xz", xzOf(t, c), "app.env.xz", 3},
		{"zstd", "app.env.zst", zstdOf(t, c), "app.env.zst", 3},
		{"tar.xz", "b.tar.xz", xzOf(t, mkTar(t, member{"app.env", c})), "b.tar.xz!app.env", 3},
		{"tar.zst", "b.tar.zst", zstdOf(t, mkTar(t, member{"app.env", c})), "b.tar.zst!app.env", 3},
		{"tar.bz2", "b.tar.bz2", bz2Of(t, mkTar(t, member{"app.env", c})), "b.tar.bz2!app.env", 3},
		{"zip named .txt", "notes.txt", mkZip(t, member{"x.env", c}), "notes.txt!x.env", 3},
		{"UTF-16LE .reg", "export.reg", utf16LE(reg, true), "export.reg", 4},
		{"UTF-16BE", "be.txt", utf16BE(conf), "be.txt", 3},
		{"UTF-16LE without BOM", "ps.log", utf16LE(conf, false), "ps.log", 3},
		{"UTF-8 BOM", "bom.env", append([]byte{0xef, 0xbb, 0xbf}, c...), "bom.env", 3},
		{"zstd members in zip", "z.zip", zstdZip(t, member{"conf/app.env", c}), "z.zip!conf/app.env", 3},
		{"UTF-16LE in zip", "w.zip", mkZip(t, member{"out.txt", utf16LE(conf, true)}), "w.zip!out.txt", 3},
		// A Concordance load file is text named .dat: þ (U+00FE) quotes each field, DC4 separates them.
		{"Concordance .dat", "VOL001.dat", []byte("þBEGDOCþ\x14þSNIPPETþ\nþABC001þ\x14þsee config:®x®GITHUB_TOKEN=" + ghp + "þ\n"), "VOL001.dat", 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			p := putFile(t, dir, tc.file, tc.data)
			// Named alone and found while walking a directory.
			for _, arg := range []string{p, dir} {
				code, out, errOut := runLeakwatch(t, "", "detect", "--format", "jsonl", "--reveal", "--rules", "github-pat", arg)
				fs := parseJSONL(t, out)
				if code != ExitFindings || len(fs) != 1 {
					t.Fatalf("%s: exit %d, findings %+v, stderr %s", arg, code, fs, errOut)
				}
				f := fs[0]
				if want := filepath.Join(dir, tc.want); f.File != want || f.Line != tc.line || f.Value != ghp || f.SHA256 != finding.Fingerprint(ghp) {
					t.Errorf("%s: got %s:%d %q, want %s:%d", arg, f.File, f.Line, f.Value, want, tc.line)
				}
				if errOut != "" {
					t.Errorf("%s: warnings: %s", arg, errOut)
				}
			}
		})
	}
}

// TestDetectDocxSplitRuns: Word splits text into runs at every change of formatting or
// spell-check mark; a token split over two <w:t> elements is found in the paragraph's text.
func TestDetectDocxSplitRuns(t *testing.T) {
	_, ghp := secretConf()
	half := len(ghp) / 2
	doc := `<?xml version="1.0"?>` + "\n" + `<w:document><w:body>` +
		`<w:p><w:r><w:t>Intro</w:t></w:r></w:p>` + "\n" +
		`<w:p><w:r><w:t xml:space="preserve">token: </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>` + ghp[:half] + `</w:t></w:r>` +
		`<w:proofErr w:type="spellStart"/><w:r><w:t>` + ghp[half:] + `</w:t></w:r></w:p></w:body></w:document>`
	dir := t.TempDir()
	p := putFile(t, dir, "memo.docx", mkZip(t, member{"word/document.xml", []byte(doc)}))
	code, out, errOut := runLeakwatch(t, "", "detect", "--format", "jsonl", "--reveal", "--rules", "github-pat", p)
	fs := parseJSONL(t, out)
	if code != ExitFindings || len(fs) != 1 || fs[0].Value != ghp || fs[0].File != p+"!word/document.xml#text" || fs[0].Line != 2 {
		t.Fatalf("exit %d, %+v, stderr %s", code, fs, errOut)
	}
}

// TestDetectArchiveDepth: archives nested deeper than --max-archive-depth are not
// opened (and say so); 0 opens none.
func TestDetectArchiveDepth(t *testing.T) {
	conf, _ := secretConf()
	// zip in zip in zip in zip: the secret is at depth 4.
	data := mkZip(t, member{"app.env", []byte(conf)})
	for i := range 3 {
		data = mkZip(t, member{fmt.Sprintf("level%d.zip", 3-i), data})
	}
	dir := t.TempDir()
	p := putFile(t, dir, "deep.zip", data)
	for _, tc := range []struct {
		depth string
		found bool
	}{{"3", false}, {"4", true}, {"0", false}} {
		code, out, errOut := runLeakwatch(t, "", "detect", "--format", "jsonl", "--rules", "github-pat", "--max-archive-depth", tc.depth, p)
		fs := parseJSONL(t, out)
		if tc.found != (len(fs) == 1) {
			t.Errorf("depth %s: exit %d, findings %+v, stderr %s", tc.depth, code, fs, errOut)
		}
		if tc.found && len(fs) == 1 && fs[0].File != p+"!level1.zip!level2.zip!level3.zip!app.env" {
			t.Errorf("depth %s: file %s", tc.depth, fs[0].File)
		}
		if tc.depth == "3" && !strings.Contains(errOut, "depth") {
			t.Errorf("depth 3: no warning about the depth limit: %q", errOut)
		}
	}
	// A gzip is a level too: with depth 0 it is not opened.
	pg := putFile(t, dir, "x.env.gz", gz(t, []byte(conf)))
	if _, out, _ := runLeakwatch(t, "", "detect", "--format", "jsonl", "--rules", "github-pat", "--max-archive-depth", "0", dir); strings.Contains(out, pg) {
		t.Errorf("--max-archive-depth 0 opened a gzip: %s", out)
	}
}

// TestDetectBombs: a zip bomb and a gzip bomb cost the byte cap (--max-archive-mb) and
// little time; a warning says so; the file beside them is still scanned.
func TestDetectBombs(t *testing.T) {
	conf, _ := secretConf()
	const inflated = 128 << 20 // what each bomb would decompress to: 32 times the cap
	// Text, not filler: a binary archive member is skipped after its first bytes
	// (TestDetectBinaryInArchives), so a bomb of filler would cost nothing to defuse.
	filler := bytes.Repeat([]byte{'\n'}, 1<<20)
	var gzb bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gzb, gzip.BestSpeed)
	for range inflated >> 20 {
		zw.Write(filler)
	}
	zw.Close()
	// The zip bomb: 16 members of 8 MiB of newlines each, deflated.
	var zb bytes.Buffer
	zipw := zip.NewWriter(&zb)
	zipw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
	for i := range inflated >> 23 {
		w, _ := zipw.Create(fmt.Sprintf("z%02d.txt", i))
		for range 8 {
			w.Write(filler)
		}
	}
	zipw.Close()
	if gzb.Len() > 1<<20 || zb.Len() > 1<<20 {
		t.Fatalf("bombs too large: %d %d", gzb.Len(), zb.Len())
	}
	for _, b := range []struct {
		name string
		data []byte
	}{{"bomb.gz", gzb.Bytes()}, {"bomb.zip", zb.Bytes()}} {
		t.Run(b.name, func(t *testing.T) {
			dir := t.TempDir()
			putFile(t, dir, b.name, b.data)
			putFile(t, dir, "z/after.env", []byte(conf))
			var w fileWorker
			w.unpack.Limits = unpack.Limits{Depth: 3, Bytes: 4 << 20, Members: 1000, MemberBytes: 256 << 20}
			var warned string
			w.unpack.Warn = func(name, msg string) { warned += name + ": " + msg + "\n" }
			start := time.Now()
			if _, err := w.scanFile(detect.Default(), false, filepath.Join(dir, b.name), true); err != nil {
				t.Fatal(err)
			}
			elapsed := time.Since(start)
			if got := w.unpack.Read; got > 4<<20+1 || got < 4<<20 {
				t.Errorf("read %d bytes out of the bomb, cap %d", got, 4<<20)
			}
			if !strings.Contains(warned, "archive limit reached") {
				t.Errorf("no warning: %q", warned)
			}
			if elapsed > 5*time.Second {
				t.Errorf("%s took %v", b.name, elapsed)
			}
			// Through the command: a warning on stderr, the other file's finding, exit 1.
			code, out, errOut := runLeakwatch(t, "", "detect", "--format", "jsonl", "--rules", "github-pat", "--max-archive-mb", "4", dir)
			fs := parseJSONL(t, out)
			if code != ExitFindings || len(fs) != 1 || !strings.HasSuffix(fs[0].File, "after.env") || !strings.Contains(errOut, "archive limit reached") {
				t.Errorf("exit %d, %+v, stderr %q", code, fs, errOut)
			}
		})
	}
}

// TestDetectHostileMemberNames: member names are the archive author's: path traversal is
// dropped (nothing is extracted; the name only labels findings) and control characters
// never reach the text or JSON lines output raw.
func TestDetectHostileMemberNames(t *testing.T) {
	conf, _ := secretConf()
	names := []string{"../../etc/passwd", "/abs/x.env", "evil\x1b[2J\x1b]0;pwned\x07.env", "two\nlines.env", "a!b.env", "rtl\u202egpj.env", "bad\xffutf8.env"}
	var ms []member
	for _, n := range names {
		ms = append(ms, member{n, []byte(conf)})
	}
	dir := t.TempDir()
	p := putFile(t, dir, "hostile.zip", mkZip(t, ms...))
	pt := putFile(t, dir, "hostile.tar", mkTar(t, ms...))
	want := []string{"etc/passwd", "abs/x.env", `evil\x1b[2J\x1b]0;pwned\x07.env`, `two\nlines.env`, "a%21b.env", `rtl\u202egpj.env`, `bad\xffutf8.env`}
	for _, arch := range []string{p, pt} {
		code, out, errOut := runLeakwatch(t, "", "detect", "--format", "jsonl", "--rules", "github-pat", arch)
		fs := parseJSONL(t, out)
		if code != ExitFindings || len(fs) != len(names) {
			t.Fatalf("%s: exit %d, %d findings, stderr %s", arch, code, len(fs), errOut)
		}
		got := map[string]bool{}
		for _, f := range fs {
			got[strings.TrimPrefix(f.File, arch+"!")] = true
		}
		for _, w := range want {
			if !got[w] {
				t.Errorf("%s: no finding named %q in %v", arch, w, got)
			}
		}
		// Text report: no raw escape, no line break inside a name.
		_, text, _ := runLeakwatch(t, "", "detect", "--rules", "github-pat", arch)
		if strings.ContainsAny(text, "\x1b\x07\u202e") || strings.Contains(text, "two\nlines") || !strings.Contains(text, `two\nlines.env`) {
			t.Errorf("%s: text report carries raw control characters:\n%q", arch, text)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "etc")); err == nil {
		t.Error("something was written next to the archive")
	}
}

// TestDetectCorruptArchive: a corrupt or truncated archive is a warning; the other files
// are scanned and the exit status is the findings'.
func TestDetectCorruptArchive(t *testing.T) {
	conf, _ := secretConf()
	dir := t.TempDir()
	good := mkZip(t, member{"a.env", []byte(conf)}, member{"b.env", []byte(conf)})
	putFile(t, dir, "1-truncated.zip", good[:len(good)/2])
	putFile(t, dir, "2-badgzip.gz", append([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0}, bytes.Repeat([]byte{0xff}, 64)...))
	tgz := gz(t, mkTar(t, member{"x.env", []byte(conf)}, member{"y.env", bytes.Repeat([]byte("y"), 4096)}))
	putFile(t, dir, "3-truncated.tgz", tgz[:len(tgz)-40])
	putFile(t, dir, "4-ok.env", []byte(conf))
	code, out, errOut := runLeakwatch(t, "", "detect", "--format", "jsonl", "--rules", "github-pat", dir)
	files := map[string]bool{}
	for _, f := range parseJSONL(t, out) {
		files[strings.TrimPrefix(f.File, dir+string(filepath.Separator))] = true
	}
	if code != ExitFindings || !files["4-ok.env"] || !files["3-truncated.tgz!x.env"] {
		t.Fatalf("exit %d, files %v, stderr %s", code, files, errOut)
	}
	for _, n := range []string{"1-truncated.zip", "2-badgzip.gz", "3-truncated.tgz"} {
		if !strings.Contains(errOut, n) {
			t.Errorf("no warning for %s: %s", n, errOut)
		}
	}
	// Named alone, a corrupt archive is a warning too and exits 0 when nothing was found.
	code, _, errOut = runLeakwatch(t, "", "detect", "--format", "jsonl", filepath.Join(dir, "2-badgzip.gz"))
	if code != ExitOK || !strings.Contains(errOut, "gzip") {
		t.Errorf("corrupt gzip named alone: exit %d, stderr %s", code, errOut)
	}
}

// TestDetectArchiveEquivalence: an evaluation split (tools/evalcorpus) scanned as a tree,
// packed in a zip, in a tar.gz, transcoded to UTF-16LE and with every file gzipped gives the same findings — rule,
// value fingerprint, member path, line and columns — as the plain tree. EQ_SPLIT and
// EQ_FILES pick the split and its size (default held3, 40 files; the README reports the
// full splits).
func TestDetectArchiveEquivalence(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs tools/evalcorpus")
	}
	split, files := os.Getenv("EQ_SPLIT"), os.Getenv("EQ_FILES")
	if split == "" {
		split = "held3"
	}
	if files == "" {
		files = "40"
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		goBin = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	root := t.TempDir()
	plain := filepath.Join(root, "plain")
	gen := exec.Command(goBin, "run", "../../tools/evalcorpus", "-out", plain, "-split", split, "-files", files)
	if out, err := gen.CombinedOutput(); err != nil {
		t.Fatalf("evalcorpus: %v\n%s", err, out)
	}
	// The labels are the answer key, not a file of the corpus.
	if err := os.Remove(filepath.Join(plain, "labels.jsonl")); err != nil {
		t.Fatal(err)
	}
	var ms []member
	u16 := filepath.Join(root, "utf16")
	gzs := filepath.Join(root, "gzipped") // every file gzipped alone
	err = filepath.WalkDir(plain, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(plain, p)
		ms = append(ms, member{filepath.ToSlash(rel), data})
		putFile(t, u16, rel, utf16LE(string(data), true))
		putFile(t, gzs, rel+".gz", gz(t, data))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	packs := filepath.Join(root, "packs")
	zipPath := putFile(t, packs, "corpus.zip", mkZip(t, ms...))
	tgzPath := putFile(t, packs, "corpus.tar.gz", gz(t, mkTar(t, ms...)))

	// key is a finding without where its tree lives.
	keys := func(arg, prefix string) map[string]int {
		t.Helper()
		_, out, errOut := runLeakwatch(t, "", "detect", "--format", "jsonl", arg)
		if errOut != "" {
			t.Errorf("%s: warnings: %s", arg, errOut)
		}
		m := map[string]int{}
		for _, f := range parseJSONL(t, out) {
			rel := strings.TrimPrefix(f.File, prefix)
			if prefix == gzs+string(filepath.Separator) {
				rel = strings.TrimSuffix(rel, ".gz")
			}
			if rel == f.File {
				t.Errorf("%s: finding outside %s: %s", arg, prefix, f.File)
			}
			m[fmt.Sprintf("%s %s %s:%d:%d-%d", f.Rule, f.SHA256, filepath.ToSlash(rel), f.Line, *f.Start, *f.End)]++
		}
		return m
	}
	want := keys(plain, plain+string(filepath.Separator))
	if len(want) < 20 {
		t.Fatalf("only %d findings in the plain split", len(want))
	}
	for _, c := range []struct{ name, arg, prefix string }{
		{"zip", zipPath, zipPath + unpack.Sep},
		{"tar.gz", tgzPath, tgzPath + unpack.Sep},
		{"utf-16le", u16, u16 + string(filepath.Separator)},
		{"each file gzipped", gzs, gzs + string(filepath.Separator)},
	} {
		got := keys(c.arg, c.prefix)
		var missing, extra []string
		for k, n := range want {
			if got[k] < n {
				missing = append(missing, k)
			}
		}
		for k, n := range got {
			if want[k] < n {
				extra = append(extra, k)
			}
		}
		t.Logf("%s: %d findings, plain %d; %d missing, %d extra", c.name, len(got), len(want), len(missing), len(extra))
		if len(missing)+len(extra) > 0 {
			sort.Strings(missing)
			sort.Strings(extra)
			t.Errorf("%s differs from the plain tree:\nmissing %s\nextra %s", c.name, strings.Join(first(missing, 10), "\n  "), strings.Join(first(extra, 10), "\n  "))
		}
	}
}

func first(s []string, n int) []string { return s[:min(len(s), n)] }

// TestDetectBinaryInArchives: binary bytes are read as text in a compressed file (a
// gzipped core dump holds the environment; detect always read gzip so) and in a file
// named alone, and skipped as an archive member or a file in a tree.
func TestDetectBinaryInArchives(t *testing.T) {
	conf, _ := secretConf()
	bin := append([]byte{0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0}, conf...)
	dir := t.TempDir()
	putFile(t, dir, "core.gz", gz(t, bin))
	putFile(t, dir, "core.xz", xzOf(t, bin))
	putFile(t, dir, "cores.zip", mkZip(t, member{"core", bin}))
	named := putFile(t, dir, "core", bin)
	_, out, errOut := runLeakwatch(t, "", "detect", "--format", "jsonl", "--rules", "github-pat", dir)
	got := map[string]bool{}
	for _, f := range parseJSONL(t, out) {
		got[filepath.Base(f.File)] = true
	}
	if !got["core.gz"] || !got["core.xz"] || got["cores.zip!core"] || got["core"] || len(got) != 2 {
		t.Errorf("files with findings %v, stderr %s", got, errOut)
	}
	if code, out, _ := runLeakwatch(t, "", "detect", "--format", "jsonl", "--rules", "github-pat", named); code != ExitFindings {
		t.Errorf("binary file named alone: exit %d %s", code, out)
	}
}

// setTarHeader rewrites the first tar header's type flag and size and fixes its checksum.
func setTarHeader(b []byte, typ byte, size int64) []byte {
	b = bytes.Clone(b)
	b[156] = typ
	copy(b[124:136], fmt.Sprintf("%011o\x00", size))
	copy(b[148:156], "        ")
	var sum int64
	for _, c := range b[:512] {
		sum += int64(c)
	}
	copy(b[148:156], fmt.Sprintf("%06o\x00 ", sum))
	return b
}

// TestDetectArchiveLimits: the member count and per-member size limits hold and say so;
// a zip whose central directory claims 65,535 entries and a tar with a 1 GiB extended
// header cost nothing and are warnings; limit flags are checked.
func TestDetectArchiveLimits(t *testing.T) {
	conf, _ := secretConf()
	dir := t.TempDir()
	var ms []member
	for i := range 50 {
		ms = append(ms, member{fmt.Sprintf("m%02d.env", i), []byte(conf)})
	}
	many := putFile(t, dir, "many.zip", mkZip(t, ms...))
	code, out, errOut := runLeakwatch(t, "", "detect", "--format", "jsonl", "--rules", "github-pat", "--max-archive-members", "10", many)
	if fs := parseJSONL(t, out); code != ExitFindings || len(fs) != 10 || !strings.Contains(errOut, "10 members") {
		t.Errorf("--max-archive-members 10: exit %d, %d findings, stderr %s", code, len(fs), errOut)
	}

	// A 3 MiB member with --max-member-mb 1: the token in its first MiB is found, the
	// one after it is not read.
	big := []byte(conf + strings.Repeat("filler line without secrets\n", 3<<20/28) + conf)
	pb := putFile(t, dir, "big.tar", mkTar(t, member{"big.env", big}))
	code, out, errOut = runLeakwatch(t, "", "detect", "--format", "jsonl", "--rules", "github-pat", "--max-member-mb", "1", pb)
	if fs := parseJSONL(t, out); code != ExitFindings || len(fs) != 1 || fs[0].Line != 3 || !strings.Contains(errOut, "per-member limit") {
		t.Errorf("--max-member-mb 1: exit %d, %+v, stderr %s", code, fs, errOut)
	}

	z := mkZip(t, member{"a.env", []byte(conf)})
	binary.LittleEndian.PutUint16(z[len(z)-22+8:], 0xffff)
	binary.LittleEndian.PutUint16(z[len(z)-22+10:], 0xffff)
	absurd := putFile(t, dir, "absurd.zip", z)
	hdr := putFile(t, dir, "hdr.tar", setTarHeader(mkTar(t, member{"x.env", []byte(conf)}), tar.TypeXHeader, 1<<30))
	for _, p := range []string{absurd, hdr} {
		start := time.Now()
		code, _, errOut := runLeakwatch(t, "", "detect", "--format", "jsonl", p)
		if code == ExitError || !strings.Contains(errOut, "not fully read") || time.Since(start) > 5*time.Second {
			t.Errorf("%s: exit %d after %v, stderr %s", filepath.Base(p), code, time.Since(start), errOut)
		}
	}

	for _, bad := range [][]string{{"--max-archive-mb", "0"}, {"--max-archive-depth", "-1"}, {"--max-archive-members", "0"}, {"--max-member-mb", "0"}} {
		if code, _, _ := runLeakwatch(t, "", append([]string{"detect"}, append(bad, many)...)...); code != ExitError {
			t.Errorf("%v: exit %d, want %d", bad, code, ExitError)
		}
	}
}

// TestDetectRatioLimit: with the default limits a small gzip bomb stops at the ratio
// limit (a warning naming it), well before --max-archive-mb, and the file beside it is
// still scanned; --max-archive-ratio 0 lifts the limit.
func TestDetectRatioLimit(t *testing.T) {
	conf, _ := secretConf()
	var gzb bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gzb, gzip.BestCompression)
	filler := bytes.Repeat([]byte{'\n'}, 1<<20)
	for range 100 {
		zw.Write(filler)
	}
	zw.Close()
	if gzb.Len() > 200<<10 {
		t.Fatalf("bomb of %d bytes", gzb.Len())
	}
	dir := t.TempDir()
	putFile(t, dir, "bomb.log.gz", gzb.Bytes())
	putFile(t, dir, "z/after.env", []byte(conf))
	code, out, errOut := runLeakwatch(t, "", "detect", "--format", "jsonl", "--rules", "github-pat", dir)
	fs := parseJSONL(t, out)
	if code != ExitFindings || len(fs) != 1 || !strings.HasSuffix(fs[0].File, "after.env") || !strings.Contains(errOut, "ratio limit") {
		t.Errorf("exit %d, %+v, stderr %q", code, fs, errOut)
	}
	_, _, errOut = runLeakwatch(t, "", "detect", "--format", "jsonl", "--rules", "github-pat", "--max-archive-ratio", "0", "--max-member-mb", "80", dir)
	if strings.Contains(errOut, "ratio limit") || !strings.Contains(errOut, "per-member limit") {
		t.Errorf("with no ratio limit, stderr %q", errOut)
	}
}
