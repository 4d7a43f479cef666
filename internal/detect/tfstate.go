package detect

import (
	"bytes"

	"github.com/leakwatch/leakwatch/internal/lazyre"
)

// tfSensitiveDet reads Terraform state: every resource instance lists the attributes
// its provider marks sensitive ("sensitive_attributes": [[{"type": "get_attr",
// "value": "result"}]]), after the attributes themselves. A string attribute so
// marked is a secret whatever its name ("result" of random_password, "secret",
// "token"), which no key test could tell from the names alone.
type tfSensitiveDet struct{ secret *Rule }

var tfGetAttr = lazyre.New(`"type"\s*:\s*"get_attr"\s*,\s*"value"\s*:\s*"([A-Za-z0-9_]{1,64})"`)

// tfInstanceMax bounds how far back an instance's attributes are looked for.
const tfInstanceMax = 64 << 10

func (d *tfSensitiveDet) anchors() []string { return []string{`"sensitive_attributes"`} }

func (d *tfSensitiveDet) hit(sc *scanner, di, tag, at int) {
	data := sc.data
	// the list: from its '[' to the bracket that closes it, at most 4 KiB
	lim := min(len(data), at+4096)
	open := bytes.IndexByte(data[at:lim], '[')
	if open < 0 {
		return
	}
	end, depth := -1, 0
	for i := at + open; i < lim && end < 0; i++ {
		switch data[i] {
		case '[':
			depth++
		case ']':
			if depth--; depth == 0 {
				end = i
			}
		}
	}
	if end < 0 {
		return
	}
	names := tfGetAttr.FindAllSubmatch(data[at:end], 16)
	if len(names) == 0 {
		return
	}
	lo := max(0, at-tfInstanceMax)
	as := bytes.LastIndex(data[lo:at], []byte(`"attributes"`))
	if as < 0 {
		return
	}
	block := data[lo+as : at]
	base := lo + as
	for _, m := range names {
		name := m[1]
		pat := append(append([]byte{'"'}, name...), '"')
		for off := 0; off < len(block); {
			i := bytes.Index(block[off:], pat)
			if i < 0 {
				break
			}
			p := off + i + len(pat)
			off = p
			for p < len(block) && (block[p] == ' ' || block[p] == '\t') {
				p++
			}
			if p >= len(block) || block[p] != ':' {
				continue
			}
			p++
			for p < len(block) && (block[p] == ' ' || block[p] == '\t') {
				p++
			}
			if p >= len(block) || block[p] != '"' {
				continue // a number, a map or a list: no one string
			}
			vs := p + 1
			ve := vs
			for ve < len(block) && block[ve] != '"' && block[ve] != '\n' && ve-vs < 1024 {
				if block[ve] == '\\' {
					ve++
				}
				ve++
			}
			if ve >= len(block) || block[ve] != '"' {
				continue
			}
			v := block[vs:ve]
			if len(v) >= 8 && !isPlaceholder(v) && !lowVariety(v) && !bytes.ContainsAny(v, " \\") {
				sc.emit(d.secret, base+vs, base+ve, string(v))
			}
			break
		}
	}
}
