package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/lab"
	"github.com/leakwatch/leakwatch/internal/lab/labtest"
	"github.com/leakwatch/leakwatch/internal/verify"
	"github.com/leakwatch/leakwatch/internal/verify/verifytest"
)

// withIssuers maps every issuer host to a local stand-in for the test (see verifytest);
// the binary has no way to do this.
func withIssuers(t *testing.T, h http.HandlerFunc) *verifytest.Server {
	t.Helper()
	var hosts []string
	for _, v := range verify.All() {
		hosts = append(hosts, v.Hosts...)
	}
	srv := verifytest.New(t, hosts, h)
	setVerifyNetwork(t, &verify.Network{DialContext: srv.DialContext, RootCAs: srv.RootCAs})
	return srv
}

func setVerifyNetwork(t *testing.T, n *verify.Network) {
	old := verifyNetwork
	verifyNetwork = n
	t.Cleanup(func() { verifyNetwork = old })
}

// offline stands in for this machine: no issuer resolves.
func offline(t *testing.T) *int32 {
	var mu sync.Mutex
	var dials int32
	setVerifyNetwork(t, &verify.Network{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		mu.Lock()
		dials++
		mu.Unlock()
		return verifytest.Refuse(ctx, network, addr)
	}})
	return &dials
}

func readJSONL(t *testing.T, s string) []finding.Finding {
	t.Helper()
	var out []finding.Finding
	sc := bufio.NewScanner(strings.NewReader(s))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var f finding.Finding
		if err := json.Unmarshal(sc.Bytes(), &f); err != nil {
			t.Fatalf("%v: %s", err, sc.Text())
		}
		out = append(out, f)
	}
	return out
}

// keysFile writes secrets of several issuers, an AWS pair on one line.
func keysFile(t *testing.T) (path string, keys map[string]string) {
	s := lab.NewSynth(15)
	id, secret := s.AWSKeyPair()
	keys = map[string]string{"aws-id": id, "aws-secret": secret, "github": s.GitHubToken(), "openai": s.OpenAIKey(), "deepseek": s.DeepSeekKey()}
	text := "aws_access_key_id=" + id + " aws_secret_access_key=" + secret + "\n" +
		"GITHUB_TOKEN=" + keys["github"] + "\n" +
		"OPENAI_API_KEY=" + keys["openai"] + "\n" +
		`{"provider":"deepseek","api_key":"` + keys["deepseek"] + `"}` + "\n" +
		"db_password = Winter2025!Secret\n"
	path = filepath.Join(t.TempDir(), "keys.env")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path, keys
}

// detect --verify asks each issuer once (the AWS pair once for both halves) and writes
// each verdict; live keys are critical, revoked ones low.
func TestDetectVerify(t *testing.T) {
	var mu sync.Mutex
	hits := map[string]int{}
	srv := withIssuers(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits[r.Host]++
		mu.Unlock()
		switch r.Host {
		case "sts.amazonaws.com":
			if !strings.HasPrefix(r.Header.Get("Authorization"), "AWS4-HMAC-SHA256 Credential=AKIA") {
				w.WriteHeader(403)
				return
			}
			w.Write([]byte(`<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/ci</Arn>` +
				`<Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>`))
		case "api.github.com":
			w.Header().Set("X-OAuth-Scopes", "repo")
			w.Write([]byte(`{"login":"octocat"}`))
		case "api.openai.com":
			w.WriteHeader(401)
			w.Write([]byte(`{"error":{"code":"invalid_api_key"}}`))
		default:
			w.WriteHeader(429)
		}
	})
	path, keys := keysFile(t)
	code, stdout, stderr := runCLI(t, "", "detect", "--verify", "--format", "jsonl", path)
	if code != ExitFindings {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	byRule := map[string]finding.Finding{}
	for _, f := range readJSONL(t, stdout) {
		byRule[f.Rule] = f
	}
	for rule, want := range map[string]finding.Verified{
		"aws-access-key-id": finding.VerifiedLive, "aws-secret-access-key": finding.VerifiedLive, "github-pat": finding.VerifiedLive,
		"openai-project-key": finding.VerifiedRevoked, "deepseek-api-key": finding.VerifiedUnknown, "password-assignment": finding.VerifiedUnknown,
	} {
		f, ok := byRule[rule]
		if !ok {
			t.Errorf("no %s finding in %v", rule, byRule)
			continue
		}
		if f.Verified != want {
			t.Errorf("%s: verified %q (%s), want %q", rule, f.Verified, f.VerifiedReason, want)
		}
		switch want {
		case finding.VerifiedLive:
			if f.Severity != finding.Critical || f.VerifiedIdentity == "" || f.VerifiedBy == "" {
				t.Errorf("%s: live, yet %s %q %q", rule, f.Severity, f.VerifiedIdentity, f.VerifiedBy)
			}
		case finding.VerifiedRevoked:
			if f.Severity != finding.Low {
				t.Errorf("%s: revoked, yet %s", rule, f.Severity)
			}
		}
	}
	if f := byRule["aws-secret-access-key"]; f.VerifiedIdentity != "arn:aws:iam::123456789012:user/ci" {
		t.Errorf("AWS identity %q", f.VerifiedIdentity)
	}
	if !strings.Contains(byRule["password-assignment"].VerifiedReason, "no verifier") {
		t.Errorf("password: %q", byRule["password-assignment"].VerifiedReason)
	}
	mu.Lock()
	if hits["sts.amazonaws.com"] != 1 || hits["api.github.com"] != 1 || hits["api.openai.com"] != 1 {
		t.Errorf("requests per issuer %v, want one each (the AWS pair once)", hits)
	}
	mu.Unlock()
	for _, d := range srv.Dials() {
		if !strings.HasSuffix(d, ":443") {
			t.Errorf("dialed %s", d)
		}
	}
	for _, k := range keys {
		if strings.Contains(stdout, k) || strings.Contains(stderr, k) {
			t.Errorf("output holds a secret (%s) without --reveal", finding.Redact(k))
		}
	}

	// The text report says LIVE and REVOKED.
	code, stdout, _ = runCLI(t, "", "detect", "--verify", path)
	if code != ExitFindings || !strings.Contains(stdout, "LIVE") || !strings.Contains(stdout, "REVOKED") ||
		!strings.Contains(stdout, "VERIFIED WITH THE ISSUER") {
		t.Errorf("text report, exit %d:\n%s", code, stdout)
	}

	// Without --verify nobody is asked and nothing is called live.
	mu.Lock()
	hits = map[string]int{}
	mu.Unlock()
	_, stdout, _ = runCLI(t, "", "detect", "--format", "jsonl", path)
	if strings.Contains(stdout, `"verified"`) || len(hits) != 0 {
		t.Errorf("verification without --verify: %v\n%s", hits, stdout)
	}
}

// With no network, detect --verify finishes at once, every secret unknown.
func TestDetectVerifyOffline(t *testing.T) {
	dials := offline(t)
	path, _ := keysFile(t)
	start := time.Now()
	code, stdout, stderr := runCLI(t, "", "detect", "--verify", "--format", "jsonl", path)
	took := time.Since(start)
	if code != ExitFindings {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	fs := readJSONL(t, stdout)
	if len(fs) < 5 {
		t.Fatalf("%d findings", len(fs))
	}
	for _, f := range fs {
		if f.Category == finding.Secret && (f.Verified != finding.VerifiedUnknown || f.VerifiedReason == "") {
			t.Errorf("%s: %q %q", f.Rule, f.Verified, f.VerifiedReason)
		}
	}
	if took > 3*time.Second {
		t.Errorf("offline detect --verify took %v", took)
	}
	t.Logf("%d findings, %d dial attempts, %v", len(fs), *dials, took)
}

func TestVerifyFlagErrors(t *testing.T) {
	path, _ := keysFile(t)
	for _, args := range [][]string{
		{"detect", "--no-verify-for", "github", path},
		{"detect", "--verify", "--no-verify-for", "no-such-issuer", path},
		{"detect", "--verify", "--verify-timeout", "0s", path},
		{"scan", "--verify", "--enqueue", "nats://127.0.0.1:1", "127.0.0.1"},
		{"scan", "--verify-rate", "-1", "--verify", "127.0.0.1"},
	} {
		if code, _, stderr := runCLI(t, "", args...); code != ExitError {
			t.Errorf("%v: exit %d, want %d (%s)", args, code, ExitError, stderr)
		}
	}
}

// The tail window hands back a line's text after the stream scanner has read past it,
// across the ring's wrap-around, and nothing once it has left the window.
func TestTailReader(t *testing.T) {
	var in bytes.Buffer
	line := func(i int) string { return strings.Repeat("x", 100) + " line " + string(rune('a'+i%26)) }
	var offsets []int64
	for i := 0; in.Len() < 3*tailWindow; i++ {
		offsets = append(offsets, int64(in.Len()))
		in.WriteString(line(i) + "\n")
	}
	tr := newTailReader(&in)
	buf := make([]byte, 1<<20)
	var read int64
	for i, off := range offsets {
		for read < off+int64(len(line(i)))+1+(4<<20) {
			n, err := tr.Read(buf)
			read += int64(n)
			if err != nil {
				break
			}
		}
		if i%61 != 0 {
			continue
		}
		if got := string(tr.line(off, maxLineText)); got != line(i) {
			t.Fatalf("line %d at %d: %q", i, off, got)
		}
	}
	if got := tr.line(0, 10); got != nil {
		t.Errorf("line 0 after %d bytes: %q, want nothing", tr.total, got)
	}
	if got := tr.line(offsets[len(offsets)-1], 10); string(got) != "xxxxxxxxxx" {
		t.Errorf("limit: %q", got)
	}
}

// The lab scan with --verify on a machine without network: every planted key is
// unknown, and verification does not hold the scan.
func TestScanLabVerifyOffline(t *testing.T) {
	open := labtest.ClickHouseOpen(t)
	dials := offline(t)
	args := append([]string{"scan", "--verify", "--format", "json", "--no-progress", "--no-security-txt"}, open.Addrs()...)
	start := time.Now()
	code, stdout, stderr := runCLI(t, "", args...)
	took := time.Since(start)
	if code != ExitFindings {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var rep finding.Report
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	secrets := 0
	kinds := map[string]bool{}
	for _, f := range rep.Findings {
		if f.Category != finding.Secret {
			continue
		}
		secrets++
		kinds[f.Rule] = true
		if f.Verified != finding.VerifiedUnknown || f.VerifiedReason == "" {
			t.Errorf("%s %s: %q %q", f.Rule, f.Redacted, f.Verified, f.VerifiedReason)
		}
	}
	for _, k := range []string{"openai-project-key", "anthropic-api-key", "aws-access-key-id", "github-pat"} {
		if !kinds[k] {
			t.Errorf("no %s finding among %v", k, kinds)
		}
	}
	if took > 20*time.Second {
		t.Errorf("scan --verify took %v", took)
	}
	t.Logf("%d secret findings, all unknown; %d dial attempts; scan --verify took %v", secrets, *dials, took)
}

// The lab scan with --verify against stand-in issuers: the planted GitHub tokens are
// reported LIVE (their stand-in accepts them) and only issuers' hosts are dialled.
func TestScanLabVerifyLive(t *testing.T) {
	open := labtest.ClickHouseOpen(t)
	srv := withIssuers(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Host == "api.github.com" {
			w.Write([]byte(`{"login":"lab-user"}`))
			return
		}
		w.WriteHeader(401)
	})
	args := append([]string{"scan", "--verify", "--no-progress", "--no-security-txt", "--no-color"}, open.Addrs()...)
	code, stdout, stderr := runCLI(t, "", args...)
	if code != ExitFindings {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "LIVE ghp_") || !strings.Contains(stdout, "user lab-user") || !strings.Contains(stdout, "REVOKED") {
		t.Errorf("text report:\n%s", stdout)
	}
	for _, d := range srv.Dials() {
		host, _, _ := net.SplitHostPort(d)
		if !isIssuerHost(host) {
			t.Errorf("dialed %s", d)
		}
	}
}

func isIssuerHost(h string) bool {
	for _, v := range verify.All() {
		for _, x := range v.Hosts {
			if x == h {
				return true
			}
		}
	}
	return false
}
