package cli

import (
	"crypto/sha256"
	"strconv"
	"unicode/utf8"
	"unsafe"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// detect can write hundreds of thousands of findings. Through encoding/json each costs
// more than scanning the text it came from, so the JSON lines stream uses this encoder,
// which writes the same bytes as report.JSONLines (a test holds the two together,
// field by field, including fields detect never sets).

// stringCache remembers the encoding of long strings that repeat from finding to
// finding (a rule's title and remediation). Entries hold the string itself, and
// comparing a string with the same one is a pointer comparison. A string's slot is
// chosen by its length and address: by its length alone, the remediations of two rules
// whose findings alternate in a log shared a slot one time in six, and each took it from
// the other at every finding.
type stringCache struct {
	entries [256]struct {
		s   string
		enc []byte
	}
}

func (c *stringCache) append(b []byte, s string) []byte {
	if c == nil || len(s) < 24 {
		return appendJSONString(b, s)
	}
	h := uint(uintptr(unsafe.Pointer(unsafe.StringData(s))))
	e := &c.entries[(uint(len(s))^h>>3^h>>11)%uint(len(c.entries))]
	if e.s != s {
		e.s, e.enc = s, appendJSONString(e.enc[:0], s)
	}
	return append(b, e.enc...)
}

// appendFindingJSON appends f as one JSON object, exactly as json.Marshal(f) writes it.
func appendFindingJSON(b []byte, f *finding.Finding) []byte {
	return appendFindingJSONCached(b, f, nil)
}

func appendFindingJSONCached(b []byte, f *finding.Finding, c *stringCache) []byte {
	b = append(b, `{"id":`...)
	b = appendJSONString(b, f.ID)
	b = append(b, `,"severity":`...)
	b = appendJSONString(b, f.Severity.String())
	b = append(b, `,"category":`...)
	b = appendJSONString(b, string(f.Category))
	b = append(b, `,"rule":`...)
	b = appendJSONString(b, f.Rule)
	b = append(b, `,"title":`...)
	b = c.append(b, f.Title)
	b = optString(b, "detail", f.Detail)
	b = optString(b, "host", f.Host)
	b = optInt(b, "port", f.Port)
	b = optString(b, "protocol", f.Protocol)
	b = optString(b, "database", f.Database)
	b = optString(b, "table", f.Table)
	b = optString(b, "column", f.Column)
	b = optString(b, "file", f.File)
	b = optInt(b, "line", f.Line)
	if f.Line <= 0 {
		b = optInt(b, "start", f.Start)
		b = optInt(b, "end", f.End)
	}
	if f.TestPath {
		b = append(jsonKey(b, "test_path"), "true"...)
	}
	b = optString(b, "redacted", f.Redacted)
	b = optString(b, "sha256", f.SHA256)
	b = optString(b, "value", f.Value)
	b = optInt(b, "count", f.Count)
	b = optString(b, "evidence", f.Evidence)
	if f.Remediation != "" {
		b = c.append(jsonKey(b, "remediation"), f.Remediation)
	}
	b = optStrings(b, "references", f.References)
	b = optStrings(b, "tags", f.Tags)
	b = optString(b, "verified", string(f.Verified))
	b = optString(b, "verified_identity", f.VerifiedIdentity)
	b = optString(b, "verified_reason", f.VerifiedReason)
	b = optString(b, "verified_by", f.VerifiedBy)
	b = optString(b, "verified_at", f.VerifiedAt)
	if f.Line > 0 {
		b = strconv.AppendInt(jsonKey(b, "start"), int64(f.Start), 10)
		b = strconv.AppendInt(jsonKey(b, "end"), int64(f.End), 10)
	}
	return append(b, '}')
}

// jsonKey appends `,"name":`, the start of a field after the first.
func jsonKey(b []byte, name string) []byte {
	b = append(b, ',', '"')
	b = append(b, name...)
	return append(b, '"', ':')
}

func optString(b []byte, name, v string) []byte {
	if v == "" {
		return b
	}
	return appendJSONString(jsonKey(b, name), v)
}

func optInt(b []byte, name string, v int) []byte {
	if v == 0 {
		return b
	}
	return strconv.AppendInt(jsonKey(b, name), int64(v), 10)
}

func optStrings(b []byte, name string, v []string) []byte {
	if len(v) == 0 {
		return b
	}
	b = append(jsonKey(b, name), '[')
	for i, s := range v {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, s)
	}
	return append(b, ']')
}

const hexDigits = "0123456789abcdef"

// jsonPlain marks the bytes that stand for themselves in a JSON string written with
// HTML escaping: printable ASCII other than '"', '\\', '<', '>' and '&'.
var jsonPlain = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = true
	}
	for _, c := range `"\<>&` {
		t[c] = false
	}
	return
}()

// plain8 reports whether the 8 bytes of w all stand for themselves (jsonPlain), eight
// at a time: the strings of a finding are mostly plain, and a byte at a time was
// a twentieth of the instructions of a detect run. It may say no for plain bytes (the
// caller then reads them one by one), never yes for others.
func plain8(w string) bool {
	_ = w[7]
	x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
		uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	// a byte of x that is zero (x^c: a byte equal to c) sets its high bit in zero(x),
	// and so does a byte below 0x20 in (x - lo*0x20) &^ x
	zero := func(x uint64) uint64 { return (x - lo) &^ x }
	bad := x | (x-lo*0x20)&^x | zero(x^lo*'"') | zero(x^lo*'\\') | zero(x^lo*'<') | zero(x^lo*'>') | zero(x^lo*'&')
	return bad&hi == 0
}

// appendJSONString quotes s as encoding/json does with HTML escaping on (Finding's
// MarshalJSON goes through json.Marshal, which escapes <, > and &).
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		for i+8 <= len(s) && plain8(s[i:i+8]) {
			i += 8
		}
		for i < len(s) && jsonPlain[s[i]] {
			i++
		}
		if i == len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		var esc string
		switch {
		case r == utf8.RuneError && size == 1:
			esc = `\ufffd`
		case r == '\u2028':
			esc = `\u2028`
		case r == '\u2029':
			esc = `\u2029`
		}
		if esc != "" {
			b = append(b, s[start:i]...)
			b = append(b, esc...)
			start = i + size
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// findingID computes the same identifier as finding.(*Finding).ComputeID, hashing the
// fields in one pass without allocating per field.
func findingID(f *finding.Finding, scratch []byte) (string, []byte) {
	b := scratch[:0]
	add := func(s string) {
		b = append(b, s...)
		b = append(b, 0)
	}
	addInt := func(n int) {
		b = strconv.AppendInt(b, int64(n), 10)
		b = append(b, 0)
	}
	add(f.Host)
	addInt(f.Port)
	add(f.Protocol)
	add(f.Database)
	add(f.Table)
	add(f.Column)
	add(f.File)
	addInt(f.Line)
	add(f.Rule)
	add(f.SHA256)
	add(string(f.Category))
	sum := sha256.Sum256(b)
	var id [20]byte
	finding.EncodeHex(id[:], sum[:10])
	return string(id[:]), b // one allocation (EncodeToString makes two)
}
