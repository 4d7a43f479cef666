package unpack

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/ulikunitz/xz"
)

// xzOf compresses data with the library's writer.
func xzOf(t testing.TB, cfg xz.WriterConfig, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	xw, err := cfg.NewWriter(&b)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := xw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := xw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// secondBlock finds the second block of a single-stream xz file from the index at its
// end (not with the code under test).
func secondBlock(t *testing.T, f []byte) int {
	t.Helper()
	back := binary.LittleEndian.Uint32(f[len(f)-8:])
	idx := f[len(f)-12-int(back+1)*4:]
	if idx[0] != 0 {
		t.Fatal("no index indicator")
	}
	p := 1
	n, k := binary.Uvarint(idx[p:])
	p += k
	if n < 2 {
		t.Fatalf("%d blocks, want at least 2", n)
	}
	unpadded, _ := binary.Uvarint(idx[p:])
	return 12 + int(unpadded+3)/4*4
}

// setBlockDict rewrites the dictionary property of the block whose header is at off and
// fixes the header's CRC32.
func setBlockDict(t *testing.T, f []byte, off int, prop byte) {
	t.Helper()
	h := f[off : off+(int(f[off])+1)*4]
	q := 2
	for _, bit := range []byte{0x40, 0x80} {
		if h[1]&bit != 0 {
			_, k := binary.Uvarint(h[q:])
			q += k
		}
	}
	if h[q] != 0x21 || h[q+1] != 1 {
		t.Fatalf("second block's filter is %x", h[q:q+2])
	}
	h[q+2] = prop
	binary.LittleEndian.PutUint32(h[len(h)-4:], crc32.ChecksumIEEE(h[:len(h)-4]))
}

// TestXZLaterHugeDictionary: a file whose first block asks for a small dictionary and
// a later block, or a later concatenated stream, for 512 MiB is refused there with a
// warning (what came before is scanned) and memory stays bounded; without the guard the
// decoder allocates the 512 MiB.
func TestXZLaterHugeDictionary(t *testing.T) {
	const prop = 34 // 2^28 · 2 = 512 MiB, eight times the cap
	small := xz.WriterConfig{DictCap: 1 << 16}
	text := []byte(strings.Repeat("KEY=first block line\n", 2000))

	first := xzOf(t, small, text)
	concat := append(first, xzOf(t, small, []byte("KEY=second\n"))...)
	setBlockDict(t, concat, len(first)+12, prop)
	blocks := xzOf(t, xz.WriterConfig{DictCap: 1 << 16, BlockSize: 4096}, text)
	setBlockDict(t, blocks, secondBlock(t, blocks), prop)

	for name, f := range map[string][]byte{"concatenated": concat, "two-block": blocks} {
		t.Run(name, func(t *testing.T) {
			var warned string
			w := Walker{Limits: DefaultLimits, WholeMax: 1 << 20, Warn: func(n, m string) { warned += m }}
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			read := 0
			err := w.Walk("f.xz", bytes.NewReader(f), nil, int64(len(f)), true, func(e *Entry) error {
				if e.R != nil {
					b, _ := io.ReadAll(e.R)
					read += len(b)
				}
				read += len(e.Data)
				return nil
			})
			runtime.ReadMemStats(&after)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(warned, "dictionary of 536870912 bytes") {
				t.Errorf("warned %q, want the later dictionary refused", warned)
			}
			if read == 0 {
				t.Error("what came before the refused block was not scanned")
			}
			if got := after.TotalAlloc - before.TotalAlloc; got > 128<<20 {
				t.Errorf("allocated %d MiB reading the file, want under 128", got>>20)
			}
		})
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// TestXZGuardFollowsValidFiles: the guard passes every valid file through unchanged
// whatever the read sizes: many blocks, incompressible (stored) chunks, every check type,
// concatenated streams with stream padding between them.
func TestXZGuardFollowsValidFiles(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	noise := make([]byte, 8_000)
	for i := range noise {
		noise[i] = byte(rng.Uint32())
	}
	text := []byte(strings.Repeat("KEY=value with some words\n", 300))
	var files [][]byte
	for _, sum := range []byte{xz.None, xz.CRC32, xz.CRC64, xz.SHA256} {
		for _, bs := range []int64{0, 1500} {
			for _, data := range [][]byte{text, noise, nil} {
				files = append(files, xzOf(t, xz.WriterConfig{DictCap: 1 << 20, BlockSize: bs, CheckSum: sum, NoCheckSum: sum == xz.None}, data))
			}
		}
	}
	a, b := xzOf(t, xz.WriterConfig{}, text), xzOf(t, xz.WriterConfig{BlockSize: 5000}, noise)
	files = append(files, bytes.Join([][]byte{a, b, a}, nil), bytes.Join([][]byte{a, make([]byte, 8), b}, nil))
	for i, f := range files {
		want, err := io.ReadAll(must(xz.NewReader(bytes.NewReader(f))))
		if err != nil {
			t.Fatalf("file %d: library: %v", i, err)
		}
		readers := []io.Reader{bytes.NewReader(f), iotest.HalfReader(bytes.NewReader(f))}
		if i%5 == 0 || i >= len(files)-2 { // one byte a read is slow through the decoder
			readers = append(readers, iotest.OneByteReader(bytes.NewReader(f)))
		}
		for _, r := range readers {
			xr, err := xz.NewReader(newXZGuard(r, xzDictMax))
			if err != nil {
				t.Fatalf("file %d: %v", i, err)
			}
			got, err := io.ReadAll(xr)
			if err != nil || !bytes.Equal(got, want) {
				t.Fatalf("file %d: %d bytes, %v; want %d bytes", i, len(got), err, len(want))
			}
		}
	}
}

// FuzzXZGuard: whatever the bytes, the guard never panics, and where it stops (how many
// bytes it let through, and whether it refused) does not depend on how the reads are cut.
func FuzzXZGuard(f *testing.F) {
	text := []byte(strings.Repeat("KEY=value\n", 300))
	f.Add(xzOf(f, xz.WriterConfig{DictCap: 1 << 16, BlockSize: 700}, text))
	f.Add(xzOf(f, xz.WriterConfig{DictCap: 1 << 16, CheckSum: xz.SHA256}, text))
	a := xzOf(f, xz.WriterConfig{DictCap: 1 << 16, NoCheckSum: true}, []byte("x"))
	f.Add(bytes.Join([][]byte{a, make([]byte, 4), a}, nil))
	f.Fuzz(func(t *testing.T, data []byte) {
		run := func(r io.Reader) (int64, bool) {
			n, err := io.Copy(io.Discard, newXZGuard(r, xzDictMax))
			return n, err != nil
		}
		n1, e1 := run(bytes.NewReader(data))
		n2, e2 := run(iotest.OneByteReader(bytes.NewReader(data)))
		// A refused read passes none of its bytes, so only the refusal must agree, and
		// byte by byte the guard passes at least as much as in one read; unrefused, all.
		if e1 != e2 || n2 < n1 || !e1 && (n1 != int64(len(data)) || n2 != n1) {
			t.Fatalf("one read: %d bytes, refused %v; byte by byte: %d, refused %v", n1, e1, n2, e2)
		}
	})
}
