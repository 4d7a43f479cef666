package disclose

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

var now = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)

func TestParse(t *testing.T) {
	in := "\xef\xbb\xbf# Our security contacts\r\n" +
		"Contact: mailto:security@example.com\r\n" +
		"contact: https://example.com/report\r\n" +
		"CONTACT: tel:+1-201-555-0123\r\n" +
		"Expires: 2027-01-01T00:00:00.000Z\r\n" +
		"Encryption: https://example.com/pgp-key.txt\r\n" +
		"Preferred-Languages: en, fr ,de\r\n" +
		"Policy: https://example.com/disclosure\r\n" +
		"Acknowledgments: https://example.com/hall-of-fame\r\n" +
		"Hiring: https://example.com/jobs\r\n" +
		"Canonical: https://example.com/.well-known/security.txt\r\n" +
		"CSAF: https://example.com/.well-known/csaf/provider-metadata.json\r\n" +
		"X-Custom: hello\r\n" +
		"\r\n"
	f, err := Parse([]byte(in), now)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"mailto:security@example.com", "https://example.com/report", "tel:+1-201-555-0123"}
	if !slices.Equal(f.Contact, want) {
		t.Errorf("Contact %q", f.Contact)
	}
	if !f.Expires.Equal(time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("Expires %v", f.Expires)
	}
	if !slices.Equal(f.PreferredLanguages, []string{"en", "fr", "de"}) {
		t.Errorf("Preferred-Languages %q", f.PreferredLanguages)
	}
	checks := map[string][]string{
		"policy": f.Policy, "encryption": f.Encryption, "ack": f.Acknowledgments,
		"hiring": f.Hiring, "canonical": f.Canonical, "csaf": f.CSAF, "x-custom": f.Other["x-custom"],
	}
	for name, v := range checks {
		if len(v) != 1 {
			t.Errorf("%s: %q", name, v)
		}
	}
	if f.Signed || len(f.Problems) != 0 {
		t.Errorf("signed %v problems %q", f.Signed, f.Problems)
	}
}

func TestParseSigned(t *testing.T) {
	in := `-----BEGIN PGP SIGNED MESSAGE-----
Hash: SHA512

# Signed file
Contact: mailto:sec@example.org
- Policy: https://example.org/policy
Expires: 2026-12-31T23:59:59Z
-----BEGIN PGP SIGNATURE-----

iHUEARYKAB0WIQTcontact: not-a-field-inside-the-signature
Contact: mailto:injected@evil.example
=abcd
-----END PGP SIGNATURE-----
`
	f, err := Parse([]byte(in), now)
	if err != nil {
		t.Fatal(err)
	}
	if !f.Signed {
		t.Error("not marked signed")
	}
	if !slices.Equal(f.Contact, []string{"mailto:sec@example.org"}) {
		t.Errorf("Contact %q: the signature block must not be read as fields", f.Contact)
	}
	if !slices.Equal(f.Policy, []string{"https://example.org/policy"}) {
		t.Errorf("dash-escaped Policy %q", f.Policy)
	}
	if _, ok := f.Other["hash"]; ok {
		t.Error("armor header read as a field")
	}
}

func TestParseProblems(t *testing.T) {
	tests := []struct {
		name, in string
		err      error
		problem  string
	}{
		{"no contact", "Expires: 2027-01-01T00:00:00Z\nPolicy: https://x/p\n", ErrNoContact, ""},
		{"html page", "<!doctype html><html><body>Contact: us</body></html>", ErrNoContact, "not a field"},
		{"empty", "", ErrNoContact, "no Expires"},
		{"expired", "Contact: mailto:a@b\nExpires: 2020-01-01T00:00:00Z\n", nil, "expired on 2020-01-01"},
		{"bad date", "Contact: mailto:a@b\nExpires: next year\n", nil, "not an RFC 3339"},
		{"no expires", "Contact: mailto:a@b\n", nil, "no Expires"},
		{"twice", "Contact: mailto:a@b\nExpires: 2027-01-01T00:00:00Z\nExpires: 2028-01-01T00:00:00Z\n", nil, "Expires given twice"},
		{"bare email", "Contact: security@example.com\nExpires: 2027-01-01T00:00:00Z\n", nil, "not a URI"},
		{"http contact", "Contact: http://example.com/sec\nExpires: 2027-01-01T00:00:00Z\n", nil, "uses http"},
		{"empty value", "Contact:\nContact: mailto:a@b\nExpires: 2027-01-01T00:00:00Z\n", nil, "no value"},
		{"escape codes", "Contact: mailto:a@b\nPolicy: \x1b[2Jhttps://x\nExpires: 2027-01-01T00:00:00Z\n", nil, "control characters"},
		{"bidi", "Contact: mailto:a@b\nContact: mailto:\u202eevil\nExpires: 2027-01-01T00:00:00Z\n", nil, "control characters"},
		{"bad utf8", "Contact: mailto:a@b\nHiring: \xff\xfe\nExpires: 2027-01-01T00:00:00Z\n", nil, "invalid UTF-8"},
		{"signed, no signature", "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nContact: mailto:a@b\n", nil, "without a signature block"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse([]byte(tt.in), now)
			if !errors.Is(err, tt.err) || (tt.err == nil) != (err == nil) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if f == nil {
				t.Fatal("nil file")
			}
			if tt.problem != "" && !slices.ContainsFunc(f.Problems, func(p string) bool { return strings.Contains(p, tt.problem) }) {
				t.Fatalf("problems %q lack %q", f.Problems, tt.problem)
			}
			for _, vs := range [][]string{f.Contact, f.Policy, f.Hiring} {
				for _, v := range vs {
					if strings.ContainsFunc(v, isControl) {
						t.Fatalf("kept a control character in %q", v)
					}
				}
			}
		})
	}
}

func TestParseBounds(t *testing.T) {
	var b strings.Builder
	for i := range 5000 {
		b.WriteString("Contact: mailto:a@b\nX-F")
		b.WriteString(strings.Repeat("x", i%50))
		b.WriteString(": v\nnot a field\n")
	}
	b.WriteString("Policy: " + strings.Repeat("p", 5000) + "\n")
	f, err := Parse([]byte(b.String()), now)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Contact) != maxValues || len(f.Other) > maxOtherFields || len(f.Problems) > maxProblems || len(f.Policy) != 0 {
		t.Fatalf("unbounded: %d contacts, %d other fields, %d problems, %d policies",
			len(f.Contact), len(f.Other), len(f.Problems), len(f.Policy))
	}
}
