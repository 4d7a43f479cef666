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
