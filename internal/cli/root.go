// Package cli holds leakwatch's subcommands: flags are parsed into each package's config
// struct, validated, and handed to the package that does the work.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/leakwatch/leakwatch/internal/store/clickhouse"
	"github.com/leakwatch/leakwatch/internal/untrusted"
)

// Version is set at build time with -ldflags "-X …/internal/cli.Version=…".
var Version = "dev"

// Exit codes, as in DESIGN.md.
const (
	ExitOK       = 0 // nothing found at or above --fail-on
	ExitFindings = 1 // findings at or above --fail-on
	ExitError    = 2 // usage or runtime error
)

// exitCode carries a non-error exit status out of a command.
type exitCode int

func (e exitCode) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

// usageError marks errors in what the user typed, so they get exit 2 and a hint.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, a ...any) error { return usageError{fmt.Errorf(format, a...)} }

// env is what every command gets from Main instead of the process globals, so tests can
// run commands in-process.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	logLevel       string
	logger         *slog.Logger
	// keyFile is --fingerprint-key.
	keyFile string
}

// Main runs leakwatch with args and returns the process exit code.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	// net/http reports protocol oddities of hostile servers ("Unsolicited response received
	// on idle HTTP channel") through the standard logger; scan results say what matters.
	log.SetOutput(io.Discard)
	root := newRoot(e)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := root.ExecuteContext(ctx)
	if err == nil {
		return ExitOK
	}
	var ec exitCode
	if errors.As(err, &ec) {
		return int(ec)
	}
	// An error may quote a server (its message, a name): one line, no control characters.
	fmt.Fprintf(stderr, "leakwatch: %s\n", untrusted.Text(err.Error()))
	return ExitError
}

// newLogger is every command's logger: text on w, and every message and attribute
// rendered with untrusted.Text, since probers log what servers said.
func newLogger(w io.Writer, level slog.Level) *slog.Logger {
	return slog.New(untrusted.LogHandler(slog.NewTextHandler(w, &slog.HandlerOptions{Level: level})))
}

func newRoot(e *env) *cobra.Command {
	root := &cobra.Command{
		Use:   "leakwatch",
		Short: "Find open data stores, prove what they leak, and keep watching",
		Long: `leakwatch finds data stores (ClickHouse, PostgreSQL, Redis, …) that answer without a
password, lists what they expose with strictly read-only bounded queries, detects secrets,
personal data and chat transcripts in samples, and reports whom to tell.`,
		Version:       Version,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			var lvl slog.Level
			if err := lvl.UnmarshalText([]byte(e.logLevel)); err != nil {
				return usagef("--log-level: %v", err)
			}
			e.logger = newLogger(e.stderr, lvl)
			// Servers log who asked: make leakwatch's own queries easy to recognise (and to
			// ignore in watch-queries).
			clickhouse.UserAgent = "leakwatch/" + Version
			return loadFingerprintKey(cmd.Context(), e, cmd)
		},
	}
	root.PersistentFlags().StringVar(&e.logLevel, "log-level", "warn", "log level: debug, info, warn, error")
	root.PersistentFlags().StringVar(&e.keyFile, "fingerprint-key", "", "installation key `FILE` fingerprints are keyed with "+
		"(default: $"+KeyFileEnv+", the PostgreSQL --store's shared key, else ~/.config/leakwatch/fingerprint.key, created 0600)")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	for _, c := range commands(e) {
		root.AddCommand(c)
	}
	return root
}

// commands is the one list of subcommands.
func commands(e *env) []*cobra.Command {
	return []*cobra.Command{
		newScanCmd(e),
		newDetectCmd(e),
		newRedactCmd(e),
		newAuditCmd(e),
		newWatchQueriesCmd(e),
		newMonitorCmd(e),
		newHistoryCmd(e),
		newDiffCmd(e),
		newWorkerCmd(e),
		newDiscloseCmd(e),
	}
}
