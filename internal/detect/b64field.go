package detect

import (
	"encoding/base64"
	"unicode/utf8"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// base64Fields reads the values of a structured file that are wholly base64 text: a
// Kubernetes Secret's data, cloud-init's write_files with "encoding: b64", a .env or a
// token kept in a secret store as base64. Each decodes to text that is scanned once
// (not again for encodings within it); a secret found in it is reported over the whole
// base64 value, with the decoded secret as its value — as wrapped does for base64 JSON.
func (sc *scanner) base64Fields() {
	if sc.depth > 0 {
		return
	}
	data := sc.data
	var sub *scanner
	for i := range sc.fields {
		f := &sc.fields[i]
		vs, ve := f.vs, f.ve
		if ve-vs < 24 || ve-vs > maxWrapped {
			continue
		}
		dec := decodeB64Text(data[vs:ve])
		if dec == nil {
			continue
		}
		if sub == nil {
			sub = sc.e.pool.Get().(*scanner)
			sub.depth = sc.depth + 1
		}
		sub.reset(dec)
		sub.pass()
		sub.resolve()
		for _, m := range sub.ms {
			if m.r.Category == finding.Secret {
				sc.emit(m.r, vs, ve, m.value)
			}
		}
		sub.data = nil
	}
	if sub != nil {
		sub.depth = 0
		sc.e.pool.Put(sub)
	}
}

// decodeB64Text decodes v when it is base64 (standard or URL alphabet, padded or not)
// of UTF-8 text without control characters other than line breaks and tabs; nil
// otherwise.
func decodeB64Text(v []byte) []byte {
	n := len(v)
	for n > 0 && v[n-1] == '=' && len(v)-n < 2 {
		n--
	}
	body := v[:n]
	if run(body, 0, cB64, n) != n {
		if run(body, 0, cAlnum|cDash|cUnder, n) != n {
			return nil
		}
	}
	enc := base64.RawStdEncoding
	if run(body, 0, cB64, n) != n {
		enc = base64.RawURLEncoding
	}
	dec := make([]byte, enc.DecodedLen(n))
	m, err := enc.Decode(dec, body)
	if err != nil || m < 8 {
		return nil
	}
	dec = dec[:m]
	if !utf8.Valid(dec) {
		return nil
	}
	letters := 0
	for _, c := range dec {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' || c == 0x7f {
			return nil
		}
		if is(c, cLower|cUpper) {
			letters++
		}
	}
	if letters*2 < len(dec) && len(dec) < 16 {
		return nil
	}
	return dec
}
