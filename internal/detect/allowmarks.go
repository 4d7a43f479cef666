package detect

import (
	"bytes"
	"sort"
)

// Inline suppressions. Secret scanners let a developer mark a reviewed value in a
// comment; the marker records that someone looked at the value and judged it no live
// secret, so a value under any of them is dropped, whichever scanner's vocabulary the
// marker uses. Each scanner documents where its marker reaches:
//
//   - its own line: gitleaks ("gitleaks:allow"), detect-secrets and ripsecrets
//     ("pragma: allowlist secret"), trufflehog ("trufflehog:ignore"), secretlint
//     ("secretlint-disable-line"), Kingfisher ("NOKINGFISHER"), GitGuardian
//     ("ggignore"), Checkov's secret checks ("checkov:skip=CKV_SECRET_…");
//   - the next line: detect-secrets ("pragma: allowlist nextline secret"), secretlint
//     ("secretlint-disable-next-line", "…-nextline");
//   - everything after it up to "secretlint-enable" or the end of the text:
//     secretlint's block form ("secretlint-disable", optionally naming rules), read
//     only after a comment's opener (the word in a sentence disables nothing).
//
// A code linter's suppression is not one of them: "# noqa: S105", "# nosec",
// "// NOSONAR" silence a hard-coded credential warning, most often on a real key that
// is to be moved later.

// allowMarkers are the markers' texts in lower case (anchors are matched ignoring
// case); allowKinds says where each reaches.
var allowMarkers = []string{"gitleaks:allow", "allowlist secret", "trufflehog:ignore", "secretlint-disable",
	"nokingfisher", "ggignore", "checkov:skip=ckv_secret", "allowlist nextline secret", "secretlint-enable"}

// kinds of allow marks, kept in the low bits of scanner.allowAt's entries
const (
	allowLine    = iota // the marker's own line
	allowNext           // the line after the marker's
	allowDisable        // from the marker to the next allowEnable or the end
	allowEnable
)

// allowDet records where allow markers and the word "example" stand. It rides on the
// prefilter's pass, so a text without them pays nothing, and one with them a binary
// search per match.
type allowDet struct{}

var allowMarks detector = &allowDet{}

func (*allowDet) anchors() []string { return append([]string{"xample"}, allowMarkers...) }

func (*allowDet) hit(sc *scanner, di, tag, at int) {
	if tag == 0 {
		sc.exampleAt = append(sc.exampleAt, at)
		return
	}
	m := allowMarkers[tag-1]
	data := sc.data
	if !hasPrefixFold(data, at, m) {
		return
	}
	kind := allowLine
	switch m {
	case "secretlint-disable":
		switch rest := at + len(m); {
		case hasPrefixFold(data, rest, "-line"):
		case hasPrefixFold(data, rest, "-next-line") || hasPrefixFold(data, rest, "-nextline"):
			kind = allowNext
		case rest < len(data) && (is(data[rest], cAlnum) || data[rest] == '-' || data[rest] == '_'):
			return
		default:
			if !commentOpenerBefore(data, at) {
				return // the word in prose ("add `secretlint-disable` to …"): no block to disable
			}
			kind = allowDisable
		}
	case "secretlint-enable":
		kind = allowEnable
	case "allowlist nextline secret":
		kind = allowNext
	case "nokingfisher", "ggignore":
		// words of their own: "#NOKINGFISHER", not a longer name holding the letters
		if at > 0 && is(data[at-1], cAlnum) || at+len(m) < len(data) && is(data[at+len(m)], cAlnum) {
			return
		}
	}
	sc.allowAt = append(sc.allowAt, at<<2|kind)
}

// allowMarked reports whether an allow marker reaches the match: one on its line, one
// for the next line on the line above it, or a disabling block it stands in.
func (sc *scanner) allowMarked(start, end int) bool {
	ps := sc.allowAt
	if len(ps) == 0 {
		return false
	}
	data := sc.data
	i := sort.Search(len(ps), func(k int) bool { return ps[k]>>2 >= start-1024 })
	for ; i < len(ps) && ps[i]>>2 < end+512; i++ {
		a, kind := ps[i]>>2, ps[i]&3
		switch kind {
		case allowLine:
			lo, hi := min(a, start), max(a, end)
			if bytes.IndexByte(data[lo:hi], '\n') < 0 {
				return true
			}
		case allowNext:
			if a >= start {
				continue
			}
			nl := bytes.IndexByte(data[a:start], '\n')
			if nl >= 0 && bytes.IndexByte(data[a+nl+1:start], '\n') < 0 && bytes.IndexByte(data[start:end], '\n') < 0 {
				return true
			}
		}
	}
	// a block disabled by secretlint-disable: the last disable or enable before the
	// match decides
	j := sort.Search(len(ps), func(k int) bool { return ps[k]>>2 >= start })
	for k := j - 1; k >= 0 && j-k <= 4096; k-- {
		switch ps[k] & 3 {
		case allowDisable:
			return true
		case allowEnable:
			return false
		}
	}
	return false
}

// commentOpenerBefore reports a comment's opener right before at, blanks between:
// "//", "/*", "#", "<!--", "--", ";" or a block comment line's '*' — where secretlint's
// block marker, which reaches to the end of the text, is documented to stand.
func commentOpenerBefore(data []byte, at int) bool {
	p := at
	for p > 0 && at-p < 16 && (data[p-1] == ' ' || data[p-1] == '\t') {
		p--
	}
	if p == 0 {
		return false
	}
	switch data[p-1] {
	case '#', ';', '*':
		return true
	case '/':
		return p > 1 && data[p-2] == '/'
	case '-':
		return p > 1 && data[p-2] == '-'
	}
	return false
}
