package detect

import "bytes"

// A password file printed in a terminal session: "PROMPT$ cat /etc/pve/priv/
// storage/nas.pw", "cat /run/secrets/db_password", then one line of output and the next
// prompt. The file's name says it holds a password or a secret (.pw, .pass, .password,
// password.txt, a Docker or Kubernetes secret's directory); the one line between the
// prompts is its content. (docLayoutDet's reader.)

// catSecretFile reads the one line a "cat" of a password file printed between two
// prompts (at is the prompt's "$ " or "# ").
func (d *docLayoutDet) catSecretFile(sc *scanner, at, end int) {
	data := sc.data
	if d.password == nil {
		return
	}
	ls := lineStartWithin(data, at, 200)
	prompt := data[ls : at+2] // "root@pve2:~# "
	le := lineEndWithin(data, end, 400)
	path := bytes.TrimRight(data[end:le], " \t\r")
	if len(path) == 0 || bytes.IndexAny(path, " |<>;&*") >= 0 || !secretFileName(path) {
		return
	}
	if le >= len(data) {
		return
	}
	vs := le + 1
	ve := lineEndWithin(data, vs, 300)
	if ve >= len(data) || data[ve] != '\n' {
		if ve < len(data) {
			return // a long line: not one password
		}
	}
	v := bytes.TrimRight(data[vs:ve], "\r")
	ve = vs + len(v)
	if len(v) < 4 || len(v) > 128 || bytes.HasPrefix(data[vs:], prompt) || bytes.Contains(v, []byte("No such file")) {
		return
	}
	// the next prompt (or the end of the session) right after the one line
	if ne := lineEndWithin(data, vs, 300); ne < len(data) {
		if !bytes.HasPrefix(data[ne+1:], bytes.TrimRight(prompt, " ")) {
			return
		}
	}
	if isPlaceholder(v) {
		return
	}
	sc.emit(d.password, vs, ve, string(v))
}

// secretFileName: a path whose name says the file holds a password or a secret.
func secretFileName(path []byte) bool {
	low := bytes.ToLower(path)
	if bytes.Contains(low, []byte("/run/secrets/")) || bytes.Contains(low, []byte("/secrets/kubernetes.io/")) {
		return true
	}
	base := low[bytes.LastIndexByte(low, '/')+1:]
	if bytes.HasSuffix(base, []byte("passwd")) || bytes.HasSuffix(base, []byte(".pub")) {
		return false // the user database; a public key
	}
	for _, suf := range []string{".pw", ".pass", ".password", ".pwd", ".secret"} {
		if bytes.HasSuffix(base, []byte(suf)) {
			return true
		}
	}
	stem := base
	if i := bytes.LastIndexByte(stem, '.'); i > 0 && (string(stem[i:]) == ".txt" || string(stem[i:]) == ".cred") {
		stem = stem[:i]
	}
	for _, w := range []string{"password", "passphrase", "_pass", "-pass", "_pw", "-pw"} {
		if bytes.HasSuffix(stem, []byte(w)) {
			return true
		}
	}
	return false
}
