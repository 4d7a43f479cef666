package detect

import (
	"bytes"
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// Most providers' credentials have no prefix of their own: an Agora key is 32 lower-case
// letters and digits, a Box token 32 alphanumerics. Such a shape is a finding only
// where the provider is named: in the key it is assigned to (AGORA_APP_SECRET=…), or
// in the text just before it ("agora token: '…'", a log line that names the API and
// one with "key=…" under it). The provider catalogue (rules_providers.go) lists each
// provider's names and the shapes of its credentials.
//
// The same knowledge keeps the generic rule honest: a random string under a bare
// "key"/"token" whose provider is named nearby, but which has none of that provider's
// shapes, is a mangled or made-up value, not that provider's credential, and the
// generic rule stays quiet about it (see kvDet.evaluate).

// pv is one provider of the catalogue.
type pv struct {
	id   string // rule id ("-api-key" is added when it has no dash)
	name string // the provider's name, as a title reads it
	// words name the provider in text and in key names (lower case, letters and digits,
	// a space standing for any of " ", "_", "-", "." or nothing)
	words []string
	// fmts are the credential's shapes: literal text and {class:n} or {class:n-m}
	// with the classes of ExpandExample ({L:32} is 32 of a-z0-9), or {uuid}.
	fmts []string
	// weak: the name is also an everyday word ("box", "host"); a value must then
	// follow a key word (key, token, secret, …) on its line.
	weak bool
	// noClaim: the words are a key's common name ("account key"), not the provider's
	// own; a value of another shape under them is not contradicted (see
	// providerContradicts)
	noClaim bool
	sev     finding.Severity
}

// pvFmt is a compiled shape.
type pvFmt struct {
	src string
	// The expressions are compiled on first use: most of the catalogue's shapes are
	// searched by find's byte walk and never need them, and compiling them all cost a
	// tenth of a run over 100 MB.
	reSrc    string
	re       func() *regexp.Regexp // unanchored
	full     func() *regexp.Regexp // the whole value
	alpha    [256]bool             // bytes the shape may hold
	ex, nex  string                // example templates: one that fits, one a little short
	plain    bool                  // hex or digits alone: needs a key word on the line
	uuid     bool
	minLen   int
	maxLen   int // the longest value the shape takes, in bytes
	hasLower bool
	// segs is the shape read as literals and runs of a class, when a search for it
	// needs no backtracking (see seqShape); find then walks the bytes itself instead
	// of running re, which costs several microseconds over a window of text.
	segs   []pvSeg
	segMin int
	union  [256]bool // every byte a match may hold
}

// pvSeg is a literal or a run of min to max bytes of one class.
type pvSeg struct {
	lit      string
	set      *[256]bool
	min, max int
}

var pvClasses = map[string]string{
	"a": `A-Za-z0-9`, "h": `a-f0-9`, "H": `A-F0-9`, "x": `a-fA-F0-9`, "d": `0-9`, "l": `a-z`, "U": `A-Z`,
	"u": `A-Za-z0-9_\-`, "b": `A-Za-z0-9+/`, "B": `A-Za-z`, "L": `a-z0-9`, "V": `A-Z0-9`, "32": `A-Z2-7`,
	"z": `a-z2-7`, "k": `A-Za-z0-9_`, "e": `A-Za-z0-9._\-`, "m": `a-z0-9\-`, "n": `A-Za-z0-9\-`, "j": `a-z0-9_`,
	"p": `A-Za-z0-9+/=`, "y": `A-Za-z0-9+/._\-`, "f": `A-Za-z0-9/_.\-`, "c": `A-F0-9\-`, "w": `A-Za-z0-9_+/`, "o": `A-Z0-9\-`, "q": `A-Za-z0-9=_\-`, "r": `A-Za-z0-9+/=_\-`, "s": `A-Za-z0-9=._\-`, "t": `A-Za-z0-9+=._\-`,
}

// UUID shapes: {uuid} is a UUID (hex, either case); {uuidl} is also the same grouping
// of lower-case letters and digits, which some providers' identifiers use (a hex UUID
// written in capitals is still one); {uuidu} of capitals and digits.
var uuidShapes = map[string]string{
	"uuid":  `[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}`,
	"uuidl": `(?:[0-9a-z]{8}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{12}|[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12})`,
	"uuidu": `[0-9A-Z]{8}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{12}`,
}

func compilePVFmt(src string) pvFmt {
	var re, ex, nex strings.Builder
	f := pvFmt{src: src, plain: true}
	shortened := false
	var segs []pvSeg
	seqOK := true
	for s := src; s != ""; {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			i = len(s)
		}
		lit := s[:i]
		re.WriteString(regexp.QuoteMeta(lit))
		ex.WriteString(lit)
		nex.WriteString(lit)
		f.minLen += len(lit)
		if lit != "" {
			f.plain = false
			segs = append(segs, pvSeg{lit: lit, min: len(lit), max: len(lit)})
		}
		if i == len(s) {
			break
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			panic("detect: provider shape " + src + ": unclosed brace")
		}
		spec := s[i+1 : i+j]
		s = s[i+j+1:]
		if spec == "pad" { // base64 padding
			re.WriteString(`={0,2}`)
			seqOK = false
			continue
		}
		if u, ok := uuidShapes[spec]; ok {
			re.WriteString(u)
			ex.WriteString(map[string]string{"uuid": "{uuid}", "uuidl": "{L:8}-{L:4}-{L:4}-{L:4}-{L:12}", "uuidu": "{V:8}-{V:4}-{V:4}-{V:4}-{V:12}"}[spec])
			nex.WriteString("{h:30}")
			f.uuid, f.plain = true, false
			seqOK = false
			f.minLen += 36
			shortened = true
			continue
		}
		cls, n, _ := strings.Cut(spec, ":")
		chars, ok := pvClasses[cls]
		if !ok {
			panic("detect: provider shape " + src + ": unknown class " + cls)
		}
		lo, hi, isRange := strings.Cut(n, "-")
		min, err := strconv.Atoi(lo)
		if err != nil {
			panic("detect: provider shape " + src)
		}
		max := min
		if isRange {
			if max, err = strconv.Atoi(hi); err != nil {
				panic("detect: provider shape " + src)
			}
		}
		fmt.Fprintf(&re, "[%s]{%d,%d}", chars, min, max)
		segs = append(segs, pvSeg{set: classSet(chars), min: min, max: max})
		fmt.Fprintf(&ex, "{%s:%d}", cls, min)
		if !shortened && min > 6 {
			fmt.Fprintf(&nex, "{%s:%d}", cls, min-3)
			shortened = true
		} else {
			fmt.Fprintf(&nex, "{%s:%d}", cls, min)
		}
		f.minLen += min
		if cls != "h" && cls != "H" && cls != "x" && cls != "d" {
			f.plain = false
		}
		if strings.Contains(chars, "a-z") {
			f.hasLower = true
		}
	}
	// Thirty-six letters, digits and dashes is the length of a UUID: a provider whose
	// key the catalogue spells that way (GraphHopper, urlscan.io, Holiday API) issues
	// UUIDs, and the one value such a shape was written for keeps its grouping.
	if src == "{m:36}" || src == "{n:36}" {
		f.uuid = true
	}
	f.reSrc = re.String()
	f.re = lazyRegexp(f.reSrc)
	f.full = lazyRegexp("^(?:" + f.reSrc + ")$")
	parsed := mustParse(f.reSrc)
	f.alpha, _ = regexShapeOf(parsed)
	if n, ok := maxWidthOf(parsed); ok {
		f.maxLen = n
	} else {
		f.maxLen = pvMaxValue
	}
	if seqOK {
		f.segs = seqShape(segs)
		for _, sg := range f.segs {
			f.segMin += sg.min
			for i := range 256 {
				if sg.set != nil && sg.set[i] {
					f.union[i] = true
				}
			}
			for _, c := range []byte(sg.lit) {
				f.union[c] = true
			}
		}
	}
	f.ex = ex.String()
	if shortened {
		f.nex = nex.String()
	}
	return f
}

// lazyRegexp compiles src on first use; it may be called from any goroutine. src has
// been parsed already (regexShape), so a bad expression still fails at start-up.
func lazyRegexp(src string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(src) })
}

// classSet returns the bytes of a bracket class body ("A-Za-z0-9_\\-"), read by
// the regexp package itself; there are few distinct bodies, so each is read once.
func classSet(chars string) *[256]bool {
	classSetsMu.Lock()
	defer classSetsMu.Unlock()
	if set := classSets[chars]; set != nil {
		return set
	}
	re := regexp.MustCompile(`^[` + chars + `]$`)
	set := new([256]bool)
	for c := range 128 {
		set[c] = re.Match([]byte{byte(c)})
	}
	classSets[chars] = set
	return set
}

var (
	classSetsMu sync.Mutex
	classSets   = map[string]*[256]bool{}
)

// seqShape returns segs when the leftmost-first match of their concatenation at a
// position is the one found by taking every run greedily: every run of varying length
// is the last segment or is followed by a segment whose first byte it cannot hold (so
// giving a byte back never lets the rest match). Otherwise nil: the regexp decides.
func seqShape(segs []pvSeg) []pvSeg {
	if len(segs) == 0 {
		return nil
	}
	for i, sg := range segs {
		if sg.set == nil && sg.lit == "" || sg.set != nil && (sg.min < 1 || sg.max < sg.min) {
			return nil
		}
		if sg.set == nil || sg.min == sg.max || i == len(segs)-1 {
			continue
		}
		next := segs[i+1]
		if next.lit != "" {
			if sg.set[next.lit[0]] {
				return nil
			}
			continue
		}
		for c := range 256 {
			if sg.set[c] && next.set[c] {
				return nil
			}
		}
	}
	return segs
}

// matchAt returns the end of the shape's match starting at b[p], taking runs greedily.
func (f *pvFmt) matchAt(b []byte, p int) (int, bool) {
	i := p
	for k := range f.segs {
		sg := &f.segs[k]
		if sg.set == nil {
			if len(b)-i < len(sg.lit) || string(b[i:i+len(sg.lit)]) != sg.lit {
				return 0, false
			}
			i += len(sg.lit)
			continue
		}
		n := 0
		for n < sg.max && i+n < len(b) && sg.set[b[i+n]] {
			n++
		}
		if n < sg.min {
			return 0, false
		}
		i += n
	}
	return i, true
}

// find returns the leftmost match of the shape in b, as f.re.FindIndex does.
func (f *pvFmt) find(b []byte) []int {
	if f.segs == nil {
		return f.re().FindIndex(b)
	}
	// a match at p holds segMin bytes of the union from p on: only the ends of such
	// runs are tried, in order
	run := 0
	for i, c := range b {
		if !f.union[c] {
			run = 0
			continue
		}
		if run++; run >= f.segMin {
			p := i - f.segMin + 1
			if e, ok := f.matchAt(b, p); ok {
				return []int{p, e}
			}
		}
	}
	return nil
}

// provEntry is a compiled provider.
type provEntry struct {
	rule *Rule
	pv   *pv
	fmts []pvFmt
	// also: the values of the key-name rules (rules_*.go) for the same provider, which
	// fit it too
	also []func() *regexp.Regexp
}

// fits reports whether v has one of the provider's shapes. A provider whose key is a
// hex UUID is not contradicted by the same 128 bits written without the dashes
// (compactUUID): setups print and paste them either way.
func (pe *provEntry) fits(v string) bool {
	for i := range pe.fmts {
		if pe.fmts[i].full().MatchString(v) {
			return true
		}
		if compactUUID(v) && (pe.fmts[i].src == "{uuid}" || pe.fmts[i].src == "{uuidl}") {
			return true
		}
	}
	for _, re := range pe.also {
		if re().MatchString(v) {
			return true
		}
	}
	return false
}

// foundIn reports whether one of the shapes stands alone somewhere in s.
func (pe *provEntry) foundIn(s string) bool {
	data := []byte(s)
	for i := range pe.fmts {
		f := &pe.fmts[i]
		for pos := 0; pos < len(data); {
			loc := f.find(data[pos:])
			if loc == nil {
				break
			}
			if pvBounded(data, pos+loc[0], pos+loc[1], f) {
				return true
			}
			pos += loc[0] + 1
		}
	}
	return false
}

// provDet finds provider credentials around the provider's names.
type provDet struct {
	words  []string // anchors, lower case, spaces removed
	byWord [][]int  // word tag → providers
	provs  []provEntry
	index  map[string]int
}

// pmark is an occurrence of a provider's name.
type pmark struct {
	tag, start, end int
}

func (d *provDet) anchors() []string { return d.words }

// wordBounded reports whether data[s:e] stands as a word: not the inside of a longer
// word of letters ("boxes", "inbox"), though a camelCase hump or a separator may end it.
func wordBounded(data []byte, s, e int) bool {
	if !leftBounded(data, s) && !jvmProperty(data, s) {
		return false
	}
	if e < len(data) {
		n := data[e]
		if is(n, cLower) {
			return false
		}
		if isUpper(n) && isUpper(data[e-1]) && e+1 < len(data) && is(data[e+1], cUpper) {
			return false // "BOXES": upper-case word going on
		}
	}
	return true
}

// jvmProperty reports a name that starts a JVM system property on a command line:
// "-Dsonar.login=…", where the 'D' before it is the flag's letter.
func jvmProperty(data []byte, s int) bool {
	return s >= 2 && data[s-1] == 'D' && data[s-2] == '-' && is(data[s], cLower) && (s == 2 || !is(data[s-3], cWord))
}

// leftBounded reports whether a word starts at data[s]: no letter before it, or a
// camelCase hump.
func leftBounded(data []byte, s int) bool {
	if s > 0 {
		p := data[s-1]
		if is(p, cLower|cUpper) && !(is(p, cLower) && isUpper(data[s])) {
			return false
		}
	}
	return true
}

// gluedSuffixWords may follow a provider's name glued on in lower case, as keys and
// identifiers run words together: "spotifykey", "trelloapikey", "tineswebhook".
var gluedSuffixWords = []string{"key", "keys", "token", "tokens", "secret", "secrets", "api", "apis", "oauth", "auth",
	"webhook", "hook", "url", "pat", "id", "sid", "client", "consumer", "publish", "subscribe", "access", "personal",
	"message", "messages", "sms", "bot", "app", "pass", "password", "pwd", "cred", "creds", "credential", "credentials",
	"bearer", "private", "public", "pub", "sub", "admin", "read", "write", "live", "test", "prod", "code", "license"}

// gluedKeySuffix reports whether the lower-case letters from data[e] on, up to the next
// byte that is not one, are words of gluedSuffixWords run together.
func gluedKeySuffix(data []byte, e int) bool {
	if e == 0 || e >= len(data) {
		return false
	}
	// the suffix is written in the case the name ends in: spotifykey, SPOTIFYKEY
	var cls uint16 = cLower
	if isUpper(data[e-1]) {
		cls = cUpper
	}
	n := e
	for n < len(data) && n-e <= 32 && is(data[n], cls) {
		n++
	}
	if n == e || n-e > 32 || n < len(data) && is(data[n], cLower|cUpper) && !(cls == cLower && isUpper(data[n])) {
		return false
	}
	return splitsInto(data[e:n], gluedSuffixWords)
}

// splitsInto reports whether b (at most 33 bytes) is a run of the words, in any case.
func splitsInto(b []byte, words []string) bool {
	if len(b) > 33 {
		return false
	}
	// ok[i]: b[:i] splits into the words
	var ok [34]bool
	ok[0] = true
	for i := 1; i <= len(b); i++ {
		for _, w := range words {
			if len(w) <= i && ok[i-len(w)] && hasPrefixFold(b, i-len(w), w) {
				ok[i] = true
				break
			}
		}
	}
	return ok[len(b)]
}

// inRandomRun reports a name that is part of a longer run of letters and digits with
// several digits in it ("…o0slqOTxVohwJ…" in base64): a fragment of a token, not a word.
func inRandomRun(data []byte, s, e int) bool {
	a, b := s, e
	for a > 0 && s-a < 64 && is(data[a-1], cAlnum) {
		a--
	}
	for b < len(data) && b-e < 64 && is(data[b], cAlnum) {
		b++
	}
	if b-a < 20 {
		return false
	}
	digits := 0
	for _, c := range data[a:b] {
		if isDigit(c) {
			digits++
		}
	}
	return digits >= 2
}

// pvWindow is how far after a provider's name its credential may stand.
const (
	pvWindow   = 200
	pvMaxLines = 2
	pvBareGap  = 40 // between the name and a value with no key word before it
)

var keyWords = []string{"key", "token", "secret", "api", "auth", "pass", "pwd", "credential", "bearer", "access", "sid", "private"}

func (d *provDet) hit(sc *scanner, di, tag, at int) {
	data := sc.data
	w := d.words[tag]
	if !hasPrefixFold(data, at, w) {
		return
	}
	end := at + len(w)
	if !wordBounded(data, at, end) && !(leftBounded(data, at) && gluedKeySuffix(data, end)) || inRandomRun(data, at, end) {
		return
	}
	sc.pmarks = append(sc.pmarks, pmark{tag: tag, start: at, end: end})
	sc.pmarksSorted = false
	// a value must start within pvWindow bytes and pvMaxLines lines of the name; it may
	// run on past that
	startLim := end + pvWindow
	if startLim > len(data) {
		startLim = len(data)
	}
	nl := 0
	for i := end; i < startLim; i++ {
		if data[i] == '\n' {
			nl++
			if nl > pvMaxLines {
				startLim = i
				break
			}
		}
	}
	lim := startLim + pvMaxValue
	if lim > len(data) {
		lim = len(data)
	}
	win := data[end:lim]
	ds := dashValueStart(data, end)
	for _, pi := range d.byWord[tag] {
		pe := &d.provs[pi]
		if !sc.e.on[pe.rule.idx] {
			continue
		}
		for fi := range pe.fmts {
			f := &pe.fmts[fi]
			if len(win) < f.minLen {
				continue
			}
			// a broad shape may take in the key before its value ("KEY=value"): when a
			// match does not stand alone, the search goes on one byte later
			// every match is a run of the shape's bytes at least minLen long: finding
			// the first such run is cheaper than running the expression over the window
			first := alphaRun(win, startLim-end, &f.alpha, f.minLen)
			if first < 0 {
				continue
			}
			if ds > end && ds-end > first {
				// the label's words are no value: the search starts after its dash
				first = ds - end
			}
			// and none is longer than maxLen: the expression reads no further
			fw := win
			if n := startLim - end + f.maxLen + 1; n < len(fw) {
				fw = fw[:n]
			}
			for pos, tries := first, 0; pos < len(fw) && tries < 12; tries++ {
				loc := f.find(fw[pos:])
				if loc == nil {
					break
				}
				s, e := end+pos+loc[0], end+pos+loc[1]
				if s >= startLim {
					break
				}
				inURL := !pe.pv.weak && urlHostSegment(data, at, end, s, e)
				dashed := dashLabel(data, end, s)
				if !inURL && !(dashed && pvRightBounded(data, e, f)) && !pvBounded(data, s, e, f) {
					pos += loc[0] + 1
					continue
				}
				pos += loc[1]
				if !pvValueOK(data[s:e], f) || !f.plain && sc.digestAt(s, e) || pinnedDigest(data, s, e) || labeledDigest(data, s, e) ||
					strings.HasPrefix(f.src, "{") && valueNamesProvider(data[s:e], w) || proseWord(data, s, e) ||
					!f.plain && hexDigestInWideShape(data, s, e, &f.alpha) {
					continue
				}
				// A value whose line names no key ("agora: '…'", "twitch token - …") is
				// tied to the provider by nearness alone; one under a key word ("Using
				// Key=…") may stand a line or two below the name.
				// an everyday word that runs on into a longer name names a thing of its
				// own ("microsoft-windows-privacy-auditing", an event provider's GUID),
				// not the provider's key, unless the name names a secret too
				if pe.pv.weak && !inURL && nameRunsOn(data, at, end) {
					continue
				}
				if inURL {
					// the URL names the provider as a key would: its host is the
					// provider's, the value a segment of its path
				} else if ks, ke, ok := keyBefore(data, s); ok {
					// The value's own key decides: it must name the provider or a
					// secret ("etag": "<uuid>" is no npm token however near "npm" is).
					if !(at >= ks && end <= ke) && !containsFold(data[ks:ke], keyWords...) && !labelPhrase(data, at, end, ks, ke) {
						continue
					}
					// and it must not say the value is an identifier (shopify_client_id),
					// unless the shape is the provider's own prefixed one (Sumo Logic's
					// access IDs "su…")
					if strings.HasPrefix(f.src, "{") && (idKey(data[ks:ke]) || tailSaysNoSecret(sc, data[ks:ke], pvIDWord)) {
						continue
					}
				} else {
					kw := dashed || sc.keyWordBefore(s) || nameIsKey(data, end, s)
					if (pe.pv.weak || f.plain) && !kw || !kw && s-end > pvBareGap {
						continue
					}
				}
				sc.emit(pe.rule, s, e, string(data[s:e]))
			}
		}
	}
}

// nameRunsOn reports a name (letters, digits, '-', '_', '.') that goes on past the word
// at data[at:end] with a separator and another word ("privacy-auditing") and holds no
// key word.
func nameRunsOn(data []byte, at, end int) bool {
	if end+1 >= len(data) || data[end] != '-' && data[end] != '_' && data[end] != '.' || !is(data[end+1], cLower|cUpper) {
		return false
	}
	ns := at
	for ns > 0 && at-ns < 128 && is(data[ns-1], cWord|cDash|cDot) {
		ns--
	}
	ne := run(data, end, cWord|cDash|cDot, 128)
	return !containsFold(data[ns:ne], keyWords...)
}

// urlHostSegment reports a provider's name data[at:end] standing in the host of a URL
// and the value data[s:e] standing in the same URL as the last segment of its path:
// "https://eth-mainnet.g.alchemy.com/v2/<key>", "wss://mainnet.infura.io/ws/v3/<id>".
// Providers that put the key in the path document their endpoints this way, and the
// host ties the value to the provider as a key name does. A segment with more path
// after it ("/file/d/<id>/view") is an object's id, not the key.
func urlHostSegment(data []byte, at, end, s, e int) bool {
	h := at
	for h > 0 && at-h < 256 && (is(data[h-1], cAlnum) || data[h-1] == '.' || data[h-1] == '-') {
		h--
	}
	if h < 3 || data[h-1] != '/' || data[h-2] != '/' || data[h-3] != ':' {
		return false
	}
	p := end
	for p < s && (is(data[p], cAlnum) || data[p] == '.' || data[p] == '-') {
		p++
	}
	if p < s && data[p] == ':' { // a port
		p++
		for p < s && isDigit(data[p]) {
			p++
		}
	}
	if p >= s || data[p] != '/' || data[s-1] != '/' {
		return false
	}
	// the segment before the value: none (the key right after the host), a version
	// ("/v2/", "/ws/v3/") or a word naming a key; under anything else ("/-/commit/",
	// "/blob/", "/issues/") the value names an object of the site
	prev := s - 1
	for prev > p && data[prev-1] != '/' {
		prev--
	}
	if seg := data[prev : s-1]; prev > p && !versionSegment(seg) && !containsFold(seg, "key", "token", "api", "auth") {
		return false
	}
	for ; p < s; p++ {
		if c := data[p]; c <= ' ' || c >= 0x7f || strings.IndexByte("\"'`<>?#@=&,;()[]{}|\\", c) >= 0 {
			return false
		}
	}
	if e < len(data) {
		c := data[e]
		if c == '/' && e+1 < len(data) && (is(data[e+1], cAlnum) || data[e+1] == '_' || data[e+1] == '-' || data[e+1] == '.') {
			return false // more path follows
		}
		if is(c, cAlnum) || c == '_' || c == '-' || c == '.' && e+1 < len(data) && is(data[e+1], cAlnum) || c == '%' || c == '+' {
			return false // the segment goes on
		}
	}
	return true
}

// versionSegment reports an API version as a URL writes it: v1, v3, V2.
func versionSegment(seg []byte) bool {
	if len(seg) < 2 || len(seg) > 3 || seg[0]|0x20 != 'v' {
		return false
	}
	for _, c := range seg[1:] {
		if !isDigit(c) {
			return false
		}
	}
	return true
}

// pvIDWord keeps ids to idKey on the provider path: an id of a provider's own (a
// BulkSMS token id under "bulksmsID") is one half of its credential pair.
func pvIDWord(w string) bool { return w == "id" || w == "ids" }

// idKey reports a key whose last word names an identifier, not a secret: client_id,
// appId, ACCOUNT_SID stays a secret's name (Twilio's SIDs are keyed by "sid").
func idKey(key []byte) bool {
	n := len(key)
	for n > 0 && (key[n-1] == '"' || key[n-1] == '\'') {
		n--
	}
	switch {
	case n >= 3 && (key[n-3] == '_' || key[n-3] == '-' || key[n-3] == '.') && lowerASCII(key[n-2]) == 'i' && lowerASCII(key[n-1]) == 'd':
		return true
	case n >= 3 && is(key[n-3], cLower) && key[n-2] == 'I' && key[n-1] == 'd':
		return true // clientId
	}
	return false
}

// digestAt reports a SHA-1 or SHA-256 in hex where a shape of letters and digits
// was looked for, after a word that names a digest on its line ("commit 8412a5…"):
// a random key of that alphabet is almost never hex alone.
func (sc *scanner) digestAt(s, e int) bool {
	if n := e - s; n != 40 && n != 64 || !allHex(sc.data[s:e]) {
		return false
	}
	return sc.lineWordBefore(&sc.digestWords, s, digestWords)
}

var digestWords = []string{"commit", "sha", "hash", "digest", "checksum", "revision"}

// pinnedDigest reports hex that pins a downloaded artifact to its content or commit:
// "pkg-1.2.0.tgz#<sha1>" in npm and Yarn lockfiles, "repo.git#<commit>" in package
// manifests. The archive or repository named just before the '#' is what it hashes.
func pinnedDigest(data []byte, s, e int) bool {
	if s < 5 || data[s-1] != '#' || e-s < 32 || !allHex(data[s:e]) {
		return false
	}
	pre := data[max(0, s-9) : s-1]
	for _, ext := range []string{".tgz", ".tar.gz", ".zip", ".git", ".whl", ".jar", ".tar.bz2", ".tar.xz"} {
		if len(pre) >= len(ext) && hasPrefixFold(pre, len(pre)-len(ext), ext) {
			return true
		}
	}
	return false
}

// alphaRun returns the offset of the first run of at least n bytes of alpha in win
// that starts before lim, or -1.
func alphaRun(win []byte, lim int, alpha *[256]bool, n int) int {
	run := 0
	for i, c := range win {
		if alpha[c] {
			if run++; run >= n {
				return i - run + 1
			}
			continue
		}
		if i >= lim {
			return -1
		}
		run = 0
	}
	return -1
}

// nameIsKey reports a value assigned to a key that the provider's name begins or
// is: `cloudsmith: "…"`, `AGORA_APP_CERTIFICATE=…`.
func nameIsKey(data []byte, nameEnd, vs int) bool {
	p := nameEnd
	for p < vs && is(data[p], cWord|cDash|cDot) {
		p++
	}
	if p < vs && (data[p] == '"' || data[p] == '\'') {
		p++
	}
	for p < vs && (data[p] == ' ' || data[p] == '\t') {
		p++
	}
	if p >= vs || data[p] != ':' && data[p] != '=' {
		return false
	}
	p++
	for p < vs && (data[p] == ' ' || data[p] == '\t' || data[p] == '"' || data[p] == '\'' || data[p] == '=') {
		p++
	}
	return p == vs
}

// labelPhraseWords bounds the words between a provider's name and the last word of
// a label that names its key ("Cloudflare token for DNS: …").
const labelPhraseWords = 3

// labelPhrase reports a label of a few words on one line that starts with the
// provider's name data[at:end], holds a key word (token, key, secret, …) and ends with
// the key data[ks:ke] the value is assigned to: "Cloudflare token for DNS: …",
// "Okta API token used by CI = …". The name and the key word then name the value as
// a key name does, though the label's last word alone ("DNS") does not.
func labelPhrase(data []byte, at, end, ks, ke int) bool {
	if ks < end || ks-end > 48 || notSecretTail[string(bytes.ToLower(data[ks:ke]))] {
		return false // "… for account id: …": the label names an identifier
	}
	gap := data[end:ks]
	words, inWord := 0, false
	for _, c := range gap {
		switch {
		case is(c, cLower|cUpper|cDigit):
			if !inWord {
				words++
			}
			inWord = true
		case c == ' ' || c == '\t' || c == '-' || c == '/' || c == '(' || c == ')':
			inWord = false
		default:
			return false // a quote, a comma, '=' or a line break: not one label
		}
	}
	if words > labelPhraseWords || len(gap) > 0 && gap[0] != ' ' && gap[0] != '\t' {
		return false
	}
	return containsFold(data[at:ks], keyWords...)
}

// pvMaxValue bounds a provider credential's length.
const pvMaxValue = 1100

// pvBounded reports whether data[s:e] stands alone: not part of a longer run of the
// shape's characters (nor of letters and digits), and for base64 shapes not followed by
// padding the shape does not allow.
func pvBounded(data []byte, s, e int, f *pvFmt) bool {
	if s > 0 {
		c := data[s-1]
		switch {
		case c == '=' || c == ':':
			// a separator after a key ("Key=…"), unless it sits inside a longer
			// token ("2/1204…/1206…:…")
			k := s - 1
			for k > 0 && is(data[k-1], cWord|cDash|cDot) {
				k--
			}
			if k > 0 && (data[k-1] == '/' || data[k-1] == ':' || data[k-1] == '+') {
				return false
			}
		case c == '@':
			return false // user@… or a handle, not a key
		case (c == '?' || c == '.') && s >= 2 && is(data[s-2], cAlnum):
			return false // "O?hRmE…", "abc.def…": the value goes on to the left
		case c == '_' && !f.alpha[c] && snakeTail(data, s-1):
			return false // "pk_test_An4f…": the tail of another token, whose prefix names its issuer
		case f.alpha[c] || is(c, cAlnum):
			return false
		}
	}
	// inside a longer base64 run: "…Nv/1mSf…5rv+t5U…"
	if s >= 2 && (data[s-1] == '+' || data[s-1] == '/') && is(data[s-2], cAlnum) && !f.alpha[data[s-1]] {
		return false
	}
	return pvRightBounded(data, e, f)
}

// snakeTail reports whether the '_' at u ends two or more words joined by '_'
// ("pk_test_", "sk_live_"): what follows is the last part of a longer token. One word
// before it ("bkua_", "secret_") may be the provider's own prefix.
func snakeTail(data []byte, u int) bool {
	k := u
	for k > 0 && u-k < 32 && is(data[k-1], cAlnum) {
		k--
	}
	return k < u && k >= 2 && data[k-1] == '_' && is(data[k-2], cAlnum)
}

// pvRightBounded is pvBounded's test of the value's right end.
func pvRightBounded(data []byte, e int, f *pvFmt) bool {
	if e+1 < len(data) && (data[e] == '+' || data[e] == '/') && is(data[e+1], cAlnum) && !f.alpha[data[e]] {
		return false
	}
	if e < len(data) {
		c := data[e]
		if f.alpha[c] || is(c, cAlnum) || c == '=' {
			return false // '=' after a value is base64 padding the shape does not have
		}
		if (c == '-' || c == '?' || c == '.') && e+1 < len(data) && is(data[e+1], cAlnum) {
			return false // "…-Tkotfx", "…LC8?j65u", "…DM.v2.eyJ": the value goes on
		}
	}
	return true
}

// dashLabel reports a value joined by a dash to the provider's name and the words
// that call it a secret: "acmeSECRET-…", "acme-access-key-…", "acme PRIVATE-…". The
// words between name and value are key words alone (a resource named "acme-prod-…"
// is not the provider's key), and the dash ends them where the shape itself may hold
// dashes, so a value that fits the shape exactly from there on is the one meant.
func dashLabel(data []byte, nameEnd, s int) bool {
	if s-1 <= nameEnd || s-1-nameEnd > 32 || data[s-1] != '-' {
		return false
	}
	var word [33]byte
	n := 0
	for _, c := range data[nameEnd : s-1] {
		switch {
		case is(c, cLower|cUpper):
			word[n] = lowerASCII(c)
			n++
		case c == '-' || c == '_' || c == '.' || c == ' ':
		default:
			return false
		}
	}
	// "api" or "auth" alone does not call the value a secret
	return n > 0 && splitsInto(word[:n], dashLabelWords) && containsFold(word[:n], "key", "token", "secret", "private", "access")
}

// dashValueStart returns where a value joined by dashLabel's dash to the name ending
// at nameEnd would start, or -1: the label's own letters and dashes fit shapes that
// hold dashes, and a search from the name would spend its tries inside them.
func dashValueStart(data []byte, nameEnd int) int {
	vs := -1
	for p := nameEnd; p < len(data) && p-nameEnd <= 33; p++ {
		c := data[p]
		if !is(c, cLower|cUpper) && c != '-' && c != '_' && c != '.' && c != ' ' {
			break
		}
		if c == '-' && dashLabel(data, nameEnd, p+1) {
			vs = p + 1
		}
	}
	return vs
}

var dashLabelWords = []string{"key", "token", "secret", "private", "access", "api", "auth"}

// keyWordBefore reports a key word ("key", "token", …) before the value on its line.
func (sc *scanner) keyWordBefore(vs int) bool {
	return sc.lineWordBefore(&sc.keyWords, vs, keyWords)
}

// pvValueOK rejects values that fit a shape but are no generated credential.
func pvValueOK(v []byte, f *pvFmt) bool {
	if i := strings.Index(f.src, "AAAAAAAAAA"); i >= 0 && bytes.Contains(v, []byte("AAAAAAAAAA")) {
		v = bytes.Replace(v, []byte("AAAAAAAAAA"), nil, 1) // the shape's own run (Dropbox)
	}
	// The provider is named beside the value and the value has its key's shape: a
	// value typed through the alphabet or the keyboard is still its credential's (see
	// anchoredPlaceholder); one that says it is fake is not.
	if len(v) < 8 || anchoredPlaceholder(v) || saysFake(secretPart(v)) || identifierLike(v) {
		return false
	}
	if !f.uuid && uuidLike(v) {
		return false
	}
	letters, digits := lettersDigits(v)
	if digits == 0 && f.alpha['0'] && spelledWord(v) {
		return false // a word or a name: realtrees13.go
	}
	if f.plain {
		// hex: both letters and digits, as nearly every random hex string has
		if letters > 0 && digits == 0 && len(v) < 40 {
			return false
		}
	} else if f.hasLower && len(v) >= 16 && (letters == 0 || digits == 0) && !randomLetters(longestAlnum(v)) {
		// A run of 24 or more random digits is no word and no count: a generated value
		// whose alphabet happens to be digits (ten symbols: about 3 bits a character)
		return digits == len(v) && len(v) >= 24 && entropy(v) >= 2.7
	}
	// a random string of n characters has about log2(n) bits a character at most
	min := 0.6 * math.Log2(float64(len(v)))
	if min > 3.0 {
		min = 3.0
	}
	return entropy(v) >= min
}

// longestAlnum returns the longest run of letters and digits in v.
func longestAlnum(v []byte) []byte {
	var best []byte
	for _, p := range bytes.FieldsFunc(v, func(r rune) bool { return r > 0x7f || !is(byte(r), cAlnum) }) {
		if len(p) > len(best) {
			best = p
		}
	}
	return best
}

// uuidLike: 8-4-4-4-12 groups, a UUID or one typed to look like one.
// compactUUID reports 32 hex digits of one case with letters and digits both: a UUID
// written without its dashes.
func compactUUID(v string) bool {
	if len(v) != 32 {
		return false
	}
	lower, upper, digits := false, false, false
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c >= '0' && c <= '9':
			digits = true
		case c >= 'a' && c <= 'f':
			lower = true
		case c >= 'A' && c <= 'F':
			upper = true
		default:
			return false
		}
	}
	return digits && lower != upper
}

func uuidLike(v []byte) bool {
	if len(v) != 36 {
		return false
	}
	for i, c := range v {
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !is(c, cAlnum) {
				return false
			}
		}
	}
	return true
}

// saysFake reports a value that says it is no real key ("…fake…", "…notreal…").
func saysFake(v []byte) bool {
	var buf [256]byte
	if len(v) > len(buf) {
		v = v[:len(buf)]
	}
	low := buf[:len(v)]
	for i, c := range v {
		low[i] = lowerASCII(c)
	}
	for _, k := range []string{"fake", "dummy", "xxxxx", "test_key", "testkey", "invalid", "notreal", "not_real"} {
		if bytes.Contains(low, []byte(k)) {
			return true
		}
	}
	return false
}

// providerContradicts reports whether a generic value assigned to key at a is claimed
// by a named provider whose shapes it does not have: the key names a provider
// (WANDB_API_KEY, rookTable aside), or the key is a bare "key"/"token" and a provider
// is named on its line or the two lines before it.
func (sc *scanner) providerContradicts(a *assignment, key, v []byte) bool {
	d := sc.e.prov
	if d == nil {
		return false
	}
	if !sc.pmarksSorted {
		slices.SortFunc(sc.pmarks, func(x, y pmark) int { return x.start - y.start })
		sc.pmarksSorted = true
	}
	segs := keySegments(key, sc.segBuf[:0], sc.segText[:0])
	tags := d.wordsInKey(segs)
	if len(tags) == 0 {
		for _, s := range segs {
			if !bareKeyWords[string(s)] {
				return false // the key says what it is: db_token, jwt_secret
			}
		}
		if a.keyEnd <= a.keyStart {
			return false // a field of a record: its path is the key, and says nothing
		}
		// the key's line and the two before it, and the rest of the value's line
		lo := a.keyStart
		for n := 0; lo > 0 && a.keyStart-lo < pvWindow; lo-- {
			if sc.data[lo-1] == '\n' {
				n++
				if n > pvMaxLines {
					break
				}
			}
		}
		// (no further than pvWindow: a long line is not read again for every value on it)
		ceil := min(len(sc.data), a.valEnd+pvWindow)
		hi := bytes.IndexByte(sc.data[a.valEnd:ceil], '\n')
		if hi < 0 {
			hi = ceil
		} else {
			hi += a.valEnd
		}
		tags = append(sc.freeMarksIn(lo, a.keyStart), sc.freeMarksIn(a.valEnd, hi)...)
	}
	if len(tags) == 0 {
		return false
	}
	// a Kubernetes Secret's data and other env dumps hold the value in base64
	// (ELEVENLABS_API_KEY: c2tf…): the provider's shape is the decoded text's
	var dec []byte
	if len(v) >= 16 && len(v) <= 512 {
		dec = bytes.TrimRight(decodeB64Text(v), "\r\n")
	}
	for _, t := range tags {
		for _, pi := range d.byWord[t] {
			pe := &d.provs[pi]
			if pe.pv.noClaim || pe.fits(string(v)) || len(dec) >= 8 && pe.fits(string(dec)) {
				return false
			}
		}
	}
	return true
}

// wordsInKey returns the provider words among a key's segments, alone or joined with
// the next one or two ("new", "relic" → "newrelic").
func (d *provDet) wordsInKey(segs [][]byte) []int {
	var out []int
	var buf [maxKeyLen]byte
	for i := range segs {
		w := buf[:0]
		for j := i; j < len(segs) && j < i+3; j++ {
			w = append(w, segs[j]...)
			if t, ok := d.index[string(w)]; ok {
				out = append(out, t)
			}
		}
	}
	return out
}

func (sc *scanner) marksIn(lo, hi int) []int {
	var out []int
	i := sort.Search(len(sc.pmarks), func(i int) bool { return sc.pmarks[i].start >= lo })
	for ; i < len(sc.pmarks) && sc.pmarks[i].start < hi; i++ {
		out = append(out, sc.pmarks[i].tag)
	}
	return out
}

// freeMarksIn is marksIn without the marks that stand inside another value found or
// pending: a password "Copper^8014" on the line above names no provider for the
// secret below it.
func (sc *scanner) freeMarksIn(lo, hi int) []int {
	var out []int
	i := sort.Search(len(sc.pmarks), func(i int) bool { return sc.pmarks[i].start >= lo })
marks:
	for ; i < len(sc.pmarks) && sc.pmarks[i].start < hi; i++ {
		at := sc.pmarks[i].start
		for _, m := range sc.ms {
			if m.start <= at && at < m.end {
				continue marks
			}
		}
		for _, p := range sc.pending {
			if int(p.a.valStart) <= at && at < int(p.a.valEnd) {
				continue marks
			}
		}
		for _, p := range sc.pendSpans {
			if int(p.start) <= at && at < int(p.end) {
				continue marks
			}
		}
		out = append(out, sc.pmarks[i].tag)
	}
	return out
}

// bareKeyWords make up keys that do not say whose credential they hold.
var bareKeyWords = map[string]bool{"key": true, "keys": true, "api": true, "apikey": true, "secret": true, "secrets": true,
	"token": true, "tokens": true, "access": true, "auth": true, "client": true, "private": true, "app": true, "value": true,
	"credential": true, "credentials": true, "cred": true, "creds": true, "my": true, "the": true, "your": true, "x": true,
	"using": true, "personal": true, "pat": true, "account": true, "user": true, "api_key": true, "accesstoken": true,
	"apitoken": true, "authtoken": true, "secretkey": true, "accesskey": true, "apisecret": true, "clientsecret": true}

// buildProviders compiles the catalogue. A provider whose id is already a rule (a
// key-name rule for the same provider) adds this detector to that rule.
func buildProviders(existing []*Rule, kvs []*kvSpec, toks []tk) (*provDet, []*Rule) {
	d := &provDet{index: map[string]int{}}
	byID := map[string]*Rule{}
	for _, r := range existing {
		byID[r.ID] = r
	}
	// the shapes the other rules know for each provider, which the provider's
	// entry here fits too
	kvByProvider := map[string][]func() *regexp.Regexp{}
	for _, s := range kvs {
		if s.value != nil && !s.generic {
			p := strings.ToLower(s.rule.Provider)
			kvByProvider[p] = append(kvByProvider[p], s.value)
		}
	}
	for _, t := range toks {
		p := strings.ToLower(t.provider)
		kvByProvider[p] = append(kvByProvider[p], lazyRegexp("^(?:"+t.re+")$"))
	}
	var rules []*Rule
	// Many providers share a shape ("{a:32}"): each is compiled once, its lazy
	// expressions shared (a pvFmt is not changed after compilePVFmt).
	shapes := map[string]pvFmt{}
	compileShape := func(s string) pvFmt {
		f, ok := shapes[s]
		if !ok {
			f = compilePVFmt(s)
			shapes[s] = f
		}
		return f
	}
	for i := range providers {
		p := &providers[i]
		id := p.id
		if !strings.Contains(id, "-") {
			id += "-api-key"
		}
		sev := p.sev
		if sev == 0 {
			sev = finding.High
		}
		pe := provEntry{pv: p, also: kvByProvider[strings.ToLower(p.name)]}
		for _, s := range p.fmts {
			if fit, ok := strings.CutPrefix(s, "~"); ok {
				// a shape other scanners accept and the provider's documentation does
				// not: not reported, but a value of it is not contradicted either
				pe.also = append(pe.also, compileShape(fit).full)
				continue
			}
			pe.fmts = append(pe.fmts, compileShape(s))
		}
		if r := byID[id]; r != nil && r.prio > prioContext {
			// the id names a prefixed token's rule: these unprefixed shapes are the
			// provider's older ones
			for _, suf := range []string{"-api-key", "-access-token", "-token", "-key", "-pat"} {
				id = strings.TrimSuffix(id, suf)
			}
			id += "-legacy-key"
		}
		if r := byID[id]; r != nil {
			r.extra = append(r.extra, d)
			pe.rule = r
		} else {
			// a key-name rule for the provider reads its key better than a name nearby
			r := &Rule{ID: id, Title: p.name + " credential", Provider: p.name, Category: finding.Secret, Severity: sev,
				Remediation: remediationFor(p.name), prio: prioContext - 1, det: d}
			for _, w := range p.words {
				r.Keywords = append(r.Keywords, strings.ReplaceAll(w, " ", ""))
			}
			word := p.words[0]
			envName := ""
			if strings.Trim(word, "abcdefghijklmnopqrstuvwxyz0123456789 ") == "" && len(pe.also) == 0 {
				envName = strings.ToUpper(strings.ReplaceAll(word, " ", "_")) + "_KEY="
			}
			for _, f := range pe.fmts {
				r.Examples = append(r.Examples, word+" token: '"+f.ex+"'")
				if envName != "" {
					r.Examples = append(r.Examples, envName+f.ex)
				}
				if f.nex != "" && !pe.foundIn(ExpandExample(f.nex)) {
					r.NotExamples = append(r.NotExamples, word+" token: '"+f.nex+"'")
				}
				r.NotExamples = append(r.NotExamples, "OTHER_KEY="+f.ex)
			}
			if !pe.fmts[0].plain {
				r.Examples = append(r.Examples, "[INFO] calling the "+word+" API\n[DEBUG] using key="+pe.fmts[0].ex)
			}
			rules = append(rules, r)
			byID[id] = r
			pe.rule = r
		}
		pi := len(d.provs)
		d.provs = append(d.provs, pe)
		for _, w := range p.words {
			for _, spelling := range wordSpellings(w) {
				tag, ok := d.index[spelling]
				if !ok {
					tag = len(d.words)
					d.index[spelling] = tag
					d.words = append(d.words, spelling)
					d.byWord = append(d.byWord, nil)
				}
				d.byWord[tag] = append(d.byWord[tag], pi)
			}
		}
	}
	return d, rules
}

// wordSpellings writes a name with a space ("new relic") in the ways keys and text
// spell it: "new relic", "new_relic", "new-relic", "new.relic", "newrelic".
func wordSpellings(w string) []string {
	if !strings.Contains(w, " ") {
		return []string{w}
	}
	var out []string
	for _, sep := range []string{" ", "_", "-", ".", ""} {
		out = append(out, strings.ReplaceAll(w, " ", sep))
	}
	return out
}
