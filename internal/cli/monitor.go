package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/url"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/leakwatch/leakwatch/internal/history"
	"github.com/leakwatch/leakwatch/internal/monitor"
	"github.com/leakwatch/leakwatch/internal/untrusted"
	"github.com/leakwatch/leakwatch/internal/web"
)

func newMonitorCmd(e *env) *cobra.Command {
	var configPath, storeDSN string
	cmd := &cobra.Command{
		Use:   "monitor --config FILE",
		Short: "Keep watching: scheduled scans, history, alerts on change, a dashboard",
		Long: `Run as a service: scan each target group of the configuration on its schedule (an
interval or a cron expression) with the same pipeline as 'leakwatch scan', keep every
run in a history store (a SQLite file by default, PostgreSQL with --store postgres://…),
alert on what changed (a new exposure, a new kind of secret, a service that lost its
password, a resolved finding) through webhooks, Slack, e-mail or a command, serve
Prometheus metrics and a dashboard on 127.0.0.1.

SIGHUP, or POST /api/reload, re-reads the configuration; an invalid file leaves the
running one in force.`,
		Example: `  leakwatch monitor --config examples/monitor.yaml
  LEAKWATCH_STORE=postgres://lw@db/leakwatch leakwatch monitor --config monitor.yaml --store "$LEAKWATCH_STORE"`,
		Args:        cobra.NoArgs,
		Annotations: map[string]string{keyAnnotation: keySelf},
		RunE: func(cmd *cobra.Command, _ []string) error {
			if configPath == "" {
				return usagef("--config is required")
			}
			// A service logs what it does unless told to be quieter.
			if f := cmd.Flag("log-level"); f == nil || !f.Changed {
				e.logger = newLogger(e.stderr, slog.LevelInfo)
			}
			return runMonitor(cmd.Context(), e, configPath, storeDSN)
		},
	}
	cmd.Flags().StringVarP(&configPath, "config", "c", "", "monitor configuration `FILE` (YAML)")
	cmd.Flags().StringVar(&storeDSN, "store", "", "history store: a SQLite file or a postgres:// URL (default: the configuration's store)")
	return cmd
}

func runMonitor(ctx context.Context, e *env, configPath, storeFlag string) error {
	cfg, err := monitor.LoadConfig(configPath)
	if err != nil {
		return usageError{err}
	}
	dsn := storeFlag
	if dsn == "" {
		if dsn, err = cfg.StoreDSN(os.Getenv); err != nil {
			return usageError{err}
		}
	} else if monitor.IsInlinePassword(dsn) {
		e.logger.Warn("the --store URL holds a password, visible in the process list: prefer store_env in the configuration")
	}
	store, err := history.Open(ctx, dsn, history.Options{})
	if err != nil {
		return err
	}
	defer store.Close()
	e.logger.Info("history store open", "store", store.String(), "kind", store.Kind())
	if err := useFingerprintKey(ctx, e, cfg.Path(cfg.FingerprintKey), dsn, store); err != nil {
		return err
	}

	m, err := monitor.New(cfg, store, monitor.Options{Logger: e.logger, ConfigPath: configPath, Version: Version})
	if err != nil {
		return usageError{err}
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errc := make(chan error, 2)
	if !cfg.Web.Disabled {
		srv, ln, err := startWeb(e, cfg, m)
		if err != nil {
			return err
		}
		go func() {
			if err := srv.Serve(ctx, ln, cfg.Path(cfg.Web.TLSCert), cfg.Path(cfg.Web.TLSKey)); err != nil {
				errc <- fmt.Errorf("dashboard: %w", err)
			}
		}()
	}

	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-hup:
				e.logger.Info("SIGHUP: reloading the configuration", "file", configPath)
				_ = m.Reload() // errors are logged; the running configuration stays
			}
		}
	}()

	go func() { errc <- m.Run(ctx) }()
	select {
	case err := <-errc:
		cancel()
		return err
	case <-ctx.Done():
	}
	// SIGTERM or SIGINT: an orderly stop, not an error.
	e.logger.Info("stopping: waiting for scans in flight")
	if err := <-errc; err != nil {
		return err
	}
	e.logger.Info("stopped")
	return nil
}

func startWeb(e *env, cfg *monitor.Config, m *monitor.Monitor) (*web.Server, net.Listener, error) {
	w := cfg.Web
	token, generated, err := web.LoadToken(w.TokenEnv, cfg.Path(w.TokenFile), cfg.Path(w.TokenStore), os.Getenv)
	if err != nil {
		return nil, nil, usageError{fmt.Errorf("web: %w", err)}
	}
	srv, err := web.New(web.Config{Backend: m, Token: token, SessionTTL: w.SessionTTL, Secure: w.TLSCert != "",
		Metrics: m.Metrics().Handler(), PublicMetrics: w.PublicMetrics, Logger: e.logger, Hosts: webHosts(w)})
	if err != nil {
		return nil, nil, err
	}
	ln, err := web.Listen(w.Listen, w.AllowRemote)
	if err != nil {
		return nil, nil, usageError{err}
	}
	scheme := "http"
	if w.TLSCert != "" {
		scheme = "https"
	}
	fmt.Fprintf(e.stderr, "leakwatch: dashboard on %s://%s/\n", scheme, ln.Addr())
	if host, _, _ := net.SplitHostPort(w.Listen); w.TLSCert == "" && !monitor.IsLoopbackHost(host) {
		const warning = "the dashboard listens beyond this machine WITHOUT TLS (insecure_http: true): the access token and " +
			"session cookie cross the network in clear; give web.tls_cert and web.tls_key"
		e.logger.Warn(warning, "listen", w.Listen)
		fmt.Fprintf(e.stderr, "leakwatch: WARNING: %s\n", warning)
	}
	if generated {
		// The token goes to its file (0600) only: stderr ends up in journals and logs
		// that other people read.
		fmt.Fprintf(e.stderr, "leakwatch: a dashboard access token was generated and written to %s (mode 0600); log in with its content\n",
			cfg.Path(w.TokenStore))
	}
	return srv, ln, nil
}

// webHosts are the names the dashboard may be reached by besides addresses and
// localhost: the listen host when it is a name, and web.url's host.
func webHosts(w monitor.WebConfig) []string {
	var hosts []string
	if h, _, err := net.SplitHostPort(w.Listen); err == nil && net.ParseIP(h) == nil && h != "" {
		hosts = append(hosts, h)
	}
	if u, err := url.Parse(w.URL); err == nil && u.Hostname() != "" {
		hosts = append(hosts, u.Hostname())
	}
	return hosts
}

// historyStore opens the store named by --store, or by --config's store, for reading
// only: nothing is migrated or created, so it works on a store this user cannot write.
// A SQLite file that does not exist is an error rather than a new empty store.
func historyStore(ctx context.Context, storeFlag, configPath string) (*history.DB, error) {
	return openStore(ctx, storeFlag, configPath, history.Options{ReadOnly: true})
}

func openStore(ctx context.Context, storeFlag, configPath string, opts history.Options) (*history.DB, error) {
	dsn := storeFlag
	if dsn == "" {
		if configPath == "" {
			return nil, usagef("give --store FILE|URL or --config FILE")
		}
		cfg, err := monitor.LoadConfig(configPath)
		if err != nil {
			return nil, usageError{err}
		}
		if dsn, err = cfg.StoreDSN(os.Getenv); err != nil {
			return nil, usageError{err}
		}
	}
	if !history.IsPostgres(dsn) {
		if _, err := os.Stat(dsn); errors.Is(err, fs.ErrNotExist) {
			return nil, usagef("no history store at %s", dsn)
		}
	}
	return history.Open(ctx, dsn, opts)
}

func newHistoryCmd(e *env) *cobra.Command {
	var storeDSN, configPath, group, format string
	var limit int
	cmd := &cobra.Command{
		Use:         "history [--store FILE|URL | --config FILE]",
		Short:       "List the monitor's runs, newest first",
		Args:        cobra.NoArgs,
		Annotations: map[string]string{keyAnnotation: keyNone},
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format != "text" && format != "json" {
				return usagef("--format: want text or json")
			}
			if limit < 1 {
				return usagef("--limit must be at least 1")
			}
			st, err := historyStore(cmd.Context(), storeDSN, configPath)
			if err != nil {
				return err
			}
			defer st.Close()
			runs, err := st.Runs(cmd.Context(), history.RunFilter{Group: group, Limit: limit})
			if err != nil {
				return err
			}
			if format == "json" {
				if runs == nil {
					runs = []history.Run{}
				}
				enc := json.NewEncoder(e.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(runs)
			}
			if len(runs) == 0 {
				fmt.Fprintln(e.stdout, "no runs")
				return nil
			}
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "RUN\tGROUP\tFINISHED\tTOOK\tSTATUS\tSERVICES\tOPEN\tCRITICAL\tHIGH\tFINDINGS\tTRIGGER")
			for _, r := range runs {
				// A group name may have come with a queued batch: shown like a server's string.
				fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%d\t%d\t%d\t%d\t%d\t%s\n", r.ID, untrusted.Text(r.Group),
					r.Finished.Local().Format("2006-01-02 15:04:05"), r.Duration().Round(time.Millisecond), untrusted.Text(r.Status),
					r.Services, r.OpenServices, r.BySeverity["critical"], r.BySeverity["high"], r.Findings, untrusted.Text(r.Trigger))
			}
			return tw.Flush()
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&storeDSN, "store", "", "history store: a SQLite file or a postgres:// URL")
	fl.StringVarP(&configPath, "config", "c", "", "take the store from this monitor configuration")
	fl.StringVarP(&group, "group", "g", "", "only this target group")
	fl.IntVarP(&limit, "limit", "n", 50, "runs to list")
	fl.StringVarP(&format, "format", "f", "text", "output format: text or json")
	cmd.AddCommand(newPruneCmd(e))
	return cmd
}

func newPruneCmd(e *env) *cobra.Command {
	var storeDSN, configPath, group, olderThan string
	var keep int
	var dryRun, vacuum bool
	cmd := &cobra.Command{
		Use:   "prune [--store FILE|URL | --config FILE] [--older-than 90d] [--keep N]",
		Short: "Delete old runs from the history",
		Long: `Delete the runs a retention does not keep, with their services, datasets, findings and
delivered alerts: runs older than --older-than, and runs beyond the newest --keep of their
group. Without either, the configuration's history.retention applies (the monitor applies
it by itself after every run). Each group's newest run, its newest complete run (what the
next run is compared with) and runs with alerts not yet delivered are always kept.`,
		Example: `  leakwatch history prune --config monitor.yaml
  leakwatch history prune --store leakwatch-history.db --older-than 90d --dry-run
  leakwatch history prune --store "$LEAKWATCH_STORE" --keep 500 --group nightly`,
		Args:        cobra.NoArgs,
		Annotations: map[string]string{keyAnnotation: keyNone},
		RunE: func(cmd *cobra.Command, _ []string) error {
			r, err := history.ParseRetention(olderThan)
			if err != nil {
				return usagef("--older-than: %v", err)
			}
			if keep < 0 {
				return usagef("--keep must not be negative")
			}
			r.KeepRuns = keep
			if r.Zero() {
				if configPath == "" {
					return usagef("give --older-than or --keep, or --config with a history.retention")
				}
				cfg, err := monitor.LoadConfig(configPath)
				if err != nil {
					return usageError{err}
				}
				if r = cfg.Retention(); r.Zero() {
					return usagef("%s sets no history.retention: give --older-than or --keep", configPath)
				}
			}
			opts := history.Options{}
			if dryRun {
				opts.ReadOnly = true
			}
			st, err := openStore(cmd.Context(), storeDSN, configPath, opts)
			if err != nil {
				return err
			}
			defer st.Close()
			res, err := st.Prune(cmd.Context(), r, group, time.Now(), dryRun)
			if err != nil {
				return err
			}
			verb := "deleted"
			if dryRun {
				verb = "would delete"
			}
			fmt.Fprintf(e.stdout, "%s %d runs of %d groups (retention: %s)\n", verb, res.Runs, res.Groups, r)
			if vacuum && !dryRun {
				return st.Vacuum(cmd.Context())
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&storeDSN, "store", "", "history store: a SQLite file or a postgres:// URL")
	fl.StringVarP(&configPath, "config", "c", "", "take the store (and the retention) from this monitor configuration")
	fl.StringVarP(&group, "group", "g", "", "only this target group")
	fl.StringVar(&olderThan, "older-than", "", "delete runs older than this (90d, 36h)")
	fl.IntVar(&keep, "keep", 0, "keep the newest N runs of each group")
	fl.BoolVar(&dryRun, "dry-run", false, "only count what would be deleted")
	fl.BoolVar(&vacuum, "vacuum", false, "give the freed space back to the file system (SQLite; rewrites the file)")
	return cmd
}

func newDiffCmd(e *env) *cobra.Command {
	var storeDSN, configPath, format string
	cmd := &cobra.Command{
		Use:   "diff RUN_A RUN_B",
		Short: "Show what is new, resolved and changed between two monitor runs",
		Long: `Compare two runs from the history: findings that are new in RUN_B, findings of RUN_A
that are resolved (their service was checked in RUN_B and the finding is gone), and
changes such as a table that grew, a new kind of secret, a service that lost its
password or got one. Evidence is shown redacted.`,
		Example: `  leakwatch diff 41 42 --config monitor.yaml
  leakwatch diff 41 42 --store leakwatch-history.db --format markdown`,
		Args:        cobra.ExactArgs(2),
		Annotations: map[string]string{keyAnnotation: keyNone},
		RunE: func(cmd *cobra.Command, args []string) error {
			var ids [2]int64
			for i, a := range args {
				n, err := strconv.ParseInt(strings.TrimPrefix(a, "#"), 10, 64)
				if err != nil || n < 1 {
					return usagef("%q is not a run number (see leakwatch history)", a)
				}
				ids[i] = n
			}
			if !slices.Contains(history.DiffFormats(), format) {
				return usagef("--format: want one of %s", strings.Join(history.DiffFormats(), ", "))
			}
			st, err := historyStore(cmd.Context(), storeDSN, configPath)
			if err != nil {
				return err
			}
			defer st.Close()
			a, err := st.Report(cmd.Context(), ids[0])
			if err != nil {
				return runNotFound(err)
			}
			b, err := st.Report(cmd.Context(), ids[1])
			if err != nil {
				return runNotFound(err)
			}
			d := history.Compare(a, b)
			d.From, d.To = ids[0], ids[1]
			return history.WriteDiff(e.stdout, format, d)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&storeDSN, "store", "", "history store: a SQLite file or a postgres:// URL")
	fl.StringVarP(&configPath, "config", "c", "", "take the store from this monitor configuration")
	fl.StringVarP(&format, "format", "f", "text", "output format: "+strings.Join(history.DiffFormats(), ", "))
	return cmd
}

func runNotFound(err error) error {
	if errors.Is(err, history.ErrNotFound) {
		return usageError{err}
	}
	return err
}
