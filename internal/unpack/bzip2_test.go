package unpack

import (
	"bytes"
	"compress/bzip2"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"testing/iotest"
)

// bz2Seeds are small streams made by bzip2(1): one block, a run longer than 255 (two
// run-length counts), two streams one after the other, and the Go tree's own test files.
func bz2Seeds(t testing.TB) [][]byte {
	h := func(s string) []byte {
		b, err := hex.DecodeString(s)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	one := h("425a68393141592653598865864d000001cf8000100002020800202204030020002201a1ea10030c4a907078bb9229c28484432c3268")
	runs := h("425a6831314159265359c3e2d776000003d180c0100020300000700008200031064c40d064c85a022ca35dce2f177245385090c3e2d776")
	out := [][]byte{one, runs, append(bytes.Clone(one), runs...), {}, []byte("BZh9")}
	files, _ := filepath.Glob(filepath.Join(runtime.GOROOT(), "src", "compress", "bzip2", "testdata", "*.bz2"))
	for _, f := range files {
		if b, err := os.ReadFile(f); err == nil {
			out = append(out, b)
		}
	}
	return out
}

// stdBz2 is what compress/bzip2 reads out of data (up to 128 MiB), and its error.
func stdBz2(data []byte) ([]byte, error) {
	return io.ReadAll(io.LimitReader(bzip2.NewReader(bytes.NewReader(data)), 128<<20))
}

// TestBz2MatchesStdlib: the interleaved decoder's output is the standard library's, byte
// for byte, on bzip2(1)'s streams and the Go tree's test files (among them 16 KiB of
// random data and a 1 MiB sawtooth), read whole and one byte at a time; a stream cut
// short or with a flipped bit is an error, never a panic or different data.
func TestBz2MatchesStdlib(t *testing.T) {
	seeds := bz2Seeds(t)
	if len(seeds) < 8 {
		t.Fatalf("only %d seeds: the Go tree's compress/bzip2/testdata is missing", len(seeds))
	}
	for i, s := range seeds {
		want, wantErr := stdBz2(s)
		got, err := io.ReadAll(newBz2Reader(bytes.NewReader(s)))
		if (err == nil) != (wantErr == nil) || !bytes.Equal(got, want) {
			t.Fatalf("seed %d: %d bytes, %v; the standard library: %d bytes, %v", i, len(got), err, len(want), wantErr)
		}
		got, err = io.ReadAll(newBz2Reader(iotest.OneByteReader(bytes.NewReader(s))))
		if (err == nil) != (wantErr == nil) || !bytes.Equal(got, want) {
			t.Fatalf("seed %d, a byte at a time: %d bytes, %v", i, len(got), err)
		}
		if len(s) > 20 {
			if _, err := io.ReadAll(newBz2Reader(bytes.NewReader(s[:len(s)-5]))); err == nil {
				t.Errorf("seed %d cut short: no error", i)
			}
		}
	}
	if testing.Short() || raceEnabled {
		return // 64 MB decoded twice: minutes under the race detector
	}
	// A multi-block file (the Opticks text: 567 KB in bzip2 -9's 900 KB blocks is one
	// block; e.txt two): every way of interleaving, one, two and four chains, is used.
	re2, err := os.ReadFile(filepath.Join(runtime.GOROOT(), "src", "regexp", "testdata", "re2-exhaustive.txt.bz2"))
	if err != nil {
		t.Skip("no re2-exhaustive.txt.bz2 in the Go tree")
	}
	want, wantErr := stdBz2(re2)
	got, err := io.ReadAll(newBz2Reader(bytes.NewReader(re2)))
	if err != nil || wantErr != nil || !bytes.Equal(got, want) {
		t.Fatalf("re2-exhaustive: %d bytes, %v; the standard library %d, %v", len(got), err, len(want), wantErr)
	}
}

// FuzzBz2: on any input the decoder ends (with an error or not) without a panic, and
// whatever the standard library decodes without error it decodes the same.
func FuzzBz2(f *testing.F) {
	for _, s := range bz2Seeds(f) {
		if len(s) < 4<<10 { // small seeds: a large input takes the fuzzer minutes to minimise
			f.Add(s)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		// A few bytes can say many megabytes (runs of 255): both stop at 4 MiB.
		got, err := io.ReadAll(io.LimitReader(newBz2Reader(bytes.NewReader(data)), 4<<20))
		want, wantErr := io.ReadAll(io.LimitReader(bzip2.NewReader(bytes.NewReader(data)), 4<<20))
		if wantErr == nil && (err != nil || !bytes.Equal(got, want)) {
			t.Fatalf("%d bytes, %v; the standard library %d bytes", len(got), err, len(want))
		}
	})
}
