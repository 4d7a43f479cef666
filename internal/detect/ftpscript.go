package detect

import (
	"bytes"
	"unicode"
)

// ftpScriptDet reads the password an FTP client is fed as a line of its command
// stream, where no key names it: the client asks for host, user and password in turn.
//
//   - z/OS batch FTP: a JCL step "EXEC PGM=FTP" whose in-stream input ("//INPUT DD *")
//     gives the host (and port) on its first line, the user on the second and the
//     password on the third.
//   - scripted clients (Windows' "ftp -s:FILE", "ftp -n <<EOF"): "open HOST" followed
//     by the user and password lines, or by "user NAME PASSWORD".
//   - a packet decoder's view of the control connection (Wireshark's "tshark -V"):
//     "Request command: PASS" and, on the next line, "Request arg: …".
type ftpScriptDet struct{ password *Rule }

var ftpScriptAnchors = []anchorRead[*ftpScriptDet]{
	{"pgm=ftp", (*ftpScriptDet).jcl},
	{"open ", (*ftpScriptDet).open},
	{"request arg: ", (*ftpScriptDet).requestArg},
}

func (d *ftpScriptDet) anchors() []string { return anchorLits(ftpScriptAnchors) }

func (d *ftpScriptDet) hit(sc *scanner, di, tag, at int) {
	readAnchor(ftpScriptAnchors, d, sc, tag, at)
}

// ftpWords are the client's commands: a line that is one of them is no password.
var ftpWords = map[string]bool{"binary": true, "bin": true, "ascii": true, "put": true, "get": true, "mput": true, "mget": true,
	"quit": true, "bye": true, "close": true, "cd": true, "lcd": true, "dir": true, "ls": true, "user": true, "pass": true,
	"prompt": true, "hash": true, "passive": true, "type": true, "site": true, "quote": true, "open": true, "delete": true,
	"mkdir": true, "pwd": true, "locsite": true, "mode": true, "ebcdic": true, "append": true, "rename": true, "verbose": true}

// lineAt returns the bounds of the line starting at p, without its line break, and
// where the next one starts.
func lineAt(data []byte, p int) (s, e, next int) {
	e = lineEnd(data, p, 512)
	next = e
	if next < len(data) && data[next] == '\r' {
		next++
	}
	if next < len(data) && data[next] == '\n' {
		next++
	}
	if e > p && data[e-1] == '\r' {
		e--
	}
	return p, e, next
}

// oneToken reports a line holding one blank-free word, and its bounds.
func oneToken(data []byte, s, e int) (int, int, bool) {
	s, e = trimBlanks(data, s, e)
	if e <= s || bytes.IndexAny(data[s:e], " \t") >= 0 {
		return s, e, false
	}
	return s, e, true
}

// hostLine reports a line that names a host: a dotted name or address, then a port
// or nothing.
func hostLine(data []byte, s, e int) bool {
	f := bytes.Fields(data[s:e])
	if len(f) == 0 || len(f) > 2 || len(f) == 2 && !allDigits(f[1]) {
		return false
	}
	h := f[0]
	return bytes.IndexByte(h, '.') > 0 && run(h, 0, cAlnum|cDash|cDot, len(h)) == len(h)
}

// credLines reads the user line at p and the password line after it.
func (d *ftpScriptDet) credLines(sc *scanner, p int) {
	data := sc.data
	us, ue, next := lineAt(data, p)
	if _, _, ok := oneToken(data, us, ue); !ok || ftpWords[string(bytes.ToLower(bytes.TrimSpace(data[us:ue])))] {
		return
	}
	ps, pe, _ := lineAt(data, next)
	ps, pe, ok := oneToken(data, ps, pe)
	if !ok || pe-ps < 4 || ftpWords[string(bytes.ToLower(data[ps:pe]))] || data[ps] == '/' {
		return
	}
	sc.emit(d.password, ps, pe, string(data[ps:pe]))
}

// jcl reads the in-stream input of a batch FTP step.
func (d *ftpScriptDet) jcl(sc *scanner, at, end int) {
	data := sc.data
	if d.password == nil || !lineStartAt(data, lineStartWithin(data, at, 512)) || !hasPrefixFold(data, lineStartWithin(data, at, 512), "//") {
		return
	}
	_, _, p := lineAt(data, at)
	// the step's DD statements, up to the one that opens the in-stream data
	for i := 0; i < 8 && p < len(data); i++ {
		s, e, next := lineAt(data, p)
		if !hasPrefixFold(data, s, "//") {
			return
		}
		l := bytes.ToUpper(data[s:e])
		if bytes.Contains(l, []byte(" DD *")) || bytes.Contains(l, []byte(" DD DATA")) {
			hs, he, after := lineAt(data, next)
			if hostLine(data, hs, he) {
				d.credLines(sc, after)
			}
			return
		}
		p = next
	}
}

// open reads a scripted client's "open HOST" and the credentials after it.
func (d *ftpScriptDet) open(sc *scanner, at, end int) {
	data := sc.data
	if d.password == nil || !lineStartAt(data, at) {
		return
	}
	s, e, next := lineAt(data, end)
	if !hostLine(data, s, e) {
		return
	}
	us, ue, _ := lineAt(data, next)
	f := bytes.Fields(data[us:ue])
	if len(f) == 3 && string(bytes.ToLower(f[0])) == "user" {
		ps := us + bytes.LastIndex(data[us:ue], f[2])
		if len(f[2]) >= 4 {
			sc.emit(d.password, ps, ps+len(f[2]), string(f[2]))
		}
		return
	}
	d.credLines(sc, next)
}

// requestArg reads the argument of a PASS command as a packet decoder prints it.
func (d *ftpScriptDet) requestArg(sc *scanner, at, end int) {
	data := sc.data
	if d.password == nil {
		return
	}
	ls := lineStartWithin(data, at, 512)
	if ls < 2 {
		return
	}
	ps := lineStartWithin(data, ls-1, 512)
	prev := bytes.TrimSpace(data[ps : ls-1])
	if !bytes.EqualFold(prev, []byte("Request command: PASS")) {
		return
	}
	s, e, _ := lineAt(data, end)
	if s, e, ok := oneToken(data, s, e); ok && e-s >= 4 {
		sc.emit(d.password, s, e, string(data[s:e]))
	}
}

// operandDet reads a password given as a command operand in the KEYWORD(value) syntax
// of TSO, RACF and other mainframe command languages: "ALTUSER PAY01
// PASSWORD(K7RW2MQ9) NOEXPIRED", "ADDUSER … PHRASE('…')", and MySQL's PASSWORD('…')
// function. In program text the same shape is a call whose argument is a variable,
// so the keyword must be written in capitals (command languages and SQL are, and
// their functions rarely are) and the value must read as a password, not a name.
type operandDet struct{ password *Rule }

var operandAnchors = []string{"password(", "passwd(", "phrase(", "pw(", "pwd(", "newpass(", "newpw(", "pwphrase("}

func (d *operandDet) anchors() []string { return operandAnchors }

func (d *operandDet) hit(sc *scanner, di, tag, at int) {
	data := sc.data
	lit := operandAnchors[tag]
	if d.password == nil || !hasPrefixFold(data, at, lit) || !leftOK(data, at) && !(at > 0 && data[at-1] == '_') {
		return
	}
	for _, c := range data[at : at+len(lit)-1] {
		if !isUpper(c) {
			return
		}
	}
	vs := at + len(lit)
	var ve int
	if vs < len(data) && data[vs] == '\'' {
		end, found := closingQuote(data, vs+1, '\'', 0, false)
		if !found || end+1 >= len(data) || data[end+1] != ')' {
			return
		}
		vs, ve = vs+1, end
	} else {
		ve = vs
		for ve < len(data) && ve-vs < 100 && data[ve] != ')' && data[ve] != '(' && data[ve] > ' ' && data[ve] != ',' {
			ve++
		}
		if ve >= len(data) || data[ve] != ')' {
			return
		}
	}
	v := data[vs:ve]
	if len(v) < 4 || v[0] == '&' || v[0] == '$' || v[0] == '%' || v[0] == '?' || v[0] == ':' || isPlaceholder(v) || allSame(v) {
		return
	}
	// letters, and digits unless the value reads as a typed password anyway
	if bytes.IndexFunc(v, unicode.IsLetter) < 0 || !typedPassword(v) && !bytes.ContainsAny(v, "0123456789") {
		return
	}
	sc.emit(d.password, vs, ve, string(v))
}
