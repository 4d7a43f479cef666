package cli

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/leakwatch/leakwatch/internal/detect"
)

type redactOptions struct {
	output       string
	rules        []string
	excludeRules []string
	redactLow    bool
}

func newRedactCmd(e *env) *cobra.Command {
	var o redactOptions
	cmd := &cobra.Command{
		Use:   "redact [FILE|-]",
		Short: "Copy a stream with every detected secret replaced by a placeholder",
		Long: `redact copies its input (a file, or standard input) to standard output, replacing
every detected secret and personal value with a typed placeholder such as
[REDACTED:github-pat:3f2a…] (rule id and the first hex digits of the value's SHA-256).
All other bytes are kept as they are. It works a line at a time with bounded memory, so it
can sit in a log pipeline: each line is written as soon as it has been read. IP addresses
(low severity) are kept unless --ip is given. Gzip input is decompressed.`,
		Example: `  tail -F app.log | leakwatch redact > app.redacted.log
  leakwatch redact -o clean.jsonl export.jsonl.gz`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			eng, err := detect.Default().Select(o.rules, o.excludeRules)
			if err != nil {
				return usagef("%v", err)
			}
			if o.redactLow {
				eng = eng.WithRedactLow(true)
			}
			in := e.stdin
			if len(args) == 1 && args[0] != "-" {
				f, err := os.Open(args[0])
				if err != nil {
					return err
				}
				defer f.Close()
				in = f
			}
			br := bufio.NewReaderSize(in, 64<<10)
			if head, _ := br.Peek(2); len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b {
				zr, err := gzip.NewReader(br)
				if err != nil {
					return fmt.Errorf("gzip: %w", err)
				}
				defer zr.Close()
				in = zr
			} else {
				in = br
			}
			out, commit, abort, err := openOutput(e.stdout, o.output)
			if err != nil {
				return err
			}
			if err := eng.RedactStream(in, out); err != nil {
				abort() // a file being replaced keeps its whole old content
				return err
			}
			return commit()
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.output, "output", "o", "", "write to `FILE` (mode 0600) instead of standard output")
	f.StringSliceVar(&o.rules, "rules", nil, "only redact values of these rule `IDs`")
	f.StringSliceVar(&o.excludeRules, "exclude-rules", nil, "never redact values of these rule `IDs`")
	f.BoolVar(&o.redactLow, "ip", false, "also redact low-severity values (IP addresses)")
	return cmd
}
