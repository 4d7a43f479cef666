package cli

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"golang.org/x/term"

	"github.com/leakwatch/leakwatch/internal/detect"
	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/netscan"
	"github.com/leakwatch/leakwatch/internal/report"
	"github.com/leakwatch/leakwatch/internal/scan"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/all"
	"github.com/leakwatch/leakwatch/internal/target"
)

// scanFlags are the flags of `leakwatch scan`, turned into target, discovery and
// pipeline configurations by build.
type scanFlags struct {
	lists        []string
	exclude      []string
	excludeFiles []string
	ports        string
	shard        string
	maxAddresses uint64
	allowLocal   bool
	order        string

	concurrency    int
	perHost        int
	workers        int
	rate           float64
	connectTimeout time.Duration
	ioTimeout      time.Duration
	bannerWait     time.Duration
	targetTimeout  time.Duration

	credentialsFile    string
	user               string
	password           string
	passwordEnv        string
	passwordFile       string
	noDefaultCreds     bool
	allowPlaintextAuth bool
	tlsCA              string

	maxDatabases     int
	maxTables        int
	inventoryTimeout time.Duration
	sampleRows       int
	maxRowBytes      int
	maxSampleBytes   int
	maxResponseBytes int64
	// maxEndpointSampleBytes is the sample budget of each endpoint.
	maxEndpointSampleBytes int64

	reveal      bool
	hashes      bool
	noSecTxt    bool
	rediscover  bool
	format      string
	output      string
	failOn      string
	noProgress  bool
	noColor     bool
	wide        bool
	maxPerGroup int
	verify      verifyFlags

	// Many machines: record the run in a shared history, or hand the targets to
	// workers through a queue (queue.go).
	history     string
	group       string
	runKey      string
	enqueue     string
	batchSize   uint64
	queueStream string
	queueAuth   queueAuthFlags

	// credScope bounds where credentials may go (a worker's --scope); not a flag.
	credScope store.HostScope
	// resolver resolves target and exclusion names (nil: the system's); a worker shares
	// one with its scope's names for each batch. Not a flag.
	resolver target.Resolver
}

func newScanCmd(e *env) *cobra.Command {
	f := &scanFlags{}
	cmd := &cobra.Command{
		Use:   "scan [flags] TARGET...",
		Short: "Find open data stores and prove what they leak",
		Long: `Scan targets for data stores, fingerprint them, check whether they answer without a
password (or with a default one), list what they hold with read-only bounded queries,
sample a few rows, and detect secrets, personal data and chat transcripts in them.

A TARGET is a host name, an IPv4/IPv6 address, a CIDR block (10.0.0.0/24), a range
(10.0.0.1-20 or 10.0.0.1-10.0.0.20), host:port, or a URL (http://host:8123/).`,
		Example: `  leakwatch scan 127.0.0.1
  leakwatch scan -p 8123,9000 10.0.0.0/24 --exclude 10.0.0.1
  leakwatch scan -l targets.txt --format sarif -o leakwatch.sarif
  leakwatch scan db.internal --credentials creds.yaml --format json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runScan(cmd.Context(), e, f, args)
		},
	}
	fl := cmd.Flags()
	fl.StringArrayVarP(&f.lists, "list", "l", nil, "read targets from `FILE` (- for stdin): one a line, or the output of nmap -oX/-oG, masscan, naabu or zmap, told by content; repeatable")
	fl.BoolVar(&f.rediscover, "rediscover", false, "connect to ports another scanner's output (-l) reported open before probing them, instead of probing them as given")
	fl.StringSliceVar(&f.exclude, "exclude", nil, "never touch these addresses, blocks, ranges or names (comma-separated, repeatable); "+
		"an IPv4 address is excluded in its IPv6 forms too (NAT64, 6to4, Teredo, ISATAP, mapped); *.example.com excludes the names under example.com, not example.com itself")
	fl.StringArrayVar(&f.excludeFiles, "exclude-file", nil, "read exclusions from `FILE`, one a line")
	fl.StringVarP(&f.ports, "ports", "p", "", "ports to scan, e.g. 8123,9000-9010 (default: the well-known ports of every supported store)")
	fl.StringVar(&f.shard, "shard", "", "scan only shard `I/N` of the address space (1-based), for splitting a job across machines")
	fl.Uint64Var(&f.maxAddresses, "max-addresses", target.DefaultMaxAddresses, "refuse target sets larger than this many addresses")
	fl.BoolVar(&f.allowLocal, "allow-local-names", false, "scan host names that resolve to loopback or link-local addresses (localhost and addresses given as such are always scanned)")
	fl.StringVar(&f.order, "order", "auto", "address order: auto, sequential or random")

	f.addProbeFlags(fl)

	fl.BoolVar(&f.hashes, "hashes", true, "report stored password hashes found in the data (category credential-hash, severity medium: no secret, no exposure escalation); --hashes=false leaves them out")
	fl.BoolVar(&f.reveal, "reveal", false, "show raw secret values in the output (default: redacted prefix and SHA-256)")
	fl.BoolVar(&f.noSecTxt, "no-security-txt", false, "do not look up security.txt contacts for host names")
	fl.StringVarP(&f.format, "format", "f", "text", "output format: "+strings.Join(report.Formats(), ", "))
	fl.StringVarP(&f.output, "output", "o", "", "write the report to `FILE` (mode 0600) instead of stdout")
	fl.StringVar(&f.failOn, "fail-on", "high", "exit 1 when a finding has this severity or higher (info, low, medium, high, critical)")
	fl.BoolVar(&f.noProgress, "no-progress", false, "no progress bar on stderr")
	fl.BoolVar(&f.noColor, "no-color", false, "no colours in the text report")
	fl.IntVar(&f.maxPerGroup, "max-values", 5, "values listed per finding group in text, markdown and html output")
	fl.BoolVar(&f.wide, "wide", false, "text report: every column, nothing cut or wrapped (default: fit the terminal, or $COLUMNS, or 100 columns)")
	f.verify.add(fl)
	f.addDistributedFlags(fl)
	return cmd
}

// addProbeFlags registers how targets are discovered and probed: flags `leakwatch
// worker` shares with scan.
func (f *scanFlags) addProbeFlags(fl *pflag.FlagSet) {
	def := store.DefaultOptions()
	sdef := scan.DefaultConfig()
	fl.IntVar(&f.concurrency, "concurrency", netscan.DefaultConcurrency, "connection attempts in flight during discovery")
	fl.IntVar(&f.perHost, "per-host", netscan.DefaultPerHost, "connection attempts in flight per address")
	fl.IntVar(&f.workers, "workers", sdef.Workers, "services explored at once (8 times as many are identified at once)")
	fl.Float64Var(&f.rate, "rate", 0, "global limit on new connections per second (0: no limit)")
	fl.DurationVar(&f.connectTimeout, "connect-timeout", def.ConnectTimeout, "timeout for each connection attempt")
	fl.DurationVar(&f.ioTimeout, "io-timeout", def.IOTimeout, "timeout for each request/response exchange")
	fl.DurationVar(&f.bannerWait, "banner-wait", def.BannerWait, "how long a port may stay silent (no banner, no answer to the first request) before the binary hellos are sent; a silent port costs at most this plus --io-timeout")
	fl.DurationVar(&f.targetTimeout, "timeout", sdef.TargetTimeout, "deadline for everything done to one service")

	fl.StringVar(&f.credentialsFile, "credentials", "", "YAML/JSON `FILE` of credentials to try (see docs: password_env / password_file)")
	fl.StringVarP(&f.user, "user", "u", "", "user name to try after no password and the defaults")
	fl.StringVar(&f.password, "password", "", "password for --user (visible in the process list: prefer --password-env)")
	fl.StringVar(&f.passwordEnv, "password-env", "", "read the password for --user from environment variable `NAME`")
	fl.StringVar(&f.passwordFile, "password-file", "", "read the password for --user from `FILE`")
	fl.BoolVar(&f.noDefaultCreds, "no-default-credentials", false, "do not try well-known default passwords")
	fl.BoolVar(&f.allowPlaintextAuth, "allow-plaintext-auth", false, "send your passwords to servers that ask for them in clear text or as MD5 (PostgreSQL, MySQL) over connections that are not verified TLS")
	fl.StringVar(&f.tlsCA, "tls-ca", "", "PEM `FILE` of CA certificates that verify servers' TLS certificates (default: the system's)")

	fl.IntVar(&f.maxDatabases, "max-databases", def.MaxDatabases, "databases listed per service")
	fl.IntVar(&f.maxTables, "max-tables", def.MaxTables, "tables listed per service")
	fl.DurationVar(&f.inventoryTimeout, "inventory-timeout", def.InventoryTimeout, "time spent listing and sampling one service")
	fl.IntVar(&f.sampleRows, "sample-rows", def.SampleRows, "rows sampled per table (0: no sampling)")
	fl.IntVar(&f.maxRowBytes, "max-row-bytes", def.MaxRowBytes, "bytes kept per sampled row")
	fl.IntVar(&f.maxSampleBytes, "max-sample-bytes", def.MaxSampleBytes, "bytes kept per sampled table")
	fl.Int64Var(&f.maxEndpointSampleBytes, "max-endpoint-sample-bytes", def.MaxEndpointSampleBytes, "bytes kept in all samples of one service, over all its tables (once spent, the rest are listed but not sampled and the service is marked truncated)")
	fl.Int64Var(&f.maxResponseBytes, "max-response-bytes", def.MaxResponseBytes, "largest response read from a server")
}

// scanPlan is a validated scan: what to touch and how.
type scanPlan struct {
	job     *scan.Job
	specs   []target.Spec // targets and exclusions as given, for --enqueue
	exclude []target.Spec
	tcfg    target.Config
	failOn  finding.Severity
	format  string
	writer  report.Writer
	toFile  bool
	outPath string
	noColor bool
}

func buildScan(ctx context.Context, e *env, f *scanFlags, args []string) (*scanPlan, error) {
	var specs []target.Spec
	for _, a := range args {
		s, err := target.ParseSpec(a)
		if err != nil {
			return nil, usageError{err}
		}
		specs = append(specs, s)
	}
	// Standard input can be read once: a second "-" (say --exclude-file -) would read
	// nothing and scan without the exclusions it was meant to hold.
	stdinUses := 0
	for _, p := range append(slices.Clone(f.lists), f.excludeFiles...) {
		if p == "-" {
			stdinUses++
		}
	}
	if stdinUses > 1 {
		return nil, usagef("standard input (-) can be read only once: give it to one -l or --exclude-file")
	}
	for _, l := range f.lists {
		ss, err := target.LoadList(l, e.stdin)
		if err != nil {
			return nil, usageError{err}
		}
		specs = append(specs, ss...)
	}
	if len(specs) == 0 {
		return nil, usagef("no targets: give TARGET arguments or -l FILE")
	}
	var excl []target.Spec
	for _, x := range f.exclude {
		if x = strings.TrimSpace(x); x == "" {
			continue
		}
		s, err := target.ParseExclude(x)
		if err != nil {
			return nil, usageError{err}
		}
		excl = append(excl, s)
	}
	for _, p := range f.excludeFiles {
		ss, err := target.LoadExcludeList(p, e.stdin)
		if err != nil {
			return nil, usageError{err}
		}
		excl = append(excl, ss...)
	}

	probers := all.Probers()
	ports := all.DefaultPorts()
	if f.ports != "" {
		p, err := target.ParsePorts(f.ports, all.PortNames())
		if err != nil {
			return nil, usagef("--ports: %v", err)
		}
		ports = p
	}
	tcfg := target.Config{Ports: ports, Exclude: excl, MaxAddresses: f.maxAddresses, AllowLocalNames: f.allowLocal, Resolver: f.resolver}
	if f.shard != "" {
		sh, err := target.ParseShard(f.shard)
		if err != nil {
			return nil, usagef("--shard: %v", err)
		}
		tcfg.Shard = sh
	}
	switch f.order {
	case "auto":
		tcfg.Order = target.OrderAuto
	case "sequential":
		tcfg.Order = target.OrderSequential
	case "random":
		tcfg.Order = target.OrderRandom
	default:
		return nil, usagef("--order: want auto, sequential or random, not %q", f.order)
	}

	sev, err := finding.ParseSeverity(f.failOn)
	if err != nil {
		return nil, usagef("--fail-on: %v", err)
	}
	w, err := report.New(f.format, report.Options{MaxPerGroup: f.maxPerGroup, Wide: f.wide})
	if err != nil {
		return nil, usagef("--format: %v", err)
	}
	for name, v := range map[string]time.Duration{"--connect-timeout": f.connectTimeout, "--io-timeout": f.ioTimeout,
		"--banner-wait": f.bannerWait, "--timeout": f.targetTimeout, "--inventory-timeout": f.inventoryTimeout} {
		if v <= 0 {
			return nil, usagef("%s must be positive", name)
		}
	}
	for name, v := range map[string]int{"--concurrency": f.concurrency, "--per-host": f.perHost, "--workers": f.workers,
		"--max-tables": f.maxTables, "--max-databases": f.maxDatabases, "--max-row-bytes": f.maxRowBytes,
		"--max-sample-bytes": f.maxSampleBytes} {
		if v < 1 {
			return nil, usagef("%s must be at least 1", name)
		}
	}
	if f.sampleRows < 0 {
		return nil, usagef("--sample-rows must not be negative")
	}
	if f.maxEndpointSampleBytes < 1 {
		return nil, usagef("--max-endpoint-sample-bytes must be at least 1")
	}
	if f.maxResponseBytes < 1024 {
		return nil, usagef("--max-response-bytes must be at least 1024")
	}
	if f.workers > scan.MaxWorkers {
		return nil, usagef("--workers must be at most %d", scan.MaxWorkers)
	}
	if err := scan.CheckDiscovery(f.concurrency, f.perHost, f.rate); err != nil {
		return nil, usageError{err}
	}
	if f.maxAddresses == 0 {
		return nil, usagef("--max-addresses must be at least 1")
	}

	creds, err := scanCredentials(f)
	if err != nil {
		return nil, err
	}

	opts := store.DefaultOptions()
	opts.ConnectTimeout = f.connectTimeout
	opts.IOTimeout = f.ioTimeout
	opts.BannerWait = f.bannerWait
	opts.Credentials = creds
	opts.NoDefaultCredentials = f.noDefaultCreds
	opts.AllowPlaintextAuth = f.allowPlaintextAuth
	if f.tlsCA != "" {
		pool, err := loadCAFile(f.tlsCA)
		if err != nil {
			return nil, usagef("--tls-ca: %v", err)
		}
		opts.RootCAs = pool
	}
	opts.MaxDatabases = f.maxDatabases
	opts.MaxTables = f.maxTables
	opts.InventoryTimeout = f.inventoryTimeout
	opts.SampleRows = f.sampleRows
	opts.MaxRowBytes = f.maxRowBytes
	opts.MaxSampleBytes = f.maxSampleBytes
	opts.MaxResponseBytes = f.maxResponseBytes
	opts.MaxEndpointSampleBytes = f.maxEndpointSampleBytes
	opts.Logger = e.logger

	pipe := scan.DefaultConfig()
	pipe.Probers = probers
	pipe.Options = opts
	pipe.Workers = f.workers
	pipe.TargetTimeout = f.targetTimeout
	pipe.Reveal = f.reveal
	pipe.Engine = detect.Default()
	if f.hashes {
		pipe.Engine = detect.WithHashes()
	}
	pipe.Logger = e.logger
	if pipe.Verifier, err = f.verify.runner(e); err != nil {
		return nil, err
	}
	if pipe.Verifier != nil && f.enqueue != "" {
		return nil, usagef("--verify does not travel through --enqueue: workers do not verify")
	}
	job, err := scan.NewJob(ctx, scan.JobConfig{
		Targets: specs, Target: tcfg, Concurrency: f.concurrency, PerHost: f.perHost, Rate: f.rate,
		Pipeline: pipe, SecurityTxt: !f.noSecTxt, Rediscover: f.rediscover, CredentialScope: f.credScope,
	})
	if err != nil {
		if errors.Is(err, target.ErrTooManyAddresses) {
			return nil, usageError{err}
		}
		return nil, err
	}

	return &scanPlan{
		job:     job,
		specs:   specs,
		exclude: excl,
		tcfg:    tcfg,
		failOn:  sev,
		format:  f.format,
		writer:  w,
		toFile:  f.output != "",
		outPath: f.output,
		noColor: f.noColor,
	}, nil
}

// scanCredentials gathers --credentials and --user/--password*.
func scanCredentials(f *scanFlags) ([]store.Credential, error) {
	var creds []store.Credential
	if f.credentialsFile != "" {
		c, err := loadCredentials(f.credentialsFile, os.Getenv)
		if err != nil {
			return nil, usageError{err}
		}
		creds = append(creds, c...)
	}
	n := 0
	for _, s := range []string{f.password, f.passwordEnv, f.passwordFile} {
		if s != "" {
			n++
		}
	}
	if n > 1 {
		return nil, usagef("give only one of --password, --password-env, --password-file")
	}
	if f.user == "" && n > 0 {
		return nil, usagef("a password flag needs --user")
	}
	if f.user != "" {
		pw, err := resolvePassword(f.password, f.passwordEnv, f.passwordFile, os.Getenv)
		if err != nil {
			return nil, usagef("--user %s: %v", f.user, err)
		}
		creds = append(creds, store.Credential{Username: f.user, Password: pw})
	}
	return creds, nil
}

func runScan(ctx context.Context, e *env, f *scanFlags, args []string) error {
	plan, err := buildScan(ctx, e, f, args)
	if err != nil {
		return err
	}
	if plan.job.Set.Count() == 0 {
		return usagef("nothing to scan: every target was excluded, outside the shard, or did not resolve")
	}
	if f.enqueue != "" {
		return runEnqueue(ctx, e, f, plan)
	}
	hist, err := openHistory(ctx, f)
	if err != nil {
		return err
	}
	if hist != nil {
		defer hist.Close()
	}
	started := time.Now()

	// Progress on stderr, only for people watching a terminal.
	var bar *progressbar.ProgressBar
	if !f.noProgress && isTerminal(e.stderr) {
		bar = progressbar.NewOptions64(int64(plan.job.Set.Count()),
			progressbar.OptionSetWriter(e.stderr),
			progressbar.OptionSetDescription("scanning"),
			progressbar.OptionShowCount(),
			progressbar.OptionSetWidth(30),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
	}
	var services atomic.Int64
	plan.job.SetOnDone(func(_ store.Endpoint, svc *finding.Service) {
		if svc != nil {
			services.Add(1)
		}
	})

	stopBar := make(chan struct{})
	barDone := make(chan struct{})
	go func() {
		defer close(barDone)
		if bar == nil {
			return
		}
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for {
			st := plan.job.DiscoveryStats()
			_ = bar.Set64(int64(st.Tried))
			bar.Describe(fmt.Sprintf("scanning: %d open, %d services", st.Open, services.Load()))
			select {
			case <-stopBar:
				_ = bar.Finish()
				return
			case <-t.C:
			}
		}
	}()

	// JSON lines are written as each endpoint is done, so a scan of a whole network
	// holds only what is in flight, not every finding (unless a history store needs the
	// whole report).
	var stream *streamWriter
	if strings.EqualFold(plan.format, "jsonl") && hist == nil {
		stream, err = newStreamWriter(e, plan)
		if err != nil {
			return err
		}
		plan.job.SetStream(stream.outcome)
	}

	rep, runErr := plan.job.Run(ctx)
	close(stopBar)
	<-barDone
	if rep == nil {
		if stream != nil {
			stream.close()
		}
		return runErr
	}
	rep.Version = Version

	if stream != nil {
		if err := stream.close(); err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "leakwatch: %d service(s), %s, %d other open port(s), %d endpoint(s) not decided\n",
			rep.Stats.Services, severitySummary(rep.Stats.Findings), rep.Stats.Others, rep.Stats.Errors)
		if runErr != nil {
			return runErr
		}
		for s := plan.failOn; s <= finding.Critical; s++ {
			if rep.Stats.Findings[s] > 0 {
				return exitCode(ExitFindings)
			}
		}
		return nil
	}

	if err := writeReport(e, plan, rep); err != nil {
		return err
	}
	if hist != nil {
		if err := saveHistory(ctx, e, f, plan, hist, started, rep, runErr); err != nil {
			return err
		}
	}
	if runErr != nil {
		return runErr
	}
	if finding.AtLeast(rep.Findings, plan.failOn) {
		return exitCode(ExitFindings)
	}
	return nil
}

// streamWriter writes each outcome's findings as JSON lines the moment it arrives.
type streamWriter struct {
	out  io.Writer
	file *outFile
	err  error
}

func newStreamWriter(e *env, plan *scanPlan) (*streamWriter, error) {
	sw := &streamWriter{out: e.stdout}
	if plan.toFile {
		f, err := createPrivate(plan.outPath)
		if err != nil {
			return nil, err
		}
		sw.out, sw.file = f, f
	}
	return sw, nil
}

// outcome is called by the pipeline from one goroutine at a time.
func (sw *streamWriter) outcome(o scan.Outcome) {
	if sw.err != nil || len(o.Findings) == 0 {
		return
	}
	sw.err = report.JSONLines{}.Write(sw.out, &finding.Report{Findings: o.Findings})
}

func (sw *streamWriter) close() error {
	err := sw.err
	if sw.file != nil {
		if cerr := sw.file.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		return fmt.Errorf("writing findings: %w", err)
	}
	return nil
}

func severitySummary(counts [finding.Critical + 1]int) string {
	var parts []string
	for s := finding.Critical; s >= finding.Info; s-- {
		if counts[s] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[s], s))
		}
	}
	if len(parts) == 0 {
		return "no findings"
	}
	return "findings: " + strings.Join(parts, ", ")
}

// writeReport renders the report to stdout or to -o FILE, created with mode 0600 since it
// describes exposures (and, with --reveal, holds secrets).
func writeReport(e *env, plan *scanPlan, rep *finding.Report) error {
	var out io.Writer = e.stdout
	var file *outFile
	if plan.toFile {
		var err error
		file, err = createPrivate(plan.outPath)
		if err != nil {
			return err
		}
		out = file
	} else if t, ok := plan.writer.(*report.Text); ok {
		t.Color = !plan.noColor && isTerminal(e.stdout) && os.Getenv("NO_COLOR") == ""
	}
	if t, ok := plan.writer.(*report.Text); ok {
		t.Width = terminalWidth(out)
	}
	if err := plan.writer.Write(out, rep); err != nil {
		if file != nil {
			file.Abort() // a report being replaced keeps its whole old content
		}
		return fmt.Errorf("writing report: %w", err)
	}
	if file != nil {
		return file.Close()
	}
	return nil
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// terminalWidth is the width the text report fits in: the terminal's when w is one,
// else $COLUMNS when it holds a number, else report.DefaultWidth.
func terminalWidth(w io.Writer) int {
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		if cols, _, err := term.GetSize(int(f.Fd())); err == nil && cols > 0 {
			return cols
		}
	}
	if n, err := strconv.Atoi(strings.TrimSpace(os.Getenv("COLUMNS"))); err == nil && n > 0 {
		return n
	}
	return report.DefaultWidth
}

// loadCAFile reads PEM certificates into a pool.
func loadCAFile(path string) (*x509.CertPool, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(b) {
		return nil, fmt.Errorf("%s holds no PEM certificate", path)
	}
	return pool, nil
}
