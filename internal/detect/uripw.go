package detect

import "bytes"

// laterUserinfoAt returns the '@' that really ends a URL's userinfo when the password
// holds an unencoded '@' followed by a '#' or '?' ("postgres://web:piFX@8sgf0c#86@db/x",
// "postgres://app:Jzbx@zT7NYT?15@${DB_HOST}/app"): the authority read so far (as up to
// ae, its first '@' at at1) has "user:" before at1, and between at1 and ae a single word
// that is no host of a name with dots, no port, no "localhost"; from ae on, before the
// authority ends and before any '=' or '&' (a query's parameters), another '@' that a
// host or a template's host follows. It returns -1 otherwise.
func laterUserinfoAt(data []byte, as, at1, ae int) int {
	c := bytes.IndexByte(data[as:at1], ':')
	if c <= 0 || bytes.IndexByte(data[as+c+1:at1], ':') >= 0 {
		return -1
	}
	mid := data[at1+1 : ae]
	if len(mid) == 0 || len(mid) > 64 || bytes.ContainsAny(mid, ".:[]@") || bytes.EqualFold(mid, []byte("localhost")) {
		return -1
	}
	last := -1
	for q := ae + 1; q < len(data) && q-as < 256; q++ {
		b := data[q]
		if b == '/' || b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == '"' || b == '\'' || b == '\\' || b == '`' || b == '<' || b == '>' {
			break
		}
		if b == '=' || b == '&' {
			break // a query's parameters: "@host?next=a@b.org"
		}
		if b != '@' || q+1 >= len(data) {
			continue
		}
		if templateHost(data, q+1) {
			return q // the host is a template's: nothing after it to read
		}
		e := q + 1
		for e < len(data) && hostByte(data[e]) {
			e++
		}
		if h := data[q+1 : e]; bytes.IndexByte(h, '.') > 0 || bytes.EqualFold(h, []byte("localhost")) {
			last = q
		}
	}
	return last
}
