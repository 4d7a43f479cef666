package finding

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// Severity orders findings. The zero value is Info so that an unset severity never
// escalates anything.
type Severity int

const (
	Info Severity = iota
	Low
	Medium
	High
	Critical
)

var severityNames = [...]string{"info", "low", "medium", "high", "critical"}

func (s Severity) String() string {
	if s < Info || s > Critical {
		return "severity(" + strconv.Itoa(int(s)) + ")"
	}
	return severityNames[s]
}

// ParseSeverity accepts the lower-case names used in every output and flag.
func ParseSeverity(s string) (Severity, error) {
	for i, n := range severityNames {
		if strings.EqualFold(strings.TrimSpace(s), n) {
			return Severity(i), nil
		}
	}
	return Info, fmt.Errorf("unknown severity %q (want one of %s)", s, strings.Join(severityNames[:], ", "))
}

func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Category says what kind of problem a finding is.
type Category string

const (
	Exposure   Category = "exposure"   // a data store answers without (real) authentication
	Secret     Category = "secret"     // a credential found in exposed data
	PII        Category = "pii"        // personal data found in exposed data
	Chat       Category = "chat"       // a table or column that holds chat transcripts
	Capability Category = "capability" // what an attacker could do beyond reading (file(), url(), writes)
	Config     Category = "config"     // a configuration weakness (audit, version, TLS)
	Intrusion  Category = "intrusion"  // signs that someone already walked in (query-log analysis)
	// Infrastructure is data about machines rather than people (IP addresses of
	// servers): reported, but never counted as personal data.
	Infrastructure Category = "infrastructure"
	// CredentialHash is a stored password hash or verifier (bcrypt, sha512crypt,
	// argon2, a Kerberos AS-REP or TGS hash, an NTLM hash): no live credential, but one
	// an attacker can crack offline (or pass, for NTLM). Reported apart from secrets and
	// only when asked for (detect --hashes; scan reports them unless --hashes=false).
	CredentialHash Category = "credential-hash"
)

// Finding is one reportable fact. Its JSON field names are a contract (see DESIGN.md):
// add fields freely, never rename or remove one.
type Finding struct {
	ID       string   `json:"id"`
	Severity Severity `json:"severity"`
	Category Category `json:"category"`
	Rule     string   `json:"rule"`
	Title    string   `json:"title"`
	Detail   string   `json:"detail,omitempty"`

	// Where, for findings about a network service.
	Host     string `json:"host,omitempty"`
	Port     int    `json:"port,omitempty"`
	Protocol string `json:"protocol,omitempty"`
	Database string `json:"database,omitempty"`
	Table    string `json:"table,omitempty"`
	Column   string `json:"column,omitempty"`

	// Where, for findings in files and streams (detect, audit). Line is 1-based; Start and
	// End are byte offsets within the line and are always written when Line is set.
	File  string `json:"file,omitempty"`
	Line  int    `json:"line,omitempty"`
	Start int    `json:"start,omitempty"`
	End   int    `json:"end,omitempty"`
	// TestPath says the file is test code, test data or a runnable example by its path's
	// naming conventions (internal/testpath): still a finding, one a reader may count apart.
	TestPath bool `json:"test_path,omitempty"`

	// Evidence. Redacted and SHA256 describe a secret without revealing it; Value is only
	// filled when the user asked for raw values (--reveal). SHA256 keeps its field name
	// for the JSON contract, but holds the keyed fingerprint (HMAC-SHA256 under the
	// installation key, see Fingerprint), not a plain hash of the value.
	Redacted string `json:"redacted,omitempty"`
	SHA256   string `json:"sha256,omitempty"`
	Value    string `json:"value,omitempty"`
	// Count is how many times the same value (or, for aggregate findings, how many
	// values) were seen.
	Count    int    `json:"count,omitempty"`
	Evidence string `json:"evidence,omitempty"`

	Remediation string   `json:"remediation,omitempty"`
	References  []string `json:"references,omitempty"`
	Tags        []string `json:"tags,omitempty"`

	// Verification (only with --verify): what the secret's issuer said when asked at its
	// read-only identity endpoint. Identity and Reason are the issuer's words, clipped:
	// untrusted text like everything else that came over the network.
	Verified         Verified `json:"verified,omitempty"`
	VerifiedIdentity string   `json:"verified_identity,omitempty"` // account, org or scopes the issuer named
	VerifiedReason   string   `json:"verified_reason,omitempty"`   // why unknown (or what made it revoked)
	VerifiedBy       string   `json:"verified_by,omitempty"`       // the request, e.g. "GET https://api.github.com/user"
	VerifiedAt       string   `json:"verified_at,omitempty"`       // RFC 3339, when the issuer answered
}

// Verified is an issuer's verdict on a secret. The values are part of the JSON contract.
type Verified string

const (
	VerifiedLive    Verified = "live"    // the issuer accepted it: anyone holding it can use it
	VerifiedRevoked Verified = "revoked" // the issuer says it is invalid, revoked or expired
	VerifiedUnknown Verified = "unknown" // not decided: no verifier, unreachable, rate-limited, …
)

// MarshalJSON writes start and end whenever a line is known, since 0 is a valid offset.
func (f Finding) MarshalJSON() ([]byte, error) {
	type plain Finding
	if f.Line <= 0 {
		return json.Marshal(plain(f))
	}
	return json.Marshal(struct {
		plain
		Start int `json:"start"`
		End   int `json:"end"`
	}{plain(f), f.Start, f.End})
}

// SetSecret records a matched secret value: redacted form and fingerprint always, the raw
// value only when reveal is true. Personal data and infrastructure data (set Category
// first) show at most one character: an IP address, a phone or a card number has little
// to hide beyond its digits.
func (f *Finding) SetSecret(value string, reveal bool) {
	if f.Category == PII || f.Category == Infrastructure {
		f.Redacted = RedactLowEntropy(value)
	} else {
		f.Redacted = Redact(value)
	}
	f.SHA256 = Fingerprint(value)
	if reveal {
		f.Value = value
	} else {
		f.Value = ""
	}
}

// ComputeID sets a stable identifier from where the finding is and what it is, so the
// same exposure found in two runs has the same ID.
func (f *Finding) ComputeID() {
	h := sha256.New()
	for _, s := range []string{f.Host, strconv.Itoa(f.Port), f.Protocol, f.Database, f.Table, f.Column,
		f.File, strconv.Itoa(f.Line), f.Rule, f.SHA256, string(f.Category)} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	f.ID = hex.EncodeToString(h.Sum(nil)[:10])
}

// Fingerprint is the hex HMAC-SHA256 of the exact value under the installation key
// (see SetKey): the same value gives the same fingerprint wherever the same key is
// used, and nobody without the key can test guesses against it.
func Fingerprint(value string) string {
	k := currentKey()
	m, _ := macs.Get().(*keyedMAC)
	if m == nil || !bytes.Equal(m.key, k) {
		// A new MAC only for a new key; otherwise Reset restores its keyed state at the
		// cost of no allocation (detect fingerprints every finding it makes).
		m = &keyedMAC{key: k, h: hmac.New(sha256.New, k)}
	} else {
		m.h.Reset()
	}
	// The value, the sum and its hex go through buffers the MAC keeps: one allocation
	// per fingerprint, the string returned (detect makes one per finding).
	m.in = append(m.in[:0], value...)
	m.h.Write(m.in)
	EncodeHex(m.hex[:], m.h.Sum(m.sum[:0]))
	out := string(m.hex[:])
	if cap(m.in) > 64<<10 {
		m.in = nil // a huge value's buffer is not kept
	}
	macs.Put(m)
	return out
}

// keyedMAC is an HMAC under key, kept in macs for reuse with its buffers.
type keyedMAC struct {
	key []byte
	h   hash.Hash
	in  []byte
	sum [sha256.Size]byte
	hex [2 * sha256.Size]byte
}

var macs sync.Pool

// Redact shows a short prefix of a secret and its length: "sk-5f…(35)". The prefix grows
// with the length of the value and never exceeds six characters, so short passwords show
// at most one character.
func Redact(value string) string {
	runes := utf8.RuneCountInString(value)
	return redacted(value, runes, min(runes/6, 6))
}

// RedactLowEntropy is Redact for values with few possibilities (IP addresses, phone and
// card numbers, e-mail addresses): at most the first character and the length.
func RedactLowEntropy(value string) string {
	runes := utf8.RuneCountInString(value)
	return redacted(value, runes, min(runes/8, 1))
}

// redacted is the first n characters of value, which has runes characters, and its
// length. It builds the string in one allocation (detect redacts every finding); an
// invalid byte in the prefix is shown as U+FFFD, as a conversion to runes does.
func redacted(value string, runes, n int) string {
	var buf [64]byte
	b := buf[:0]
	for _, r := range value {
		if n == 0 {
			break
		}
		b = utf8.AppendRune(b, r)
		n--
	}
	b = append(b, "…("...)
	b = strconv.AppendInt(b, int64(runes), 10)
	return string(append(b, ')'))
}

// Sort orders findings by severity (highest first), then by location and rule, so that
// every output is deterministic.
func Sort(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := &fs[i], &fs[j]
		if a.Severity != b.Severity {
			return a.Severity > b.Severity
		}
		ka := []string{a.Host, fmt.Sprintf("%05d", a.Port), a.File, fmt.Sprintf("%09d", a.Line), categoryRank(a.Category), a.Database, a.Table, a.Column, a.Rule, a.Redacted}
		kb := []string{b.Host, fmt.Sprintf("%05d", b.Port), b.File, fmt.Sprintf("%09d", b.Line), categoryRank(b.Category), b.Database, b.Table, b.Column, b.Rule, b.Redacted}
		for k := range ka {
			if ka[k] != kb[k] {
				return ka[k] < kb[k]
			}
		}
		return a.Start < b.Start
	})
}

// Compare orders two findings as Sort does (a stable sort by Compare(a, b) < 0 gives
// Sort's order), without formatting a key per comparison: a negative number when a comes
// first, 0 when Sort keeps them in the order given. A sort or a merge of sorted runs
// (detect's report spilled to disk) that breaks ties by input order matches Sort.
func Compare(a, b *Finding) int {
	if a.Severity != b.Severity {
		if a.Severity > b.Severity {
			return -1
		}
		return 1
	}
	if c := strings.Compare(a.Host, b.Host); c != 0 {
		return c
	}
	if c := comparePadded(a.Port, b.Port, 5); c != 0 {
		return c
	}
	if c := strings.Compare(a.File, b.File); c != 0 {
		return c
	}
	if c := comparePadded(a.Line, b.Line, 9); c != 0 {
		return c
	}
	if a.Category != b.Category {
		if c := strings.Compare(categoryRank(a.Category), categoryRank(b.Category)); c != 0 {
			return c
		}
	}
	for _, p := range [...][2]string{{a.Database, b.Database}, {a.Table, b.Table}, {a.Column, b.Column}, {a.Rule, b.Rule}, {a.Redacted, b.Redacted}} {
		if c := strings.Compare(p[0], p[1]); c != 0 {
			return c
		}
	}
	switch {
	case a.Start < b.Start:
		return -1
	case a.Start > b.Start:
		return 1
	}
	return 0
}

// comparePadded compares x and y as Sort does, by their decimal forms zero-padded to
// width digits: by value when both fit in width digits, else by those strings.
func comparePadded(x, y, width int) int {
	if x == y {
		return 0
	}
	limit := 1
	for range width {
		limit *= 10
	}
	if x >= 0 && y >= 0 && x < limit && y < limit {
		if x < y {
			return -1
		}
		return 1
	}
	return strings.Compare(fmt.Sprintf("%0*d", width, x), fmt.Sprintf("%0*d", width, y))
}

// categoryRank orders categories within one location: what is exposed first, then what
// it holds, then what else is wrong.
func categoryRank(c Category) string {
	switch c {
	case Exposure:
		return "0"
	case Intrusion:
		return "1"
	case Secret, Chat, PII, CredentialHash:
		return "2"
	case Capability:
		return "3"
	case Config:
		return "4"
	}
	return "5" + string(c)
}

// Max returns the highest severity among fs, and false when fs is empty.
func Max(fs []Finding) (Severity, bool) {
	if len(fs) == 0 {
		return Info, false
	}
	m := Info
	for _, f := range fs {
		if f.Severity > m {
			m = f.Severity
		}
	}
	return m, true
}

// AtLeast reports whether any finding has severity s or above.
func AtLeast(fs []Finding, s Severity) bool {
	for _, f := range fs {
		if f.Severity >= s {
			return true
		}
	}
	return false
}
