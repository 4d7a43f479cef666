package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/untrusted/untrustedtest"
)

// Ports that are not data stores are listed in the text report with what they said
// escaped — a banner is the server's to choose — and kept exact in JSON.
func TestOthersText(t *testing.T) {
	hostile := "\x1b[2J\x1b]0;pwned\x07RTL\u202eevil \xff\\x41\r\nnext"
	r := &finding.Report{Others: []finding.Other{
		{Host: "10.0.0.1", Port: 22, Service: "ssh", Version: "OpenSSH_9.2p1"},
		{Host: "10.0.0.2", Port: 7777, Service: "unknown", Banner: hostile},
		{Host: "10.0.0.3", Port: 443, Service: "http", TLS: true, Version: "nginx\x1b[31m"},
		{Host: "10.0.0.4", Port: 81, Service: "unknown", Details: map[string]string{"reason": "silent: no banner"}},
	}}
	var out bytes.Buffer
	if err := (&Text{}).Write(&out, r); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	t.Log(s)
	for _, want := range []string{"OTHER OPEN PORTS (4: 2 unknown, 1 http, 1 ssh)", "10.0.0.1:22 ssh OpenSSH_9.2p1",
		`10.0.0.2:7777 unknown said "\x1b[2J\x1b]0;pwned\x07RTL\u202eevil \xff\x41\r\nnext"`,
		`10.0.0.3:443 http (TLS) nginx\x1b[31m`, "10.0.0.4:81 unknown — silent: no banner"} {
		if !strings.Contains(s, want) {
			t.Errorf("text report lacks %q", want)
		}
	}
	if strings.ContainsAny(s, "\x1b\x07\u202e\xff") {
		t.Errorf("raw control bytes reached the text report: %q", s)
	}

	var js bytes.Buffer
	if err := (JSON{}).Write(&js, r); err != nil {
		t.Fatal(err)
	}
	var back finding.Report
	if err := json.Unmarshal(js.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if got := back.Others[1].Banner; got != strings.ToValidUTF8(hostile, "\uFFFD") {
		t.Errorf("JSON banner %q", got)
	}
}

// Past maxOthersListed the text report counts instead of listing.
func TestOthersTextBounded(t *testing.T) {
	r := &finding.Report{}
	for i := range maxOthersListed + 7 {
		r.Others = append(r.Others, finding.Other{Host: "10.0.0.1", Port: 1000 + i, Service: "http"})
	}
	var out bytes.Buffer
	if err := (&Text{}).Write(&out, r); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "… and 7 more") || strings.Contains(out.String(), fmt.Sprintf(":%d ", 1000+maxOthersListed)) {
		t.Fatalf("not bounded:\n%s", out.String())
	}
}

// Every string of a named port hostile: the text report shows it visibly and writes
// nothing a terminal would act on.
func TestOthersHostile(t *testing.T) {
	r := &finding.Report{Others: []finding.Other{{Service: "unknown", Details: map[string]string{"reason": "x", "looked_like": "y"}},
		{Service: "http", TLS: true}}}
	untrustedtest.Fill(r, func(path string) string { return path + " " + untrustedtest.Attack })
	var buf bytes.Buffer
	if err := (&Text{Options: Options{Color: true}}).Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	untrustedtest.Terminal(t, "text", buf.Bytes())
	if !strings.Contains(buf.String(), `\x1b]0;PWNED-TITLE\x07`) {
		t.Errorf("the attack is not shown visibly:\n%s", buf.String())
	}
}

// Markdown and HTML list the same ports as the text report (bounded the same way),
// with a server's words escaped for each: no link, image, HTML or code span forms in
// markdown, no element in HTML, and no terminal control in either.
func TestOthersMarkdownAndHTML(t *testing.T) {
	r := &finding.Report{Others: []finding.Other{
		{Host: "10.0.0.1", Port: 22, Service: "ssh", Version: "OpenSSH_9.2p1"},
		{Host: "10.0.0.2", Port: 7777, Service: "unknown", Details: map[string]string{"reason": "x", "looked_like": "y"}},
		{Host: "10.0.0.3", Port: 443, Service: "http", TLS: true},
	}}
	untrustedtest.Fill(&r.Others[1], func(path string) string { return path + " " + untrustedtest.Attack })
	r.Others[1].Host, r.Others[1].Port = "10.0.0.2", 7777
	for i := range maxOthersListed + 3 {
		r.Others = append(r.Others, finding.Other{Host: "10.0.1.1", Port: 2000 + i, Service: "http"})
	}

	var md bytes.Buffer
	if err := (&Markdown{}).Write(&md, r); err != nil {
		t.Fatal(err)
	}
	untrustedtest.Markdown(t, "markdown", md.Bytes(), func(code string) bool { return code == "--format json" })
	s := md.String()
	for _, want := range []string{"## Other open ports", "- 10.0.0.1:22 ssh OpenSSH_9.2p1", "10.0.0.3:443 http (TLS)", "… and 6 more"} {
		if !strings.Contains(s, want) {
			t.Errorf("markdown lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, fmt.Sprintf(":%d ", 2000+maxOthersListed)) {
		t.Errorf("markdown lists past the bound")
	}

	var page bytes.Buffer
	if err := (&HTML{}).Write(&page, r); err != nil {
		t.Fatal(err)
	}
	h := page.String()
	untrustedtest.Terminal(t, "html", page.Bytes())
	for _, want := range []string{`<section id="others">`, "10.0.0.1:22 ssh OpenSSH_9.2p1", "… and 6 more"} {
		if !strings.Contains(h, want) {
			t.Errorf("html lacks %q", want)
		}
	}
	if strings.Contains(h, "<"+"script") || strings.Contains(h, "<img") {
		t.Errorf("markup from a server reached the page")
	}
}
