package report

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// detectShaped is a report as detect writes it: findings in files only, sorted, with
// values, evidence and names that need escaping in every format, some settings (config)
// among them.
func detectShaped(n int, seed uint64, reveal bool) *finding.Report {
	rng := rand.New(rand.NewPCG(seed, 3))
	pick := func(vs ...string) string { return vs[rng.IntN(len(vs))] }
	cats := []finding.Category{finding.Secret, finding.PII, finding.Infrastructure, finding.Config, finding.CredentialHash}
	r := &finding.Report{Tool: "leakwatch", Version: "1.2.3-<x>",
		Started:  time.Date(2026, 12, 7, 3, 0, 0, 0, time.UTC),
		Finished: time.Date(2026, 12, 7, 3, 0, 4, 123456789, time.UTC)}
	for i := range n {
		f := finding.Finding{
			Severity:    finding.Severity(rng.IntN(5)),
			Category:    cats[rng.IntN(len(cats))],
			Rule:        pick("aws-access-key-id", "email", "generic-password", "odd rule <&>"),
			Title:       pick("AWS key", "E-mail address", "Password in <config> & \"quotes\"", "Überschrift 密码"),
			File:        pick("a.env", "dir/b.log", "-", "zip.zip!in/c|d.txt", "ünï\x1b[31m.txt", strings.Repeat("long/", 40)+"x"),
			Line:        1 + rng.IntN(1000),
			Start:       rng.IntN(80),
			TestPath:    rng.IntN(4) == 0,
			Remediation: pick("", "Rotate it.", "Revoke | rotate *now* <b>"),
			Detail:      pick("", "line one\nline two\nthree\nfour\nfive\nsix"),
			Evidence:    pick("", "`x` [link](http://e)"),
			References:  [][]string{nil, {"https://example.com/ref"}}[rng.IntN(2)],
			Count:       rng.IntN(3),
		}
		f.End = f.Start + 10
		v := pick("AKIAIOSFODNN7EXAMPLE", "jane@example.com", "p<a>ss&word|x", "密码"+fmt.Sprint(i), strings.Repeat("v", 300))
		f.SetSecret(v, reveal)
		f.ComputeID()
		r.Findings = append(r.Findings, f)
	}
	finding.Sort(r.Findings)
	return r
}

// streamed is r's findings walked apart.
func streamed(r *finding.Report) *Streamed {
	head := *r
	head.Findings = nil
	s := &Streamed{Report: &head, Findings: SliceFindings(r.Findings)}
	for i := range r.Findings {
		s.Count(&r.Findings[i])
	}
	return s
}

// TestStreamedMatchesWrite: every format writes a detect report byte for byte the same
// whether its findings are held (Write) or walked (WriteStreamed): none, only settings,
// only findings in files, and mixes, with and without raw values.
func TestStreamedMatchesWrite(t *testing.T) {
	var reports []*finding.Report
	for i, n := range []int{0, 1, 2, 7, 60, 400} {
		reports = append(reports, detectShaped(n, uint64(i), i%2 == 1))
	}
	only := func(config bool) *finding.Report {
		r := detectShaped(50, 99, true)
		var keep []finding.Finding
		for _, f := range r.Findings {
			if (f.Category == finding.Config) == config {
				keep = append(keep, f)
			}
		}
		r.Findings = keep
		return r
	}
	reports = append(reports, only(true), only(false))
	noTimes := detectShaped(20, 5, false)
	noTimes.Started, noTimes.Finished = time.Time{}, time.Time{}
	reports = append(reports, noTimes)
	for i, r := range reports {
		if !Streamable(r) {
			t.Fatalf("report %d: not streamable", i)
		}
		for _, format := range Formats() {
			var want, got bytes.Buffer
			if err := Write(&want, format, r); err != nil {
				t.Fatal(err)
			}
			if err := WriteStreamed(&got, format, streamed(r)); err != nil {
				t.Fatalf("report %d, %s: %v", i, format, err)
			}
			if !bytes.Equal(want.Bytes(), got.Bytes()) {
				w, g := want.String(), got.String()
				at := 0
				for at < min(len(w), len(g)) && w[at] == g[at] {
					at++
				}
				t.Errorf("report %d (%d findings), %s: streamed output differs at byte %d of %d/%d:\nwant …%q…\ngot  …%q…",
					i, len(r.Findings), format, at, len(w), len(g), w[max(0, at-80):min(len(w), at+80)], g[max(0, at-80):min(len(g), at+80)])
			}
		}
	}
}

// TestStreamedRefusesOtherReports: a report about services, or a walked finding outside
// a file or verified, is refused rather than written differently.
func TestStreamedRefusesOtherReports(t *testing.T) {
	r := detectShaped(5, 1, false)
	r.Services = []finding.Service{{Host: "h", Port: 1}}
	if Streamable(r) {
		t.Error("a report with services is streamable")
	}
	for _, format := range Formats() {
		r := detectShaped(5, 1, false)
		s := streamed(r)
		bad := append(SliceFindings(nil), r.Findings...)
		bad[3].File = ""
		s.Findings = bad
		if err := WriteStreamed(&bytes.Buffer{}, format, s); err == nil {
			t.Errorf("%s: a finding outside a file was written", format)
		}
		s.Findings = SliceFindings(r.Findings)
		r.Findings[2].Verified = finding.VerifiedLive
		if err := WriteStreamed(&bytes.Buffer{}, format, s); err == nil {
			t.Errorf("%s: a verified finding was written", format)
		}
	}
}

// withVerdicts is r with its secrets judged as detect --verify judges them: live ones
// critical, revoked ones low, the rest not decided, with identities, reasons and
// requests that need escaping.
func withVerdicts(r *finding.Report, seed uint64) *finding.Report {
	rng := rand.New(rand.NewPCG(seed, 7))
	out := *r
	out.Findings = append([]finding.Finding(nil), r.Findings...)
	for i := range out.Findings {
		f := &out.Findings[i]
		if f.Category != finding.Secret {
			continue
		}
		switch rng.IntN(3) {
		case 0:
			f.Verified, f.VerifiedIdentity, f.Severity = finding.VerifiedLive, "arn:aws:iam::1:user/<ci>|*x*", finding.Critical
			f.VerifiedBy, f.VerifiedAt = "POST https://sts.amazonaws.com/", "2026-12-07T03:00:01Z"
		case 1:
			f.Verified, f.VerifiedReason, f.Severity = finding.VerifiedRevoked, "401 [bad](http://e) \x1b[31m", finding.Low
			f.VerifiedBy = fmt.Sprintf("GET https://api.github.com/user%d", rng.IntN(3))
		default:
			f.Verified, f.VerifiedReason = finding.VerifiedUnknown, "no verifier for this kind of secret"
		}
	}
	finding.Sort(out.Findings)
	return &out
}

// TestStreamedVerifiedMatchesWrite: a detect --verify report (verdicts counted in the
// head, listed after the findings, the verification statement) is written byte for
// byte the same whether its findings are held or walked, so --verify can spill them.
func TestStreamedVerifiedMatchesWrite(t *testing.T) {
	var reports []*finding.Report
	for i, n := range []int{1, 7, 60, 400} {
		reports = append(reports, withVerdicts(detectShaped(n, uint64(i+10), i%2 == 0), uint64(i)))
	}
	verified := 0
	for i, r := range reports {
		if !Streamable(r) {
			t.Fatalf("report %d: not streamable", i)
		}
		for _, f := range r.Findings {
			if f.Verified != "" {
				verified++
			}
		}
		for _, format := range Formats() {
			var want, got bytes.Buffer
			if err := Write(&want, format, r); err != nil {
				t.Fatal(err)
			}
			if err := WriteStreamed(&got, format, streamed(r)); err != nil {
				t.Fatalf("report %d, %s: %v", i, format, err)
			}
			if !bytes.Equal(want.Bytes(), got.Bytes()) {
				w, g := want.String(), got.String()
				at := 0
				for at < min(len(w), len(g)) && w[at] == g[at] {
					at++
				}
				t.Errorf("report %d (%d findings), %s: streamed output differs at byte %d of %d/%d:\nwant …%q…\ngot  …%q…",
					i, len(r.Findings), format, at, len(w), len(g), w[max(0, at-80):min(len(w), at+80)], g[max(0, at-80):min(len(g), at+80)])
			}
			if format == "text" && !strings.Contains(want.String(), "VERIFIED WITH THE ISSUER") && i > 0 {
				t.Errorf("report %d: no verdicts listed", i)
			}
		}
	}
	if verified == 0 {
		t.Fatal("no verified findings")
	}
}
