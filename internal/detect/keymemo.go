package detect

// keyMemo remembers kvSpec.keyOK's answers for the keys a scanner has seen lately. A
// key test is a function of the key's words alone, and logs and configs repeat the
// same few dozen keys line after line; splitting a key into words and asking the
// generic rule's dictionaries about it (secretKey, namedKey) cost more than the rest of
// reading an assignment. The memo is a direct-mapped table: a key it holds is compared
// byte for byte, so an answer is the test's own; a slot is overwritten by the next key
// that falls on it.
type keyMemo [keyMemoSize]keyMemoEntry

const keyMemoSize = 1024

type keyMemoEntry struct {
	spec *kvSpec
	n    uint8
	ok   bool
	key  [maxKeyLen]byte
}

// slot is where key's answer for s is kept (keys longer than maxKeyLen are not).
func (m *keyMemo) slot(s *kvSpec, key []byte) *keyMemoEntry {
	h := uint32(2166136261) ^ uint32(s.rule.idx)*0x9e3779b1
	for _, b := range key {
		h = (h ^ uint32(b)) * 16777619
	}
	return &m[(h^h>>15)&(keyMemoSize-1)]
}

// keyOK is s.keyOK(keySegments(key)), from the memo when it holds the answer. segs
// are the key's words when the caller has them (else nil, and *segs is set when they
// are worked out).
func (sc *scanner) keyOK(s *kvSpec, key []byte, segs *[][]byte, segsDone *bool) bool {
	var e *keyMemoEntry
	if len(key) <= maxKeyLen {
		if sc.keyMemo == nil {
			sc.keyMemo = new(keyMemo)
		}
		e = sc.keyMemo.slot(s, key)
		if e.spec == s && int(e.n) == len(key) && string(e.key[:e.n]) == string(key) {
			return e.ok
		}
	}
	if !*segsDone {
		*segs = keySegments(key, sc.segBuf[:0], sc.segText[:0])
		*segsDone = true
	}
	ok := s.keyOK(*segs)
	if e != nil {
		e.spec, e.n, e.ok = s, uint8(len(key)), ok
		copy(e.key[:], key)
	}
	return ok
}
