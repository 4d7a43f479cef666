package detect

import "bytes"

// kerberosDet reads Kerberos keys and passwords by the structure that names them
// rather than by the value itself (the held17a evaluation split showed them missing):
//
//   - Kerberos key material printed after its encryption type: MIT's `klist -K`
//     ("(aes256-cts-hmac-sha1-96)  (0x<key>)"), `ktutil list -k` and Heimdal's
//     `ktutil list --keys` put a long-term key in hexadecimal on the line of its
//     enctype. The enctype fixes the key's length (AES-256 and Camellia-256 32 bytes,
//     AES-128, Camellia-128 and RC4-HMAC 16, 3DES 24, single DES 8), so a hex run of
//     exactly that length on the enctype's line is the key, and one of any other
//     length (a checksum, a hash) is not.
//   - a password echoed into a client that reads it from its standard input by its
//     documentation: "echo '…' | kinit PRINCIPAL" (kinit prompts on stdin) and
//     "echo '…' | passwd --stdin USER", as "… | docker login --password-stdin" is read
//     (shapes.go).
type kerberosDet struct {
	password, secret *Rule
}

var kerberosAnchors = []anchorRead[*kerberosDet]{
	{"-cts-", (*kerberosDet).krbKey},
	{"arcfour-hmac", (*kerberosDet).krbKey},
	{"rc4-hmac", (*kerberosDet).krbKey},
	{"des3-cbc-", (*kerberosDet).krbKey},
	{"des3-hmac-", (*kerberosDet).krbKey},
	{"des-cbc-", (*kerberosDet).krbKey},
	{"| kinit ", (*kerberosDet).stdinPassword},
	{"|kinit ", (*kerberosDet).stdinPassword},
	{"passwd --stdin", (*kerberosDet).stdinPassword},
}

// stdinPassword reads the value echoed into the pipe that ends before at.
func (d *kerberosDet) stdinPassword(sc *scanner, at, end int) {
	if d.password == nil {
		return
	}
	if p := bytes.IndexByte(sc.data[at:end], '|'); p >= 0 {
		at += p + 1
	}
	(&shapeDet{password: d.password}).passwordStdin(sc, at)
}

func (d *kerberosDet) anchors() []string { return anchorLits(kerberosAnchors) }

func (d *kerberosDet) hit(sc *scanner, di, tag, at int) { readAnchor(kerberosAnchors, d, sc, tag, at) }

// krbKeyBytes is the length in bytes of an enctype's long-term key, 0 for a word that
// names no enctype. e is the enctype's name in lower case.
func krbKeyBytes(e []byte) int {
	switch {
	case bytes.HasPrefix(e, []byte("aes256-cts")), bytes.HasPrefix(e, []byte("camellia256-cts")):
		return 32
	case bytes.HasPrefix(e, []byte("aes128-cts")), bytes.HasPrefix(e, []byte("camellia128-cts")),
		bytes.HasPrefix(e, []byte("arcfour-hmac")), bytes.HasPrefix(e, []byte("rc4-hmac")):
		return 16
	case bytes.HasPrefix(e, []byte("des3-cbc-")), bytes.HasPrefix(e, []byte("des3-hmac-")):
		return 24
	case bytes.HasPrefix(e, []byte("des-cbc-")):
		return 8
	}
	return 0
}

// krbKey reads the key printed on an enctype's line.
func (d *kerberosDet) krbKey(sc *scanner, at, _ int) {
	data := sc.data
	ts := runBack(data, at, cAlnum|cDash, 24)
	te := run(data, at, cAlnum|cDash, 48)
	if ts > 0 && is(data[ts-1], cDot|cSlash|cUnder) {
		return // a file or a module named after the enctype
	}
	var low [64]byte
	name := low[:0]
	for _, c := range data[ts:te] {
		name = append(name, lowerASCII(c))
	}
	n := krbKeyBytes(name)
	if n == 0 {
		return
	}
	le := lineEndWithin(data, te, 400)
	for p := te; p < le; {
		// the line's next token: blanks, parentheses, quotes and commas part them
		for p < le && bytes.IndexByte([]byte(" \t()[]\"',:;="), data[p]) >= 0 {
			p++
		}
		q := p
		for q < le && bytes.IndexByte([]byte(" \t()[]\"',:;=\r"), data[q]) < 0 {
			q++
		}
		vs := p
		if q-p > 2 && data[p] == '0' && (data[p+1] == 'x' || data[p+1] == 'X') {
			vs = p + 2
		}
		if q-vs == 2*n && krbKeyShape(data[vs:q]) {
			sc.emit(d.secret, vs, q, string(data[vs:q]))
			return
		}
		if q == p {
			p++
		} else {
			p = q
		}
	}
}

// krbKeyShape: hexadecimal of one case with digits and letters both (random bytes
// written out), not one repeated character.
func krbKeyShape(v []byte) bool {
	if !allHex(v) || allSame(v) {
		return false
	}
	up, lo, dig := false, false, 0
	for _, c := range v {
		switch {
		case c >= 'a' && c <= 'f':
			lo = true
		case c >= 'A' && c <= 'F':
			up = true
		default:
			dig++
		}
	}
	return !(up && lo) && (up || lo) && dig > 0
}
