package cli

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/leakwatch/leakwatch/internal/detect"
	"github.com/leakwatch/leakwatch/internal/unpack"
)

type redactOptions struct {
	output       string
	rules        []string
	excludeRules []string
	redactLow    bool
	maxRatio     int64
}

// ratioReader stops a decompressed stream once it has given more than floor bytes plus
// ratio for each compressed byte read (compressed.N): a small gzip bomb was copied out
// whole, as many gigabytes as it expands to (TestRedactGzipBombBounded).
type ratioReader struct {
	r            io.Reader
	compressed   *unpack.CountingReader
	ratio, floor int64
	out          int64
}

// redactRatioFloor is what a gzip input may expand to whatever its ratio: detect's
// floor (a variable for tests).
var redactRatioFloor = unpack.DefaultLimits.RatioFloor

func (z *ratioReader) Read(p []byte) (int, error) {
	n, err := z.r.Read(p)
	z.out += int64(n)
	if z.ratio > 0 && z.out > z.floor+z.ratio*z.compressed.N {
		return n, fmt.Errorf("gzip: the stream expands more than %d times its compressed size past its first %d MiB (a decompression bomb?); stopped (--max-ratio 0 lifts the bound)", z.ratio, z.floor>>20)
	}
	return n, err
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
(low severity) are kept unless --ip is given. Gzip input is decompressed, up to
--max-ratio times its compressed size past its first 64 MiB.`,
		Example: `  tail -F app.log | leakwatch redact > app.redacted.log
  leakwatch redact -o clean.jsonl export.jsonl.gz`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			// As detect's --max-archive-ratio: a negative ratio lifted the bound as 0
			// does, and one past 2^30 overflowed the bound (TestRedactMaxRatioOutOfRange).
			if o.maxRatio < 0 || o.maxRatio > 1<<30 {
				return usagef("--max-ratio must be 0 or more and at most %d", 1<<30)
			}
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
			compressed := &unpack.CountingReader{R: in}
			br := bufio.NewReaderSize(compressed, 64<<10)
			if head, _ := br.Peek(2); len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b {
				zr, err := gzip.NewReader(br)
				if err != nil {
					return fmt.Errorf("gzip: %w", err)
				}
				defer zr.Close()
				in = &ratioReader{r: zr, compressed: compressed, ratio: o.maxRatio, floor: redactRatioFloor}
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
	f.Int64Var(&o.maxRatio, "max-ratio", unpack.DefaultLimits.Ratio, "decompress at most this many bytes per compressed byte of gzip input, past its first 64 MiB (bombs stop here); 0: no limit")
	return cmd
}
