package detect

import "bytes"

// uriReference reports a value that opens with a URI's scheme and "://" (RFC 3986: a
// letter, then letters, digits, '+', '-' or '.'): an address, or a reference to where
// a secret is kept that a program resolves at run time — a secret manager's
// ("op://vault/item/field", "vault://…", "gcpsm://…", "azurekv://…", "bws://…"), a
// store's ("s3://bucket/key", "k8s-secret://ns/name/key"), a web page's. A typed or
// generated password does not open with a scheme's name and "://".
func uriReference(v []byte) bool {
	i := bytes.Index(v, []byte("://"))
	if i < 2 || i > 32 || !is(v[0], cLower|cUpper) || len(v) == i+3 {
		return false
	}
	for _, c := range v[1:i] {
		if !is(c, cAlnum) && c != '+' && c != '-' && c != '.' {
			return false
		}
	}
	return true
}
