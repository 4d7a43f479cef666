package detect

import (
	"bytes"
	"io"
	"os"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync/atomic"
	"testing"
	"testing/iotest"
	"time"
)

// expectRedacted builds the redaction of line from what the generator planted.
func expectRedacted(line string, ps []planted) string {
	var b []byte
	last := 0
	for _, p := range ps {
		b = append(b, line[last:p.start]...)
		b = AppendPlaceholder(b, p.rule, p.value)
		last = p.end
	}
	return string(append(b, line[last:]...))
}

// TestRedactKeepsEveryOtherByte is the redaction property: over a generated corpus,
// RedactLine replaces exactly the planted secrets (with the right rule and fingerprint)
// and leaves every other byte as it was; decoys stay untouched.
func TestRedactKeepsEveryOtherByte(t *testing.T) {
	e := Default()
	g := newLineGen(1)
	n := 3000
	if testing.Short() {
		n = 500
	}
	for i := 0; i < n; i++ {
		line, ps := g.line(i, i%2 == 0)
		want := expectRedacted(line, ps)
		got := string(e.RedactLine(nil, []byte(line)))
		if got != want {
			t.Fatalf("line %d:\n got  %s\n want %s\n matches %s", i, got, want, describe(scanAll(e, line)))
		}
		for _, p := range ps {
			raw := line[p.start:p.end]
			if len(raw) >= 8 && strings.Contains(got, raw) {
				t.Fatalf("line %d: planted %s value survived redaction", i, p.rule)
			}
		}
	}
}

func TestRedactLineAppends(t *testing.T) {
	e := Default()
	in := "token ghp_" + ExpandExample("{gh}") + " end"
	out := e.RedactLine([]byte("prefix:"), []byte(in))
	if !bytes.HasPrefix(out, []byte("prefix:token [REDACTED:github-pat:")) || !bytes.HasSuffix(out, []byte("…] end")) {
		t.Fatalf("got %q", out)
	}
	// IP addresses are low-severity: kept by default, redacted on request.
	ip := []byte("client 10.1.2.3 connected")
	if got := e.RedactLine(nil, ip); !bytes.Equal(got, ip) {
		t.Errorf("ip redacted by default: %q", got)
	}
	if got := e.WithRedactLow(true).RedactLine(nil, ip); !bytes.Contains(got, []byte("[REDACTED:ip-address:")) {
		t.Errorf("ip kept with WithRedactLow: %q", got)
	}
}

// TestRedactStreamMatchesLines checks that the streaming redactor gives the same bytes as
// redacting line by line, whatever sizes the reads come in.
func TestRedactStreamMatchesLines(t *testing.T) {
	e := Default()
	data, _ := newLineGen(2).corpus(2 << 20)
	var want []byte
	for _, l := range bytes.SplitAfter(data, []byte("\n")) {
		if len(l) == 0 {
			continue
		}
		nl := bytes.HasSuffix(l, []byte("\n"))
		want = e.RedactLine(want, bytes.TrimSuffix(l, []byte("\n")))
		if nl {
			want = append(want, '\n')
		}
	}
	readers := map[string]func() io.Reader{
		"whole":   func() io.Reader { return bytes.NewReader(data) },
		"half":    func() io.Reader { return iotest.HalfReader(bytes.NewReader(data)) },
		"small":   func() io.Reader { return &chunkReader{data: data, n: 777} },
		"no-tail": func() io.Reader { return bytes.NewReader(bytes.TrimSuffix(data, []byte("\n"))) },
	}
	for name, mk := range readers {
		t.Run(name, func(t *testing.T) {
			var out bytes.Buffer
			if err := e.RedactStream(mk(), &out); err != nil {
				t.Fatal(err)
			}
			w := want
			if name == "no-tail" {
				w = bytes.TrimSuffix(want, []byte("\n"))
			}
			if !bytes.Equal(out.Bytes(), w) {
				i := 0
				for i < len(w) && i < out.Len() && w[i] == out.Bytes()[i] {
					i++
				}
				t.Fatalf("stream differs from line-by-line at byte %d:\n got  %q\n want %q", i,
					clipAt(out.Bytes(), i), clipAt(w, i))
			}
		})
	}
}

func clipAt(b []byte, i int) []byte {
	lo, hi := i-60, i+60
	if lo < 0 {
		lo = 0
	}
	if hi > len(b) {
		hi = len(b)
	}
	return b[lo:hi]
}

type chunkReader struct {
	data []byte
	n    int
}

func (c *chunkReader) Read(p []byte) (int, error) {
	if len(c.data) == 0 {
		return 0, io.EOF
	}
	k := c.n
	if k > len(p) {
		k = len(p)
	}
	if k > len(c.data) {
		k = len(c.data)
	}
	copy(p, c.data[:k])
	c.data = c.data[k:]
	return k, nil
}

// TestRedactStreamLongLineAndPEM covers a line far longer than the buffer with secrets
// spread through it, and a PEM block with real line breaks arriving in small reads.
func TestRedactStreamLongLineAndPEM(t *testing.T) {
	e := Default()
	var b strings.Builder
	var secrets []string
	g := newLineGen(9)
	for b.Len() < 3*redactRead {
		b.WriteString(strings.Repeat("lorem ipsum ", 500))
		body, _ := g.g.expand("gh")
		tok := "ghp_" + body
		secrets = append(secrets, tok)
		b.WriteString(" " + tok + " ")
	}
	pemText := ExpandExample("{pem:EC PRIVATE KEY}")
	in := b.String() + "\nkey:\n" + pemText + "\ntail\n"
	var out bytes.Buffer
	if err := e.RedactStream(&chunkReader{data: []byte(in), n: 1000}, &out); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, s := range secrets {
		if strings.Contains(got, s) {
			t.Fatalf("token survived in a long line")
		}
	}
	if strings.Contains(got, "BEGIN EC PRIVATE KEY") || !strings.Contains(got, "[REDACTED:private-key-ec:") {
		t.Fatalf("PEM block not redacted whole: %q", got[len(got)-300:])
	}
	if n := strings.Count(got, "[REDACTED:github-pat:"); n != len(secrets) {
		t.Fatalf("%d tokens redacted, want %d", n, len(secrets))
	}
}

// genReader produces size bytes of generated log lines without holding them.
type genReader struct {
	g         *lineGen
	left      int64
	buf       []byte
	n         int
	longEvery int
}

func (r *genReader) Read(p []byte) (int, error) {
	if r.left <= 0 {
		return 0, io.EOF
	}
	if len(r.buf) == 0 {
		r.n++
		if r.longEvery > 0 && r.n%r.longEvery == 0 {
			// a 3 MB line now and then
			r.buf = append(r.buf, bytes.Repeat([]byte("x=1 "), 3<<18)...)
			r.buf = append(r.buf, '\n')
		} else {
			s, _ := r.g.line(r.n, r.n%4 == 0)
			r.buf = append(append(r.buf, s...), '\n')
		}
	}
	k := copy(p, r.buf)
	if int64(k) > r.left {
		k = int(r.left)
	}
	r.buf = r.buf[k:]
	r.left -= int64(k)
	return k, nil
}

type discardCounter struct{ n atomic.Int64 }

func (d *discardCounter) Write(p []byte) (int, error) { d.n.Add(int64(len(p))); return len(p), nil }

// TestRedactStreamMemoryFlat streams a large generated input (64 MB by default, 1 GB
// with LEAKWATCH_REDACT_BIG=1) and samples the heap while it runs: it must stay within
// a few buffers' worth, whatever the input size.
func TestRedactStreamMemoryFlat(t *testing.T) {
	size := int64(64 << 20)
	if testing.Short() || raceEnabled {
		size = 16 << 20
	}
	if os.Getenv("LEAKWATCH_REDACT_BIG") != "" {
		size = 1 << 30
	}
	e := Default()
	// The live heap (what the last GC kept) is the figure that must stay flat; the heap
	// in use also holds garbage waiting for the next cycle.
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	runtime.GC()
	metrics.Read(live)
	base := live[0].Value.Uint64()
	var peak atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
				metrics.Read(s)
				if v := s[0].Value.Uint64(); v > peak.Load() {
					peak.Store(v)
				}
			}
		}
	}()
	out := &discardCounter{}
	err := e.RedactStream(&genReader{g: newLineGen(3), left: size, longEvery: 5000}, out)
	close(stop)
	<-done
	if err != nil {
		t.Fatal(err)
	}
	if out.n.Load() < size/2 {
		t.Fatalf("wrote %d bytes for %d in", out.n.Load(), size)
	}
	grow := int64(peak.Load()) - int64(base)
	t.Logf("streamed %d MB, live heap grew by at most %.1f MB", size>>20, float64(grow)/(1<<20))
	if grow > 24<<20 {
		t.Fatalf("heap grew by %d MB while streaming %d MB", grow>>20, size>>20)
	}
}
