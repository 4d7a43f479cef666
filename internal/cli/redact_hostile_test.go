package cli

import (
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRedactGzipBombBounded: redact decompressed gzip input without the bound detect
// keeps (--max-archive-ratio), so a small hostile .gz made it write what it expands to:
// a 317 KiB gzip of 128 MiB was copied out whole, and a gigabyte-sized bomb fills the
// disk. redact now stops, as detect does, once a stream expands more than --max-ratio
// times its compressed bytes past its first 64 MiB: an error, and a file given with -o
// is not written. (The test lowers the 64 MiB floor to 1 MiB and expands 16 MiB, so that
// it runs in a second under -race.)
func TestRedactGzipBombBounded(t *testing.T) {
	defer func(f int64) { redactRatioFloor = f }(redactRatioFloor)
	redactRatioFloor = 1 << 20
	const size = 16 << 20
	dir := t.TempDir()
	in := filepath.Join(dir, "access.log.gz")
	f, err := os.Create(in)
	if err != nil {
		t.Fatal(err)
	}
	zw, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	line := []byte(strings.Repeat("GET /healthz HTTP/1.1 200 OK\n", 1<<10))
	for range size / len(line) {
		zw.Write(line)
	}
	zw.Close()
	f.Close()
	st, _ := os.Stat(in)
	dst := filepath.Join(dir, "out.log")
	code, _, errOut := runLeakwatch(t, "", "redact", "-o", dst, in)
	out, _ := os.Stat(dst)
	var wrote int64
	if out != nil {
		wrote = out.Size()
	}
	t.Logf("%d KiB of gzip: exit %d, %d MiB written; %s", st.Size()>>10, code, wrote>>20, strings.TrimSpace(errOut))
	if code != ExitError || wrote != 0 || !strings.Contains(errOut, "ratio") {
		t.Errorf("a %d KiB gzip expanding to 16 MiB: exit %d, %d bytes written, stderr %q", st.Size()>>10, code, wrote, errOut)
	}
	// With the bound lifted, the same input is copied whole.
	if code, _, errOut := runLeakwatch(t, "", "redact", "--max-ratio", "0", "-o", dst, in); code != ExitOK {
		t.Fatalf("--max-ratio 0: exit %d: %s", code, errOut)
	}
	if out, _ := os.Stat(dst); out == nil || out.Size() != int64(size/len(line)*len(line)) {
		t.Errorf("--max-ratio 0 did not copy the whole stream: %v", out)
	}
}

// TestRedactMaxRatioOutOfRange: --max-ratio took any int64. A negative one lifted the
// bound as 0 does (a bomb was copied out whole), and a huge one overflowed the bound's
// product with the compressed bytes read, so that a small honest gzip stopped at once as
// a "decompression bomb". Like detect's --max-archive-ratio, values below 0 or above
// 2^30 are refused as a usage error (exit 2) before anything is read or written.
func TestRedactMaxRatioOutOfRange(t *testing.T) {
	defer func(f int64) { redactRatioFloor = f }(redactRatioFloor)
	redactRatioFloor = 1 << 10
	dir := t.TempDir()
	in := filepath.Join(dir, "app.log.gz")
	f, err := os.Create(in)
	if err != nil {
		t.Fatal(err)
	}
	zw, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	zw.Write([]byte(strings.Repeat("GET /healthz HTTP/1.1 200 OK\n", 4<<10)))
	zw.Close()
	f.Close()
	for _, ratio := range []string{"-1", "-100", "9223372036854775807", "1099511627776"} {
		dst := filepath.Join(dir, "out-"+ratio)
		code, _, errOut := runLeakwatch(t, "", "redact", "--max-ratio", ratio, "-o", dst, in)
		_, statErr := os.Stat(dst)
		if code != ExitError || !strings.Contains(errOut, "--max-ratio must be") || statErr == nil {
			t.Errorf("--max-ratio %s: exit %d, output written: %v, stderr %q", ratio, code, statErr == nil, strings.TrimSpace(errOut))
		}
	}
	// In range, the same small input is copied whole (its 116 KiB are within the ratio).
	if code, _, errOut := runLeakwatch(t, "", "redact", "--max-ratio", "1000", "-o", filepath.Join(dir, "ok"), in); code != ExitOK {
		t.Errorf("--max-ratio 1000: exit %d: %s", code, errOut)
	}
}
