package cli

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/leakwatch/leakwatch/internal/alert"
	"github.com/leakwatch/leakwatch/internal/detect"
	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/querywatch"
	"github.com/leakwatch/leakwatch/internal/report"
	"github.com/leakwatch/leakwatch/internal/store"
)

type watchFlags struct {
	user, password, passwordEnv, passwordFile string

	state     string
	since     time.Duration
	once      bool
	interval  time.Duration
	allow     []string
	local     []string
	sensFrom  []string
	sensitive []string
	serverLog []string

	bulkRows      int64
	bulkBytes     int64
	enumThreshold int
	authFailures  int
	window        time.Duration
	overlap       time.Duration
	noIgnoreSelf  bool

	connectTimeout time.Duration
	ioTimeout      time.Duration

	format  string
	output  string
	failOn  string
	noColor bool

	webhooks      []string
	webhookSecret string
	slack         []string
	commands      []string
	alertMin      string
}

func newWatchQueriesCmd(e *env) *cobra.Command {
	f := &watchFlags{}
	def := querywatch.DefaultConfig()
	sdef := store.DefaultOptions()
	cmd := &cobra.Command{
		Use:   "watch-queries [flags] SERVER",
		Short: "Watch a ClickHouse server's query log for signs of intrusion",
		Long: `Read a ClickHouse server's system.query_log (and system.session_log on 21.x+)
incrementally, through leakwatch's read-only query path, and report what looks like
someone walking in: queries from addresses outside --allow, the default user used from
another host, sweeps of databases/tables/columns, bulk reads of tables a scan found
sensitive data in, url()/file()/remote()/s3() calls, and bursts of failed logins.

SERVER is http://host:8123, https://host:8443, host:port or host. The position in the
logs is kept in a state file, so each run reports only what is new. Servers before 21.x
record failed logins only in their text log: give it with --server-log.

Run once (--once, e.g. from cron) or keep watching (the default, every --interval); a
stop by SIGINT or SIGTERM is a clean exit. When watching, text and jsonl output is
written as findings appear (jsonl suits log shippers; -o appends); json, sarif and
markdown are written once, when the watch ends.`,
		Example: `  leakwatch watch-queries --once --user watcher --password-env CH_PW http://db1:8123
  leakwatch watch-queries --allow 10.0.0.0/8 --sensitive-from scan.json --format jsonl -o alerts.jsonl db1
  leakwatch watch-queries --server-log /var/log/clickhouse-server/clickhouse-server.log \
      --alert-webhook https://hooks.example/leakwatch --interval 30s 127.0.0.1:8123`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runWatchQueries(cmd.Context(), e, f, args[0])
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&f.user, "user", "u", "", "ClickHouse user to read the logs as (default: default, no password); a readonly profile is enough")
	fl.StringVar(&f.password, "password", "", "password for --user (visible in the process list: prefer --password-env)")
	fl.StringVar(&f.passwordEnv, "password-env", "", "read the password from environment variable `NAME`")
	fl.StringVar(&f.passwordFile, "password-file", "", "read the password from `FILE`")

	fl.StringVar(&f.state, "state", "", "state `FILE` with the read position per server (default: $XDG_STATE_HOME/leakwatch/querywatch.json)")
	fl.DurationVar(&f.since, "since", def.Since, "how far back the first run on a server reads")
	fl.BoolVar(&f.once, "once", false, "read what is new once and exit (exit 1 when findings reach --fail-on)")
	fl.DurationVar(&f.interval, "interval", 30*time.Second, "time between polls when watching")
	fl.StringSliceVar(&f.allow, "allow", nil, "client networks expected to query the server, e.g. 10.0.0.0/8,192.168.1.0/24 "+
		"(default: loopback and private networks); --local addresses are always allowed")
	fl.StringSliceVar(&f.local, "local", []string{"127.0.0.1/32", "::1/128"}, "addresses of the server's own host, from which the default user is expected")
	fl.StringArrayVar(&f.sensFrom, "sensitive-from", nil, "leakwatch scan report (--format json) whose tables holding secrets, PII or chat are watched for bulk reads; repeatable")
	fl.StringArrayVar(&f.sensitive, "sensitive", nil, "a table to watch for bulk reads, as db.table; repeatable")
	fl.StringArrayVar(&f.serverLog, "server-log", nil, "clickhouse-server.log `FILE` to read failed logins from (needed before 21.x); repeatable")

	fl.Int64Var(&f.bulkRows, "bulk-rows", def.BulkRows, "a result of this many rows from a sensitive table is a bulk read")
	fl.Int64Var(&f.bulkBytes, "bulk-bytes", def.BulkBytes, "… or of this many bytes")
	fl.IntVar(&f.enumThreshold, "enum-threshold", def.EnumThreshold, "distinct listing queries by one client within --window that make a sweep")
	fl.IntVar(&f.authFailures, "auth-failures", def.AuthFailures, "failed logins from one source within --window that make a burst")
	fl.DurationVar(&f.window, "window", def.Window, "window of the sweep and burst rules, and quiet time after each alert")
	fl.DurationVar(&f.overlap, "overlap", def.Overlap, "how far back each poll re-reads, for log rows the server flushes late")
	fl.BoolVar(&f.noIgnoreSelf, "no-ignore-self", false, "also report the queries of leakwatch scans")

	fl.DurationVar(&f.connectTimeout, "connect-timeout", sdef.ConnectTimeout, "timeout for connecting to the server")
	fl.DurationVar(&f.ioTimeout, "io-timeout", sdef.IOTimeout, "timeout for each query")

	fl.StringVarP(&f.format, "format", "f", "text", "output format: "+strings.Join(report.Formats(), ", ")+" (jsonl recommended when watching)")
	fl.StringVarP(&f.output, "output", "o", "", "write findings to `FILE` (mode 0600; appended to when watching)")
	fl.StringVar(&f.failOn, "fail-on", "high", "with --once, exit 1 when a finding has this severity or higher")
	fl.BoolVar(&f.noColor, "no-color", false, "no colours in the text output")

	fl.StringArrayVar(&f.webhooks, "alert-webhook", nil, "POST each batch of findings as signed JSON to `URL`; repeatable")
	fl.StringVar(&f.webhookSecret, "alert-webhook-secret-env", "", "sign webhook bodies with the secret in environment variable `NAME` (HMAC-SHA256)")
	fl.StringArrayVar(&f.slack, "alert-slack", nil, "post each batch to a Slack-compatible incoming webhook `URL`; repeatable")
	fl.StringArrayVar(&f.commands, "alert-command", nil, "run `COMMAND` (split on spaces) with each batch's JSON on stdin; repeatable")
	fl.StringVar(&f.alertMin, "alert-min-severity", "high", "lowest severity sent to alert routes")
	return cmd
}

// parseServer reads SERVER into an endpoint, resolving a host name once.
func parseServer(ctx context.Context, s string) (store.Endpoint, bool, error) {
	useTLS := false
	hostport := s
	if strings.Contains(s, "://") {
		u, err := url.Parse(s)
		if err != nil {
			return store.Endpoint{}, false, err
		}
		switch u.Scheme {
		case "http":
		case "https":
			useTLS = true
		default:
			return store.Endpoint{}, false, fmt.Errorf("scheme %q: want http or https", u.Scheme)
		}
		hostport = u.Host
	}
	host, portStr, err := net.SplitHostPort(hostport)
	if err != nil {
		host, portStr = strings.Trim(hostport, "[]"), ""
	}
	port := 8123
	if useTLS {
		port = 8443
	}
	if portStr != "" {
		if port, err = strconv.Atoi(portStr); err != nil || port < 1 || port > 65535 {
			return store.Endpoint{}, false, fmt.Errorf("bad port %q", portStr)
		}
	}
	if host == "" {
		return store.Endpoint{}, false, errors.New("no host")
	}
	ep := store.Endpoint{Port: port, Scheme: map[bool]string{true: "https", false: "http"}[useTLS]}
	if a, err := netip.ParseAddr(host); err == nil {
		ep.Addr = a.Unmap()
		return ep, useTLS, nil
	}
	rctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	addrs, err := net.DefaultResolver.LookupNetIP(rctx, "ip", host)
	if err != nil || len(addrs) == 0 {
		return store.Endpoint{}, false, fmt.Errorf("resolving %s: %v", host, err)
	}
	ep.Addr, ep.Hostname = addrs[0].Unmap(), host
	return ep, useTLS, nil
}

func parsePrefixes(flag string, list []string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, s := range list {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		p, err := netip.ParsePrefix(s)
		if err != nil {
			a, aerr := netip.ParseAddr(s)
			if aerr != nil {
				return nil, usagef("%s: %q is not an address or CIDR block", flag, s)
			}
			p = netip.PrefixFrom(a, a.BitLen())
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

func defaultStatePath() string {
	if d := os.Getenv("XDG_STATE_HOME"); d != "" {
		return filepath.Join(d, "leakwatch", "querywatch.json")
	}
	if h, err := os.UserHomeDir(); err == nil {
		return filepath.Join(h, ".local", "state", "leakwatch", "querywatch.json")
	}
	return "querywatch.json"
}

func buildWatch(ctx context.Context, e *env, f *watchFlags, server string) (querywatch.Config, error) {
	cfg := querywatch.DefaultConfig()
	ep, useTLS, err := parseServer(ctx, server)
	if err != nil {
		return cfg, usagef("SERVER %q: %v", server, err)
	}
	cfg.Endpoint, cfg.TLS = ep, useTLS
	n := 0
	for _, s := range []string{f.password, f.passwordEnv, f.passwordFile} {
		if s != "" {
			n++
		}
	}
	if n > 1 {
		return cfg, usagef("give only one of --password, --password-env, --password-file")
	}
	if f.user != "" || n > 0 {
		pw, err := resolvePassword(f.password, f.passwordEnv, f.passwordFile, os.Getenv)
		if err != nil {
			return cfg, usagef("password: %v", err)
		}
		cfg.Credential = &store.Credential{Username: nonEmptyString(f.user, "default"), Password: pw}
	}
	if cfg.Allow, err = parsePrefixes("--allow", f.allow); err != nil {
		return cfg, err
	}
	if cfg.Local, err = parsePrefixes("--local", f.local); err != nil {
		return cfg, err
	}
	for _, p := range f.sensFrom {
		ts, err := querywatch.SensitiveFromReport(p)
		if err != nil {
			return cfg, usagef("--sensitive-from: %v", err)
		}
		if len(ts) == 0 {
			e.logger.Warn("the scan report classifies no table as sensitive", "report", p)
		}
		cfg.Sensitive = append(cfg.Sensitive, ts...)
	}
	for _, s := range f.sensitive {
		t, err := querywatch.ParseTable(s)
		if err != nil {
			return cfg, usagef("--sensitive: %v", err)
		}
		cfg.Sensitive = append(cfg.Sensitive, t)
	}
	for _, p := range f.serverLog {
		fh, err := os.Open(p)
		if err != nil {
			return cfg, usagef("--server-log: %v", err)
		}
		fh.Close()
	}
	cfg.ServerLogs = f.serverLog
	cfg.StatePath = f.state
	if cfg.StatePath == "" {
		cfg.StatePath = defaultStatePath()
	}
	cfg.Since, cfg.BulkRows, cfg.BulkBytes = f.since, f.bulkRows, f.bulkBytes
	cfg.EnumThreshold, cfg.AuthFailures, cfg.Window, cfg.Overlap = f.enumThreshold, f.authFailures, f.window, f.overlap
	cfg.NoIgnoreSelf = f.noIgnoreSelf
	if f.connectTimeout <= 0 || f.ioTimeout <= 0 {
		return cfg, usagef("--connect-timeout and --io-timeout must be positive")
	}
	cfg.Options.ConnectTimeout, cfg.Options.IOTimeout = f.connectTimeout, f.ioTimeout
	cfg.Engine = detect.Default()
	cfg.Logger = e.logger
	if !f.once && f.interval < time.Second {
		return cfg, usagef("--interval must be at least 1s")
	}
	if err := cfg.Validate(); err != nil {
		return cfg, usageError{err}
	}
	return cfg, nil
}

func nonEmptyString(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func runWatchQueries(ctx context.Context, e *env, f *watchFlags, server string) error {
	failOn, err := finding.ParseSeverity(f.failOn)
	if err != nil {
		return usagef("--fail-on: %v", err)
	}
	alertMin, err := finding.ParseSeverity(f.alertMin)
	if err != nil {
		return usagef("--alert-min-severity: %v", err)
	}
	w, err := report.New(f.format, report.Options{})
	if err != nil {
		return usagef("--format: %v", err)
	}
	routes, err := alertRoutes(f)
	if err != nil {
		return err
	}
	cfg, err := buildWatch(ctx, e, f, server)
	if err != nil {
		return err
	}
	watcher, err := querywatch.New(cfg)
	if err != nil {
		return err
	}
	defer watcher.Close()

	started := time.Now()
	all := &finding.Report{Tool: "leakwatch", Version: Version, Started: started}
	var mu sync.Mutex
	streaming := !f.once && (f.format == "jsonl" || f.format == "text")
	var out io.Writer = e.stdout
	var file *outFile
	if f.output != "" {
		open := createPrivate
		if streaming {
			open = appendPrivate
		}
		if file, err = open(f.output); err != nil {
			return err
		}
		defer file.Close()
		out = file
	}
	if t, ok := w.(*report.Text); ok {
		t.Color = !f.noColor && file == nil && isTerminal(e.stdout) && os.Getenv("NO_COLOR") == ""
		t.Width = terminalWidth(out)
	}
	group := "watch-queries " + cfg.Endpoint.Name() + ":" + strconv.Itoa(cfg.Endpoint.Port)
	emit := func(fs []finding.Finding) error {
		mu.Lock()
		all.Findings = append(all.Findings, fs...)
		mu.Unlock()
		if streaming {
			if err := w.Write(out, &finding.Report{Tool: "leakwatch", Version: Version, Started: time.Now(), Finished: time.Now(), Findings: fs}); err != nil {
				return err
			}
		}
		sendAlerts(ctx, e, routes, group, fs, alertMin)
		return nil
	}

	if f.once {
		if err := watcher.Poll(ctx, emit); err != nil {
			return err
		}
	} else {
		// A first poll that fails is a configuration mistake (address, password, logging
		// off): say so at once instead of retrying forever.
		if err := watcher.Poll(ctx, emit); err != nil {
			switch {
			case ctx.Err() != nil:
				return nil
			case errors.Is(err, querywatch.ErrNoQueryLog):
				// A server just started has no query_log until its first flush.
				e.logger.Warn("waiting for system.query_log to appear", "err", err)
			default:
				return err
			}
		}
		if err := watcher.Run(ctx, f.interval, emit); err != nil {
			return err
		}
	}
	st := watcher.Stats()
	e.logger.Info("watch-queries done", "polls", st.Polls, "rows", st.Rows, "events", st.Events, "own_queries_ignored", st.Self,
		"findings", st.Findings)
	all.Finished = time.Now()
	if !streaming {
		finding.Sort(all.Findings)
		if err := w.Write(out, all); err != nil {
			if file != nil {
				file.Abort()
			}
			return fmt.Errorf("writing report: %w", err)
		}
	}
	if file != nil {
		if err := file.Close(); err != nil {
			return err
		}
	}
	if f.once && finding.AtLeast(all.Findings, failOn) {
		return exitCode(ExitFindings)
	}
	return nil
}

type namedSender struct {
	name string
	s    alert.Sender
}

func alertRoutes(f *watchFlags) ([]namedSender, error) {
	var out []namedSender
	var secret []byte
	if f.webhookSecret != "" {
		v := os.Getenv(f.webhookSecret)
		if v == "" {
			return nil, usagef("--alert-webhook-secret-env: %s is empty or unset", f.webhookSecret)
		}
		secret = []byte(v)
	}
	for i, u := range f.webhooks {
		if err := checkURL(u); err != nil {
			return nil, usagef("--alert-webhook: %v", err)
		}
		out = append(out, namedSender{fmt.Sprintf("webhook-%d", i+1), &alert.Webhook{URL: u, Secret: secret}})
	}
	for i, u := range f.slack {
		if err := checkURL(u); err != nil {
			return nil, usagef("--alert-slack: %v", err)
		}
		out = append(out, namedSender{fmt.Sprintf("slack-%d", i+1), &alert.Slack{URL: u}})
	}
	for i, c := range f.commands {
		argv := strings.Fields(c)
		if len(argv) == 0 {
			return nil, usagef("--alert-command: empty command")
		}
		out = append(out, namedSender{fmt.Sprintf("command-%d", i+1), &alert.Command{Argv: argv}})
	}
	return out, nil
}

func checkURL(s string) error {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%q is not an http(s) URL", s)
	}
	return nil
}

// sendAlerts delivers a batch to every route, retrying twice; a route that stays down is
// logged, and the watch goes on (the findings are in the output regardless).
func sendAlerts(ctx context.Context, e *env, routes []namedSender, group string, fs []finding.Finding, minimum finding.Severity) {
	if len(routes) == 0 {
		return
	}
	var events []alert.Event
	h := sha256.New()
	for _, f := range fs {
		if f.Severity < minimum {
			continue
		}
		events = append(events, alert.Event{Kind: "intrusion", Severity: f.Severity, Title: f.Title, Host: f.Host, Port: f.Port,
			Protocol: f.Protocol, Database: f.Database, Table: f.Table, Rule: f.Rule, FindingID: f.ID,
			Detail: f.Detail + " " + f.Evidence})
		h.Write([]byte(f.ID))
	}
	if len(events) == 0 {
		return
	}
	batch := hex.EncodeToString(h.Sum(nil)[:16])
	top, _ := finding.Max(fs)
	for _, r := range routes {
		a := &alert.Alert{Key: "lw-qw-" + batch + "-" + r.name, Route: r.name, Group: group, Time: time.Now().UTC(),
			Summary: fmt.Sprintf("leakwatch %s: %d sign(s) of intrusion, up to %s", group, len(events), top), Events: events}
		payload, err := a.Marshal()
		if err != nil {
			e.logger.Error("alert", "route", r.name, "err", err)
			continue
		}
		var last error
		for attempt := range 3 {
			if attempt > 0 {
				select {
				case <-ctx.Done():
				case <-time.After(time.Duration(attempt) * time.Second):
				}
			}
			// Delivery outlives a stop signal by at most its own timeout: an alert about
			// the last poll is worth the wait.
			dctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), alert.DefaultTimeout)
			last = r.s.Send(dctx, a, payload)
			cancel()
			if last == nil {
				break
			}
		}
		if last != nil {
			e.logger.Error("alert not delivered", "route", r.name, "err", last)
		}
	}
}
