package detect

import "bytes"

// directiveDet reads passwords given as the arguments of a configuration directive
// in a command language, where the password keyword is a word of the command and not
// a key followed by '=' or ':' (issue 11: device login files, Tcl and Expect):
//
//	add password edge1.corp.example {Vty-pw-1} {enable-pw-2}   (RANCID .cloginrc)
//	add password *.oob.* {Kp9…}
//	set password "Xy7…"                                        (Expect, Tcl)
//
// The keyword is the first word of the line or the second after a lower-case verb;
// a target may follow it (a host name, an address or a glob: it names what the
// password opens and is no password); then one or two values, each in braces or quotes
// (a bare word is text: "Change passphrase operation.").
type directiveDet struct{ password *Rule }

var directiveAnchors = []string{"password", "passwd", "passphra"}

var directivePwWords = map[string]bool{"password": true, "passwd": true, "userpassword": true, "enablepassword": true,
	"enapassword": true, "passphrase": true, "enable-password": true, "enable_password": true}

func (d *directiveDet) anchors() []string { return directiveAnchors }

func (d *directiveDet) hit(sc *scanner, di, tag, at int) {
	data := sc.data
	if d.password == nil {
		return
	}
	ls := lineStartWithin(data, at, 512)
	end := lineEnd(data, at, 1024)
	if sc.skip[di] >= end {
		return
	}
	// the keyword's word
	ws := at
	for ws > ls && data[ws-1] != ' ' && data[ws-1] != '\t' {
		ws--
	}
	we := at
	for we < end && data[we] != ' ' && data[we] != '\t' {
		we++
	}
	if we >= end || !directivePwWords[string(bytes.ToLower(data[ws:we]))] {
		return
	}
	// its place: first word, or second after a verb
	pre := bytes.Fields(data[ls:ws])
	switch len(pre) {
	case 0:
	case 1:
		v := pre[0]
		if len(v) < 2 || len(v) > 10 || run(v, 0, cLower, len(v)) != len(v) {
			return
		}
	default:
		return
	}
	sc.skip[di] = end
	type tok struct {
		s, e  int // value bounds
		delim bool
	}
	var toks []tok
	for p := skipSpaces(data, we); p < end && len(toks) < 6; p = skipSpaces(data, p) {
		switch c := data[p]; c {
		case '{', '"', '\'':
			cl := c
			if c == '{' {
				cl = '}'
			}
			e := bytes.IndexByte(data[p+1:end], cl)
			if e < 0 {
				return
			}
			toks = append(toks, tok{p + 1, p + 1 + e, true})
			p += e + 2
		case '#', ';':
			p = end
		default:
			e := p
			for e < end && data[e] != ' ' && data[e] != '\t' {
				e++
			}
			toks = append(toks, tok{p, e, false})
			p = e
		}
	}
	if len(toks) == 0 {
		return
	}
	i := 0
	if !toks[0].delim && directiveTarget(data[toks[0].s:toks[0].e]) {
		i = 1
	}
	vals := toks[i:]
	if len(vals) == 0 || len(vals) > 2 {
		return
	}
	for _, t := range vals {
		if !t.delim {
			return // bare words: text ("struct passwd *result;", "Change passphrase operation.")
		}
	}
	for _, t := range vals {
		v := data[t.s:t.e]
		w := v
		if t.delim && len(v) > 8 && (v[0] == '-' || v[0] == '+') {
			w = v[1:] // in braces or quotes a leading '-' is no next flag: "{-PCpz…}"
		}
		if len(v) < 4 || len(v) > 128 || !strongContextPassword(w) || notPasswordText(v) || isPlaceholder(v) || bytes.IndexByte(v, ' ') >= 0 {
			continue
		}
		if !t.delim && !typedPassword(v) && !lettersWithDigits(v) && !randomLetters(v) {
			continue
		}
		sc.emit(d.password, t.s, t.e, string(v))
	}
}

// directiveTarget reports the target word of a directive: a host name, an address, or
// a glob of one ("*", "*.oob.*", "10.1.*").
func directiveTarget(v []byte) bool {
	if bytes.IndexByte(v, '*') >= 0 || bytes.IndexByte(v, '?') >= 0 {
		for _, c := range v {
			if !is(c, cLower|cUpper|cDigit|cDot|cDash) && c != '*' && c != '?' {
				return false
			}
		}
		return true
	}
	return hostName(v) || ipv4Like(v)
}

// hotstringDet reads a password typed by a text expander's abbreviation: an
// AutoHotkey hotstring "::;pw::Secret" or ":*:]pass::Secret" whose trigger names a
// password, its replacement the text typed for it.
type hotstringDet struct{ password *Rule }

func (d *hotstringDet) anchors() []string { return []string{"::"} }

func (d *hotstringDet) hit(sc *scanner, di, tag, at int) {
	data := sc.data
	if d.password == nil {
		return
	}
	ls := lineStartWithin(data, at, 64)
	s := run(data, ls, cBlank, 16)
	if s >= len(data) || data[s] != ':' {
		return
	}
	end := lineEnd(data, at, 512)
	if sc.skip[di] >= end {
		return
	}
	sc.skip[di] = end
	// ":opts:" then the trigger, ending at "::"
	o := bytes.IndexByte(data[s+1:end], ':')
	if o < 0 || o > 8 || bytes.ContainsAny(data[s+1:s+1+o], " \t") {
		return
	}
	ts := s + 2 + o
	te := bytes.Index(data[ts:end], []byte("::"))
	if te < 1 || te > 24 {
		return
	}
	trig := bytes.ToLower(bytes.Trim(data[ts:ts+te], ";:]/.,!#@*-_ "))
	if !passwordWords[string(trig)] && !bytes.HasSuffix(trig, []byte("pw")) && !bytes.HasSuffix(trig, []byte("pass")) && !bytes.HasSuffix(trig, []byte("pwd")) {
		return
	}
	vs := ts + te + 2
	ve := vs
	for ve < end && data[ve] != ' ' && data[ve] != '\t' && data[ve] != '\r' {
		ve++
	}
	if run(data, ve, cBlank, -1) < end && data[run(data, ve, cBlank, -1)] != '\r' && data[run(data, ve, cBlank, -1)] != ';' {
		return // words: a phrase, not a password
	}
	v := data[vs:ve]
	if len(v) < 6 || !strongContextPassword(v) || notPasswordText(v) || bytes.ContainsAny(v, "{}()%") {
		return
	}
	if !typedPassword(v) && !lettersWithDigits(v) && !randomLetters(v) {
		return
	}
	sc.emit(d.password, vs, ve, string(v))
}
