package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/leakwatch/leakwatch/internal/disclose"
	"github.com/leakwatch/leakwatch/internal/finding"
)

// maxReportBytes bounds the JSON report disclose reads.
const maxReportBytes = 512 << 20

type discloseFlags struct {
	host     string
	format   string
	output   string
	noRDAP   bool
	sender   string
	rdapWait time.Duration
}

func newDiscloseCmd(e *env) *cobra.Command {
	f := &discloseFlags{}
	cmd := &cobra.Command{
		Use:   "disclose REPORT.json --host HOST",
		Short: "Write a ready-to-send notice for the owner of an exposed service",
		Long: `Write a notification for the owner of the services a scan found exposed on HOST: what is
exposed (redacted evidence, row counts, time ranges), how it was observed (read-only, when),
why it matters, how to fix it per product, and whom it is addressed to — the security.txt
contacts the scan found, the abuse contact the address's registry gives over RDAP, or the
places tried when none was found.

REPORT.json is the output of "leakwatch scan --format json". The notice never holds a raw
secret, even when the report was written with --reveal. HOST is an address or a host name
as scanned, optionally with :PORT to write about one service.`,
		Example: `  leakwatch scan 203.0.113.7 --format json -o scan.json
  leakwatch disclose scan.json --host 203.0.113.7 > notice.md
  leakwatch disclose scan.json --host 203.0.113.7:8123 --format text --no-rdap`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("disclose takes one report file (the JSON output of leakwatch scan), not %d arguments", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runDisclose(cmd, e, f, args[0])
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.host, "host", "", "the address or host name (optionally :PORT) to write about (required)")
	fl.StringVarP(&f.format, "format", "f", "markdown", "notice format: markdown or text")
	fl.StringVarP(&f.output, "output", "o", "", "write the notice to `FILE` (mode 0600) instead of stdout")
	fl.BoolVar(&f.noRDAP, "no-rdap", false, "do not ask the address's registry (RDAP) for its abuse contact")
	fl.DurationVar(&f.rdapWait, "rdap-timeout", 10*time.Second, "time allowed for the RDAP lookup")
	fl.StringVar(&f.sender, "from", "", "the name (and how to reach you) that signs the notice")
	return cmd
}

func runDisclose(cmd *cobra.Command, e *env, f *discloseFlags, path string) error {
	if strings.TrimSpace(f.host) == "" {
		return usagef("--host is required: the address or host name to write about")
	}
	format := strings.ToLower(strings.TrimSpace(f.format))
	switch format {
	case "md":
		format = "markdown"
	case "markdown", "text", "txt":
	default:
		return usagef("--format: want markdown or text, not %q", f.format)
	}
	if f.rdapWait <= 0 {
		return usagef("--rdap-timeout must be positive")
	}
	rep, err := readReport(e, path)
	if err != nil {
		return err
	}
	n, err := disclose.BuildNotice(cmd.Context(), rep, disclose.NoticeOptions{
		Host: f.host, RDAP: !f.noRDAP, RDAPOptions: disclose.RDAPOptions{Timeout: f.rdapWait}, Sender: f.sender,
	})
	if errors.Is(err, disclose.ErrNoService) {
		return usageError{err}
	}
	if err != nil {
		return err
	}
	var out io.Writer = e.stdout
	var file *outFile
	if f.output != "" {
		if file, err = createPrivate(f.output); err != nil {
			return err
		}
		out = file
	}
	if format == "markdown" {
		err = n.WriteMarkdown(out)
	} else {
		err = n.WriteText(out)
	}
	if err != nil {
		if file != nil {
			file.Abort()
		}
		return fmt.Errorf("writing the notice: %w", err)
	}
	if file != nil {
		return file.Close()
	}
	return nil
}

// readReport reads a JSON report written by leakwatch scan, from a file or - for stdin.
func readReport(e *env, path string) (*finding.Report, error) {
	var r io.Reader
	if path == "-" {
		r = e.stdin
	} else {
		fh, err := os.Open(path)
		if err != nil {
			return nil, usageError{err}
		}
		defer fh.Close()
		r = fh
	}
	b, err := io.ReadAll(io.LimitReader(r, maxReportBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	if len(b) > maxReportBytes {
		return nil, usagef("%s is larger than %d MiB: not a report leakwatch wrote", path, maxReportBytes>>20)
	}
	var rep finding.Report
	if err := json.Unmarshal(b, &rep); err != nil {
		return nil, usagef("%s is not a JSON report of leakwatch scan (--format json): %v", path, err)
	}
	if len(rep.Services) == 0 && len(rep.Findings) == 0 {
		return nil, usagef("%s holds no services: is it the JSON output of leakwatch scan?", path)
	}
	return &rep, nil
}
