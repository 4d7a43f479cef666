package detect

import (
	"regexp"
	"testing"
)

// rePrefix must give regexp's own LiteralPrefix for every token rule's expression
// (tk.rule uses it for the rule's anchor and the bytes it skips) and for the shapes
// its walk tells apart.
func TestRePrefix(t *testing.T) {
	srcs := []string{
		`abc`, `abc[0-9]+`, `(abc)def`, `(?:ab)(cd)?e`, `a+b`, `ab+c`, `(?:ab)+c`, `a{3}b`, `a{2,}b`, `a{0,2}b`,
		`(?i)abc`, `(?i)12ab`, `x(?i)yz`, `[a]bc`, `[.]x`, `\.ab`, `^abc`, `\Aabc`, `(?m)^abc`, `ab|ac`, `abc|abd`,
		`(ab|cd)`, `a*b`, `a?b`, `é1`, `\x{FFFD}ab`, `()ab`, `(?:)ab`, `ghp_[A-Za-z0-9]{36}`, `xox[bpa]-[0-9]+`,
		`a{1}b`, `a{1,}b`, `(?:ab){2}c`, `(?:ab){2,3}c`, `a{0}b`, `a{0,1}b`, `(?:a{2}){2}b`, `(a{2})b{1,}`, `(?:a|b){2}c`,
	}
	n := 0
	for _, ts := range [][]tk{aiTokens, cloudTokens, devTokens, messagingTokens, paymentTokens, saasTokens, moreTokens,
		peerTokens, formatTokens, prefixedTokens, kfaTokens, kf2Tokens, provTokens, provPrefixed, held7Tokens,
		held8Tokens, peers2Tokens, peers3Tokens, peers4Tokens, peers41Tokens, held13Tokens, oosTokens, tunnelTokens} {
		for _, s := range ts {
			srcs = append(srcs, s.re)
			n++
		}
	}
	if n < 200 {
		t.Fatalf("only %d token rules read", n)
	}
	for _, src := range srcs {
		want, _ := regexp.MustCompile(src).LiteralPrefix()
		if got := rePrefix(src); got != want {
			t.Errorf("rePrefix(%q) = %q, regexp says %q", src, got, want)
		}
	}
}
