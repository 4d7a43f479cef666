package disclose

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/untrusted/untrustedtest"
)

const rawKey = "sk-proj-RAWSECRETVALUE0123456789abcdefABCDEF"

// noticeReport is a scan of two hosts: an open ClickHouse (two ports, one server) with a
// chat table and secrets on 81.2.69.160, and a protected one elsewhere. It was written
// with --reveal, and a prober quoted a raw value in its evidence.
func noticeReport() *finding.Report {
	t0 := time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)
	r := &finding.Report{Tool: "leakwatch", Version: "test", Started: t0, Finished: t0.Add(42 * time.Second),
		Services: []finding.Service{
			{Host: "81.2.69.160", Hostname: "db.example.net", Port: 8123, Protocol: "clickhouse-http", Product: "clickhouse", Name: "ClickHouse",
				Auth: finding.AuthNone, User: "default", Status: finding.StatusOpen,
				Datasets: []finding.Dataset{{Database: "default", Table: "log_stream", Kind: "table", Rows: 1100000, Sampled: 20,
					Classes: []string{"chat", "secrets"}, TimeRange: &finding.TimeRange{Column: "timestamp", Min: "2025-01-06 00:00:00", Max: "2025-02-19 10:00:00"}}}},
			{Host: "81.2.69.160", Hostname: "db.example.net", Port: 9000, Protocol: "clickhouse-native", Product: "clickhouse",
				Auth: finding.AuthNone, SameAs: "81.2.69.160:8123"},
			{Host: "10.9.9.9", Port: 8123, Protocol: "clickhouse-http", Product: "clickhouse", Auth: finding.AuthRequired},
		},
		Contacts: []finding.Contact{{Host: "db.example.net", URL: "https://db.example.net/.well-known/security.txt",
			Contact: []string{"mailto:security@example.net"}}},
	}
	base := finding.Finding{Host: "81.2.69.160", Port: 8123, Protocol: "clickhouse-http"}
	exp := base
	exp.Category, exp.Severity, exp.Rule = finding.Exposure, finding.Critical, "clickhouse-no-auth"
	exp.Title = "ClickHouse answers without a password and holds 1 kind of secret and chat transcripts"
	exp.Remediation = "Give the default user a strong password."
	exp.Evidence = "a prober quoted " + rawKey
	sec := base
	sec.Database, sec.Table, sec.Column = "default", "log_stream", "string_tags"
	sec.Category, sec.Severity, sec.Rule, sec.Title = finding.Secret, finding.Critical, "openai-project-key", "OpenAI project API key"
	sec.Remediation = "Revoke the key at platform.openai.com."
	sec.SetSecret(rawKey, true)
	chat := base
	chat.Database, chat.Table, chat.Column = "default", "log_stream", "string_tags"
	chat.Category, chat.Severity, chat.Rule, chat.Title = finding.Chat, finding.High, "chat-transcript", "Chat transcripts stored in plain text"
	other := finding.Finding{Host: "10.9.9.9", Port: 8123, Category: finding.Config, Severity: finding.Low, Rule: "x", Title: "other host"}
	r.Findings = []finding.Finding{exp, sec, chat, other}
	finding.Sort(r.Findings)
	return r
}

func writeBoth(t *testing.T, n *Notice) (md, txt string) {
	t.Helper()
	var a, b bytes.Buffer
	if err := n.WriteMarkdown(&a); err != nil {
		t.Fatal(err)
	}
	if err := n.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	return a.String(), b.String()
}

// TestNoticeContents: the notice names what is exposed (table, rows, time range, chat,
// the kind of secret, redacted), how it was observed, the fix, and whom to send it to
// (security.txt from the report, the RDAP abuse contact of the address) — and holds no
// raw value, though the report was written with --reveal and a prober quoted one.
func TestNoticeContents(t *testing.T) {
	f := newFakeRegistries(t, func(host, path string, w http.ResponseWriter) {
		if host != "rdap.arin.net" {
			w.WriteHeader(http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", "application/rdap+json")
		fmt.Fprint(w, ripeAnswer)
	})
	r := noticeReport()
	n, err := BuildNotice(context.Background(), r, NoticeOptions{Host: "81.2.69.160", RDAP: true, RDAPOptions: f.opts})
	if err != nil {
		t.Fatal(err)
	}
	md, txt := writeBoth(t, n)
	for name, out := range map[string]string{"markdown": md, "text": txt} {
		flat := strings.Join(strings.Fields(out), " ")
		for _, want := range []string{
			"ClickHouse at 81.2.69.160", "(also 9000)", "default.log_stream", "1,100,000 rows", "from 2025-01-06 00:00:00 to 2025-02-19 10:00:00",
			"rows of chat logs in default.log_stream", "OpenAI project API key", finding.Redact(rawKey),
			"2026-03-02 09:30:00 to 2026-03-02 09:30:42 (UTC)", "read-only", "Give the default user a strong password",
			"Revoke and replace every credential", "security@example", "abuse@example", "RDAP abuse contact of 81.2.69.160",
			"No secret was tried against its issuer",
		} {
			if !strings.Contains(flat, want) && !strings.Contains(flat, strings.ReplaceAll(want, "@", `\@`)) {
				t.Errorf("%s notice lacks %q", name, want)
			}
		}
		if strings.Contains(out, rawKey) || strings.Contains(out, rawKey[8:30]) {
			t.Errorf("%s notice holds the raw secret", name)
		}
		if strings.Contains(out, "other host") || strings.Contains(out, "10.9.9.9") {
			t.Errorf("%s notice tells about another host", name)
		}
	}
	for _, l := range strings.Split(txt, "\n") {
		if len([]rune(l)) > textWidth && !strings.Contains(l, "https://") {
			t.Errorf("text line of %d runes: %q", len([]rune(l)), l)
		}
	}
	if len(n.To) != 2 || n.To[0].Address != "mailto:security@example.net" || n.To[1].Address != "abuse@example.net" {
		t.Errorf("recipients %+v", n.To)
	}
	// The report itself was not changed.
	if r.Findings[0].Value == "" && r.Findings[1].Value == "" {
		t.Error("BuildNotice changed the report")
	}
}

// TestNoticeNoContact: with no security.txt and RDAP refused or unknowing, the notice
// says "no contact found" and lists the places tried.
func TestNoticeNoContact(t *testing.T) {
	r := noticeReport()
	r.Contacts = nil
	for _, h := range []string{"81.2.69.160", "db.example.net", "db.example.net:8123"} {
		n, err := BuildNotice(context.Background(), r, NoticeOptions{Host: h, RDAP: false})
		if err != nil {
			t.Fatalf("%s: %v", h, err)
		}
		md, _ := writeBoth(t, n)
		flat := strings.Join(strings.Fields(md), " ")
		for _, want := range []string{"no contact found", "security.txt of db.example.net: not looked up by the scan", "RDAP abuse contact of 81.2.69.160: not asked (--no-rdap)"} {
			if !strings.Contains(flat, want) {
				t.Errorf("%s: notice lacks %q:\n%s", h, want, md)
			}
		}
	}
	// Loopback: no registry is asked (and none could know it).
	r.Services[0].Host, r.Services[0].Hostname = "127.0.0.1", ""
	r.Services[1].Host, r.Services[1].Hostname, r.Services[1].SameAs = "127.0.0.1", "", "127.0.0.1:8123"
	for i := range r.Findings {
		if r.Findings[i].Host == "81.2.69.160" {
			r.Findings[i].Host = "127.0.0.1"
		}
	}
	n, err := BuildNotice(context.Background(), r, NoticeOptions{Host: "127.0.0.1", RDAP: true})
	if err != nil {
		t.Fatal(err)
	}
	md, _ := writeBoth(t, n)
	if flat := strings.Join(strings.Fields(md), " "); !strings.Contains(flat, "RDAP abuse contact of 127.0.0.1: a loopback address: no public registry knows it") ||
		!strings.Contains(flat, "security.txt: not looked up, since the scan was given addresses") {
		t.Errorf("loopback notice:\n%s", md)
	}
}

func TestNoticeUnknownHost(t *testing.T) {
	_, err := BuildNotice(context.Background(), noticeReport(), NoticeOptions{Host: "192.0.2.1"})
	if !errors.Is(err, ErrNoService) || !strings.Contains(err.Error(), "db.example.net") {
		t.Errorf("err = %v", err)
	}
	// A host whose services are all protected has nothing to disclose.
	if _, err := BuildNotice(context.Background(), noticeReport(), NoticeOptions{Host: "10.9.9.9"}); !errors.Is(err, ErrNoService) {
		t.Errorf("protected host: err = %v", err)
	}
}

// TestNoticeHostile: with every string of the report hostile, the markdown notice forms
// no link, image, HTML or code span, the text notice holds no control, bidi or invisible
// character, and neither forges a line.
func TestNoticeHostile(t *testing.T) {
	r := noticeReport()
	untrustedtest.Fill(r, func(path string) string { return path + " " + untrustedtest.Attack })
	// Keep what selects and classifies services and findings.
	r.Services[0].Host, r.Services[0].Auth, r.Services[0].SameAs = "81.2.69.160", finding.AuthNone, ""
	r.Services[1].Host, r.Services[1].Auth, r.Services[1].SameAs = "81.2.69.160", finding.AuthNone, "81.2.69.160:8123"
	for i := range r.Findings {
		r.Findings[i].Host = "81.2.69.160"
		r.Findings[i].Category = []finding.Category{finding.Exposure, finding.Secret, finding.Chat, finding.Capability}[i%4]
		r.Findings[i].File = ""
	}
	n, err := BuildNotice(context.Background(), r, NoticeOptions{Host: "81.2.69.160"})
	if err != nil {
		t.Fatal(err)
	}
	md, txt := writeBoth(t, n)
	untrustedtest.Markdown(t, "markdown notice", []byte(md), func(string) bool { return false })
	untrustedtest.Terminal(t, "text notice", []byte(txt))
	if !strings.Contains(txt, `\x1b]0;PWNED-TITLE\x07`) {
		t.Error("the attack is not shown visibly")
	}
}

// TestNoticeVerified: with --verify verdicts in the report, the notice says what the
// issuers said (live only of what an issuer accepted) instead of "not verified".
func TestNoticeVerified(t *testing.T) {
	r := noticeReport()
	for i := range r.Findings {
		if r.Findings[i].Category == finding.Secret {
			r.Findings[i].Verified, r.Findings[i].VerifiedBy = finding.VerifiedLive, "GET https://api.openai.com/v1/models"
		}
	}
	n, err := BuildNotice(context.Background(), r, NoticeOptions{Host: "81.2.69.160"})
	if err != nil {
		t.Fatal(err)
	}
	_, txt := writeBoth(t, n)
	flat := strings.Join(strings.Fields(txt), " ")
	for _, want := range []string{"What was verified: Of the 1 secret found, 1 was checked", "1 live", "live: OpenAI project API key " + finding.Redact(rawKey)} {
		if !strings.Contains(flat, want) {
			t.Errorf("notice lacks %q:\n%s", want, txt)
		}
	}
	if strings.Contains(flat, "No secret was tried") || strings.Contains(txt, rawKey) {
		t.Errorf("notice:\n%s", txt)
	}
}
