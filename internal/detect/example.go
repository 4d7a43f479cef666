package detect

import (
	"bytes"

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

// dropExamples removes the secret matches the text marks as examples.
func (sc *scanner) dropExamples() {
	if len(sc.ms) == 0 {
		return
	}
	var rx regexLits
	kept := sc.ms[:0]
	for _, m := range sc.ms {
		if m.r.Category == finding.Secret && m.end-m.start >= 4 &&
			(publicExamples[m.value] || rx.defines(sc.data, m.value) || underExampleKey(sc.data, m.start) ||
				allowMarked(sc.data, m.start, m.end) || introducedAsExample(sc.data, m.start)) {
			continue
		}
		kept = append(kept, m)
	}
	sc.ms = kept
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

// exampleKeys are the key names under which documents store examples.
var exampleKeys = []string{"example", "examples", "x-example", "x-examples", "examplevalue", "example_value"}

// underExampleKey reports whether the value at start is assigned to a key named like
// an example, on its own line or on a line above it with less indentation (YAML, pretty
// JSON, Go composite literals). The walk up stops at the first line without
// indentation, so a log line costs one look at its own start.
func underExampleKey(data []byte, start int) bool {
	ls := bytes.LastIndexByte(data[:start], '\n') + 1
	if lineKeyIsExample(data[ls:start]) {
		return true
	}
	ind := indentOf(data[ls:start])
	for lines := 0; ind > 0 && ls > 0 && lines < 64; lines++ {
		pe := ls - 1
		ps := bytes.LastIndexByte(data[:pe], '\n') + 1
		line := data[ps:pe]
		ls = ps
		li := indentOf(line)
		if li == len(line) {
			continue // blank
		}
		if li < ind {
			if lineKeyIsExample(line) {
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

// lineKeyIsExample reports whether text (the start of a line) holds a key named like an
// example followed by ':': `example:`, `"examples": [`, `Examples: []string{`.
func lineKeyIsExample(text []byte) bool {
	if len(text) > 256 {
		text = text[len(text)-256:]
	}
	for i := 0; i < len(text); i++ {
		c := text[i] | 0x20
		if c != 'e' && c != 'x' {
			continue
		}
		if i > 0 && is(text[i-1], cAlnum|cUnder) {
			continue
		}
		j := i
		for j < len(text) && (is(text[j], cAlnum|cUnder|cDash)) {
			j++
		}
		word := text[i:j]
		if len(word) < 7 || len(word) > 13 {
			i = j
			continue
		}
		k := j
		for k < len(text) && (text[k] == '"' || text[k] == '\'' || text[k] == ' ') {
			k++
		}
		// ':' only: a key of a document's structure ("example:", "Examples:"), not
		// a variable someone named Example in a configuration
		if k < len(text) && text[k] == ':' {
			for _, w := range exampleKeys {
				if len(w) == len(word) && equalFoldASCII(word, w) {
					return true
				}
			}
		}
		i = j
	}
	return false
}

func equalFoldASCII(a []byte, b string) bool {
	for i := range a {
		if lowerASCII(a[i]) != b[i] {
			return false
		}
	}
	return true
}

// allowMarkers are the inline comments with which gitleaks, detect-secrets and
// trufflehog users mark a reviewed value as not a secret.
var allowMarkers = [...]string{"gitleaks:allow", "allowlist secret", "trufflehog:ignore"}

// allowMarked reports whether the line of the match carries an allow marker.
func allowMarked(data []byte, start, end int) bool {
	ls := max(bytes.LastIndexByte(data[:start], '\n')+1, start-512)
	le := bytes.IndexByte(data[end:min(len(data), end+512)], '\n')
	if le < 0 {
		le = min(len(data), end+512)
	} else {
		le += end
	}
	line := data[ls:le]
	if bytes.IndexByte(line, ':') < 0 && !bytes.Contains(line, []byte("allowlist")) {
		return false
	}
	for _, m := range allowMarkers {
		if bytes.Contains(line, []byte(m)) {
			return true
		}
	}
	return false
}

// exampleIntros end the line of prose that introduces an example below it, or stand
// before the value on its own line.
var exampleIntros = [...]string{"example:", "examples:", "for instance:", "e.g.:", "for example"}

// introducedAsExample reports whether the value is introduced as an example: its own
// line says "for example" before it, or a line above it ends with "example:"
// ("For example:", "Example:") and the value sits in the block that line introduces:
// every line from there down is indented deeper, or the value is inside a code fence
// opened below it. A comment "# for example:" above a configuration line of the same
// indentation introduces nothing: the line below it is the file's own.
func introducedAsExample(data []byte, start int) bool {
	ls := bytes.LastIndexByte(data[:start], '\n') + 1
	own := data[max(ls, start-160):start]
	for _, w := range exampleIntros[4:] {
		if containsFoldASCII(own, w) {
			return true
		}
	}
	minInd := indentOf(data[ls:start])
	fences := 0
	for lines := 0; ls > 0 && lines < 24; lines++ {
		pe := ls - 1
		ps := max(bytes.LastIndexByte(data[:pe], '\n')+1, pe-512)
		raw := data[ps:pe]
		ls = ps
		ind := indentOf(raw)
		if ind == len(raw) || ind == len(raw)-1 && raw[ind] == '\r' {
			continue // blank
		}
		line := bytes.TrimRight(raw, " \t\r`*_")
		for _, w := range exampleIntros[:4] {
			if len(line) >= len(w) && equalFoldASCII(line[len(line)-len(w):], w) {
				return fences%2 == 1 || minInd > ind
			}
		}
		if t := raw[ind:]; bytes.HasPrefix(t, []byte("```")) || bytes.HasPrefix(t, []byte("~~~")) {
			fences++
		}
		minInd = min(minInd, ind)
	}
	return false
}

// containsFoldASCII reports whether s holds w (lower case) ignoring ASCII case.
func containsFoldASCII(s []byte, w string) bool {
	for i := 0; i+len(w) <= len(s); i++ {
		if lowerASCII(s[i]) == w[0] && equalFoldASCII(s[i:i+len(w)], w) {
			return true
		}
	}
	return false
}

// publicExamples are credentials published for everyone to use: MinIO's play server
// (printed in its SDKs' READMEs, its client's default configuration and its docs). They
// open nothing that is not public already. (jwt.io's sample token is not here: peers'
// test cases count it as a token to find.)
var publicExamples = map[string]bool{
	"Q3AM3UQ867SPQQA43P2F":                     true,
	"zuf+tfteSlswRu7BJ86wekitnifILbZam1KYY3TG": true,
}
