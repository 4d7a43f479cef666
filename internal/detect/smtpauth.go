package detect

import (
	"bytes"
	"encoding/base64"
)

// smtpAuthDet reads the credentials of an SMTP, IMAP or POP3 session transcript
// (RFC 4954, RFC 4616): "AUTH PLAIN <base64 of authzid NUL user NUL password>" on one
// line, or AUTH LOGIN's exchange where the server's "334 UGFzc3dvcmQ6" (base64 of
// "Password:") is answered by the password in base64 on the next line.
type smtpAuthDet struct{ password *Rule }

var smtpAuthAnchors = []string{"auth plain ", "ugfzc3dvcmq6"}

// smtpPromptLine bounds how far after the prompt its line may end.
const smtpPromptLine = 256

func (d *smtpAuthDet) anchors() []string { return smtpAuthAnchors }

func (d *smtpAuthDet) hit(sc *scanner, di, tag, at int) {
	data := sc.data
	var vs int
	switch tag {
	case 0:
		if !hasPrefixFold(data, at, "auth plain ") {
			return
		}
		vs = at + len("auth plain ")
	case 1:
		// the server's prompt, then the client's answer on the next line, after a
		// transcript's "C: " or "> " marker
		if !bytes.HasPrefix(data[at:], []byte("UGFzc3dvcmQ6")) {
			return
		}
		// The prompt ends its line: look for the line's end nearby only, or a long
		// line of prompts would be searched to its end once for each of them.
		nl := bytes.IndexByte(data[at:min(len(data), at+smtpPromptLine)], '\n')
		if nl < 0 {
			return
		}
		vs = at + nl + 1
		for k := 0; k < 24 && vs < len(data) && data[vs] != ' ' && data[vs] != '\n'; k++ {
			vs++ // a timestamp or direction marker before the answer
		}
		if vs >= len(data) || data[vs] != ' ' {
			vs = at + nl + 1
		} else {
			vs++
		}
	}
	ve := vs
	for ve < len(data) && ve-vs < 512 && (is(data[ve], cB64) || data[ve] == '=') {
		ve++
	}
	if ve-vs < 8 || ve < len(data) && data[ve] != '\r' && data[ve] != '\n' && data[ve] != ' ' {
		return
	}
	raw := data[vs:ve]
	dec, err := base64.StdEncoding.DecodeString(string(raw))
	if err != nil {
		return
	}
	pw := dec
	if tag == 0 {
		// authzid NUL authcid NUL passwd: the password is what follows the second NUL
		i := bytes.IndexByte(dec, 0)
		if i < 0 {
			return
		}
		j := bytes.IndexByte(dec[i+1:], 0)
		if j < 0 {
			return
		}
		pw = dec[i+1+j+1:]
	}
	if len(pw) < 4 || !printableASCII(pw) || isPlaceholder(pw) {
		return
	}
	sc.emit(d.password, vs, ve, string(raw))
}

// printableASCII reports bytes from '!' to '~' only: no blank, control or non-ASCII.
func printableASCII(b []byte) bool {
	for _, c := range b {
		if c < 0x21 || c > 0x7e {
			return false
		}
	}
	return true
}
