package detect

import (
	"bytes"
	"encoding/base64"
	"sort"
	"sync"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// b64PrefixDet finds a provider's token written in base64 in plain text, where no parsed
// field holds it for base64Fields: "KEY: <base64>" as `kubectl get secret -o jsonpath`
// prints it, a Secret's data in an audit log's JSON broken over lines. Its anchors are
// the base64 spellings of the token rules' literal prefixes ("pplx-" is "cHBs", "lin_api_"
// is "bGluX2Fw"): a base64 run that opens with one is decoded, and the text it decodes
// to is scanned as base64Fields scans a field's. Only a token the decoded text shows on
// its own is reported; a key beside the base64 says nothing to the decoded scan.
type b64PrefixDet struct{}

var b64PrefixMarks detector = b64PrefixDet{}

// b64Prefix is one anchor: a prefix's base64 spelling, exact case.
type b64Prefix struct{ enc string }

// b64Prefixes are the base64 spellings (the characters the prefix alone decides, at
// least four) of the literal prefixes of every token rule whose token starts at its
// literal, four bytes or longer, sorted and without repeats.
var b64Prefixes = sync.OnceValue(func() []b64Prefix {
	seen := map[string]bool{}
	var out []b64Prefix
	for _, r := range allRules() {
		td, ok := r.det.(*tokenDet)
		if !ok || td.back != 0 || r.Category != finding.Secret {
			continue
		}
		for _, l := range td.lits {
			if len(l) < 4 || !is(l[0], cAlnum) {
				continue
			}
			n := len(l) / 3 * 3 // whole groups of three bytes: their four characters are the prefix's own
			enc := base64.StdEncoding.EncodeToString([]byte(l[:n]))
			if !seen[enc] {
				seen[enc] = true
				out = append(out, b64Prefix{enc})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].enc < out[j].enc })
	return out
})

func (b64PrefixDet) anchors() []string {
	ps := b64Prefixes()
	a := make([]string, len(ps))
	for i, p := range ps {
		a[i] = p.enc
	}
	return a
}

// b64PrefixMax bounds the base64 run read after an anchor: a token's encoding, not a
// file's.
const b64PrefixMax = 512

func (d b64PrefixDet) hit(sc *scanner, di, tag, at int) {
	if sc.depth > 0 {
		return
	}
	data := sc.data
	enc := b64Prefixes()[tag].enc
	if at+len(enc) > len(data) || string(data[at:at+len(enc)]) != enc {
		return // the automaton folds case and digits
	}
	if at > 0 && (is(data[at-1], cB64|cDash|cUnder) || data[at-1] == '=') {
		return // inside a longer run: not the start of the value
	}
	end := run(data, at, cB64|cDash|cUnder, b64PrefixMax+1)
	if end-at > b64PrefixMax {
		return
	}
	for n := 0; n < 2 && end < len(data) && data[end] == '='; n++ {
		end++
	}
	if end-at < 16 || !rightOK(data, end) {
		return
	}
	sc.skip[di] = end
	if f := sc.fieldAt(at, end); f != nil && int(f.vs) == at && int(f.ve) == end {
		return // a parsed field: base64Fields decodes it
	}
	dec := decodeB64Text(data[at:end])
	if dec == nil {
		return
	}
	dec = bytes.TrimRight(dec, "\r\n")
	if len(dec) == 0 || bytes.ContainsAny(dec, " \t\r\n") {
		return // one token, as it would stand unencoded
	}
	sub := sc.subScan(nil, dec)
	sc.emitB64Secrets(sub, at, end)
	sc.putSub(sub)
}
