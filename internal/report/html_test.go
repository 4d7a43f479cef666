package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/report/htmltest"
	"github.com/leakwatch/leakwatch/internal/untrusted/untrustedtest"
)

func init() {
	for _, t := range strings.Fields("html head meta title style body header h1 h2 h3 p section div span ul li strong table thead tbody tr th td code footer") {
		allowedTags[t] = true
	}
}

func renderHTML(t *testing.T, r *finding.Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := (&HTML{Options: Options{MaxPerGroup: 5}}).Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var (
	tagRE        = regexp.MustCompile(`<([a-zA-Z][a-zA-Z0-9]*)([^>]*)>`)
	attrRE       = regexp.MustCompile(`\s([a-zA-Z-]+)(?:=("[^"]*"|'[^']*'|[^\s>]*))?`)
	allowedTags  = map[string]bool{}
	allowedAttrs = map[string]bool{"class": true, "lang": true, "charset": true, "name": true, "content": true, "http-equiv": true, "id": true}
	styleRE      = regexp.MustCompile(`(?s)<style>(.*?)</style>`)
	cspRE        = regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]*)">`)
)

// TestHTMLSelfContained: one file, nothing to fetch and nothing to run: no script, no
// link, no source, no URL in the style sheet; a policy that forbids everything but the
// page's own style sheet, allowed by its hash.
func TestHTMLSelfContained(t *testing.T) {
	for name, r := range map[string]*finding.Report{"sample": sampleReport(true), "hostile": hostileReport(true)} {
		page := string(renderHTML(t, r))
		// Every tag is one of the template's, with the template's attributes only.
		for _, tag := range tagRE.FindAllStringSubmatch(page, -1) {
			if !allowedTags[strings.ToLower(tag[1])] {
				t.Errorf("%s: tag %q", name, tag[0])
			}
			for _, a := range attrRE.FindAllStringSubmatch(tag[2], -1) {
				if !allowedAttrs[strings.ToLower(a[1])] {
					t.Errorf("%s: attribute %q in %q", name, a[1], tag[0])
				}
			}
		}
		if css := styleRE.FindStringSubmatch(page); css == nil || strings.Contains(css[1], "url(") || strings.Contains(css[1], "@import") {
			t.Errorf("%s: the style sheet fetches something", name)
		}
		csp := cspRE.FindStringSubmatch(page)
		style := styleRE.FindStringSubmatch(page)
		if csp == nil || style == nil {
			t.Fatalf("%s: no policy or no style sheet", name)
		}
		sum := sha256.Sum256([]byte(style[1]))
		want := "default-src 'none'; style-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
		if !strings.HasPrefix(csp[1], want) {
			t.Errorf("%s: policy %q does not allow exactly the style sheet (want %q…)", name, csp[1], want)
		}
		if strings.Count(page, "<style>") != 1 {
			t.Errorf("%s: more than one style element", name)
		}
	}
}

// TestHTMLRedactsRevealed: the page travels, so a report written with --reveal still
// shows only redacted values.
func TestHTMLRedactsRevealed(t *testing.T) {
	page := string(renderHTML(t, sampleReport(true)))
	for _, raw := range []string{"sk-0123456789abcdef0123456789abcdef", "sk-fedcba9876543210fedcba9876543210", "li.wei12@mail.test"} {
		if strings.Contains(page, raw) {
			t.Errorf("the page holds the raw value %q", raw)
		}
	}
	if !strings.Contains(page, finding.Redact("sk-0123456789abcdef0123456789abcdef")) {
		t.Error("the redacted value is missing")
	}
}

// TestHTMLInChromium is issue 14's HTML report in a real browser: the headline of the
// exposed service is what a person reads first, the style sheet applies under the
// page's own policy, the page loads nothing and runs nothing, and a screenshot shows it.
func TestHTMLInChromium(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "report.html")
	if err := os.WriteFile(path, renderHTML(t, sampleReport(true)), 0o600); err != nil {
		t.Fatal(err)
	}
	p := htmltest.Open(t, path)
	headline := p.Text("#exposed .headline")
	if !strings.Contains(headline, "CRITICAL") || !strings.Contains(headline, "ClickHouse 127.0.0.1:8123 — open to anyone") {
		t.Errorf("first headline: %q", headline)
	}
	if body := p.Text("#exposed"); !strings.Contains(body, "1,050,000 rows of chat logs in default.log_stream from 2025-01-06") ||
		!strings.Contains(body, "1 kind of secret (2 values)") {
		t.Errorf("exposed section: %q", body)
	}
	if data := p.Text("#data"); !strings.Contains(data, "DeepSeek API key") || strings.Contains(data, "0123456789abcdef0123456789abcdef") {
		t.Errorf("data section: %q", data)
	}
	if bg := htmltest.Eval[string](p, `getComputedStyle(document.querySelector('.exposure .badge')).backgroundColor`); bg != "rgb(179, 19, 27)" {
		t.Errorf("the critical badge is %s: the style sheet did not apply under the page's policy", bg)
	}
	if n := htmltest.Eval[int](p, `performance.getEntriesByType('resource').length + document.scripts.length`); n != 0 {
		t.Errorf("the page loaded or holds %d resources or scripts", n)
	}
	img := p.Screenshot(dir, "report.png")
	if n := htmltest.CountNear(img, 0xb3, 0x13, 0x1b); n < 50 {
		t.Errorf("the critical colour covers only %d pixels", n)
	}
}

// TestHTMLHostileInChromium: with every string of the report hostile, the page still
// has no element, script or link of a server's making, and shows the attacks as text.
func TestHTMLHostileInChromium(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "hostile.html")
	if err := os.WriteFile(path, renderHTML(t, hostileReport(true)), 0o600); err != nil {
		t.Fatal(err)
	}
	p := htmltest.Open(t, path)
	if n := htmltest.Eval[int](p, `document.querySelectorAll('script,iframe,img,object,embed,link,a,form,svg,math,[onerror],[onload],[style]').length`); n != 0 {
		t.Errorf("%d elements of a server's making", n)
	}
	if n := htmltest.Eval[int](p, `performance.getEntriesByType('resource').length`); n != 0 {
		t.Errorf("the page loaded %d resources", n)
	}
	if title := htmltest.Eval[string](p, `document.title`); !strings.HasPrefix(title, "leakwatch report") {
		t.Errorf("title %q", title)
	}
	text := p.Text("body")
	if !strings.Contains(text, `\x1b]0;PWNED-TITLE\x07`) || !strings.Contains(text, `<img src=x onerror=alert(1)>`) {
		t.Errorf("the attacks are not shown as text:\n%.2000s", text)
	}
	// What a person reads holds no control, bidi or invisible character of a server's
	// (innerText separates table cells with tabs of its own).
	untrustedtest.Terminal(t, "html text", []byte(strings.ReplaceAll(text, "\t", " ")))
}
