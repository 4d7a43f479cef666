package scan

import (
	"context"
	"fmt"
	"math"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/detect"
	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/netscan"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/target"
)

// behaviour is a prober written for these tests: each port number selects how it
// behaves, so one run can mix good, broken and hostile endpoints. (The real probers are
// exercised against real servers in their own packages and in the CLI tests.)
type behaviour struct {
	results map[int]func(ctx context.Context) (*store.Result, error)
}

func (b *behaviour) Name() string        { return "testdb" }
func (b *behaviour) DefaultPorts() []int { return []int{1, 2, 3, 4} }
func (b *behaviour) Probe(ctx context.Context, ep store.Endpoint, _ *store.Options) (*store.Result, error) {
	if f, ok := b.results[ep.Port]; ok {
		return f(ctx)
	}
	return nil, fmt.Errorf("port %d: %w", ep.Port, store.ErrNoMatch)
}

// A key in DeepSeek's format (sk- and 32 hex digits) and a chat transcript, as the
// incident's log_stream held them.
const (
	testKey  = "sk-4f9a2c81d0b3e6f75a1c9e2b8d4f6a03"
	testChat = `{"messages":[{"role":"user","content":"Summarise this contract"},{"role":"assistant","content":"Sure, here is a summary."}]}`
)

func openResult() *store.Result {
	return &store.Result{
		Service: finding.Service{Protocol: "testdb-http", Product: "testdb", Version: "1.0", Auth: finding.AuthNone, User: "default",
			Datasets: []finding.Dataset{{Database: "default", Table: "log_stream", Rows: 1_050_000, Bytes: 1 << 30,
				TimeRange: &finding.TimeRange{Column: "timestamp", Min: "2025-01-06 00:00:00", Max: "2025-02-01 00:00:00"}}}},
		Samples: []store.Sample{{Database: "default", Table: "log_stream", Columns: []string{"timestamp", "string_tags"},
			Rows: [][]string{
				{"2025-01-06 00:00:00", `{"api_key":"` + testKey + `","provider":"deepseek","messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"hello"}]}`},
				{"2025-01-06 00:00:37", `{"api_key":"` + testKey + `","provider":"deepseek","messages":[{"role":"user","content":"2+2?"},{"role":"assistant","content":"4"}]}`},
				{"2025-01-06 00:01:14", testChat},
			}}},
	}
}

func endpoint(port int) store.Endpoint {
	return store.Endpoint{Addr: netip.MustParseAddr("127.0.0.1"), Port: port}
}

func testConfig(b *behaviour) Config {
	cfg := DefaultConfig()
	cfg.Probers = []store.Prober{b}
	cfg.Engine = detect.Default()
	cfg.Workers = 4
	cfg.TargetTimeout = 2 * time.Second
	return cfg
}

func run(t *testing.T, cfg Config, ports ...int) *finding.Report {
	t.Helper()
	ch := make(chan store.Endpoint, len(ports))
	for _, p := range ports {
		ch <- endpoint(p)
	}
	close(ch)
	rep, err := Run(context.Background(), cfg, ch)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return rep
}

func TestOpenServiceWithSecretsIsCritical(t *testing.T) {
	b := &behaviour{results: map[int]func(context.Context) (*store.Result, error){
		1: func(context.Context) (*store.Result, error) { return openResult(), nil },
	}}
	rep := run(t, testConfig(b), 1)
	if len(rep.Services) != 1 {
		t.Fatalf("services = %+v", rep.Services)
	}
	var exposure, secret, chat *finding.Finding
	for i := range rep.Findings {
		f := &rep.Findings[i]
		switch f.Category {
		case finding.Exposure:
			exposure = f
		case finding.Secret:
			if f.Rule == "deepseek-api-key" {
				secret = f
			}
		case finding.Chat:
			chat = f
		}
	}
	if exposure == nil || exposure.Severity != finding.Critical {
		t.Fatalf("exposure finding = %+v, want critical", exposure)
	}
	for _, want := range []string{"log_stream", "1,050,000", "2025-01-06 00:00:00", "deepseek-api-key", "chat transcripts"} {
		if !strings.Contains(exposure.Title+" "+exposure.Evidence, want) {
			t.Errorf("exposure finding lacks %q: %s / %s", want, exposure.Title, exposure.Evidence)
		}
	}
	if secret == nil {
		t.Fatalf("no deepseek-api-key finding in %+v", rep.Findings)
	}
	if secret.Count != 2 || secret.Column != "string_tags" || secret.Table != "log_stream" {
		t.Errorf("secret finding = %+v, want 2 occurrences in log_stream.string_tags", secret)
	}
	if secret.Value != "" || strings.Contains(secret.Redacted, testKey[6:]) || secret.SHA256 != finding.Fingerprint(testKey) {
		t.Errorf("secret not redacted: %+v", secret)
	}
	if chat == nil || chat.Column != "string_tags" {
		t.Errorf("chat finding = %+v", chat)
	}
	d := rep.Services[0].Datasets[0]
	if d.Sampled != 3 || strings.Join(d.Classes, ",") != "chat,secrets" {
		t.Errorf("dataset marks = sampled %d classes %v", d.Sampled, d.Classes)
	}
	for _, f := range rep.Findings {
		if f.ID == "" {
			t.Errorf("finding without id: %+v", f)
		}
	}
}

func TestRevealKeepsValue(t *testing.T) {
	b := &behaviour{results: map[int]func(context.Context) (*store.Result, error){
		1: func(context.Context) (*store.Result, error) { return openResult(), nil },
	}}
	cfg := testConfig(b)
	cfg.Reveal = true
	rep := run(t, cfg, 1)
	for _, f := range rep.Findings {
		if f.Rule == "deepseek-api-key" && f.Value == testKey {
			return
		}
	}
	t.Fatal("--reveal did not put the raw value in the finding")
}

func TestProtectedServiceIsNotAnExposure(t *testing.T) {
	b := &behaviour{results: map[int]func(context.Context) (*store.Result, error){
		1: func(context.Context) (*store.Result, error) {
			return &store.Result{Service: finding.Service{Protocol: "testdb-http", Auth: finding.AuthRequired}},
				fmt.Errorf("login: %w", store.ErrAuth)
		},
	}}
	rep := run(t, testConfig(b), 1)
	if len(rep.Services) != 1 || rep.Services[0].Status != finding.StatusAuthRequired {
		t.Fatalf("services = %+v", rep.Services)
	}
	for _, f := range rep.Findings {
		if f.Category == finding.Exposure {
			t.Fatalf("a protected service produced an exposure: %+v", f)
		}
	}
}

func TestOpenWithoutSecretsStaysHigh(t *testing.T) {
	b := &behaviour{results: map[int]func(context.Context) (*store.Result, error){
		1: func(context.Context) (*store.Result, error) {
			r := openResult()
			r.Samples[0].Rows = [][]string{{"2025-01-06 00:00:00", `{"level":"info","msg":"started"}`}}
			return r, nil
		},
	}}
	rep := run(t, testConfig(b), 1)
	var sev []string
	for _, f := range rep.Findings {
		sev = append(sev, string(f.Category)+"="+f.Severity.String())
	}
	if len(rep.Findings) != 1 || rep.Findings[0].Severity != finding.High || rep.Findings[0].Category != finding.Exposure {
		t.Fatalf("findings = %v, want one high exposure", sev)
	}
}

// One broken endpoint (a prober panics, another hangs past its deadline, a third is not
// recognised) must not cost the others their results.
func TestHostileEndpointsAreIsolated(t *testing.T) {
	b := &behaviour{results: map[int]func(context.Context) (*store.Result, error){
		1: func(context.Context) (*store.Result, error) { return openResult(), nil },
		2: func(context.Context) (*store.Result, error) { panic("malformed frame") },
		3: func(ctx context.Context) (*store.Result, error) { <-ctx.Done(); return nil, ctx.Err() },
	}}
	cfg := testConfig(b)
	cfg.TargetTimeout = 300 * time.Millisecond
	start := time.Now()
	rep := run(t, cfg, 1, 2, 3, 4)
	if el := time.Since(start); el > 3*time.Second {
		t.Errorf("scan took %v; a hung endpoint must cost only its own deadline", el)
	}
	if len(rep.Services) != 1 || rep.Services[0].Port != 1 {
		t.Fatalf("services = %+v", rep.Services)
	}
	errs := map[int]string{}
	for _, e := range rep.Errors {
		errs[e.Port] = e.Error
	}
	if !strings.Contains(errs[2], "crashed") || !strings.Contains(errs[3], "timed out") || !strings.Contains(errs[4], "no known data store") {
		t.Errorf("errors = %v", errs)
	}
}

func TestValidate(t *testing.T) {
	cfg := DefaultConfig()
	if err := cfg.Validate(); err == nil {
		t.Error("accepted a config without probers")
	}
	cfg.Probers = []store.Prober{&behaviour{}}
	if err := cfg.Validate(); err != nil {
		t.Errorf("default config with a prober: %v", err)
	}
	cfg.TargetTimeout = 0
	if err := cfg.Validate(); err == nil {
		t.Error("accepted a zero target timeout")
	}
	cfg = DefaultConfig()
	cfg.Probers = []store.Prober{&behaviour{}}
	// 2^61 workers times IdentifyPerWorker wraps to 0 goroutines: every open endpoint
	// would then wait forever; 10^9 would start 8·10^9 goroutines.
	for _, w := range []int{MaxWorkers + 1, 1e9, 1 << 61} {
		cfg.Workers = w
		if err := cfg.Validate(); err == nil {
			t.Errorf("accepted %d workers", w)
		}
	}
}

// NewJob refuses discovery limits that are not limits: a NaN rate passed the old
// "negative?" check and then reported every open port as not open.
func TestNewJobRefusesUnboundedLimits(t *testing.T) {
	pipe := DefaultConfig()
	pipe.Probers = []store.Prober{&behaviour{}}
	spec, err := target.ParseSpec("127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	base := JobConfig{Targets: []target.Spec{spec}, Target: target.Config{Ports: []int{1}}, Pipeline: pipe}
	cases := map[string]func(*JobConfig){
		"rate NaN":         func(c *JobConfig) { c.Rate = math.NaN() },
		"rate +Inf":        func(c *JobConfig) { c.Rate = math.Inf(1) },
		"rate negative":    func(c *JobConfig) { c.Rate = -1 },
		"concurrency huge": func(c *JobConfig) { c.Concurrency = netscan.MaxConcurrency + 1 },
		"per-host huge":    func(c *JobConfig) { c.PerHost = 1 << 40 },
		"workers wrap":     func(c *JobConfig) { c.Pipeline.Workers = 1 << 61 },
	}
	for name, mod := range cases {
		c := base
		mod(&c)
		if _, err := NewJob(context.Background(), c); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if _, err := NewJob(context.Background(), base); err != nil {
		t.Errorf("defaults refused: %v", err)
	}
}

func TestCandidatesPreferClaimedPorts(t *testing.T) {
	a := &named{name: "alpha", ports: []int{9000}}
	c := &named{name: "clickhouse", ports: []int{8123}}
	got := candidates([]store.Prober{a, c}, store.Endpoint{Port: 8123})
	if got[0] != c {
		t.Errorf("port 8123: first candidate %s", got[0].Name())
	}
	got = candidates([]store.Prober{a, c}, store.Endpoint{Port: 1234, Scheme: "clickhouse"})
	if got[0] != c {
		t.Errorf("clickhouse:// scheme: first candidate %s", got[0].Name())
	}
}

type named struct {
	name  string
	ports []int
}

func (n *named) Name() string        { return n.name }
func (n *named) DefaultPorts() []int { return n.ports }
func (n *named) Probe(context.Context, store.Endpoint, *store.Options) (*store.Result, error) {
	return nil, store.ErrNoMatch
}

// One server answering on an HTTP and a native port is reported once: one exposure
// finding naming both ports, each secret once. A second server with another name on
// the same host stays separate.
func TestSameServerOnSeveralPortsIsMerged(t *testing.T) {
	withName := func(r *store.Result, name, proto string, keepData bool) *store.Result {
		r.Service.Details = map[string]string{"display_name": name}
		r.Service.Protocol = proto
		if !keepData {
			r.Service.Datasets, r.Samples = nil, nil
		}
		return r
	}
	b := &behaviour{results: map[int]func(context.Context) (*store.Result, error){
		1: func(context.Context) (*store.Result, error) {
			return withName(openResult(), "prod", "testdb-http", true), nil
		},
		2: func(context.Context) (*store.Result, error) {
			return withName(openResult(), "prod", "testdb-native", false), nil
		},
		3: func(context.Context) (*store.Result, error) {
			return withName(openResult(), "prod", "testdb-http", true), nil
		},
		4: func(context.Context) (*store.Result, error) {
			return withName(openResult(), "staging", "testdb-http", true), nil
		},
	}}
	rep := run(t, testConfig(b), 1, 2, 3, 4)
	sameAs := map[int]string{}
	for _, s := range rep.Services {
		sameAs[s.Port] = s.SameAs
	}
	if sameAs[1] != "" || sameAs[2] != "127.0.0.1:1" || sameAs[3] != "127.0.0.1:1" || sameAs[4] != "" {
		t.Fatalf("same_as = %v", sameAs)
	}
	exposures, keys := 0, 0
	for _, f := range rep.Findings {
		switch {
		case f.Category == finding.Exposure && f.Port == 1:
			exposures++
			if !strings.Contains(f.Evidence, "also open on port 2 (native), 3 (http)") {
				t.Errorf("primary exposure evidence = %q", f.Evidence)
			}
		case f.Category == finding.Exposure && f.Port != 4:
			t.Errorf("secondary port %d kept its own exposure finding", f.Port)
		case f.Rule == "deepseek-api-key" && f.Port != 4:
			keys++
		}
	}
	if exposures != 1 || keys != 1 {
		t.Errorf("exposure findings on the primary = %d, deepseek findings for the merged server = %d; want 1 and 1", exposures, keys)
	}
}

// A streamed scan hands every outcome over as it is done, judged on its own, and keeps
// nothing but counts.
func TestStreamKeepsNothing(t *testing.T) {
	b := &behaviour{results: map[int]func(context.Context) (*store.Result, error){
		1: func(context.Context) (*store.Result, error) { return openResult(), nil },
		2: func(context.Context) (*store.Result, error) { panic("boom") },
	}}
	cfg := testConfig(b)
	var got []Outcome
	cfg.Stream = func(o Outcome) { got = append(got, o) }
	rep := run(t, cfg, 1, 2)
	if len(rep.Services) != 0 || len(rep.Findings) != 0 || len(rep.Errors) != 0 {
		t.Fatalf("streamed report kept %d services, %d findings, %d errors", len(rep.Services), len(rep.Findings), len(rep.Errors))
	}
	if len(got) != 2 || rep.Stats.Services != 1 || rep.Stats.Errors != 1 {
		t.Fatalf("%d outcomes streamed, stats %+v", len(got), rep.Stats)
	}
	var critical, total int
	for _, o := range got {
		for _, f := range o.Findings {
			total++
			if f.ID == "" {
				t.Errorf("streamed finding without id: %+v", f)
			}
			if f.Category == finding.Exposure && f.Severity == finding.Critical {
				critical++
			}
		}
	}
	if critical != 1 || rep.Stats.Findings[finding.Critical] < 1 {
		t.Errorf("critical exposures streamed = %d, counted = %d", critical, rep.Stats.Findings[finding.Critical])
	}
	sum := 0
	for _, n := range rep.Stats.Findings {
		sum += n
	}
	if sum != total {
		t.Errorf("counted %d findings, streamed %d", sum, total)
	}
}

type failing struct {
	named
	err error
}

func (f *failing) Probe(context.Context, store.Endpoint, *store.Options) (*store.Result, error) {
	return nil, f.err
}

// When nothing recognises a port, the error reported is that of the prober the port
// belongs to, not of the last prober tried.
func TestErrorOfTheClaimingProber(t *testing.T) {
	owner := &failing{named{name: "postgres", ports: []int{5432}}, fmt.Errorf("%w: malformed startup reply", store.ErrProtocol)}
	other := &failing{named{name: "mysql", ports: []int{3306}}, fmt.Errorf("%w: no greeting", store.ErrTimeout)}
	cfg := testConfig(nil)
	cfg.Probers = []store.Prober{owner, other}
	rep := run(t, cfg, 5432)
	if len(rep.Errors) != 1 || rep.Errors[0].Stage != "postgres" || !strings.Contains(rep.Errors[0].Error, "malformed startup reply") {
		t.Fatalf("errors = %+v", rep.Errors)
	}
}

// recorder is a prober that notes the credentials it was given at each endpoint.
type recorder struct {
	mu   sync.Mutex
	seen map[string][]string
}

func (r *recorder) Name() string        { return "testdb" }
func (r *recorder) DefaultPorts() []int { return []int{1} }
func (r *recorder) Probe(_ context.Context, ep store.Endpoint, o *store.Options) (*store.Result, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	var names []string
	for _, c := range store.CredentialsToTry(o, "testdb")[1:] {
		names = append(names, c.Username)
	}
	r.seen[ep.Address()] = names
	return nil, fmt.Errorf("%w", store.ErrNoMatch)
}

type onlyAddr netip.Addr

func (a onlyAddr) AllowsEndpoint(ep store.Endpoint) bool { return ep.Addr == netip.Addr(a) }

// A user's credential goes to the hosts it names, else to the targets given; never to
// an endpoint outside them (a replica set member or redirect target a server named),
// and never outside a worker's scope.
func TestCredentialsGoOnlyWhereTheyBelong(t *testing.T) {
	spec := func(s string) target.Spec {
		sp, err := target.ParseSpec(s)
		if err != nil {
			t.Fatal(err)
		}
		return sp
	}
	only2, err := target.ParseHosts([]string{"127.0.0.2"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		limit store.HostScope
		want  map[string]string
	}{
		{"no limit", nil, map[string]string{"127.0.0.1:1": "given", "127.0.0.2:1": "given,only-2", "127.0.0.9:1": ""}},
		{"worker scope", onlyAddr(netip.MustParseAddr("127.0.0.1")), map[string]string{"127.0.0.1:1": "given", "127.0.0.2:1": "", "127.0.0.9:1": ""}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := &recorder{seen: map[string][]string{}}
			pipe := DefaultConfig()
			pipe.Probers = []store.Prober{rec}
			pipe.Options.Credentials = []store.Credential{{Username: "given", Password: "a"}, {Username: "only-2", Password: "b", Scope: only2}}
			job, err := NewJob(context.Background(), JobConfig{Targets: []target.Spec{spec("127.0.0.1:1"), spec("127.0.0.2:1")},
				Pipeline: pipe, CredentialScope: tc.limit})
			if err != nil {
				t.Fatal(err)
			}
			// 127.0.0.9 is not a target: as if a server had named it.
			for _, a := range []string{"127.0.0.1", "127.0.0.2", "127.0.0.9"} {
				ProbeEndpoint(context.Background(), &job.pipe, store.Endpoint{Addr: netip.MustParseAddr(a), Port: 1})
			}
			for ep, want := range tc.want {
				if got := strings.Join(rec.seen[ep], ","); got != want {
					t.Errorf("%s was offered %q, want %q", ep, got, want)
				}
			}
			// The caller's credentials are not changed.
			if pipe.Options.Credentials[0].Scope != nil {
				t.Error("NewJob changed the caller's credentials")
			}
		})
	}
}

// describingProber names products through DescribeProduct, which analysis calls after
// the probe returned (outside the probe's own recovery), and breaks on one product.
type describingProber struct{ *behaviour }

func (d describingProber) DescribeProduct(product string) (string, string, bool) {
	if product == "broken" {
		var names map[string][]string
		return names[product][0], "", true // index out of range
	}
	return "", "", false
}

// A panic while an endpoint's result is analysed (prober code called by analysis, a
// detector on a sampled value) costs that endpoint an error, not the scan: the other
// endpoints' services and findings are kept. Without the recovery the panic ends the
// whole process.
func TestPanicInAnalysisIsContained(t *testing.T) {
	b := &behaviour{results: map[int]func(context.Context) (*store.Result, error){
		1: func(context.Context) (*store.Result, error) { return openResult(), nil },
		2: func(context.Context) (*store.Result, error) {
			r := openResult()
			r.Service.Product = "broken"
			return r, nil
		},
	}}
	cfg := testConfig(b)
	cfg.Probers = []store.Prober{describingProber{b}}
	rep := run(t, cfg, 1, 2)
	if len(rep.Services) != 1 || rep.Services[0].Port != 1 {
		t.Fatalf("services = %+v, want port 1's", rep.Services)
	}
	if len(rep.Findings) == 0 {
		t.Fatal("port 1's findings lost")
	}
	for _, f := range rep.Findings {
		if f.Port != 1 {
			t.Errorf("finding of port %d kept from a crashed analysis: %+v", f.Port, f)
		}
	}
	if len(rep.Errors) != 1 || rep.Errors[0].Port != 2 || !strings.Contains(rep.Errors[0].Error, "crashed") {
		t.Fatalf("errors = %+v, want port 2's crash", rep.Errors)
	}
}

// The security.txt lookups run once every endpoint is done, on what each host's web
// server sends: a panic in one (its parser on a hostile file) costs that host's contact,
// not the finished report of the whole scan.
func TestPanicInContactLookupIsContained(t *testing.T) {
	b := &behaviour{results: map[int]func(context.Context) (*store.Result, error){
		1: func(context.Context) (*store.Result, error) { return openResult(), nil },
		2: func(context.Context) (*store.Result, error) { return openResult(), nil },
	}}
	cfg := testConfig(b)
	cfg.Disclose = func(_ context.Context, host string) finding.Contact {
		if host == "hostile.test" {
			var fields []string
			_ = fields[3] // index out of range
		}
		return finding.Contact{Host: host, URL: "https://" + host + "/.well-known/security.txt", Contact: []string{"mailto:sec@" + host}}
	}
	ch := make(chan store.Endpoint, 2)
	ep1, ep2 := endpoint(1), endpoint(2)
	ep1.Hostname, ep2.Hostname = "good.test", "hostile.test"
	ch <- ep1
	ch <- ep2
	close(ch)
	rep, err := Run(context.Background(), cfg, ch)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if len(rep.Services) != 2 || len(rep.Findings) == 0 {
		t.Fatalf("%d services, %d findings; want both services and their findings", len(rep.Services), len(rep.Findings))
	}
	got := map[string]finding.Contact{}
	for _, c := range rep.Contacts {
		got[c.Host] = c
	}
	if len(got["good.test"].Contact) != 1 {
		t.Errorf("good host's contact lost: %+v", rep.Contacts)
	}
	if c := got["hostile.test"]; !strings.Contains(c.Error, "crashed") || len(c.Contact) != 0 {
		t.Errorf("hostile host's contact = %+v, want an error saying the lookup crashed", c)
	}
}
