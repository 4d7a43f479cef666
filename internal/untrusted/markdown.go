package untrusted

import "strings"

// markdownPunct are the characters Markdown escapes wherever they stand: together they
// make every inline construct of CommonMark and GitHub Flavored Markdown (links, images,
// autolinks, raw HTML, entities, emphasis, strikethrough, code spans, table cells) and
// GitHub's references (@mentions, #issues, $math$). Parentheses matter only after a
// bracket, so they stay; a colon only before "//".
// CommonMark lets any ASCII punctuation be escaped with a backslash.
const markdownPunct = "\\`*_[]<>!|~&@#${}"

// Markdown renders s as inline markdown text that displays exactly Text(s): no link,
// image, autolink, HTML, entity, emphasis, code span or table break can form, and no
// mention or reference fires. The result is safe inside a table cell, a list item, a
// heading or a paragraph; it never contains a line break. Block syntax that only counts
// at the start of a line (list markers, headings, quotes, indented code) is escaped at
// the start of s, since s may start a list item.
func Markdown(s string) string {
	t := Text(s)
	var b strings.Builder
	b.Grow(len(t) + len(t)/4)
	// Leading blanks would make an indented code block or be dropped.
	for len(t) > 0 && t[0] == ' ' {
		b.WriteString("&#32;")
		t = t[1:]
	}
	// Trailing blanks would be dropped (or, before a line break, break the line).
	trail := len(t) - len(strings.TrimRight(t, " "))
	t = t[:len(t)-trail]
	// A leading run of digits followed by '.' or ')' and a blank is an ordered list
	// marker; '-', '+' and '=' start bullets, thematic breaks and setext underlines.
	digits := 0
	for digits < len(t) && t[digits] >= '0' && t[digits] <= '9' {
		digits++
	}
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch {
		case c == '_' && i > 0 && i+1 < len(t) && alnum(t[i-1]) && alnum(t[i+1]):
			// Inside a word an underscore can neither open nor close emphasis: keep
			// names like log_stream readable in the markdown source.
		case strings.IndexByte(markdownPunct, c) >= 0:
			b.WriteByte('\\')
		case i == 0 && (c == '-' || c == '+' || c == '='):
			b.WriteByte('\\')
		case c == ':' && strings.HasPrefix(t[i+1:], "//"):
			// "scheme://" is what GitHub's URL autolinks need (its e-mail autolinks need
			// an @, always escaped); other colons (times, ports, file:line) stay readable.
			b.WriteByte('\\')
		case (c == '.' || c == ')') && digits > 0 && i == digits && (i+1 == len(t) || t[i+1] == ' '):
			b.WriteByte('\\')
		case c == '.' && i >= 3 && strings.EqualFold(t[i-3:i], "www"):
			// GitHub turns "www." into a link even without a scheme.
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	b.WriteString(strings.Repeat("&#32;", trail))
	return b.String()
}

func letter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func alnum(c byte) bool { return letter(c) || c >= '0' && c <= '9' }
