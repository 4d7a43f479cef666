// Package untrustedtest helps tests show that a sink renders hostile server strings
// safely: it fills every string of a value with attacks and checks terminal and
// markdown output for what must never be there. Only tests import it.
package untrustedtest

import (
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

// Forged is the line a hostile name tries to forge in a report.
const Forged = "CRITICAL FORGED by the server"

// Attack is one string that tries everything at once: set the terminal title (OSC 0),
// clear the screen (CSI 2J), write an OSC-8 link, reverse the text (RLO), hide text
// (zero-width space), forge a report line after CR/LF, and make markdown links, images,
// HTML and a Slack mention.
const Attack = "\x1b]0;PWNED-TITLE\x07\x1b[2J\x1b[H\x1b]8;;https://evil.example/\x1b\\osc8\x1b]8;;\x1b\\" +
	"\u202egnp.exe\u200b\x9b31m\u009b2J\u009d0;c1\u009c" + "\r\n" + Forged + "\r" + Forged + "\n" +
	"](javascript:alert(1)) [x](https://evil.example/) ![i](https://evil.example/i.png) <img src=x onerror=alert(1)> " +
	"https://evil.example www.evil.example <!channel> <https://evil.example/|rotate your keys here> | **b** `c`"

// Fill sets every exported string reachable from v (a pointer) — struct fields, slice
// and array elements, map values — to value(path), where path names the field. Empty
// slices of strings get one element, so that no list escapes the test.
func Fill(v any, value func(path string) string) {
	fill(reflect.ValueOf(v), "", value)
}

func fill(v reflect.Value, path string, value func(string) string) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			fill(v.Elem(), path, value)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if f.IsExported() {
				fill(v.Field(i), path+"."+f.Name, value)
			}
		}
	case reflect.Slice:
		if v.Len() == 0 && v.Type().Elem().Kind() == reflect.String && v.CanSet() {
			v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		}
		for i := range v.Len() {
			fill(v.Index(i), fmt.Sprintf("%s[%d]", path, i), value)
		}
	case reflect.Array:
		for i := range v.Len() {
			fill(v.Index(i), fmt.Sprintf("%s[%d]", path, i), value)
		}
	case reflect.Map:
		if v.Type().Elem().Kind() != reflect.String {
			return
		}
		for _, k := range v.MapKeys() {
			v.SetMapIndex(k, reflect.ValueOf(value(path+"["+fmt.Sprint(k)+"]")).Convert(v.Type().Elem()))
		}
	case reflect.String:
		if v.CanSet() {
			v.SetString(value(path))
		}
	}
}

// sgr matches the colour sequences leakwatch writes itself.
var sgr = regexp.MustCompile(`\x1b\[[0-9;]*m`)

// Terminal fails t when out, written for a terminal, holds a control character other
// than a line feed (or leakwatch's own colour sequences), a C1 control, a bidi,
// invisible or format character, invalid UTF-8, or a line that starts with Forged.
func Terminal(t testing.TB, what string, out []byte) {
	t.Helper()
	s := sgr.ReplaceAllString(string(out), "")
	for i, line := range strings.Split(s, "\n") {
		if strings.HasPrefix(strings.TrimLeft(line, " │|"), Forged) {
			t.Errorf("%s: line %d is forged by the server: %q", what, i+1, clip(line))
		}
		if !utf8.ValidString(line) {
			t.Errorf("%s: line %d is not valid UTF-8: %q", what, i+1, clip(line))
		}
		for _, r := range line {
			if bad(r) {
				t.Errorf("%s: line %d holds %U: %q", what, i+1, r, clip(line))
				break
			}
		}
	}
}

func clip(s string) string {
	if len(s) > 160 {
		return s[:160] + "…"
	}
	return s
}

func bad(r rune) bool {
	switch {
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f):
		return true
	case r == 0x200b || r == 0x200c || r == 0x200d || r == 0x2060 || r == 0xfeff || r == 0x00ad:
		return true
	case (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x200e || r == 0x200f || r == 0x061c:
		return true
	case r == 0x2028 || r == 0x2029:
		return true
	}
	return false
}

var md = goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList))

// Markdown fails t when out, rendered as GitHub Flavored Markdown (with footnotes and
// definition lists), forms a link, image, autolink or HTML, or holds a character
// Terminal refuses. allowed lists the code spans leakwatch itself writes (rule ids).
func Markdown(t testing.TB, what string, out []byte, allowedCode func(code string) bool) {
	t.Helper()
	Terminal(t, what, out)
	doc := md.Parser().Parse(text.NewReader(out))
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindLink, ast.KindImage, ast.KindAutoLink, ast.KindRawHTML, ast.KindHTMLBlock:
			t.Errorf("%s: a %s formed: %q", what, n.Kind(), clip(nodeText(n, out)))
		case ast.KindCodeSpan:
			if code := nodeText(n, out); allowedCode == nil || !allowedCode(code) {
				t.Errorf("%s: a code span formed: %q", what, clip(code))
			}
		case ast.KindHeading, ast.KindParagraph, ast.KindTextBlock:
			if strings.HasPrefix(nodeText(n, out), Forged) {
				t.Errorf("%s: a block starts with the forged text", what)
			}
		}
		return ast.WalkContinue, nil
	})
}

// nodeText is the source text under n.
func nodeText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch x := c.(type) {
			case *ast.Text:
				b.Write(x.Segment.Value(src))
			case *ast.String:
				b.Write(x.Value)
			case *ast.AutoLink:
				b.Write(x.URL(src))
			}
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}
