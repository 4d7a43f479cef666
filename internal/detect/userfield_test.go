package detect

import (
	"bytes"
	"strings"
	"testing"
)

// TestUserFieldValueInMatchesDirect: userFieldValueIn, answered from offsets found once a
// text, returns what userFieldValue returns for every window of texts of user fields.
func TestUserFieldValueInMatchesDirect(t *testing.T) {
	parts := []string{"user=", "User: ", "USERNAME = ", "login:", "Login=", "\"user\": \"", "cn=", "CN=",
		"dn: ", "bindDN=", ",dc=io", "admin", "svc-7", "x.y", "guest", " ", "\n", "&", ",", "'", "\t",
		"superuser=", "blogin=", "Łódź", "İ", "\xff", "password=", "9"}
	next := xorshiftN(88172645)
	for range 300 {
		var b strings.Builder
		for range 4 + next(40) {
			b.WriteString(parts[next(len(parts))])
		}
		data := []byte(b.String())
		var idx round4Index
		for range 40 {
			lo := next(len(data) + 1)
			hi := lo + next(len(data)-lo+1)
			want := userFieldValue(data[lo:hi])
			got := idx.userFieldValueIn(data, lo, hi)
			if !bytes.Equal(got, want) || (got == nil) != (want == nil) {
				t.Fatalf("%q [%d:%d]: got %q, userFieldValue says %q", data, lo, hi, got, want)
			}
		}
	}
}

// TestUserFieldValueOutsideASCII: bytes outside ASCII before a bind DN's "cn=" once
// moved the lower-cased copy's offsets past the line's end, and a scan of such a line
// beside a password and "localhost" panicked.
func TestUserFieldValueOutsideASCII(t *testing.T) {
	line := strings.Repeat("\xff", 24) + " dn cn=adm1 password=adm1"
	if u := userFieldValue([]byte(line)); string(u) != "adm1" {
		t.Errorf("%q: user %q, want adm1", line, u)
	}
	scanAll(Default(), "host=localhost\n"+line+"\n")
}

// TestTwiceInMatchesCount: twiceIn answers as bytes.Count does, on texts of few letters
// where a word overlaps its own repeats ("aba" in "ababa").
func TestTwiceInMatchesCount(t *testing.T) {
	next := xorshiftN(2463534242)
	for range 20000 {
		b := make([]byte, next(24))
		for i := range b {
			b[i] = "ab"[next(2)]
		}
		w := make([]byte, 1+next(4))
		for i := range w {
			w[i] = "ab"[next(2)]
		}
		if got, want := twiceIn(b, w), bytes.Count(b, w) >= 2; got != want {
			t.Fatalf("%q in %q: twiceIn %v, Count says %v", w, b, got, want)
		}
	}
}

// xorshiftN returns a generator of numbers in [0, n) from seed.
func xorshiftN(seed uint32) func(n int) int {
	x := seed
	return func(n int) int {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		return int(x % uint32(n))
	}
}
