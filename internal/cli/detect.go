package cli

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"

	"github.com/leakwatch/leakwatch/internal/detect"
	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/report"
	"github.com/leakwatch/leakwatch/internal/testpath"
	"github.com/leakwatch/leakwatch/internal/unpack"
	"github.com/leakwatch/leakwatch/internal/verify"
)

type detectOptions struct {
	format       string
	output       string
	reveal       bool
	failOn       string
	rules        []string
	excludeRules []string
	hashes       bool
	listRules    bool
	verify       verifyFlags
	archive      unpack.Limits
	archiveMB    int64
	memberMB     int64
}

func newDetectCmd(e *env) *cobra.Command {
	var o detectOptions
	cmd := &cobra.Command{
		Use:   "detect [FILE|DIR|-]...",
		Short: "Find secrets and personal data in files, dumps and log streams",
		Long: `detect scans files, directories (recursively), database dumps and log streams for
secrets (API keys, tokens, private keys, connection strings, passwords) and personal data
(e-mail addresses, phone numbers, payment cards, IBANs, national IDs, IP addresses).
JSON lines, CSV and plain text are read as lines of text. Archives (zip, jar, docx,
xlsx, tar) and compressed files (gzip, bzip2, xz, zstd) are recognised by their first
bytes and their members scanned, nested up to --max-archive-depth, within the byte and
member limits; a finding's file names the member after "!" (a.tar.gz!etc/app.env).
UTF-16 text is transcoded to UTF-8. "-" (or no argument) reads standard input.

Values are redacted in every output; --reveal adds the raw value. --verify asks each
distinct secret's issuer whether it is live (docs/verifiers.md).
Exit status: 0 when nothing is at or above --fail-on, 1 when something is, 2 on error.
A corrupt archive or a limit reached is a warning on stderr, not an error.`,
		Example: `  leakwatch detect dump.sql.gz release.tar.gz report.docx
  kubectl logs deploy/api | leakwatch detect --format jsonl -
  leakwatch detect --rules aws-access-key-id,aws-secret-access-key ./config`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runDetect(cmd.Context(), e, &o, args)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.format, "format", "text", "output format: "+strings.Join(report.Formats(), ", "))
	f.StringVarP(&o.output, "output", "o", "", "write the report to `FILE` (mode 0600) instead of standard output")
	f.BoolVar(&o.reveal, "reveal", false, "include raw secret values in the output")
	f.StringVar(&o.failOn, "fail-on", "high", "exit 1 when a finding has this severity or higher (info, low, medium, high, critical)")
	f.StringSliceVar(&o.rules, "rules", nil, "only run these rule `IDs` (comma-separated)")
	f.StringSliceVar(&o.excludeRules, "exclude-rules", nil, "do not run these rule `IDs` (comma-separated)")
	f.BoolVar(&o.hashes, "hashes", false, "also report stored password hashes (bcrypt, sha512crypt, argon2, PBKDF2, SCRAM, MySQL, LDAP, Kerberos, NTLM: category credential-hash, severity medium)")
	f.BoolVar(&o.listRules, "list-rules", false, "list the rules and exit")
	d := unpack.DefaultLimits
	f.IntVar(&o.archive.Depth, "max-archive-depth", d.Depth, "open archives and compressed files nested this deep (a .tar.gz counts once); 0: read none")
	f.Int64Var(&o.archiveMB, "max-archive-mb", d.Bytes>>20, "read at most this many `MiB` out of the archives and compressed streams of one input (bombs stop here)")
	f.Int64Var(&o.memberMB, "max-member-mb", d.MemberBytes>>20, "read at most this many `MiB` of one archive member or compressed stream")
	f.IntVar(&o.archive.Members, "max-archive-members", d.Members, "look at most at this many archive members per input")
	f.Int64Var(&o.archive.Ratio, "max-archive-ratio", d.Ratio, fmt.Sprintf("decompress at most this many bytes per compressed byte of an input, past its first %d MiB (bombs stop here); 0: no limit", d.RatioFloor>>20))
	o.verify.add(f)
	return cmd
}

func runDetect(ctx context.Context, e *env, o *detectOptions, args []string) error {
	failOn, err := finding.ParseSeverity(o.failOn)
	if err != nil {
		return usagef("--fail-on: %v", err)
	}
	if _, err := report.New(o.format, report.Options{}); err != nil {
		return usagef("--format: %v", err)
	}
	lim := o.archive
	lim.Bytes, lim.MemberBytes, lim.RatioFloor = o.archiveMB<<20, o.memberMB<<20, unpack.DefaultLimits.RatioFloor
	if lim.Depth < 0 || lim.Ratio < 0 || o.archiveMB < 1 || o.memberMB < 1 || lim.Members < 1 || o.archiveMB > 1<<30 || o.memberMB > 1<<30 || lim.Ratio > 1<<30 {
		return usagef("--max-archive-depth and --max-archive-ratio must be 0 or more; --max-archive-mb, --max-member-mb and --max-archive-members 1 or more")
	}
	base := detect.Default()
	if o.hashes {
		base = detect.WithHashes()
	}
	eng, err := base.Select(o.rules, o.excludeRules)
	if err != nil {
		return usagef("%v", err)
	}
	if o.listRules {
		return listRules(e.stdout, eng)
	}
	if len(args) == 0 {
		args = []string{"-"}
	}
	vr, err := o.verify.runner(e)
	if err != nil {
		return err
	}

	// What was found is kept even when a later input fails or the run is interrupted.
	out, closeOut, _, err := openOutput(e.stdout, o.output)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(out, 256<<10)
	rep := &finding.Report{Tool: "leakwatch", Version: Version, Started: time.Now().UTC()}
	sink := &findingSink{reveal: o.reveal}
	if vr != nil {
		// With --verify a finding's verdict, and so its severity and its place in the
		// report, is known only once every secret has been asked about: findings are
		// kept in the order they were found with the tag of their verdict (on disk past
		// a bound), then annotated and sorted as without it. Verification keeps one
		// entry per distinct secret, not per finding.
		defer vr.Close()
		sink.verify = vr.NewLedger()
		sink.pending = newTaggedStore()
		defer sink.pending.close()
	}
	if vr == nil && strings.EqualFold(o.format, "jsonl") {
		// JSON lines stream: findings are written as they are found, so memory does not
		// grow with the number of findings.
		sink.stream = bw
	} else {
		// The other formats sort the report: findings are kept, on disk past a bound.
		sink.store = newFindingStore()
		defer sink.store.close()
	}
	var runErr error
	for _, a := range args {
		if err := ctx.Err(); err != nil {
			runErr = err
			break
		}
		if err := detectPath(ctx, e, eng, sink, lim, a); err != nil {
			runErr = err
			break
		}
	}
	if runErr == nil && sink.verify != nil {
		runErr = sink.applyVerify(ctx)
	}
	if runErr == nil && sink.stream == nil {
		rep.Finished = time.Now().UTC()
		if sink.store != nil {
			runErr = sink.err
			if runErr == nil {
				runErr = sink.store.write(bw, o.format, rep)
			}
		} else {
			rep.Findings = sink.all
			finding.Sort(rep.Findings)
			runErr = report.Write(bw, o.format, rep)
		}
	}
	if runErr == nil {
		runErr = sink.err
	}
	if err := bw.Flush(); err != nil && runErr == nil {
		runErr = err
	}
	if err := closeOut(); err != nil && runErr == nil {
		runErr = err
	}
	if runErr != nil {
		return runErr
	}
	if sink.max >= failOn && sink.count > 0 {
		return exitCode(ExitFindings)
	}
	return nil
}

func listRules(w io.Writer, eng *detect.Engine) error {
	bw := bufio.NewWriter(w)
	for _, r := range eng.Rules() {
		fmt.Fprintf(bw, "%-40s %-8s %-7s %-18s %s\n", r.ID, r.Severity, r.Category, r.Provider, r.Title)
	}
	return bw.Flush()
}

// findingSink turns matches into findings: kept for the final report (in store, after
// pending with --verify), or streamed as JSON lines (with the fast encoder, byte for
// byte what report.JSONLines writes).
type findingSink struct {
	reveal bool
	stream io.Writer
	store  *findingStore
	all    []finding.Finding
	count  int
	max    finding.Severity
	buf    []byte
	idBuf  []byte
	cache  stringCache
	err    error
	// verify gathers secrets for --verify, line by line; pending keeps the findings
	// with their verdicts' tags until verification has ended.
	verify  *verify.Ledger
	pending *taggedStore
	vline   pendingLine
}

func (s *findingSink) add(f finding.Finding) {
	s.addTagged(f, 0)
}

func (s *findingSink) addTagged(f finding.Finding, tag uint32) {
	s.count++
	if f.Severity > s.max {
		s.max = f.Severity
	}
	if s.err != nil {
		return
	}
	if s.pending != nil {
		s.err = s.pending.add(f, tag)
		return
	}
	if s.store != nil {
		s.err = s.store.add(f)
		return
	}
	if s.stream == nil {
		s.all = append(s.all, f)
		return
	}
	s.buf = append(appendFindingJSONCached(s.buf[:0], &f, &s.cache), '\n')
	_, s.err = s.stream.Write(s.buf)
}

// wholeFileMax is the largest file read whole (and parsed by its structure); longer
// files and streams are scanned in bounded windows as text.
const wholeFileMax = 32 << 20

func detectPath(ctx context.Context, e *env, eng *detect.Engine, sink *findingSink, lim unpack.Limits, path string) error {
	if path == "-" {
		w := newFileWorker(e, lim, sink)
		w.emit = sink.addFound
		_, err := w.scanReader(eng, sink.reveal, "-", e.stdin, true, -1)
		sink.flushLine()
		return err
	}
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	if !info.IsDir() {
		// One file: findings go to the sink as they are found, so a stream of them
		// (--format jsonl) is never held in memory.
		w := newFileWorker(e, lim, sink)
		w.emit = sink.addFound
		_, err := w.scanFile(eng, sink.reveal, path, true)
		sink.flushLine()
		return err
	}
	return detectDir(ctx, e, eng, sink, lim, path)
}

// dirHold is how many findings of one file a worker keeps while files before it are
// still being scanned. Past it the worker waits for its file's turn and writes the
// findings to the sink as it finds them: a large log in a directory then costs no more
// memory than the same log named alone, and the output keeps the walk's order.
var dirHold = 4096

// dirHeldPeak is the most findings any worker has held (tests).
var dirHeldPeak atomic.Int64

// notePeak raises dirHeldPeak to n; workers race to it, so a plain load and store could
// lower it.
func notePeak(n int) {
	for {
		p := dirHeldPeak.Load()
		if int64(n) <= p || dirHeldPeak.CompareAndSwap(p, int64(n)) {
			return
		}
	}
}

// dirAhead is how many files the walk of a tree may run ahead of the output: far enough
// to find the few large files of a source tree (Go's has 11,000 files) early on.
const dirAhead = 16384

// dirHeavy is the estimated cost, in bytes of text, from which a file of a tree is started
// before its turn (heavyCost): a large log or a compressed corpus started last is the
// only thing left running while the other cores wait for it.
var dirHeavy int64 = 2 << 20

// dirEarly counts the files started before their turn (tests).
var dirEarly atomic.Int64

// heavyCost estimates what scanning a file costs, in bytes of text: its size, and
// sixteen times that for a compressed file or an archive, whose text is larger. ok is
// false for a name that is seldom heavy (source code, documents): its size is then not
// asked for, a system call saved on most files of a source tree.
func heavyCost(name string, size func() int64) (cost int64, ok bool) {
	ext := strings.ToLower(filepath.Ext(name))
	switch ext {
	case ".gz", ".tgz", ".bz2", ".tbz", ".tbz2", ".xz", ".txz", ".zst", ".zstd", ".zip", ".jar", ".tar":
		return size() * 16, true
	case ".log", ".jsonl", ".ndjson", ".json", ".csv", ".tsv", ".sql", ".dump", ".txt", ".xml", ".out", "":
		return size(), true
	}
	return 0, false
}

// detectDir scans a tree with one worker per core. Files are queued in the order the walk
// finds them and their findings are written in that order, so the output does not depend
// on which worker was faster. A heavy file (dirHeavy) is also queued apart, and a worker
// that is free takes it first, while at least one other worker goes on with the files in
// order: the run then does not end with one core scanning one large file.
func detectDir(ctx context.Context, e *env, eng *detect.Engine, sink *findingSink, lim unpack.Limits, root string) error {
	type job struct {
		path    string
		claimed atomic.Bool   // a worker has taken it (from jobs or from early)
		turn    chan struct{} // closed when every earlier file's findings are in the sink
		done    chan []found  // what the worker still holds when the file is done
	}
	jobs := make(chan *job, dirAhead)  // every file, in walk order
	order := make(chan *job, dirAhead) // the same, for the writer
	workers := runtime.GOMAXPROCS(0)
	// heavy files, also in jobs; taken early by at most workers-1 workers at once (the
	// slots), so that a worker is always left for the file whose turn it is
	early := make(chan *job, dirAhead)
	slots := make(chan struct{}, max(workers-1, 0))
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := newFileWorker(e, lim, sink)
			w.root = root
			scan := func(j *job) {
				var held []found
				streaming := false
				w.emit = func(x found) {
					if streaming {
						sink.addFound(x)
						return
					}
					held = append(held, x)
					if len(held) < dirHold {
						return
					}
					notePeak(len(held))
					<-j.turn
					streaming = true
					for _, h := range held {
						sink.addFound(h)
					}
					held = nil
				}
				if _, err := w.scanFile(eng, sink.reveal, j.path, false); err != nil {
					e.logger.Warn("skipping", "path", j.path, "err", err)
				}
				notePeak(len(held))
				j.done <- held
			}
			for {
				select {
				case slots <- struct{}{}:
					var j *job
					select {
					case j = <-early:
					default:
					}
					if j != nil && j.claimed.CompareAndSwap(false, true) {
						dirEarly.Add(1)
						scan(j)
					}
					<-slots
					if j != nil {
						continue
					}
				default:
				}
				j, ok := <-jobs
				if !ok {
					return
				}
				if j.claimed.CompareAndSwap(false, true) {
					scan(j)
				}
			}
		}()
	}
	walkErr := make(chan error, 1)
	go func() {
		defer close(order)
		defer close(jobs)
		walkErr <- filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				e.logger.Warn("skipping", "path", p, "err", err)
				return nil
			}
			if ctxErr := ctx.Err(); ctxErr != nil {
				return ctxErr
			}
			if d.IsDir() {
				if p != root && (d.Name() == ".git" || d.Name() == "node_modules") {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.Type().IsRegular() || skipByName(d.Name()) {
				return nil
			}
			j := &job{path: p, turn: make(chan struct{}), done: make(chan []found, 1)}
			order <- j
			if workers > 1 {
				size := func() int64 {
					if info, err := d.Info(); err == nil {
						return info.Size()
					}
					return 0
				}
				if cost, ok := heavyCost(d.Name(), size); ok && cost >= dirHeavy {
					select {
					case early <- j:
					default: // (full: it is scanned in its turn)
					}
				}
			}
			jobs <- j
			return nil
		})
	}()
	// Files are taken from jobs in the order they are queued here, and a worker is
	// always free to take the next one (early files hold at most workers-1 of them), so
	// the file whose turn it is has always been taken by a worker that is not waiting,
	// or will be: no deadlock.
	for j := range order {
		close(j.turn)
		for _, f := range <-j.done {
			sink.addFound(f)
		}
		sink.flushLine()
	}
	wg.Wait()
	return <-walkErr
}

// skipByName leaves out files whose name says they are binary or media: reading them
// costs time and their bytes hold no text a rule reads. ".dat" is not among them: it
// names text as often as binary (a Concordance/Relativity load file, VOL001.dat, is
// þ-delimited text of custodians' e-mail metadata), and a binary one is told by its
// bytes (unpack.Sniff) and skipped all the same.
func skipByName(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".ico", ".webp", ".tiff", ".mp3", ".mp4", ".mov", ".avi",
		".wav", ".flac", ".ogg", ".woff", ".woff2", ".ttf", ".otf", ".eot", ".o", ".a", ".so", ".dll", ".exe",
		".dylib", ".class", ".pyc", ".wasm", ".syso", ".bin", ".db", ".sqlite", ".pdf":
		return true
	}
	return false
}

// fileWorker scans files one at a time, reusing its read buffer. With emit set,
// findings go there as they are found instead of being returned. With lineText set
// (--verify), each secret carries the text of its line, for verifiers that pair it with
// an id or host written beside it.
type fileWorker struct {
	idBuf    []byte
	emit     func(found)
	lineText bool
	// unpack opens archives and compressed streams and holds the read buffers.
	unpack unpack.Walker
	// ra reads the file scanReader is about to read at random (a large zip), when it is one.
	ra io.ReaderAt
	// root is the directory being walked, if any: whether a file is test material is read
	// from its path below it (a checkout under ~/tests/ is not all tests).
	root string
	// fixtures remembers, per directory, whether the files beside key material mark it
	// as test fixtures (testpath.FixtureDir).
	fixtures map[string]bool
}

// fixtureKey reports key material (testpath.KeyMaterial) whose directory marks it as
// test fixtures: a file on disk (onDisk) is read beside it in its directory, a zip
// member beside it in the zip (siblings); anything else is not judged.
func (w *fileWorker) fixtureKey(name string, onDisk bool, siblings func() ([]string, func(string, int) []byte)) bool {
	if !testpath.KeyMaterial(name) || !onDisk && siblings == nil {
		return false
	}
	dir := name[:strings.LastIndexAny(name, "/"+string(filepath.Separator))+1]
	if v, ok := w.fixtures[dir]; ok {
		return v
	}
	var names []string
	read := func(string, int) []byte { return nil }
	if onDisk {
		ents, err := os.ReadDir(filepath.Dir(name))
		if err == nil && len(ents) <= 4096 {
			base := filepath.Base(name)
			for _, e := range ents {
				if e.Type().IsRegular() && e.Name() != base {
					names = append(names, e.Name())
				}
			}
		}
		read = func(n string, max int) []byte {
			f, err := os.Open(filepath.Join(filepath.Dir(name), n))
			if err != nil {
				return nil
			}
			defer f.Close()
			b, _ := io.ReadAll(io.LimitReader(f, int64(max)))
			return b
		}
	} else {
		names, read = siblings()
	}
	v := testpath.FixtureDir(names, read)
	if w.fixtures == nil || len(w.fixtures) >= 4096 {
		w.fixtures = map[string]bool{}
	}
	w.fixtures[dir] = v
	return v
}

// inTests reports whether a finding in the file or archive member name is in test code,
// test data or a runnable example (finding.Finding.TestPath).
func (w *fileWorker) inTests(name string) bool {
	if w.root != "" {
		if rel, err := filepath.Rel(w.root, name); err == nil && rel != "." && !strings.HasPrefix(rel, "..") {
			name = rel
		}
	}
	return testpath.Is(filepath.ToSlash(name))
}

// newFileWorker is a worker that opens archives within lim and warns on the logger about
// what it could not read (a corrupt member, a limit reached): the scan goes on.
func newFileWorker(e *env, lim unpack.Limits, sink *findingSink) *fileWorker {
	w := &fileWorker{lineText: sink.verify != nil}
	w.unpack.Limits = lim
	w.unpack.Warn = func(name, msg string) {
		e.logger.Warn("not fully read", "path", name, "why", msg)
	}
	return w
}

// found is a finding and, for --verify, its raw value and the text of its line.
type found struct {
	f         finding.Finding
	raw, text string
}

func (w *fileWorker) scanFile(eng *detect.Engine, reveal bool, path string, named bool) ([]found, error) {
	f, err := openForScan(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	size := int64(-1)
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
		size = st.Size()
	}
	w.ra = f
	return w.scanReader(eng, reveal, path, f, named, size)
}

// scanReader scans one input. What it holds is told by its first bytes (internal/unpack):
// archives (zip and the formats built on it, tar) and compressed streams (gzip, bzip2, xz,
// zstd) are opened up to the archive limits and their members scanned as if they were
// files, UTF-16 is transcoded to UTF-8, and a file found while walking a directory that
// looks binary is skipped. A text of known size up to wholeFileMax is read whole and parsed
// by the structure its name says (CSV, JSON, YAML, .env, INI, XML, SQL) so that values are
// read with their names; longer texts are scanned in bounded windows.
func (w *fileWorker) scanReader(eng *detect.Engine, reveal bool, name string, r io.Reader, named bool, size int64) ([]found, error) {
	var out []found
	var data []byte // the text, when read whole
	// test_path: the path's conventions, or for key material the directory around it
	// (decided on the first finding: most files have none)
	inTests, judged := w.inTests(name), false
	var siblings func() ([]string, func(string, int) []byte)
	onDisk := true
	var tail *tailReader // the stream's recent bytes, when streamed with lineText
	file := name
	// A Word part's findings, so that its paragraphs' text (unpack.Entry.Derived) adds
	// only what the XML did not show.
	var word map[string]bool
	recordWord, derived := false, false
	add := func(l detect.LineMatch) {
		if recordWord {
			word[l.Rule.ID+"\x00"+l.Value] = true
		} else if derived && word[l.Rule.ID+"\x00"+l.Value] {
			return
		}
		if !inTests && !judged {
			judged = true
			inTests = w.fixtureKey(file, onDisk, siblings)
		}
		f := finding.Finding{
			Severity:    l.Rule.Severity,
			Category:    l.Rule.Category,
			Rule:        l.Rule.ID,
			Title:       l.Rule.Title,
			File:        file,
			TestPath:    inTests,
			Line:        l.Line,
			Start:       l.Start,
			End:         l.End,
			Remediation: l.Rule.Remediation,
		}
		f.SetSecret(l.Value, reveal)
		f.ID, w.idBuf = findingID(&f, w.idBuf)
		x := found{f: f}
		if w.lineText && f.Category == finding.Secret {
			x.raw, x.text = l.Value, lineAt(data, tail, l.Offset-int64(l.Start))
		}
		if w.emit != nil {
			w.emit(x)
			return
		}
		out = append(out, x)
	}
	w.unpack.WholeMax = wholeFileMax
	w.unpack.Skip = skipByName
	ra := w.ra
	w.ra = nil
	err := w.unpack.Walk(name, r, ra, size, named, func(e *unpack.Entry) error {
		if e.Name != file {
			file, inTests, judged, onDisk = e.Name, w.inTests(e.Name), false, false
		}
		siblings = e.Siblings
		recordWord, derived = e.WordXML, e.Derived
		if e.WordXML {
			word = map[string]bool{}
		}
		if e.Data != nil {
			data, tail = e.Data, nil
			format := detect.FormatOf(e.Format)
			if format == "ndjson" {
				// Logs of JSON lines put every key right before its value, which the
				// text scan reads; parsing them would triple the cost of the commonest
				// large input for little more.
				format = ""
			}
			detect.ScanDocument(eng, format, e.Data, add)
			return nil
		}
		data = nil
		in := e.R
		if w.lineText {
			tail = newTailReader(in)
			in = tail
		}
		if err := detect.ScanLines(eng, in, add); err != nil && !errors.Is(err, io.EOF) {
			return err
		}
		return nil
	})
	return out, err
}

// lineAt returns the text of the line starting at offset from: from the whole input
// when it was read whole, else from the stream's recent bytes ("" when gone).
func lineAt(data []byte, tail *tailReader, from int64) string {
	if data != nil {
		if from < 0 || from > int64(len(data)) {
			return ""
		}
		rest := data[from:]
		if nl := bytes.IndexByte(rest, '\n'); nl >= 0 {
			rest = rest[:nl]
		}
		if len(rest) > maxLineText {
			rest = rest[:maxLineText]
		}
		return string(rest)
	}
	if tail != nil {
		return string(tail.line(from, maxLineText))
	}
	return ""
}

// maxLineSecrets bounds the secrets of one line gathered into one record: past it (a
// line of thousands of tokens) the record is handed on, marked cut, and a new one
// started. The line's paired values (AWS key IDs and secret keys, e-mail addresses: at
// most two distinct of each rule, enough to tell one from several) are carried to its
// last record, and a cut record's secrets that pair with one of them wait for it (at
// most maxLineSecrets of them; past that they read verify.ReasonLineCut).
const maxLineSecrets = 1024

// addFound adds a finding to the sink and, with --verify, gathers the secrets of each
// line into one record for the verifiers; they are added to the sink with their
// verdicts' tags when the record is complete.
func (s *findingSink) addFound(x found) {
	if s.verify == nil || x.f.Category != finding.Secret {
		s.add(x.f)
		return
	}
	if s.vline.items != nil {
		if s.vline.file != x.f.File || s.vline.line != x.f.Line {
			s.flushLine()
		} else if len(s.vline.items) >= maxLineSecrets {
			s.flushPart(true)
		}
	}
	s.vline.file, s.vline.line, s.vline.text = x.f.File, x.f.Line, x.text
	s.vline.items = append(s.vline.items, lineItem{x.f, x.value()})
	if verify.PairRule(x.f.Rule) {
		s.vline.pairs.add(x.f.Rule, x.value())
	}
}

// linePairs holds a line's paired values: at most two distinct values of each rule.
type linePairs []verify.Found

func (p *linePairs) add(rule, value string) {
	n := 0
	for _, f := range *p {
		if f.Rule == rule {
			if f.Value == value {
				return
			}
			n++
		}
	}
	if n < 2 {
		*p = append(*p, verify.Found{Rule: rule, Value: value})
	}
}

// value is the raw secret of a finding: kept for verification even when the report
// does not reveal it.
func (x found) value() string { return x.raw }

// flushLine hands the gathered secrets of one line to the verifiers.
func (s *findingSink) flushLine() { s.flushPart(false) }

// flushPart hands the gathered secrets of a line to the verifiers: all of it, or (cut)
// a part of a line that goes on.
func (s *findingSink) flushPart(cut bool) {
	if s.verify == nil || len(s.vline.items) == 0 && len(s.vline.waiting) == 0 {
		return
	}
	rec := &verify.Record{Cut: cut}
	if s.vline.text != "" {
		rec.Text = []string{s.vline.text}
	}
	for _, it := range s.vline.items {
		rec.Found = append(rec.Found, verify.Found{Rule: it.f.Rule, Value: it.value})
	}
	if !cut {
		// The line's paired values from its earlier parts.
		for _, p := range s.vline.pairs {
			rec.Found = append(rec.Found, p)
		}
	}
	for i := range s.vline.items {
		it := &s.vline.items[i]
		if cut && len(s.vline.waiting) < maxLineSecrets && s.verify.Waits(it.f.Rule, it.value, rec) {
			s.vline.waiting = append(s.vline.waiting, *it)
			continue
		}
		s.addTagged(it.f, s.verify.Add(&it.f, it.f.Rule, it.value, rec))
	}
	clear(s.vline.items)
	if cut {
		s.vline.items = s.vline.items[:0]
		return
	}
	for i := range s.vline.waiting {
		it := &s.vline.waiting[i]
		s.addTagged(it.f, s.verify.Add(&it.f, it.f.Rule, it.value, rec))
	}
	s.vline = pendingLine{items: s.vline.items[:0]}
}

// lineItem is a secret found on the line being gathered, with its raw value.
type lineItem struct {
	f     finding.Finding
	value string
}

// applyVerify asks the issuers, then moves the findings from pending to the report's
// store with their verdicts, in the order they were found.
func (s *findingSink) applyVerify(ctx context.Context) error {
	s.flushLine()
	if s.err != nil {
		return s.err
	}
	s.verify.Apply(ctx)
	s.max = finding.Info
	err := s.pending.walk(func(f *finding.Finding, tag uint32) error {
		s.verify.Annotate(f, tag)
		s.max = max(s.max, f.Severity)
		return s.store.add(*f)
	})
	s.pending.close()
	return err
}

// pendingLine is the secrets of one line waiting for the verifiers.
type pendingLine struct {
	file  string
	line  int
	text  string
	items []lineItem
	// pairs are the line's paired values so far; waiting, the secrets of its earlier
	// parts that pair with one of them, held for its last part.
	pairs   linePairs
	waiting []lineItem
}
