package detect

import (
	"bytes"
	"sort"
)

// Context words ("deepseek" near an sk- key, "documents.azure.com" near an AccountKey)
// may come before or after the value they vouch for. Instead of searching a window
// around every candidate, the prefilter records where each context word occurs during
// its single pass, and candidates that need one are checked against those marks once
// the pass is over.

// nearReq is a deferred condition: one of the words occurs within dist bytes of the
// match.
type nearReq struct {
	ids  []int
	dist int
	// anyLine: the word may stand on another line within dist, as a key's enclosing
	// object's name does in a pretty-printed document ("auths" above "auth")
	anyLine bool
}

type mark struct{ id, pos int }

// nearDet records the positions of context words.
type nearDet struct {
	words []string
	index map[string]int
}

func newNearDet() *nearDet { return &nearDet{index: map[string]int{}} }

// require registers words (lower case) and returns the condition for them.
func (d *nearDet) require(words []string, dist int) *nearReq {
	if len(words) == 0 {
		return nil
	}
	if dist == 0 {
		dist = 256
	}
	req := &nearReq{dist: dist}
	for _, w := range words {
		id, ok := d.index[w]
		if !ok {
			id = len(d.words)
			d.index[w] = id
			d.words = append(d.words, w)
		}
		req.ids = append(req.ids, id)
	}
	return req
}

func (d *nearDet) anchors() []string { return d.words }

func (d *nearDet) hit(sc *scanner, di, tag, at int) {
	if hasPrefixFold(sc.data, at, d.words[tag]) {
		sc.marks = append(sc.marks, mark{id: tag, pos: at})
	}
}

// nearOK checks a deferred condition against the marks of the finished pass. Marks are
// in order of position.
func (sc *scanner) nearOK(req *nearReq, start, end int) bool {
	if (sc.ctx != nil || len(sc.fields) > 0) && sc.contextNear(req.ids, start, end) {
		return true
	}
	lo, hi := start-req.dist, end+req.dist
	i := sort.Search(len(sc.marks), func(i int) bool { return sc.marks[i].pos >= lo })
	for ; i < len(sc.marks) && sc.marks[i].pos <= hi; i++ {
		for _, id := range req.ids {
			if sc.marks[i].id == id && (req.anyLine || sameLine(sc.data, sc.marks[i].pos, start, end)) {
				return true
			}
		}
	}
	return false
}

// sameLine reports whether the word at pos and the match [start, end) share a line: in
// logs and dumps a line is a record, and "qwen" in the next record says nothing about
// this one's key.
func sameLine(data []byte, pos, start, end int) bool {
	lo, hi := pos, start
	if pos > start {
		lo, hi = end, pos
	}
	if lo > hi || hi > len(data) {
		return true
	}
	return bytes.IndexByte(data[lo:hi], '\n') < 0
}
