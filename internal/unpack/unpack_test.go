package unpack

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"io"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/klauspost/compress/zstd"
	"github.com/ulikunitz/xz"

	"github.com/leakwatch/leakwatch/internal/untrusted"
)

func zipOf(t testing.TB, names ...string) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, "KEY=value of "+n+"\n")
	}
	zw.Close()
	return b.Bytes()
}

func tarOf(t testing.TB, name string, data []byte) []byte {
	var b bytes.Buffer
	tw := tar.NewWriter(&b)
	tw.WriteHeader(&tar.Header{Name: name, Mode: 0o600, Size: int64(len(data)), Typeflag: tar.TypeReg})
	tw.Write(data)
	tw.Close()
	return b.Bytes()
}

func gzOf(data []byte) []byte {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write(data)
	zw.Close()
	return b.Bytes()
}

func seeds(t testing.TB) [][]byte {
	var u16 []byte
	u16 = append(u16, 0xff, 0xfe)
	for _, c := range utf16.Encode([]rune("a=1\r\nb=2\r\n")) {
		u16 = binary.LittleEndian.AppendUint16(u16, c)
	}
	var xb bytes.Buffer
	xw, _ := xz.NewWriter(&xb)
	xw.Write([]byte("KEY=xz\n"))
	xw.Close()
	zs, _ := zstd.NewWriter(nil)
	defer zs.Close()
	z := zipOf(t, "a.env", "../b.env")
	return [][]byte{
		[]byte("plain text\nKEY=v\n"),
		z,
		tarOf(t, "x/y.env", []byte("KEY=tar\n")),
		gzOf(tarOf(t, "inner.zip", z)),
		gzOf([]byte("KEY=gz\n")),
		xb.Bytes(),
		zs.EncodeAll([]byte("KEY=zstd\n"), nil),
		u16,
		{0xef, 0xbb, 0xbf, 'k', '=', 'v', '\n'},
		zipOf(t, "word/document.xml"),
	}
}

func TestSniff(t *testing.T) {
	s := seeds(t)
	for i, want := range []Kind{Text, Zip, Tar, Gzip, Gzip, XZ, Zstd, UTF16LE, UTF8BOM, Zip} {
		if got := Sniff(s[i]); got != want {
			t.Errorf("seed %d: %v, want %v", i, got, want)
		}
	}
	noBOM := []byte{}
	for _, c := range "PS C:\\> Get-Content .\\secrets.txt\r\n" {
		noBOM = append(noBOM, byte(c), 0)
	}
	if got := Sniff(noBOM); got != UTF16LENoBOM {
		t.Errorf("UTF-16LE without BOM: %v", got)
	}
	if got := Sniff(append([]byte{0, 1, 2, 3}, make([]byte, 64)...)); got != Binary {
		t.Errorf("binary: %v", got)
	}
}

func TestMemberName(t *testing.T) {
	for raw, want := range map[string]string{
		"../../etc/passwd":       "etc/passwd",
		`..\..\win.ini`:          "win.ini",
		"/abs/path":              "abs/path",
		"a/./b/../c":             "a/c",
		"..":                     "_",
		"x!y%z":                  "x%21y%25z",
		"esc\x1b[31m\n":          `esc\x1b[31m\n`,
		strings.Repeat("é", 300): strings.Repeat("é", 128) + "…",
	} {
		if got := MemberName(raw); got != want {
			t.Errorf("MemberName(%q) = %q, want %q", raw, got, want)
		}
	}
}

// TestXZHugeDictionary: an xz header asking for a 1.5 GiB dictionary is refused before
// the library allocates it.
func TestXZHugeDictionary(t *testing.T) {
	var xb bytes.Buffer
	xw, err := xz.WriterConfig{DictCap: 1536 << 20}.NewWriter(&xb)
	if err != nil {
		t.Fatal(err)
	}
	xw.Write([]byte("KEY=v\n"))
	xw.Close()
	var warned string
	w := Walker{Limits: DefaultLimits, WholeMax: 1 << 20, Warn: func(n, m string) { warned += m }}
	called := false
	if err := w.Walk("big.xz", bytes.NewReader(xb.Bytes()), nil, int64(xb.Len()), true, func(*Entry) error { called = true; return nil }); err != nil {
		t.Fatal(err)
	}
	if called || !strings.Contains(warned, "dictionary") {
		t.Fatalf("called %v, warned %q", called, warned)
	}
}

// FuzzWalk: whatever the bytes, Walk returns, reads no more than its limits, and names
// every entry safely.
func FuzzWalk(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		lim := Limits{Depth: 3, Bytes: 1 << 20, Members: 64, MemberBytes: 256 << 10}
		w := Walker{Limits: lim, WholeMax: 64 << 10, Warn: func(name, msg string) {
			if !untrusted.Clean(name) || !untrusted.Clean(msg) {
				t.Fatalf("unsafe warning %q %q", name, msg)
			}
		}}
		err := w.Walk("in", bytes.NewReader(data), bytes.NewReader(data), int64(len(data)), false, func(e *Entry) error {
			if !strings.HasPrefix(e.Name, "in") || !untrusted.Clean(e.Name) || strings.Contains("/"+strings.ReplaceAll(e.Name, Sep, "/")+"/", "/../") {
				t.Fatalf("unsafe name %q", e.Name)
			}
			if e.Level > lim.Depth+1 {
				t.Fatalf("level %d", e.Level)
			}
			if e.R != nil {
				_, err := io.Copy(io.Discard, e.R)
				return err
			}
			return nil
		})
		if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
			t.Fatalf("Walk over a bytes.Reader: %v", err)
		}
		if w.Read > lim.Bytes+1 {
			t.Fatalf("read %d bytes, limit %d", w.Read, lim.Bytes)
		}
	})
}

// TestWalkStreamsStdin: a top-level input of unknown size (standard input, a live log)
// is handed over as a stream once its first bytes are sniffed, not held until its end.
func TestWalkStreamsStdin(t *testing.T) {
	pr, pw := io.Pipe()
	called := make(chan bool, 1)
	done := make(chan error, 1)
	w := Walker{Limits: DefaultLimits, WholeMax: 32 << 20}
	go func() {
		done <- w.Walk("-", pr, nil, -1, true, func(e *Entry) error {
			called <- e.R != nil
			_, err := io.Copy(io.Discard, e.R)
			return err
		})
	}()
	go pw.Write(bytes.Repeat([]byte("a log line\n"), SniffLen/11+1))
	select {
	case streamed := <-called:
		if !streamed {
			t.Error("handed over whole")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("nothing handed over before the end of the input")
	}
	pw.Close()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// TestBinaryMemberReadOnlyToSniff: a binary archive member, which is skipped, costs the
// bytes that tell it is binary, not its size; so does a binary file in a tree. Text
// beside it is still handed over whole, and a tar inside a compressed stream is opened
// as it is decompressed rather than buffered first.
func TestBinaryMemberReadOnlyToSniff(t *testing.T) {
	const big = 4 << 20
	bin := make([]byte, big)
	for i := range bin {
		bin[i] = byte(i * 7919 >> 3) // NUL bytes and every other value: binary
	}
	var zb bytes.Buffer
	zw := zip.NewWriter(&zb)
	for _, m := range []struct {
		name string
		data []byte
	}{{"lib/blob.so.1", bin}, {"conf/app.env", []byte("KEY=after the blob\n")}} {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: m.name, Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(m.data)
	}
	zw.Close()
	var tb bytes.Buffer
	tw := tar.NewWriter(&tb)
	for name, data := range map[string][]byte{"blob": bin, "x.env": []byte("KEY=in the tar\n")} {
		tw.WriteHeader(&tar.Header{Name: name, Mode: 0o600, Size: int64(len(data)), Typeflag: tar.TypeReg})
		tw.Write(data)
	}
	tw.Close()
	tgz := gzOf(tb.Bytes())
	for _, c := range []struct {
		name     string
		data     []byte
		maxRead  int64
		wantText []string
	}{
		{"a.zip", zb.Bytes(), 64 << 10, []string{"a.zip!conf/app.env"}},
		{"tree-file", bin, 0, nil},
		// The tar reader reads through the skipped member to reach the next one: every
		// byte is decompressed, none is copied into a buffer of its own.
		{"a.tar.gz", tgz, 2*big + 64<<10, []string{"a.tar.gz!x.env"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			w := Walker{Limits: DefaultLimits, WholeMax: 32 << 20}
			var got []string
			src := &CountingReader{R: bytes.NewReader(c.data)}
			err := w.Walk(c.name, src, bytes.NewReader(c.data), int64(len(c.data)), false, func(e *Entry) error {
				got = append(got, e.Name)
				if e.Data == nil {
					t.Errorf("%s: streamed, want whole", e.Name)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if w.Read > c.maxRead {
				t.Errorf("read %d bytes out of containers, want at most %d", w.Read, c.maxRead)
			}
			if c.name == "tree-file" && src.N > SniffLen {
				t.Errorf("read %d bytes of a binary file that is skipped", src.N)
			}
			if strings.Join(got, ",") != strings.Join(c.wantText, ",") {
				t.Errorf("entries %q, want %q", got, c.wantText)
			}
			if len(w.bufs) > 1 && cap(w.bufs[1]) >= big {
				t.Errorf("a buffer of %d bytes for a stream that was opened or skipped", cap(w.bufs[1]))
			}
		})
	}
}

// TestZipSiblings: a zip member's Entry.Siblings lists the other files of its own
// directory (not those of the member before it) and reads one of them; the function
// is shared by the zip's members and answers for the member being read.
func TestZipSiblings(t *testing.T) {
	data := zipOf(t, "keys/id_rsa", "keys/README", "keys/id_rsa.pub", "conf/app.env", "conf/db.env", "top.txt")
	want := map[string]string{
		"z.zip!keys/id_rsa":     "README,id_rsa.pub",
		"z.zip!keys/README":     "id_rsa,id_rsa.pub",
		"z.zip!keys/id_rsa.pub": "id_rsa,README",
		"z.zip!conf/app.env":    "db.env",
		"z.zip!conf/db.env":     "app.env",
		"z.zip!top.txt":         "",
	}
	w := Walker{Limits: DefaultLimits, WholeMax: 32 << 20}
	seen := 0
	err := w.Walk("z.zip", bytes.NewReader(data), bytes.NewReader(data), int64(len(data)), true, func(e *Entry) error {
		if e.Siblings == nil {
			t.Errorf("%s: no Siblings", e.Name)
			return nil
		}
		names, read := e.Siblings()
		if got := strings.Join(names, ","); got != want[e.Name] {
			t.Errorf("%s: siblings %q, want %q", e.Name, got, want[e.Name])
		}
		if len(names) > 0 {
			if got, exp := string(read(names[0], 100)), "KEY=value of "; !strings.HasPrefix(got, exp) || !strings.HasSuffix(got, "/"+names[0]+"\n") {
				t.Errorf("%s: read(%s) = %q", e.Name, names[0], got)
			}
		}
		seen++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if seen != len(want) {
		t.Errorf("%d entries, want %d", seen, len(want))
	}
}
