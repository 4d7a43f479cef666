package detect

import (
	"bytes"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// Classes that the test cases of semgrep-rules and detect-secrets (their half A, issue
// 11, tools/peercases) showed missing from the generic secret rule: secrets written with
// symbols that no generated token's alphabet has. Tested in peers4_classes_test.go.

// tokenAlphabet is the bytes of generated keys and tokens (base64, base32, hex, URL-safe
// alphabets and the separators of structured tokens) that genericSecretValue takes.
const tokenAlphabet = cAlnum | cDash | cDot | cUnder | cPlus | cSlash | cEq | cTilde

// symbolSecret recognises a secret that holds symbols outside the token alphabets, in
// one of two shapes:
//
//   - a generated token with a symbol or two in it ("MbBdK@RzNppWpBGAYPDUks7zoc"):
//     letters of both cases and digits, at most two symbols, long and varied;
//   - a secret typed by hand with punctuation all through it, as strong passwords are
//     made: three or more different symbols among at least six letters.
//
// Either way the value is one piece of text: no blank, no quote or backslash (a string
// literal around it, an escape), no template that a program fills in (isPlaceholder
// and misNested decide that), no URL, e-mail address, path, format verb, regular
// expression or operator of code. A hand-typed one is taken only under a key that
// names a secret outright (handMadeKey).
func symbolSecret(v []byte) bool {
	return strayToken(v) || handTypedSecret(v)
}

// symbolsOf counts a value's bytes outside the token alphabet and their distinct
// kinds; ok is false when one is not printable ASCII, a blank, a quote or a backslash.
func symbolsOf(v []byte) (n, kinds int, ok bool) {
	var seen [128]bool
	for _, c := range v {
		if c <= ' ' || c >= 0x7f || c == '"' || c == '\'' || c == '`' || c == '\\' {
			return 0, 0, false
		}
		if is(c, tokenAlphabet) || c == ':' {
			continue
		}
		n++
		if !seen[c] {
			seen[c] = true
			kinds++
		}
	}
	return n, kinds, true
}

// strayToken: a generated-looking token with one or two symbols among its characters.
func strayToken(v []byte) bool {
	if len(v) < 20 || len(v) > 128 {
		return false
	}
	n, _, ok := symbolsOf(v)
	if !ok || n == 0 || n > 2 && n*12 > len(v) || classCount(v) < 3 || entropy(v) < 3.8 {
		return false
	}
	if notTextual(v) {
		return false
	}
	// "user@host:port/path": the userinfo and host of an address, not a token
	if at := bytes.IndexByte(v, '@'); at >= 0 {
		h := at + 1
		for h < len(v) && (is(v[h], cLower|cDigit|cDot|cDash)) {
			h++
		}
		if h-at-1 >= 4 && (h == len(v) || v[h] == ':' || v[h] == '/') {
			return false
		}
	}
	// the pieces between the symbols: base64 of text ("Qm9vdGxl…") is an encoded
	// word with a stray character, not a key
	for _, p := range bytes.FieldsFunc(v, func(r rune) bool { return r < 0x80 && !is(byte(r), tokenAlphabet) && r != ':' }) {
		if len(p) >= 12 && base64Text(p) {
			return false
		}
	}
	// the symbols aside, the rest must read as a generated token
	rest := make([]byte, 0, len(v))
	for _, c := range v {
		if is(c, tokenAlphabet) || c == ':' {
			rest = append(rest, c)
		}
	}
	return !identifierLike(rest) && !nearHex(rest)
}

// handTypedSecret: punctuation of three or more kinds all through a value of letters.
func handTypedSecret(v []byte) bool {
	if len(v) < 12 || len(v) > 128 {
		return false
	}
	n, kinds, ok := symbolsOf(v)
	if !ok || kinds < 3 || n*2 > len(v) {
		return false
	}
	letters := 0
	for _, c := range v {
		if is(c, cLower|cUpper) {
			letters++
		}
	}
	if letters < 6 || notTextual(v) || entropy(v) < 3.5 {
		return false
	}
	// a template or interpolation closes its brackets in order; one that does not
	// nest is a password's punctuation (misNested). Well-formed ones are left out.
	if bytes.ContainsAny(v, "{(") && !misNested(v) {
		return false
	}
	return true
}

// notTextual recognises what a value with symbols is when it is no secret: an e-mail
// address or URL, a path, a format string, a regular expression, an expression of code.
func notTextual(v []byte) bool {
	if bytes.Contains(v, []byte("://")) || v[0] == '/' || v[0] == '~' || v[0] == '^' {
		return true
	}
	if at := bytes.IndexByte(v, '@'); at > 0 && bytes.IndexByte(v[at:], '.') > 1 && bytes.Count(v, []byte("@")) == 1 {
		// "name@host.tld" (an address), not "Rz@Npp…"
		dom := v[at+1:]
		if d := bytes.LastIndexByte(dom, '.'); d > 0 && d < len(dom)-1 && run(dom, d+1, cLower, len(dom)) == len(dom) {
			return true
		}
	}
	for _, op := range []string{"%s", "%d", "%v", "%(", "%{", "==", "!=", "&&", "||", "->", "=>", "::", "()", "[]", "{}", ".*", "?:", "(?", "\\d", "\\w", "[^", ",", ";", "</", "/>"} {
		if bytes.Contains(v, []byte(op)) {
			return true
		}
	}
	// a tag ("<br>", "<T>"): '<' before a letter
	if i := bytes.IndexByte(v, '<'); i >= 0 && i+1 < len(v) && is(v[i+1], cLower|cUpper) && (bytes.IndexByte(v[i:], '>') > 0 || !strayLone(v)) {
		return true
	}
	return false
}

// handMadeKey reports a key that names a secret outright — secret, API key, private
// key, secret access key — the only keys under which a hand-typed value with
// punctuation is taken for one (a bare "key" or "token" names a table's or a parser's
// thing as often).
func handMadeKey(key []byte) bool {
	k := bytes.ToLower(key)
	for _, w := range []string{"secret", "apikey", "api_key", "api-key", "private_key", "privatekey", "private-key"} {
		if bytes.Contains(k, []byte(w)) {
			return true
		}
	}
	return false
}

// peers4Tokens are credentials whose surrounding structure proves them.
var peers4Tokens = []tk{
	{id: "azure-app-config-secret", title: "Azure App Configuration access key (connection string)", provider: "Azure App Configuration", sev: finding.High,
		// An App Configuration store's connection string, as the portal and the CLI
		// give it: "Endpoint=https://<store>.azconfig.io;Id=<key id>;Secret=<key>". The
		// catalogue knows the older 44-character keys beside the store's host name; the
		// keys issued now are longer (84 characters), and the connection string's own
		// layout says what its Secret is, whatever its length. Same rule id as the
		// catalogue's entry.
		re: `Endpoint=https://[a-z0-9][a-z0-9-]{0,48}\.azconfig\.io;Id=[A-Za-z0-9+/:=_-]{1,64};Secret=([A-Za-z0-9+/]{40,96}={0,2})`,
		// prioContext: the catalogue's entry joins this rule instead of being renamed
		group: 1, lits: []string{".azconfig.io;Id="}, back: 72, prio: prioContext,
		rem: "Regenerate the store's access key (read-write and read-only keys are separate), update the applications that use it, and keep connection strings in a secret store.",
		ex: []string{`APPCONFIG_CONNECTION_STRING="Endpoint=https://orders-prod.azconfig.io;Id=Kq3v-l9-s0:Zx8Wm2Rt7Lp4Vb1N;Secret={b:84}"`,
			`Endpoint=https://cfg-eu.azconfig.io;Id=0-l4-s0:Tq8W;Secret={b:43}=`},
		nex: []string{`Endpoint=https://orders-prod.azconfig.io;Id=<key id>;Secret=<secret>`, `Endpoint=https://orders-prod.azconfig.io;Id=Kq3v;Secret={b:20}`}},
}
