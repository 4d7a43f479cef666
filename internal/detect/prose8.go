package detect

import "bytes"

// proseAside steps over an aside that stands between a password's name and its
// copula in running text: "the password — yes, the prod one — is …", "the password,
// which IT changed again, is …", "das Passwort (gilt nur bis Freitag): …". It returns
// the offset after the aside's closing mark, or p when none starts at p (after
// blanks). An aside is at most 96 bytes on one line and holds no quote, '=' or code
// brackets, so an assignment or a call is never read as one.
func proseAside(data []byte, p int) int {
	q := p
	for q < len(data) && (data[q] == ' ' || data[q] == '\t') {
		q++
	}
	var open, close []byte
	switch {
	case bytes.HasPrefix(data[q:], []byte("—")):
		open, close = []byte("—"), []byte("—")
	case bytes.HasPrefix(data[q:], []byte(" -- ")) || q > p && bytes.HasPrefix(data[q:], []byte("-- ")):
		open, close = []byte("--"), []byte(" --")
	case q < len(data) && data[q] == '(':
		open, close = []byte("("), []byte(")")
	case q == p && q < len(data) && data[q] == ',':
		open, close = []byte(","), []byte(",")
	default:
		return p
	}
	s := q + len(open)
	if s >= len(data) || data[s] != ' ' && open[0] != '(' {
		return p // a dash or comma glued to a word is not an aside's mark
	}
	lim := min(len(data), s+96)
	i := bytes.Index(data[s:lim], close)
	if i < 2 {
		return p
	}
	body := data[s : s+i]
	if bytes.ContainsAny(body, "\n\r\"`=;{}[]<>") {
		return p
	}
	for rest := body; ; {
		k := bytes.IndexByte(rest, '\'')
		if k < 0 {
			break
		}
		if k == 0 || k+1 >= len(rest) || !is(rest[k-1], cLower|cUpper) || !is(rest[k+1], cLower|cUpper) {
			return p // a quote, not an apostrophe inside a word ("don't")
		}
		rest = rest[k+1:]
	}
	// an aside is words: most of its bytes are letters or spaces
	letters := 0
	for _, c := range body {
		if is(c, cLower|cUpper) || c == ' ' || c >= 0x80 {
			letters++
		}
	}
	if letters*4 < len(body)*3 {
		return p
	}
	return s + i + len(close)
}

// proseBareValue reads an unquoted value after a copula in running text ("the DB
// password is Kx7!quartz (same as before)"): the run of printable ASCII up to a blank,
// less closing punctuation. Prose says what a password is like in words ("is
// incorrect", "is stored hashed"), so the value must look chosen or generated: letters
// with digits or symbols, at least eight bytes, not an identifier, a reference or a
// placeholder.
func proseBareValue(data []byte, p, end int) (int, int, bool) {
	ve := p
	for ve < end && data[ve] > ' ' && data[ve] < 0x7f && !entityAt(data, ve, end) {
		ve++ // (an HTML entity is a quote in the page's text: printf(&quot;…&quot;))
	}
	for ve > p && bytes.IndexByte([]byte(".,;:)"), data[ve-1]) >= 0 {
		ve--
	}
	v := data[p:ve]
	if len(v) < 8 || !strongContextPassword(v) || identifierLike(v) && !passphrase(v) {
		return 0, 0, false
	}
	// "the password for edge1.corp.example.org": the host it opens
	if dottedHostName(v) {
		return 0, 0, false
	}
	letters, digits, symbols := 0, 0, 0
	for _, c := range v {
		switch {
		case is(c, cLower|cUpper):
			letters++
		case c >= '0' && c <= '9':
			digits++
		case bytes.IndexByte([]byte("!#$%&*+?@^~"), c) >= 0:
			symbols++
		case c == '(' || c == '/' || c == '\\':
			return 0, 0, false // a call or a path: "is os.getenv(…)", "is /etc/secret"
		}
	}
	if letters < 3 || digits+symbols == 0 {
		return 0, 0, false
	}
	return p, ve, true
}

// templateHost reports whether a template expression stands where a URL's host
// does ("postgres://app:…@${DB_HOST}:5432/db", "…@{{ .Values.host }}/db"): the
// credentials before it are literal even though the host is filled in later.
func templateHost(data []byte, p int) bool {
	var closer string
	switch {
	case bytes.HasPrefix(data[p:], []byte("${")), bytes.HasPrefix(data[p:], []byte("#{")):
		closer = "}"
	case bytes.HasPrefix(data[p:], []byte("{{")):
		closer = "}}"
	default:
		return false
	}
	lim := min(len(data), p+96)
	i := bytes.Index(data[p+2:lim], []byte(closer))
	return i > 0 && bytes.IndexByte(data[p+2:p+2+i], '\n') < 0
}

// quotedFlagValue reads a value quoted right after a glued flag ("-p'…'", "-p\"…\""):
// it returns the value's end, or vs when no quote opens it or none closes it on the line.
func quotedFlagValue(data []byte, vs int) (int, int) {
	if vs >= len(data) || data[vs] != '\'' && data[vs] != '"' {
		return vs, vs
	}
	q := data[vs]
	for e := vs + 1; e < len(data) && e-vs < 256 && data[e] != '\n'; e++ {
		if data[e] == q {
			return vs + 1, e
		}
	}
	return vs, vs
}

// entityAt reports whether an HTML character reference starts at p ("&quot;", "&#39;").
func entityAt(data []byte, p, end int) bool {
	if data[p] != '&' {
		return false
	}
	q := p + 1
	for q < end && q-p <= 8 && (is(data[q], cLower|cUpper) || data[q] >= '0' && data[q] <= '9' || data[q] == '#') {
		q++
	}
	return q > p+1 && q < end && data[q] == ';'
}
