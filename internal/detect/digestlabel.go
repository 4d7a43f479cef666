package detect

// digestLabels name a hash algorithm right before the digest they label, in the
// notations of lockfiles, package manifests and image references: Go's go.sum
// ("h1:<base64>="), Subresource Integrity and npm ("sha512-<base64>"), OCI digests
// ("sha256:<hex>"), pip's --hash=sha256:<hex>, Nix and others ("sha256-…", "md5:…").
var digestLabels = []string{"h1:", "sha1-", "sha1:", "sha224-", "sha224:", "sha256-", "sha256:", "sha384-", "sha384:",
	"sha512-", "sha512:", "sha3-256:", "md5-", "md5:", "blake2b:", "blake2b-", "blake3:"}

// labeledDigest reports a match data[s:e] inside a token (a run of base64's and hex's
// characters around it) that opens right after a digest label: the hash of a module or
// an archive, not a key, whatever provider is named near it ("github.com/contentful/
// contentful-go v1.2.3 h1:…=").
func labeledDigest(data []byte, s, e int) bool {
	t := s
	for t > 0 && s-t < 128 && (is(data[t-1], cAlnum) || data[t-1] == '+' || data[t-1] == '/' || data[t-1] == '=' || data[t-1] == '_') {
		t--
	}
	for _, l := range digestLabels {
		if t >= len(l) && hasPrefixFold(data, t-len(l), l) && (t == len(l) || !is(data[t-len(l)-1], cAlnum)) {
			return true
		}
	}
	return false
}
