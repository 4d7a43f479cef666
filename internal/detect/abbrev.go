package detect

import (
	"bytes"
	"strings"
)

// Abbreviated field names. The names of a store's fields are written short where a
// configuration file would spell them out: "sessionTok", "refresh_tok" for a token,
// and the access-key pair of the clouds that call it AK/SK (Huawei, Alibaba, Baidu,
// Volcengine, Tencent's SecretKey; MinIO's and S3 tools' "akey"/"skey"). Only a
// record's fields are read this way — in text "tok" is a lexer's token and "sk" any
// variable — and the pair's names are short enough to mean other things in a store
// too (DynamoDB's "sk" is a sort key), so their values must look generated and not
// composite ("ORDER#2024-05-01#17"): pairKeyValue. A number ending a field's name
// ("PUSH_TOKEN2", "backupSecret3") numbers one of several fields of a kind and is
// read without it (a series' number, not a size: seriesNumber).

type abbrevKind uint8

const (
	abbrevNone     abbrevKind = iota
	abbrevToken               // "<qualifier> tok": a token
	abbrevKeyPair             // ak, akey, sk, skey: one half of an access-key pair
	abbrevNumbered            // a name with a number: "PUSH_TOKEN2"
	abbrevPlural              // a store's list of credentials: "api_keys", "passwords"
	abbrevGlued               // a name folded to lower case: "sessiontoken", "tokenvalue"
)

// gluedHeads are the credential words a name folded to lower case ends with: S3
// metadata, a Postgres column created without quotes and a header lose the case that
// separated "sessionToken"'s words, and the name is read as "session_token".
var gluedHeads = []string{"token", "secret", "password", "passwd", "passphrase"}

// unglue returns a lower-case name of letters ending with a credential word as its two
// words ("sessiontoken" → "session_token", "tokenvalue" → "token_value"), or "".
func unglue(w string) string {
	if len(w) < 7 || len(w) > 48 {
		return ""
	}
	for _, c := range []byte(w) {
		if c < 'a' || c > 'z' {
			return ""
		}
	}
	tail := ""
	if rest, ok := strings.CutSuffix(w, "value"); ok && len(rest) >= 5 {
		w, tail = rest, "_value"
	}
	for _, h := range gluedHeads {
		if w == h && tail != "" {
			return h + tail
		}
		if rest, ok := strings.CutSuffix(w, h); ok && len(rest) >= 2 {
			return rest + "_" + h + tail
		}
	}
	return ""
}

// pluralWords are the plurals of the words that name a credential: a column or field
// holding several (a text[] or Array(String) column, a list in a document) is named
// for what each of its values is.
var pluralWords = map[string]string{"keys": "key", "tokens": "token", "passwords": "password", "secrets": "secret",
	"passwds": "passwd", "pwds": "pwd", "passphrases": "passphrase", "apikeys": "apikey"}

// fieldAbbrev returns the path with its last part spelled out, and what it
// abbreviated; abbrevNone when it abbreviates nothing. A number ending the last part
// ("PUSH_TOKEN2", "api_key_2", "sk2") numbers one of several fields of the same kind
// and is dropped (abbrevNumbered) when a word of three letters or more stands before
// it: "x509", "s3" and "v2" keep theirs.
func fieldAbbrev(path string) (string, abbrevKind) {
	i := strings.LastIndexAny(path, ".:/")
	head, last := path[:i+1], path[i+1:]
	if last == "" || len(last) > maxKeyLen {
		return path, abbrevNone
	}
	norm, _ := normPath(last)
	words := bytes.Split(norm, []byte{'_'})
	n := len(words)
	kind := abbrevNone
	w := bytes.TrimRight(words[n-1], "0123456789")
	switch {
	case len(w) == 0 && n > 1 && len(bytes.TrimRight(words[n-2], "0123456789")) == len(words[n-2]) && seriesNumber(words[n-1]):
		n-- // "api_key_2"
		w = words[n-1]
		kind = abbrevNumbered
	case len(w) >= 3 && len(w) < len(words[n-1]) && seriesNumber(words[n-1][len(w):]):
		kind = abbrevNumbered // "token2"
	}
	spelled := func(tail string) string {
		if n == 1 {
			return head + tail
		}
		return head + string(bytes.Join(words[:n-1], []byte{'_'})) + "_" + tail
	}
	switch {
	case n == 1 && (string(w) == "sk" || string(w) == "skey"):
		return head + "secret_key", abbrevKeyPair
	case n == 1 && (string(w) == "ak" || string(w) == "akey"):
		return head + "access_key", abbrevKeyPair
	case n >= 2 && string(w) == "tok" && tokQualifiers[string(words[n-2])]:
		return spelled("token"), abbrevToken
	case n >= 2 && string(w) == "sec" && secQualifiers[string(words[n-2])]:
		return spelled("secret"), abbrevToken // "api_sec", "clientSec" (not "timeout_sec")
	case kind == abbrevNumbered:
		return spelled(string(w)), abbrevNumbered
	case pluralWords[string(w)] != "":
		return spelled(pluralWords[string(w)]), abbrevPlural
	case n == 1 && unglue(last) != "":
		return head + unglue(last), abbrevGlued
	}
	return path, abbrevNone
}

// tokQualifiers are the words that make "tok" a credential: the kinds of tokens that
// grant access.
var tokQualifiers = map[string]bool{"session": true, "access": true, "auth": true, "refresh": true, "bearer": true,
	"api": true, "id": true, "oauth": true, "sess": true, "login": true, "user": true, "app": true, "bot": true,
	"push": true, "device": true, "jwt": true, "personal": true, "service": true, "admin": true}

// secQualifiers are the words that make "sec" a secret rather than seconds or
// security: the owners of client and signing secrets.
var secQualifiers = map[string]bool{"api": true, "app": true, "client": true, "cli": true, "consumer": true, "oauth": true,
	"jwt": true, "hmac": true, "signing": true, "webhook": true, "shared": true}

// pairKeyValue is what a value under an abbreviated access-key name must be: the test
// a bare "key" gets (generated-looking, not hex, not base64 of text), written in the
// alphabets of generated keys only — no '#' or '|' (the separators of composite sort
// and partition keys), no hand-typed punctuation.
func pairKeyValue(v []byte) bool {
	for _, c := range v {
		if !is(c, tokenAlphabet) {
			return false
		}
	}
	return bareKeyValue(v)
}

// personPassword is a password a person typed, kept under a name that reads as a
// credential only in some of its uses: the access-key pair's short names (sk, akey),
// a letter before "key" (x_key) and a cursor's name (syncToken). Their other uses hold
// what programs write — generated keys and ids, digests, composite sort keys
// ("ORDER#2024-05-01#17"), pagination cursors (base64 of a position) — and none of
// those is a policy password (policyPassword) that carries the punctuation only a
// person picks: one of ! $ % & * ~ ^, or a '+' between two words ("meadow928+Velvet";
// a '+' alone is base64's too). '#', '-', '_' and '.' join the parts of composite
// keys and names and prove nothing.
func personPassword(v []byte) bool {
	if !policyPassword(v) {
		return false
	}
	if bytes.ContainsAny(v, "!$%&*~^") {
		return true
	}
	if bytes.IndexByte(v, '+') < 0 || bytes.ContainsAny(v, "/=") {
		return false
	}
	words := 0
	for _, p := range bytes.FieldsFunc(v, func(r rune) bool { return r >= 0x80 || !is(byte(r), cLower|cUpper) }) {
		if len(p) >= 5 && bytes.IndexFunc(p[1:], func(r rune) bool { return r < 'a' || r > 'z' }) < 0 {
			words++ // "meadow", "Velvet": a word, lower case or capitalised
		}
	}
	return words >= 2
}

// numberedKey is key without the number numberedSegs drops from it: every rule then
// reads "db_password2" as it reads "db_password".
func numberedKey(key []byte, sc *scanner) []byte {
	if len(key) == 0 || !isDigit(key[len(key)-1]) || len(key) > maxKeyLen {
		return key
	}
	segs := keySegments(key, sc.segBuf[:0], sc.segText[:0])
	if len(segs) == 0 {
		return key
	}
	last := len(segs[len(segs)-1])
	if t := numberedSegs(segs); len(t[len(t)-1]) < last {
		return key[:len(key)-(last-len(t[len(t)-1]))]
	}
	return key
}

// numberedSegs reads a key of text whose last word ends in a number ("password2",
// "db_token1", "api_key3") without the number, as fieldAbbrev reads a field's name:
// the number tells one of several keys of a kind apart. The word must be of five
// letters or more, or follow another word: "sha256", "md5", "key2" and "pass1" (a
// compiler's pass) keep their number.
func numberedSegs(segs [][]byte) [][]byte {
	n := len(segs)
	if n == 0 {
		return segs
	}
	last := segs[n-1]
	w := bytes.TrimRight(last, "0123456789")
	if len(w) == len(last) || len(w) < 3 || len(w) < 5 && n < 2 || !seriesNumber(last[len(w):]) {
		return segs
	}
	for _, c := range w {
		if !is(c, cLower) {
			return segs
		}
	}
	segs[n-1] = w
	return segs
}

// seriesNumber reports a number that tells one of a series apart (1 to 99), not a
// size or an encoding's ("salt64", "key_256", "hash32", "sha1" aside: 8, 16, 32, 64
// and numbers of three digits name bits and bases).
func seriesNumber(d []byte) bool {
	switch string(d) {
	case "8", "16", "32", "64":
		return false
	}
	return len(d) >= 1 && len(d) <= 2
}
