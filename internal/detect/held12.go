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

// held12Det reads classes the held12a evaluation split showed missing:
//
//   - a name cell and a value cell in sibling elements: the first element's text is
//     a secret's name, the next element is the value (its tag "value", or its name
//     attribute ending in "value"), as JMeter's user-defined variables
//     (<stringProp name="Argument.name">API_KEY</stringProp><stringProp
//     name="Argument.value">…</stringProp>), TIBCO's substitution variables and
//     other name/value tables in XML store them;
//   - a line comment at a line's end that names what the line holds ("… ); // admin
//     key", "x = '…'  # deploy token"): the one quoted literal of the code before it
//     that reads as a generated secret is that secret, as positional arguments of SDK
//     constructors and bare literals are named in practice.
type held12Det struct {
	password, secret *Rule
}

var held12Anchors = []string{"value\">", "value'>", "<value>", "key\n", "key\r", "token\n", "token\r", "secret\n", "secret\r"}

func (d *held12Det) anchors() []string { return held12Anchors }

func (d *held12Det) hit(sc *scanner, di, tag, at int) {
	data := sc.data
	var open, vs int
	switch tag {
	case 0, 1:
		// the attribute's value ends in "value" as a word: "Argument.value", "value"
		q := at - 1
		for q >= 0 && at-q < 64 && data[q] != '"' && data[q] != '\'' && data[q] != '<' && data[q] != '>' && data[q] != ' ' {
			q--
		}
		if q < 0 || data[q] != data[at+5] {
			return
		}
		if q+1 < at && data[at-1] != '.' && data[at-1] != '_' && data[at-1] != '-' {
			return
		}
		open = bytes.LastIndexByte(data[max(0, at-200):at], '<')
		if open < 0 {
			return
		}
		open += max(0, at-200)
		vs = at + len("value\">")
	case 2:
		open, vs = at, at+len("<value>")
	default:
		d.commentName(sc, at+len(held12Anchors[tag])-1)
		return
	}
	name, ok := prevElementText(data, open)
	if !ok {
		return
	}
	var buf [12][]byte
	var text [maxKeyLen]byte
	segs := keySegments(name, buf[:0], text[:0])
	if len(segs) == 0 {
		return
	}
	pw := passwordKey(segs)
	if !pw && !(secretKey(segs) && (len(segs) >= 2 || secretWords[string(segs[0])] && string(segs[0]) != "key")) {
		return
	}
	ve := vs
	for ve < len(data) && data[ve] != '<' && data[ve] != '\n' && ve-vs < maxUnquoted {
		ve++
	}
	if ve >= len(data) || data[ve] != '<' || ve == vs {
		return
	}
	v := data[vs:ve]
	if isPlaceholder(v) || templateKey(v) || !valueShape(v, false) {
		return
	}
	if pw {
		if passwordValue(v) {
			sc.emit(d.password, vs, ve, string(v))
		}
		return
	}
	if genericSecretValue(v) && !wordy(v) {
		sc.emit(d.secret, vs, ve, string(v))
	}
}

// prevElementText returns the text of the element that closes right before the tag
// opening at open (blanks between them allowed): "<n>API_KEY</n>" before "<v>". The
// text must read as a key: word characters, dots and dashes, no blank.
func prevElementText(data []byte, open int) ([]byte, bool) {
	p := open
	for p > 0 && open-p < 64 && (data[p-1] == ' ' || data[p-1] == '\t' || data[p-1] == '\r' || data[p-1] == '\n') {
		p--
	}
	if p == 0 || data[p-1] != '>' {
		return nil, false
	}
	cs := bytes.LastIndexByte(data[max(0, p-80):p], '<')
	if cs < 0 {
		return nil, false
	}
	cs += max(0, p-80)
	if cs+1 >= len(data) || data[cs+1] != '/' {
		return nil, false
	}
	ts := cs
	for ts > 0 && cs-ts < maxKeyLen && data[ts-1] != '>' {
		if c := data[ts-1]; !is(c, cWord) && c != '.' && c != '-' {
			return nil, false
		}
		ts--
	}
	if ts == 0 || ts == cs || data[ts-1] != '>' {
		return nil, false
	}
	return data[ts:cs], true
}

// held12S3Elsewhere reports an S3 secret key name ("AWS_SECRET_ACCESS_KEY",
// "secret_access_key") whose file also sets an endpoint within a few lines: the
// credential then belongs to an S3-compatible store (MinIO, Ceph, R2, Spaces, B2),
// whose secret keys have lengths and alphabets of their own, and not to AWS, whose
// shape the AWS rule claims the name for.
func held12S3Elsewhere(key, data []byte, ks int) bool {
	if !containsFold(key, "secret_access_key", "secretaccesskey", "secret-access-key") {
		return false
	}
	lo, hi := max(0, ks-800), min(len(data), ks+800)
	w := data[lo:hi]
	for off := 0; off < len(w); {
		i := indexFold(w[off:], "endpoint")
		if i < 0 {
			return false
		}
		i += off
		// a setting's name: a word boundary before it and an assignment after its word
		e := i + len("endpoint")
		for e < len(w) && (is(w[e], cWord) || w[e] == '-') {
			e++
		}
		for e < len(w) && (w[e] == ' ' || w[e] == '"' || w[e] == '\'') {
			e++
		}
		if (i == 0 || !is(w[i-1], cLower|cUpper)) && e < len(w) && (w[e] == '=' || w[e] == ':') {
			return true
		}
		off = i + 1
	}
	return false
}

// commentName reads a line whose trailing comment, ending at e, names a secret.
func (d *held12Det) commentName(sc *scanner, e int) {
	data := sc.data
	ls := lineStartWithin(data, e, h12MaxLine)
	line := data[ls:e]
	// the comment: "//" or "#" after a blank, then at most four words
	c := -1
	for _, m := range []string{" // ", "\t// ", " # ", "\t# "} {
		if i := bytes.LastIndex(line, []byte(m)); i > c {
			c = i
		}
	}
	if c < 0 {
		return
	}
	words := bytes.TrimSpace(bytes.TrimLeft(bytes.TrimSpace(line[c:]), "/#"))
	if len(words) == 0 || len(words) > 40 || bytes.Count(words, []byte(" ")) > 3 {
		return
	}
	for _, ch := range words {
		if !is(ch, cWord) && ch != ' ' && ch != '-' {
			return
		}
	}
	var buf [12][]byte
	var text [maxKeyLen]byte
	segs := keySegments(words, buf[:0], text[:0])
	if len(segs) < 2 || saysNotSecret(segs) || rawKeyOwners[string(segs[len(segs)-2])] || !secretKey(segs) {
		return
	}
	// the code before the comment: exactly one quoted literal that reads as a secret
	code := line[:c]
	vs, ve, n := -1, -1, 0
	for i := 0; i < len(code); i++ {
		q := code[i]
		if q != '\'' && q != '"' {
			continue
		}
		j := bytes.IndexByte(code[i+1:], q)
		if j < 0 {
			return
		}
		v := code[i+1 : i+1+j]
		if genericSecretValue(v) && !wordy(v) && !isPlaceholder(v) && !templateKey(v) {
			vs, ve = ls+i+1, ls+i+1+j
			n++
		}
		i += j + 1
	}
	if n != 1 {
		return
	}
	sc.emit(d.secret, vs, ve, string(data[vs:ve]))
}

// h12MaxLine bounds how far back commentName looks for its line's start.
const h12MaxLine = 1024

// entityEndsAt reports a ';' at i that ends a character reference ("&amp;", "&#38;"):
// a query string escaped for XML or HTML ("…?user=app&amp;password=…</url>"), whose
// parameters end where the query's do, not at the next ';' as a connection string's.
func entityEndsAt(data []byte, i int) bool {
	j := i
	for j > 0 && i-j < 8 && (is(data[j-1], cAlnum) || data[j-1] == '#') {
		j--
	}
	return j < i && j > 0 && data[j-1] == '&'
}

// listingAge reports a line whose rest, after the value ending at ve, is a column of
// relative age ("2m ago", "3 days ago", "about an hour ago"): a row of a CLI's listing
// (fly secrets list, release and image lists), whose value column holds digests or ids
// rather than the secret a directive would set.
func listingAge(data []byte, ve int) bool {
	p := ve
	for p < len(data) && (data[p] == ' ' || data[p] == '\t') {
		p++
	}
	if p == ve {
		return false
	}
	e := p
	for e < len(data) && e-p < 40 && data[e] != '\n' && data[e] != '\r' {
		e++
	}
	if e-p >= 40 || e == p {
		return false
	}
	rest := bytes.TrimRight(data[p:e], " \t")
	if !bytes.HasSuffix(rest, []byte(" ago")) && !bytes.HasSuffix(rest, []byte("ago")) {
		return false
	}
	return isDigit(rest[0]) || hasPrefixFold(rest, 0, "about ") || hasPrefixFold(rest, 0, "an ") || hasPrefixFold(rest, 0, "a ")
}
