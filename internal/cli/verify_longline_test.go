package cli

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/lab"
)

// TestDetectVerifyPairsAcrossLongLine: a line of more than maxLineSecrets secrets is
// handed to the verifiers in parts, and a pair split between two parts (an AWS key ID
// at the start of the line, its secret key at the end) was lost: the key ID read "no
// AWS secret access key in the same record" though both are on one line. Now a part's
// secrets that pair with values of the line wait (bounded) for the line's end and are
// paired over the whole line; both halves of the pair get the issuer's verdict, asked
// once.
func TestDetectVerifyPairsAcrossLongLine(t *testing.T) {
	var sts atomic.Int32
	withIssuers(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Host != "sts.amazonaws.com" {
			w.WriteHeader(429)
			return
		}
		sts.Add(1)
		w.Write([]byte(`<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/ci</Arn>` +
			`<Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>`))
	})
	s := lab.NewSynth(37)
	id, secret := s.AWSKeyPair()
	var b strings.Builder
	b.WriteString("aws_access_key_id=" + id)
	for i := 0; i < maxLineSecrets+200; i++ {
		b.WriteString(" token=" + s.JWT())
	}
	b.WriteString(" aws_secret_access_key=" + secret + "\n")
	path := filepath.Join(t.TempDir(), "long.env")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCLI(t, "", "detect", "--verify", "--format", "jsonl", path)
	if code != ExitFindings {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	secrets := 0
	got := map[string]finding.Finding{}
	for _, f := range readJSONL(t, stdout) {
		if f.Category == finding.Secret {
			secrets++
		}
		if strings.HasPrefix(f.Rule, "aws-") {
			got[f.Rule] = f
		}
	}
	t.Logf("%d secrets on the line; key ID %s (%s); secret key %s (%s); %d STS requests", secrets,
		got["aws-access-key-id"].Verified, got["aws-access-key-id"].VerifiedReason,
		got["aws-secret-access-key"].Verified, got["aws-secret-access-key"].VerifiedReason, sts.Load())
	if secrets <= maxLineSecrets {
		t.Fatalf("only %d secrets on the line: it is not split", secrets)
	}
	for _, rule := range []string{"aws-access-key-id", "aws-secret-access-key"} {
		if f := got[rule]; f.Verified != finding.VerifiedLive {
			t.Errorf("%s: %q (%s), want live", rule, f.Verified, f.VerifiedReason)
		}
	}
	if n := sts.Load(); n != 1 {
		t.Errorf("%d STS requests, want 1 (the pair once)", n)
	}
}

// TestDetectVerifyLongLineInSortOrder: the secrets of a cut line's earlier parts that
// wait for its last part (an AWS key ID whose secret key is at the line's end) reach the
// findings kept for the report after the rest of the line. That order never shows: with
// --verify every format is written in finding.Sort's order, which ranks a line's
// findings by severity, rule, value and column, so no two of them tie and the order they
// were kept in is lost. This test holds it: the report of such a line is in that order,
// the waiting key ID first (live, so critical) with the whole line's verdict.
func TestDetectVerifyLongLineInSortOrder(t *testing.T) {
	withIssuers(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Host != "sts.amazonaws.com" {
			w.WriteHeader(429)
			return
		}
		w.Write([]byte(`<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/ci</Arn>` +
			`<Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>`))
	})
	s := lab.NewSynth(38)
	id, secret := s.AWSKeyPair()
	var b strings.Builder
	b.WriteString("aws_access_key_id=" + id)
	for i := 0; i < maxLineSecrets+200; i++ {
		b.WriteString(" token=" + s.JWT())
	}
	b.WriteString(" aws_secret_access_key=" + secret + "\n")
	path := filepath.Join(t.TempDir(), "long.env")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCLI(t, "", "detect", "--verify", "--format", "jsonl", path)
	if code != ExitFindings {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	fs := readJSONL(t, stdout)
	if len(fs) <= maxLineSecrets {
		t.Fatalf("only %d findings on the line: it is not split", len(fs))
	}
	for i := 1; i < len(fs); i++ {
		if finding.Compare(&fs[i-1], &fs[i]) >= 0 {
			t.Fatalf("finding %d (%s at column %d) not after finding %d (%s at column %d) in the report's order",
				i, fs[i].Rule, fs[i].Start, i-1, fs[i-1].Rule, fs[i-1].Start)
		}
	}
	if fs[0].Rule != "aws-access-key-id" || fs[0].Verified != finding.VerifiedLive {
		t.Errorf("first finding %s (%q %s), want the key ID, live", fs[0].Rule, fs[0].Verified, fs[0].VerifiedReason)
	}
}
