package detect

import "bytes"

// gluedQualifiedSecret reports one word that glues a key qualifier to "token" or
// "secret" as a lower-case name writes them ("clienttoken", "sessiontoken",
// "deploytoken", "sharedsecret"): the same name as client_token or sharedSecret,
// which secretKey accepts word by word. cryptoKeyName reads "<qualifier>key" glued
// the same way.
func gluedQualifiedSecret(s []byte) bool {
	for _, tail := range [...]string{"token", "secret"} {
		if q, ok := bytes.CutSuffix(s, []byte(tail)); ok && len(q) >= 3 && keyQualifiers[string(q)] {
			return true
		}
	}
	return false
}
