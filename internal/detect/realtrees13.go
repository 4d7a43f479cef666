package detect

import "github.com/leakwatch/leakwatch/internal/finding"

// The thirteenth real-tree round: classes found by triaging every non-test secret
// finding of the Go module cache, the Cloud SDK and the composite tree (nmap, dpkg) at
// main b29f36d. Each is read from the value's own grammar, never from a file name.
//
//   - Hexspeak for every rule: realtrees10.go's hex words ("cafebabe:deadbeef") judged
//     key-name rules only; a provider's shape that happens to take hex (Sidekiq's
//     "8 hex:8 hex") read the same marker in a README as its credential. A value spelt
//     only from those words is a marker whatever rule matched it.
//   - A word where a provider's key was looked for: a value of letters alone whose every
//     part is written as a word is ("Holdings", "embedded", "V-Portal" after
//     "Vonage"), where the provider's shape takes digits too. A generated value of
//     eight characters or more from such an alphabet is spelt so about once in a
//     thousand draws (all lower case, or one capital then lower case), and a digit in
//     it ends the class (see spelledWord in pvValueOK).

// treeRound13 reports a secret match that one of the round's classes explains.
func (sc *scanner) treeRound13(m rawMatch) bool {
	return m.r.Category == finding.Secret && hexspeak(m.value)
}

// spelledWord reports a value of ASCII letters alone, parts joined by '-' or '_', each
// part all lower case, or one capital then lower case, or a lone capital: how words and
// names are written, never how a generator draws from letters and digits.
func spelledWord(v []byte) bool {
	if len(v) < 2 {
		return false
	}
	start := 0
	for i := 0; i <= len(v); i++ {
		if i < len(v) && v[i] != '-' && v[i] != '_' {
			continue
		}
		part := v[start:i]
		if len(part) == 0 {
			return false
		}
		for j, c := range part {
			switch {
			case is(c, cLower):
			case isUpper(c) && j == 0:
			default:
				return false
			}
		}
		start = i + 1
	}
	return true
}
