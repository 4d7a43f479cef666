package detect

import "bytes"

// held14Det reads classes the held14a evaluation split (tools/evalcorpus/held14.go:
// state files, CI logs, captures, notebooks, histories, bundles) showed missing:
//
//   - "htpasswd -b FILE USER PASSWORD" (and -nb without the file): Apache's tool takes
//     the password as a positional argument when -b is given;
//   - a Basic credential built in code from a literal "user:password"
//     ("Basic "+btoa("ops:…"), b64encode(b"ops:…"), Buffer.from("ops:…")): the call's
//     argument is the pair in clear, the header's name stands on the same line.
type held14Det struct {
	password *Rule
}

var held14Anchors = []anchorRead[*held14Det]{
	{"htpasswd ", (*held14Det).htpasswd},
	{"btoa(", (*held14Det).basicPair},
	{"b64encode(", (*held14Det).basicPair},
	{"buffer.from(", (*held14Det).basicPair},
}

func (d *held14Det) anchors() []string { return anchorLits(held14Anchors) }

func (d *held14Det) hit(sc *scanner, di, tag, at int) {
	if at > 0 && (is(sc.data[at-1], cWord) || sc.data[at-1] == '-') {
		return // the anchor ends a longer word ("xhtpasswd ", "my-btoa(")
	}
	readAnchor(held14Anchors, d, sc, tag, at)
}

// htpasswd reads the password argument of "htpasswd -b[c…] FILE USER PASSWORD" or
// "htpasswd -nb USER PASSWORD".
func (d *held14Det) htpasswd(sc *scanner, _, p int) {
	data := sc.data
	end := lineEnd(data, p, 512)
	batch, stdout := false, false
	var args [][2]int
	for p < end && len(args) < 4 {
		p = skipSpaces(data, p)
		ws, we, _ := cmdWord(data, p, end)
		if we <= ws {
			break
		}
		if data[ws] == '-' && len(args) == 0 {
			batch = batch || bytes.IndexByte(data[ws:we], 'b') >= 0
			stdout = stdout || bytes.IndexByte(data[ws:we], 'n') >= 0
		} else {
			args = append(args, [2]int{ws, we})
		}
		p = we
		if p < end && (data[p] == '"' || data[p] == '\'') {
			p++
		}
	}
	want := 3
	if stdout {
		want = 2
	}
	if !batch || len(args) < want {
		return
	}
	vs, ve := args[want-1][0], args[want-1][1]
	if v := data[vs:ve]; strongContextPassword(v) {
		sc.emit(d.password, vs, ve, string(v))
	}
}

// basicPair reads the literal "user:password" a Basic header is encoded from: the
// call's first argument a string literal (b"…" too) with one colon, a user name before
// it, and the word "Basic" on the line before the call.
func (d *held14Det) basicPair(sc *scanner, at, p int) {
	data := sc.data
	ls := lineStartWithin(data, at, 300)
	if indexFold(data[ls:at], "basic") < 0 {
		return
	}
	if p < len(data) && data[p] == 'b' {
		p++ // Python's bytes literal
	}
	if p >= len(data) || data[p] != '"' && data[p] != '\'' && data[p] != '`' {
		return
	}
	q := data[p]
	vs := p + 1
	ve := vs
	for ve < len(data) && ve-vs < 200 && data[ve] != q && data[ve] != '\n' && data[ve] != '\\' {
		ve++
	}
	if ve >= len(data) || data[ve] != q {
		return
	}
	lit := data[vs:ve]
	c := bytes.IndexByte(lit, ':')
	if c <= 0 || bytes.IndexByte(lit[c+1:], ':') >= 0 || bytes.Contains(lit, []byte("${")) {
		return
	}
	for _, b := range lit[:c] {
		if !is(b, cWord) && b != '.' && b != '-' && b != '@' {
			return
		}
	}
	if v := lit[c+1:]; strongContextPassword(v) {
		sc.emit(d.password, vs+c+1, ve, string(v))
	}
}

// held14Publishable reports a key its issuer documents as public, made to be shipped
// in web pages and apps whatever name it stands under: Stripe's and Clerk's
// publishable keys ("pk_live_…", "pk_test_…"), Mapbox's public tokens ("pk.eyJ…") and
// Supabase's publishable keys ("sb_publishable_…"). The held14a split showed them read
// as secrets under names such as "api_key" and "SESSION_SECRET".
func held14Publishable(v []byte) bool {
	for _, p := range []string{"pk_live_", "pk_test_", "pk.eyJ", "sb_publishable_"} {
		if bytes.HasPrefix(v, []byte(p)) && len(v) > len(p)+8 {
			return true
		}
	}
	return false
}

// held14DigestNamed reports a key of two words or more whose last word names a digest
// algorithm ("api_token_sha256", "passwordMd5", "secret_digest"): its value is the
// digest of the secret, kept to compare against (found by the held14 evaluation split,
// a dump's column of token digests).
func held14DigestNamed(sc *scanner, key []byte) bool {
	if len(key) < 5 {
		return false
	}
	segs := keySegments(key, sc.segBuf[:0], sc.segText[:0])
	if len(segs) < 2 {
		return false
	}
	switch string(segs[len(segs)-1]) {
	case "sha1", "sha256", "sha384", "sha512", "md5", "digest", "checksum":
		return true
	}
	return false
}

// held14DigestShaped reports a value with a digest's shape: hex of 16, 20, 28, 32, 48 or
// 64 bytes, or the standard base64 of as many (with its padding).
func held14DigestShaped(v []byte) bool {
	switch len(v) {
	case 32, 40, 56, 64, 96, 128:
		if allHex(v) {
			return true
		}
	}
	switch len(v) {
	case 24, 28, 40, 44, 64, 88:
		return b64Body(v) && (len(v)%4 == 0) && (v[len(v)-1] == '=' || len(v) == 64)
	}
	return false
}
