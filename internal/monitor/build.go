package monitor

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/leakwatch/leakwatch/internal/alert"
	"github.com/leakwatch/leakwatch/internal/detect"
	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/netscan"
	"github.com/leakwatch/leakwatch/internal/scan"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/all"
	"github.com/leakwatch/leakwatch/internal/target"
	"github.com/leakwatch/leakwatch/internal/verify"
)

// settings are a group's effective scan settings.
type settings struct {
	concurrency, perHost, workers          int
	rate                                   float64
	connect, io, timeout, inventoryTimeout time.Duration
	sampleRows, maxTables, maxDatabases    int
	maxEndpointSampleBytes                 int64
	noDefaultCreds, securityTxt            bool
	allowLocalNames                        bool
	verify                                 bool
	verifyTimeout, verifyRecheck           time.Duration
}

func builtinSettings() settings {
	o := store.DefaultOptions()
	p := scan.DefaultConfig()
	return settings{
		concurrency: netscan.DefaultConcurrency, perHost: netscan.DefaultPerHost, workers: p.Workers,
		connect: o.ConnectTimeout, io: o.IOTimeout, timeout: p.TargetTimeout, inventoryTimeout: o.InventoryTimeout,
		sampleRows: o.SampleRows, maxTables: o.MaxTables, maxDatabases: o.MaxDatabases,
		maxEndpointSampleBytes: o.MaxEndpointSampleBytes,
		// A monitor looks at its own network: the security.txt lookup is for strangers'.
		securityTxt: false,
		// Issuers are asked only when the file says so.
		verify: false, verifyTimeout: verify.DefaultTimeout, verifyRecheck: 24 * time.Hour,
	}
}

func set[T any](dst *T, src *T) {
	if src != nil {
		*dst = *src
	}
}

func (s *settings) apply(o *ScanSettings) {
	set(&s.concurrency, o.Concurrency)
	set(&s.perHost, o.PerHost)
	set(&s.workers, o.Workers)
	set(&s.rate, o.Rate)
	set(&s.connect, o.ConnectTimeout)
	set(&s.io, o.IOTimeout)
	set(&s.timeout, o.Timeout)
	set(&s.inventoryTimeout, o.InventoryTimeout)
	set(&s.sampleRows, o.SampleRows)
	set(&s.maxTables, o.MaxTables)
	set(&s.maxDatabases, o.MaxDatabases)
	set(&s.maxEndpointSampleBytes, o.MaxEndpointSampleBytes)
	set(&s.noDefaultCreds, o.NoDefaultCredentials)
	set(&s.securityTxt, o.SecurityTxt)
	set(&s.allowLocalNames, o.AllowLocalNames)
	set(&s.verify, o.Verify)
	set(&s.verifyTimeout, o.VerifyTimeout)
	set(&s.verifyRecheck, o.VerifyRecheck)
}

// settingsFor is a group's effective settings.
func (c *Config) settingsFor(g *Group) settings {
	s := builtinSettings()
	s.apply(&c.Defaults)
	s.apply(&g.Scan)
	return s
}

// jobConfig turns a group into the same scan `leakwatch scan` runs. Secrets are read
// now, so a reload picks up rotated passwords.
func (c *Config) jobConfig(g *Group, engine *detect.Engine, logger *slog.Logger, getenv func(string) string) (scan.JobConfig, error) {
	s := c.settingsFor(g)

	var specs, excl []target.Spec
	for _, t := range g.Targets {
		sp, err := target.ParseSpec(t)
		if err != nil {
			return scan.JobConfig{}, err
		}
		specs = append(specs, sp)
	}
	for _, x := range g.Exclude {
		sp, err := target.ParseExclude(x)
		if err != nil {
			return scan.JobConfig{}, err
		}
		excl = append(excl, sp)
	}
	ports := all.DefaultPorts()
	if g.Ports != "" {
		p, err := target.ParsePorts(g.Ports, all.PortNames())
		if err != nil {
			return scan.JobConfig{}, err
		}
		ports = p
	}
	var creds []store.Credential
	for i, cr := range g.Credentials {
		pw, err := c.secretFrom(cr.PasswordEnv, cr.PasswordFile, getenv)
		if err != nil {
			return scan.JobConfig{}, fmt.Errorf("group %s: credentials[%d] (%s): %w", g.Name, i, cr.Username, err)
		}
		creds = append(creds, store.Credential{Store: strings.ToLower(cr.Store), Username: cr.Username, Password: pw})
	}

	opts := store.DefaultOptions()
	opts.ConnectTimeout = s.connect
	opts.IOTimeout = s.io
	opts.InventoryTimeout = s.inventoryTimeout
	opts.SampleRows = s.sampleRows
	opts.MaxTables = s.maxTables
	opts.MaxDatabases = s.maxDatabases
	opts.MaxEndpointSampleBytes = s.maxEndpointSampleBytes
	opts.Credentials = creds
	opts.NoDefaultCredentials = s.noDefaultCreds
	opts.Logger = logger

	pipe := scan.DefaultConfig()
	pipe.Probers = all.Probers()
	pipe.Options = opts
	pipe.Workers = s.workers
	pipe.TargetTimeout = s.timeout
	pipe.Engine = engine
	pipe.Logger = logger
	// Never raw values: history and alerts keep only redacted evidence.
	pipe.Reveal = false
	return scan.JobConfig{
		Targets: specs, Target: target.Config{Ports: ports, Exclude: excl, MaxAddresses: target.DefaultMaxAddresses,
			AllowLocalNames: s.allowLocalNames},
		Concurrency: s.concurrency, PerHost: s.perHost, Rate: s.rate, Pipeline: pipe, SecurityTxt: s.securityTxt,
	}, nil
}

// nextRun says when a schedule fires after t.
type nextRun interface{ Next(time.Time) time.Time }

type every time.Duration

func (e every) Next(t time.Time) time.Time { return t.Add(time.Duration(e)) }

func (g *Group) schedule() (nextRun, error) {
	if g.Schedule.Cron != "" {
		return cron.ParseStandard(g.Schedule.Cron)
	}
	return every(g.Schedule.Interval), nil
}

func (g *Group) runOnStart() bool { return g.Schedule.RunOnStart == nil || *g.Schedule.RunOnStart }

// routes builds the senders and their filters.
func (c *Config) routes(getenv func(string) string) (map[string]alert.Sender, []alert.Route, error) {
	senders := map[string]alert.Sender{}
	var filters []alert.Route
	for _, r := range c.Alerts {
		s, err := c.sender(&r, getenv)
		if err != nil {
			return nil, nil, fmt.Errorf("alert route %s: %w", r.Name, err)
		}
		senders[r.Name] = s
		minSev := finding.Info
		if r.MinSeverity != "" {
			minSev, _ = finding.ParseSeverity(r.MinSeverity)
		}
		filters = append(filters, alert.Route{Name: r.Name, Kinds: r.On, MinSeverity: minSev})
	}
	return senders, filters, nil
}

func (c *Config) sender(r *RouteConfig, getenv func(string) string) (alert.Sender, error) {
	url := r.URL
	if r.URLEnv != "" {
		url = getenv(r.URLEnv)
		if url == "" {
			return nil, fmt.Errorf("environment variable %s is empty or unset", r.URLEnv)
		}
	}
	switch r.Type {
	case "webhook":
		secret, err := c.secretFrom(r.SecretEnv, r.SecretFile, getenv)
		if err != nil {
			return nil, err
		}
		return &alert.Webhook{URL: url, Secret: []byte(secret), Timeout: r.Timeout}, nil
	case "slack":
		return &alert.Slack{URL: url, Timeout: r.Timeout}, nil
	case "email":
		pw := ""
		if r.Username != "" {
			var err error
			if pw, err = c.secretFrom(r.PasswordEnv, r.PasswordFile, getenv); err != nil {
				return nil, err
			}
		}
		var tcfg *tls.Config
		if r.CAFile != "" {
			pem, err := os.ReadFile(c.Path(r.CAFile))
			if err != nil {
				return nil, err
			}
			pool := x509.NewCertPool()
			if !pool.AppendCertsFromPEM(pem) {
				return nil, fmt.Errorf("ca_file %s holds no PEM certificate", r.CAFile)
			}
			tcfg = &tls.Config{RootCAs: pool}
		}
		st := r.StartTLS
		if st == "" {
			st = alert.StartTLSAuto
		}
		return &alert.Email{Addr: r.SMTP, From: r.From, To: r.To, Username: r.Username, Password: pw, StartTLS: st,
			ImplicitTLS: r.ImplicitTLS, TLSConfig: tcfg, Timeout: r.Timeout}, nil
	case "command":
		argv := append([]string{}, r.Command...)
		argv[0] = c.Path(argv[0])
		if !strings.ContainsRune(r.Command[0], '/') {
			argv[0] = r.Command[0] // looked up in PATH
		}
		var env []string
		for _, name := range r.Env {
			v := getenv(name)
			if v == "" {
				return nil, fmt.Errorf("env: environment variable %s is empty or unset", name)
			}
			env = append(env, name+"="+v)
		}
		return &alert.Command{Argv: argv, Env: env, Timeout: r.Timeout}, nil
	}
	return nil, fmt.Errorf("unknown type %q", r.Type)
}

// Prepare checks what Validate cannot: that every secret the file names (environment
// variables, files, CA files) is there. The monitor calls it before accepting a
// (re)loaded file.
func (c *Config) Prepare(ctx context.Context, getenv func(string) string) error {
	if _, _, err := c.routes(getenv); err != nil {
		return err
	}
	for i := range c.Groups {
		if _, err := c.jobConfig(&c.Groups[i], nil, nil, getenv); err != nil {
			return err
		}
	}
	return nil
}
