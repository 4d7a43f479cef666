package detect

import "bytes"

// pwCmdDet reads a password a "password command" setting prints with echo or printf:
// restic's --password-command, msmtp's passwordeval, mbsync's PassCmd, offlineimap's
// remotepasseval and the like run the command and read the password from its output,
// so "echo VALUE" there holds the password itself.
type pwCmdDet struct{ password *Rule }

var pwCmdKeys = []string{"password-command", "password_command", "passwordcommand", "passwordeval", "passcmd",
	"passwordcmd", "pass_cmd", "password_cmd", "passeval"}

func (d *pwCmdDet) anchors() []string { return pwCmdKeys }

func (d *pwCmdDet) hit(sc *scanner, di, tag, at int) {
	data := sc.data
	k := pwCmdKeys[tag]
	if !hasPrefixFold(data, at, k) {
		return
	}
	p := at + len(k)
	if p < len(data) && is(data[p], cWord) {
		return
	}
	// the separator and the command's opening quote
	e := lineEnd(data, p, 256)
	for p < e && (data[p] == ' ' || data[p] == '\t' || data[p] == '=' || data[p] == ':' || data[p] == '"' || data[p] == '\'') {
		p++
	}
	switch {
	case hasPrefixFold(data, p, "echo "):
		p += 5
		if hasPrefixFold(data, p, "-n ") {
			p += 3
		}
	case hasPrefixFold(data, p, "printf "):
		p += 7
		if hasPrefixFold(data, p, "'%s' ") || hasPrefixFold(data, p, `"%s" `) {
			p += 5
		}
	default:
		return
	}
	p = skipSpaces(data, p)
	vs, ve, _ := cmdWord(data, p, e)
	if ve < e && (data[ve] == '"' || data[ve] == '\'') && ve+1 < e && data[ve+1] != ' ' && data[ve+1] != '\t' && data[ve+1] != '|' {
		return // the word goes on past a quote
	}
	v := data[vs:ve]
	if len(v) < 6 || !strongContextPassword(v) || notPasswordText(v) || bytes.IndexByte(v, '\\') >= 0 ||
		!bytes.ContainsAny(v, "0123456789!@#$%^&*+=?~") && !randomLetters(v) {
		return
	}
	sc.emit(d.password, vs, ve, string(v))
}
