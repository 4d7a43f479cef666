package detect

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"strconv"
	"time"
)

// The eighth real-tree round: classes found by triaging every non-test secret finding of
// the Go module cache and of the Google Cloud SDK at main 28758b2. Each is read from the
// value's structure or the text around it, never from a file or module name.

// round8Index is what the round's classes know of one text, built on its first match on
// an indented line: the classes that need these read nested documents (pretty-printed
// JSON, YAML, docstrings), and a log stream's matches (never indented) do not make the
// whole stream be searched for them.
type round8Index struct {
	built   bool
	session bool // the text names a session token (sessionToken, session_token, SessionToken)
	httpMsg bool // the text holds an HTTP/1.x request or status line
	jobs    bool // the text is a GitHub Actions workflow (a job's "runs-on:")
	tq      bool // the text holds a triple quote (a Python string literal)
}

// treeRound8 reports a match that one of the round's classes explains.
func (r *rtIndex) treeRound8(data []byte, m rawMatch) bool {
	if m.start < 0 || m.end > len(data) || m.start >= m.end {
		return false
	}
	ls := lineStartWithin(data, m.start, 1024)
	// indented: blanks open the line itself, not a window cut out of a long line's middle
	// (a log record's ", " past its first KiB is no indentation)
	if (ls == 0 || data[ls-1] == '\n') && indentOf(data[ls:m.start]) > 0 {
		x := &r.r8
		if !x.built {
			x.built = true
			x.session = r.marks.holds(data, markSession)
			x.httpMsg = r.marks.holds(data, markHTTP)
			x.jobs = r.marks.holds(data, markJobs)
			x.tq = r.marks.holds(data, markTripleQ)
		}
		if x.session && expiredTemporary(data, m.start, m.end, time.Now()) ||
			x.httpMsg && docHostMessage(data, m.start) || x.tq && helpExamples(data, m.start) ||
			x.jobs && jobServiceSetting(data, m.start) {
			return true
		}
	}
	if keyLine(data[ls:m.start]) && elidedSiblings(data, m.start) {
		return true
	}
	if m.r.ID == "generic-api-key" && (attributePath(data[m.start:m.end]) || cursorLabel(data, m.start)) {
		return true
	}
	return false
}

// keyLine reports a line (up to a value) that opens with a quoted key, after blanks and
// a comment's marker: one member of a pretty-printed object ("\t\"accessKeyId\": ",
// "//\t    \"arn\": "), not a log record that holds a whole object on one line.
func keyLine(head []byte) bool {
	t := bytes.TrimLeft(head, " \t")
	for _, c := range []string{"//", "#", "*"} {
		if bytes.HasPrefix(t, []byte(c)) {
			t = bytes.TrimLeft(t[len(c):], " \t")
			break
		}
	}
	return len(t) > 0 && t[0] == '"' && len(head) < 256
}

// expiredTemporary reports a value in an object of temporary credentials whose session
// token is a JWT that has expired (MinIO's STS answers: AccessKeyID, SecretAccessKey
// and a SessionToken whose "exp" claim is before now, pasted into a guide years ago):
// temporary credentials stop working with their session, all parts at once. An object
// whose session has not expired stays found; so does a JWT alone, expired or not, and
// so do AWS's own session tokens (not JWTs) beside a past "Expiration": the benchmark's
// assume-role answers count those as secrets, and an expiry written beside a key is no
// proof that the key stopped working.
func expiredTemporary(data []byte, start, end int, t time.Time) bool {
	lo := max(0, start-1024)
	o := bytes.LastIndexByte(data[lo:start], '{')
	if o < 0 {
		return false
	}
	o += lo
	hi := min(len(data), end+4096)
	c := bytes.IndexByte(data[end:hi], '}')
	if c < 0 {
		return false
	}
	obj := data[o : end+c]
	if bytes.IndexByte(obj[1:], '{') >= 0 || bytes.IndexByte(obj, '}') >= 0 {
		return false // a nested object: the credentials are not one flat set
	}
	expired := false
	for i := 0; i < len(obj); {
		q := bytes.IndexByte(obj[i:], '"')
		if q < 0 {
			break
		}
		k0 := i + q + 1
		k1 := bytes.IndexByte(obj[k0:], '"')
		if k1 < 0 {
			break
		}
		k1 += k0
		key := obj[k0:k1]
		v := bytes.TrimLeft(obj[k1+1:], " \t")
		i = k1 + 1
		if len(v) == 0 || v[0] != ':' {
			continue
		}
		v = bytes.TrimLeft(v[1:], " \t")
		if len(v) == 0 || v[0] != '"' {
			continue
		}
		e := bytes.IndexByte(v[1:], '"')
		if e < 0 {
			break
		}
		val := v[1 : 1+e]
		i = k1 + 1 + (len(obj[k1+1:]) - len(v)) + e + 2
		if string(squeezeKey(key)) == "sessiontoken" {
			if exp, ok := jwtExpiry(val); ok && exp < t.Unix() {
				expired = true
			}
		}
	}
	return expired
}

// squeezeKey lowers a key's ASCII letters and drops its separators: "Session_Token",
// "sessionToken" and "session-token" are one name.
func squeezeKey(k []byte) []byte {
	out := make([]byte, 0, len(k))
	for _, b := range k {
		if b == '_' || b == '-' {
			continue
		}
		out = append(out, lowerASCII(b))
	}
	return out
}

// jwtExpiry reads the "exp" claim of a JWT (three base64url parts).
func jwtExpiry(tok []byte) (int64, bool) {
	if !bytes.HasPrefix(tok, []byte("eyJ")) || len(tok) > 8192 {
		return 0, false
	}
	p := bytes.Split(tok, []byte("."))
	if len(p) != 3 {
		return 0, false
	}
	raw, err := base64.RawURLEncoding.DecodeString(string(bytes.TrimRight(p[1], "=")))
	if err != nil {
		return 0, false
	}
	var claims struct {
		Exp json.RawMessage `json:"exp"`
	}
	if json.Unmarshal(raw, &claims) != nil || len(claims.Exp) == 0 {
		return 0, false
	}
	// a number, or a number in a string as MinIO's STS issues it
	n, err := strconv.ParseFloat(string(bytes.Trim(claims.Exp, `"`)), 64)
	if err != nil || n <= 0 || n > 1e12 {
		return 0, false
	}
	return int64(n), true
}

// docHostMessage reports a value in an HTTP message quoted as an indented block
// (a docstring's or a reStructuredText document's code block) and addressed to a host
// RFC 2606 reserves for documentation ("POST /revoke HTTP/1.1" over "Host:
// server.example.com", "HTTP/1.1 302 Found" over "Location:
// http://example.com/cb#access_token=…"): RFC 6749's and its libraries' examples. Every
// line of the message, from its start line to the value, is indented alike; one blank
// line (between the headers and the body) may come between. A capture or a log (not
// indented: tcpdump, Burp, an access log) stays found whatever its host, and so does a
// message to the machine itself (localhost): a captured local request may carry a live
// token.
func docHostMessage(data []byte, start int) bool {
	ls := lineStartWithin(data, start, 4096)
	ind := indentOf(data[ls:start])
	if ind < 4 {
		return false
	}
	doc := docURLBefore(data[ls:start]) // a header's URL before the value on its line
	blank := 0
	for n, end := 0, ls; n < 10 && end > 0; n++ {
		s := lineStartWithin(data, end-1, 4096)
		line := data[s : end-1]
		end = s
		t := bytes.TrimSpace(line)
		if len(t) == 0 {
			if blank++; blank > 1 {
				return false
			}
			continue
		}
		if indentOf(line) != ind {
			return false
		}
		if hasPrefixFold(t, 0, "host:") {
			if !docHost(bytes.TrimSpace(t[5:])) {
				return false
			}
			doc = true
			continue
		}
		if bytes.Contains(t, []byte(" HTTP/1.")) || bytes.HasPrefix(t, []byte("HTTP/1.")) {
			return doc || docURLBefore(t)
		}
	}
	return false
}

// docURLBefore reports a URL in text whose host is reserved for documentation.
func docURLBefore(text []byte) bool {
	i := bytes.Index(text, []byte("://"))
	if i < 0 {
		return false
	}
	h := text[i+3:]
	if e := bytes.IndexAny(h, "/?# \t\"'"); e >= 0 {
		h = h[:e]
	}
	if at := bytes.LastIndexByte(h, '@'); at >= 0 {
		h = h[at+1:]
	}
	return docHost(h)
}

// docHost is reservedHost without the machine itself: example.com, .net, .org and the
// .example, .test and .invalid names.
func docHost(h []byte) bool {
	if !reservedHost(h) {
		return false
	}
	l := bytes.ToLower(h)
	return !bytes.HasPrefix(l, []byte("localhost")) && !bytes.HasPrefix(l, []byte("127.")) && !bytes.HasPrefix(l, []byte("[::1]"))
}

// helpExamples reports a value inside a Python string literal that a program's help
// text names its examples (`EXAMPLES = """…"""`, `'EXAMPLES': """…"""`, gcloud's
// detailed_help): the text is printed to every user of the program as a sample
// invocation.
func helpExamples(data []byte, start int) bool {
	lo := max(0, start-8192)
	open := bytes.LastIndex(data[lo:start], []byte(`"""`))
	if open < 0 {
		return false
	}
	open += lo
	ls := lineStartWithin(data, open, 512)
	label := bytes.TrimRight(data[ls:open], " \t")
	// a string prefix (r""", u""")
	if n := len(label); n > 1 && (label[n-1] == 'r' || label[n-1] == 'u' || label[n-1] == 'R') && !is(label[n-2], cWord) {
		label = bytes.TrimRight(label[:n-1], " \t")
	}
	if !bytes.HasSuffix(label, []byte("=")) && !bytes.HasSuffix(label, []byte(":")) {
		return false // a closing quote, or a docstring: not a string the text names
	}
	label = bytes.Trim(bytes.TrimRight(label[:len(label)-1], " \t"), `"'`)
	w := len(label)
	for w > 0 && is(label[w-1], cWord) {
		w--
	}
	name := squeezeKey(label[w:])
	return string(name) == "examples" || string(name) == "example"
}

// attributePath reports a value that is a path through objects, three or more
// identifiers joined by dots, an index allowed after each ("StreamDescription.Shards[-1].ShardId",
// a paginator's output token; "oauth2client_4_0.client.OAuth2Credentials", a type named
// in an annotation). Each part reads as a name: few case changes and digits, no JWT's
// base64 header. A token cut by dots (a JWT, a Discord bot token) has long random parts.
func attributePath(v []byte) bool {
	if bytes.HasPrefix(v, []byte("eyJ")) || bytes.Count(v, []byte(".")) < 2 {
		return false
	}
	parts := bytes.Split(v, []byte("."))
	if len(parts) < 3 {
		return false
	}
	word := false
	for _, p := range parts {
		if i := bytes.IndexByte(p, '['); i > 0 && p[len(p)-1] == ']' {
			idx := bytes.TrimPrefix(p[i+1:len(p)-1], []byte("-"))
			if len(idx) == 0 || len(idx) > 4 || run(idx, 0, cDigit, len(idx)) != len(idx) {
				return false
			}
			p = p[:i]
		}
		if len(p) == 0 || len(p) > 40 || !is(p[0], cLower|cUpper|cUnder) || run(p, 0, cWord, len(p)) != len(p) {
			return false
		}
		digits, humps, lower := 0, 0, 0
		for j, b := range p {
			switch {
			case isDigit(b):
				digits++
			case isUpper(b) && j > 0 && is(p[j-1], cLower):
				humps++
			}
			if is(b, cLower) {
				lower++
				if lower >= 4 {
					word = true
				}
			} else {
				lower = 0
			}
		}
		if digits*3 > len(p) || humps*6 > len(p)+2 {
			return false
		}
	}
	return word
}

// cursorLabel reports a value after a label in prose that names a pagination cursor
// ("Next page token: eav1…", a listing's printout): realtrees.go's cursorKey for a
// label of words rather than one identifier.
func cursorLabel(data []byte, start int) bool {
	ls := lineStartWithin(data, start, 256)
	label := bytes.TrimRight(data[ls:start], " \t:=\"'")
	if len(label) < 10 || !hasPrefixFold(label, len(label)-5, "token") || bytes.IndexByte(label, ' ') < 0 {
		return false // no label of words ending in "token": nothing to split
	}
	f := bytes.Fields(bytes.ToLower(label))
	n := len(f)
	return n >= 2 && string(f[n-1]) == "token" && cursorWords[string(f[n-2])]
}

// jobServiceSetting reports a value in the env of a CI job's service container
// (`services:` → `openldap:` → `env:` → `LDAP_ADMIN_PASSWORD: "admin"` in a GitHub
// Actions workflow): the password the job gives a container it starts for itself, on a
// runner that is thrown away with it, not an account's. The same setting in a Compose
// file (no "runs-on:") or in a step's env, where it reaches a real service, stays
// found.
func jobServiceSetting(data []byte, start int) bool {
	ls := lineStartWithin(data, start, 1024)
	ind := indentOf(data[ls:start])
	want := [...]string{"env", "", "services"} // the parents, nearest first; "" is the service's name
	k := 0
	for n, end := 0, ls; n < 60 && end > 0 && k < len(want); n++ {
		s := lineStartWithin(data, end-1, 1024)
		line := data[s : end-1]
		end = s
		t := bytes.TrimSpace(line)
		if len(t) == 0 || t[0] == '#' {
			continue
		}
		li := indentOf(line)
		if li >= ind {
			continue // a sibling or a sibling's child
		}
		if !bytes.HasSuffix(t, []byte(":")) || len(t) < 2 {
			return false
		}
		name := t[:len(t)-1]
		if want[k] != "" && string(name) != want[k] && !(k == 0 && string(name) == "environment") {
			return false
		}
		if want[k] == "" && run(name, 0, cWord|cDash|cDot, len(name)) != len(name) {
			return false
		}
		ind = li
		k++
	}
	return k == len(want)
}

// elidedSiblings reports a value in a JSON object (a document quoted in a comment,
// say) where the author elided at least two sibling values as "..." or "…": an
// illustrative record of a service's event ("arn": "...", "accountId": "...",
// "accessKeyId": "AKIA…"), not one copied whole from a live system.
func elidedSiblings(data []byte, start int) bool {
	ls := lineStartWithin(data, start, 1024)
	ind := indentOf(data[ls:start])
	n := 0
	// up to four lines above and below at the value's own indentation
	for dir := -1; dir <= 1; dir += 2 {
		at := ls
		for i := 0; i < 4; i++ {
			var s, e int
			if dir < 0 {
				if at == 0 {
					break
				}
				e = at - 1
				s = lineStartWithin(data, e, 1024)
				at = s
			} else {
				// each line read no further than 1024 bytes, as the look-back: a long
				// line of values is not read again for each of them
				nl := lineEndWithin(data, at, 1024)
				if nl >= len(data) || data[nl] != '\n' {
					break
				}
				s = nl + 1
				e = lineEndWithin(data, s, 1024)
				if e == s {
					break
				}
				at = s
			}
			line := data[s:e]
			if indentOf(line) != ind {
				continue
			}
			if bytes.Contains(line, []byte(`": "..."`)) || bytes.Contains(line, []byte(`": "…"`)) {
				n++
			}
		}
	}
	return n >= 2
}
