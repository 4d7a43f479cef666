package detect

import (
	"bytes"
	"slices"
	"sort"
	"strings"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// Real-tree classes of stop 37 (issue 11), found on new tuning trees of kinds the
// earlier rounds had not read (Debian's Python libraries with Ansible's collections,
// Ruby gems, PHP and Perl libraries: scripts/tuning-trees.sh):
//
//   - pyDocBlock: a value inside a Python triple-quoted string assigned to a name that
//     says the string is documentation: EXAMPLES, DOCUMENTATION and RETURN (the
//     blocks every Ansible module carries, by the Ansible module format), a
//     command's USAGE or EPILOG, a module's __doc__ or *_DOC. Such a string is
//     written to be read (printed by ansible-doc, --help), its values are stand-ins.
//   - regionTable: a password key that is a region or locale code (Palau's PW,
//     en_PW) in a table whose lines on both sides are keyed by codes of the same
//     shape: a locale's list of country names (Symfony's Intl data, Carbon's regions).
//   - objectRef: a value that is a Python object reference, a dotted module path, ':'
//     and an attribute (keystoneauth1.loading._plugins.identity.v3:Password): the
//     entry points of a package's metadata (entry_points.txt, setup.cfg), which name
//     the code a plugin loads; a generic or password rule reads the name on its left
//     (v3password, token_issue) as a credential's. The attribute must read as code
//     names things (codeIdent), not as a random string.
//   - scottTiger: the password tiger of the user scott, Oracle's demonstration schema,
//     which database documentation writes into every example connection URL
//     (SQLAlchemy's "postgresql://scott:tiger@localhost/test"). Only that exact pair:
//     scott with any other password (tiger99) still counts.

// treeRound37 reports a secret match that one of the round's classes explains.
func (x *exampleIndex) treeRound37(sc *scanner, m rawMatch) bool {
	if m.r.Category != finding.Secret || m.start < 0 || m.end > len(sc.data) || m.start >= m.end {
		return false
	}
	if scottTiger(sc.data, m.start, m.value) || x.r37.pyDocBlock(sc.data, &x.rt, m.start) || regionTable(sc.data, m.start) {
		return true
	}
	return m.r.prio <= prioGeneric && objectRef(m.value) || x.r38.treeRound38(sc.data, m) || treeRound39(sc.data, m) || x.treeRound40(sc.data, m) || x.treeRound41(sc.data, m) // (realtrees38.go … realtrees41.go)
}

// objectRef reports a Python object reference: two or more dotted module names (lower
// case, digits and '_'), ':', then an identifier, dots allowed.
func objectRef(v string) bool {
	c := strings.IndexByte(v, ':')
	if c < 0 || c == len(v)-1 {
		return false
	}
	mod, attr := v[:c], v[c+1:]
	if strings.Count(mod, ".") < 1 {
		return false
	}
	for _, part := range strings.Split(mod, ".") {
		if part == "" || part[0] >= '0' && part[0] <= '9' {
			return false
		}
		for i := 0; i < len(part); i++ {
			if b := part[i]; !(b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '_') {
				return false
			}
		}
	}
	for _, part := range strings.Split(attr, ".") {
		if !codeIdent(part) {
			return false
		}
	}
	return true
}

// codeIdent reports an identifier as code names things (main, ShowCredential,
// CreateEC2Creds), not a random string after a dotted name (signing.key:OYh4B40V7jW):
// at most one digit and at most three lower-to-upper humps.
func codeIdent(s string) bool {
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		return false
	}
	digits, humps := 0, 0
	for i := 0; i < len(s); i++ {
		b := s[i]
		switch {
		case b >= '0' && b <= '9':
			digits++
		case b >= 'A' && b <= 'Z':
			if i > 0 && s[i-1] >= 'a' && s[i-1] <= 'z' {
				humps++
			}
		case b >= 'a' && b <= 'z' || b == '_':
		default:
			return false
		}
	}
	return digits <= 1 && humps <= 3
}

// scottTiger reports the value tiger right after "scott:" or "scott/" (any case).
func scottTiger(data []byte, start int, v string) bool {
	if !strings.EqualFold(v, "tiger") || start < 6 {
		return false
	}
	sep := data[start-1]
	return (sep == ':' || sep == '/') && strings.EqualFold(string(data[start-6:start-1]), "scott") &&
		(start == 6 || !is(data[start-7], cAlnum))
}

// docBlockBack bounds how far back pyDocBlock looks for the string's opening quote.
const docBlockBack = 64 << 10

// pyDocBlock reports an offset inside a triple-quoted string literal that opens on a
// line "NAME = " and three double or single quotes (a string prefix r, u or b allowed,
// the line indented or not), NAME a documentation name (docName), with no triple quote
// between the opening and at.
func (r *round37Index) pyDocBlock(data []byte, rt *rtIndex, at int) bool {
	if !r.built {
		r.built = true
		r.tq = withTripleSingles(data, rt.quotes(data))
	}
	i := sort.SearchInts(r.tq, at) - 1 // the last triple quote before at
	if i < 0 || at-r.tq[i] > docBlockBack {
		return false
	}
	return docOpening(data, r.tq[i])
}

// round37Index is what the round's classes know of one text: the offsets of its triple
// quotes, found once (a text without any costs one search for the single-quote form).
type round37Index struct {
	built bool
	tq    []int // offsets of three double or three single quotes, in order
}

var tripleSingle = []byte{39, 39, 39}

// withTripleSingles adds the offsets of three single quotes to dq, the text's offsets of
// three double quotes (realtrees.go's index, found once a text and left unchanged here),
// in order.
func withTripleSingles(data []byte, dq []int) []int {
	if !bytes.Contains(data, tripleSingle) {
		return dq
	}
	out := append(slices.Clone(dq), quoteRuns(data, tripleSingle)...)
	sort.Ints(out)
	return out
}

// docOpening reports a triple quote at q that opens a string assigned to a
// documentation name on its line.
func docOpening(data []byte, q int) bool {
	ls := lineStartWithin(data, q, 256)
	t := bytes.TrimLeft(data[ls:q], " \t")
	for len(t) > 0 && strings.IndexByte("rRuUbB", t[len(t)-1]) >= 0 {
		t = t[:len(t)-1]
	}
	t = bytes.TrimRight(t, " \t")
	if len(t) < 2 || t[len(t)-1] != '=' {
		return false
	}
	t = bytes.TrimRight(t[:len(t)-1], " \t")
	return docName(t)
}

// docNames are the last words of names that hold documentation.
var docNames = map[string]bool{
	"examples": true, "example": true, "documentation": true, "doc": true, "docs": true,
	"return": true, "usage": true, "epilog": true,
}

// docName reports a Python identifier whose last '_'-separated word is a docNames word
// (EXAMPLES, RETURN, CLI_USAGE, __doc__).
func docName(n []byte) bool {
	if len(n) == 0 || len(n) > 64 {
		return false
	}
	for _, c := range n {
		if !is(c, cAlnum) && c != '_' {
			return false
		}
	}
	s := strings.Trim(string(n), "_")
	if i := strings.LastIndexByte(s, '_'); i >= 0 {
		s = s[i+1:]
	}
	return docNames[strings.ToLower(s)]
}

// regionTable reports a match on a line keyed by a region or locale code ('PW' =>,
// "en_PW":) whose previous and next lines are keyed by codes of the same shape.
func regionTable(data []byte, at int) bool {
	ls := lineStartWithin(data, at, 256)
	k := lineKey(data[ls:lineEndWithin(data, at, 256)])
	if !regionCode(k) || ls == 0 {
		return false
	}
	ps := lineStartWithin(data, ls-1, 256)
	if !sameCodeShape(k, lineKey(data[ps:ls-1])) {
		return false
	}
	ne := lineEndWithin(data, at, 256)
	if ne >= len(data) {
		return false
	}
	return sameCodeShape(k, lineKey(data[ne+1:lineEndWithin(data, ne+1, 256)]))
}

// lineKey is the quoted key a line opens with ('PW' => …, "en_PW": …), or nil.
func lineKey(line []byte) []byte {
	t := bytes.TrimLeft(line, " \t")
	if len(t) < 3 || t[0] != '\'' && t[0] != '"' {
		return nil
	}
	e := bytes.IndexByte(t[1:], t[0])
	if e < 0 {
		return nil
	}
	k := t[1 : 1+e]
	r := bytes.TrimLeft(t[2+e:], " \t")
	if len(r) == 0 || r[0] != ':' && r[0] != '=' {
		return nil
	}
	return k
}

// regionCode reports a country code (two upper-case letters) alone or after a
// language's two or three lower-case letters and '_' or '-' (en_PW, haw-US).
func regionCode(k []byte) bool {
	n := len(k)
	if n < 2 || !upper(k[n-1]) || !upper(k[n-2]) {
		return false
	}
	if n == 2 {
		return true
	}
	if n != 5 && n != 6 || k[n-3] != '_' && k[n-3] != '-' {
		return false
	}
	for _, c := range k[:n-3] {
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

func upper(c byte) bool { return c >= 'A' && c <= 'Z' }

// sameCodeShape reports a neighbour key that is a region code too, with or without a
// language as k is.
func sameCodeShape(k, n []byte) bool {
	return regionCode(n) && (len(k) == 2) == (len(n) == 2)
}
