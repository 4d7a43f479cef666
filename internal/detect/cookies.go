package detect

import "bytes"

// Session cookies are bearer credentials: whoever holds the value is logged in. They
// are read where a cookie's name stands beside its value with no "=" between: a
// Netscape cookie jar (curl -c, wget --save-cookies, browser exports), one line a
// cookie of seven tab-separated fields, and a JSON document's cookie list (Sentry's
// request.cookies [["sessionid", "…"]]) through the session-cookie key rule.

// cookieJarDet reads cookie jar lines: domain, include-subdomains flag, path, secure
// flag, expiry, name, value.
type cookieJarDet struct{ secret *Rule }

var cookieJarAnchors = []string{"\ttrue\t/", "\tfalse\t/"}

func (d *cookieJarDet) anchors() []string { return cookieJarAnchors }

func (d *cookieJarDet) hit(sc *scanner, di, tag, at int) {
	data := sc.data
	ls, le := sc.lc.around(data, at)
	sc.skip[di] = le
	line := bytes.TrimSuffix(data[ls:le], []byte("\r"))
	var f [8][]byte
	var off [8]int
	n, s := 0, 0
	for i := 0; i <= len(line) && n < 8; i++ {
		if i == len(line) || line[i] == '\t' {
			f[n], off[n] = line[s:i], ls+s
			n++
			s = i + 1
		}
	}
	if n != 7 || !jarFlag(f[1]) || !jarFlag(f[3]) || len(f[4]) == 0 || run(f[4], 0, cDigit, len(f[4])) != len(f[4]) {
		return
	}
	if !sessionCookieName(f[5]) {
		return
	}
	v := f[6]
	if len(v) < 16 || len(v) > 1024 || !genericSecretValue(v) {
		return
	}
	sc.emit(d.secret, off[6], off[6]+len(v), string(v))
}

func jarFlag(b []byte) bool { return string(b) == "TRUE" || string(b) == "FALSE" }

// sessionCookieName reports the names frameworks and sites give the cookie that
// carries a login: "sessionid", "session_token", "connect.sid", "PHPSESSID",
// "__Secure-next-auth.session-token", "auth_session".
func sessionCookieName(name []byte) bool {
	return containsFold(name, "session", "sid", "auth", "token", "remember")
}

// sessionCookieKey accepts a field path that is a cookie's: a segment says cookie and
// the last one names a session.
func sessionCookieKey(segs [][]byte) bool {
	if len(segs) < 2 {
		return false
	}
	cookie := false
	for _, s := range segs[:len(segs)-1] {
		cookie = cookie || string(s) == "cookie" || string(s) == "cookies"
	}
	return cookie && sessionCookieName(segs[len(segs)-1])
}

func sessionCookieValue(v []byte) bool { return len(v) >= 16 && genericSecretValue(v) }
