package unpack

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
)

// ratioLimits are DefaultLimits with a floor small enough for a test.
var ratioLimits = Limits{Depth: 3, Bytes: 1 << 30, Members: 100_000, MemberBytes: 256 << 20, Ratio: 100, RatioFloor: 1 << 20}

// fillerText is n bytes of lines that deflate about a thousand times (a bomb's filling).
func fillerText(n int) []byte {
	line := append(bytes.Repeat([]byte{'a'}, 1023), '\n')
	return bytes.Repeat(line, n/len(line)+1)[:n]
}

// logText is n bytes of a varied log, which gzip shrinks only a few times.
func logText(n int, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, 1))
	var b bytes.Buffer
	for b.Len() < n {
		fmt.Fprintf(&b, "2026-12-06T08:%02d:%02d.%03dZ req=%08x user=%d path=/api/v%d/items/%d status=%d took=%dms\n",
			r.IntN(60), r.IntN(60), r.IntN(1000), r.Uint32(), r.IntN(1e6), r.IntN(3), r.IntN(1e5), 200+r.IntN(4)*100, r.IntN(900))
	}
	return b.Bytes()[:n]
}

func gzLevel(t testing.TB, data []byte) []byte {
	var b bytes.Buffer
	zw, err := gzip.NewWriterLevel(&b, gzip.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	zw.Write(data)
	zw.Close()
	return b.Bytes()
}

type walked struct {
	names  []string
	read   int64 // bytes handed over in entries
	warned []string
	w      *Walker
}

func walkAll(t *testing.T, lim Limits, name string, data []byte) walked {
	t.Helper()
	var got walked
	w := &Walker{Limits: lim, WholeMax: 32 << 20}
	w.Warn = func(n, msg string) { got.warned = append(got.warned, n+": "+msg) }
	err := w.Walk(name, bytes.NewReader(data), bytes.NewReader(data), int64(len(data)), true, func(e *Entry) error {
		got.names = append(got.names, e.Name)
		if e.Data != nil {
			got.read += int64(len(e.Data))
			return nil
		}
		n, err := io.Copy(io.Discard, e.R)
		got.read += n
		if err != nil {
			t.Logf("%s: %v", e.Name, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got.w = w
	return got
}

// TestRatioStopsBomb: a compressed stream that expands far more than any real file stops
// soon after the floor, with a warning, rather than at the byte limit; a member beside
// a bomb is still read; a stream nested in another shares one budget; and text that
// compresses as logs do is read whole.
func TestRatioStopsBomb(t *testing.T) {
	const bomb = 16 << 20
	filler := fillerText(bomb)
	secret := []byte("API_KEY=after the bomb\n")

	var zb bytes.Buffer
	zw := zip.NewWriter(&zb)
	for _, m := range []struct {
		name string
		data []byte
	}{{"a/bomb1.txt", filler}, {"a/bomb2.txt", filler}, {"z/app.env", secret}} {
		fw, err := zw.Create(m.name)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(m.data)
	}
	zw.Close()

	gz := gzLevel(t, filler)
	cases := []struct {
		name     string
		data     []byte
		want     string // an entry that must be read
		wantWarn int
	}{
		{"bomb.txt.gz", gz, "", 1},
		// each bomb member stops at its ratio, the input as a whole stays within its own
		{"bombs.zip", zb.Bytes(), "bombs.zip!z/app.env", 2},
		// gzip in gzip: the inner stream's expansion counts against the outer file's size
		{"twice.txt.gz.gz", gzLevel(t, gz), "", 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if len(c.data) > bomb/150 {
				t.Fatalf("a bomb of %d bytes is not one", len(c.data))
			}
			// the budget of the whole input, and a read's worth past it per stream
			maxRead := ratioLimits.RatioFloor + ratioLimits.Ratio*int64(len(c.data)) + 3*ratioRead
			got := walkAll(t, ratioLimits, c.name, c.data)
			if got.w.Inflated > maxRead {
				t.Errorf("decompressed %d bytes out of a %d-byte bomb, want at most %d", got.w.Inflated, len(c.data), maxRead)
			}
			if c.want != "" && !strings.Contains(strings.Join(got.names, ","), c.want) {
				t.Errorf("entries %q, want %s", got.names, c.want)
			}
			if len(got.warned) != c.wantWarn || !strings.Contains(strings.Join(got.warned, "\n"), "ratio") {
				t.Errorf("warnings %q, want %d about the ratio", got.warned, c.wantWarn)
			}
			// Without the ratio limit the same input is read to the end.
			lim := ratioLimits
			lim.Ratio = 0
			if all := walkAll(t, lim, c.name, c.data); all.read <= maxRead {
				t.Errorf("without a ratio limit %d bytes handed over, the test proves nothing", all.read)
			}
		})
	}

	// A log that gzip shrinks as logs shrink is read whole, past the floor.
	t.Run("log", func(t *testing.T) {
		text := logText(3<<20, 7)
		got := walkAll(t, ratioLimits, "app.log.gz", gzLevel(t, text))
		if got.read != int64(len(text)) || len(got.warned) != 0 {
			t.Errorf("read %d of %d bytes, warnings %q", got.read, len(text), got.warned)
		}
	})
}
