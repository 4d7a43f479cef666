package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/leakwatch/leakwatch/internal/audit"
	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/report"
)

type auditFlags struct {
	format      string
	output      string
	failOn      string
	reveal      bool
	noColor     bool
	maxPerGroup int
	includeFrom string
}

func newAuditCmd(e *env) *cobra.Command {
	f := &auditFlags{}
	cmd := &cobra.Command{
		Use:   "audit [flags] PATH...",
		Short: "Audit data-store configuration files for open doors, offline",
		Long: `Read the configuration files of ClickHouse, PostgreSQL, Redis, MongoDB and Elasticsearch
and report what would let someone in: users without a password, allow-lists open to any
address, listeners on every interface without TLS, authentication turned off, and more.
Each finding names the file and line to change and how to change it.

A PATH is a file or a directory (walked). ClickHouse's config.xml and users.xml are
merged with config.d/, users.d/ and conf.d/ and their include_from substitutions the way
the server merges them, so the line reported is the one that decides the effective value.
Nothing is sent anywhere: the audit only reads files.`,
		Example: `  leakwatch audit /etc/clickhouse-server
  leakwatch audit /etc/postgresql/15/main /etc/redis/redis.conf
  leakwatch audit deploy/ --format sarif -o audit.sarif --fail-on medium`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runAudit(cmd.Context(), e, f, args)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&f.format, "format", "f", "text", "output format: "+strings.Join(report.Formats(), ", "))
	fl.StringVarP(&f.output, "output", "o", "", "write the report to `FILE` (mode 0600) instead of stdout")
	fl.StringVar(&f.failOn, "fail-on", "high", "exit 1 when a finding has this severity or higher (info, low, medium, high, critical)")
	fl.BoolVar(&f.reveal, "reveal", false, "show passwords written in configurations in clear (default: redacted prefix and SHA-256)")
	fl.BoolVar(&f.noColor, "no-color", false, "no colours in the text report")
	fl.IntVar(&f.maxPerGroup, "max-values", 5, "values listed per finding group in text and markdown output")
	fl.StringVar(&f.includeFrom, "clickhouse-include-from", "", "ClickHouse substitution `FILE` for configurations that name no include_from "+
		"(default: /etc/metrika.xml under /etc, else metrika.xml next to config.xml)")
	return cmd
}

func runAudit(ctx context.Context, e *env, f *auditFlags, args []string) error {
	if len(args) == 0 {
		return usagef("give a configuration file or directory to audit, e.g. leakwatch audit /etc/clickhouse-server")
	}
	sev, err := finding.ParseSeverity(f.failOn)
	if err != nil {
		return usagef("--fail-on: %v", err)
	}
	w, err := report.New(f.format, report.Options{MaxPerGroup: f.maxPerGroup})
	if err != nil {
		return usagef("--format: %v", err)
	}
	started := time.Now()
	res, err := audit.Run(ctx, args, audit.Options{
		ClickHouseIncludeFrom: f.includeFrom,
		Reveal:                f.reveal,
		Logger:                e.logger,
	})
	if err != nil && !errors.Is(err, audit.ErrNothingToAudit) {
		return err
	}
	if errors.Is(err, audit.ErrNothingToAudit) && (res == nil || len(res.Errors) == 0) {
		return fmt.Errorf("%w (known: ClickHouse config.xml/users.xml and their .d directories, postgresql.conf, "+
			"pg_hba.conf, redis.conf, mongod.conf, elasticsearch.yml)", err)
	}
	rep := &finding.Report{Tool: "leakwatch", Version: Version, Started: started, Finished: time.Now(), Findings: res.Findings}
	for _, ferr := range res.Errors {
		rep.Errors = append(rep.Errors, finding.ProbeError{Stage: "read", Error: ferr.Error()})
	}
	e.logger.Info("audit done", "files", len(res.Files), "findings", len(res.Findings), "errors", len(res.Errors),
		"took", time.Since(started).Round(time.Microsecond))
	for _, p := range res.Files {
		e.logger.Debug("audited", "file", p)
	}
	plan := &scanPlan{writer: w, toFile: f.output != "", outPath: f.output, noColor: f.noColor}
	if err := writeReport(e, plan, rep); err != nil {
		return err
	}
	if len(res.Errors) > 0 {
		msgs := make([]string, len(res.Errors))
		for i, x := range res.Errors {
			msgs[i] = x.Error()
		}
		return fmt.Errorf("audit incomplete: %s", strings.Join(msgs, "; "))
	}
	if finding.AtLeast(rep.Findings, sev) {
		return exitCode(ExitFindings)
	}
	return nil
}
