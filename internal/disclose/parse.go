package disclose

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"
)

// File is a parsed security.txt (RFC 9116). Values are kept as written, minus anything
// that could not be shown safely (control characters, invalid UTF-8).
type File struct {
	Contact            []string
	Policy             []string
	Encryption         []string
	Acknowledgments    []string
	Hiring             []string
	Canonical          []string
	CSAF               []string
	PreferredLanguages []string
	// Expires is the parsed Expires field; zero when absent or unparsable (ExpiresRaw
	// keeps the text).
	Expires    time.Time
	ExpiresRaw string
	// Signed is set for an OpenPGP cleartext-signed file. The signature is not verified:
	// leakwatch reports a contact, it does not vouch for it.
	Signed bool
	// Other holds fields RFC 9116 does not define, by lower-case name.
	Other map[string][]string
	// Problems lists deviations from RFC 9116 worth telling the reader (missing or past
	// Expires, lines that are not fields, …). They do not make the file unusable.
	Problems []string
}

// ErrNoContact means the document has no Contact field: it is not a usable security.txt
// (many sites answer every path with an HTML page and status 200).
var ErrNoContact = errors.New("no Contact field")

// Bounds on what one file may make us keep; the body itself is capped when fetched.
const (
	maxValueLen    = 2048
	maxValues      = 32 // per field
	maxOtherFields = 32
	maxProblems    = 20
)

// Parse reads a security.txt. It returns the file even with ErrNoContact, so that callers
// can show its problems. now dates the expiry check.
func Parse(b []byte, now time.Time) (*File, error) {
	f := &File{}
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	lines := strings.Split(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n")
	lines = f.unwrapSignature(lines)
	for i, line := range lines {
		line = strings.TrimRight(line, " \t\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if !utf8.ValidString(line) || strings.ContainsFunc(line, isControl) {
			f.problem("line %d: invalid UTF-8 or control characters; ignored", i+1)
			continue
		}
		name, value, ok := strings.Cut(line, ":")
		name = strings.TrimSpace(name)
		if !ok || name == "" || strings.ContainsAny(name, " \t") {
			f.problem("line %d: not a field; ignored", i+1)
			continue
		}
		value = strings.TrimSpace(value)
		if value == "" {
			f.problem("line %d: %s has no value", i+1, name)
			continue
		}
		if len(value) > maxValueLen {
			f.problem("line %d: %s value longer than %d bytes; ignored", i+1, name, maxValueLen)
			continue
		}
		f.add(strings.ToLower(name), value, i+1)
	}
	f.check(now)
	if len(f.Contact) == 0 {
		return f, ErrNoContact
	}
	return f, nil
}

func isControl(r rune) bool {
	return r < 0x20 && r != '\t' || r == 0x7f || r >= 0x80 && r < 0xa0 || r == '\u2028' || r == '\u2029' ||
		r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069' // bidi overrides
}

// unwrapSignature strips the OpenPGP cleartext signature framework (RFC 4880 §7): the
// armor header, its hash lines, the signature block, and the dash-escaping of lines.
func (f *File) unwrapSignature(lines []string) []string {
	start := -1
	for i, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if l == "-----BEGIN PGP SIGNED MESSAGE-----" {
			start = i
		}
		break
	}
	if start < 0 {
		return lines
	}
	f.Signed = true
	i := start + 1
	for i < len(lines) && strings.TrimSpace(lines[i]) != "" { // "Hash: SHA256" headers
		i++
	}
	var out []string
	for _, l := range lines[i:] {
		if strings.TrimSpace(l) == "-----BEGIN PGP SIGNATURE-----" {
			return out
		}
		if rest, ok := strings.CutPrefix(l, "- "); ok {
			l = rest
		}
		out = append(out, l)
	}
	f.problem("signed message without a signature block")
	return out
}

func (f *File) add(name, value string, line int) {
	var dst *[]string
	switch name {
	case "contact":
		dst = &f.Contact
	case "policy":
		dst = &f.Policy
	case "encryption":
		dst = &f.Encryption
	case "acknowledgments", "acknowledgements":
		dst = &f.Acknowledgments
	case "hiring":
		dst = &f.Hiring
	case "canonical":
		dst = &f.Canonical
	case "csaf":
		dst = &f.CSAF
	case "preferred-languages":
		if f.PreferredLanguages != nil {
			f.problem("line %d: Preferred-Languages given twice; the first kept", line)
			return
		}
		f.PreferredLanguages = []string{}
		for _, l := range strings.Split(value, ",") {
			if l = strings.TrimSpace(l); l != "" && len(f.PreferredLanguages) < maxValues {
				f.PreferredLanguages = append(f.PreferredLanguages, l)
			}
		}
		return
	case "expires":
		if f.ExpiresRaw != "" {
			f.problem("line %d: Expires given twice; the first kept", line)
			return
		}
		f.ExpiresRaw = value
		t, err := time.Parse(time.RFC3339, value)
		if err != nil {
			f.problem("line %d: Expires %q is not an RFC 3339 date-time", line, value)
			return
		}
		f.Expires = t
		return
	default:
		if f.Other == nil {
			f.Other = map[string][]string{}
		}
		if _, ok := f.Other[name]; !ok && len(f.Other) >= maxOtherFields {
			return
		}
		vs := f.Other[name]
		dst = &vs
		defer func() { f.Other[name] = vs }()
	}
	if len(*dst) < maxValues {
		*dst = append(*dst, value)
	}
	if name == "contact" || name == "policy" || name == "encryption" || name == "canonical" {
		if u, err := url.Parse(value); err != nil || u.Scheme == "" {
			f.problem("line %d: %s %q is not a URI", line, name, value)
		} else if u.Scheme == "http" {
			f.problem("line %d: %s uses http, not https", line, name)
		}
	}
}

func (f *File) check(now time.Time) {
	switch {
	case f.ExpiresRaw == "":
		f.problem("no Expires field")
	case !f.Expires.IsZero() && !now.IsZero() && f.Expires.Before(now):
		f.problem("expired on %s", f.Expires.UTC().Format(time.DateOnly))
	}
}

func (f *File) problem(format string, args ...any) {
	if len(f.Problems) < maxProblems {
		f.Problems = append(f.Problems, fmt.Sprintf(format, args...))
	}
}
