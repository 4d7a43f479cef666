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
