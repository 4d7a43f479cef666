package detect

import (
	"bytes"
	"net"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The fifth real-tree round: classes found by triaging every non-test secret finding of
// /usr/share/man (gzipped troff pages). troff's escapes (\& a zero-width break, \(:o an
// accented letter, \*(Aq an apostrophe, \fB…\fR a font change, \- a hyphen) make a word
// of running text, or a documentation host, look like something else; each class reads
// the markup as markup, never a file name.

// round5Index is what the round's classes know of one text, built on the first match.
type round5Index struct {
	built bool
	roff  bool     // the text is a troff page: it holds section requests (.SH, .Sh)
	exs   [][2]int // the spans of its EXAMPLES sections
}

// treeRound5 reports a match that one of the round's classes explains.
func (r *rtIndex) treeRound5(data []byte, m rawMatch) bool {
	if m.start < 0 || m.end > len(data) || m.start >= m.end {
		return false
	}
	if strings.HasSuffix(m.r.ID, "url-credentials") && (optionalUserinfo(data, m.end) || wordPort(data, m.end)) {
		return true
	}
	if m.r.ID == "generic-api-key" && namedIPv6(m.value) {
		return true
	}
	x := &r.r5
	if !x.built {
		x.built = true
		x.roff = roffPage(data, &r.marks)
		if x.roff {
			x.exs = roffExampleSections(data)
		}
	}
	if !x.roff {
		return false
	}
	if inSpans(x.exs, m.start) {
		return true
	}
	raw := data[m.start:m.end]
	if m.r.ID == "password-assignment" && (bytes.IndexByte(raw, '\\') >= 0 && roffWord(roffDecode(raw)) || systemPath(raw)) {
		return true
	}
	if roffReservedHost(data, m) {
		return true
	}
	// (the display and its introduction are the line's: read once a line)
	ls := r.lc.start(data, m.start)
	return r.roffMemo.get([3]int{ls}, func() bool {
		if ds, de, ok := roffDisplay(data, ls); ok {
			return exampleIntro(data, ds) || displayHostReserved(data[ds:de])
		}
		return false
	})
}

// systemPath: a value that is an absolute path of lowercase names (/etc/passwd): the
// file a sentence names next to the word for password, not a password.
func systemPath(v []byte) bool {
	if len(v) < 4 || v[0] != '/' {
		return false
	}
	segs := bytes.Split(v[1:], []byte("/"))
	if len(segs) < 2 {
		return false
	}
	for _, sg := range segs {
		if len(sg) == 0 || sg[0] < 'a' || sg[0] > 'z' {
			return false
		}
		for _, c := range sg {
			if !('a' <= c && c <= 'z' || isDigit(c) || c == '.' || c == '_' || c == '-') {
				return false
			}
		}
	}
	return true
}

// roffDisplay finds the literal display (.nf … .fi, mdoc's .Bd … .Ed, .EX … .EE) that
// holds the line starting at ls: the offsets of its first line and of its closing request.
func roffDisplay(data []byte, ls int) (int, int, bool) {
	start := -1
	for i, p := 0, ls; i < 60 && p > 0; i++ {
		q := bytes.LastIndexByte(data[:p-1], '\n') + 1
		line := data[q : p-1]
		if roffReq(line, ".fi", ".Ed", ".EE") {
			return 0, 0, false
		}
		if roffReq(line, ".nf", ".Bd", ".EX") {
			start = p
			break
		}
		p = q
	}
	if start < 0 {
		return 0, 0, false
	}
	end := len(data)
	for i, p := 0, ls; i < 60 && p < len(data); i++ {
		k := bytes.IndexByte(data[p:], '\n')
		if k < 0 {
			break
		}
		if roffReq(data[p:p+k], ".fi", ".Ed", ".EE") {
			end = p
			break
		}
		p += k + 1
	}
	return start, end, true
}

func roffReq(line []byte, reqs ...string) bool {
	for _, r := range reqs {
		if bytes.HasPrefix(line, []byte(r)) && (len(line) == len(r) || line[len(r)] == ' ') {
			return true
		}
	}
	return false
}

// exampleIntro: the last line of text before the display at ds (request lines such as
// .sp, .RS 4, .if n \{\ read past) says it is an example ("For example, an override
// pattern of:").
func exampleIntro(data []byte, ds int) bool {
	p := bytes.LastIndexByte(data[:max(0, ds-1)], '\n') + 1 // the opening request's line
	for i := 0; i < 8 && p > 0; i++ {
		q := bytes.LastIndexByte(data[:p-1], '\n') + 1
		line := data[q : p-1]
		p = q
		if len(line) == 0 || line[0] == '.' || line[0] == '\'' {
			continue
		}
		l := bytes.ToLower(line)
		return bytes.HasPrefix(l, []byte("for example")) || bytes.HasSuffix(bytes.TrimRight(l, " "), []byte("example:"))
	}
	return false
}

// displayHostReserved: a display of key=value lines (git's credential format) whose
// host line names a documentation host once troff's \& is read out of it.
func displayHostReserved(d []byte) bool {
	for _, line := range bytes.Split(d, []byte("\n")) {
		line = bytes.TrimSpace(line)
		k, v, ok := bytes.Cut(line, []byte("="))
		if !ok || !bytes.Equal(bytes.ToLower(bytes.TrimSpace(k)), []byte("host")) {
			continue
		}
		v = bytes.ReplaceAll(bytes.TrimSpace(v), []byte(`\&`), nil)
		if i := bytes.Index(v, []byte("://")); i >= 0 {
			v = v[i+3:]
		}
		if reservedHost(v) {
			return true
		}
	}
	return false
}

// roffPage: a text with troff section requests (man(7)'s .SH, mdoc(7)'s .Sh) at a line
// start (after a newline: a mark the pass notes).
func roffPage(data []byte, marks *textMarks) bool {
	return bytes.HasPrefix(data, []byte(".SH ")) || bytes.HasPrefix(data, []byte(".Sh ")) || marks.holds(data, markRoff)
}

// roffExampleSections returns the spans of a page's sections titled EXAMPLE(S) (or the
// same word translated): what a
// man page shows there is a sample to copy, as under a Markdown "Example" heading.
func roffExampleSections(data []byte) [][2]int {
	var spans [][2]int
	open := -1
	for i := 0; i < len(data); {
		j := bytes.IndexByte(data[i:], '\n')
		end := len(data)
		if j >= 0 {
			end = i + j
		}
		line := data[i:end]
		if bytes.HasPrefix(line, []byte(".SH")) || bytes.HasPrefix(line, []byte(".Sh")) {
			if open >= 0 {
				spans = append(spans, [2]int{open, i})
				open = -1
			}
			title := strings.ToUpper(strings.Trim(string(bytes.TrimSpace(line[3:])), "\" "))
			if exampleTitle(title) {
				open = end
			}
		}
		i = end + 1
	}
	if open >= 0 {
		spans = append(spans, [2]int{open, len(data)})
	}
	return spans
}

// exampleTitle: a section title that says "example", in English or in one of the
// languages man pages are most often translated into (Beispiele, Exemples, Ejemplos,
// Esempi, Voorbeelden, Exemplos).
func exampleTitle(t string) bool {
	for _, w := range []string{"EXAMPLE", "BEISPIEL", "EXEMPLE", "EJEMPLO", "ESEMPI", "VOORBEELD", "EXEMPLO"} {
		if strings.HasPrefix(t, w) {
			return true
		}
	}
	return false
}

// roffDecode spells a troff fragment as it prints: \& and font changes vanish, \- and
// \e are "-" and "\", a special character (\(:o, \('e, \*(Aq, \[...]) is one letter or
// an apostrophe, "\ " a space. A trailing lone backslash (a cut escape) is dropped.
func roffDecode(v []byte) []byte {
	out := make([]byte, 0, len(v))
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c != '\\' {
			out = append(out, c)
			continue
		}
		if i+1 >= len(v) {
			break
		}
		i++
		switch v[i] {
		case '&', '%', ':', 'c':
		case '-':
			out = append(out, '-')
		case 'e', '\\':
			out = append(out, '\\')
		case ' ', '~':
			out = append(out, ' ')
		case 'f':
			i += roffArgLen(v[i+1:])
		case '(':
			if i+2 < len(v) {
				out = append(out, 'e') // an accented letter, a dash, a bullet: one character
			}
			i += 2
		case '*':
			n := roffArgLen(v[i+1:])
			if bytes.HasPrefix(v[i+1:], []byte("(Aq")) || bytes.HasPrefix(v[i+1:], []byte("[aq]")) {
				out = append(out, '\'')
			}
			i += n
		case '[':
			if k := bytes.IndexByte(v[i:], ']'); k >= 0 {
				out = append(out, 'e')
				i += k
			} else {
				i = len(v)
			}
		default:
			out = append(out, v[i])
		}
	}
	return out
}

// roffArgLen is the length of an escape's argument: "(xx", "[name]" or one character.
func roffArgLen(v []byte) int {
	switch {
	case len(v) == 0:
		return 0
	case v[0] == '(':
		return min(3, len(v))
	case v[0] == '[':
		if k := bytes.IndexByte(v, ']'); k >= 0 {
			return k + 1
		}
		return len(v)
	}
	return 1
}

// roffWord: a word of running text in any script, with apostrophes and hyphens inside
// (d'un, ci-dessus) and sentence punctuation after it: what a password-assignment took
// for a value because the escapes around it hid that it is a word.
func roffWord(w []byte) bool {
	w = bytes.TrimRight(w, ".,;:!?)\" ")
	if len(w) < 2 {
		return false
	}
	letters := 0
	for len(w) > 0 {
		r, n := utf8.DecodeRune(w)
		switch {
		case unicode.IsLetter(r):
			letters++
		case (r == '\'' || r == '-') && letters > 0 && n < len(w):
		default:
			return false
		}
		w = w[n:]
	}
	return letters >= 2
}

// roffReservedHost: a credential whose host (after the "@" of a URL, or a netrc entry's
// "machine") is a documentation name once troff's zero-width \& is read out of it
// (example\&.org): the spelling hid it from the rule's own reserved-host test.
func roffReservedHost(data []byte, m rawMatch) bool {
	var host []byte
	switch {
	case m.r.ID == "netrc-password":
		lo := max(0, m.start-300)
		k := bytes.LastIndex(data[lo:m.start], []byte("machine"))
		if k < 0 {
			return false
		}
		host = bytes.TrimLeft(data[lo+k+len("machine"):], " \t\n")
	case m.end < len(data) && data[m.end] == '@':
		host = data[m.end+1:]
	default:
		return false
	}
	if i := bytes.IndexAny(host, " \t\n\"'<>"); i >= 0 {
		host = host[:i]
	}
	if !bytes.Contains(host, []byte(`\&`)) {
		return false
	}
	return reservedHost(bytes.ReplaceAll(host, []byte(`\&`), nil))
}

// optionalUserinfo: a URL synopsis whose credentials sit in square brackets that mark
// them optional (ftp://[[user][:pass]@]host[:port]/): the value ends in "]" and the
// bracket around the userinfo closes right after the "@".
func optionalUserinfo(data []byte, end int) bool {
	return end >= 1 && end+1 < len(data) && data[end-1] == ']' && data[end] == '@' && data[end+1] == ']'
}

// wordPort: a URL whose port is a word (http://Benutzer:Passwort@Server:Port/): a
// template in some language, since a real URL's port is digits.
func wordPort(data []byte, end int) bool {
	if end >= len(data) || data[end] != '@' {
		return false
	}
	h := data[end+1 : min(len(data), end+256)]
	if i := bytes.IndexAny(h, "/ \t\n\"'<>\\?#"); i >= 0 {
		h = h[:i]
	}
	k := bytes.LastIndexByte(h, ':')
	if k <= 0 || bytes.IndexByte(h, ']') > k {
		return false
	}
	p := h[k+1:]
	if len(p) < 2 {
		return false
	}
	for _, c := range p {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}

// namedIPv6: a value that is a lowercase word, a colon and an IPv6 address or prefix
// (systemd's Token=static:::1a:2b:3c:4d, prefixstable:2002:da8:1::): an address, not a
// key.
func namedIPv6(v string) bool {
	i := strings.IndexByte(v, ':')
	if i <= 0 {
		return false
	}
	for _, c := range v[:i] {
		if c < 'a' || c > 'z' {
			return false
		}
	}
	a := v[i+1:]
	return strings.Contains(a, "::") && net.ParseIP(a) != nil
}
