package detect

import (
	"bytes"
	"encoding/base64"
	"slices"
	"sort"
	"strings"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// Values that the text around them marks as examples are dropped after the pass. Each
// signal below is one a real leak (a .env or config holding several providers' keys, a
// log line) does not have:
//
//   - the text defines the pattern that matches the value: a secret scanner's rule
//     catalogue or detector source lists its example tokens next to the regular
//     expression they were written for ("hf_(?i:[a-z]{34})" above "hf_jCBa…");
//   - the value is stored under a key named example, or below one: OpenAPI and JSON
//     Schema documents ("example:", "examples:"), Go and JSON catalogues
//     ("Examples: []string{…}");
//   - the prose right above the value introduces it as an example ("For example:",
//     "Example:" ending a line a few lines up, "for example" before it on its line);
//   - its line carries a secret scanner's inline allow marker ("gitleaks:allow",
//     "pragma: allowlist secret", "trufflehog:ignore"): someone reviewed the value and
//     recorded that it is not a live secret.
//
// And a few values are public by design: the credentials a vendor publishes for
// everyone to use on its demo server. All of it looks only at what the scanned text
// holds, never at a file name.

// dropExamples removes the secret matches the text marks as examples. The text is
// indexed once, on the first secret match: where regular expressions stand and where
// the word "example" stands as a key, an introduction or in "for example", so that a
// match costs a few binary searches, not a walk through the lines above it.
func (sc *scanner) dropExamples() {
	if len(sc.ms) == 0 {
		return
	}
	var x exampleIndex
	x.rt.marks = sc.textMarks()
	var shown []string // the values dropped as examples (realtrees9.go's exampleAgain)
	kept := sc.ms[:0]
	for _, m := range sc.ms {
		if m.r.Category == finding.Secret && m.end-m.start >= 4 && (x.example(sc.data, m, sc.exampleAt) || sc.allowMarked(m.start, m.end) ||
			x.realTrees(sc.data, m, sc.exampleAt) || sc.treeRound9(m) || sc.treeRound10(m) || sc.treeRound11(m) || sc.treeRound12(m) || sc.treeRound13(m) || sc.treeRound14(m) || sc.treeRound15(m) || sc.treeRound16(m) || sc.treeRound17(m) || sc.treeRound18(m) || x.treeRound37(sc, m)) {
			shown = append(shown, m.value)
			if tracer != nil {
				sc.trace(m.r, "drop", x.dropWhy(sc, m), nil, m.start, m.start, m.end)
			}
			continue
		}
		kept = append(kept, m)
	}
	sc.ms = exampleAgain(keepFirst(sc.ms, len(kept)), shown)
}

// exampleIndex is what dropExamples knows of one text.
type exampleIndex struct {
	built bool
	rx    regexLits
	// offsets of the word "example" where it is a key ("example:", "Examples:"),
	// where it ends a line introducing what follows ("For example:"), and where it
	// follows "for"
	keys, intros, fors []int
	// the answers of underKey and introduced for the last line asked about, and the
	// start of the last introducing line read: a long line of values reads the lines
	// above it once
	keyMemo, introMemo lineMemo
	ilFor, il          int
	// realtrees.go's classes: whether the text names a scanner's test-vector list at
	// all, and the fenced blocks of its example sections, each found once a text
	rt rtIndex
	// realtrees37.go's triple quotes
	r37 round37Index
	// realtrees38.go's POD and roff example blocks
	r38 round38Index
	// realtrees40.go's spans of JSON values keyed examples
	r40 round40Index
	// realtrees41.go's spans of test-named Python literals
	r41 round41Index
}

func (x *exampleIndex) example(data []byte, m rawMatch, at []int) bool {
	if publicExample(m.value) || encodedStandIn(m.value, m.r.prio <= prioGeneric) {
		return true
	}
	if !x.built {
		x.built = true
		if !slices.IsSorted(at) {
			slices.Sort(at) // the prefilter reports in order; this keeps the searches right if it ever does not
		}
		x.index(data, at)
	}
	return x.rx.defines(data, m.value) ||
		(len(x.keys) > 0 || len(x.fors) > 0) && (x.underKey(data, m.start) || x.introduced(data, m.start))
}

// index sorts every "xample" (at, found by the prefilter) into keys, intros and fors.
func (x *exampleIndex) index(data []byte, at []int) {
	for _, i := range at {
		p := i + 6
		if i == 0 || data[i-1]|0x20 != 'e' {
			continue
		}
		w := i - 1 // the word starts at the 'e', or before "x-"
		if w >= 2 && data[w-1] == '-' && data[w-2]|0x20 == 'x' {
			w -= 2
		}
		if w > 0 && is(data[w-1], cAlnum|cUnder) {
			continue
		}
		if w > 0 && (data[w-1] == '.' || data[w-1] == '@') || w > 1 && data[w-1] == '/' && data[w-2] == '/' {
			// a host or its last label ("relay@mx.example :", "db.corp.example:22",
			// "http://example:8080"), not the key "example:"
			continue
		}
		if w >= 4 && data[w-1] == ' ' && data[w-2]|0x20 == 'r' && data[w-3]|0x20 == 'o' && data[w-4]|0x20 == 'f' &&
			(w == 4 || !is(data[w-5], cAlnum)) {
			x.fors = append(x.fors, w)
		}
		e := p
		if e < len(data) && data[e]|0x20 == 's' {
			e++
		}
		if e+6 <= len(data) && (string(data[e:e+6]) == "_value" || string(data[e:e+6]) == "_Value") {
			e += 6
		} else if e+5 <= len(data) && (string(data[e:e+5]) == "Value" || string(data[e:e+5]) == "value") {
			e += 5
		}
		if e < len(data) && is(data[e], cAlnum|cUnder|cDash) {
			continue // "exampleFoo", "example-app"
		}
		k := e
		for k < len(data) && (data[k] == '"' || data[k] == '\'' || data[k] == ' ') {
			k++
		}
		if k >= len(data) || data[k] != ':' {
			continue
		}
		x.keys = append(x.keys, w)
		r := k + 1
		for r < len(data) && (data[r] == ' ' || data[r] == '\t' || data[r] == '\r' || data[r] == '`' || data[r] == '*' || data[r] == '_') {
			r++
		}
		if r == len(data) || data[r] == '\n' {
			x.intros = append(x.intros, w)
		}
	}
}

// lastBefore returns the greatest offset in sorted ps that is below at, or -1.
func lastBefore(ps []int, at int) int {
	i := sort.SearchInts(ps, at)
	if i == 0 {
		return -1
	}
	return ps[i-1]
}

// regexLits holds the literal text that stands right before regular-expression syntax
// in a document ("hf_" in "hf_(?i:[a-z]{34})", "AIza" in `AIza[\w-]{35}`, "AKIA" in
// "(?:A3T[A-Z0-9]|AKIA|ASIA)"), collected once per scan and only when a secret was
// found.
type regexLits struct {
	done bool
	lits [][]byte
}

// maxRegexLits bounds the work on a text full of expressions.
const maxRegexLits = 512

// defines reports whether the text holds a regular expression whose literal prefix
// begins the value: the value is that expression's example.
func (x *regexLits) defines(data []byte, v string) bool {
	if !x.done {
		x.done = true
		x.collect(data)
	}
	for _, l := range x.lits {
		if len(l) < len(v) && string(l) == v[:len(l)] {
			return true
		}
	}
	return false
}

func (x *regexLits) collect(data []byte) {
	add := func(end int) {
		s := end
		for s > 0 && end-s < 24 && (is(data[s-1], cAlnum|cUnder|cDash)) {
			s--
		}
		if s > 0 && data[s-1] == '\\' && s < end {
			s++ // "\bhf_": the b belongs to the escape
		}
		if end-s < 2 || len(x.lits) >= maxRegexLits {
			return
		}
		l := data[s:end]
		for _, o := range x.lits {
			if bytes.Equal(o, l) {
				return
			}
		}
		x.lits = append(x.lits, l)
	}
	// "[" opening a character class with a range or an escape: "[a-z", "[A-Z0-9]",
	// "[\w-]", "[0-9a-f]"
	for p := 0; ; {
		i := bytes.IndexByte(data[p:], '[')
		if i < 0 {
			break
		}
		i += p
		p = i + 1
		if i > 0 && charClass(data[i+1:]) {
			add(i)
			// alternatives before the class: "(?:A3T[A-Z0-9]|AKIA|ASIA)" has AKIA and ASIA
			altLits(data, i, add)
		}
	}
	// "(?" opening a group with flags or no capture: "hf_(?i:", "sk-(?:proj|svcacct)"
	for p := 0; ; {
		i := bytes.Index(data[p:], []byte("(?"))
		if i < 0 {
			break
		}
		i += p
		p = i + 2
		if i > 0 {
			add(i)
		}
		// the alternatives inside the group: "(?:AKIA|ASIA)"
		q := i + 2
		for q < len(data) && q-i < 8 && data[q] != ':' && data[q] != ')' {
			q++
		}
		if q < len(data) && data[q] == ':' {
			for r := q + 1; r < len(data) && r-q < 256; r++ {
				c := data[r]
				if c == '|' || c == ')' {
					add(r)
				}
				if c == ')' || c == '\n' || c == '[' {
					break
				}
			}
		}
	}
}

// altLits adds the alternatives of a group that ends with the class at i:
// "(?:A3T[A-Z0-9]|AKIA|ASIA)".
func altLits(data []byte, i int, add func(int)) {
	e := bytes.IndexByte(data[i:min(len(data), i+64)], ']')
	if e < 0 {
		return
	}
	for r := i + e + 1; r < len(data) && r-i < 256; r++ {
		c := data[r]
		if c == '|' || c == ')' {
			if r > 0 && is(data[r-1], cAlnum|cUnder|cDash) {
				add(r)
			}
		}
		if c == ')' || c == '\n' || c == '[' || c == ' ' {
			return
		}
	}
}

// charClass reports whether s (the text after a '[') opens a regular-expression
// character class: a range of letters or digits ("a-z", "0-9") or an escape ("\w", "\d")
// within its first characters, and a closing ']'. An index ("data[i-1]") has neither
// both.
func charClass(s []byte) bool {
	n := min(len(s), 48)
	end := bytes.IndexByte(s[:n], ']')
	if end < 2 {
		return false
	}
	body := s[:end]
	for j := 0; j < len(body); j++ {
		c := body[j]
		switch {
		case c == '\\' && j+1 < len(body) && (body[j+1] == 'w' || body[j+1] == 'd' || body[j+1] == 's' || body[j+1] == 'W'):
			return true
		case j+2 < len(body) && body[j+1] == '-' && rangeEnds(c, body[j+2]):
			return true
		case !is(c, cAlnum|cUnder|cDash) && c != '\\' && c != '.' && c != '+' && c != '/' && c != '=' && c != '^':
			return false
		}
	}
	// a class of listed characters is a regular expression when a quantifier or a group
	// follows it: "xox[pe](?:", "EAA[MC](?i)", "[abc]{4}"
	if end+2 < len(s) {
		switch a, b := s[end+1], s[end+2]; {
		case a == '{' && isDigit(b), a == '(' && b == '?':
			return true
		}
	}
	return false
}

// rangeEnds accepts the ends of a class range: a-z, A-Z, 0-9 and their parts.
func rangeEnds(a, b byte) bool {
	switch {
	case isDigit(a) && isDigit(b), is(a, cLower) && is(b, cLower), is(a, cUpper) && is(b, cUpper):
		return a < b
	}
	return false
}

// underKey reports whether the value at start is assigned to a key named example
// (example, examples, x-example, exampleValue), on its own line or on a line above it
// with less indentation (YAML, pretty JSON, Go composite literals). Only ':' counts: a
// key of a document's structure, not a variable someone named Example in a
// configuration.
func (x *exampleIndex) underKey(data []byte, start int) bool {
	k := lastBefore(x.keys, start)
	if k < 0 {
		return false
	}
	if start-k > 64*256 {
		return false // too far, even on one long line
	}
	ls := x.rt.lc.start(data, start)
	if k >= ls {
		return true // on the value's own line
	}
	ind := indentOf(data[ls:start])
	return x.keyMemo.get([3]int{k, ls, ind}, func() bool { return keyAbove(data, k, ls, ind) })
}

// keyAbove: the example key at k stands on a line above the one at ls, indented less
// than ind, with every line between indented deeper.
func keyAbove(data []byte, k, ls, ind int) bool {
	// the key's line, read back no further than nearWindow (a long line before a
	// key is not read again for every value below it)
	kl := lineStartWithin(data, k, nearWindow)
	for lines := 0; ind > 0 && ls > kl && lines < 64; lines++ {
		pe := ls - 1
		ps := lineStartWithin(data, pe, pe-kl)
		if ps == kl && kl > 0 && data[kl-1] != '\n' {
			return false // the key's line is longer than nearWindow
		}
		line := data[ps:pe]
		ls = ps
		li := indentOf(line)
		if li == len(line) {
			continue // blank
		}
		if li < ind {
			if ps == kl {
				return true
			}
			ind = li
		}
	}
	return false
}

func indentOf(line []byte) int {
	n := 0
	for n < len(line) && (line[n] == ' ' || line[n] == '\t') {
		n++
	}
	return n
}

// introduced reports whether the value is introduced as an example: its own line
// says "for example" before it, or a line above it ends with "example:" ("For
// example:", "Example:") and the value sits in the block that line introduces: every
// line from there down is indented deeper, or the value is inside a code fence opened
// below it. A comment "# for example:" above a configuration line of the same
// indentation introduces nothing: the line below it is the file's own.
func (x *exampleIndex) introduced(data []byte, start int) bool {
	ls := x.rt.lc.start(data, start)
	if f := lastBefore(x.fors, start); f >= ls || f >= 0 && sameSentence(data, f, start) {
		return true
	}
	in := lastBefore(x.intros, ls)
	if in < 0 || ls-in > 24*256 {
		return false
	}
	if x.ilFor != in+1 {
		x.ilFor, x.il = in+1, bytes.LastIndexByte(data[:in], '\n')+1 // the introducing line
	}
	il := x.il
	minInd := indentOf(data[ls:start])
	items := listItem(data[ls+minInd : start]) // a list the line introduces ("Examples:" then "* …")
	return x.introMemo.get([3]int{ls, minInd, b2i(items)}, func() bool { return introBlock(data, ls, il, minInd, items) })
}

// introBlock: the line at ls, indented minInd, is in the block the line at il
// introduces.
func introBlock(data []byte, ls, il, minInd int, items bool) bool {
	fences := 0
	for lines := 0; ls > il && lines < 24; lines++ {
		pe := ls - 1
		ps := bytes.LastIndexByte(data[:pe], '\n') + 1
		raw := data[ps:pe]
		ls = ps
		ind := indentOf(raw)
		if ind == len(raw) || ind == len(raw)-1 && raw[ind] == '\r' {
			continue // blank
		}
		if ps == il {
			return fences%2 == 1 || minInd > ind || items && minInd >= ind
		}
		items = items && listItem(raw[ind:])
		if t := raw[ind:]; bytes.HasPrefix(t, []byte("```")) || bytes.HasPrefix(t, []byte("~~~")) {
			fences++
		}
		minInd = min(minInd, ind)
	}
	return false
}

// publicExamples are credentials published for everyone to use: MinIO's play server
// (printed in its SDKs' READMEs, its client's default configuration and its docs). They
// open nothing that is not public already. (jwt.io's sample token is not here: peers'
// test cases count it as a token to find.)
// MinIO's documentation also publishes the KMS master keys its setup scripts export
// (MINIO_KMS_SECRET_KEY=<name>:<base64>, docs/kms and the replication guides), so a
// value that is a key name and one of those keys is public too.
// Stripe's API reference puts one sample test-mode secret key, on a sandbox Stripe keeps
// for the purpose, in every example it prints (the current one and the one it printed
// for years), and says so: "a sample test API key is included in all the examples".
var publicExamples = map[string]bool{
	"sk_test_BQokikJOvBiI2HlWgH4olfQ2":             true,
	"sk_test_4eC39HqLyjWDarjtT1zdp7dc":             true,
	"Q3AM3UQ867SPQQA43P2F":                         true,
	"zuf+tfteSlswRu7BJ86wekitnifILbZam1KYY3TG":     true,
	"OSMM+vkKUTCvQs9YL/CVMIMt43HFhkUpqJxTmGl6rYw=": true,
	"IyqsU3kMFloCNup4BsZtf/rmfHVcTgznO2F25CkEH1g=": true,
}

// publicExample reports whether v is one of publicExamples, alone or after a key name and a
// colon (MinIO's KMS form).
func publicExample(v string) bool {
	switch len(v) {
	case 20, 32, 40, 44:
		return publicExamples[v]
	}
	// "…:<44 characters>" with no colon in the 44 (the last colon, looked for from the
	// end only as far as it can stand)
	if i := len(v) - 45; i > 0 && v[i] == ':' && strings.IndexByte(v[i+1:], ':') < 0 {
		return publicExamples[v[i+1:]]
	}
	return false
}

// encodedStandIn reports a base64 value whose decoded text is a stand-in: a placeholder
// ("example-app-secret", "user:password") or the bare header of a JWT with neither
// claims nor signature ("eyJhbGciOiJFUzI1NiIsInR5" in an OAuth example). A secret's
// base64 decodes to random bytes or to a real password; both pass. With padded, for a
// key-name rule's value, a padded value's last quantum is decoded too ("cm9v…MjM="
// under a Kubernetes Secret's password key); a provider's slot keeps what it holds.
func encodedStandIn(v string, padded bool) bool {
	if len(v) < 12 || len(v) > 96 || strings.IndexByte(v, '.') >= 0 {
		return false
	}
	for i := 0; i < len(v); i++ {
		if !is(v[i], cB64) && v[i] != '=' && v[i] != '-' && v[i] != '_' {
			return false
		}
	}
	var buf [72]byte
	enc := base64.StdEncoding
	if strings.ContainsAny(v, "-_") {
		enc = base64.URLEncoding
	}
	t := strings.TrimRight(v, "=")
	whole := t[:len(t)/4*4]
	if padded && len(v)%4 == 0 && len(v)-len(t) <= 2 && len(v) <= 96 {
		whole = t // padded to whole quanta: the last one decodes too
	}
	n, err := enc.WithPadding(base64.NoPadding).Decode(buf[:], []byte(whole))
	if err != nil || n < 6 {
		return false
	}
	d := bytes.TrimRight(buf[:n], "\n")
	for _, c := range d {
		if c < 0x20 || c >= 0x7f {
			return false // random bytes: a key, not text
		}
	}
	if bytes.HasPrefix(d, []byte(`{"alg"`)) || bytes.HasPrefix(d, []byte(`{"typ"`)) {
		return true // a JWT header alone
	}
	if len(whole) != len(t) {
		return false // text cut short: judge only what decodes whole
	}
	if isPlaceholder(d) {
		return true
	}
	if c := bytes.IndexByte(d, ':'); c > 0 && c < len(d)-1 && isPlaceholder(d[c+1:]) {
		return true // user:password
	}
	return false
}
