package untrusted

import (
	"bytes"
	"encoding/json"
	"errors"
	"log/slog"
	"math/rand/v2"
	"mime"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// Hostile strings every sink is tried with: terminal escapes, bidi, invisible
// characters, forged lines, markdown and Slack syntax.
var hostile = []string{
	"\x1b]0;pwned\x07title",
	"\x1b[2J\x1b[H",
	"\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\",
	"\x9b2J\x9d0;c1 title\x9c",
	"abc\u202egnp.exe",
	"\u2066isolate\u2069 \u202aembed\u202c",
	"zero\u200bwidth\u200c\u200d\u2060\ufeff",
	"soft\u00adhyphen \u115f\u3164filler \ufe0fvs",
	"tag\U000e0041\U000e007f",
	"line\nCRITICAL forged finding\r\nand\rback",
	"tab\there\vvt\ffeed\x00nul\x7fdel",
	"bad utf8 \xff\xfe\xc3",
	"](javascript:alert(1))",
	"[x](https://evil.example/)",
	"![img](https://evil.example/pixel.png)",
	"<https://evil.example/>",
	"https://evil.example/path www.evil.example foo@evil.example",
	"<script>alert(1)</script><img src=x onerror=alert(1)>",
	"&lt;entity&gt; &#x3C; &amp;",
	"**bold** _em_ ~~strike~~ `code` ``two``",
	"cell|break | another",
	"# heading",
	"- item",
	"1. ordered",
	"> quote",
	"    indented code",
	"trailing  ",
	"=====",
	"[^1] footnote",
	"@here @channel #123 :smile: $x^2$",
	"<!channel> <https://evil.example/|rotate your keys here>",
	"<!here> <@U024BE7LH> <#C024BE7LR|general> <!subteam^S1234>",
	"back\\slash \\[not a link\\](x) \\",
	"",
}

func TestText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain ascii, punctuation: \\ [ ] < > & ` | *", "plain ascii, punctuation: \\ [ ] < > & ` | *"},
		{"ünïcödé 日本語 emoji 🎉", "ünïcödé 日本語 emoji 🎉"},
		{"\x1b]0;pwned\x07", `\x1b]0;pwned\x07`},
		{"\x1b[2J", `\x1b[2J`},
		{"a\nb\r\tc", `a\nb\r\tc`},
		{"\x9b\x9d", `\x9b\x9d`}, // invalid UTF-8 bytes, not C1 runes
		{"\u009b\u009d", `\u009b\u009d`},
		{"abc\u202egnp", `abc\u202egnp`},
		{"\u2066\u2069\u200b\u200d\ufeff\u00ad", `\u2066\u2069\u200b\u200d\ufeff\u00ad`},
		{"\u2028\u2029", `\u2028\u2029`},
		{"\u3164\ufe0f\U000e0041", `\u3164\ufe0f\U000e0041`},
		{"\xff\xc3", `\xff\xc3`},
		{"\x7f\x00", `\x7f\x00`},
	} {
		if got := Text(tc.in); got != tc.want {
			t.Errorf("Text(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, s := range hostile {
		checkText(t, s, Text(s))
	}
}

// checkText holds the invariants of Text.
func checkText(t *testing.T, in, out string) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Fatalf("Text(%q) = %q: invalid UTF-8", in, out)
	}
	for _, r := range out {
		if hidden(r) {
			t.Fatalf("Text(%q) = %q: keeps %U", in, out, r)
		}
	}
	if !Clean(out) || Text(out) != out {
		t.Fatalf("Text(%q) = %q is not a fixed point", in, out)
	}
	if Clean(in) != (in == out) {
		t.Fatalf("Clean(%q) = %v but Text changed it to %q", in, Clean(in), out)
	}
}

func TestLines(t *testing.T) {
	got := Lines("first \x1b[2J\nsecond\r\nthird\n")
	want := []string{`first \x1b[2J`, `second\r`, "third"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Lines = %q, want %q", got, want)
	}
	if Lines("") != nil {
		t.Error("Lines of nothing is not empty")
	}
}

var md = goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList))

// markdownContexts are the places a report puts an escaped string: a paragraph, a table
// cell, a list item and a heading. %s is replaced by Markdown(s).
var markdownContexts = []string{
	"%s\n",
	"| a | b |\n|---|---|\n| x | %s |\n",
	"- %s\n",
	"### %s (x)\n",
}

// checkMarkdown renders Markdown(s) in every context with goldmark (CommonMark plus
// GitHub's tables, strikethrough, autolinks, task lists, footnotes and definition lists)
// and fails unless the string came out as plain text showing exactly Text(s).
func checkMarkdown(t *testing.T, s string) {
	t.Helper()
	m := Markdown(s)
	if strings.ContainsAny(m, "\r\n") {
		t.Fatalf("Markdown(%q) = %q holds a line break", s, m)
	}
	want := Text(s)
	for _, ctx := range markdownContexts {
		src := []byte(strings.Replace(ctx, "%s", m, 1))
		doc := md.Parser().Parse(text.NewReader(src))
		err := ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering {
				return ast.WalkContinue, nil
			}
			switch n.Kind() {
			case ast.KindDocument, ast.KindParagraph, ast.KindTextBlock, ast.KindList, ast.KindListItem, ast.KindHeading,
				east.KindTable, east.KindTableHeader, east.KindTableRow, east.KindTableCell:
				return ast.WalkContinue, nil
			case ast.KindText, ast.KindString:
				return ast.WalkContinue, nil
			}
			return ast.WalkStop, errors.New("a " + n.Kind().String() + " node formed")
		})
		if err != nil {
			t.Fatalf("Markdown(%q) = %q in %q: %v", s, m, ctx, err)
		}
		// Every context adds fixed text around the string: "ab" of the table header and
		// " (x)" after the heading.
		around := map[int][2]string{1: {"abx", ""}, 3: {"", " (x)"}}[slices.Index(markdownContexts, ctx)]
		got, exp := renderText(t, src), around[0]+want+around[1]
		if want == "" {
			got, exp = strings.TrimSpace(got), strings.TrimSpace(exp)
		}
		if got != exp {
			t.Fatalf("Markdown(%q) = %q in %q renders as %q, want %q", s, m, ctx, got, exp)
		}
	}
}

// renderText renders src to HTML and returns the text it shows, tags removed and
// entities decoded by an HTML-aware walk of goldmark's own output.
func renderText(t *testing.T, src []byte) string {
	t.Helper()
	var out bytes.Buffer
	if err := md.Convert(src, &out); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	s := out.String()
	for len(s) > 0 {
		switch {
		case s[0] == '<':
			end := strings.IndexByte(s, '>')
			if end < 0 {
				t.Fatalf("unterminated tag in %q", out.String())
			}
			s = s[end+1:]
		case s[0] == '\n':
			s = s[1:]
		case s[0] == '&':
			end := strings.IndexByte(s, ';')
			ent := map[string]string{"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": `"`}[s[:end+1]]
			if ent == "" {
				t.Fatalf("unexpected entity %q in %q", s[:end+1], out.String())
			}
			b.WriteString(ent)
			s = s[end+1:]
		default:
			b.WriteByte(s[0])
			s = s[1:]
		}
	}
	return b.String()
}

func TestMarkdown(t *testing.T) {
	for _, s := range hostile {
		checkMarkdown(t, s)
	}
	// The escapes stay readable for the common case.
	if got := Markdown("db.log_stream"); got != "db.log_stream" {
		t.Errorf("Markdown(db.log_stream) = %q", got)
	}
}

func TestMarkdownChecksCatchRawInput(t *testing.T) {
	// The checks themselves must see the attacks: the raw strings fail them.
	for _, s := range []string{"[x](https://evil.example/)", "<b>x</b>", "**x**", "a|b", "https://evil.example"} {
		src := []byte("| a |\n|---|\n| " + s + " |\n")
		if renderText(t, src) == s {
			doc := md.Parser().Parse(text.NewReader(src))
			plain := true
			_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
				switch n.Kind() {
				case ast.KindLink, ast.KindAutoLink, ast.KindRawHTML, ast.KindEmphasis:
					plain = false
				}
				return ast.WalkContinue, nil
			})
			if plain {
				t.Errorf("raw %q formed nothing the check would catch", s)
			}
		}
	}
}

// checkSlack holds what Slack's mrkdwn parser needs to see nothing but text: no raw < or
// >, & only in the three escapes Slack decodes, one code span with no backtick inside.
func checkSlack(t *testing.T, s string) {
	t.Helper()
	out := Slack(s)
	if Text(s) == "" {
		if out != "" {
			t.Fatalf("Slack(%q) = %q, want empty", s, out)
		}
		return
	}
	if len(out) < 2 || out[0] != '`' || out[len(out)-1] != '`' || strings.Contains(out[1:len(out)-1], "`") {
		t.Fatalf("Slack(%q) = %q is not one code span", s, out)
	}
	if strings.ContainsAny(out, "<>") {
		t.Fatalf("Slack(%q) = %q keeps < or >", s, out)
	}
	for i := strings.IndexByte(out, '&'); i >= 0; i = strings.IndexByte(out[i+1:], '&') + i + 1 {
		rest := out[i:]
		if !strings.HasPrefix(rest, "&amp;") && !strings.HasPrefix(rest, "&lt;") && !strings.HasPrefix(rest, "&gt;") {
			t.Fatalf("Slack(%q) = %q has a bare &", s, out)
		}
		if strings.IndexByte(out[i+1:], '&') < 0 {
			break
		}
	}
	unescaped := strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&", "\u02cb", "`").Replace(out[1 : len(out)-1])
	if want := Text(s); unescaped != want && !strings.Contains(want, "\u02cb") {
		t.Fatalf("Slack(%q) = %q shows %q, want %q", s, out, unescaped, want)
	}
	if !Clean(out) {
		t.Fatalf("Slack(%q) = %q keeps a control or invisible character", s, out)
	}
}

func TestSlack(t *testing.T) {
	for _, s := range hostile {
		checkSlack(t, s)
	}
	got := Slack("<!channel> <https://evil.example/|rotate your keys here>")
	if want := "`&lt;!channel&gt; &lt;https://evil.example/|rotate your keys here&gt;`"; got != want {
		t.Errorf("Slack = %q, want %q", got, want)
	}
	if got := SlackPlain("a < b & c > d"); got != "a &lt; b &amp; c &gt; d" {
		t.Errorf("SlackPlain = %q", got)
	}
}

func checkMailHeader(t *testing.T, s string) {
	t.Helper()
	h := MailHeader(s)
	if strings.ContainsAny(h, "\r\n") {
		t.Fatalf("MailHeader(%q) = %q holds a line break", s, h)
	}
	for _, c := range []byte(h) {
		if c < 0x20 || c >= 0x7f {
			t.Fatalf("MailHeader(%q) = %q is not printable ASCII", s, h)
		}
	}
	dec, err := new(mime.WordDecoder).DecodeHeader(h)
	if err != nil || dec != Text(s) {
		t.Fatalf("MailHeader(%q) = %q decodes to %q (%v), want %q", s, h, dec, err, Text(s))
	}
}

func TestMailHeader(t *testing.T) {
	for _, s := range append(hostile, "résumé\r\nBcc: evil@example.org") {
		checkMailHeader(t, s)
	}
}

// checkSARIF holds that every [ and ] in the output is escaped (preceded by an odd run
// of backslashes), so no embedded link can form, and that unescaping gives Text(s).
func checkSARIF(t *testing.T, s string) {
	t.Helper()
	out := SARIF(s)
	var un strings.Builder
	for i := 0; i < len(out); i++ {
		switch out[i] {
		case '\\':
			if i+1 == len(out) {
				t.Fatalf("SARIF(%q) = %q ends in a lone backslash", s, out)
			}
			i++
			un.WriteByte(out[i])
		case '[', ']':
			t.Fatalf("SARIF(%q) = %q has an unescaped bracket", s, out)
		default:
			un.WriteByte(out[i])
		}
	}
	if un.String() != Text(s) {
		t.Fatalf("SARIF(%q) = %q unescapes to %q, want %q", s, out, un.String(), Text(s))
	}
}

func TestSARIF(t *testing.T) {
	for _, s := range hostile {
		checkSARIF(t, s)
	}
}

// checkLog logs s as message, key, value, error, Stringer and in a group through the
// JSON handler (which escapes control characters but leaves bidi and invisible ones raw)
// and fails if any string in the record is not Text-clean.
func checkLog(t *testing.T, s string) {
	t.Helper()
	var buf bytes.Buffer
	l := slog.New(LogHandler(slog.NewJSONHandler(&buf, nil))).With("with", s).WithGroup(s)
	l.Warn(s, "v", s, s, 1, "err", errors.New(s), "list", []string{s}, slog.Group("g", "inner", s), "raw", []byte(s))
	var rec any
	if err := json.Unmarshal(buf.Bytes(), &rec); err != nil {
		t.Fatalf("log record %q: %v", buf.String(), err)
	}
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case string:
			if !Clean(x) {
				t.Fatalf("logging %q left %q in the record %s", s, x, buf.String())
			}
		case map[string]any:
			for k, m := range x {
				walk(k)
				walk(m)
			}
		case []any:
			for _, m := range x {
				walk(m)
			}
		}
	}
	walk(rec)
}

func TestLogHandler(t *testing.T) {
	for _, s := range hostile {
		checkLog(t, s)
	}
	// Without the wrapper the JSON handler passes a bidi override through: the check sees it.
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Warn("abc\u202egnp")
	if !strings.Contains(buf.String(), "\u202e") {
		t.Fatalf("slog's JSON handler escapes bidi itself now: %s", buf.String())
	}
	if h := LogHandler(LogHandler(slog.DiscardHandler)); h != LogHandler(slog.DiscardHandler) {
		t.Error("LogHandler wraps twice")
	}
}

// TestMarkdownTokenCombos strings together the pieces markdown syntax is made of, many
// thousand ways: byte-level fuzzing rarely builds "[a](http://b)" by chance.
func TestMarkdownTokenCombos(t *testing.T) {
	tokens := []string{"[", "]", "(", ")", "![", "](", "http://", "https://", "www.", "javascript:", "mailto:", "@", "a",
		"x.example", " ", "  ", "*", "**", "_", "__", "`", "``", "<", ">", "</", "!", "|", "\\", "&", "&amp;", "&#", ";",
		"#", "1.", "1)", "-", "+", "=", "~", "~~", ":", "$", "^", "{", "}", "\n", "\r", "\t", "\x1b", "\u202e", "é", "0"}
	r := rand.New(rand.NewPCG(10, 2))
	n := 5000
	if testing.Short() {
		n = 2000
	}
	for range n {
		var b strings.Builder
		for range 1 + r.IntN(12) {
			b.WriteString(tokens[r.IntN(len(tokens))])
		}
		s := b.String()
		checkMarkdown(t, s)
		checkSARIF(t, s)
		checkSlack(t, s)
	}
}
