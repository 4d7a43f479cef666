package detect

import "bytes"

// richTextDet reads a password that chat rich text (Slack's block kit, exported or
// sent through the API) sets apart as code: the sentence is split into elements, and
// the element before the code one ends with the password's name — {"type": "text",
// "text": "… pass "}, {"type": "text", "text": "VALUE", "style": {"code": true}}.
type richTextDet struct{ password *Rule }

var richTextAnchors = []string{`"style": {"code": true}`, `"style":{"code":true}`}

func (d *richTextDet) anchors() []string { return richTextAnchors }

func (d *richTextDet) hit(sc *scanner, di, tag, at int) {
	data := sc.data
	if !hasPrefixFold(data, at, richTextAnchors[tag]) {
		return
	}
	vs, ve, start := richTextBefore(data, at)
	if vs < 0 {
		return
	}
	ps, pe, _ := richTextBefore(data, start)
	if ps < 0 {
		return
	}
	// the previous element's last word, without the blanks and colon after it
	prev := bytes.TrimRight(data[ps:pe], " :")
	w := prev[bytes.LastIndexAny(prev, " \t")+1:]
	if len(w) == 0 || len(w) > 32 || len(prev) == pe-ps {
		return // no blank after the word: the value is glued to it
	}
	var buf [12][]byte
	var text [maxKeyLen]byte
	if len(w) > maxKeyLen || !passwordKey(keySegments(bytes.ToLower(w), buf[:0], text[:0])) {
		return
	}
	v := data[vs:ve]
	if len(v) < 6 || !strongContextPassword(v) || notPasswordText(v) || bytes.IndexByte(v, '\\') >= 0 ||
		!typedPassword(v) && !randomLetters(v) {
		return
	}
	sc.emit(d.password, vs, ve, string(v))
}

// richTextBefore finds the "text" member of the element that ends before at, within
// the same line: the string's bounds and the offset of its member's name, or -1.
func richTextBefore(data []byte, at int) (int, int, int) {
	lo := max(0, at-400)
	w := data[lo:at]
	if nl := bytes.LastIndexByte(w, '\n'); nl >= 0 {
		lo += nl + 1
		w = data[lo:at]
	}
	for _, m := range []string{`"text": "`, `"text":"`} {
		i := bytes.LastIndex(w, []byte(m))
		if i < 0 {
			continue
		}
		vs := lo + i + len(m)
		ve := vs
		for ve < at && data[ve] != '"' {
			if data[ve] == '\\' {
				ve++
			}
			ve++
		}
		if ve >= at {
			return -1, -1, -1
		}
		return vs, ve, lo + i
	}
	return -1, -1, -1
}
