package detect

import "bytes"

// textMark is a literal that a post-pass class (realtrees*.go) asks a whole text about
// before it looks closer: whether the text holds a triple quote, a certificate, a
// session token's name. Each such question used to be a search of the whole text of
// its own, made once per text with a match and, for a log streamed in 4 MiB windows,
// once per window. The prefilter's pass already reads every byte of the text: markDet
// rides on it and notes which marks occur, so the classes ask a bit instead.
type textMark uint8

const (
	markSession    textMark = iota // a session token's name: essionToken, ession_token, ESSION_TOKEN
	markHTTP                       // " HTTP/1." (an HTTP/1.x request or status line)
	markJobs                       // "runs-on:" (a GitHub Actions job)
	markTripleQ                    // `"""` (a Python string literal)
	markPrompt                     // ">>> " (an interpreter's prompt)
	markCert                       // "-----BEGIN CERTIFICATE-----"
	markStringList                 // "[]string{" (a Go list literal)
	markEg                         // "e.g." in either case of its e
	markRoff                       // a troff section request after a newline: "\n.SH " or "\n.Sh "
	markFence                      // a Markdown code fence: "```" or "~~~"
	markUEsc                       // `\u` (a JSON or source string's \uXXXX escape)
	markQP                         // "=3D" (quoted-printable's encoded '=')
	markSoftBreak                  // "=\n" (a quoted-printable soft line break)
	markShape                      // a shape phrase (realtrees14.go's shapePhrases), in any case
	// The machine's own names (realtrees4.go's machineHosts): the pass notes every
	// offset of these, not only whether they occur (placeMarks).
	markLocalhost // "localhost"
	markLoop4     // "127.0.0.1"
	markLoop6     // "[::1]"
	numMarks
)

// firstPlaceMark is the first of the marks whose offsets the pass keeps (textMarks.at).
const firstPlaceMark = markLocalhost

// placeMarks is how many marks have their offsets kept.
const placeMarks = int(numMarks - firstPlaceMark)

// markSpell is every exact spelling of each mark. markEg's is ".g.", which counts only
// after an 'e' or 'E' (markAt).
var markSpell = [numMarks][]string{
	markSession:    {"essionToken", "ession_token", "ESSION_TOKEN"},
	markHTTP:       {" HTTP/1."},
	markJobs:       {"runs-on:"},
	markTripleQ:    {`"""`},
	markPrompt:     {">>> "},
	markCert:       {"-----BEGIN CERTIFICATE-----"},
	markStringList: {"[]string{"},
	markEg:         {".g."},
	markRoff:       {"\n.SH ", "\n.Sh "},
	markFence:      {"```", "~~~"},
	markUEsc:       {`\u`},
	markQP:         {"=3D"},
	markSoftBreak:  {"=\n"},
	markShape:      shapePhrases,
	markLocalhost:  {"localhost"},
	markLoop4:      {"127.0.0.1"},
	markLoop6:      {"[::1]"},
}

// markAnchor is what the prefilter looks for to find a spelling, as lead, the offset
// of the anchor in the spelling: the spelling itself (folded and cut to maxAnchor by
// New), except that "[]string{" is looked for from its ']': the prefilter's alphabet has
// no '[' or '{', and a new byte class widens every row of its table (the fence's '`' is
// the one class the marks add: 149 for 148).
func markAnchor(s string) (anchor string, lead int) {
	switch s {
	case "[]string{":
		return "]string", 1
	case "[::1]":
		return "::1]", 1
	}
	return s, 0
}

type markTag struct {
	mark  textMark
	spell string
	lead  int
}

// markTags lists the spellings in anchor order: the tag of a hit is an index into it.
var markTags = func() (tags []markTag) {
	for m := range numMarks {
		for _, s := range markSpell[m] {
			_, lead := markAnchor(s)
			tags = append(tags, markTag{m, s, lead})
		}
	}
	return tags
}()

// markAt reports whether mark m's spelling s starts at offset at of data (exactly: the
// prefilter folds case and digits; markShape's phrases, in lower case, in any ASCII case).
func markAt(data []byte, at int, m textMark, s string) bool {
	if m == markShape {
		return hasPrefixFold(data, at, s)
	}
	if at < 0 || !bytes.HasPrefix(data[at:], []byte(s)) {
		return false
	}
	return m != markEg || at > 0 && data[at-1]|0x20 == 'e'
}

// markIn is the whole-text search that markDet saves: whether data holds mark m.
func markIn(data []byte, m textMark) bool {
	if m == markShape {
		return shapePhraseIn(data)
	}
	for _, s := range markSpell[m] {
		for p := 0; ; {
			i := bytes.Index(data[p:], []byte(s))
			if i < 0 {
				break
			}
			if markAt(data, p+i, m, s) {
				return true
			}
			p += i + 1
		}
	}
	return false
}

// textMarks is which marks a text holds, as markDet found them (known) or not yet looked at.
type textMarks struct {
	known bool
	has   uint32
	// at lists, for each mark from firstPlaceMark on, every offset where it starts
	// (overlapping ones too), in increasing order
	at [placeMarks][]int
}

// offsets lists every offset where mark m (one of the place marks, whose spelling is
// one literal) starts in data, overlapping occurrences too: from the pass when it noted
// them, else by a search.
func (t *textMarks) offsets(data []byte, m textMark) []int {
	if t.known {
		return t.at[m-firstPlaceMark]
	}
	return occurrences(data, markSpell[m][0])
}

// holds reports whether data holds mark m: from the pass when it was noted, else by a
// search (a class called outside a scan, as tests do).
func (t *textMarks) holds(data []byte, m textMark) bool {
	if t.known {
		return t.has&(1<<m) != 0
	}
	return markIn(data, m)
}

// textMarks is what the pass noted of sc.data's marks.
func (sc *scanner) textMarks() textMarks {
	return textMarks{known: sc.e.marked, has: sc.marksHas, at: sc.marksAt}
}

// markDet notes the marks of the scanned text in scanner.marksHas.
type markDet struct{}

var textMarkDet detector = &markDet{}

func (*markDet) anchors() []string {
	out := make([]string, len(markTags))
	for i, t := range markTags {
		out[i], _ = markAnchor(t.spell)
	}
	return out
}

func (*markDet) hit(sc *scanner, di, tag, at int) {
	t := markTags[tag]
	if t.mark >= firstPlaceMark {
		// every offset: the prefilter reports them in order of their ends, and a
		// place mark has one spelling, so in order of their starts
		if markAt(sc.data, at-t.lead, t.mark, t.spell) {
			sc.marksHas |= 1 << t.mark
			sc.marksAt[t.mark-firstPlaceMark] = append(sc.marksAt[t.mark-firstPlaceMark], at-t.lead)
		}
		return
	}
	if sc.marksHas&(1<<t.mark) == 0 && markAt(sc.data, at-t.lead, t.mark, t.spell) {
		sc.marksHas |= 1 << t.mark
	}
}
