// Package vuln matches the version a service reports against a product's table of
// published vulnerabilities and reports the matches as one finding, so that every store
// prober reads, compares and reports versions the same way. The tables themselves, and
// what a product's version text means, stay with each prober.
package vuln

import (
	"strconv"
	"strings"
)

// Version is a release number of up to four parts; missing parts are zero.
type Version [4]int

// suffixStart are the characters that end the release number and start what servers
// write after it: a pre-release or build ("8.0.0-rc1", "1.6.7~rc0", "2.42.0+ds",
// "3.4.23_x"), a distribution's revision or the product's name
// ("10.11.14-MariaDB-0+deb12u2", "15.18 (Debian 15.18-0+deb12u1)").
const suffixStart = "-+~_ ("

// maxPart bounds each number: no release numbers anything near it, and it keeps
// arithmetic on versions far from overflowing.
const maxPart = 100_000

// Parse reads a release number: an optional "v", then two to four dot-separated numbers
// ("7.0.15", "v3.4.23", "23.8.2.7"), then optionally a suffix starting with one of
// suffixStart. ok is false for anything else, including a lone number ("7"): too many
// things are numbers to take one for a version.
func Parse(s string) (v Version, ok bool) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "v")
	if i := strings.IndexAny(s, suffixStart); i >= 0 {
		s = s[:i]
	}
	parts := strings.Split(s, ".")
	if len(parts) < 2 || len(parts) > len(v) {
		return Version{}, false
	}
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 || n > maxPart {
			return Version{}, false
		}
		v[i] = n
	}
	return v, true
}

// TrimTag drops a tag written right after the leading release number ("9.6beta1",
// "18devel", "5.0.45a"), which Parse does not read past: the SQL servers write versions
// so, and their probers trim them first. Anything else is returned as it is, trimmed of
// spaces.
func TrimTag(s string) string {
	s = strings.TrimSpace(s)
	n := len(s) - len(strings.TrimLeft(s, "0123456789."))
	if n < len(s) && ('a' <= s[n] && s[n] <= 'z' || 'A' <= s[n] && s[n] <= 'Z') {
		return s[:n]
	}
	return s
}

// Compare orders versions: -1, 0 or 1.
func (v Version) Compare(w Version) int {
	for i := range v {
		switch {
		case v[i] < w[i]:
			return -1
		case v[i] > w[i]:
			return 1
		}
	}
	return 0
}

func (v Version) sameBranch(w Version) bool { return v[0] == w[0] && v[1] == w[1] }
