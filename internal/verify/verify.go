package verify

import (
	"context"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// Defaults for Config.
const (
	DefaultTimeout = 10 * time.Second
	// DefaultRate is how many requests per second go to all issuers together.
	DefaultRate = 5.0
	// parallel is how many distinct secrets a batch verifies at once; the per-issuer
	// limit (Verifier.Concurrency) and the global rate still apply.
	parallel = 8
	// DefaultMaxSecrets is how many distinct secrets one run asks issuers about at most
	// (Config.MaxSecrets). Every distinct secret is a request to its issuer, at
	// DefaultRate a second: without a bound, a store or an input holding a hostile
	// number of well-formed tokens (a sampled table of 4,096 columns of them, a file of a
	// million lines) held the run for hours of requests and its verdicts in memory. At
	// the default rate 2,000 take under seven minutes; past them a secret is reported
	// unknown, the reason saying why.
	DefaultMaxSecrets = 2000
	// DefaultMaxPerIssuer is how many distinct secrets one run asks one issuer about
	// at most (Config.MaxPerIssuer), and DefaultHostRate how many requests a second go
	// to one issuer host (Config.HostRate). The run's bound alone let a file of
	// thousands of one issuer's tokens make all 2,000 requests to that one issuer,
	// at the whole run's rate: that is what an issuer's abuse detection sees as an
	// attack from the operator's address. Past the bound its secrets are reported
	// unknown, the reason saying why.
	DefaultMaxPerIssuer = 200
	DefaultHostRate     = 2.0
	// offlineAfter is how many distinct unreachable issuer hosts, with no answer from any
	// issuer yet, make the runner conclude that it has no network.
	offlineAfter = 3
)

// Result is an issuer's verdict on one secret.
type Result struct {
	Status finding.Verified
	// Identity is what the issuer said the secret belongs to (account, organisation,
	// bot or user name, scopes), clipped; never a personal e-mail address or a balance.
	Identity string
	// Reason says why the verdict is unknown, or what made it revoked.
	Reason string
	// By is the request that decided, e.g. "GET https://api.github.com/user".
	By string
	// At is when the issuer answered (zero when nothing was asked).
	At time.Time
}

// Network replaces how the runner reaches issuers. Tests only: it maps the issuers' host
// names to a local TLS server and trusts that server's CA. The binary never sets it and
// no flag reaches it, so outside tests a secret can reach only the real issuer host,
// authenticated by the system's certificate roots.
type Network struct {
	DialContext func(ctx context.Context, network, addr string) (net.Conn, error)
	RootCAs     *x509.CertPool
}

// Config tunes a Runner. The zero value is usable: defaults apply.
type Config struct {
	// Timeout bounds each request to an issuer (--verify-timeout).
	Timeout time.Duration
	// Rate is the number of requests per second to all issuers together.
	Rate float64
	// Skip lists verifier IDs (or provider names) whose issuers are not asked
	// (--no-verify-for); their secrets are reported unknown.
	Skip []string
	// Logger receives one line per request, without the secret.
	Logger *slog.Logger
	// Known returns an earlier verdict about the secret with this fingerprint (a
	// finding's SHA256 field), e.g. from the monitor's history, to reuse instead of
	// asking again; return false to have the issuer asked.
	Known func(fingerprint string) (Result, bool)
	// UserAgent is sent with every request.
	UserAgent string
	// MaxSecrets bounds the distinct secrets asked about in one run (0: DefaultMaxSecrets).
	MaxSecrets int
	// MaxPerIssuer bounds the distinct secrets one issuer (verifier) is asked about in
	// one run (0: DefaultMaxPerIssuer).
	MaxPerIssuer int
	// HostRate is the number of requests per second to one issuer host (0:
	// DefaultHostRate), within Rate.
	HostRate float64
	// Network is a test hook; see Network.
	Network *Network
	// now is the clock (tests).
	now func() time.Time
}

// Runner verifies secrets. It is safe for concurrent use; one Runner serves one run, so
// that each secret is asked about at most once per run.
type Runner struct {
	cfg     Config
	client  *http.Client
	limiter *rate.Limiter
	// hostLimits spaces the requests to each issuer host (every verifier's Hosts).
	hostLimits map[string]*rate.Limiter
	skip       map[string]bool
	sems       map[string]chan struct{}

	mu       sync.Mutex
	cache    map[string]*entry
	down     map[string]string // issuer host → why it could not be reached
	answered int               // responses received from any issuer
	offline  bool
	capped   int // secrets not asked about: MaxSecrets was reached
	// perIssuer counts the distinct secrets asked of each verifier; issuerCapped the
	// secrets each could not be asked about past MaxPerIssuer.
	perIssuer    map[string]int
	issuerCapped map[string]int
}

type entry struct {
	done chan struct{}
	res  Result
}

// New validates cfg and returns a Runner.
func New(cfg Config) (*Runner, error) {
	if cfg.Timeout == 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.Timeout < 0 {
		return nil, errors.New("verify timeout must be positive")
	}
	if cfg.Rate == 0 {
		cfg.Rate = DefaultRate
	}
	if cfg.Rate < 0 {
		return nil, errors.New("verify rate must be positive")
	}
	if cfg.MaxSecrets == 0 {
		cfg.MaxSecrets = DefaultMaxSecrets
	}
	if cfg.MaxSecrets < 0 {
		return nil, errors.New("verify max secrets must be positive")
	}
	if cfg.MaxPerIssuer == 0 {
		cfg.MaxPerIssuer = DefaultMaxPerIssuer
	}
	if cfg.MaxPerIssuer < 0 {
		return nil, errors.New("verify max secrets per issuer must be positive")
	}
	if cfg.HostRate == 0 {
		cfg.HostRate = DefaultHostRate
	}
	if cfg.HostRate < 0 {
		return nil, errors.New("verify host rate must be positive")
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = "leakwatch-verify"
	}
	if cfg.now == nil {
		cfg.now = time.Now
	}
	r := &Runner{
		cfg:     cfg,
		limiter: rate.NewLimiter(rate.Limit(cfg.Rate), max(1, int(cfg.Rate))),
		skip:    map[string]bool{},
		sems:    map[string]chan struct{}{},
		cache:   map[string]*entry{},
		down:    map[string]string{},

		hostLimits:   map[string]*rate.Limiter{},
		perIssuer:    map[string]int{},
		issuerCapped: map[string]int{},
	}
	for _, s := range cfg.Skip {
		v := Lookup(s)
		if v == nil {
			return nil, fmt.Errorf("unknown verifier %q (want one of %s)", s, strings.Join(IDs(), ", "))
		}
		r.skip[v.ID] = true
	}
	for _, v := range registry {
		r.sems[v.ID] = make(chan struct{}, v.concurrency())
		for _, h := range v.Hosts {
			if r.hostLimits[h] == nil {
				r.hostLimits[h] = rate.NewLimiter(rate.Limit(cfg.HostRate), max(1, min(int(cfg.HostRate), int(cfg.Rate))))
			}
		}
	}
	r.client = newClient(cfg)
	return r, nil
}

// Record is where a secret was found: a line of a file, or the cells of a sampled row.
// Verifiers that need a second value (AWS's key ID for a secret key, Twilio's account
// SID for an auth token, a user name) take it from the same record only.
type Record struct {
	// Text is the record's text: one line, or a row's cells.
	Text []string
	// Found lists every secret detected in the record, by rule.
	Found []Found
	// Cut marks a record that holds only part of its line's secrets, the rest coming
	// later (a caller hands a line of too many secrets on in parts): a secret paired
	// with a value found on the line cannot be paired from it (ReasonLineCut), since a
	// later part may hold that value, or a second one.
	Cut bool
}

// Found is one detected secret of a record.
type Found struct {
	Rule  string
	Value string
}

// job is one secret to ask about.
type job struct {
	v       *Verifier
	s       Secret
	missing string // why it cannot be asked (a paired value is missing); "" when it can
	key     string
}

func (j *job) complete() bool { return j.v != nil && j.missing == "" }

// Batch gathers the secrets of one sample or one input and verifies them together, each
// distinct one once.
type Batch struct {
	r    *Runner
	jobs map[int]*job
}

// NewBatch starts a batch.
func (r *Runner) NewBatch() *Batch { return &Batch{r: r, jobs: map[int]*job{}} }

// Add records that finding i of the slice later passed to Apply is the secret value
// matched by rule in rec. It may be called for every occurrence: a later record that
// holds a paired value the first one lacked replaces it.
func (b *Batch) Add(i int, rule, value string, rec *Record) {
	if old := b.jobs[i]; old != nil && (old.v == nil || old.complete()) {
		return
	}
	j := b.r.newJob(rule, value, rec)
	if j.v != nil && j.missing != "" {
		if old := b.jobs[i]; old != nil {
			return
		}
	}
	b.jobs[i] = j
}

// newJob is what to ask about the secret value matched by rule in rec: no verifier,
// why it cannot be asked, or the secret with its paired values and its cache key.
func (r *Runner) newJob(rule, value string, rec *Record) *job {
	v := ForRule(rule)
	if v == nil {
		return &job{}
	}
	j := &job{v: v}
	if r.skip[v.ID] {
		j.missing = "verification of " + v.Name + " keys turned off (--no-verify-for " + v.ID + ")"
	} else if v.NotAsked != "" {
		j.missing = v.NotAsked
	} else {
		j.s, j.missing = v.secret(rule, value, rec)
	}
	j.key = cacheKey(v, &j.s)
	return j
}

// Len reports how many findings were added.
func (b *Batch) Len() int { return len(b.jobs) }

// Apply asks the issuers about every distinct secret added (in parallel, within the
// runner's limits) and records each verdict on its finding in fs: the verified fields,
// and a severity raised to critical for a live secret or lowered to low for a revoked
// one.
func (b *Batch) Apply(ctx context.Context, fs []finding.Finding) {
	results := make(map[int]Result, len(b.jobs))
	todo := map[string][]int{}
	var keys []string
	for i, j := range b.jobs {
		if i < 0 || i >= len(fs) || fs[i].Category != finding.Secret {
			continue
		}
		switch {
		case j.v == nil:
			results[i] = Result{Status: finding.VerifiedUnknown, Reason: "no verifier for this kind of secret"}
		case j.missing != "":
			results[i] = Result{Status: finding.VerifiedUnknown, Reason: j.missing}
		default:
			if known, ok := b.r.known(fs[i].SHA256); ok {
				results[i] = known
				continue
			}
			if _, seen := todo[j.key]; !seen {
				keys = append(keys, j.key)
			}
			todo[j.key] = append(todo[j.key], i)
		}
	}
	slices.Sort(keys)
	var mu sync.Mutex
	sem := make(chan struct{}, parallel)
	var wg sync.WaitGroup
	for _, k := range keys {
		idx := todo[k]
		j := b.jobs[idx[0]]
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			res := b.r.Check(ctx, j.v, j.s)
			mu.Lock()
			for _, i := range idx {
				results[i] = res
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	for i, res := range results {
		Annotate(&fs[i], res)
	}
}

// known returns a reusable earlier verdict.
func (r *Runner) known(fp string) (Result, bool) {
	if r.cfg.Known == nil || fp == "" {
		return Result{}, false
	}
	res, ok := r.cfg.Known(fp)
	if !ok || (res.Status != finding.VerifiedLive && res.Status != finding.VerifiedRevoked) {
		return Result{}, false
	}
	return res, true
}

// Annotate records res on f and adjusts its severity: a live secret is critical (anyone
// holding it can use it now), a revoked one low (the exposure remains worth fixing, the
// key no longer works).
func Annotate(f *finding.Finding, res Result) {
	f.Verified = res.Status
	f.VerifiedIdentity = res.Identity
	f.VerifiedReason = res.Reason
	f.VerifiedBy = res.By
	f.VerifiedAt = ""
	if !res.At.IsZero() {
		f.VerifiedAt = res.At.UTC().Format(time.RFC3339)
	}
	switch res.Status {
	case finding.VerifiedLive:
		f.Severity = finding.Critical
	case finding.VerifiedRevoked:
		if f.Severity > finding.Low {
			f.Severity = finding.Low
		}
	}
}

// Check asks v's issuer about s, at most once per run for the same secret: concurrent
// and later calls for it wait for and share the first call's verdict.
func (r *Runner) Check(ctx context.Context, v *Verifier, s Secret) Result {
	if r.skip[v.ID] {
		return Result{Status: finding.VerifiedUnknown, Reason: "verification of " + v.Name + " keys turned off"}
	}
	if v.NotAsked != "" {
		return Result{Status: finding.VerifiedUnknown, Reason: v.NotAsked}
	}
	key := cacheKey(v, &s)
	r.mu.Lock()
	e := r.cache[key]
	if e != nil {
		r.mu.Unlock()
		select {
		case <-e.done:
			return e.res
		case <-ctx.Done():
			return Result{Status: finding.VerifiedUnknown, Reason: "not decided: " + ctx.Err().Error()}
		}
	}
	if len(r.cache) >= r.cfg.MaxSecrets {
		r.mu.Unlock()
		return r.overCap()
	}
	if r.perIssuer[v.ID] >= r.cfg.MaxPerIssuer {
		r.mu.Unlock()
		return r.overIssuerCap(v)
	}
	r.perIssuer[v.ID]++
	e = &entry{done: make(chan struct{})}
	r.cache[key] = e
	r.mu.Unlock()
	e.res = r.check(ctx, v, s)
	close(e.done)
	return e.res
}

// overCap is the verdict on a secret not asked about because the run reached
// MaxSecrets; the first one logs a warning.
func (r *Runner) overCap() Result {
	r.mu.Lock()
	r.capped++
	first := r.capped == 1
	r.mu.Unlock()
	if first {
		r.cfg.Logger.Warn("verification stopped asking: this run reached its bound of distinct secrets; the rest are reported unknown",
			"max", r.cfg.MaxSecrets)
	}
	return Result{Status: finding.VerifiedUnknown, Reason: fmt.Sprintf("not asked: this run already asked issuers about "+
		"%d distinct secrets, the most one run asks (more suggests a hostile store or input)", r.cfg.MaxSecrets)}
}

// overIssuerCap is the verdict on a secret of v not asked about because the run asked
// v's issuer about MaxPerIssuer secrets already; the first one of each issuer logs a
// warning.
func (r *Runner) overIssuerCap(v *Verifier) Result {
	r.mu.Lock()
	r.issuerCapped[v.ID]++
	first := r.issuerCapped[v.ID] == 1
	r.mu.Unlock()
	if first {
		r.cfg.Logger.Warn("verification stopped asking one issuer: this run reached its bound of distinct secrets for it; the rest of its secrets are reported unknown",
			"issuer", v.ID, "max", r.cfg.MaxPerIssuer)
	}
	return Result{Status: finding.VerifiedUnknown, Reason: fmt.Sprintf("not asked: this run already asked %s (%s) about "+
		"%d distinct secrets, the most one run asks one issuer (more suggests a hostile store or input)",
		v.Name, strings.Join(v.Hosts, ", "), r.cfg.MaxPerIssuer)}
}

// check runs one verifier, turning a crash or an error into an unknown verdict.
func (r *Runner) check(ctx context.Context, v *Verifier, s Secret) (res Result) {
	c := &call{r: r, v: v, secrets: s.values()}
	defer func() {
		if p := recover(); p != nil {
			res = Result{Status: finding.VerifiedUnknown, Reason: c.scrub(fmt.Sprintf("verifier %s failed: %v", v.ID, p))}
		}
		res.Identity = clip(c.scrub(res.Identity), maxIdentity)
		res.Reason = clip(c.scrub(res.Reason), maxReason)
		if res.By == "" {
			res.By = c.by
		}
		if res.Status == "" {
			res.Status = finding.VerifiedUnknown
		}
		if res.Status != finding.VerifiedUnknown && res.At.IsZero() {
			res.At = r.cfg.now().UTC().Truncate(time.Second)
		}
	}()
	return v.check(ctx, c, s)
}

// cacheKey identifies a secret with its paired values without keeping them in clear.
func cacheKey(v *Verifier, s *Secret) string {
	h := sha256.New()
	h.Write([]byte(v.ID))
	for _, x := range []string{s.Value, s.Pair, s.Extra, s.Hint} {
		h.Write([]byte{0})
		h.Write([]byte(x))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Close drops the runner's idle connections to issuers.
func (r *Runner) Close() { r.client.CloseIdleConnections() }
