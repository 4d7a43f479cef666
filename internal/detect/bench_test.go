package detect

import (
	"bytes"
	"io"
	"testing"
)

var benchCorpus, _ = func() ([]byte, [][]planted) { return newLineGen(42).corpus(8 << 20) }()

// BenchmarkScan scans log-shaped text with about one secret in eight lines.
func BenchmarkScan(b *testing.B) {
	e := Default()
	b.SetBytes(int64(len(benchCorpus)))
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		e.Scan(benchCorpus, func(Match) { n++ })
	}
}

// BenchmarkScanCells scans the same text one line at a time, as the scan pipeline does
// with sampled database cells.
func BenchmarkScanCells(b *testing.B) {
	e := Default()
	lines := bytes.Split(benchCorpus, []byte("\n"))
	b.SetBytes(int64(len(benchCorpus)))
	b.ReportAllocs()
	for b.Loop() {
		for _, l := range lines {
			e.Scan(l, func(Match) {})
		}
	}
}

// BenchmarkScanClean is the prefilter alone: text with no anchors at all.
func BenchmarkScanClean(b *testing.B) {
	e := Default()
	data := bytes.Repeat([]byte("the quick brown fox jumps over the lazy dog while it rains "), 1<<15)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		e.Scan(data, func(Match) {})
	}
}

func BenchmarkScanLines(b *testing.B) {
	e := Default()
	b.SetBytes(int64(len(benchCorpus)))
	b.ReportAllocs()
	for b.Loop() {
		if err := ScanLines(e, bytes.NewReader(benchCorpus), func(LineMatch) {}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRedactStream(b *testing.B) {
	e := Default()
	b.SetBytes(int64(len(benchCorpus)))
	b.ReportAllocs()
	for b.Loop() {
		if err := e.RedactStream(bytes.NewReader(benchCorpus), io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkClassifyChat(b *testing.B) {
	lines := bytes.Split(benchCorpus, []byte("\n"))
	values := make([]string, 200)
	for i := range values {
		values[i] = string(lines[i])
	}
	b.ReportAllocs()
	for b.Loop() {
		ClassifyChat(values)
	}
}
