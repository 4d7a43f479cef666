package detect

import (
	"bytes"
	"strings"
)

// A map of credentials keyed by what each is for — {"secrets": {"github": "…"}},
// {"passwords": {"admin": "…"}}, tokens.refresh, api_keys[stripe] — names the kind of
// value in the object holding it, not in the field: the field's own name is a
// qualifier (a provider, a role, an environment). heldName reads such a path as the
// holder's noun in the singular ("secret", "password", "token", "api_key"), so the
// value is judged as it would be under that name. The qualifier is dropped: a
// provider's name there says where the credential is used, not that it has that
// provider's shape.

// credHolders are the holders' last words, plural and singular, with the name each
// value is read under. A plural "keys" is left out: key ids, public keys and index
// keys are kept in maps named so as often as secrets.
var credHolders = map[string]string{
	"secrets": "secret", "secret": "secret", "passwords": "password", "password": "password",
	"passwds": "password", "tokens": "token", "token": "token", "credentials": "credentials",
	"creds": "credentials", "passphrases": "passphrase", "apikeys": "api_key",
}

// keyKinds are the words that, before a plural "keys", make the holder a map of secret
// keys: the keys of a security scheme, a cipher, a signature or a network, not index
// keys, key ids or public keys. A holder's members are written one a line, a column of
// hex words of one length: the column gates (hexColumn) take such a column for a table of
// digests under keyed names, and do not apply to a held field (scanner.heldField), whose
// holder has said what the column is.
var keyKinds = map[string]bool{
	"security": true, "encryption": true, "decryption": true, "crypt": true, "crypto": true,
	"cipher": true, "signing": true, "hmac": true, "secret": true, "master": true,
	"network": true, "session": true, "access": true, "auth": true, "authentication": true,
	"aes": true, "symmetric": true, "shared": true, "psk": true,
}

// userMapWords are the words that, before a plural "users", make the holder a map of
// user names to passwords (see userMapValue).
var userMapWords = map[string]bool{"registered": true, "auth": true, "authorized": true, "http": true,
	"htpasswd": true, "basic": true}

// userMapHolder reports a path whose holder is a map of users to passwords
// (userMapWords).
func userMapHolder(path string) bool {
	i := strings.LastIndexAny(path, ".:/[")
	if i <= 0 {
		return false
	}
	h := path[:i]
	if j := strings.LastIndexAny(h, ".:/["); j >= 0 {
		h = h[j+1:]
	}
	hn, _ := normPath(strings.TrimSuffix(h, "]"))
	words := strings.Split(string(hn), "_")
	n := len(words)
	return n >= 2 && words[n-1] == "users" && userMapWords[words[n-2]]
}

// userMapValue is what a user's entry in such a map must be to be the user's password:
// a value a password policy of the plainest kind accepts — eight characters or more,
// letters and a digit, no blank — and not an address, a path or a role's word.
func userMapValue(v []byte) bool {
	if heldValue(v) {
		return true
	}
	if len(v) < 8 || len(v) > 64 || bytes.ContainsAny(v, " \t/") || isPlaceholder(v) {
		return false
	}
	if at := bytes.IndexByte(v, '@'); at >= 0 && bytes.IndexByte(v[at:], '.') > 0 {
		return false // an e-mail address
	}
	letters, digits := lettersDigits(v)
	return letters >= 3 && digits >= 1
}

// heldLeafWords are qualifiers that name something about the credential rather than
// which one it is: its metadata, its policy, its hashing ({"passwords": {"min_length":
// …, "algorithm": …}}). A leaf holding one of these words is not a credential's slot.
var heldLeafWords = map[string]bool{
	"id": true, "ids": true, "name": true, "names": true, "type": true, "kind": true, "format": true,
	"encoding": true, "version": true, "created": true, "updated": true, "modified": true, "at": true,
	"expires": true, "expiry": true, "expiration": true, "ttl": true, "lifetime": true, "age": true,
	"rotation": true, "rotated": true, "url": true, "uri": true, "path": true, "file": true, "dir": true,
	"provider": true, "source": true, "backend": true, "store": true, "enabled": true, "disabled": true,
	"required": true, "policy": true, "policies": true, "min": true, "max": true, "length": true,
	"strength": true, "complexity": true, "history": true, "hint": true, "hash": true, "hashing": true,
	"hasher": true, "algorithm": true, "algo": true, "scheme": true, "salt": true, "iv": true,
	"nonce": true, "digest": true, "checksum": true, "count": true, "description": true, "label": true,
	"owner": true, "user": true, "username": true, "login": true, "email": true, "scope": true,
	"scopes": true, "issuer": true, "audience": true, "prefix": true, "header": true, "public": true,
	"pub": true, "mode": true, "enabled_at": true, "status": true, "state": true, "note": true,
	"comment": true, "mount": true, "ref": true, "key_id": true, "kid": true, "arn": true,
	// identifiers of the credential, not the credential: libvirt's <secret uuid='…'/>
	// names a secret kept elsewhere; certificates are named by a serial or a thumbprint
	"uuid": true, "guid": true, "uid": true, "oid": true, "serial": true, "fingerprint": true,
	"thumbprint": true,
}

// heldName returns the name a value at path is read under when its holder names the
// credential and its own name may be a qualifier (see credHolders), and that own name,
// or "" otherwise.
func heldName(path string) (name, leaf string) {
	parts := strings.FieldsFunc(path, func(r rune) bool {
		return r == '.' || r == '/' || r == ':' || r == '[' || r == ']'
	})
	if len(parts) < 2 {
		return "", ""
	}
	leaf = parts[len(parts)-1]
	holder := parts[len(parts)-2]
	if allDigits([]byte(leaf)) {
		return "", "" // a list's element: the list's name is the field's own
	}
	if len(leaf) > 40 || len(holder) > 40 {
		return "", ""
	}
	hn, _ := normPath(holder)
	words := strings.Split(string(hn), "_")
	last := words[len(words)-1]
	name, ok := credHolders[last]
	switch {
	case last == "keys" && len(words) >= 2 && words[len(words)-2] == "api":
		name, ok = "api_key", true
	case last == "users" && len(words) >= 2 && userMapWords[words[len(words)-2]]:
		// a map of users to their passwords: Orthanc's "RegisteredUsers": {"admin":
		// …}, "basic_auth_users", "http_users" — the leaf is a user's name
		name, ok = "password", true
	case last == "keys" && len(words) >= 2 && keyKinds[words[len(words)-2]]:
		// a plural "keys" that a credential's word qualifies: Z-Wave's
		// "securityKeys": {"S0_Legacy": …}, "encryptionKeys", "signingKeys"
		name, ok = words[len(words)-2]+"_key", true
	case !ok:
		return "", ""
	}
	ln, _ := normPath(leaf)
	if len(ln) == 0 {
		return "", ""
	}
	for _, w := range strings.Split(string(ln), "_") {
		if heldLeafWords[w] {
			return "", ""
		}
	}
	for _, c := range []byte(leaf) {
		if !(is(c, cAlnum) || c == '_' || c == '-') {
			return "", "" // a qualifier is a word: not a file name, an address, a sentence
		}
	}
	return name, leaf
}

// heldValue is what a value under a holder's name must be: the holder says what its
// entries are, but a qualifier may just as well hold a setting ({"passwords":
// {"reset_mail": "enabled"}}), so a value counts only when it looks generated or is a
// password a policy would accept — not any word, as under a field named for a password.
func heldValue(v []byte) bool {
	return (genericSecretValue(v) || policyPassword(v)) && !resourcePath(v)
}

// resourcePath reports a value that is the path of something, not a secret: two or
// more of its '/'-separated parts are lower-case words ("projects/81/secrets/db/versions/3").
// Base64's parts between slashes are seldom words.
func resourcePath(v []byte) bool {
	words := 0
	for _, p := range bytes.Split(v, []byte("/")) {
		if len(p) >= 3 && run(p, 0, cLower, len(p)) == len(p) {
			words++
		}
	}
	return words >= 2
}
