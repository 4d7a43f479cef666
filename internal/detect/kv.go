package detect

import (
	"regexp"
)

// kvSpec recognises a secret by the name of the key it is assigned to. Formats like an
// AWS secret access key (40 base64 characters) or a Mistral key (32 alphanumerics) look
// like any other random string; the key name is what makes them trustworthy.
type kvSpec struct {
	rule *Rule
	// keys are anchor literals; the key must contain one (lower case).
	keys []string
	// all, when set, are further words the key must contain (every one of them).
	all []string
	// near are provider words that must occur in the key or within 256 bytes.
	near []string
	// keyOK is an extra predicate on the key's lower-case segments.
	keyOK func(segs [][]byte) bool
	// value must match the whole decoded value.
	value *regexp.Regexp
	// valueOK is an extra predicate on the decoded value.
	valueOK func(v []byte) bool
	// decode turns the value into the secret to report (base64 user:password).
	decode func(v []byte) ([]byte, bool)
}

// kvDet is the one detector for every key-name rule: a keyword hit parses the assignment
// around it once and offers it to the rules that registered that keyword.
type kvDet struct {
	lits    []string
	byTag   [][]*kvSpec
	litTags map[string]int
}

func newKVDet() *kvDet { return &kvDet{litTags: map[string]int{}} }

func (d *kvDet) add(s *kvSpec) {
	for _, k := range s.keys {
		tag, ok := d.litTags[k]
		if !ok {
			tag = len(d.lits)
			d.litTags[k] = tag
			d.lits = append(d.lits, k)
			d.byTag = append(d.byTag, nil)
		}
		d.byTag[tag] = append(d.byTag[tag], s)
	}
}

func (d *kvDet) anchors() []string { return d.lits }

func (d *kvDet) hit(sc *scanner, di, tag, at int) {
	data := sc.data
	var a assignment
	if sc.hasKey && sc.lastKey.keyStart <= at && at < sc.lastKey.keyEnd {
		a = sc.lastKey
	} else {
		var ok bool
		a, ok = parseAssign(data, at)
		sc.lastKey, sc.hasKey = a, ok
		if !ok {
			// Remember the failure too, keyed by the same bounds, so that the other
			// keywords of this key do not parse it again.
			ks, ke, kok := keyAround(data, at)
			if kok {
				sc.lastKey = assignment{keyStart: ks, keyEnd: ke}
				sc.hasKey = true
			}
			return
		}
	}
	if a.valEnd <= a.valStart {
		return
	}
	key := data[a.keyStart:a.keyEnd]
	var segBuf [12][]byte
	var scratch [maxKeyLen]byte
	segs := keySegments(key, segBuf[:0], scratch[:0])
	var v []byte
	for _, s := range d.byTag[tag] {
		if !sc.e.on[s.rule.idx] {
			continue
		}
		if len(s.all) > 0 && !containsAll(key, s.all) {
			continue
		}
		if s.keyOK != nil && !s.keyOK(segs) {
			continue
		}
		if len(s.near) > 0 && !containsFold(key, s.near...) &&
			!containsFold(window(data, a.keyStart, a.valEnd, 256, 256), s.near...) {
			continue
		}
		if v == nil {
			v = a.value(data)
		}
		if s.value != nil && !s.value.Match(v) {
			continue
		}
		if s.valueOK != nil && !s.valueOK(v) {
			continue
		}
		if isPlaceholder(v) {
			continue
		}
		val := v
		if s.decode != nil {
			var ok bool
			if val, ok = s.decode(v); !ok {
				continue
			}
		}
		sc.emit(s.rule, a.valStart, a.valEnd, string(val))
	}
}

func containsAll(key []byte, words []string) bool {
	for _, w := range words {
		if indexFold(key, w) < 0 {
			return false
		}
	}
	return true
}
