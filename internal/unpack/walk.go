package unpack

import (
	"archive/tar"
	"archive/zip"
	"bufio"
	"bytes"
	"cmp"
	"compress/bzip2"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
	"github.com/ulikunitz/xz"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/leakwatch/leakwatch/internal/untrusted"
)

// Sep separates an archive's name from a member's in Entry.Name: dir/a.zip!conf/app.env,
// and dir/b.tar.gz!inner.zip!x.env for a member of a member. A "!" or "%" in a member's
// own name is written %21 or %25, so that Sep always means a step into an archive.
const Sep = "!"

// Limits bound what one top-level input may cost.
type Limits struct {
	// Depth is how many archives or compressed streams are opened inside one another
	// (a tar inside a compressed stream, .tar.gz, counts once); 0 opens none, and an
	// archive is then treated like any other binary file.
	Depth int
	// Bytes is how many bytes are read out of archives and compressed streams in all, per
	// top-level input: a bomb costs this and no more.
	Bytes int64
	// Members is how many archive entries are looked at in all, per top-level input.
	Members int
	// MemberBytes is how many bytes are read out of one member or compressed stream.
	MemberBytes int64
	// Ratio, when not 0, bounds expansion. Every compressed byte read out of the input
	// itself (not out of another compressed stream) earns Ratio bytes of decompression,
	// and RatioFloor more are given once per input; every byte a decompressor gives, at
	// any depth, spends one. A stream or member that finds nothing left stops there, with
	// a warning, and the walk goes on with the next, which earns its own. A bomb of n
	// bytes then costs about RatioFloor+Ratio*n rather than Bytes, nested layers share one
	// budget rather than multiply it, and a member beside a bomb is still read.
	Ratio int64
	// RatioFloor is what an input may expand to whatever its ratio.
	RatioFloor int64
}

// DefaultLimits are detect's defaults. Ratio 100 and a 64 MiB floor: gzip'd logs and
// CSV expand 10–40 times, the largest ratio among the members over 1 MiB of 394 Go
// module and JDK zips is 53, and a log that repeats itself exactly (xz, zstd: thousands
// of times) is scanned whole up to 64 MiB.
var DefaultLimits = Limits{Depth: 3, Bytes: 1 << 30, Members: 100_000, MemberBytes: 256 << 20, Ratio: 100, RatioFloor: 64 << 20}

// nestedZipMax is the largest zip read into memory to be opened: a zip needs random
// access, which a member of another archive or a compressed stream does not give.
const nestedZipMax = 64 << 20

// xzDictMax is the largest LZMA2 dictionary an xz stream may ask for: the library
// allocates what the header says, so a 100-byte file could ask for 4 GiB (xz -9 uses 64 MiB).
const xzDictMax = 64 << 20

// ErrLimit is returned (wrapped) when Limits.Bytes or Limits.Members is reached.
var ErrLimit = errors.New("archive limit reached")

// errMemberBytes is a member larger than Limits.MemberBytes: what was read is scanned.
var errMemberBytes = errors.New("member larger than the per-member limit; the rest is not read")

// errRatio is a stream or member that expands more than Limits.Ratio times: what was
// read is scanned, and the walk goes on with the next member.
var errRatio = errors.New("expands more than the ratio limit allows (a decompression bomb?); the rest is not read")

// Entry is one stream of text found in an input: the input itself when it is plain text,
// else a member of an archive, a decompressed stream or transcoded UTF-16.
type Entry struct {
	// Name is what findings name: the input's name, then Sep and each member's
	// sanitised name. A compressed stream adds nothing (dump.sql.gz).
	Name string
	// Format is the name whose extension tells the text's structure: the innermost
	// member's name, without a compression suffix (dump.sql.gz: dump.sql).
	Format string
	// Data is the whole text when it was read whole (valid only during the callback);
	// else R streams it.
	Data []byte
	R    io.Reader
	// Level is how many containers were opened to reach it.
	Level int
	// WordXML says this is a Word document part whose paragraphs' text follows as an
	// entry of its own (Derived, named Name+"#text", a paragraph a line): Word splits
	// text into runs, so a token may sit in two <w:t> elements. What the caller finds in
	// both should be reported once.
	WordXML, Derived bool
	// Siblings, for a member of a zip, lists the base names of the other files in the
	// same directory of the zip and reads the first max bytes of one of them (nil when
	// it cannot): what stands beside a file says what it is (a README calling a
	// directory's keys test credentials). Nil for anything else; valid only during
	// the callback.
	Siblings func() (names []string, read func(name string, max int) []byte)
}

// Walker reads inputs one at a time, reusing its buffers; it is not safe for concurrent use.
type Walker struct {
	Limits Limits
	// WholeMax is the largest text handed over whole (Entry.Data); longer ones stream.
	WholeMax int
	// Skip, when set, leaves out members whose base name it names (media, binaries).
	Skip func(name string) bool
	// Warn is told what was not read and why; name is safe to show.
	Warn func(name, msg string)

	bufs    [][]byte
	used    int64
	members int
	// credit is what may still be decompressed (Limits.Ratio); under counts the
	// decompressors open around the stream being read, ratioStops the streams stopped.
	credit     int64
	under      int
	ratioStops int
	// Inflated is the number of bytes decompressors gave in the last Walk (tests).
	Inflated int64
	// Read is the number of bytes read out of containers by the last Walk (tests).
	Read int64
}

// source records an error of the input itself, which is the caller's (an I/O error),
// as opposed to its content's (a corrupt archive), which is a warning.
type source struct {
	r   io.Reader
	err error
}

func (s *source) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	if err != nil && err != io.EOF {
		s.err = err
	}
	return n, err
}

type sourceAt struct {
	ra  io.ReaderAt
	src *source
}

func (s sourceAt) ReadAt(p []byte, off int64) (int, error) {
	n, err := s.ra.ReadAt(p, off)
	if err != nil && err != io.EOF {
		s.src.err = err
	}
	return n, err
}

// Walk reads one input named name (a path, shown as given) and calls fn for every
// stream of text in it. ra, when not nil, reads the same bytes at random (a file), so a
// zip larger than WholeMax is opened in place; size is the input's size, -1 if unknown.
// named says the user named this input: binary content is then read as text, as
// detect always did, rather than skipped. Walk returns an error only when reading the
// input itself fails; corrupt content and limits are reported to Warn and the walk goes
// on with what is left.
func (w *Walker) Walk(name string, r io.Reader, ra io.ReaderAt, size int64, named bool, fn func(*Entry) error) error {
	w.used, w.members = 0, 0
	w.credit, w.under, w.ratioStops, w.Inflated = w.Limits.RatioFloor, 0, 0, 0
	src := &source{r: r}
	s := stream{name: name, format: name, named: named}
	if ra != nil && size >= 0 {
		s.ra = sourceAt{ra, src}
	}
	err := w.stream(s, src, size, fn)
	w.Read = w.used
	if n := w.ratioStops - maxRatioWarnings; n > 0 && w.Warn != nil {
		w.Warn(name, fmt.Sprintf("%d more members or streams expand more than the ratio limit allows; the rest of each is not read", n))
	}
	if src.err != nil {
		return fmt.Errorf("%s: %w", name, src.err)
	}
	if err != nil {
		w.warn(name, err)
	}
	return nil
}

func (w *Walker) warn(name string, err error) {
	if w.Warn == nil {
		return
	}
	msg := err.Error()
	if errors.Is(err, ErrLimit) {
		msg += fmt.Sprintf(" (%d bytes read out of archives, %d members); the rest of this input is not read", w.used, w.members)
	}
	w.Warn(name, untrusted.Text(msg))
}

// stream is where one stream sits.
type stream struct {
	name, format string
	level        int  // containers opened above it
	call         int  // recursion depth (buffer index)
	named        bool // the top-level input the user named
	compressed   bool // the direct content of a compressed stream
	word         bool // a Word document part (word/*.xml in a zip)
	ra           io.ReaderAt
	siblings     func() ([]string, func(string, int) []byte) // Entry.Siblings
}

func (w *Walker) buf(call int) []byte {
	for len(w.bufs) <= call {
		w.bufs = append(w.bufs, nil)
	}
	return w.bufs[call][:0]
}

// readUpTo reads r into buf until EOF or limit bytes; full says limit was reached.
func readUpTo(r io.Reader, buf []byte, limit int) ([]byte, bool, error) {
	for len(buf) < limit {
		if len(buf) == cap(buf) {
			n := min(max(2*cap(buf), 64<<10), limit)
			if n > 1<<20 {
				// Past 1 MiB, room up to the limit at once: a page costs only once it is
				// written, and doubling to 32 MiB would copy 32 MiB and touch 64.
				n = limit
			}
			nb := make([]byte, len(buf), n)
			copy(nb, buf)
			buf = nb
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, false, nil
		}
		if err != nil {
			return buf, false, err
		}
	}
	return buf, true, nil
}

func (w *Walker) stream(s stream, r io.Reader, size int64, fn func(*Entry) error) error {
	var data, head []byte
	var rest io.Reader
	var readErr error
	kind := Kind(-1) // not sniffed yet
	// A long file, and a stream the user gave (standard input: a live log, whose
	// findings must come out as its lines do), are scanned as they are read.
	if size > int64(w.WholeMax) || size < 0 && s.call == 0 {
		br := bufio.NewReaderSize(r, 64<<10)
		head, _ = br.Peek(SniffLen)
		rest = br
	} else {
		limit := w.WholeMax + 1
		if size >= 0 {
			limit = int(size) + 1
		}
		// The head first: what it holds says whether the rest is read at all, and how.
		// A binary member or file that is skipped then costs SniffLen bytes rather than
		// its size, and a container inside another one is opened as a stream of the
		// outer one's reader rather than copied into memory first.
		b := reserve(w.buf(s.call), min(limit, SniffLen))
		b, full, err := readUpTo(r, b, min(limit, SniffLen))
		if full && err == nil && limit > SniffLen {
			k, kerr := w.kind(s, b)
			if kerr != nil {
				w.bufs[s.call] = b
				return kerr
			}
			kind = k
			switch {
			case w.skips(s, kind):
				w.bufs[s.call] = b
				return nil
			case kind.Container() && kind != Zip && s.call > 0:
				// (A file the walk opened is still read whole: its decompressor's small
				// reads would each be a system call.)
				w.bufs[s.call] = b
				rest = io.MultiReader(bytes.NewReader(b), r)
				full = false
			default:
				if size >= 0 {
					b = reserve(b, limit)
				}
				b, full, err = readUpTo(r, b, limit)
			}
		}
		if rest == nil {
			w.bufs[s.call] = b
			switch {
			case full:
				// Longer than WholeMax, or a file that grew while it was read: stream it.
				rest = io.MultiReader(bytes.NewReader(b), r)
			case err != nil && len(b) == 0:
				return err
			default:
				// What was read before an error (a bomb cut at the limit, a truncated
				// archive) is still scanned; the error is reported after it.
				data, readErr = b, err
			}
		}
		head = b
	}
	if kind < 0 {
		var err error
		if kind, err = w.kind(s, head); err != nil {
			return err
		}
	}
	var in io.Reader = rest
	if data != nil {
		in = bytes.NewReader(data)
	}
	var err error
	switch kind {
	case Text:
		err = w.text(s, data, rest, fn)
	case Binary:
		if !w.skips(s, kind) {
			err = w.text(s, data, rest, fn)
		}
	case UTF8BOM:
		if data != nil {
			err = w.text(s, data[3:], nil, fn)
		} else {
			_, _ = io.CopyN(io.Discard, rest, 3)
			err = w.text(s, nil, rest, fn)
		}
	case UTF16LE, UTF16BE, UTF16LENoBOM, UTF16BENoBOM:
		order, bom := unicode.LittleEndian, unicode.ExpectBOM
		if kind == UTF16BE || kind == UTF16BENoBOM {
			order = unicode.BigEndian
		}
		if kind == UTF16LENoBOM || kind == UTF16BENoBOM {
			bom = unicode.IgnoreBOM
		}
		dec := unicode.UTF16(order, bom).NewDecoder()
		if data != nil {
			var out []byte
			out, _, err = transform.Bytes(dec, data)
			if err == nil {
				err = w.text(s, out, nil, fn)
			}
		} else {
			err = w.text(s, nil, transform.NewReader(rest, dec), fn)
		}
	case Gzip, Bzip2, XZ, Zstd:
		err = w.decompress(s, kind, in, head, fn)
	case Tar:
		err = w.tar(s, in, fn)
	case Zip:
		err = w.zip(s, data, rest, size, fn)
	}
	if err == nil {
		err = readErr
	}
	return err
}

// kind is what head (the first bytes of s) holds, as s is to be read: a container
// nested deeper than Limits.Depth is an error inside an archive and binary at the top.
func (w *Walker) kind(s stream, head []byte) (Kind, error) {
	kind := Sniff(head[:min(len(head), SniffLen)])
	if kind.Container() && !w.canOpen(s, kind) {
		if s.call > 0 {
			return kind, fmt.Errorf("%s not opened: nested deeper than the archive depth limit (%d)", kind, w.Limits.Depth)
		}
		kind = Binary
	}
	return kind, nil
}

// skips reports whether s, of kind k, is left unread. Binary bytes are read as text in a
// file the user named, and in a compressed file (a gzipped core dump holds the process's
// environment), as detect always did with gzip; a binary archive member is skipped like
// a binary file in a tree.
func (w *Walker) skips(s stream, k Kind) bool {
	return k == Binary && !(s.named && s.call == 0 || s.compressed && s.call == 1)
}

// reserve returns b with room for n bytes, keeping what it holds.
func reserve(b []byte, n int) []byte {
	if cap(b) >= n {
		return b
	}
	nb := make([]byte, len(b), n)
	copy(nb, b)
	return nb
}

// canOpen reports whether a container at s may be opened: a tar straight inside a
// compressed stream is the same archive (.tar.gz) and does not count again.
func (w *Walker) canOpen(s stream, k Kind) bool {
	if k == Tar && s.compressed {
		return true
	}
	return s.level < w.Limits.Depth
}

func (w *Walker) text(s stream, data []byte, r io.Reader, fn func(*Entry) error) error {
	e := Entry{Name: s.name, Format: s.format, Data: data, R: r, Level: s.level, Siblings: s.siblings}
	if data != nil {
		e.R = nil
	}
	var paras []byte
	if s.word && data != nil {
		paras = wordText(data)
		e.WordXML = paras != nil
	}
	if err := fn(&e); err != nil || paras == nil {
		return err
	}
	return fn(&Entry{Name: s.name + "#text", Format: "document.txt", Data: paras, Level: s.level, Derived: true})
}

// counted reads out of a container: every byte counts against Limits.Bytes, and at
// most limit bytes are read from this one.
type counted struct {
	r     io.Reader
	w     *Walker
	left  int64
	probe [1]byte
	// inflating says r is a decompressor (Limits.Ratio); earn, when not nil, is how many
	// compressed bytes it has read out of the input itself, earned how many of them
	// were credited.
	inflating bool
	earn      func() int64
	earned    int64
}

func (w *Walker) count(r io.Reader) *counted {
	return &counted{r: r, w: w, left: w.Limits.MemberBytes}
}

// inflate is count for a decompressor's output; in is the compressed bytes it has read.
// Only a decompressor that reads the input itself earns credit: one inside another
// spends what the outer one earned.
func (w *Walker) inflate(r io.Reader, in func() int64) *counted {
	c := w.count(r)
	if w.Limits.Ratio > 0 {
		c.inflating = true
		if w.under == 0 {
			c.earn = in
		}
	}
	return c
}

// ratioRead bounds one read of a decompressor, so that what it gives past the ratio
// limit is no more than this.
const ratioRead = 256 << 10

// maxRatioWarnings is how many streams stopped at the ratio limit are named, per input;
// the rest are counted in one warning.
const maxRatioWarnings = 10

// spend accounts n bytes given by a decompressor.
func (c *counted) spend(n int) error {
	w := c.w
	if c.earn != nil {
		e := c.earn()
		w.credit += w.Limits.Ratio * (e - c.earned)
		c.earned = e
	}
	w.credit -= int64(n)
	w.Inflated += int64(n)
	if w.credit < 0 {
		return errRatio
	}
	return nil
}

// CountingReader counts the bytes read through it in N (redact counts a compressed
// input's bytes with it for the same ratio bound).
type CountingReader struct {
	R io.Reader
	N int64
}

func (c *CountingReader) Read(p []byte) (int, error) {
	n, err := c.R.Read(p)
	c.N += int64(n)
	return n, err
}

func (c *counted) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	budget := min(c.left, c.w.Limits.Bytes-c.w.used)
	if budget <= 0 {
		// At a limit: one more byte says whether anything was cut.
		n, err := c.r.Read(c.probe[:])
		if n == 0 && err != nil {
			return 0, err
		}
		if c.left <= 0 {
			return 0, errMemberBytes
		}
		return 0, fmt.Errorf("%w: %d bytes", ErrLimit, c.w.Limits.Bytes)
	}
	if int64(len(p)) > budget {
		p = p[:budget]
	}
	if c.inflating && len(p) > ratioRead {
		p = p[:ratioRead]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	c.w.used += int64(n)
	if c.inflating {
		if rerr := c.spend(n); rerr != nil && err == nil {
			return n, rerr
		}
	}
	return n, err
}

var compressSuffixes = []string{".gz", ".tgz", ".gzip", ".bz2", ".tbz2", ".tbz", ".xz", ".txz", ".zst", ".zstd", ".tzst"}

// stripCompressed is name without its compression suffix (.tgz becomes .tar).
func stripCompressed(name string) string {
	lower := strings.ToLower(name)
	for _, suf := range compressSuffixes {
		if strings.HasSuffix(lower, suf) {
			base := name[:len(name)-len(suf)]
			if strings.HasPrefix(suf, ".t") && suf != ".tar" {
				base += ".tar"
			}
			return base
		}
	}
	return name
}

func (w *Walker) decompress(s stream, kind Kind, r io.Reader, head []byte, fn func(*Entry) error) error {
	cr := &CountingReader{R: r}
	r = cr
	var dr io.Reader
	switch kind {
	case Gzip:
		// klauspost/compress inflates the same bytes as compress/gzip (same API, members
		// read one after another) in about half the CPU time: compressed logs and
		// documentation are the commonest compressed text a tree holds.
		zr, err := gzip.NewReader(r)
		if err != nil {
			return fmt.Errorf("gzip: %w", err)
		}
		defer zr.Close()
		dr = zr
	case Bzip2:
		dr = bzip2.NewReader(r)
	case XZ:
		d, ok := xzDict(head)
		if !ok {
			return errors.New("xz: not a single LZMA2 filter (or an unreadable block header): not read")
		}
		if d > xzDictMax {
			return fmt.Errorf("xz: dictionary of %d bytes asked for (more than %d): not read", d, xzDictMax)
		}
		// The header check above names the common case early; the guard holds every
		// later block and stream of the file to the same cap.
		xr, err := xz.ReaderConfig{DictCap: 1 << 20}.NewReader(newXZGuard(r, xzDictMax))
		if err != nil {
			return fmt.Errorf("xz: %w", err)
		}
		dr = xr
	case Zstd:
		zr, err := zstd.NewReader(r, zstd.WithDecoderConcurrency(1), zstd.WithDecoderLowmem(true),
			zstd.WithDecoderMaxWindow(xzDictMax), zstd.WithDecoderMaxMemory(uint64(max(w.Limits.MemberBytes, 1))))
		if err != nil {
			return fmt.Errorf("zstd: %w", err)
		}
		defer zr.Close()
		dr = zr
	}
	c := stream{name: s.name, format: stripCompressed(s.format), level: s.level + 1, call: s.call + 1, compressed: true}
	cnt := w.inflate(dr, func() int64 { return cr.N })
	w.under++
	defer func() { w.under-- }()
	return w.member(c, cnt, -1, fn)
}

// xzDict is the dictionary size the first block of an xz stream asks for.
func xzDict(head []byte) (int64, bool) {
	// stream header (12 bytes), then the block header: size, flags, optional sizes,
	// then the first filter: id, properties size, properties.
	if len(head) < 14 || head[12] == 0 {
		return 0, false
	}
	p := 14
	flags := head[13]
	skipVarint := func() bool {
		for p < len(head) {
			c := head[p]
			p++
			if c&0x80 == 0 {
				return true
			}
		}
		return false
	}
	if flags&0x40 != 0 && !skipVarint() {
		return 0, false
	}
	if flags&0x80 != 0 && !skipVarint() {
		return 0, false
	}
	// Only an LZMA2 filter alone is read (id 0x21, one property byte).
	if p+3 > len(head) || head[p] != 0x21 || head[p+1] != 1 {
		return 0, false
	}
	c := head[p+2] & 0x3f
	if c > 40 {
		return 1 << 32, true
	}
	if c == 40 {
		return 1<<32 - 1, true
	}
	return int64(2|c&1) << (c/2 + 11), true
}

// member scans one stream read out of a container: errors of its own (corrupt, too
// large) are warnings and the caller goes on with the next; limits stop everything.
func (w *Walker) member(s stream, r io.Reader, size int64, fn func(*Entry) error) error {
	err := w.stream(s, r, size, fn)
	if err == nil || errors.Is(err, ErrLimit) {
		return err
	}
	if errors.Is(err, errRatio) {
		if w.ratioStops++; w.ratioStops > maxRatioWarnings {
			return nil
		}
	}
	w.warn(s.name, err)
	return nil
}

func (w *Walker) takeMember() error {
	w.members++
	if w.members > w.Limits.Members {
		return fmt.Errorf("%w: %d members", ErrLimit, w.Limits.Members)
	}
	return nil
}

func (w *Walker) child(s stream, raw string) (stream, bool) {
	base := path.Base(strings.ReplaceAll(raw, "\\", "/"))
	if w.Skip != nil && w.Skip(base) {
		return stream{}, false
	}
	clean := MemberName(raw)
	word := strings.HasPrefix(clean, "word/") && strings.HasSuffix(clean, ".xml") && !strings.Contains(clean, "/_rels/")
	return stream{name: s.name + Sep + clean, format: base, level: s.level + 1, call: s.call + 1, word: word}, true
}

func (w *Walker) tar(s stream, r io.Reader, fn func(*Entry) error) error {
	tr := tar.NewReader(r)
	level := s.level
	if s.compressed {
		level-- // .tar.gz: the tar and its compression are one archive
	}
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			if errors.Is(err, io.ErrUnexpectedEOF) {
				return errors.New("tar: truncated")
			}
			return err // archive/tar's errors say "archive/tar"
		}
		if err := w.takeMember(); err != nil {
			return err
		}
		// Sparse files (disk images, databases) are mostly holes that read as zeros:
		// left out, like any entry that is not a regular file.
		if hdr.Typeflag != tar.TypeReg && hdr.Typeflag != tar.TypeRegA || sparse(hdr) {
			continue
		}
		c, ok := w.child(stream{name: s.name, level: level, call: s.call}, hdr.Name)
		if !ok {
			continue
		}
		size := hdr.Size
		if size > w.Limits.MemberBytes {
			size = -1
		}
		if err := w.member(c, w.count(tr), size, fn); err != nil {
			return err
		}
	}
}

func (w *Walker) zip(s stream, data []byte, rest io.Reader, size int64, fn func(*Entry) error) error {
	var ra io.ReaderAt
	switch {
	case data != nil:
		ra, size = bytes.NewReader(data), int64(len(data))
	case s.call == 0 && s.ra != nil && size >= 0:
		ra = s.ra
	default:
		// A zip inside a stream is read into memory to be opened, up to a bound.
		b, full, err := readUpTo(rest, nil, nestedZipMax+1)
		if err != nil {
			return err
		}
		if full {
			return fmt.Errorf("zip: larger than %d bytes inside another archive or a stream: not opened", nestedZipMax)
		}
		ra, size = bytes.NewReader(b), int64(len(b))
	}
	// archive/zip sizes its member list by the archive's length, not by the count the
	// central directory claims; ErrInsecurePath only flags names, which are sanitised
	// below and never used as paths.
	zr, err := zip.NewReader(ra, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return err // archive/zip's errors say "zip"
	}
	// Members compressed with bzip2 or zstd (WinZip, 7-Zip) besides deflate.
	zr.RegisterDecompressor(12, func(r io.Reader) io.ReadCloser { return io.NopCloser(bzip2.NewReader(r)) })
	zr.RegisterDecompressor(zstd.ZipMethodWinZip, zipZstd)
	zr.RegisterDecompressor(zstd.ZipMethodPKWare, zipZstd)
	shared, n := overlapping(zr.File[:min(len(zr.File), w.Limits.Members+1)])
	if n > 0 {
		w.warn(s.name, fmt.Errorf("zip: %d members whose data lies inside another member's (an overlapping zip bomb): not read", n))
	}
	// Entry.Siblings: one function for the whole zip, which reads the member list for
	// the member being read (cur) only when asked, for a key file with a finding. A
	// closure a member cost an allocation on every member of a jar.
	cur := 0
	siblings := func() ([]string, func(string, int) []byte) { return zipSiblings(zr.File, zr.File[cur].Name) }
	for i, f := range zr.File {
		if err := w.takeMember(); err != nil {
			return err
		}
		if f.Mode().IsDir() || strings.HasSuffix(f.Name, "/") {
			continue
		}
		c, ok := w.child(s, f.Name)
		if !ok {
			continue
		}
		cur = i // (the member's entries are read before the loop moves on)
		c.siblings = siblings
		if shared[i] {
			continue
		}
		if f.Flags&1 != 0 {
			w.warn(c.name, errors.New("encrypted member: not read"))
			continue
		}
		rc, err := f.Open()
		if err != nil {
			w.warn(c.name, err)
			continue
		}
		msize := int64(-1)
		if f.UncompressedSize64 <= uint64(w.Limits.MemberBytes) {
			msize = int64(f.UncompressedSize64)
		}
		mr := w.count(rc)
		if f.Method != zip.Store {
			csize := int64(min(f.CompressedSize64, 1<<62))
			mr = w.inflate(rc, func() int64 { return csize })
			w.under++
		}
		err = w.member(c, mr, msize, fn)
		if mr.inflating {
			w.under--
		}
		rc.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// zipSiblings is what Entry.Siblings returns for the member named name of a zip whose
// members are files: the base names of the other files in its directory, and a reader
// of the first max bytes of one of them (at most 64 KiB, a member that opens).
func zipSiblings(files []*zip.File, name string) ([]string, func(string, int) []byte) {
	dir, _ := path.Split(name)
	var names []string
	byName := map[string]*zip.File{}
	for _, f := range files {
		d, base := path.Split(f.Name)
		if d != dir || base == "" || f.Name == name || f.Mode().IsDir() || f.Flags&1 != 0 {
			continue
		}
		names = append(names, base)
		byName[base] = f
	}
	read := func(base string, max int) []byte {
		f := byName[base]
		if f == nil {
			return nil
		}
		rc, err := f.Open()
		if err != nil {
			return nil
		}
		defer rc.Close()
		b, _ := io.ReadAll(io.LimitReader(rc, int64(min(max, 64<<10))))
		return b
	}
	return names, read
}

// overlapping marks the members whose compressed data begins inside another's: no zip
// tool writes one, and a bomb does so to inflate one small deflate stream once per
// member (thousands of central directory entries pointing into the same bytes). Of
// members that share bytes, the first in the file is read; n is how many are not.
func overlapping(files []*zip.File) (shared []bool, n int) {
	type span struct {
		i          int
		start, end int64
	}
	spans := make([]span, 0, len(files))
	for i, f := range files {
		off, err := f.DataOffset()
		if err != nil || off < 0 {
			continue // Open reports it
		}
		end := off + int64(min(f.CompressedSize64, 1<<62))
		spans = append(spans, span{i, off, end})
	}
	slices.SortStableFunc(spans, func(a, b span) int { return cmp.Compare(a.start, b.start) })
	shared = make([]bool, len(files))
	var reach int64 = -1
	for _, sp := range spans {
		if sp.start < reach && sp.end > sp.start {
			shared[sp.i] = true
			n++
		}
		reach = max(reach, sp.end)
	}
	return shared, n
}

var zipZstd = zstd.ZipDecompressor(zstd.WithDecoderConcurrency(1), zstd.WithDecoderLowmem(true), zstd.WithDecoderMaxWindow(xzDictMax))

// maxMemberName is how many bytes of a member's name are shown.
const maxMemberName = 256

// MemberName is a member's name made safe to show anywhere and never usable as a path
// out of the archive: backslashes become slashes, "." and ".." steps and leading slashes
// are dropped (../../etc/passwd is shown as etc/passwd), Sep and % are escaped, control,
// invisible and bidi characters and invalid UTF-8 are written as escapes (\x1b, \n,
// \u202e), and the result is cut to 256 bytes.
func MemberName(raw string) string {
	n := strings.ReplaceAll(raw, "\\", "/")
	n = strings.TrimPrefix(path.Clean("/"+n), "/")
	if n == "" {
		n = "_"
	}
	n = strings.NewReplacer("%", "%25", Sep, "%21").Replace(n)
	n = untrusted.Text(n)
	if len(n) > maxMemberName {
		cut := maxMemberName
		for cut > 0 && !utf8.RuneStart(n[cut]) {
			cut--
		}
		n = n[:cut] + "…"
	}
	return n
}

// sparse reports whether a tar entry is a sparse file (GNU or PAX format).
func sparse(h *tar.Header) bool {
	for k := range h.PAXRecords {
		if strings.HasPrefix(k, "GNU.sparse.") {
			return true
		}
	}
	return false
}
