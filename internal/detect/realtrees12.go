package detect

import (
	"bytes"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// The twelfth real-tree round: classes found by triaging every non-test secret finding
// of the Go module cache, the Cloud SDK, nmap, dpkg and the npm cache at main 22cc1a6.
// Each is read from the value's grammar and the text beside it, never from a file name.
//
//   - A CI's encrypted variable: a value under a key named "secure" in YAML
//     ("password:\n  secure: \"C9Im…\"", Travis CI's and AppVeyor's form) is ciphertext
//     the CI decrypts with a key that never leaves it (Travis: the repository's RSA key;
//     AppVeyor: the account's), not the secret itself. Only base64 of 40 characters or
//     more is read so: a short or a plain value under the key is judged as before.

// treeRound12 reports a secret match that one of the round's classes explains.
func (sc *scanner) treeRound12(m rawMatch) bool {
	if m.r.Category != finding.Secret || m.start <= 0 || m.end > len(sc.data) || m.start >= m.end {
		return false
	}
	return ciSecureValue(sc.data, m.start, m.end)
}

// ciSecureValue reports a match that is the whole base64 value of a YAML key named
// secure: the key opens its line (after blanks or a list's "- "), the value follows
// ": " with or without quotes, and it is all base64.
func ciSecureValue(data []byte, start, end int) bool {
	if end-start < 40 {
		return false
	}
	for _, c := range data[start:end] {
		if !is(c, cB64) && c != '=' {
			return false
		}
	}
	ls := lineStartWithin(data, start, 128)
	before := bytes.TrimLeft(data[ls:start], " \t")
	before = bytes.TrimPrefix(before, []byte("- "))
	before = bytes.TrimRight(before, " \t\"'")
	return string(before) == "secure:" || string(before) == `"secure":`
}
