package testpath

import (
	"bytes"
	"path"
	"strings"
)

// Key material is often kept in a directory named only for what it holds (certs/,
// ssl/), which the path rule cannot tell from a deployment's. What stands beside it
// can: a project that ships throwaway keys says so next to them. FixtureDir reads
// three such signs, each one a production key directory does not carry:
//
//   - test code in the same directory (certs_test.go beside server.key): Go, Python
//     and JavaScript keep tests beside the code, and the keys are what they load;
//   - a README that calls the directory's material test credentials, test
//     certificates or test keys, or says it is for testing;
//   - a recipe that makes the keys with mkcert, a tool for locally trusted
//     development certificates and nothing else.

// keyExts are the extensions of files that hold keys or certificates.
var keyExts = map[string]bool{
	".key": true, ".pem": true, ".crt": true, ".cer": true, ".cert": true, ".der": true, ".p8": true,
	".p12": true, ".pfx": true, ".jks": true, ".keystore": true, ".ppk": true,
}

// KeyMaterial says whether a file's name marks it as keys or certificates
// (server.key, client-key.pem, keystore.jks).
func KeyMaterial(name string) bool {
	return keyExts[strings.ToLower(path.Ext(name))]
}

// readmeMax and recipeMax bound what FixtureDir reads of a README or a recipe.
const (
	readmeMax = 8 << 10
	recipeMax = 16 << 10
)

// FixtureDir says whether the files of a directory mark its key material as test
// fixtures. names are the base names of the other files in the directory; read
// returns the first max bytes of one of them, or nil.
func FixtureDir(names []string, read func(name string, max int) []byte) bool {
	for _, n := range names {
		if testFile(n) {
			return true
		}
	}
	for _, n := range names {
		low := strings.ToLower(n)
		stem := strings.TrimSuffix(low, path.Ext(low))
		switch {
		case stem == "readme":
			if saysTestMaterial(read(n, readmeMax)) {
				return true
			}
		case low == "makefile" || low == "gnumakefile" || path.Ext(low) == ".sh" || path.Ext(low) == ".mk":
			if runsMkcert(read(n, recipeMax)) {
				return true
			}
		}
	}
	return false
}

// materialWords are what a README calls the keys and certificates it describes.
var materialWords = map[string]bool{
	"credentials": true, "credential": true, "certificates": true, "certificate": true, "certs": true,
	"cert": true, "keys": true, "key": true, "keypairs": true, "pki": true,
}

// saysTestMaterial reads a README for "test credentials", "test certificates", "test
// keys" (the words adjacent, or "testing" before them) or "for testing": the project
// calling the directory's keys throwaway.
func saysTestMaterial(b []byte) bool {
	words := strings.FieldsFunc(strings.ToLower(string(b)), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	})
	for i, w := range words {
		if w != "test" && w != "testing" {
			continue
		}
		if i+1 < len(words) && materialWords[words[i+1]] {
			return true
		}
		if w == "testing" && i > 0 && words[i-1] == "for" {
			return true
		}
	}
	return false
}

// runsMkcert reports a recipe that calls mkcert as a command: at a line's start, after
// a shell separator, or after make's recipe tab.
func runsMkcert(b []byte) bool {
	for line := range bytes.SplitSeq(b, []byte("\n")) {
		t := bytes.TrimLeft(line, " \t@-")
		if bytes.HasPrefix(t, []byte("mkcert ")) || bytes.Contains(line, []byte("&& mkcert ")) || bytes.Contains(line, []byte("; mkcert ")) {
			return true
		}
	}
	return false
}
