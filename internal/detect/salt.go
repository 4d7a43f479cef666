package detect

import "bytes"

// saltLike reports a value that reads as a generated salt or secret key drawn from the
// whole printable alphabet, as WordPress's secret-key service, Django's
// get_random_secret_key and password generators write them
// ("P_,DxX}}ntUvTZ,hozo1h?cfx@j8?EQTd]*aH05Infk9>ltcU+ZCg62Z|YO0>@#;"). The generic
// rule's guards are made for identifiers and code: a '+' first reads as a concatenation,
// "}}" as a template's, a '%' as a format's. A value under a secret's name with upper
// and lower letters, digits, at least five different signs besides base64's "+/=-_" (signs one in
// eight of its bytes or more), mostly distinct bytes, and none of a pattern's, a template's or a URL's
// marks is that salt.
func saltLike(v []byte) bool {
	if len(v) < 32 || len(v) > 128 {
		return false
	}
	var seen [128]bool
	distinct, signs, distinctSigns := 0, 0, 0
	var up, lo, dig bool
	for _, c := range v {
		if c <= ' ' || c >= 0x7f || c == '"' || c == '\'' || c == '\\' || c == '`' {
			return false
		}
		switch {
		case c >= 'A' && c <= 'Z':
			up = true
		case c >= 'a' && c <= 'z':
			lo = true
		case c >= '0' && c <= '9':
			dig = true
		default:
			signs++
			if !seen[c] && c != '+' && c != '/' && c != '=' && c != '-' && c != '_' {
				distinctSigns++ // (not a base64 alphabet's: "![…base64…]" is a wrapped ciphertext)
			}
		}
		if !seen[c] {
			seen[c] = true
			distinct++
		}
	}
	if !up || !lo || !dig || distinctSigns < 5 || signs*8 < len(v) || distinct*2 < len(v) {
		return false
	}
	for _, m := range []string{"a-z", "A-Z", "0-9", "${", "{{", "%s", "%d", "://", "(?", "[^", "&&", "||", "==", "!=", "->", "=>", "::", "</", "/>"} {
		if bytes.Contains(v, []byte(m)) {
			return false
		}
	}
	return true
}
