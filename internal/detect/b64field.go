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
// base64 value (over the characters that encode it when there are several: b64Span),
// with the decoded secret as its value — as wrapped does for base64 JSON.
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
		sub = sc.subScan(sub, dec)
		sc.emitB64Secrets(sub, vs, ve)
	}
	if sub != nil {
		sc.putSub(sub)
	}
}

// emitB64Secrets reports the secrets sub found in the text that sc.data[start:end], base64,
// decodes to: over the whole value, or over the characters that encode each when there
// are several (b64Span).
func (sc *scanner) emitB64Secrets(sub *scanner, start, end int) {
	secrets := countSecrets(sub.ms)
	for _, m := range sub.ms {
		if m.r.Category == finding.Secret {
			s, e := b64Span(start, end, m.start, m.end, secrets)
			sc.emit(m.r, s, e, m.value)
		}
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

// b64Span is where a secret decoded from the base64 text at [start, end) is reported:
// over the whole text when it is the only one (secrets counts them), else over the
// characters that encode its decoded bytes [ds, de) — each 3 bytes are 4 characters —
// so that the secrets of one document keep spans of their own, where, all overlapping
// on the whole text, resolve kept one of them (a base64 JSON document of several
// credentials reported one).
func b64Span(start, end, ds, de, secrets int) (int, int) {
	if secrets < 2 {
		return start, end
	}
	s := start + ds/3*4
	e := start + (de+2)/3*4
	if e > end || e <= s {
		e = end
	}
	if s >= e {
		return start, end
	}
	return s, e
}

// countSecrets counts the secret matches in ms.
func countSecrets(ms []rawMatch) int {
	n := 0
	for _, m := range ms {
		if m.r.Category == finding.Secret {
			n++
		}
	}
	return n
}
