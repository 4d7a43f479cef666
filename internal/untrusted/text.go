package untrusted

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// hiddenTables are the characters Text shows as escapes besides C0 and C1 controls:
// format characters (bidi embeddings, overrides and isolates U+202A–202E and
// U+2066–2069, zero-width space, joiners, word joiner, BOM, soft hyphen, tags), line and
// paragraph separators, and the default-ignorable characters a terminal draws as nothing
// (variation selectors, Hangul fillers, the combining grapheme joiner).
var hiddenTables = []*unicode.RangeTable{
	unicode.Cf, unicode.Zl, unicode.Zp,
	unicode.Other_Default_Ignorable_Code_Point, unicode.Variation_Selector,
}

// hidden reports whether r is a character Text escapes.
func hidden(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f:
		return true // C0 controls and DEL: ESC starts every terminal escape sequence
	case r >= 0x80 && r <= 0x9f:
		return true // C1 controls: CSI (0x9b) and OSC (0x9d) work without ESC on some terminals
	case r < 0xa0:
		return false
	}
	return unicode.IsOneOf(hiddenTables, r)
}

// Text renders s on one line for a terminal or a plain-text file: every control
// character, invisible or bidi-reordering character and invalid UTF-8 byte is shown as
// a Go-style escape (\n, \r, \t, \x1b, \u202e, \U000e0041), so nothing s holds can move
// the cursor, clear the screen, change the window title, open a link, reorder the line
// or start a new one. Everything else, including backslashes, is kept as is: Text is
// idempotent, so a string composed from Text output may safely pass through it again.
func Text(s string) string {
	i := firstUnsafe(s)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	b.WriteString(s[:i])
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b.WriteString(`\x`)
			b.WriteString(hex2(s[i]))
		case hidden(r):
			writeEscape(&b, r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// firstUnsafe is the byte offset of the first character Text would escape, or -1.
func firstUnsafe(s string) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && n == 1) || hidden(r) {
			return i
		}
		i += n
	}
	return -1
}

// Clean reports whether Text would return s unchanged.
func Clean(s string) bool { return firstUnsafe(s) < 0 }

func writeEscape(b *strings.Builder, r rune) {
	switch r {
	case '\n':
		b.WriteString(`\n`)
	case '\r':
		b.WriteString(`\r`)
	case '\t':
		b.WriteString(`\t`)
	default:
		switch {
		case r < 0x80:
			b.WriteString(`\x`)
			b.WriteString(hex2(byte(r)))
		case r <= 0xffff:
			b.WriteString(`\u`)
			b.WriteString(pad(strconv.FormatInt(int64(r), 16), 4))
		default:
			b.WriteString(`\U`)
			b.WriteString(pad(strconv.FormatInt(int64(r), 16), 8))
		}
	}
}

func hex2(c byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[c>>4], digits[c&15]})
}

func pad(s string, n int) string {
	if len(s) >= n {
		return s
	}
	return strings.Repeat("0", n-len(s)) + s
}

// Lines splits text that leakwatch composed over several lines (a finding's detail)
// into lines, each rendered with Text: a carriage return or any other control stays
// escaped, so only the line feeds put there on purpose break lines. Whoever composes
// such text must pass the server's strings through Text first, or a line feed in a name
// becomes a line of its own (indented by the report, but a line nonetheless).
func Lines(s string) []string {
	if s == "" {
		return nil
	}
	parts := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, p := range parts {
		parts[i] = Text(p)
	}
	return parts
}
