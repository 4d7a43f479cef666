package cli

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/leakwatch/leakwatch/internal/detect"
	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/report"
)

type detectOptions struct {
	format       string
	output       string
	reveal       bool
	failOn       string
	rules        []string
	excludeRules []string
	listRules    bool
	verify       verifyFlags
}

func newDetectCmd(e *env) *cobra.Command {
	var o detectOptions
	cmd := &cobra.Command{
		Use:   "detect [FILE|DIR|-]...",
		Short: "Find secrets and personal data in files, dumps and log streams",
		Long: `detect scans files, directories (recursively), database dumps and log streams for
secrets (API keys, tokens, private keys, connection strings, passwords) and personal data
(e-mail addresses, phone numbers, payment cards, IBANs, national IDs, IP addresses).
JSON lines, CSV and plain text are read as lines of text; gzip is recognised by its
magic bytes. "-" (or no argument) reads standard input.

Values are redacted in every output; --reveal adds the raw value. --verify asks each
distinct secret's issuer whether it is live (docs/verifiers.md).
Exit status: 0 when nothing is at or above --fail-on, 1 when something is, 2 on error.`,
		Example: `  leakwatch detect dump.sql.gz
  kubectl logs deploy/api | leakwatch detect --format jsonl -
  leakwatch detect --rules aws-access-key-id,aws-secret-access-key ./config`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runDetect(cmd.Context(), e, &o, args)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.format, "format", "text", "output format: "+strings.Join(report.Formats(), ", "))
	f.StringVarP(&o.output, "output", "o", "", "write the report to `FILE` (mode 0600) instead of standard output")
	f.BoolVar(&o.reveal, "reveal", false, "include raw secret values in the output")
	f.StringVar(&o.failOn, "fail-on", "high", "exit 1 when a finding has this severity or higher (info, low, medium, high, critical)")
	f.StringSliceVar(&o.rules, "rules", nil, "only run these rule `IDs` (comma-separated)")
	f.StringSliceVar(&o.excludeRules, "exclude-rules", nil, "do not run these rule `IDs` (comma-separated)")
	f.BoolVar(&o.listRules, "list-rules", false, "list the rules and exit")
	o.verify.add(f)
	return cmd
}

func runDetect(ctx context.Context, e *env, o *detectOptions, args []string) error {
	failOn, err := finding.ParseSeverity(o.failOn)
	if err != nil {
		return usagef("--fail-on: %v", err)
	}
	if _, err := report.New(o.format, report.Options{}); err != nil {
		return usagef("--format: %v", err)
	}
	eng, err := detect.Default().Select(o.rules, o.excludeRules)
	if err != nil {
		return usagef("%v", err)
	}
	if o.listRules {
		return listRules(e.stdout, eng)
	}
	if len(args) == 0 {
		args = []string{"-"}
	}
	vr, err := o.verify.runner(e)
	if err != nil {
		return err
	}

	out, closeOut, err := openOutput(e.stdout, o.output)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(out, 256<<10)
	rep := &finding.Report{Tool: "leakwatch", Version: Version, Started: time.Now().UTC()}
	sink := &findingSink{reveal: o.reveal}
	if vr != nil {
		defer vr.Close()
		sink.verify = &lineSecrets{batch: vr.NewBatch()}
	} else if strings.EqualFold(o.format, "jsonl") {
		// JSON lines stream: findings are written as they are found, so memory does not
		// grow with the number of findings. (With --verify they are kept until verified.)
		sink.stream = bw
	}
	var runErr error
	for _, a := range args {
		if err := ctx.Err(); err != nil {
			runErr = err
			break
		}
		if err := detectPath(ctx, e, eng, sink, a); err != nil {
			runErr = err
			break
		}
	}
	if runErr == nil && sink.verify != nil {
		sink.verify.batch.Apply(ctx, sink.all)
		sink.max = finding.Info
		for _, f := range sink.all {
			sink.max = max(sink.max, f.Severity)
		}
	}
	if runErr == nil && sink.stream == nil {
		rep.Finished = time.Now().UTC()
		rep.Findings = sink.all
		finding.Sort(rep.Findings)
		runErr = report.Write(bw, o.format, rep)
	}
	if runErr == nil {
		runErr = sink.err
	}
	if err := bw.Flush(); err != nil && runErr == nil {
		runErr = err
	}
	if err := closeOut(); err != nil && runErr == nil {
		runErr = err
	}
	if runErr != nil {
		return runErr
	}
	if sink.max >= failOn && sink.count > 0 {
		return exitCode(ExitFindings)
	}
	return nil
}

func listRules(w io.Writer, eng *detect.Engine) error {
	bw := bufio.NewWriter(w)
	for _, r := range eng.Rules() {
		fmt.Fprintf(bw, "%-40s %-8s %-7s %-18s %s\n", r.ID, r.Severity, r.Category, r.Provider, r.Title)
	}
	return bw.Flush()
}

// findingSink turns matches into findings: kept for the final report, or streamed as
// JSON lines (with the fast encoder, byte for byte what report.JSONLines writes).
type findingSink struct {
	reveal bool
	stream io.Writer
	all    []finding.Finding
	count  int
	max    finding.Severity
	buf    []byte
	idBuf  []byte
	cache  stringCache
	err    error
	// verify gathers secrets for --verify, line by line.
	verify *lineSecrets
}

func (s *findingSink) add(f finding.Finding) {
	s.count++
	if f.Severity > s.max {
		s.max = f.Severity
	}
	if s.stream == nil {
		s.all = append(s.all, f)
		return
	}
	if s.err != nil {
		return
	}
	s.buf = append(appendFindingJSONCached(s.buf[:0], &f, &s.cache), '\n')
	_, s.err = s.stream.Write(s.buf)
}

func detectPath(ctx context.Context, e *env, eng *detect.Engine, sink *findingSink, path string) error {
	if path == "-" {
		return detectReader(eng, sink, "-", e.stdin, true)
	}
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return detectFile(eng, sink, path, true)
	}
	return filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			e.logger.Warn("skipping", "path", p, "err", err)
			return nil
		}
		if ctxErr := ctx.Err(); ctxErr != nil {
			return ctxErr
		}
		if d.IsDir() {
			if p != path && (d.Name() == ".git" || d.Name() == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		if err := detectFile(eng, sink, p, false); err != nil {
			e.logger.Warn("skipping", "path", p, "err", err)
		}
		return nil
	})
}

func detectFile(eng *detect.Engine, sink *findingSink, path string, named bool) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return detectReader(eng, sink, path, f, named)
}

// detectReader scans one input. Gzip is recognised by its magic bytes; files found while
// walking a directory that look binary (a NUL byte near the start) are skipped.
func detectReader(eng *detect.Engine, sink *findingSink, name string, r io.Reader, named bool) error {
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(8 << 10)
	var in io.Reader = br
	if len(head) >= 2 && head[0] == 0x1f && head[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		defer zr.Close()
		in = zr
	} else if !named && bytes.IndexByte(head, 0) >= 0 {
		return nil
	}
	if sink.verify != nil {
		sink.verify.tail = newTailReader(in)
		in = sink.verify.tail
		defer func() { sink.verify.flush(); sink.verify.tail = nil }()
	}
	err := detect.ScanLines(eng, in, func(l detect.LineMatch) {
		f := finding.Finding{
			Severity:    l.Rule.Severity,
			Category:    l.Rule.Category,
			Rule:        l.Rule.ID,
			Title:       l.Rule.Title,
			File:        name,
			Line:        l.Line,
			Start:       l.Start,
			End:         l.End,
			Remediation: l.Rule.Remediation,
		}
		f.SetSecret(l.Value, sink.reveal)
		f.ID, sink.idBuf = findingID(&f, sink.idBuf)
		sink.add(f)
		if sink.verify != nil && f.Category == finding.Secret {
			sink.verify.add(l, len(sink.all)-1)
		}
	})
	if err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}
