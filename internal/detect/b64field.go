package detect

import (
	"encoding/base64"
	"math"
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
		vs, ve := int(f.vs), int(f.ve)
		if ve-vs > maxWrapped {
			if sub == nil {
				sub = sc.e.pool.Get().(*scanner)
				sub.depth = sc.depth + 1
			}
			sc.base64Long(sub, vs, ve)
			continue
		}
		if ve-vs < 24 {
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
	if !b64Text(dec) {
		return nil
	}
	letters := 0
	for _, c := range dec {
		if is(c, cLower|cUpper) {
			letters++
		}
	}
	if letters*2 < len(dec) && len(dec) < 16 {
		return nil
	}
	return dec
}

// b64Text reports decoded bytes that are UTF-8 text without control characters other
// than line breaks and tabs.
func b64Text(dec []byte) bool {
	if !utf8.Valid(dec) {
		return false
	}
	for _, c := range dec {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' || c == 0x7f {
			return false
		}
	}
	return true
}

// Base64 text longer than maxWrapped (a Kubernetes Secret's whole configuration file, a
// bundle of keys) is decoded and scanned b64Window characters at a time, consecutive
// windows sharing b64Overlap characters so that a value and its key name (up to 384
// decoded bytes) lie whole in one of them; one text decodes at most b64Budget characters
// of such long runs (an object stored in Kubernetes, a Secret among them, is at most
// 1 MiB). Time and memory stay linear in the run, whatever its length.
const (
	b64Window  = maxWrapped
	b64Overlap = 1 << 10
	b64Budget  = 8 << 20
)

// base64Long scans the base64 text at [vs, ve) window by window, with sub, and reports
// each secret found in it over the characters that encode it, within what is left of
// the text's b64Budget (sc.b64Left). A window that does not decode to text (a picture,
// a key's binary form) ends the run.
func (sc *scanner) base64Long(sub *scanner, vs, ve int) {
	data := sc.data
	end := ve
	for end > vs && data[end-1] == '=' && ve-end < 2 {
		end--
	}
	body := data[vs:end]
	enc := base64.RawStdEncoding
	if run(body, 0, cB64, len(body)) != len(body) {
		if run(body, 0, cAlnum|cDash|cUnder, len(body)) != len(body) {
			return
		}
		enc = base64.RawURLEncoding
	}
	const step = b64Window - b64Overlap
	const half = b64Overlap / 4 * 3 / 2 // decoded bytes: half the overlap
	dec := make([]byte, enc.DecodedLen(b64Window))
	for ws := 0; ws < len(body) && sc.b64Left > 0; ws += step {
		we := min(ws+b64Window, len(body))
		if (we-ws)%4 == 1 {
			we-- // a lone character decodes to nothing
		}
		sc.b64Left -= we - ws
		n, err := enc.Decode(dec, body[ws:we])
		if err != nil {
			return
		}
		d := dec[:n]
		// runes cut by the window's edges
		lo, hi := 0, len(d)
		if ws > 0 {
			for lo < len(d) && lo < 3 && !utf8.RuneStart(d[lo]) {
				lo++
			}
		}
		if we < len(body) {
			for k := hi - 1; k >= 0 && k >= hi-4; k-- {
				if utf8.RuneStart(d[k]) {
					if !utf8.FullRune(d[k:hi]) {
						hi = k
					}
					break
				}
			}
		}
		d = d[lo:hi]
		if !b64Text(d) {
			return
		}
		base := ws/4*3 + lo // decoded offset of d[0] in the run
		acceptLo, acceptHi := 0, math.MaxInt
		if ws > 0 {
			acceptLo = ws/4*3 + half
		}
		if we < len(body) {
			acceptHi = (ws+step)/4*3 + half
		}
		sub.reset(d)
		sub.pass()
		sub.resolve()
		for _, m := range sub.ms {
			g := base + m.start
			if m.r.Category != finding.Secret || g < acceptLo || g >= acceptHi {
				continue
			}
			s, e := vs+g/3*4, min(vs+(base+m.end+2)/3*4, ve)
			sc.emit(m.r, s, e, m.value)
		}
		sub.data = nil
	}
	return
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
