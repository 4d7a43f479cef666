package detect

import (
	"bytes"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// The fourteenth real-tree round: classes found by triaging the non-test secret findings
// of the Go module cache (enlarged to 4.9 GB with the modules of three Go scanners), the
// Cloud SDK and the system trees at main 5a01320. It is read from the text's own
// structure, never from a file name.
//
//   - A value inside a block whose label names it an example: Terraform and HCL
//     documentation names the resource it shows "example", "good_example" or
//     "bad_example" (resource "aws_mq_broker" "good_example" {), CloudFormation
//     templates name theirs GoodExample: or BadExample:, and a policy checker's rule
//     files and rendered docs hold dozens of them, each with a sample master password.
//     The value's enclosing blocks are read upwards by indentation (at most 60 lines, a
//     line above with less indentation is the block that holds it); one whose opening
//     line (ending in '{', or a YAML key ending in ':') labels it with the word example
//     in a quoted label or its key explains the value. A configuration written to run
//     names its resources after what they are ("db", "main"), and a value at the top
//     level (no indentation) is never read as inside a block.
//   - A value introduced as the shape a kind of value takes: "A token looks something
//     like this:" before a SAS token in an API reference, "object with the following
//     structure:" above a registry login in the Docker API's docs. The phrase stands
//     before the value on its line, or ends a line above that opens the block holding
//     it (read as "Example:" is, introBlock). A hedged "something like" or a schema's
//     "structure" describes a kind; a pasted configuration is introduced as one's own.
//
// And one read by the provider rules of everyday words (provider.go, nameRunsOn): the
// word running on into a longer name ("microsoft-windows-privacy-auditing" before an
// event provider's GUID) names a thing of its own, unless the name holds a key word
// ("privacy_api_key").

// treeRound14 reports a secret match that one of the round's classes explains.
func (sc *scanner) treeRound14(m rawMatch) bool {
	if m.r.Category != finding.Secret || m.start <= 0 || m.end > len(sc.data) || m.start >= m.end {
		return false
	}
	return inExampleBlock(sc.data, m.start) || sc.shapeInText() && shapeIntroduced(sc.data, m.start)
}

// shapeInText reports whether the scanned text holds a shape phrase anywhere:
// shapeIntroduced reads only the text and finds nothing in a text without one, and
// walking up to 24 lines above every secret match of a log for a phrase it does not
// hold cost a sixth of the scan. The pass notes the phrases (markShape): a search of
// the text of its own, from each of a log's colons, was a hundredth of a scan.
func (sc *scanner) shapeInText() bool {
	if sc.e.marked {
		return sc.marksHas&(1<<markShape) != 0
	}
	return shapePhraseIn(sc.data)
}

// shapePhraseIn is containsFold(data, shapePhrases...) found from the colon each phrase
// ends with (a fast byte search), so that a text of a million colons costs little: the
// search of a text the pass did not read (markIn).
func shapePhraseIn(data []byte) bool {
	for i := 0; i < len(data); {
		j := bytes.IndexByte(data[i:], ':')
		if j < 0 {
			return false
		}
		c := i + j + 1 // just past the colon
		// the letter before the colon first: a log's colons follow quotes and digits
		if c >= 2 && shapeLastLetter[lowerASCII(data[c-2])] {
			for _, p := range shapePhrases {
				if c >= len(p) && hasPrefixFold(data, c-len(p), p) {
					return true
				}
			}
		}
		i = c
	}
	return false
}

// shapePhrases introduce a value as the shape a kind of value takes, not as one that
// works: "A token looks something like this:", "a JSON object with the following
// structure:".
var shapePhrases = []string{"something like this:", "the following structure:"}

// shapeLastLetter marks the letters the shape phrases end with before their colon.
var shapeLastLetter = func() (t [256]bool) {
	for _, p := range shapePhrases {
		t[p[len(p)-2]] = true
	}
	return t
}()

// shapeIntroduced reports a value that a shape phrase introduces: before it on its own
// line (an API reference's one-line description), or on a line above that opens the
// block holding the value (introBlock, as for "Example:").
func shapeIntroduced(data []byte, start int) bool {
	ls := lineStartWithin(data, start, 4096)
	if ls < start && containsFold(data[max(ls, start-512):start], shapePhrases...) {
		return true
	}
	il := ls
	for n := 0; n < 24 && il > 0; n++ {
		il = lineStartWithin(data, il-1, 4096)
		t := bytes.TrimRight(data[il:lineEnd(data, il, 4096)], " \t\r")
		for _, p := range shapePhrases {
			if len(t) >= len(p) && indexFold(t[len(t)-len(p):], p) == 0 {
				minInd := indentOf(data[ls:start])
				return introBlock(data, ls, il, minInd, listItem(data[ls+minInd:start]))
			}
		}
	}
	return false
}

// inExampleBlock reports whether one of the blocks that hold the value at start is
// labelled as an example (exampleOpener).
func inExampleBlock(data []byte, start int) bool {
	ls := lineStartWithin(data, start, 4096)
	ind := indentOf(data[ls:start])
	end := ls
	for n := 0; n < 60 && end > 0 && ind > 0; n++ {
		s := lineStartWithin(data, end-1, 4096)
		line := data[s : end-1]
		end = s
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		li := indentOf(line)
		if li >= ind {
			continue
		}
		ind = li
		if exampleOpener(bytes.TrimSpace(line)) {
			return true
		}
	}
	return false
}

// exampleName reports a name of identifier characters alone with example as one of
// its words ("example", "good_example", "BadExample", "example-db"). A host name,
// URL or address ("smtp.example.com") is not one: documentation hosts stand in for
// real ones in configurations that hold real credentials.
func exampleName(k []byte) bool {
	if len(k) < 7 || len(k) > 64 || run(k, 0, cWord|cDash, len(k)) != len(k) {
		return false
	}
	i := indexFold(k, "example")
	if i < 0 {
		return false
	}
	// a word of its own: at the start or after a separator or a lower-case letter
	// (BadExample), and at the end or before a separator or a capital or an "s"
	if i > 0 && !(k[i-1] == '_' || k[i-1] == '-' || k[i] == 'E' && k[i-1] >= 'a' && k[i-1] <= 'z') {
		return false
	}
	j := i + len("example")
	return j == len(k) || k[j] == '_' || k[j] == '-' || k[j] == 's' || k[j] >= 'A' && k[j] <= 'Z'
}

// exampleOpener reports a block's opening line that labels the block an example: an
// HCL or JSON opening ("resource \"t\" \"good_example\" {", "\"example\": {") with the
// word in one of its quoted labels, or a YAML key ("BadExample:", "- example_db:") that
// holds it.
func exampleOpener(t []byte) bool {
	if len(t) < 2 || len(t) > 200 {
		return false
	}
	switch t[len(t)-1] {
	case '{':
		for rest := t; ; {
			q := bytes.IndexByte(rest, '"')
			if q < 0 {
				return false
			}
			e := bytes.IndexByte(rest[q+1:], '"')
			if e < 0 {
				return false
			}
			if exampleName(rest[q+1 : q+1+e]) {
				return true
			}
			rest = rest[q+e+2:]
		}
	case ':':
		k := bytes.TrimSpace(bytes.TrimPrefix(t[:len(t)-1], []byte("- ")))
		return exampleName(k)
	}
	return false
}
