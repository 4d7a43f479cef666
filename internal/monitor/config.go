package monitor

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
	"go.yaml.in/yaml/v3"

	"github.com/leakwatch/leakwatch/internal/alert"
	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/history"
	"github.com/leakwatch/leakwatch/internal/lazyre"
	"github.com/leakwatch/leakwatch/internal/netscan"
	"github.com/leakwatch/leakwatch/internal/scan"
	"github.com/leakwatch/leakwatch/internal/store/all"
	"github.com/leakwatch/leakwatch/internal/target"
)

// Config is the monitor's YAML file. Secrets are never written in it: passwords, tokens
// and webhook secrets are named by environment variable or file.
type Config struct {
	// Store is the history: a SQLite file path (relative to the config file) or a
	// postgres:// URL; StoreEnv names an environment variable holding either, for URLs
	// with a password.
	Store    string         `yaml:"store"`
	StoreEnv string         `yaml:"store_env"`
	Web      WebConfig      `yaml:"web"`
	Defaults ScanSettings   `yaml:"defaults"`
	Groups   []Group        `yaml:"groups"`
	Alerts   []RouteConfig  `yaml:"alerts"`
	Delivery DeliveryConfig `yaml:"delivery"`
	History  HistoryConfig  `yaml:"history"`
	Spool    SpoolConfig    `yaml:"spool"`
	// FingerprintKey is the file of the installation key fingerprints are made with.
	// Empty: a PostgreSQL store's shared key, else the user's default key file.
	FingerprintKey string `yaml:"fingerprint_key"`

	// Resolved at load time.
	dir string
}

// WebConfig is the dashboard and API.
type WebConfig struct {
	Disabled bool   `yaml:"disabled"`
	Listen   string `yaml:"listen"`
	// AllowRemote must be set to listen on anything but a loopback address.
	AllowRemote bool `yaml:"allow_remote"`
	// The access token: from TokenEnv or TokenFile, else generated at first start and
	// kept in TokenStore (0600).
	TokenEnv   string `yaml:"token_env"`
	TokenFile  string `yaml:"token_file"`
	TokenStore string `yaml:"token_store"`
	TLSCert    string `yaml:"tls_cert"`
	TLSKey     string `yaml:"tls_key"`
	// InsecureHTTP allows allow_remote without TLS: the token and session cookie then
	// cross the network in clear. Logged loudly at every start.
	InsecureHTTP bool `yaml:"insecure_http"`
	// SessionTTL is how long a dashboard login lasts.
	SessionTTL time.Duration `yaml:"session_ttl"`
	// PublicMetrics serves /metrics without the token (for a scraper on the same host).
	PublicMetrics bool `yaml:"public_metrics"`
	// URL is how alert recipients reach the dashboard (links in alerts); optional.
	URL string `yaml:"url"`
}

// ScanSettings tune a scan; unset fields take the defaults section's value, then
// leakwatch's built-in default.
type ScanSettings struct {
	Concurrency      *int           `yaml:"concurrency"`
	PerHost          *int           `yaml:"per_host"`
	Workers          *int           `yaml:"workers"`
	Rate             *float64       `yaml:"rate"`
	ConnectTimeout   *time.Duration `yaml:"connect_timeout"`
	IOTimeout        *time.Duration `yaml:"io_timeout"`
	Timeout          *time.Duration `yaml:"timeout"`
	InventoryTimeout *time.Duration `yaml:"inventory_timeout"`
	SampleRows       *int           `yaml:"sample_rows"`
	MaxTables        *int           `yaml:"max_tables"`
	MaxDatabases     *int           `yaml:"max_databases"`
	// MaxEndpointSampleBytes is the bytes kept in all samples of one service
	// (--max-endpoint-sample-bytes).
	MaxEndpointSampleBytes *int64 `yaml:"max_endpoint_sample_bytes"`
	NoDefaultCredentials   *bool  `yaml:"no_default_credentials"`
	SecurityTxt            *bool  `yaml:"security_txt"`
	// AllowLocalNames scans target names that resolve to loopback or link-local
	// addresses (off: only localhost and the addresses themselves reach those).
	AllowLocalNames *bool `yaml:"allow_local_names"`
	// Verify asks the issuers of the secrets found whether they are live (off unless
	// set); VerifyRecheck is how long an earlier run's verdict is reused before the
	// issuer is asked again.
	Verify        *bool          `yaml:"verify"`
	VerifyTimeout *time.Duration `yaml:"verify_timeout"`
	VerifyRecheck *time.Duration `yaml:"verify_recheck"`
}

// Group is a set of targets scanned together on one schedule.
type Group struct {
	Name        string            `yaml:"name"`
	Targets     []string          `yaml:"targets"`
	Ports       string            `yaml:"ports"`
	Exclude     []string          `yaml:"exclude"`
	Schedule    Schedule          `yaml:"schedule"`
	Credentials []CredentialRef   `yaml:"credentials"`
	Alerts      []string          `yaml:"alerts"` // route names; empty: every route
	Scan        ScanSettings      `yaml:"scan"`
	Labels      map[string]string `yaml:"labels"`
	// FlapWindow overrides delivery.flap_window for this group.
	FlapWindow *time.Duration `yaml:"flap_window"`
}

// flapWindow is the group's flap damping window (0: off).
func (c *Config) flapWindow(g *Group) time.Duration {
	if g.FlapWindow != nil {
		return *g.FlapWindow
	}
	return c.Delivery.FlapWindow
}

// Schedule is an interval or a cron expression (five fields, or @hourly and friends).
type Schedule struct {
	Interval time.Duration `yaml:"interval"`
	Cron     string        `yaml:"cron"`
	// RunOnStart scans at start when the last run is older than the schedule implies
	// (default true).
	RunOnStart *bool `yaml:"run_on_start"`
}

// CredentialRef names a credential to try; the password comes from the environment or
// a file, never from this file.
type CredentialRef struct {
	Store        string `yaml:"store"`
	Username     string `yaml:"username"`
	PasswordEnv  string `yaml:"password_env"`
	PasswordFile string `yaml:"password_file"`
	// Password is only here to reject it with a clear message.
	Password string `yaml:"password"`
}

// RouteConfig is one alert destination.
type RouteConfig struct {
	Name        string        `yaml:"name"`
	Type        string        `yaml:"type"` // webhook, slack, email, command
	On          []string      `yaml:"on"`   // event kinds; empty: all
	MinSeverity string        `yaml:"min_severity"`
	Timeout     time.Duration `yaml:"timeout"`

	// webhook, slack
	URL        string `yaml:"url"`
	URLEnv     string `yaml:"url_env"` // Slack URLs are secrets themselves
	SecretEnv  string `yaml:"secret_env"`
	SecretFile string `yaml:"secret_file"`

	// email
	SMTP         string   `yaml:"smtp"` // host:port
	From         string   `yaml:"from"`
	To           []string `yaml:"to"`
	Username     string   `yaml:"username"`
	PasswordEnv  string   `yaml:"password_env"`
	PasswordFile string   `yaml:"password_file"`
	StartTLS     string   `yaml:"starttls"`
	ImplicitTLS  bool     `yaml:"tls"`
	CAFile       string   `yaml:"ca_file"`

	// command
	Command []string `yaml:"command"`
	// Env names variables of the monitor's environment passed on to the command, which
	// otherwise gets only PATH, HOME and LANG.
	Env []string `yaml:"env"`

	// Secret is only here to reject inline secrets with a clear message.
	Secret   string `yaml:"secret"`
	Password string `yaml:"password"`
}

// DeliveryConfig tunes alert retries.
type DeliveryConfig struct {
	InitialBackoff time.Duration `yaml:"initial_backoff"`
	MaxBackoff     time.Duration `yaml:"max_backoff"`
	// FlapWindow damps flapping: a finding that comes back within the window after
	// going away (or goes away within the window after coming) raises no alert, and
	// "resolved" is only said once a finding has stayed away for the window. 0: off.
	FlapWindow time.Duration `yaml:"flap_window"`
}

// HistoryConfig is what the monitor keeps.
type HistoryConfig struct {
	// Retention: "90d", "500 runs" (per group), or both ("90d, 500 runs"); empty keeps
	// everything.
	Retention string `yaml:"retention"`

	retention history.Retention
}

// SpoolConfig is where finished runs wait while the history store is unreachable.
type SpoolConfig struct {
	// Dir holds the spooled runs (0700, files 0600). Empty: a directory named after the
	// store under the user's configuration directory.
	Dir string `yaml:"dir"`
	// MaxRuns bounds the spool; the oldest runs are dropped (and counted in the log)
	// beyond it.
	MaxRuns int `yaml:"max_runs"`
}

// Retention is the parsed history.retention.
func (c *Config) Retention() history.Retention { return c.History.retention }

// DefaultConfig is the configuration every file starts from.
func DefaultConfig() Config {
	return Config{
		Store: "leakwatch-history.db",
		Web: WebConfig{
			Listen:     "127.0.0.1:8080",
			TokenStore: "leakwatch-web-token",
			SessionTTL: 12 * time.Hour,
		},
		Delivery: DeliveryConfig{InitialBackoff: alert.DefaultBackoff.Initial, MaxBackoff: alert.DefaultBackoff.Max},
		Spool:    SpoolConfig{MaxRuns: 100},
	}
}

// FieldError is a configuration error at a place in the file.
type FieldError struct {
	Path string // e.g. groups[0].schedule.cron
	Line int    // 1-based; 0 when unknown
	Msg  string
}

func (e *FieldError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("line %d: %s: %s", e.Line, e.Path, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Msg)
}

// ConfigError collects every problem found in a file, so that one edit fixes them all.
type ConfigError struct {
	File   string
	Errors []error
}

func (e *ConfigError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "config %s: ", e.File)
	for i, err := range e.Errors {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(err.Error())
	}
	return b.String()
}

func (e *ConfigError) Unwrap() []error { return e.Errors }

// LoadConfig reads, strictly decodes and validates a configuration file. Every error
// names the line it is about.
func LoadConfig(path string) (*Config, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	return ParseConfig(b, path, filepath.Dir(abs))
}

// ParseConfig decodes and validates a configuration; name is used in errors and dir
// anchors relative paths.
func ParseConfig(b []byte, name, dir string) (*Config, error) {
	cfg := DefaultConfig()
	cfg.dir = dir
	var root yaml.Node
	if err := yaml.Unmarshal(b, &root); err != nil {
		return nil, &ConfigError{File: name, Errors: []error{err}}
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&cfg); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, &ConfigError{File: name, Errors: []error{errors.New("the file is empty")}}
		}
		// yaml's own messages already carry line numbers.
		return nil, &ConfigError{File: name, Errors: []error{err}}
	}
	if errs := cfg.Validate(); len(errs) > 0 {
		for _, e := range errs {
			var fe *FieldError
			if errors.As(e, &fe) && fe.Line == 0 {
				fe.Line = lineOf(&root, fe.Path)
			}
		}
		return nil, &ConfigError{File: name, Errors: errs}
	}
	return &cfg, nil
}

var pathPart = lazyre.New(`([^.\[\]]+)|\[(\d+)\]`)

// lineOf finds the line of a dotted path (groups[1].schedule.cron) in the document, or
// of its nearest existing ancestor.
func lineOf(root *yaml.Node, path string) int {
	n := root
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	line := n.Line
	for _, m := range pathPart.FindAllStringSubmatch(path, -1) {
		var next *yaml.Node
		switch {
		case m[1] != "" && n.Kind == yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == m[1] {
					line = n.Content[i].Line
					next = n.Content[i+1]
					break
				}
			}
		case m[2] != "" && n.Kind == yaml.SequenceNode:
			if i, _ := strconv.Atoi(m[2]); i < len(n.Content) {
				next = n.Content[i]
				line = next.Line
			}
		}
		if next == nil {
			return line
		}
		n = next
		if n.Kind == yaml.ScalarNode || n.Kind == yaml.SequenceNode && m[2] == "" {
			line = n.Line
		}
	}
	return line
}

var namePattern = lazyre.New(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$`)

var envName = lazyre.New(`^[A-Za-z_][A-Za-z0-9_]*$`)

// Validate checks the whole configuration and returns every problem found.
func (c *Config) Validate() []error {
	var errs []error
	bad := func(path, format string, a ...any) {
		errs = append(errs, &FieldError{Path: path, Msg: fmt.Sprintf(format, a...)})
	}
	if c.Store == "" && c.StoreEnv == "" {
		bad("store", "give a SQLite file path or a postgres:// URL")
	}
	if c.Store != "" && c.StoreEnv != "" && c.Store != DefaultConfig().Store {
		bad("store_env", "give only one of store and store_env")
	}
	if IsInlinePassword(c.Store) {
		bad("store", "the URL holds a password: put the URL in an environment variable and name it with store_env")
	}
	c.validateWeb(bad)
	c.validateSettings("defaults", &c.Defaults, bad)

	routes := map[string]bool{}
	for i := range c.Alerts {
		r := &c.Alerts[i]
		p := fmt.Sprintf("alerts[%d]", i)
		if !namePattern.MatchString(r.Name) {
			bad(p+".name", "a route needs a name of letters, digits, '.', '_' or '-'")
		} else if routes[r.Name] {
			bad(p+".name", "route %q is defined twice", r.Name)
		}
		routes[r.Name] = true
		validateRoute(p, r, bad)
	}

	if len(c.Groups) == 0 {
		bad("groups", "at least one target group is needed")
	}
	names := map[string]bool{}
	for i := range c.Groups {
		g := &c.Groups[i]
		p := fmt.Sprintf("groups[%d]", i)
		if !namePattern.MatchString(g.Name) {
			bad(p+".name", "a group needs a name of letters, digits, '.', '_' or '-'")
		} else if names[g.Name] {
			bad(p+".name", "group %q is defined twice", g.Name)
		}
		names[g.Name] = true
		if len(g.Targets) == 0 {
			bad(p+".targets", "at least one target is needed")
		}
		for j, t := range g.Targets {
			if _, err := target.ParseSpec(t); err != nil {
				bad(fmt.Sprintf("%s.targets[%d]", p, j), "%v", err)
			}
		}
		for j, x := range g.Exclude {
			if _, err := target.ParseExclude(x); err != nil {
				bad(fmt.Sprintf("%s.exclude[%d]", p, j), "%v", err)
			}
		}
		if g.Ports != "" {
			if _, err := target.ParsePorts(g.Ports, all.PortNames()); err != nil {
				bad(p+".ports", "%v", err)
			}
		}
		s := g.Schedule
		switch {
		case s.Interval != 0 && s.Cron != "":
			bad(p+".schedule", "give either interval or cron, not both")
		case s.Interval == 0 && s.Cron == "":
			bad(p+".schedule", "give an interval (e.g. 15m) or a cron expression")
		case s.Cron != "":
			if sc, err := cron.ParseStandard(s.Cron); err != nil {
				bad(p+".schedule.cron", "%v", err)
			} else if sc.Next(time.Now()).IsZero() {
				// robfig/cron answers a date that never comes (30 February) with the zero
				// time, which a timer takes as "now", again and again.
				bad(p+".schedule.cron", "%q never fires", s.Cron)
			}
		case s.Interval < time.Second:
			bad(p+".schedule.interval", "must be at least 1s")
		}
		for j, cr := range g.Credentials {
			cp := fmt.Sprintf("%s.credentials[%d]", p, j)
			if cr.Username == "" {
				bad(cp+".username", "is required")
			}
			if cr.Password != "" {
				bad(cp+".password", "inline passwords are not allowed: use password_env or password_file")
			}
			if (cr.PasswordEnv == "") == (cr.PasswordFile == "") {
				bad(cp, "give exactly one of password_env and password_file")
			}
		}
		for j, rn := range g.Alerts {
			if !slices.ContainsFunc(c.Alerts, func(r RouteConfig) bool { return r.Name == rn }) {
				bad(fmt.Sprintf("%s.alerts[%d]", p, j), "no alert route is named %q", rn)
			}
		}
		c.validateSettings(p+".scan", &g.Scan, bad)
	}
	if c.Delivery.InitialBackoff <= 0 {
		bad("delivery.initial_backoff", "must be positive")
	}
	if c.Delivery.MaxBackoff < c.Delivery.InitialBackoff {
		bad("delivery.max_backoff", "must be at least initial_backoff")
	}
	if c.Delivery.FlapWindow < 0 {
		bad("delivery.flap_window", "must not be negative")
	}
	for i, g := range c.Groups {
		if g.FlapWindow != nil && *g.FlapWindow < 0 {
			bad(fmt.Sprintf("groups[%d].flap_window", i), "must not be negative")
		}
	}
	if r, err := history.ParseRetention(c.History.Retention); err != nil {
		bad("history.retention", "%v", err)
	} else {
		c.History.retention = r
	}
	if c.Spool.MaxRuns < 1 {
		bad("spool.max_runs", "must be at least 1")
	}
	return errs
}

// IsInlinePassword reports whether a database URL carries a password.
func IsInlinePassword(dsn string) bool {
	if !history.IsPostgres(dsn) {
		return false
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return false
	}
	_, has := u.User.Password()
	return has || u.Query().Get("password") != ""
}

func (c *Config) validateWeb(bad func(string, string, ...any)) {
	w := &c.Web
	if w.Disabled {
		return
	}
	host, port, err := net.SplitHostPort(w.Listen)
	if err != nil {
		bad("web.listen", "want host:port, e.g. 127.0.0.1:8080: %v", err)
	} else {
		if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
			bad("web.listen", "bad port %q", port)
		}
		if !IsLoopbackHost(host) && !w.AllowRemote {
			bad("web.listen", "%q is not a loopback address: the dashboard shows what is exposed, so listening "+
				"beyond this machine needs allow_remote: true with tls_cert/tls_key", host)
		}
		if !IsLoopbackHost(host) && w.AllowRemote && w.TLSCert == "" && !w.InsecureHTTP {
			bad("web.allow_remote", "listening on %q without TLS would send the access token and session cookie in clear: "+
				"give tls_cert and tls_key (or, knowingly, insecure_http: true)", host)
		}
	}
	if w.TokenEnv != "" && w.TokenFile != "" {
		bad("web.token_env", "give only one of token_env and token_file")
	}
	if (w.TLSCert == "") != (w.TLSKey == "") {
		bad("web.tls_cert", "give both tls_cert and tls_key")
	}
	if w.SessionTTL < time.Minute {
		bad("web.session_ttl", "must be at least 1m")
	}
	if w.URL != "" {
		if u, err := url.Parse(w.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			bad("web.url", "want an absolute http(s) URL")
		}
	}
}

// IsLoopbackHost reports whether a listen host stays on this machine. An empty host
// means every interface.
func IsLoopbackHost(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func (c *Config) validateSettings(p string, s *ScanSettings, bad func(string, string, ...any)) {
	for name, v := range map[string]*int{"concurrency": s.Concurrency, "per_host": s.PerHost, "workers": s.Workers,
		"max_tables": s.MaxTables, "max_databases": s.MaxDatabases} {
		if v != nil && *v < 1 {
			bad(p+"."+name, "must be at least 1")
		}
	}
	if s.MaxEndpointSampleBytes != nil && *s.MaxEndpointSampleBytes < 1 {
		bad(p+".max_endpoint_sample_bytes", "must be at least 1")
	}
	if s.SampleRows != nil && *s.SampleRows < 0 {
		bad(p+".sample_rows", "must not be negative")
	}
	if s.Rate != nil && (math.IsNaN(*s.Rate) || math.IsInf(*s.Rate, 0)) {
		bad(p+".rate", "must be a number of connections a second (0: no limit)")
	} else if s.Rate != nil && *s.Rate < 0 {
		bad(p+".rate", "must not be negative")
	}
	if s.Workers != nil && *s.Workers > scan.MaxWorkers {
		bad(p+".workers", "must be at most %d", scan.MaxWorkers)
	}
	for name, v := range map[string]*int{"concurrency": s.Concurrency, "per_host": s.PerHost} {
		if v != nil && *v > netscan.MaxConcurrency {
			bad(p+"."+name, "must be at most %d", netscan.MaxConcurrency)
		}
	}
	for name, v := range map[string]*time.Duration{"connect_timeout": s.ConnectTimeout, "io_timeout": s.IOTimeout,
		"timeout": s.Timeout, "inventory_timeout": s.InventoryTimeout, "verify_timeout": s.VerifyTimeout,
		"verify_recheck": s.VerifyRecheck} {
		if v != nil && *v <= 0 {
			bad(p+"."+name, "must be positive")
		}
	}
}

func validateRoute(p string, r *RouteConfig, bad func(string, string, ...any)) {
	if r.Secret != "" {
		bad(p+".secret", "inline secrets are not allowed: use secret_env or secret_file")
	}
	if r.Password != "" {
		bad(p+".password", "inline passwords are not allowed: use password_env or password_file")
	}
	if r.MinSeverity != "" {
		if _, err := finding.ParseSeverity(r.MinSeverity); err != nil {
			bad(p+".min_severity", "%v", err)
		}
	}
	for j, k := range r.On {
		if !slices.Contains(alert.Kinds(), k) {
			bad(fmt.Sprintf("%s.on[%d]", p, j), "unknown event %q (want one of %s)", k, strings.Join(alert.Kinds(), ", "))
		}
	}
	if r.Timeout < 0 {
		bad(p+".timeout", "must not be negative")
	}
	if len(r.Env) > 0 && r.Type != "command" {
		bad(p+".env", "only command routes take env")
	}
	checkURL := func() {
		if r.URL != "" && r.URLEnv != "" {
			bad(p+".url", "give only one of url and url_env")
			return
		}
		if r.URLEnv != "" {
			return
		}
		u, err := url.Parse(r.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			bad(p+".url", "want an absolute http(s) URL")
		}
	}
	switch r.Type {
	case "webhook":
		checkURL()
		if r.SecretEnv != "" && r.SecretFile != "" {
			bad(p+".secret_env", "give only one of secret_env and secret_file")
		}
	case "slack":
		checkURL()
	case "email":
		if _, _, err := net.SplitHostPort(r.SMTP); err != nil {
			bad(p+".smtp", "want host:port of the SMTP server")
		}
		if !strings.Contains(r.From, "@") {
			bad(p+".from", "want a sender address")
		}
		if len(r.To) == 0 {
			bad(p+".to", "at least one recipient is needed")
		}
		for j, to := range r.To {
			if !strings.Contains(to, "@") || strings.ContainsAny(to, "\r\n<>") {
				bad(fmt.Sprintf("%s.to[%d]", p, j), "%q is not an address", to)
			}
		}
		if r.Username != "" && (r.PasswordEnv == "") == (r.PasswordFile == "") {
			bad(p+".username", "give exactly one of password_env and password_file with username")
		}
		switch r.StartTLS {
		case "", alert.StartTLSAuto, alert.StartTLSAlways, alert.StartTLSNever:
		default:
			bad(p+".starttls", "want auto, always or never")
		}
	case "command":
		if len(r.Command) == 0 || r.Command[0] == "" {
			bad(p+".command", "give the program and its arguments as a list")
		}
		for j, name := range r.Env {
			if !envName.MatchString(name) {
				bad(fmt.Sprintf("%s.env[%d]", p, j), "%q is not an environment variable name", name)
			}
		}
	case "":
		bad(p+".type", "is required: webhook, slack, email or command")
	default:
		bad(p+".type", "unknown type %q (want webhook, slack, email or command)", r.Type)
	}
}

// Path resolves a path from the file relative to the file's directory.
func (c *Config) Path(p string) string {
	if p == "" || filepath.IsAbs(p) || c.dir == "" {
		return p
	}
	return filepath.Join(c.dir, p)
}

// StoreDSN is the history store to open: the URL or resolved file path.
func (c *Config) StoreDSN(getenv func(string) string) (string, error) {
	if c.StoreEnv != "" {
		v := getenv(c.StoreEnv)
		if v == "" {
			return "", fmt.Errorf("store_env: environment variable %s is empty or unset", c.StoreEnv)
		}
		if history.IsPostgres(v) {
			return v, nil
		}
		return c.Path(v), nil
	}
	if history.IsPostgres(c.Store) {
		return c.Store, nil
	}
	return c.Path(c.Store), nil
}

// secretFrom reads a secret named by environment variable or file. Errors name where it
// was looked for, never what was found.
func (c *Config) secretFrom(envName, file string, getenv func(string) string) (string, error) {
	switch {
	case envName != "":
		v := getenv(envName)
		if v == "" {
			return "", fmt.Errorf("environment variable %s is empty or unset", envName)
		}
		return v, nil
	case file != "":
		b, err := os.ReadFile(c.Path(file))
		if err != nil {
			return "", fmt.Errorf("reading secret file: %w", err)
		}
		v := strings.TrimRight(string(b), "\r\n")
		if v == "" {
			return "", fmt.Errorf("secret file %s is empty", file)
		}
		return v, nil
	}
	return "", nil
}
