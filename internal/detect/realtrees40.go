package detect

import (
	"bytes"
	"sort"
	"strings"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// Real-tree classes of stop 40 (issue 11), read from a pyenv tree (CPython builds and
// their site-packages: an AWS SDK's service models, a CloudFormation linter's data, an
// AWS mock library). Each holds for any document that writes the same form:
//
//   - exampleSpan: a value anywhere inside the JSON object or array that a key named
//     examples holds, however far below the key it stands (an SDK's API examples file,
//     {"version": "1.0", "examples": {"CreateUser": [{"input": {"Password": …}}]}}):
//     underKey (example.go) reads only 64 lines up, such a file runs to thousands.
//   - qualifiedType: a key or a value that is a qualified type name, three or more
//     capitalised identifiers joined by "::" ("Vendor::Service::ApiKey" keyed to a
//     schema's digest, "Vendor::Compute::Instance" as a value): the key names a type, so
//     a keyword in its last part says nothing of the value, and such a value is a name.
//   - arnValue: a value that is an Amazon Resource Name, "arn:" partition, service,
//     region, account and resource ("arn:aws:iam::aws:policy/UserChangePassword"): it
//     names a resource, a policy or a secret's entry, never holds a credential.
//   - enumItem: a value that is an item of the array a key named enum holds (JSON
//     Schema, OpenAPI and service models: "enum": ["password", "kerberos"]): the items
//     are the names of allowed values, the word before is a sibling item, not a key.
//     Only an item that reads as a constant's name (lower-case letters, '-' and '_', or
//     upper-case letters and '_'): a random string in an enum still counts (realtrees16.go).
//   - escapedVarRef: a value that is a shell variable reference whose '$' is escaped
//     ("\$_SAVED_PWD", "\${TOKEN}"): a script writing a script defers the expansion, the
//     value is the variable's name.
//   - leetFake: a value that says it is not real in look-alike symbols ("n0t-re@l",
//     "f4ke-p@ss", "dummy" with '3' for 'e' …): folded back to letters, without the
//     separators, it holds "notreal", "fake" or "dummy" (saysFake's words, provider.go).
//   - sessionKeyedJWT: a JSON Web Token a doctest prints (the line right below a ">>> "
//     prompt) that is signed, HS256/384/512, with a string the same session wrote on one
//     of its prompt lines above (">>> key = jwk.import_key('some-key', 'oct')"): the
//     documentation shows its key, so the token is its illustration. A real key would be
//     found where it stands.

// treeRound40 reports a secret match that one of the round's classes explains.
func (x *exampleIndex) treeRound40(data []byte, m rawMatch) bool {
	if m.r.Category != finding.Secret || m.start <= 1 || m.end > len(data) || m.start >= m.end {
		return false
	}
	if strings.HasPrefix(m.value, "eyJ") && doctestOutput(data, m.start) && jwtSignedBy([]byte(m.value), sessionStrings(data, m.start)) {
		return true
	}
	return qualifiedType(m.value) || arnValue(m.value) || escapedVarRef(m.value) || leetFake(m.value) ||
		qualifiedKeyBefore(data, m.start) || enumName(m.value) && enumItem(data, m.start) || x.r40.exampleSpan(data, x, m.start)
}

// round40Index holds the spans of the JSON values keyed examples, found once a text.
type round40Index struct {
	built bool
	spans [][2]int // [open, close] of each outermost value, in order
}

// exampleSpan reports a value inside the object or array of a key named examples (one
// of x.keys, "examples": { … }).
func (r *round40Index) exampleSpan(data []byte, x *exampleIndex, at int) bool {
	if !x.built || len(x.keys) == 0 {
		return false
	}
	if !r.built {
		r.built = true
		r.spans = jsonKeySpans(data, x.keys)
	}
	i := sort.Search(len(r.spans), func(i int) bool { return r.spans[i][1] >= at })
	return i < len(r.spans) && r.spans[i][0] < at
}

// jsonKeySpans finds, for each key offset in keys (sorted), the '{' or '[' that opens
// its value after ':' and the bracket that closes it, reading JSON strings as strings.
// A key inside a span found already is skipped, and the search stops at the first
// value that does not close: the work is linear in the text.
func jsonKeySpans(data []byte, keys []int) [][2]int {
	var spans [][2]int
	end := -1
	for _, k := range keys {
		if k <= end {
			continue
		}
		c := k
		for c < len(data) && data[c] != ':' && data[c] != '\n' {
			c++
		}
		o := c + 1
		for o < len(data) && (data[o] == ' ' || data[o] == '\t' || data[o] == '\r' || data[o] == '\n') {
			o++
		}
		if c >= len(data) || data[c] != ':' || o >= len(data) || data[o] != '{' && data[o] != '[' {
			continue
		}
		cl := closeBracket(data, o)
		if cl < 0 {
			break
		}
		spans = append(spans, [2]int{o, cl})
		end = cl
	}
	return spans
}

// closeBracket returns the offset of the bracket closing the one at o, or -1.
func closeBracket(data []byte, o int) int {
	depth := 0
	for i := o; i < len(data); i++ {
		switch data[i] {
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return i
			}
			if depth < 0 {
				return -1
			}
		case '"':
			for i++; i < len(data) && data[i] != '"'; i++ {
				if data[i] == '\\' {
					i++
				}
			}
		}
	}
	return -1
}

// qualifiedType reports three or more capitalised identifiers (letters and digits, at
// most 64 each) joined by "::".
func qualifiedType(v string) bool {
	parts := strings.Split(v, "::")
	if len(parts) < 3 {
		return false
	}
	for _, p := range parts {
		if p == "" || len(p) > 64 || !is(p[0], cUpper) {
			return false
		}
		for i := 1; i < len(p); i++ {
			if !is(p[i], cLower|cUpper|cDigit) {
				return false
			}
		}
	}
	return true
}

// qualifiedKeyBefore reports a quoted value (at is right after its opening quote) whose
// key, quoted on the same line before ':', is a qualified type name.
func qualifiedKeyBefore(data []byte, at int) bool {
	q := data[at-1]
	if q != '"' && q != '\'' {
		return false
	}
	i := at - 2
	for i >= 0 && (data[i] == ' ' || data[i] == '\t') {
		i--
	}
	if i < 0 || data[i] != ':' || i < 1 || data[i-1] == ':' {
		return false
	}
	i--
	for i >= 0 && (data[i] == ' ' || data[i] == '\t') {
		i--
	}
	if i < 0 || data[i] != '"' && data[i] != '\'' {
		return false
	}
	ke := i
	ks := ke - 1
	for ks >= 0 && ke-ks <= 256 && data[ks] != data[ke] && data[ks] != '\n' {
		ks--
	}
	return ks >= 0 && data[ks] == data[ke] && qualifiedType(string(data[ks+1:ke]))
}

// arnValue reports an Amazon Resource Name: "arn:", a partition ("aws" or "aws-…"), a
// service of lower-case letters, digits and '-', and then region, account and resource
// in at least three more ':'-separated fields.
func arnValue(v string) bool {
	f := strings.SplitN(v, ":", 6)
	if len(f) < 6 || f[0] != "arn" || f[1] != "aws" && !strings.HasPrefix(f[1], "aws-") || f[2] == "" || f[5] == "" {
		return false
	}
	for i := 0; i < len(f[2]); i++ {
		if !is(f[2][i], cLower|cDigit|cDash) {
			return false
		}
	}
	return true
}

// enumItem reports a quoted value (at is right after its opening quote) that is an item
// of an array keyed enum: reading back over the quoted items before it, ',' and blanks,
// the array's '[' follows "enum" and ':'.
func enumItem(data []byte, at int) bool {
	if data[at-1] != '"' {
		return false
	}
	i := at - 2
	for n := 0; i >= 0 && n < 256 && at-i < 8192; n++ {
		for i >= 0 && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n') {
			i--
		}
		if i < 0 {
			return false
		}
		switch data[i] {
		case ',':
			i--
			continue
		case '"':
			i--
			for i >= 0 && data[i] != '"' && data[i] != '\n' {
				i--
			}
			if i < 0 || data[i] != '"' {
				return false
			}
			i--
			continue
		case '[':
			i--
			for i >= 0 && (data[i] == ' ' || data[i] == '\t') {
				i--
			}
			if i < 0 || data[i] != ':' {
				return false
			}
			i--
			for i >= 0 && (data[i] == ' ' || data[i] == '\t') {
				i--
			}
			if i >= 0 && data[i] == '"' {
				i--
			}
			return i >= 3 && string(data[i-3:i+1]) == "enum" && (i == 3 || !is(data[i-4], cAlnum|cUnder))
		}
		return false
	}
	return false
}

// escapedVarRef reports a shell variable reference behind escaped dollars: one or more
// '\', '$', then a name or a braced name and nothing else.
func escapedVarRef(v string) bool {
	b := 0
	for b < len(v) && v[b] == '\\' {
		b++
	}
	if b == 0 || b+1 >= len(v) || v[b] != '$' {
		return false
	}
	name := v[b+1:]
	if name[0] == '{' {
		if len(name) < 3 || name[len(name)-1] != '}' {
			return false
		}
		name = name[1 : len(name)-1]
	}
	if is(name[0], cDigit) {
		return false
	}
	for i := 0; i < len(name); i++ {
		if !is(name[i], cAlnum|cUnder) {
			return false
		}
	}
	return true
}

// sessionStrings returns the quoted strings (1 to 256 bytes, at most 32) on the prompt
// lines (">>> ", "... ") of the doctest session above at, read up to 16 lines back.
func sessionStrings(data []byte, at int) [][]byte {
	var keys [][]byte
	ls := lineStartWithin(data, at, 4096)
	for n := 0; ls > 0 && n < 16 && len(keys) < 32; n++ {
		ps := lineStartWithin(data, ls-1, 4096)
		line := bytes.TrimLeft(data[ps:ls-1], " \t")
		ls = ps
		if !bytes.HasPrefix(line, []byte(">>> ")) && !bytes.HasPrefix(line, []byte("... ")) {
			continue // the session's output
		}
		for i := 4; i < len(line) && len(keys) < 32; i++ {
			q := line[i]
			if q != '"' && q != '\'' {
				continue
			}
			e := bytes.IndexByte(line[i+1:], q)
			if e < 0 {
				break
			}
			if e >= 1 && e <= 256 {
				keys = append(keys, line[i+1:i+1+e])
			}
			i += e + 1
		}
	}
	return keys
}

// leetFake reports a value of at most 64 bytes that holds a look-alike symbol ('@',
// '$', '0', '1', '3', '4', '5', '7') and whose parts between separators ('-', '_', '.',
// blanks), folded to lower-case letters ('@' and '4' to 'a', '$' and '5' to 's', '0' to
// 'o', '1' to 'l', '3' to 'e', '7' to 't'), say "notreal", "fake" or "dummy" in one or
// more whole parts: a random token that holds such letters inside a part does not.
func leetFake(v string) bool {
	if len(v) > 64 || !strings.ContainsAny(v, "@$013457") {
		return false
	}
	var buf [64]byte
	f := buf[:0]
	var cuts []int // where each part starts in f
	sep := true
	for i := 0; i < len(v); i++ {
		c := lowerASCII(v[i])
		switch c {
		case '-', '_', '.', ' ':
			sep = true
			continue
		case '@', '4':
			c = 'a'
		case '$', '5':
			c = 's'
		case '0':
			c = 'o'
		case '1':
			c = 'l'
		case '3':
			c = 'e'
		case '7':
			c = 't'
		}
		if sep {
			cuts = append(cuts, len(f))
			sep = false
		}
		f = append(f, c)
	}
	cuts = append(cuts, len(f))
	for a := 0; a < len(cuts)-1; a++ {
		for b := a + 1; b < len(cuts); b++ {
			switch string(f[cuts[a]:cuts[b]]) {
			case "notreal", "fake", "dummy":
				return true
			}
		}
	}
	return false
}

// enumName reports a value of lower-case letters, '-' and '_', or of upper-case letters
// and '_'.
func enumName(v string) bool {
	lower, upper := true, true
	for i := 0; i < len(v); i++ {
		c := v[i]
		lower = lower && (is(c, cLower) || c == '-' || c == '_')
		upper = upper && (is(c, cUpper) || c == '_')
	}
	return len(v) > 0 && (lower || upper)
}
