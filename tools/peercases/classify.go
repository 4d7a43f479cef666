package main

import (
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"strings"
)

// Not every case a peer's tests hold is a fair question for every tool. The classes
// below are decided from the cases alone, never from any tool's output, and apply to
// every tool alike; the run prints how many cases each holds.
type caseKind int

const (
	plain caseKind = iota
	// leftOut: a positive whose token is invalid by its format's own rule (a checksum
	// that does not add up, a "JWT" whose header is not JSON). Rejecting it is right.
	leftOut
	// distance: a negative whose value has the detector's format but stands too far
	// from the peer's keyword for the peer's own matcher ("key out of prefix range").
	distance
	// contested: a negative holding a value that another positive case of the same
	// peer wants found: another detector's token ("a regular OpenAI key should not
	// match" the admin-key detector), one part of a multi-part credential (an API key
	// without the secret that the peer pairs it with), or, for gitleaks, a string that
	// is a true positive of another rule. A tool that reports such a value is not wrong.
	contested
)

type classes struct {
	kind  []caseKind
	count map[caseKind]int
}

func classify(cases []testCase) classes {
	cl := classes{kind: make([]caseKind, len(cases)), count: map[caseKind]int{}}
	// Values the positive cases want, and gitleaks' true-positive strings by rule.
	wanted := map[string]bool{}
	tpRule := map[string]map[string]bool{}
	for _, c := range cases {
		if !c.Positive {
			continue
		}
		for _, p := range wantedParts(c) {
			wanted[p] = true
		}
		if c.Source == "gitleaks" {
			if tpRule[c.Input] == nil {
				tpRule[c.Input] = map[string]bool{}
			}
			tpRule[c.Input][c.Detector] = true
		}
	}
	for i, c := range cases {
		k := plain
		switch {
		case c.Positive:
			if badChecksum(c.Input) || badAge(c.Input) || badPlexus(c.Input) || strings.Contains(strings.ToLower(c.Detector), "jwt") && !hasJWT(c.Input) {
				k = leftOut
			}
		case distanceCase(c.Name):
			k = distance
		case c.Source == "gitleaks" && (len(tpRule[c.Input]) > 0 || holdsKnown(c)):
			// the same string is a true positive (of another rule, or of this one
			// under another file name), or the rule rejects it only by listing it
			k = contested
		case c.Source == "noseyparker" && (c.Name == npShouldMatch || strings.HasSuffix(c.Name, " ("+npOtherRule+")") || holdsWanted(c.Input, wanted)),
			c.Source == "kingfisher" && holdsWanted(c.Input, wanted):
			// the rule file's own comment says its pattern should match this one,
			// another of its rules matches it, or another rule's example wants the value
			k = contested
		case c.Source == "trufflehog" && holdsWanted(c.Input, wanted),
			(c.Source == "semgrep" || c.Source == "trivy") && holdsWanted(c.Input, wanted):
			k = contested
		case c.Source == "ripsecrets" && strings.HasSuffix(c.Name, " "+rsAllowlisted):
			// a secret the peer passes only because its allowlist names it
			k = contested
		case c.Source == "trufflehog" && strings.HasPrefix(strings.ToLower(c.Name), "valid"):
			// the case's own name calls the pattern valid; the peer wants nothing from
			// it only because the other part of its pair is missing ("valid pattern -
			// only key")
			k = contested
		case hasJWT(c.Input) || hasPrivateKey(c.Input):
			// a credential by its own structure, which the peer declines to report
			// (an HMAC-signed JWT it cannot verify, a key without its account id)
			k = contested
		}
		cl.kind[i] = k
		cl.count[k]++
	}
	return cl
}

func holdsKnown(c testCase) bool {
	for _, k := range c.Known {
		if strings.Contains(c.Input, k) {
			return true
		}
	}
	return false
}

// hasPrivateKey reports a PEM private key block that parses as a key.
func hasPrivateKey(s string) bool {
	s = strings.ReplaceAll(s, `\n`, "\n")
	for {
		i := strings.Index(s, "-----BEGIN ")
		if i < 0 {
			return false
		}
		s = s[i:]
		b, rest := pem.Decode([]byte(s))
		if b == nil {
			s = s[len("-----BEGIN "):]
			continue
		}
		if _, err := x509.ParsePKCS8PrivateKey(b.Bytes); err == nil {
			return true
		}
		if _, err := x509.ParseECPrivateKey(b.Bytes); err == nil {
			return true
		}
		if _, err := x509.ParsePKCS1PrivateKey(b.Bytes); err == nil {
			return true
		}
		s = string(rest)
	}
}

// wantedParts returns the tokens of a positive case's input that its wanted values hold:
// the wanted values themselves when they occur in the input, else the input's tokens of
// 16 characters or more that a wanted value contains (a want that joins a key and its
// secret, "pi_…sk_live_…", names both parts).
func wantedParts(c testCase) []string {
	var out []string
	for _, w := range c.Want {
		if len(w) < 16 {
			continue
		}
		if strings.Contains(c.Input, w) {
			out = append(out, w)
			continue
		}
		for _, t := range tokens(c.Input) {
			if len(t) >= 16 && strings.Contains(w, t) {
				out = append(out, t)
			}
		}
	}
	return out
}

func tokens(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return r <= ' ' || strings.ContainsRune(`"'`+"`"+`,;()[]{}<>|`, r)
	})
}

func holdsWanted(input string, wanted map[string]bool) bool {
	for _, t := range tokens(input) {
		if len(t) < 16 {
			continue
		}
		if wanted[t] {
			return true
		}
		// the value after a key=value or key:value
		if i := strings.LastIndexAny(t, "=:"); i >= 0 && i+1 < len(t) && wanted[t[i+1:]] {
			return true
		}
	}
	return false
}

// hasJWT reports whether s holds a JSON Web Token: three dot-separated base64url parts
// whose first decodes to a JSON object (the header).
func hasJWT(s string) bool {
	for off := 0; ; {
		i := strings.Index(s[off:], "eyJ")
		if i < 0 {
			return false
		}
		i += off
		off = i + 1
		j := i
		for j < len(s) && (isB64URL(s[j]) || s[j] == '.') {
			j++
		}
		parts := strings.Split(s[i:j], ".")
		if len(parts) < 3 {
			continue
		}
		h, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[0], "="))
		if err != nil {
			continue
		}
		var v map[string]any
		if json.Unmarshal(h, &v) == nil {
			return true
		}
	}
}

func isB64URL(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-' || c == '_' || c == '='
}

// badPlexus reports a Maven master password in its encrypted form, <master>{…}</master>,
// that is no text Plexus cipher writes: the base64 of an 8-byte salt, a filler-length
// byte that is 7 whenever the AES-CBC cipher text is whole blocks (it always is), the
// cipher text and the filler, all of it whole 16-byte blocks. A backslash escaping the
// closing brace in a string literal is passed over.
func badPlexus(s string) bool {
	const open = "<master>{"
	i := strings.Index(s, open)
	if i < 0 {
		return false
	}
	body, _, ok := strings.Cut(s[i+len(open):], "}")
	if !ok {
		return false
	}
	body = strings.ReplaceAll(body, `\`, "")
	raw, err := base64.StdEncoding.DecodeString(body)
	if err != nil {
		raw, err = base64.RawStdEncoding.DecodeString(body)
	}
	return err != nil || len(raw) < 32 || len(raw)%16 != 0 || raw[8] != 7
}

// badAge reports an age secret key whose bech32 checksum is wrong.
func badAge(s string) bool {
	const p = "AGE-SECRET-KEY-1"
	i := strings.Index(s, p)
	if i < 0 {
		return false
	}
	j := i + len(p)
	for j < len(s) && strings.IndexByte("QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", s[j]) >= 0 {
		j++
	}
	return !bech32Valid(strings.ToLower(s[i:j]))
}

func bech32Valid(s string) bool {
	const charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
	pos := strings.LastIndexByte(s, '1')
	if pos < 1 || pos+7 > len(s) {
		return false
	}
	hrp, data := s[:pos], s[pos+1:]
	var vals []byte
	for i := 0; i < len(hrp); i++ {
		vals = append(vals, hrp[i]>>5)
	}
	vals = append(vals, 0)
	for i := 0; i < len(hrp); i++ {
		vals = append(vals, hrp[i]&31)
	}
	for i := 0; i < len(data); i++ {
		d := strings.IndexByte(charset, data[i])
		if d < 0 {
			return false
		}
		vals = append(vals, byte(d))
	}
	gen := [5]uint32{0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3}
	chk := uint32(1)
	for _, v := range vals {
		top := chk >> 25
		chk = (chk&0x1ffffff)<<5 ^ uint32(v)
		for i := 0; i < 5; i++ {
			if (top>>i)&1 == 1 {
				chk ^= gen[i]
			}
		}
	}
	return chk == 1
}
