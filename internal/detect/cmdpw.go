package detect

import (
	"bytes"
	"encoding/base64"
)

// cmdDet reads passwords that servers write into their own logs as part of a command
// rather than as a key and value: SQL that sets a password ("CREATE ROLE r LOGIN
// PASSWORD '…'", "ALTER USER u WITH ENCRYPTED PASSWORD '…'", ClickHouse's and MySQL's
// "IDENTIFIED [WITH plugin] BY '…'"), Redis's AUTH command as MONITOR and slow logs
// print it ("AUTH" "…" or "AUTH" "user" "…"), and LDIF's base64 attribute form of
// userPassword ("userPassword:: …"), which is the password itself, only encoded.
type cmdDet struct{ password *Rule }

// The anchors: the end of the SQL keyword with its literal's quote, the start of
// "IDENTIFIED … BY '", Redis's quoted command name and LDIF's double colon.
var cmdAnchors = []string{"ssword '", " by '", `"auth" "`, "ssword::"}

func (d *cmdDet) anchors() []string { return cmdAnchors }

func (d *cmdDet) hit(sc *scanner, di, tag, at int) {
	data := sc.data
	if !hasPrefixFold(data, at, cmdAnchors[tag]) {
		return
	}
	ls := bytes.LastIndexByte(data[max(0, at-512):at], '\n') + 1 + max(0, at-512)
	line := data[ls:at]
	switch tag {
	case 0: // … PASSWORD '…'
		if at < ls+3 || !hasPrefixFold(data, at-2, "pa") || data[at-3] != ' ' {
			return
		}
		if !containsFold(line, "create ", "alter ") || !containsFold(line, "user ", "role ") {
			return
		}
		d.sqlLiteral(sc, at+len(cmdAnchors[0]))
	case 1: // IDENTIFIED [WITH plugin] BY '…'
		if i := lastIndexFold(line, "identified"); i < 0 || len(line)-i > 64 {
			return
		}
		d.sqlLiteral(sc, at+len(cmdAnchors[1]))
	case 2: // "AUTH" "pw" or "AUTH" "user" "pw"
		if at > 0 && data[at-1] != ' ' {
			return
		}
		args := redisArgs(data, at+len(`"auth" `))
		if len(args) == 0 || len(args) > 2 {
			return
		}
		a := args[len(args)-1]
		v := data[a[0]:a[1]]
		if len(v) < 4 || isPlaceholder(v) || !passwordValue(v) || bytes.IndexByte(v, '\\') >= 0 {
			return
		}
		sc.emit(d.password, a[0], a[1], string(v))
	case 3: // userPassword:: base64
		if at-ls != 6 || !hasPrefixFold(data, ls, "userpa") {
			return
		}
		vs := at + len(cmdAnchors[3])
		for vs < len(data) && data[vs] == ' ' {
			vs++
		}
		ve := run(data, vs, cAlnum|cPlus|cSlash, 1024)
		for ve < len(data) && data[ve] == '=' && ve-vs < 1024 {
			ve++
		}
		if ve < len(data) && data[ve] != '\n' && data[ve] != '\r' {
			return
		}
		dec, err := base64.StdEncoding.DecodeString(string(data[vs:ve]))
		if err != nil || !passwordValue(dec) || isPlaceholder(dec) || dec[0] == '{' {
			return // "{SSHA}…" and other schemes are hashes, not the password
		}
		sc.emit(d.password, vs, ve, string(dec))
	}
}

// sqlLiteral emits the single-quoted SQL string literal whose body starts at vs
// ('' stands for a quote inside it).
func (d *cmdDet) sqlLiteral(sc *scanner, vs int) {
	data := sc.data
	ve := vs
	for ve < len(data) && ve-vs <= 256 {
		if data[ve] == '\n' {
			return
		}
		if data[ve] == '\'' {
			if ve+1 < len(data) && data[ve+1] == '\'' {
				ve += 2
				continue
			}
			break
		}
		ve++
	}
	if ve >= len(data) || data[ve] != '\'' {
		return
	}
	v := data[vs:ve]
	if isPlaceholder(v) || !passwordValue(v) || bytes.HasPrefix(v, []byte("md5")) && len(v) == 35 || bytes.HasPrefix(v, []byte("SCRAM-")) {
		return // a stored hash ("md5…", "SCRAM-SHA-256$…") is not the password
	}
	sc.emit(d.password, vs, ve, string(v))
}

// redisArgs reads the double-quoted arguments that follow p on its line, as Redis
// prints a command; nil when the line holds anything else.
func redisArgs(data []byte, p int) [][2]int {
	var out [][2]int
	for p < len(data) && len(out) < 4 {
		if data[p] != '"' {
			break
		}
		s := p + 1
		e := s
		for e < len(data) && data[e] != '"' && data[e] != '\n' {
			if data[e] == '\\' {
				e++
			}
			e++
		}
		if e >= len(data) || data[e] != '"' {
			return nil
		}
		out = append(out, [2]int{s, e})
		p = e + 1
		if p < len(data) && data[p] == ' ' {
			p++
		}
	}
	if p < len(data) && data[p] != '\n' && data[p] != '\r' {
		return nil
	}
	return out
}

// lastIndexFold is the offset of the last ASCII case-insensitive occurrence of lit in
// data, or -1.
func lastIndexFold(data []byte, lit string) int {
	for i := len(data) - len(lit); i >= 0; i-- {
		if hasPrefixFold(data, i, lit) {
			return i
		}
	}
	return -1
}
