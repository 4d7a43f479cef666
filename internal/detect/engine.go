package detect

import (
	"bytes"
	"fmt"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"sync"
	"unsafe"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// Rule is one kind of secret or personal data. Rules are data: the catalogue in
// rules_*.go lists them with the strings they must and must not match.
type Rule struct {
	ID          string
	Title       string
	Provider    string
	Category    finding.Category // finding.Secret or finding.PII
	Severity    finding.Severity
	Remediation string

	// Keywords are the literals that wake the rule up: the prefilter looks for them
	// (ignoring ASCII case; any digit stands for any digit) and the rule's detector runs
	// only around their occurrences.
	Keywords []string

	// Examples must each yield a match of this rule and NotExamples must not. Both are
	// templates for ExpandExample ("ghp_{gh}", "aws_secret_access_key={b:40}"), so no
	// literal credential lives in the source and checksummed formats are built valid.
	Examples    []string
	NotExamples []string

	prio    int
	keepRaw bool // the format holds escapes of its own (a signed URL's %2F): the raw text is the value
	det     detector
	extra   []detector // further detectors that emit this rule
	nearDet *nearDet   // set when the rule needs context words recorded
	idx     int
}

// Match is one detected value.
type Match struct {
	Rule *Rule
	// Start and End are byte offsets of the matched text in the scanned input.
	Start, End int
	// Value is the secret itself, decoded when it was found encoded (JSON escapes,
	// URL encoding, base64 Basic auth, escaped newlines in a PEM block).
	Value string
}

// Priorities settle overlapping matches: the most specific reading of a span wins.
const (
	prioLow      = 10 // IP addresses
	prioPII      = 30
	prioGeneric  = 50 // password and secret assignments by key name
	prioAuth     = 60 // Basic and Bearer headers
	prioContext  = 80 // provider formats recognised through a key name
	prioSpecific = 100
)

// detector finds matches around the anchors it registered.
type detector interface {
	anchors() []string
	// hit is called for each occurrence of anchors()[tag] starting at offset at; di is
	// the detector's slot in scanner.skip.
	hit(sc *scanner, di, tag, at int)
}

// startDet is a detector whose anchors begin with the line break before a record (a
// payment file's): the text's first line has none, and start reads it, before the pass.
type startDet interface {
	start(sc *scanner, di int)
}

// anchorRead is a row of a detector's table of anchors: the literal, and the reader of
// its hits, called with the literal's bounds in the text.
type anchorRead[D any] struct {
	lit  string
	read func(d D, sc *scanner, at, end int)
}

// anchorLits is a table's literals, a detector's anchors().
func anchorLits[D any](t []anchorRead[D]) []string {
	out := make([]string, len(t))
	for i, a := range t {
		out[i] = a.lit
	}
	return out
}

// readAnchor hands the hit of t[tag] at at to its reader when the text spells the whole
// literal there (in any case): the prefilter matches only a prefix of a long one.
func readAnchor[D any](t []anchorRead[D], d D, sc *scanner, tag, at int) {
	if a := t[tag]; hasPrefixFold(sc.data, at, a.lit) {
		a.read(d, sc, at, at+len(a.lit))
	}
}

// maxAnchor is the longest literal the prefilter looks for.
const maxAnchor = 8

// Engine runs a set of rules. It is immutable after construction and safe for concurrent
// use; per-scan state comes from a pool.
type Engine struct {
	rules     []*Rule
	on        []bool // by Rule.idx
	dets      []detector
	ac        *automaton
	dispatch  [][]target // by pattern
	pool      sync.Pool
	redactLow bool
	// the shared key-name and context-word detectors, for field scanning (nil when no
	// enabled rule uses them)
	kvd    *kvDet
	kvDI   int
	near   *nearDet
	nearDI int
	prov   *provDet // the provider catalogue's detector (nil when no provider rule is on)
	// tokPrefixes: the literal prefixes ("xai-", "sk_live_") of the enabled token rules,
	// by their first three bytes (see prefixClaimed)
	tokPrefixes map[string][]tokPrefix
	// marked says markDet rides on the pass (textmarks.go): every secret rule brings it
	marked bool
	// starts: the detectors that read the text's first line (startDet)
	starts []startTarget
}

type startTarget struct {
	det startDet
	di  int
}

type tokPrefix struct {
	lit            string
	minLen, maxLen int
}

type target struct {
	det     detector // e.dets[di], so that a hit calls it without a second lookup
	di, tag int
}

var (
	defaultOnce   sync.Once
	defaultEngine *Engine
	catalogue     []*Rule
)

// Default returns the engine with every built-in rule but the opt-in ones (password
// hashes: see WithHashes), compiled once.
func Default() *Engine {
	defaultOnce.Do(func() {
		defer lazyGC()()
		var rs []*Rule
		for _, r := range allRules() {
			if !optIn(r) {
				rs = append(rs, r)
			}
		}
		e, err := New(rs)
		if err != nil {
			panic(err) // the built-in catalogue is checked by tests
		}
		defaultEngine = e
	})
	return defaultEngine
}

// buildGC is the GC percentage while the default engine is built. Building it allocates
// several times the heap it leaves (compiled patterns, the automaton's tables), and at
// the default 100 the collector ran nine times over a heap growing from 4 to 20 MB,
// 150M instructions, as much as scanning 1 MB of logs. At 400 it runs twice, for a
// few MB more peak memory.
const buildGC = 400

// lazyGC raises the GC percentage to buildGC (unless GOGC already asks for more or
// turned it off) and returns the function that restores it.
func lazyGC() func() {
	old := debug.SetGCPercent(buildGC)
	if old < 0 || old > buildGC {
		debug.SetGCPercent(old)
	}
	return func() { debug.SetGCPercent(old) }
}

// AllRules lists the built-in catalogue.
func AllRules() []*Rule { return append([]*Rule(nil), allRules()...) }

var catalogueOnce sync.Once

func allRules() []*Rule {
	catalogueOnce.Do(func() {
		catalogue = buildCatalogue()
		for i, r := range catalogue {
			r.idx = i
		}
	})
	return catalogue
}

// New compiles an engine for a subset of the built-in rules.
func New(rules []*Rule) (*Engine, error) {
	all := allRules()
	e := &Engine{on: make([]bool, len(all))}
	seenDet := map[detector]int{}
	var lits []string
	litIndex := map[string]int{}
	var dispatch [][]target
	for _, r := range rules {
		if r.idx >= len(all) || all[r.idx] != r {
			return nil, fmt.Errorf("detect: rule %q is not from the built-in catalogue", r.ID)
		}
		if e.on[r.idx] {
			continue
		}
		e.on[r.idx] = true
		e.rules = append(e.rules, r)
		if td, ok := r.det.(*tokenDet); ok && td.back == 0 && r.Category == finding.Secret {
			for _, l := range td.lits {
				if len(l) >= 4 && (l[len(l)-1] == '_' || l[len(l)-1] == '-') && is(l[0], cAlnum) {
					if e.tokPrefixes == nil {
						e.tokPrefixes = map[string][]tokPrefix{}
					}
					e.tokPrefixes[l[:3]] = append(e.tokPrefixes[l[:3]], tokPrefix{l, td.minLen, td.maxLen})
				}
			}
		}
		dets := []detector{r.det}
		if r.Category == finding.Secret {
			dets = append(dets, allowMarks, textMarkDet, bundleMarks, b64PrefixMarks) // see example.go, textmarks.go, realtrees9.go, b64prefix.go
			e.marked = true
		}
		dets = append(dets, r.extra...)
		if r.nearDet != nil {
			dets = append(dets, r.nearDet)
		}
		for _, det := range dets {
			if _, ok := seenDet[det]; ok {
				continue
			}
			di := len(e.dets)
			seenDet[det] = di
			e.dets = append(e.dets, det)
			switch d := det.(type) {
			case *kvDet:
				e.kvd, e.kvDI = d, di
			case *nearDet:
				e.near, e.nearDI = d, di
			case *provDet:
				e.prov = d
			}
			if sd, ok := det.(startDet); ok {
				e.starts = append(e.starts, startTarget{sd, di})
			}
			for tag, a := range det.anchors() {
				// Long anchors are cut: the detector confirms the whole literal, and a
				// shorter pattern set makes a smaller automaton.
				f := foldString(a)
				if len(f) > maxAnchor {
					f = f[:maxAnchor]
				}
				pi, ok := litIndex[f]
				if !ok {
					pi = len(lits)
					litIndex[f] = pi
					lits = append(lits, f)
					dispatch = append(dispatch, nil)
				}
				dispatch[pi] = append(dispatch[pi], target{det: det, di: di, tag: tag})
			}
		}
	}
	ac, err := newAutomaton(lits)
	if err != nil {
		return nil, err
	}
	e.ac = ac
	e.dispatch = dispatch
	n := len(e.dets)
	e.pool.New = func() any { return &scanner{e: e, skip: make([]int, n)} }
	return e, nil
}

// Rules lists the engine's rules.
func (e *Engine) Rules() []*Rule { return append([]*Rule(nil), e.rules...) }

// Select returns an engine limited to the rules whose ids are in include (all when
// include is empty) and not in exclude. Unknown ids are an error. An opt-in rule
// (optIn) named in include is added even when e leaves it out.
func (e *Engine) Select(include, exclude []string) (*Engine, error) {
	if len(include) == 0 && len(exclude) == 0 {
		// Every rule of e, in its order: New would build the same engine again (its
		// automaton is a third of detect's start-up).
		return e, nil
	}
	byID := map[string]*Rule{}
	for _, r := range allRules() {
		byID[r.ID] = r
	}
	for _, id := range append(append([]string(nil), include...), exclude...) {
		if byID[id] == nil {
			return nil, fmt.Errorf("unknown rule id %q", id)
		}
	}
	keep := map[string]bool{}
	for _, id := range include {
		keep[id] = true
	}
	drop := map[string]bool{}
	for _, id := range exclude {
		drop[id] = true
	}
	var rs []*Rule
	for _, r := range e.rules {
		if (len(include) == 0 || keep[r.ID]) && !drop[r.ID] {
			rs = append(rs, r)
		}
	}
	for _, r := range allRules() {
		if optIn(r) && keep[r.ID] && !drop[r.ID] && !e.on[r.idx] {
			rs = append(rs, r)
		}
	}
	ne, err := New(rs)
	if err != nil {
		return nil, err
	}
	ne.redactLow = e.redactLow
	return ne, nil
}

// WithRedactLow returns a copy of the engine whose redaction also replaces low-severity
// values (IP addresses), which it leaves alone by default.
func (e *Engine) WithRedactLow(on bool) *Engine {
	ne, err := New(e.rules)
	if err != nil {
		panic(err) // e's rules compiled once already
	}
	ne.redactLow = on
	return ne
}

// Scan calls fn for every match in data, in order of Start. Overlapping matches are
// settled in favour of the most specific rule, so a span is reported once.
func (e *Engine) Scan(data []byte, fn func(Match)) {
	if len(data) == 0 {
		return
	}
	sc := e.pool.Get().(*scanner)
	sc.scan(data, fn)
	sc.dropMatches()
	e.pool.Put(sc)
}

// scan is Scan with a scanner the caller holds. It leaves ms empty but keeps its array:
// a stream's windows (ScanLines) hold one scanner from the first to the last, and a
// window of logs has thousands of matches, whose array grown afresh window after window
// was a twentieth of the CPU time of a stream, most of it the kernel handing out zeroed
// pages.
func (sc *scanner) scan(data []byte, fn func(Match)) {
	if len(data) == 0 {
		return
	}
	sc.reset(data)
	sc.pass()
	sc.conclude()
	for _, m := range sc.ms {
		fn(Match{Rule: m.r, Start: m.start, End: m.end, Value: sc.handOut(m.value)})
	}
	sc.ms = keepFirst(sc.ms, 0)
	sc.data = nil
}

// textString is b, a value found in the text, as a string. On the outermost text a
// value that is the text's own bytes is not copied: it shares them while the scan runs
// (the text does not change meanwhile), and handOut copies the matches that stand.
// Every deferred candidate of a file of assignments made its value a string, most of
// them to be settled away (a 16 MiB .env: 7 MB of them at the peak).
func (sc *scanner) textString(b []byte) string {
	if sc.depth == 0 && within(sc.data, b) {
		return unsafe.String(unsafe.SliceData(b), len(b))
	}
	return string(b)
}

// handOut is a match's value as the scan hands it out: a copy when it shares the text
// (textString), which the caller may change or reuse once the scan is done.
func (sc *scanner) handOut(v string) string {
	if v != "" && within(sc.data, unsafe.Slice(unsafe.StringData(v), len(v))) {
		return strings.Clone(v)
	}
	return v
}

// within reports whether b is a part of data's memory.
func within(data, b []byte) bool {
	if len(b) == 0 || len(b) > len(data) {
		return false
	}
	p, lo := uintptr(unsafe.Pointer(unsafe.SliceData(b))), uintptr(unsafe.Pointer(unsafe.SliceData(data)))
	return p >= lo && p-lo <= uintptr(len(data)-len(b))
}

// dropMatches empties ms at the end of a scan, so that the pool keeps no value that
// shares the text (textString) nor a large array. Only the length is cleared: whatever
// shortens ms clears what it drops (keepFirst), so the part past the length holds no
// pointer. Clearing up to the capacity cost every small store cell the size of the
// largest scan the pooled scanner had seen.
func (sc *scanner) dropMatches() {
	if cap(sc.ms) > scratchKeep {
		sc.ms = nil
		return
	}
	sc.ms = keepFirst(sc.ms, 0)
}

// keepFirst shortens ms to its first n matches and clears the ones it drops, so that
// the part of a scanner's ms past its length never holds a value (dropMatches).
func keepFirst(ms []rawMatch, n int) []rawMatch {
	clear(ms[n:])
	return ms[:n]
}

// conclude decides between overlapping candidates and, on the outermost text, reads the
// decoded views and drops documented examples: the end of every scan, plain or of fields.
func (sc *scanner) conclude() {
	sc.resolve()
	if sc.depth == 0 {
		sc.decodeViews()
		sc.dropExamples()
	}
}

// pass runs the prefilter over the data and wakes the detectors.
func (sc *scanner) pass() {
	e, data := sc.e, sc.data
	for _, t := range e.starts {
		t.det.start(sc, t.di)
	}
	if len(data) < interleaveMin {
		e.ac.run(data, sc.onHit)
		return
	}
	// The hits are gathered a block at a time: a text that is one anchor over and over
	// ("aaaaaaaa" ends at every byte of a run of a's) has a hit a byte, and 32 MiB of
	// them gathered at once took 1 GB. A block's walk starts far enough before it to end
	// every match that ends in it (the longest anchor), and keeps only those.
	ov := e.ac.maxPat - 1
	for lo := 0; lo < len(data); lo += passBlock {
		from := max(0, lo-ov)
		sc.hits = e.ac.collect(data[from:min(len(data), lo+passBlock)], sc.hits[:0], &sc.parts)
		for _, h := range sc.hits {
			if end := from + int(h.end); end > lo {
				sc.onHit(h.pat, end)
			}
		}
	}
}

// passBlock is how much text pass gathers the anchors' hits of at once.
const passBlock = 1 << 20

// scanner is the state of one Scan call.
type scanner struct {
	e     *Engine
	data  []byte
	skip  []int
	ms    []rawMatch
	spare []rawMatch // scratch for mergeTail
	// b64Left is what this text may still decode of long base64 runs (b64Budget).
	b64Left int
	// assignment cache: the key around the last keyword hit, so that a key holding
	// several keywords ("aws_secret_access_key") is parsed once.
	lastKey assignment
	hasKey  bool
	marks   []mark
	pending []pendingKV
	// dupHead is, while resolve evaluates the deferred candidates, how many of ms came
	// from the pass (sorted); their repeats are not kept (repeats). 0 otherwise.
	dupHead int
	pendOwn []pendOwn // the own names of deferred candidates that have one, by index
	// pendSpans are the values of the deferred candidates that their shape rejects
	pendSpans []valSpan
	hits      []hitRec
	parts     [3][]hitRec
	// scratch space for key segments, kept here so that it does not escape per hit
	segBuf  [12][]byte
	segText [maxKeyLen]byte
	// the key tests' recent answers (keymemo.go), made on first use
	keyMemo *keyMemo
	// field spans (sorted by start, parents first) and the record's context words
	fields    []fieldSpan
	spanStack []int
	ctx       []bool
	// what the fields' paths say, a bounded number cached (info), and whether the
	// fields are a store's record (pathInfo's rec)
	infos   map[string]*pathInfo
	infoRec bool
	// corrob: the record holds a credential under a plain name outside this scan
	// (scanSpans)
	corrob bool
	// heldField says the field evaluated now is named by its holder (heldName): a column
	// of its values is the holder's set, not a table of digests (hexColumn)
	heldField bool
	// the distinct paths of the fields, while setFields reads them (internPath)
	paths map[string]string
	// depth of decoded views (decode.go) this scan runs inside
	depth int
	// where providers are named (provDet): the generic rule keeps out of values a
	// named provider's shapes reject
	pmarks       []pmark
	pmarksSorted bool
	// where secret scanners' allow markers and the word "example" stand (example.go)
	allowAt, exampleAt []int
	// whether the text names a ResourceBundle (realtrees9.go)
	bundle bool
	// whether the text is a catalogue of default logins (realtrees11.go): 0 not yet
	// asked, 1 yes, 2 no
	defLogins int8
	// the line start (plus one; 0 none) of the last value docSampleTag judged and its
	// answer (realtrees11.go)
	sampleLine int
	sampleAns  bool
	// phoneLib is how many numbers phoneShapeDet has handed to the numbering plans this
	// scan (phonelib.go: phoneLibAllowed)
	phoneLib int
	// tickIn is whether the text holds a backquote anywhere (0 not asked yet, 1 no, 2
	// yes), for the Go raw-string readers (hasBackquote); tickLen its text's length
	tickIn  uint8
	tickLen int
	// the last value jwtSampleKeyed was asked about and its answer (a value's own)
	jwtVal           string
	jwtAns, jwtAsked bool
	// fenceAt is a line start up to which fenceOdd counts the Markdown fence lines
	// (treeRound15's inFenceAt), for the text of length fenceLen
	fenceAt, fenceLen int
	fenceOdd          bool
	// lc finds the lines of the pass's hits: a long line of hits is read once
	lc lineCursor
	// the lines' first digest and key words (provider.go's digestAt, keyWordBefore)
	digestWords, keyWords lineWords
	// scratch for a PEM body's base64 and DER (defusedRSA), reused key after key
	pemBuf []byte
	// the text marks (textmarks.go) the pass has seen, a bit each
	marksHas uint32
	// the offsets of the place marks (textMarks.at) the pass has seen
	marksAt [placeMarks][]int
	// the span of the last table a table reader read (tables.go): anchors inside it
	// are not read again
	tableLo, tableHi int
	// the CSV line (its start plus one; 0 none) csvPhoneDet reads: how far its cells
	// are counted (to csvPos: csvK commas, inside quotes or not) and the columns its
	// neighbouring lines hold international numbers in (a bit a column)
	csvLine, csvPos, csvK int
	csvInQ                bool
	csvCols               []uint64
	// the block under a layout of placeholders (structDet.layout): where it starts
	// (plus one; 0 none), the span of words of each of its lines and the words, and by
	// placeholder position the fewest placeholders of a run read at it (0 none)
	layoutAt                int
	layoutRows, layoutWords [][2]int
	layoutMinN              []int
	// what the text may still read of the lines under table headers (textColumn)
	colLeft int
}

type rawMatch struct {
	r          *Rule
	start, end int
	value      string
	near       *nearReq // a context word must be found near the match, checked after the pass
	dec        bool     // found in a decoded view (decode.go)
}

func (sc *scanner) reset(data []byte) {
	sc.data = data
	for i := range sc.skip {
		sc.skip[i] = 0
	}
	sc.ms = keepFirst(sc.ms, 0) // (a decoded view's scanner comes back holding its matches)
	sc.marks = sc.marks[:0]
	sc.pending = sc.pending[:0]
	clear(sc.pendOwn)
	sc.pendOwn = sc.pendOwn[:0]
	sc.pendSpans = sc.pendSpans[:0]
	sc.hasKey = false
	sc.pmarks = sc.pmarks[:0]
	sc.pmarksSorted = true
	sc.allowAt, sc.exampleAt = sc.allowAt[:0], sc.exampleAt[:0]
	sc.marksHas = 0
	for i := range sc.marksAt {
		if cap(sc.marksAt[i]) > scratchKeep {
			sc.marksAt[i] = nil // a text full of one name does not keep its list alive
		} else {
			sc.marksAt[i] = sc.marksAt[i][:0]
		}
	}
	sc.bundle = false
	sc.defLogins = 0
	sc.sampleLine, sc.sampleAns = 0, false
	sc.phoneLib = 0
	sc.tickIn, sc.tickLen = 0, 0
	sc.jwtVal, sc.jwtAsked = "", false
	sc.fenceAt, sc.fenceLen, sc.fenceOdd = 0, 0, false
	sc.lc = lineCursor{}
	sc.digestWords, sc.keyWords = lineWords{}, lineWords{}
	sc.b64Left = b64Budget
	sc.tableLo, sc.tableHi = 0, 0
	sc.csvLine = 0
	sc.layoutAt = 0
	sc.colLeft = colBudget + 2*len(data)
}

// subScan scans dec, text decoded from sc's, with sub (a scanner one level deeper, taken
// from the pool when nil) and returns sub holding the resolved matches; putSub returns
// it to the pool.
func (sc *scanner) subScan(sub *scanner, dec []byte) *scanner {
	if sub == nil {
		sub = sc.e.pool.Get().(*scanner)
		sub.depth = sc.depth + 1
	}
	sub.reset(dec)
	sub.pass()
	sub.resolve()
	return sub
}

func (sc *scanner) putSub(sub *scanner) {
	sub.dropMatches()
	sub.data = nil
	sub.depth = 0
	sc.e.pool.Put(sub)
}

func (sc *scanner) onHit(pat int32, end int) {
	e := sc.e
	at := end - e.ac.patLen[pat]
	for _, t := range e.dispatch[pat] {
		if at < sc.skip[t.di] {
			continue
		}
		t.det.hit(sc, t.di, t.tag, at)
	}
}

// emit records a match of r (when r is enabled in this engine).
func (sc *scanner) emit(r *Rule, start, end int, value string) {
	sc.emitIf(r, start, end, value, nil)
}

// emitIf records a match that stands only if the condition holds after the pass.
func (sc *scanner) emitIf(r *Rule, start, end int, value string, cond *nearReq) {
	start, end, value = trimEscapedEOL(sc.data, r, start, end, value)
	if !sc.e.on[r.idx] || end <= start || published(value) {
		if tracer != nil && sc.e.on[r.idx] && end > start {
			sc.trace(r, "reject", "published", nil, start, start, end)
		}
		return
	}
	sc.ms = append(sc.ms, rawMatch{r: r, start: start, end: end, value: value, near: cond})
}

// resolve sorts the matches and settles overlaps: of two overlapping matches the one with
// the higher priority stays (then the longer, then the earlier).
func (sc *scanner) resolve() {
	ms := sc.ms
	kept := ms[:0]
	for _, m := range ms {
		if m.near == nil || sc.nearOK(m.near, m.start, m.end) {
			kept = append(kept, m)
		} else if tracer != nil {
			sc.trace(m.r, "drop", "near", nil, m.start, m.start, m.end)
		}
	}
	sc.ms = keepFirst(ms, len(kept))
	sc.sortMatches()
	if len(sc.pending) > 0 {
		n := len(sc.ms)
		sc.dupHead = n
		for i := range sc.pending {
			a, spec := sc.pendingAt(i)
			if !sc.covered(sc.ms[:n], a.valStart, a.valEnd, spec.rule.prio) {
				spec.det.evaluate(sc, a, sc.data[a.keyStart:a.keyEnd], []*kvSpec{spec}, false)
			} else if tracer != nil {
				sc.trace(spec.rule, "reject", "covered", sc.data[a.keyStart:a.keyEnd], a.keyStart, a.valStart, a.valEnd)
			}
		}
		sc.dupHead = 0
		if len(sc.ms) > n {
			sc.mergeTail(n)
		}
	}
	sc.releaseScratch()
	sc.ms = settleOverlaps(sc.ms, func(m, last rawMatch) rawMatch {
		if better(m, last) {
			// The winner may now overlap the match before it, which ended before the
			// loser started but not necessarily before the winner did: it starts later,
			// so it cannot.
			return m
		}
		return last
	})
}

// repeats reports whether a match of priority prio on [start, end) would repeat one of
// the pass's matches, sc.ms[:sc.dupHead] (sorted), on the same span by a rule of no
// lower priority. Such a match cannot change what resolve keeps: mergeTail puts it
// after the pass's one, and settleOverlaps keeps a later match only when it is better
// (higher priority, or longer, or earlier) than the one kept so far, which is the pass's
// match or one that won over it. A file of assignments (a .env) has its lines' values
// found twice, by their fields and by the deferred candidates of the text's keys: the
// second copies, kept until the settling, doubled the matches' memory.
func (sc *scanner) repeats(prio, start, end int) bool {
	ms := sc.ms[:sc.dupHead]
	i := sort.Search(len(ms), func(i int) bool { return ms[i].start >= start })
	for ; i < len(ms) && ms[i].start == start; i++ {
		if ms[i].end == end && ms[i].r.prio >= prio {
			return true
		}
	}
	return false
}

// scratchKeep is the most entries a scanner's per-pass scratch (deferred candidates, the
// merge's copy) keeps for the next scan; larger ones are let go once used.
const scratchKeep = 4096

// releaseScratch lets go of large scratch once the deferred candidates are settled: a
// file of assignments defers one a line, and the pool kept their arrays alive through
// the decoded views' scans that follow and after the scan.
func (sc *scanner) releaseScratch() {
	if cap(sc.pending) > scratchKeep {
		sc.pending = nil
	}
	if cap(sc.pendOwn) > scratchKeep {
		sc.pendOwn = nil
	}
	if cap(sc.pendSpans) > scratchKeep {
		sc.pendSpans = nil
	}
	if cap(sc.spare) > scratchKeep {
		sc.spare = nil
	}
}

// settleOverlaps keeps one match of each run of overlapping ones in ms (sorted by
// start), in place: pick chooses between a match and the one kept before it that it
// overlaps. resolve and the decoded views' settle differ only in pick.
func settleOverlaps(ms []rawMatch, pick func(m, last rawMatch) rawMatch) []rawMatch {
	if len(ms) < 2 {
		return ms
	}
	out := ms[:1]
	for _, m := range ms[1:] {
		last := &out[len(out)-1]
		if m.start >= last.end {
			out = append(out, m)
			continue
		}
		*last = pick(m, *last)
	}
	clear(ms[len(out):]) // (keepFirst)
	return out
}

// sortMatches orders matches by start (longest first). Detectors emit them almost in
// order, so the check usually saves the sort.
func (sc *scanner) sortMatches() {
	if slices.IsSortedFunc(sc.ms, cmpMatch) {
		return
	}
	slices.SortFunc(sc.ms, cmpMatch)
}

// mergeTail merges ms[n:], appended after ms[:n] was sorted, into order. Only the tail
// is copied aside and the merge runs from the back, in place: a text of assignments has
// as many deferred matches as lines, and a copy of them all doubled what they held.
func (sc *scanner) mergeTail(n int) {
	slices.SortFunc(sc.ms[n:], cmpMatch)
	sc.spare = append(sc.spare[:0], sc.ms[n:]...)
	b := sc.spare
	ms := sc.ms
	i, k := n-1, len(ms)-1
	for j := len(b) - 1; j >= 0; k-- {
		// on a tie the head's match comes first, as it did in the forward merge
		if i >= 0 && cmpMatch(b[j], ms[i]) < 0 {
			ms[k] = ms[i]
			i--
		} else {
			ms[k] = b[j]
			j--
		}
	}
	clear(sc.spare)
}

func cmpMatch(a, b rawMatch) int {
	if a.start != b.start {
		return a.start - b.start
	}
	return b.end - a.end
}

// covered reports whether a match of higher priority than prio overlaps [start, end) in
// ms, which is sorted by start.
func (sc *scanner) covered(ms []rawMatch, start, end, prio int) bool {
	i := sort.Search(len(ms), func(i int) bool { return ms[i].start >= end })
	for j := i - 1; j >= 0 && j >= i-8; j-- {
		if ms[j].end > start && ms[j].start < end && ms[j].r.prio > prio {
			return true
		}
	}
	return false
}

func better(a, b rawMatch) bool {
	if a.r.prio != b.r.prio {
		return a.r.prio > b.r.prio
	}
	if la, lb := a.end-a.start, b.end-b.start; la != lb {
		return la > lb
	}
	return a.start < b.start
}

// prefixClaimed reports a value that begins with the prefix of a token rule ("xai-…",
// "duffel_test_…") but is shorter or longer than any token of that rule: a truncated,
// made-up or mangled token, which the generic rules keep out of. (A value of the right length with a
// character the rule does not allow stays the generic rules' to judge: peers' formats
// for the same provider often differ in alphabet.)
func (e *Engine) prefixClaimed(v []byte) bool {
	if len(v) < 4 {
		return false
	}
	for _, p := range e.tokPrefixes[string(v[:3])] {
		if (len(v) < p.minLen || len(v) > p.maxLen) && bytes.HasPrefix(v, []byte(p.lit)) {
			return !pvPrefixedFit(v)
		}
	}
	return false
}

// pvPrefixedFit reports a value that has the whole shape of a provider's credential
// whose shape opens with a prefix of its own but is reported only beside the
// provider's name (Lob's "live_" and 35 hex digits): no mangled token of the rule
// whose prefix it shares, but a key of that provider's layout standing where its name
// does not, which the generic rules may still judge.
func pvPrefixedFit(v []byte) bool {
	for _, f := range pvPrefixedFmts()[string(v[:3])] {
		if len(v) >= f.minLen && len(v) <= f.maxLen && bytes.HasPrefix(v, []byte(f.segs[0].lit)) && f.full().Match(v) {
			return true
		}
	}
	return false
}

// pvPrefixedFmts are the provider catalogue's shapes that open with a literal prefix
// of four or more bytes ending in '_' or '-', by the prefix's first three bytes
// (publishable keys' aside).
var pvPrefixedFmts = sync.OnceValue(func() map[string][]*pvFmt {
	m := map[string][]*pvFmt{}
	for i := range providers {
		for _, s := range providers[i].fmts {
			if strings.HasPrefix(s, "~") {
				continue
			}
			f := compilePVFmt(s)
			if len(f.segs) < 2 || f.segs[0].set != nil {
				continue
			}
			l := f.segs[0].lit
			if len(l) < 4 || (l[len(l)-1] != '_' && l[len(l)-1] != '-') || !is(l[0], cAlnum) {
				continue
			}
			if strings.Contains(l, "pub") {
				continue // a publishable key ("live_pub_"): public by design
			}
			m[l[:3]] = append(m[l[:3]], &f)
		}
	}
	return m
})

// trimEscapedEOL takes off the line end that a protocol dump or a log writes as text
// after a value ("PASS Qx7…\r\n" in a packet decoder's view of an FTP or SMTP session, a
// request line logged with its escapes): a value read up to the next blank keeps it,
// and no secret ends in an escaped line break.
func trimEscapedEOL(data []byte, r *Rule, start, end int, value string) (int, int, string) {
	if r.Category != finding.Secret || start < 0 || end > len(data) {
		return start, end, value
	}
	for _, t := range []string{`\r\n`, `\n`, `\r`} {
		if end-start > len(t)+3 && strings.HasSuffix(value, t) && string(data[end-len(t):end]) == t {
			return start, end - len(t), value[:len(value)-len(t)]
		}
	}
	return start, end, value
}
