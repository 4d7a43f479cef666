package cli

import (
	"bufio"
	"container/heap"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"unsafe"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/report"
)

// The formats other than JSON lines sort the whole report, so detect keeps its findings
// until the end. Past spillLimit bytes of them (an estimate) they are sorted and written
// to a run on disk, and the report is written from a merge of the runs (report.Streamed),
// byte for byte what it would be from the findings held: memory stays flat however many
// findings a stream holds. Runs hold findings as the report does — redacted, or with the
// raw value under --reveal — so they are files of mode 0600 in a directory of mode 0700,
// removed from it as soon as they are open (where the system allows: they are gone
// whenever the process ends) and in any case when the store is closed.

// spillLimit is the estimated size of the findings held before they are spilled to a run.
var spillLimit int64 = 32 << 20

// spillFanIn is how many runs are merged at once; past it, runs are merged into larger ones.
var spillFanIn = 128

// spillCreated, when set (tests), is told of each run file made, before it is removed.
var spillCreated func(path string)

// findingStore keeps a detect report's findings for the formats that sort them.
type findingStore struct {
	limit int64
	held  []finding.Finding
	size  int64
	// head counts the findings for report.Streamed; streamable is false once one that
	// cannot be streamed was added (they are then all read back into memory to write).
	head       report.Streamed
	streamable bool
	dir        string
	runs       []*spillRun
	leftover   []string // run files the system would not remove while open
}

func newFindingStore() *findingStore {
	return &findingStore{limit: spillLimit, streamable: true}
}

// findingSize estimates what a held finding costs in memory.
func findingSize(f *finding.Finding) int64 {
	n := int64(unsafe.Sizeof(*f))
	for _, s := range [...]string{f.ID, string(f.Category), f.Rule, f.Title, f.Detail, f.Host, f.Protocol, f.Database,
		f.Table, f.Column, f.File, f.Redacted, f.SHA256, f.Value, f.Evidence, f.Remediation} {
		n += int64(len(s))
	}
	for _, s := range f.References {
		n += 16 + int64(len(s))
	}
	for _, s := range f.Tags {
		n += 16 + int64(len(s))
	}
	return n
}

func (s *findingStore) add(f finding.Finding) error {
	if !s.head.Count(&f) {
		s.streamable = false
	}
	s.held = append(s.held, f)
	s.size += findingSize(&f)
	if s.size >= s.limit && s.streamable {
		return s.spill()
	}
	return nil
}

// spill writes the held findings, sorted, to a new run and merges the last runs when
// spillFanIn of them are of one level.
func (s *findingStore) spill() error {
	if len(s.held) == 0 {
		return nil
	}
	order := make([]int32, len(s.held))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(a, b int32) int { return finding.Compare(&s.held[a], &s.held[b]) })
	w, err := s.newRun()
	if err != nil {
		return err
	}
	for _, i := range order {
		w.write(&s.held[i])
	}
	if err := s.addRun(w, 0); err != nil {
		return err
	}
	clear(s.held)
	s.held, s.size = s.held[:0], 0
	for {
		n := len(s.runs)
		if n < spillFanIn {
			return nil
		}
		level := s.runs[n-1].level
		tail := s.runs[n-spillFanIn:]
		for _, r := range tail {
			if r.level != level {
				return nil
			}
		}
		if err := s.mergeTail(spillFanIn, level+1); err != nil {
			return err
		}
	}
}

// mergeTail merges the last n runs into one of the given level.
func (s *findingStore) mergeTail(n, level int) error {
	tail := s.runs[len(s.runs)-n:]
	w, err := s.newRun()
	if err != nil {
		return err
	}
	if err := mergeRuns(tail, func(f *finding.Finding) error { w.write(f); return nil }); err != nil {
		w.file.Close()
		return err
	}
	for _, r := range tail {
		r.file.Close()
	}
	s.runs = s.runs[:len(s.runs)-n]
	return s.addRun(w, level)
}

// newRun makes a run file in the store's private directory.
func (s *findingStore) newRun() (*runWriter, error) {
	if s.dir == "" {
		dir, err := os.MkdirTemp("", "leakwatch-detect-")
		if err != nil {
			return nil, fmt.Errorf("keeping findings on disk: %w", err)
		}
		if err := os.Chmod(dir, 0o700); err != nil {
			os.Remove(dir)
			return nil, fmt.Errorf("keeping findings on disk: %w", err)
		}
		s.dir = dir
	}
	f, err := os.CreateTemp(s.dir, "run-*")
	if err != nil {
		return nil, fmt.Errorf("keeping findings on disk: %w", err)
	}
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, fmt.Errorf("keeping findings on disk: %w", err)
	}
	if spillCreated != nil {
		spillCreated(f.Name())
	}
	if err := os.Remove(f.Name()); err != nil {
		s.leftover = append(s.leftover, f.Name())
	}
	return &runWriter{file: f, bw: bufio.NewWriterSize(f, 256<<10), table: map[string]uint32{}}, nil
}

func (s *findingStore) addRun(w *runWriter, level int) error {
	if err := w.bw.Flush(); err != nil {
		w.file.Close()
		return fmt.Errorf("keeping findings on disk: %w", err)
	}
	s.runs = append(s.runs, &spillRun{file: w.file, size: w.size, n: w.n, level: level})
	return nil
}

// close removes what the store put on disk.
func (s *findingStore) close() {
	for _, r := range s.runs {
		r.file.Close()
	}
	s.runs = nil
	for _, p := range s.leftover {
		os.Remove(p)
	}
	if s.dir != "" {
		os.RemoveAll(s.dir)
		s.dir = ""
	}
}

// write renders the report, its findings being the store's, in the named format.
func (s *findingStore) write(w io.Writer, format string, rep *finding.Report) error {
	if len(s.runs) == 0 || !s.streamable {
		if len(s.runs) > 0 {
			// A finding that cannot be streamed came after the first spill (detect makes
			// none): every finding is read back to be written as before.
			if err := s.spill(); err != nil {
				return err
			}
			var all []finding.Finding
			if err := mergeRuns(s.runs, func(f *finding.Finding) error { all = append(all, *f); return nil }); err != nil {
				return err
			}
			s.held = all
		}
		rep.Findings = s.held
		finding.Sort(rep.Findings)
		return report.Write(w, format, rep)
	}
	if err := s.spill(); err != nil {
		return err
	}
	for len(s.runs) > spillFanIn {
		if err := s.mergeTail(spillFanIn, s.runs[len(s.runs)-1].level+1); err != nil {
			return err
		}
	}
	st := s.head
	st.Report = rep
	st.Findings = runsWalker(s.runs)
	return report.WriteStreamed(w, format, &st)
}

// runsWalker walks the merged runs, once per call.
type runsWalker []*spillRun

func (rs runsWalker) Walk(fn func(*finding.Finding) error) error { return mergeRuns(rs, fn) }

// spillRun is a sorted run of findings on disk.
type spillRun struct {
	file  *os.File
	size  int64
	n     int
	level int
}

// mergeRuns calls fn with the runs' findings in order, a tie going to the earlier run:
// what a stable sort of them all in the order they were added gives.
func mergeRuns(runs []*spillRun, fn func(*finding.Finding) error) error {
	h := make(runHeap, 0, len(runs))
	for i, r := range runs {
		c := &runCursor{idx: i, left: r.n,
			r: runReader{br: bufio.NewReaderSize(io.NewSectionReader(r.file, 0, r.size), 64<<10)}}
		ok, err := c.next()
		if err != nil {
			return err
		}
		if ok {
			h = append(h, c)
		}
	}
	heap.Init(&h)
	for len(h) > 0 {
		c := h[0]
		if err := fn(&c.f); err != nil {
			return err
		}
		ok, err := c.next()
		if err != nil {
			return err
		}
		if ok {
			heap.Fix(&h, 0)
		} else {
			heap.Pop(&h)
		}
	}
	return nil
}

type runCursor struct {
	idx  int
	left int
	r    runReader
	f    finding.Finding
}

func (c *runCursor) next() (bool, error) {
	if c.left == 0 {
		return false, nil
	}
	c.left--
	c.f = finding.Finding{}
	if err := c.r.read(&c.f); err != nil {
		return false, fmt.Errorf("reading findings back from disk: %w", err)
	}
	return true, nil
}

type runHeap []*runCursor

func (h runHeap) Len() int { return len(h) }
func (h runHeap) Less(i, j int) bool {
	if c := finding.Compare(&h[i].f, &h[j].f); c != 0 {
		return c < 0
	}
	return h[i].idx < h[j].idx
}
func (h runHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *runHeap) Push(x any)   { *h = append(*h, x.(*runCursor)) }
func (h *runHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// A run holds findings one after another: integers as varints, strings by length, the
// strings that repeat (rule, title, file, remediation…) written once a run and then
// named by their number in its table (up to runTable strings of up to runTableLen bytes,
// runTableBytes in all: a merge holds the tables of up to spillFanIn runs, and 4,096
// distinct strings of 512 bytes were 2 MiB a run, 256 MiB for a merge). A string that
// is not in the table and stands where the same field of a finding before it had the
// same string (a file's path, however long: an archive member's name can be a
// megabyte) is written as runSame, not again.
const (
	runTable      = 4096
	runTableLen   = 512
	runTableBytes = 256 << 10
	runSame       = runTable + 1
	// runSlots is how many string fields remember their last literal (runSame).
	runSlots = 32
)

// runTableTakes reports whether a table of n strings of size bytes takes s.
func runTableTakes(n, size int, s string) bool {
	return n < runTable && len(s) <= runTableLen && size+len(s) <= runTableBytes
}

type runWriter struct {
	file      *os.File
	bw        *bufio.Writer
	buf       []byte
	table     map[string]uint32
	tableSize int
	last      [runSlots]string
	size      int64
	n         int
}

func (w *runWriter) write(f *finding.Finding) {
	b := w.buf[:0]
	slot := 0
	lit := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	str := func(s string) {
		k := min(slot, runSlots-1)
		slot++
		if i, ok := w.table[s]; ok {
			b = binary.AppendUvarint(b, uint64(i)+1)
			return
		}
		if s != "" && w.last[k] == s {
			b = binary.AppendUvarint(b, runSame)
			return
		}
		b = binary.AppendUvarint(b, 0)
		lit(s)
		w.last[k] = s
		if runTableTakes(len(w.table), w.tableSize, s) {
			w.table[s] = uint32(len(w.table))
			w.tableSize += len(s)
		}
	}
	num := func(n int) { b = binary.AppendVarint(b, int64(n)) }
	list := func(l []string) {
		if l == nil {
			b = binary.AppendUvarint(b, 0)
			return
		}
		b = binary.AppendUvarint(b, uint64(len(l))+1)
		for _, s := range l {
			str(s)
		}
	}
	lit(f.ID)
	num(int(f.Severity))
	str(string(f.Category))
	str(f.Rule)
	str(f.Title)
	str(f.Detail)
	str(f.Host)
	num(f.Port)
	str(f.Protocol)
	str(f.Database)
	str(f.Table)
	str(f.Column)
	str(f.File)
	num(f.Line)
	num(f.Start)
	num(f.End)
	if f.TestPath {
		b = append(b, 1)
	} else {
		b = append(b, 0)
	}
	lit(f.Redacted)
	lit(f.SHA256)
	lit(f.Value)
	num(f.Count)
	str(f.Evidence)
	str(f.Remediation)
	list(f.References)
	list(f.Tags)
	str(string(f.Verified))
	str(f.VerifiedIdentity)
	str(f.VerifiedReason)
	str(f.VerifiedBy)
	str(f.VerifiedAt)
	w.buf = b
	w.bw.Write(b) // (an error is kept by the writer and returned by Flush)
	w.size += int64(len(b))
	w.n++
}

type runReader struct {
	br        *bufio.Reader
	table     []string
	tableSize int
	last      [runSlots]string
	slot      int
	err       error
}

var errBadRun = errors.New("a run of findings is corrupt")

func (r *runReader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, err := binary.ReadUvarint(r.br)
	if err != nil {
		r.err = err
	}
	return v
}

func (r *runReader) num() int {
	if r.err != nil {
		return 0
	}
	v, err := binary.ReadVarint(r.br)
	if err != nil {
		r.err = err
	}
	if v < math.MinInt || v > math.MaxInt {
		r.err = errBadRun
	}
	return int(v)
}

func (r *runReader) lit() string {
	n := r.uvarint()
	if r.err != nil || n == 0 {
		return ""
	}
	if n > 1<<30 {
		r.err = errBadRun
		return ""
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(r.br, b); err != nil {
		r.err = err
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

func (r *runReader) str() string {
	k := min(r.slot, runSlots-1)
	r.slot++
	i := r.uvarint()
	if r.err != nil {
		return ""
	}
	if i == runSame {
		return r.last[k]
	}
	if i > 0 {
		if i > uint64(len(r.table)) {
			r.err = errBadRun
			return ""
		}
		return r.table[i-1]
	}
	s := r.lit()
	if r.err != nil {
		return ""
	}
	r.last[k] = s
	if runTableTakes(len(r.table), r.tableSize, s) {
		r.table = append(r.table, s)
		r.tableSize += len(s)
	}
	return s
}

func (r *runReader) list() []string {
	n := r.uvarint()
	if r.err != nil || n == 0 {
		return nil
	}
	if n > 1<<20 {
		r.err = errBadRun
		return nil
	}
	l := make([]string, n-1)
	for i := range l {
		l[i] = r.str()
	}
	return l
}

func (r *runReader) read(f *finding.Finding) error {
	r.slot = 0
	f.ID = r.lit()
	f.Severity = finding.Severity(r.num())
	f.Category = finding.Category(r.str())
	f.Rule = r.str()
	f.Title = r.str()
	f.Detail = r.str()
	f.Host = r.str()
	f.Port = r.num()
	f.Protocol = r.str()
	f.Database = r.str()
	f.Table = r.str()
	f.Column = r.str()
	f.File = r.str()
	f.Line = r.num()
	f.Start = r.num()
	f.End = r.num()
	if r.err == nil {
		b, err := r.br.ReadByte()
		if err != nil {
			r.err = err
		}
		f.TestPath = b == 1
	}
	f.Redacted = r.lit()
	f.SHA256 = r.lit()
	f.Value = r.lit()
	f.Count = r.num()
	f.Evidence = r.str()
	f.Remediation = r.str()
	f.References = r.list()
	f.Tags = r.list()
	f.Verified = finding.Verified(r.str())
	f.VerifiedIdentity = r.str()
	f.VerifiedReason = r.str()
	f.VerifiedBy = r.str()
	f.VerifiedAt = r.str()
	if errors.Is(r.err, io.EOF) {
		r.err = io.ErrUnexpectedEOF
	}
	return r.err
}

// taggedStore keeps findings in the order they were added, each with a tag (detect
// --verify: its verdict's, from verify.Ledger), until they can be annotated: in memory
// up to spillLimit bytes (an estimate), then appended to one run in the private
// directory of a findingStore, with the same format, modes and removal.
type taggedStore struct {
	disk *findingStore
	w    *runWriter
	held []finding.Finding
	tags []uint32
	size int64
}

func newTaggedStore() *taggedStore { return &taggedStore{disk: newFindingStore()} }

func (p *taggedStore) add(f finding.Finding, tag uint32) error {
	p.held = append(p.held, f)
	p.tags = append(p.tags, tag)
	p.size += findingSize(&f) + 4
	if p.size >= p.disk.limit {
		return p.spill()
	}
	return nil
}

// spill appends the held findings to the run.
func (p *taggedStore) spill() error {
	if len(p.held) == 0 {
		return nil
	}
	if p.w == nil {
		w, err := p.disk.newRun()
		if err != nil {
			return err
		}
		p.w = w
	}
	for i := range p.held {
		n, _ := p.w.bw.Write(binary.AppendUvarint(nil, uint64(p.tags[i])))
		p.w.size += int64(n)
		p.w.write(&p.held[i])
	}
	clear(p.held)
	p.held, p.tags, p.size = p.held[:0], p.tags[:0], 0
	if err := p.w.bw.Flush(); err != nil {
		return fmt.Errorf("keeping findings on disk: %w", err)
	}
	return nil
}

// walk calls fn with every finding and its tag, in the order they were added.
func (p *taggedStore) walk(fn func(f *finding.Finding, tag uint32) error) error {
	if p.w != nil {
		if err := p.w.bw.Flush(); err != nil {
			return fmt.Errorf("keeping findings on disk: %w", err)
		}
		r := runReader{br: bufio.NewReaderSize(io.NewSectionReader(p.w.file, 0, p.w.size), 64<<10)}
		for range p.w.n {
			tag, err := binary.ReadUvarint(r.br)
			if err != nil {
				return fmt.Errorf("reading findings back from disk: %w", err)
			}
			if tag > math.MaxUint32 {
				return fmt.Errorf("reading findings back from disk: %w", errBadRun)
			}
			var f finding.Finding
			if err := r.read(&f); err != nil {
				return fmt.Errorf("reading findings back from disk: %w", err)
			}
			if err := fn(&f, uint32(tag)); err != nil {
				return err
			}
		}
	}
	for i := range p.held {
		if err := fn(&p.held[i], p.tags[i]); err != nil {
			return err
		}
	}
	return nil
}

// close removes what the store put on disk.
func (p *taggedStore) close() {
	if p.w != nil {
		p.w.file.Close()
		p.w = nil
	}
	p.held, p.tags = nil, nil
	p.disk.close()
}
