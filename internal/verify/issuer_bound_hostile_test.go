package verify

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// issuerFlood is n distinct GitHub tokens then 3 OpenAI keys, as findings.
func issuerFlood(n int) (fs []finding.Finding, rules, values []string) {
	for i := range n {
		v := fake(fmt.Sprintf("ghp_%05d", i), 36, alnum)
		fs, rules, values = append(fs, secretFinding("github-pat", v)), append(rules, "github-pat"), append(values, v)
	}
	for i := range 3 {
		v := fake(fmt.Sprintf("sk-proj-%d", i), 80, alnum)
		fs, rules, values = append(fs, secretFinding("openai-project-key", v)), append(rules, "openai-project-key"), append(values, v)
	}
	return fs, rules, values
}

// TestPerIssuerBound: the run's bound (2,000 distinct secrets) alone let a file or a
// store holding thousands of one issuer's tokens send every one of those requests to
// that one issuer. One run now asks one issuer about at most DefaultMaxPerIssuer
// distinct secrets; the rest of that issuer's are unknown with a reason naming the
// issuer and its host, and the other issuers are still asked. Both ways of verifying:
// a Batch (scan) and a Ledger (detect).
func TestPerIssuerBound(t *testing.T) {
	const n = 300
	for _, how := range []string{"batch", "ledger"} {
		is := newIssuers(t)
		is.answer(reply{200, nil, `{"login":"octocat"}`})
		r := is.runner(t, nil)
		fs, rules, values := issuerFlood(n)
		switch how {
		case "batch":
			b := r.NewBatch()
			for i := range fs {
				b.Add(i, rules[i], values[i], nil)
			}
			b.Apply(context.Background(), fs)
		case "ledger":
			l := r.NewLedger()
			tags := make([]uint32, len(fs))
			for i := range fs {
				tags[i] = l.Add(&fs[i], rules[i], values[i], nil)
			}
			l.Apply(context.Background())
			for i := range fs {
				l.Annotate(&fs[i], tags[i])
			}
		}
		perHost := map[string]int{}
		for _, rq := range is.requests() {
			perHost[rq.host]++
		}
		if perHost["api.github.com"] != DefaultMaxPerIssuer || perHost["api.openai.com"] != 3 {
			t.Errorf("%s: requests per issuer host %v, want %d to GitHub and 3 to OpenAI", how, perHost, DefaultMaxPerIssuer)
		}
		capped := 0
		for _, f := range fs {
			if f.Verified == finding.VerifiedUnknown && strings.Contains(f.VerifiedReason, "GitHub (api.github.com)") &&
				strings.Contains(f.VerifiedReason, fmt.Sprintf("%d distinct secrets", DefaultMaxPerIssuer)) {
				capped++
			}
		}
		if capped != n-DefaultMaxPerIssuer {
			t.Errorf("%s: %d GitHub tokens carry the per-issuer reason, want %d", how, capped, n-DefaultMaxPerIssuer)
		}
	}
}

// TestPerHostRate: requests to one issuer host are spaced at DefaultHostRate (2 a
// second) whatever the global rate allows, and another issuer's requests are not held
// up behind them. Before, the global rate was the only one: a burst to one issuer.
func TestPerHostRate(t *testing.T) {
	is := newIssuers(t)
	var mu sync.Mutex
	at := map[string][]time.Time{}
	is.respond = func(r *http.Request, _ int) reply {
		mu.Lock()
		at[r.Host] = append(at[r.Host], time.Now())
		mu.Unlock()
		return reply{200, nil, `{"login":"octocat","data":[]}`}
	}
	r, err := New(Config{Network: is.net, Rate: 1000, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	var fs []finding.Finding
	b := r.NewBatch()
	for i := range 6 {
		for _, rule := range []string{"github-pat", "openai-project-key"} {
			v := fake(fmt.Sprintf("ghp_%d", i), 36, alnum)
			if rule != "github-pat" {
				v = fake(fmt.Sprintf("sk-proj-%d", i), 80, alnum)
			}
			b.Add(len(fs), rule, v, nil)
			fs = append(fs, secretFinding(rule, v))
		}
	}
	start := time.Now()
	b.Apply(context.Background(), fs)
	took := time.Since(start)
	mu.Lock()
	defer mu.Unlock()
	for _, h := range []string{"api.github.com", "api.openai.com"} {
		ts := at[h]
		if len(ts) != 6 {
			t.Fatalf("%s: %d requests, want 6", h, len(ts))
		}
		// burst 2, then one every 500 ms: the sixth at 2 s
		if span := ts[5].Sub(ts[0]); span < 1500*time.Millisecond {
			t.Errorf("%s: 6 requests within %v at %v/s a host", h, span, DefaultHostRate)
		}
	}
	if took > 4*time.Second {
		t.Errorf("two issuers' 6 requests each took %v: one waited for the other", took)
	}
}
