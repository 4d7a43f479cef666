package verify

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/verify/verifytest"
)

func secretFinding(rule, value string) finding.Finding {
	f := finding.Finding{Category: finding.Secret, Severity: finding.High, Rule: rule}
	f.SetSecret(value, false)
	return f
}

// A redirect to another host is not followed: the secret never reaches it, and the
// verdict is unknown.
func TestRedirectOffIssuerHostNotFollowed(t *testing.T) {
	is := newIssuers(t)
	is.answer(reply{302, map[string]string{"Location": "https://evil.example/collect"}, ``})
	tok := fake("ghp_", 36, alnum)
	f := verifyOne(t, is.runner(t, nil), "github-pat", tok, "", nil)
	if f.Verified != finding.VerifiedUnknown || !strings.Contains(f.VerifiedReason, "not followed") ||
		!strings.Contains(f.VerifiedReason, "evil.example") {
		t.Errorf("verdict %s (%s), want unknown: redirect not followed", f.Verified, f.VerifiedReason)
	}
	for _, r := range is.requests() {
		if r.host != "api.github.com" {
			t.Errorf("request reached %s", r.host)
		}
	}
	for _, d := range is.dialed() {
		if !strings.HasPrefix(d, "api.github.com:") {
			t.Errorf("dialed %s", d)
		}
	}
	if n := len(is.requests()); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}

	// Even a redirect to http:// on the same host is not followed.
	is.reset()
	is.answer(reply{301, map[string]string{"Location": "http://api.github.com/user"}, ``})
	f = verifyOne(t, is.runner(t, nil), "github-pat", tok, "", nil)
	if f.Verified != finding.VerifiedUnknown || len(is.requests()) != 1 {
		t.Errorf("plain-HTTP redirect: %s (%s), %d requests", f.Verified, f.VerifiedReason, len(is.requests()))
	}
}

// A redirect on the issuer's own host over HTTPS is followed.
func TestRedirectOnIssuerHostFollowed(t *testing.T) {
	is := newIssuers(t)
	is.mu.Lock()
	is.respond = func(r *http.Request, n int) reply {
		if r.URL.Path == "/user" {
			return reply{307, map[string]string{"Location": "https://api.github.com/user2"}, ``}
		}
		return reply{200, nil, `{"login":"octocat"}`}
	}
	is.mu.Unlock()
	f := verifyOne(t, is.runner(t, nil), "github-pat", fake("ghp_", 36, alnum), "", nil)
	if f.Verified != finding.VerifiedLive {
		t.Errorf("verdict %s (%s), want live after a same-host redirect", f.Verified, f.VerifiedReason)
	}
}

// The secret (and its paired secret) never appears in logs, even in error texts that
// net/http builds from a URL holding the secret.
func TestSecretNeverLogged(t *testing.T) {
	is := newIssuers(t)
	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	var secrets []string
	for _, tc := range cases() {
		secrets = append(secrets, tc.value)
		for _, sc := range []reply{tc.live, tc.revoked, tc.limited} {
			is.reset()
			is.answer(sc)
			f := verifyOne(t, is.runner(t, func(c *Config) { c.Logger = logger }), tc.rule, tc.value, tc.record, tc.found)
			for _, s := range []string{f.VerifiedBy, f.VerifiedReason, f.VerifiedIdentity} {
				if strings.Contains(s, tc.value) {
					t.Errorf("%s: verdict holds the secret: %q", tc.rule, s)
				}
			}
		}
	}
	secrets = append(secrets, awsSecretKey, twilioToken, discordHook)

	// Failures: the dialer refuses Telegram (whose URL holds the token) and times out
	// the others.
	tg := "987654321:AA" + fake("", 33, urlb64)
	secrets = append(secrets, tg)
	r, err := New(Config{Logger: logger, Rate: 1000, Timeout: 300 * time.Millisecond, Network: &Network{
		DialContext: func(ctx context.Context, _, addr string) (net.Conn, error) {
			if strings.HasPrefix(addr, "api.telegram.org") {
				return nil, errors.New("connect: connection refused")
			}
			<-ctx.Done()
			return nil, ctx.Err()
		}}})
	if err != nil {
		t.Fatal(err)
	}
	f := verifyOne(t, r, "telegram-bot-token", tg, "", nil)
	if f.Verified != finding.VerifiedUnknown || strings.Contains(f.VerifiedReason, tg) || !strings.Contains(f.VerifiedReason, "refused") {
		t.Errorf("telegram failure: %s %q", f.Verified, f.VerifiedReason)
	}
	f = verifyOne(t, r, "github-pat", fake("ghp_", 36, "x"), "", nil)
	if f.Verified != finding.VerifiedUnknown || !strings.Contains(f.VerifiedReason, "timed out") {
		t.Errorf("github timeout: %s %q", f.Verified, f.VerifiedReason)
	}

	out := logs.String()
	if !strings.Contains(out, `"verify request"`) || !strings.Contains(out, "api.telegram.org/bot<token>/getMe") {
		t.Fatalf("requests are not logged:\n%s", out)
	}
	for _, s := range secrets {
		if strings.Contains(out, s) {
			t.Errorf("log holds secret %s", finding.Redact(s))
		}
	}
}

// With no network (every dial fails at once), a batch of secrets of every issuer ends
// fast, every one unknown, after a few dial attempts rather than one per secret.
func TestOfflineFailsFast(t *testing.T) {
	var dials atomic.Int32
	r, err := New(Config{Network: &Network{DialContext: func(ctx context.Context, _, addr string) (net.Conn, error) {
		dials.Add(1)
		return verifytest.Refuse(ctx, "tcp", addr)
	}}})
	if err != nil {
		t.Fatal(err)
	}
	var fs []finding.Finding
	b := r.NewBatch()
	for _, tc := range cases() {
		fs = append(fs, secretFinding(tc.rule, tc.value))
		b.Add(len(fs)-1, tc.rule, tc.value, &Record{Text: []string{tc.record}, Found: tc.found})
	}
	start := time.Now()
	b.Apply(context.Background(), fs)
	took := time.Since(start)
	for _, f := range fs {
		if f.Verified != finding.VerifiedUnknown || f.VerifiedReason == "" {
			t.Errorf("%s: %s %q", f.Rule, f.Verified, f.VerifiedReason)
		}
	}
	// Up to `parallel` requests may be dialling when the third failure turns the runner
	// offline.
	if n := dials.Load(); n > offlineAfter+parallel {
		t.Errorf("%d dial attempts for %d secrets; want at most %d", n, len(fs), offlineAfter+parallel)
	}
	if took > 2*time.Second {
		t.Errorf("offline batch took %v", took)
	}
	offline := 0
	for _, f := range fs {
		if strings.Contains(f.VerifiedReason, "no issuer reachable") {
			offline++
		}
	}
	if offline < len(fs)/2 {
		t.Errorf("only %d of %d secrets answered by the offline shortcut", offline, len(fs))
	}
	t.Logf("%d secrets, %d dial attempts, %v", len(fs), dials.Load(), took)
}

// A network that swallows packets (every dial hangs) costs a few timeouts, not one per
// secret: no retries hold the caller.
func TestBlackholeBoundedByTimeouts(t *testing.T) {
	var dials atomic.Int32
	r, err := New(Config{Timeout: 300 * time.Millisecond, Network: &Network{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
		dials.Add(1)
		<-ctx.Done()
		return nil, ctx.Err()
	}}})
	if err != nil {
		t.Fatal(err)
	}
	var fs []finding.Finding
	b := r.NewBatch()
	for _, tc := range cases() {
		fs = append(fs, secretFinding(tc.rule, tc.value))
		b.Add(len(fs)-1, tc.rule, tc.value, &Record{Text: []string{tc.record}, Found: tc.found})
	}
	start := time.Now()
	b.Apply(context.Background(), fs)
	took := time.Since(start)
	for _, f := range fs {
		if f.Verified != finding.VerifiedUnknown {
			t.Errorf("%s: %s", f.Rule, f.Verified)
		}
	}
	if took > 3*time.Second {
		t.Errorf("black-holed batch of %d took %v (timeout 300ms)", len(fs), took)
	}
	t.Logf("%d secrets, %d dial attempts, %v", len(fs), dials.Load(), took)
}

func TestTimeout(t *testing.T) {
	is := newIssuers(t)
	is.delay = 3 * time.Second
	is.answer(reply{200, nil, `{"login":"octocat"}`})
	start := time.Now()
	f := verifyOne(t, is.runner(t, func(c *Config) { c.Timeout = 200 * time.Millisecond }), "github-pat", fake("ghp_", 36, alnum), "", nil)
	if f.Verified != finding.VerifiedUnknown || !strings.Contains(f.VerifiedReason, "timed out") {
		t.Errorf("%s %q, want unknown: timed out", f.Verified, f.VerifiedReason)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v with a 200ms timeout", d)
	}
}

// The global rate limit spaces requests out.
func TestGlobalRateLimit(t *testing.T) {
	is := newIssuers(t)
	is.answer(reply{200, nil, `{"login":"octocat"}`})
	r := is.runner(t, func(c *Config) { c.Rate = 4 }) // burst 4, then one every 250ms
	var fs []finding.Finding
	b := r.NewBatch()
	for i := range 8 {
		v := fake(fmt.Sprintf("ghp_%d", i), 35, alnum)
		fs = append(fs, secretFinding("github-pat", v))
		b.Add(i, "github-pat", v, nil)
	}
	start := time.Now()
	b.Apply(context.Background(), fs)
	if d := time.Since(start); d < 800*time.Millisecond {
		t.Errorf("8 requests at 4/s (burst 4) took %v, want about 1s", d)
	}
	if n := len(is.requests()); n != 8 {
		t.Errorf("%d requests, want 8", n)
	}
}

// At most two requests are in flight to one issuer.
func TestPerIssuerConcurrency(t *testing.T) {
	is := newIssuers(t)
	is.delay = 100 * time.Millisecond
	is.answer(reply{200, nil, `{"login":"octocat"}`})
	r := is.runner(t, nil)
	var fs []finding.Finding
	b := r.NewBatch()
	for i := range 10 {
		v := fake(fmt.Sprintf("ghp_%d", i), 35, alnum)
		fs = append(fs, secretFinding("github-pat", v))
		b.Add(i, "github-pat", v, nil)
	}
	b.Apply(context.Background(), fs)
	is.mu.Lock()
	peak := is.peak["api.github.com"]
	is.mu.Unlock()
	if peak < 1 || peak > 2 {
		t.Errorf("peak of %d requests in flight to one issuer, want 1–2", peak)
	}
}

// Each distinct secret is asked about once per run, however many findings hold it; the
// two halves of an AWS key pair share one request.
func TestEachSecretAskedOnce(t *testing.T) {
	is := newIssuers(t)
	is.answer(reply{200, nil, `{"login":"octocat"}`})
	r := is.runner(t, nil)
	tok := fake("ghp_", 36, alnum)
	for range 2 {
		fs := []finding.Finding{secretFinding("github-pat", tok), secretFinding("github-pat", tok), secretFinding("github-pat", tok)}
		b := r.NewBatch()
		for i := range fs {
			b.Add(i, "github-pat", tok, nil)
		}
		b.Apply(context.Background(), fs)
		for _, f := range fs {
			if f.Verified != finding.VerifiedLive {
				t.Errorf("verdict %s", f.Verified)
			}
		}
	}
	if n := len(is.requests()); n != 1 {
		t.Errorf("%d requests for one secret, want 1", n)
	}

	is.reset()
	is.answer(cases()[indexOf("aws")].live)
	rec := &Record{Text: []string{"AccessKeyId,SecretAccessKey\n" + awsKeyID + "," + awsSecretKey},
		Found: []Found{{ruleAWSKeyID, awsKeyID}, {ruleAWSSecret, awsSecretKey}}}
	fs := []finding.Finding{secretFinding(ruleAWSKeyID, awsKeyID), secretFinding(ruleAWSSecret, awsSecretKey)}
	b := is.runner(t, nil).NewBatch()
	b.Add(0, ruleAWSKeyID, awsKeyID, rec)
	b.Add(1, ruleAWSSecret, awsSecretKey, rec)
	b.Apply(context.Background(), fs)
	for _, f := range fs {
		if f.Verified != finding.VerifiedLive || !strings.HasPrefix(f.VerifiedIdentity, "arn:aws:iam::") {
			t.Errorf("%s: %s %q", f.Rule, f.Verified, f.VerifiedIdentity)
		}
	}
	if n := len(is.requests()); n != 1 {
		t.Errorf("%d requests for one key pair, want 1", n)
	}
}

func indexOf(id string) int {
	for i, c := range cases() {
		if c.id == id {
			return i
		}
	}
	return -1
}

// A temporary key is signed with its session token; without one it is not asked.
func TestAWSTemporaryKey(t *testing.T) {
	is := newIssuers(t)
	is.answer(cases()[indexOf("aws")].live)
	id := fake("ASIA", 16, upper)
	session := "IQoJb3JpZ2luX2VjE" + fake("", 200, alnum)
	rec := &Record{Found: []Found{{ruleAWSTempKeyID, id}, {ruleAWSSecret, awsSecretKey}, {ruleAWSSession, session}}}
	fs := []finding.Finding{secretFinding(ruleAWSTempKeyID, id)}
	b := is.runner(t, nil).NewBatch()
	b.Add(0, ruleAWSTempKeyID, id, rec)
	b.Apply(context.Background(), fs)
	if fs[0].Verified != finding.VerifiedLive {
		t.Fatalf("%s %q", fs[0].Verified, fs[0].VerifiedReason)
	}
	checkSigV4(t, is.requests()[0], id, awsSecretKey, session)

	is.reset()
	rec.Found = rec.Found[:2]
	fs = []finding.Finding{secretFinding(ruleAWSTempKeyID, id)}
	b = is.runner(t, nil).NewBatch()
	b.Add(0, ruleAWSTempKeyID, id, rec)
	b.Apply(context.Background(), fs)
	if fs[0].Verified != finding.VerifiedUnknown || !strings.Contains(fs[0].VerifiedReason, "session token") || len(is.requests()) != 0 {
		t.Errorf("without a session token: %s %q, %d requests", fs[0].Verified, fs[0].VerifiedReason, len(is.requests()))
	}
}

// Paired values come from the same record only; missing or ambiguous pairs are not asked.
func TestPairing(t *testing.T) {
	is := newIssuers(t)
	is.answer(reply{200, nil, `{}`})
	r := is.runner(t, nil)
	for _, tc := range []struct {
		name, rule, value, text string
		found                   []Found
		reason                  string
	}{
		{"aws secret alone", ruleAWSSecret, awsSecretKey, "aws_secret_access_key=" + awsSecretKey, nil, "no AWS access key ID"},
		{"aws key id alone", ruleAWSKeyID, awsKeyID, "id=" + awsKeyID, nil, "no AWS secret access key"},
		{"two key ids", ruleAWSSecret, awsSecretKey, awsKeyID + " " + fake("AKIA", 16, "QRSTUV"), nil, "several AWS access key IDs"},
		{"twilio without sid", "twilio-auth-token", twilioToken, "TWILIO_AUTH_TOKEN=" + twilioToken, nil, "no Twilio account SID"},
		{"docker without user", "dockerhub-pat", fake("dckr_pat_", 27, urlb64), "TOKEN=x", nil, "no Docker Hub user name"},
		{"cloudflare global without e-mail", "cloudflare-global-api-key", fake("", 37, hexd), "CF_API_KEY=x", nil, "no e-mail address"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			is.reset()
			f := verifyOne(t, r, tc.rule, tc.value, tc.text, tc.found)
			if f.Verified != finding.VerifiedUnknown || !strings.Contains(f.VerifiedReason, tc.reason) {
				t.Errorf("%s %q, want unknown: %q", f.Verified, f.VerifiedReason, tc.reason)
			}
			if n := len(is.requests()); n != 0 {
				t.Errorf("%d requests without a pair", n)
			}
		})
	}

	// A later occurrence with the pair replaces an earlier one without it.
	is.reset()
	is.answer(cases()[indexOf("aws")].live)
	fs := []finding.Finding{secretFinding(ruleAWSSecret, awsSecretKey)}
	b := r.NewBatch()
	b.Add(0, ruleAWSSecret, awsSecretKey, &Record{Text: []string{"secret only"}})
	b.Add(0, ruleAWSSecret, awsSecretKey, &Record{Text: []string{"key " + awsKeyID}})
	b.Apply(context.Background(), fs)
	if fs[0].Verified != finding.VerifiedLive {
		t.Errorf("later pair not used: %s %q", fs[0].Verified, fs[0].VerifiedReason)
	}
}

// Issuers whose host depends on the tenant, and PyPI, are never asked.
func TestNotAskedIssuers(t *testing.T) {
	is := newIssuers(t)
	is.answer(reply{200, nil, `{}`})
	r := is.runner(t, nil)
	for rule, value := range map[string]string{
		"okta-api-token":            "00" + fake("", 40, urlb64),
		"shopify-access-token":      fake("shpat_", 32, hexd),
		"azure-storage-account-key": fake("", 86, alnum) + "==",
		"pypi-token":                "pypi-AgEIcHlwaS5vcmc" + fake("", 150, urlb64),
		"supabase-secret-key":       fake("sb_secret_", 32, urlb64),
	} {
		f := verifyOne(t, r, rule, value, "OKTA_ORG_URL=https://acme.okta.com SHOP=acme.myshopify.com AccountName=acme", nil)
		if f.Verified != finding.VerifiedUnknown || !strings.Contains(f.VerifiedReason, "not asked") {
			t.Errorf("%s: %s %q", rule, f.Verified, f.VerifiedReason)
		}
	}
	if n := len(is.requests()); n != 0 {
		t.Errorf("%d requests to tenant hosts", n)
	}
	if d := is.dialed(); len(d) != 0 {
		t.Errorf("dialed %v", d)
	}
}

// The client refuses any host its verifier did not declare.
func TestUndeclaredHostRefused(t *testing.T) {
	is := newIssuers(t)
	is.answer(reply{200, nil, `{}`})
	r := is.runner(t, nil)
	c := &call{r: r, v: Lookup("github")}
	if _, err := c.do(context.Background(), get("evil.example", "/")); err == nil {
		t.Error("request to an undeclared host was made")
	}
	if len(is.dialed()) != 0 {
		t.Errorf("dialed %v", is.dialed())
	}
}

func TestNoVerifyFor(t *testing.T) {
	is := newIssuers(t)
	is.answer(reply{200, nil, `{"login":"octocat"}`})
	r := is.runner(t, func(c *Config) { c.Skip = []string{"GitHub"} })
	f := verifyOne(t, r, "github-pat", fake("ghp_", 36, alnum), "", nil)
	if f.Verified != finding.VerifiedUnknown || !strings.Contains(f.VerifiedReason, "--no-verify-for github") || len(is.requests()) != 0 {
		t.Errorf("%s %q, %d requests", f.Verified, f.VerifiedReason, len(is.requests()))
	}
	if _, err := New(Config{Skip: []string{"no-such-issuer"}}); err == nil || !strings.Contains(err.Error(), "openai") {
		t.Errorf("unknown --no-verify-for name: %v", err)
	}
}

func TestNoVerifierForRule(t *testing.T) {
	r, _ := New(Config{})
	fs := []finding.Finding{secretFinding("password-assignment", "hunter2hunter2"), {Category: finding.PII, Rule: "email", Severity: finding.Medium}}
	b := r.NewBatch()
	b.Add(0, "password-assignment", "hunter2hunter2", nil)
	b.Add(1, "email", "a@b.example", nil)
	b.Apply(context.Background(), fs)
	if fs[0].Verified != finding.VerifiedUnknown || !strings.Contains(fs[0].VerifiedReason, "no verifier") {
		t.Errorf("%s %q", fs[0].Verified, fs[0].VerifiedReason)
	}
	if fs[1].Verified != "" {
		t.Errorf("personal data got a verdict: %s", fs[1].Verified)
	}
}

// An earlier verdict from history is reused instead of asking again; an unknown one is not.
func TestKnownVerdictReused(t *testing.T) {
	is := newIssuers(t)
	is.answer(reply{401, nil, `{"message":"Bad credentials"}`})
	tok := fake("ghp_", 36, alnum)
	fp := finding.Fingerprint(tok)
	earlier := Result{Status: finding.VerifiedLive, Identity: "user octocat", By: "GET https://api.github.com/user", At: time.Now().Add(-time.Hour)}
	r := is.runner(t, func(c *Config) {
		c.Known = func(f string) (Result, bool) { return earlier, f == fp }
	})
	f := verifyOne(t, r, "github-pat", tok, "", nil)
	if f.Verified != finding.VerifiedLive || f.VerifiedIdentity != "user octocat" || len(is.requests()) != 0 {
		t.Errorf("%s %q, %d requests", f.Verified, f.VerifiedIdentity, len(is.requests()))
	}
	earlier.Status = finding.VerifiedUnknown
	f = verifyOne(t, is.runner(t, func(c *Config) { c.Known = func(string) (Result, bool) { return earlier, true } }), "github-pat", tok, "", nil)
	if f.Verified != finding.VerifiedRevoked || len(is.requests()) != 1 {
		t.Errorf("unknown verdict reused: %s, %d requests", f.Verified, len(is.requests()))
	}
}

// Whatever an issuer says ends up short and printable; a huge body costs no more than
// the cap.
func TestHostileAnswers(t *testing.T) {
	is := newIssuers(t)
	evil := "\x1b[31mred\x1b[0m\u202eevil\r\nInjected: header " + strings.Repeat("x", 5000)
	is.answer(reply{200, nil, fmt.Sprintf(`{"login":%q}`, evil)})
	f := verifyOne(t, is.runner(t, nil), "github-pat", fake("ghp_", 36, alnum), "", nil)
	if f.Verified != finding.VerifiedLive {
		t.Fatalf("%s", f.Verified)
	}
	if n := len([]rune(f.VerifiedIdentity)); n > maxIdentity+1 {
		t.Errorf("identity of %d runes", n)
	}
	for _, r := range f.VerifiedIdentity {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			t.Errorf("identity holds control character %U", r)
		}
	}

	is.reset()
	is.answer(reply{200, nil, `{"login":"` + strings.Repeat("a", 8<<20) + `"}`})
	f = verifyOne(t, is.runner(t, nil), "github-pat", fake("ghp_", 36, alnum), "", nil)
	if f.Verified != finding.VerifiedLive || f.VerifiedIdentity != "" {
		t.Errorf("8 MiB answer: %s %q (the body is cut at %d bytes and does not parse)", f.Verified, f.VerifiedIdentity, maxBody)
	}
}

func TestAnnotateSeverity(t *testing.T) {
	for _, tc := range []struct {
		status   finding.Verified
		from, to finding.Severity
	}{
		{finding.VerifiedLive, finding.High, finding.Critical},
		{finding.VerifiedLive, finding.Low, finding.Critical},
		{finding.VerifiedRevoked, finding.Critical, finding.Low},
		{finding.VerifiedRevoked, finding.Info, finding.Info},
		{finding.VerifiedUnknown, finding.High, finding.High},
	} {
		f := finding.Finding{Severity: tc.from}
		Annotate(&f, Result{Status: tc.status})
		if f.Severity != tc.to {
			t.Errorf("%s from %s: %s, want %s", tc.status, tc.from, f.Severity, tc.to)
		}
	}
}

// Verifier-specific answers beyond live, revoked and rate-limited.
func TestVerifierSpecialAnswers(t *testing.T) {
	is := newIssuers(t)
	for _, tc := range []struct {
		name, rule, value, record string
		rep                       reply
		want                      finding.Verified
		reason, host              string
	}{
		{"gitlab self-managed", "gitlab-pat", fake("glpat-", 20, urlb64), "", reply{401, nil, `{"message":"401 Unauthorized"}`},
			finding.VerifiedUnknown, "self-managed", ""},
		{"gitlab expired", "gitlab-pat", fake("glpat-", 20, urlb64), "", reply{401, nil, `{"error":"invalid_token","error_description":"Token has expired."}`},
			finding.VerifiedRevoked, "expired", ""},
		{"google API not enabled", "google-api-key", fake("AIza", 35, urlb64), "", reply{403, nil,
			`{"error":{"code":403,"message":"Generative Language API has not been used in project 1 before or it is disabled.","status":"PERMISSION_DENIED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"SERVICE_DISABLED"}]}}`},
			finding.VerifiedLive, "", ""},
		{"github installation token", "github-app-installation-token", fake("ghs_", 36, alnum), "",
			reply{403, map[string]string{"X-RateLimit-Remaining": "4999"}, `{"message":"Resource not accessible by integration"}`}, finding.VerifiedLive, "", ""},
		{"openai restricted project key", "openai-project-key", fake("sk-proj-", 120, urlb64), "",
			reply{403, nil, `{"error":{"message":"You have insufficient permissions for this operation. Missing scopes: api.model.read.","type":"invalid_request_error"}}`},
			finding.VerifiedLive, "", ""},
		{"openai from a blocked country", "openai-project-key", fake("sk-proj-", 121, urlb64), "",
			reply{403, nil, `{"error":{"code":"unsupported_country_region_territory","message":"Country, region, or territory not supported"}}`},
			finding.VerifiedUnknown, "location", ""},
		{"aws signature mismatch", ruleAWSSecret, awsSecretKey, "id " + awsKeyID,
			reply{403, nil, `<ErrorResponse><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code><Message>…</Message></Error></ErrorResponse>`},
			finding.VerifiedUnknown, "does not match", ""},
		{"cloudflare disabled token", "cloudflare-api-token", fake("", 40, urlb64), "",
			reply{200, nil, `{"result":{"id":"x","status":"disabled"},"success":true,"errors":[],"messages":[]}`}, finding.VerifiedRevoked, "disabled", ""},
		{"twilio closed account", "twilio-auth-token", twilioToken, "sid " + twilioSID,
			reply{200, nil, `{"friendly_name":"Old","status":"closed"}`}, finding.VerifiedRevoked, "closed", ""},
		{"datadog site from the record", "datadog-api-key", fake("", 32, hexd), "DD_SITE=datadoghq.eu",
			reply{200, nil, `{"valid":true}`}, finding.VerifiedLive, "", "api.datadoghq.eu"},
		{"atlassian api token refused by bitbucket", "atlassian-api-token", "ATATT3" + fake("", 180, urlb64), "JIRA_USER=ops@acme.test",
			reply{401, nil, ``}, finding.VerifiedUnknown, "site's own host", ""},
		{"slack unknown error", "slack-user-token", fake("xoxp-", 60, alnum), "", reply{200, nil, `{"ok":false,"error":"missing_scope"}`},
			finding.VerifiedUnknown, "missing_scope", ""},
		{"server error", "npm-token", fake("npm_", 36, alnum), "", reply{503, nil, `oops`}, finding.VerifiedUnknown, "HTTP 503", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			is.reset()
			is.answer(tc.rep)
			f := verifyOne(t, is.runner(t, nil), tc.rule, tc.value, tc.record, nil)
			if f.Verified != tc.want || !strings.Contains(f.VerifiedReason+f.VerifiedIdentity, tc.reason) {
				t.Errorf("%s (%q / %q), want %s with %q", f.Verified, f.VerifiedReason, f.VerifiedIdentity, tc.want, tc.reason)
			}
			if tc.host != "" {
				if reqs := is.requests(); len(reqs) == 0 || reqs[0].host != tc.host {
					t.Errorf("first request to %v, want %s", reqs, tc.host)
				}
			}
		})
	}
}

// Sentry organization tokens name their region: the token goes to that region's fixed
// host, and a token of a self-hosted server goes nowhere.
func TestSentryRegions(t *testing.T) {
	is := newIssuers(t)
	is.answer(reply{200, nil, `[{"slug":"acme"}]`})
	mk := func(payload string) string {
		return "sntrys_" + base64std(payload) + "_" + fake("", 43, alnum)
	}
	f := verifyOne(t, is.runner(t, nil), "sentry-auth-token", mk(`{"iat":1,"url":"https://sentry.io","region_url":"https://de.sentry.io","org":"acme"}`), "", nil)
	if reqs := is.requests(); f.Verified != finding.VerifiedLive || len(reqs) != 1 || reqs[0].host != "de.sentry.io" {
		t.Errorf("de region: %s, %+v", f.Verified, reqs)
	}
	is.reset()
	is.answer(reply{200, nil, `[]`})
	f = verifyOne(t, is.runner(t, nil), "sentry-auth-token", mk(`{"iat":1,"url":"https://sentry.internal.acme","region_url":"https://sentry.internal.acme","org":"acme"}`), "", nil)
	if f.Verified != finding.VerifiedUnknown || !strings.Contains(f.VerifiedReason, "self-hosted") || len(is.requests()) != 0 {
		t.Errorf("self-hosted: %s %q, %d requests", f.Verified, f.VerifiedReason, len(is.requests()))
	}
}

func base64std(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
