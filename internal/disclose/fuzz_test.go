package disclose

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzParse(f *testing.F) {
	f.Add([]byte(goodFile))
	f.Add([]byte("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n- Contact: mailto:a@b\n-----BEGIN PGP SIGNATURE-----\nx\n-----END PGP SIGNATURE-----\n"))
	f.Add([]byte("\xef\xbb\xbfContact: mailto:a@b\r\nExpires: 2020-01-01T00:00:00Z\r\nPreferred-Languages: en,,fr\r\n"))
	f.Add([]byte("<html>Contact: x</html>\x00\x1b[2J"))
	f.Add([]byte("Contact:\n:\n::\n# c\nX: \u202e\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		file, err := Parse(b, now)
		if file == nil {
			t.Fatal("nil file")
		}
		if err != nil && !errors.Is(err, ErrNoContact) {
			t.Fatalf("unexpected error %v", err)
		}
		if (err == nil) != (len(file.Contact) > 0) {
			t.Fatalf("err %v with %d contacts", err, len(file.Contact))
		}
		all := [][]string{file.Contact, file.Policy, file.Encryption, file.Acknowledgments, file.Hiring,
			file.Canonical, file.CSAF, file.PreferredLanguages, {file.ExpiresRaw}}
		for _, vs := range file.Other {
			all = append(all, vs)
		}
		for _, vs := range all {
			if len(vs) > maxValues {
				t.Fatalf("%d values", len(vs))
			}
			for _, v := range vs {
				if !utf8.ValidString(v) || strings.ContainsFunc(v, isControl) || len(v) > maxValueLen {
					t.Fatalf("unsafe value %q", v)
				}
			}
		}
		if len(file.Other) > maxOtherFields || len(file.Problems) > maxProblems {
			t.Fatal("unbounded")
		}
		if file.Signed != strings.Contains(string(b), "-----BEGIN PGP SIGNED MESSAGE-----") && file.Signed {
			t.Fatal("signed without armor")
		}
	})
}
