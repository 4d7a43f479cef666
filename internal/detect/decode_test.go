package detect

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestEncodedSecrets: a secret written in an encoding is found, named by its own rule,
// decoded, and located on the bytes it was written as.
func TestEncodedSecrets(t *testing.T) {
	const pat = "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"
	e := Default()
	for _, c := range []struct {
		name, text, rule, value, raw string
	}{
		{"JSON \\u escapes of the quotes around a nested document",
			`{"config": "{\u0022api_key\u0022: \u0022Zq8Xv3LmN9pR2tKw7YbH4sJd6FgA1cEu\u0022}"}`,
			"generic-api-key", "Zq8Xv3LmN9pR2tKw7YbH4sJd6FgA1cEu", "Zq8Xv3LmN9pR2tKw7YbH4sJd6FgA1cEu"},
		{"JSON \\u escape inside the token",
			`{"note": "\u0067hp_VejceFNrWW1jDDdj1yTln2qNOLY63u2bkHvb"}`,
			"github-pat", pat, `\u0067hp_VejceFNrWW1jDDdj1yTln2qNOLY63u2bkHvb`},
		{"quoted-printable =3D after the key",
			"Content-Transfer-Encoding: quoted-printable\n\napi_key=3DZq8Xv3LmN9pR2tKw7YbH4sJd6FgA1cEu\n",
			"generic-api-key", "Zq8Xv3LmN9pR2tKw7YbH4sJd6FgA1cEu", "Zq8Xv3LmN9pR2tKw7YbH4sJd6FgA1cEu"},
		{"quoted-printable soft line break inside the token",
			"Content-Transfer-Encoding: quoted-printable\n\nyour token is ghp_VejceFNrWW1jDDdj1y=\nTln2qNOLY63u2bkHvb =3D keep it\n",
			"github-pat", pat, "ghp_VejceFNrWW1jDDdj1y=\nTln2qNOLY63u2bkHvb"},
		{"URL-encoded token in a query string",
			"GET /hook?next=%2Fhome&note=ghp%5FVejceFNrWW1jDDdj1yTln2qNOLY63u2bkHvb&x=1 HTTP/1.1",
			"github-pat", pat, ""},
		{"URL-encoded password with '+' for a space",
			"POST /login body: user=bob&password=Winter%212024+Blue%26x&remember=1",
			"password-assignment", "Winter!2024 Blue&x", "Winter%212024+Blue%26x"},
		{"URL-encoded e-mail address",
			"GET /signup?email=maria.lopez%40correo.es&name=Maria HTTP/1.1",
			"email", "maria.lopez@correo.es", "maria.lopez%40correo.es"},
	} {
		ms := scanAll(e, c.text)
		ok := false
		for _, m := range ms {
			if m.Rule.ID == c.rule && m.Value == c.value && (c.raw == "" || c.text[m.Start:m.End] == c.raw) {
				ok = true
			}
		}
		if !ok {
			t.Errorf("%s: %q: want %s %q on %q, got %s", c.name, c.text, c.rule, c.value, c.raw, describe(ms))
		}
	}
}

// TestDecodedViewsKeepRawText: escapes that are not secrets' do not change what is
// found — printf verbs, base64 with '+' on a line with a %XX, lines ending in "=".
func TestDecodedViewsKeepRawText(t *testing.T) {
	e := Default()
	for _, text := range []string{
		`fmt.Printf("%2d items, %08x, %s\n", n, h, s)`,
		"GET /a?q=x%20y HTTP/1.1 referer=https://example.org/?k=a+b",
		"hash: dGhpcyBpcyBub3QgYSBzZWNyZXQsIGp1c3QgdGV4dA==\nnext: line",
	} {
		if ms := scanAll(e, text); len(ms) > 0 {
			t.Errorf("%q: got %s", text, describe(ms))
		}
	}
	// a secret of the raw text keeps its span when another part of the line is encoded
	text := "token=" + strings.Repeat("Ab3+", 10) + "Zz9q&next=%2Fhome"
	var raw []Match
	e.Scan([]byte(strings.Split(text, "&")[0]), func(m Match) { raw = append(raw, m) })
	got := scanAll(e, text)
	if len(raw) != len(got) || len(raw) > 0 && (raw[0].Start != got[0].Start || raw[0].End != got[0].End) {
		t.Errorf("%q: raw %s, with the encoded tail %s", text, describe(raw), describe(got))
	}
}

// TestDecodeLongLine: escapes far into a line longer than a decoded region are
// decoded around themselves, and the scan ends (it once looped on such a line).
func TestDecodeLongLine(t *testing.T) {
	long := strings.Repeat("a=b;", decodeRegionMax/2) + `x="\u0041" ` + strings.Repeat("c ", decodeRegionMax/4) +
		"api_key=3DZq8Xv3LmN9pR2tKw7YbH4sJd6FgA1cEu"
	done := make(chan []Match, 1)
	go func() { done <- scanAll(Default(), long) }()
	select {
	case ms := <-done:
		ok := false
		for _, m := range ms {
			ok = ok || m.Value == "Zq8Xv3LmN9pR2tKw7YbH4sJd6FgA1cEu"
		}
		if !ok {
			t.Errorf("the encoded key at the end of a %d-byte line was not found: %s", len(long), describe(ms))
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the scan of a long line with escapes did not end")
	}
}

// longEscapedLine is a line of n bytes of filler with a URL escape every gap bytes and
// text put at offset at.
func longEscapedLine(n, gap, at int, text string) string {
	b := []byte(strings.Repeat("word-", n/5+1)[:n])
	for i := 0; i+3 <= n; i += gap {
		copy(b[i:], "%2F")
	}
	copy(b[at:], text)
	return string(b)
}

// TestDecodeViewsNeverStepBack: on a line longer than a decoded region, with escapes
// every few hundred bytes, each region starts where the one before it stopped, so every
// escape is decoded once and the spans ascend (escapeIn searches them). Regions once
// started half a region before their escape and decoded much of the line twice.
func TestDecodeViewsNeverStepBack(t *testing.T) {
	e := Default()
	for _, n := range []int{decodeRegionMax + 100, 3*decodeRegionMax + 5, 5 * decodeRegionMax} {
		data := []byte(longEscapedLine(n, 300, 0, "") + "\nnext=%2Fline\n")
		sc := e.pool.Get().(*scanner)
		sc.reset(data)
		var v decodeView
		v.pct = true
		sc.buildView(&v)
		want := bytes.Count(data, []byte("%2F"))
		if got := len(v.spans) / 2; got != want {
			t.Errorf("%d-byte line: %d escapes decoded, the text holds %d", n, got, want)
		}
		for k := 2; k < len(v.spans); k += 2 {
			if v.spans[k] < v.spans[k-1] || v.spans[k] > v.spans[k+1] {
				t.Errorf("%d-byte line: span %d [%d,%d) after one ending at %d", n, k/2, v.spans[k], v.spans[k+1], v.spans[k-1])
				break
			}
		}
		if lines := bytes.Count(v.buf, []byte("\n")); lines != 2 {
			t.Errorf("%d-byte line: the view holds %d lines, want 2 (the long line read as one run)", n, lines)
		}
		sc.data = nil
		e.pool.Put(sc)
	}
}

// TestDecodeMatchAcrossRegions: a match of the decoded view that straddles the point
// where a long line's first region ends is found whole, at its place.
func TestDecodeMatchAcrossRegions(t *testing.T) {
	const tok = "Zq8Xv3LmN9pR2tKw7YbH4sJd6FgA1cEu"
	for _, off := range []int{4, 12, 20, 30} {
		key := " api_key=3D" + tok + " "
		at := decodeRegionMax - len(" api_key=3D") - off // the token crosses the region's end
		line := longEscapedLine(2*decodeRegionMax, 700, at, key)
		ms := scanAll(Default(), line)
		found := false
		for _, m := range ms {
			if m.Value == tok {
				found = found || m.Start == at+len(" api_key=3D") && m.End == at+len(key)-1
			} else if strings.Contains(tok, m.Value) || strings.Contains(m.Value, tok[:8]) {
				t.Errorf("cut %d bytes into the token: a part of it found: %s", off, describe([]Match{m}))
			}
		}
		if !found {
			t.Errorf("cut %d bytes into the token: not found whole: %s", off, describe(ms))
		}
	}
}

// A decoded view kept the text's offsets of every byte it holds (ten bytes a byte):
// 4 MiB of lines that each hold an escape, decoded whole, took 40 MB and more with the
// arrays' growth. A run of plain bytes is now one piece (12 bytes), and the view about
// two and a half bytes a byte.
func TestDecodeViewKeepsNoOffsetsPerByte(t *testing.T) {
	var b bytes.Buffer
	for i := 0; b.Len() < 4<<20; i++ {
		fmt.Fprintf(&b, "%d GET /search?q=release%%20notes%%20%d&lang=en-GB HTTP/1.1 from the staging front end\n", i, i%97)
	}
	data := b.Bytes()
	sc := Default().pool.Get().(*scanner)
	sc.reset(data)
	var v decodeView
	v.pct = true
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	sc.buildView(&v)
	runtime.GC()
	runtime.ReadMemStats(&after)
	if len(v.buf) < len(data)*9/10 {
		t.Fatalf("a view of %d bytes for %d: the test measures nothing", len(v.buf), len(data))
	}
	kept := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	t.Logf("a view of %d MiB keeps %d MiB", len(v.buf)>>20, kept>>20)
	if kept > 4*int64(len(v.buf)) {
		t.Errorf("a view of %d MiB keeps %d MiB", len(v.buf)>>20, kept>>20)
	}
	// and it maps back as the text says: a plain byte to itself, an escape's bytes to it
	for x := 0; x < len(v.buf); x += 7 {
		s, e := v.origin(x)
		switch {
		case e == s+1 && !v.escIn(x, x+1):
			if c := data[s]; c != v.buf[x] && !(c == '+' && v.buf[x] == ' ') {
				t.Fatalf("view byte %d %q from text byte %d %q", x, v.buf[x], s, c)
			}
		case e == s+3 && v.escIn(x, x+1):
			if data[s] != '%' {
				t.Fatalf("view byte %d %q from %q, not an escape", x, v.buf[x], data[s:e])
			}
		case e == s && v.buf[x] == '\n':
		default:
			t.Fatalf("view byte %d %q from [%d,%d) %q", x, v.buf[x], s, e, data[s:e])
		}
	}
	runtime.KeepAlive(v)
	sc.data = nil
}
