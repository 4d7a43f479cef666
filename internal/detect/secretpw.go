package detect

import "bytes"

// secretHeldPassword reports a value the generic secret rule s refuses as no generated
// key that reads as a password a person chose, kept under a secret's name
// ("client_secret = Marula88?", "aws_secret_access_key: Marigold_Rosewood_780",
// "ldap.credentials:Copper_Zephyr_602"): a secret's slot filled by hand. The password
// rule then judges it (with its own guards) though its key names no password. Only
// the password policies' shapes count — upper and lower case letters, a digit and a
// sign, or a passphrase of words and a number with a capitalised word — a plain word or
// identifier does not.
// secretAsPassword reports a value the generic secret rule s refuses that the password
// rule judges instead: a password a person chose in a secret's slot, or a typed value
// under a shared secret's name (sharedSecretPassword, gates38.go). The evaluation and the
// pass that defers generic candidates ask it alike.
func (d *kvDet) secretAsPassword(s *kvSpec, key, v []byte) bool {
	return d.secretHeldPassword(s, v) || s == d.secret && d.password != nil && sharedSecretPassword(key, v)
}

func (d *kvDet) secretHeldPassword(s *kvSpec, v []byte) bool {
	if d.password == nil || s != d.secret || len(v) < 7 || len(v) > 40 || !typedPassword(v) || isPlaceholder(v) {
		return false
	}
	if bytes.ContainsAny(v, ".,;[](){}<>&'\"") || identifierLike(v) {
		return false // a member, an index, markup or an entity: code's ("Oauth2.0", "Jobs[-1].JobId")
	}
	if passphrase(v) && capitalisedWord(v) {
		return true // ("prod_cluster_2024", "duffel_test_abc123" are names a program gives)
	}
	var up, lo, dig, sign bool
	for _, c := range v {
		switch {
		case isUpper(c):
			up = true
		case is(c, cLower):
			lo = true
		case isDigit(c):
			dig = true
		case bytes.IndexByte([]byte("!#$%&*?@^~+=."), c) >= 0:
			sign = true
		}
	}
	return up && lo && dig && sign
}

// capitalisedWord reports an upper-case letter followed by a lower-case one: a word
// written with a capital ("Marigold_Rosewood_780"), which identifiers of code and
// environment names ("prod_cluster_2024") rarely hold.
func capitalisedWord(v []byte) bool {
	for i := 0; i+1 < len(v); i++ {
		if isUpper(v[i]) && is(v[i+1], cLower) {
			return true
		}
	}
	return false
}

// pairedSignedPassword accepts the value after "USER name PASS" that valueShape refuses
// for a sign it holds (':', '=', a bracket: "PASS Kq7=Wm2z!x"): the pair of words is
// context enough for letters, a digit and a sign, with no reference, URL or path.
func pairedSignedPassword(v []byte) bool {
	if len(v) < 8 || len(v) > 64 || !strongContextPassword(v) || bytes.Contains(v, []byte("://")) || bytes.ContainsAny(v, "/\\") {
		return false
	}
	var letter, dig, sign bool
	for _, c := range v {
		switch {
		case is(c, cLower|cUpper):
			letter = true
		case isDigit(c):
			dig = true
		default:
			sign = true
		}
	}
	return letter && dig && sign
}
