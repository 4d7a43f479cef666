package detect

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
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

// BenchmarkSmallCellsAfterLarge scans a text of about 3000 matches, which grows the
// pooled scanner's match slice, then 1000 small store records of three tiny cells each
// through the same pool: what every small cell pays for the largest scan before it.
func BenchmarkSmallCellsAfterLarge(b *testing.B) {
	e := Default()
	var large bytes.Buffer
	for i := range 3000 {
		fmt.Fprintf(&large, "peer 10.%d.%d.7 up\n", i/200, i%200)
	}
	recs := make([][]Field, 1000)
	for i := range recs {
		recs[i] = []Field{{Path: "id", Value: strconv.Itoa(i)}, {Path: "name", Value: "alice"}, {Path: "note", Value: "ok"}}
	}
	n := 0
	e.Scan(large.Bytes(), func(Match) { n++ })
	if n < 2500 {
		b.Fatalf("the large text has %d matches", n)
	}
	b.ReportAllocs()
	for b.Loop() {
		e.Scan(large.Bytes(), func(Match) {})
		for _, r := range recs {
			e.ScanRecord(r, func(FieldMatch) {})
		}
	}
}
