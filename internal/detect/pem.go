package detect

import (
	"bytes"
	"encoding/base64"
	"strings"
)

// pemDet finds private keys in PEM armour, whether the newlines are real or written as
// "\n" or "\\n" escapes inside JSON strings, in PuTTY files, and PEM blocks that were
// base64-encoded whole (Kubernetes secrets: "LS0tLS1CRUdJTi…").
type pemDet struct {
	byKind map[string]*Rule // rsa, ec, dsa, openssh, pkcs8, encrypted, pgp, putty, generic
}

const maxPEM = 32 << 10

func (d *pemDet) anchors() []string {
	return []string{"-----BEGIN ", "PuTTY-User-Key-File-", "LS0tLS1CRUdJTi", `"d":`}
}

func (d *pemDet) hit(sc *scanner, di, tag, at int) {
	data := sc.data
	switch tag {
	case 0:
		if !bytes.HasPrefix(data[at:], []byte("-----BEGIN ")) {
			return
		}
		d.pem(sc, di, at)
	case 1:
		if !bytes.HasPrefix(data[at:], []byte("PuTTY-User-Key-File-")) {
			return
		}
		d.putty(sc, di, at)
	case 2:
		if !bytes.HasPrefix(data[at:], []byte("LS0tLS1CRUdJTi")) || !leftOK(data, at) {
			return
		}
		d.encoded(sc, di, at)
	case 3:
		d.jwk(sc, at)
	}
}

// jwk reads the private exponent or scalar of a JSON Web Key ("d", RFC 7518 §6.2.2 and
// §6.3.2, RFC 8037): only in an object that also says "kty", and only base64url long
// enough for a key (32 bytes of an EC or Ed25519 scalar is 43 characters).
func (d *pemDet) jwk(sc *scanner, at int) {
	data := sc.data
	if !bytes.HasPrefix(data[at:], []byte(`"d":`)) || at > 0 && is(data[at-1], cWord) {
		return
	}
	open := bytes.LastIndexByte(data[max(0, at-1024):at], '{')
	if open < 0 {
		return
	}
	obj := data[max(0, at-1024)+open : at]
	if !bytes.Contains(obj, []byte(`"kty"`)) || bytes.IndexByte(obj, '}') >= 0 {
		return
	}
	p := skipSpaces(data, at+4)
	if p >= len(data) || data[p] != '"' {
		return
	}
	vs := p + 1
	ve := run(data, vs, cAlnum|cDash|cUnder, 2048)
	if ve >= len(data) || data[ve] != '"' || ve-vs < 40 || entropy(data[vs:ve]) < 4 {
		return
	}
	sc.emit(d.byKind["generic"], vs, ve, string(data[vs:ve]))
}

// pemLabel reads "-----BEGIN <label>-----" at at and returns the label and the offset
// after the closing dashes.
func pemLabel(data []byte, at int) (string, int, bool) {
	p := at + len("-----BEGIN ")
	q := p
	for q < len(data) && q-p < 64 && (isUpper(data[q]) || isDigit(data[q]) || data[q] == ' ') {
		q++
	}
	if q == p || !bytes.HasPrefix(data[q:], []byte("-----")) {
		return "", 0, false
	}
	return string(data[p:q]), q + 5, true
}

func (d *pemDet) kind(label string, body []byte) *Rule {
	if !strings.Contains(label, "PRIVATE KEY") {
		return nil
	}
	encrypted := strings.Contains(label, "ENCRYPTED") || bytes.Contains(body, []byte("Proc-Type: 4,ENCRYPTED"))
	switch label {
	case "OPENSSH PRIVATE KEY":
		if !encrypted {
			encrypted = opensshEncrypted(body)
		}
	case "PGP PRIVATE KEY BLOCK":
		return d.byKind["pgp"]
	}
	if encrypted {
		return d.byKind["encrypted"]
	}
	switch label {
	case "RSA PRIVATE KEY":
		return d.byKind["rsa"]
	case "EC PRIVATE KEY":
		return d.byKind["ec"]
	case "DSA PRIVATE KEY":
		return d.byKind["dsa"]
	case "OPENSSH PRIVATE KEY":
		return d.byKind["openssh"]
	case "PRIVATE KEY":
		return d.byKind["pkcs8"]
	}
	return d.byKind["generic"]
}

// pemBody walks the body of a PEM block from p: base64 characters, header lines
// ("Proc-Type: …") and line breaks in any of their spellings. It returns where the
// END line starts (or the body stops) and how many base64 characters it saw.
func pemBody(data []byte, p int, label string) (end, endLine int, b64 int, closed bool) {
	return pemBodyLead(data, p, label, nil)
}

// pemBodyLead is pemBody for a block whose every line starts with lead, the comment
// mark its BEGIN line starts with (pemLead): a key commented out in a shell script,
// YAML or SQL file ("# -----BEGIN …", "// MIIE…") is read through the marks.
func pemBodyLead(data []byte, p int, label string, lead []byte) (end, endLine int, b64 int, closed bool) {
	lim := p + maxPEM
	if lim > len(data) {
		lim = len(data)
	}
	endMark := "-----END " + label + "-----"
	q := p
	for q < lim {
		c := data[q]
		switch {
		case is(c, cB64) || c == '=':
			b64++
			q++
		case c == '\\' || c == '\n' || c == '\r' || c == ' ' || c == '\t':
			q++
			// "\n" and "\r" spelled as escapes: skip the letter after the backslashes.
			if c == '\\' && q < lim && (data[q] == 'n' || data[q] == 'r') {
				q++
			}
			if c == '\n' && len(lead) > 0 && bytes.HasPrefix(data[q:], lead) {
				q += len(lead)
			}
		case c == '-':
			if bytes.HasPrefix(data[q:], []byte(endMark)) {
				return q, q + len(endMark), b64, true
			}
			// Header values ("DEK-Info: AES-128-CBC,…") contain dashes too.
			if !headerLine(data, q) {
				return q, q, b64, false
			}
			q++
		case c == ':' || c == ',':
			if !headerLine(data, q) {
				return q, q, b64, false
			}
			q++
		case c == '"' || c == '\'':
			// a key written as string literals joined in code: "…" +\n"…", '…' .\n'…',
			// "…"\n"…" (C's and Python's adjacent literals)
			n := literalJoint(data, q, lim)
			if n == 0 {
				return q, q, b64, false
			}
			q += n
		default:
			// an armor header's value ("Version: Keybase OpenPGP v1.0.0", "Comment:
			// https://keybase.io/crypto") holds dots and other text: skip its line
			if e, ok := armorHeaderEnd(data, q, lim); ok {
				q = e
				continue
			}
			return q, q, b64, false
		}
	}
	return q, q, b64, false
}

// armorHeaderEnd reports whether offset q is on an armor header line of an OpenPGP
// block (RFC 4880 6.2: "Version: …", "Comment: …", "Hash: …", "Charset: …",
// "MessageID: …") and returns the end of that line.
func armorHeaderEnd(data []byte, q, lim int) (int, bool) {
	ls := q
	for ls > 0 && data[ls-1] != '\n' && q-ls < 128 {
		ls--
	}
	if ls > 0 && data[ls-1] != '\n' {
		return 0, false
	}
	line := data[ls:q]
	ok := false
	for _, h := range []string{"Version: ", "Comment: ", "Hash: ", "Charset: ", "MessageID: "} {
		if bytes.HasPrefix(line, []byte(h)) {
			ok = true
			break
		}
	}
	if !ok {
		return 0, false
	}
	e := q
	for e < lim && data[e] != '\n' && e-ls < 256 {
		e++
	}
	return e, true
}

// literalJoint returns the length of the joint between two string literals at q — the
// closing quote, blanks, an optional operator ('+', '.', '&'), blanks and line breaks,
// the same quote opening the next — or 0.
func literalJoint(data []byte, q, lim int) int {
	quote := data[q]
	p := q + 1
	op, nl := false, false
	for p < lim && p-q < 64 {
		switch c := data[p]; {
		case c == ' ' || c == '\t':
		case c == '\n' || c == '\r':
			nl = true
		case (c == '+' || c == '.' || c == '&') && !op:
			op = true
		case c == quote && (op || nl):
			return p + 1 - q
		default:
			return 0
		}
		p++
	}
	return 0
}

// headerLine reports whether offset q is inside an RFC 1421 header line such as
// "Proc-Type: 4,ENCRYPTED" or "DEK-Info: AES-256-CBC,AB12…", "Comment: …".
func headerLine(data []byte, q int) bool {
	line := window(data, q, q, 24, 12)
	for _, h := range []string{"Proc-Type:", "DEK-Info:", "Comment:", "Version:", "Hash:"} {
		if bytes.Contains(line, []byte(h)) {
			return true
		}
	}
	return false
}

func (d *pemDet) pem(sc *scanner, di, at int) {
	data := sc.data
	label, p, ok := pemLabel(data, at)
	if !ok {
		return
	}
	lead := pemLead(data, at)
	bodyEnd, end, b64, closed := pemBodyLead(data, p, label, lead)
	if b64 < 64 {
		return
	}
	if !closed {
		// A truncated block still leaks most of a key; report what is there.
		end = bodyEnd
	}
	body := data[p:bodyEnd]
	if lead != nil {
		body = unleadPEM(body, lead) // the comment marks are no part of the key
	}
	r := d.kind(label, body)
	if r == nil || isPlaceholderPEM(body) || defusedRSA(label, body, &sc.pemBuf) {
		return
	}
	sc.emit(r, at, end, string(unescapeNewlines(data[at:end])))
	sc.skip[di] = end
}

// isPlaceholderPEM rejects documentation bodies ("MIIEvQIBADANBg...", "<your key>",
// "XXXXXXXX"). Random base64 can hold any short letter sequence, so only marks that
// base64 cannot contain, or long runs, count. Real key material also uses most of the
// base64 alphabet; OpenSSH keys hold long runs of "A" (zero bytes), so repeated
// characters alone prove nothing.
func isPlaceholderPEM(body []byte) bool {
	var seen [256]bool
	distinct, xs := 0, 0
	for i, c := range body {
		switch c {
		case '<', '*', '>':
			return true
		case '.':
			if i+2 < len(body) && body[i+1] == '.' && body[i+2] == '.' {
				return true
			}
		case 0xe2: // "…"
			return true
		}
		if c == 'x' || c == 'X' {
			xs++
			if xs == 8 {
				return true
			}
		} else {
			xs = 0
		}
		if !seen[c] {
			seen[c] = true
			distinct++
		}
	}
	return distinct < 16
}

// opensshEncrypted decodes enough of an OpenSSH private key to read its cipher name.
func opensshEncrypted(body []byte) bool {
	var clean []byte
	for i := 0; i < len(body) && len(clean) < 128; i++ {
		c := body[i]
		if c == '\\' && i+1 < len(body) && (body[i+1] == 'n' || body[i+1] == 'r') {
			i++
			continue
		}
		if is(c, cB64) || c == '=' {
			clean = append(clean, c)
		}
	}
	clean = clean[:len(clean)/4*4]
	raw := make([]byte, base64.StdEncoding.DecodedLen(len(clean)))
	n, _ := base64.StdEncoding.Decode(raw, clean)
	raw = raw[:n]
	const magic = "openssh-key-v1\x00"
	if !bytes.HasPrefix(raw, []byte(magic)) || len(raw) < len(magic)+8 {
		return false
	}
	rest := raw[len(magic):]
	l := int(rest[0])<<24 | int(rest[1])<<16 | int(rest[2])<<8 | int(rest[3])
	if l <= 0 || 4+l > len(rest) {
		return false
	}
	return string(rest[4:4+l]) != "none"
}

// unescapeNewlines turns the escaped line breaks of a PEM block found in JSON back into
// real ones, whatever the nesting depth.
func unescapeNewlines(s []byte) []byte {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' {
			j := i
			for j < len(s) && s[j] == '\\' {
				j++
			}
			if j < len(s) && s[j] == 'n' {
				out = append(out, '\n')
				i = j
				continue
			}
			if j < len(s) && s[j] == 'r' {
				i = j
				continue
			}
			if j < len(s) && s[j] == '/' {
				out = append(out, '/')
				i = j
				continue
			}
		}
		if s[i] == '\r' {
			continue
		}
		out = append(out, s[i])
	}
	return out
}

func (d *pemDet) putty(sc *scanner, di, at int) {
	data := sc.data
	// The public part before "Private-Lines:" is a few hundred bytes; a short search
	// keeps text full of repeated headers from costing a long one per header.
	pl := bytes.Index(window(data, at, at, 0, 4096), []byte("Private-Lines:"))
	if pl < 0 {
		sc.skip[di] = at + 4096
		return
	}
	w := window(data, at, at, 0, maxPEM)
	mac := bytes.Index(w[pl:], []byte("Private-MAC:"))
	if mac < 0 {
		return
	}
	p := pl + mac + len("Private-MAC:")
	for p < len(w) && w[p] == ' ' {
		p++
	}
	e := p
	for e < len(w) && isHex(w[e]) {
		e++
	}
	if e-p < 16 {
		return
	}
	end := at + e
	sc.emit(d.byKind["putty"], at, end, string(unescapeNewlines(data[at:end])))
	sc.skip[di] = end
}

// encoded handles a PEM block that was base64-encoded as a whole.
func (d *pemDet) encoded(sc *scanner, di, at int) {
	data := sc.data
	e := run(data, at, cB64, 4*maxPEM/3)
	for e < len(data) && data[e] == '=' && e-at < 4*maxPEM/3+2 {
		e++
	}
	if !rightOK(data, e) || e-at < 128 {
		return
	}
	enc := data[at:e]
	raw := make([]byte, base64.StdEncoding.DecodedLen(len(enc)))
	n, err := base64.StdEncoding.Decode(raw, enc)
	if err != nil {
		n, err = base64.RawStdEncoding.Decode(raw, bytes.TrimRight(enc, "="))
		if err != nil {
			return
		}
	}
	raw = raw[:n]
	label, p, ok := pemLabel(raw, 0)
	if !ok {
		return
	}
	bodyEnd, _, b64, _ := pemBody(raw, p, label)
	if b64 < 64 {
		return
	}
	if d.kind(label, raw[p:bodyEnd]) == nil || isPlaceholderPEM(raw[p:bodyEnd]) {
		return
	}
	sc.emit(d.byKind["base64"], at, e, string(raw))
	sc.skip[di] = e
}
