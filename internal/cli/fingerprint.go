package cli

import (
	"context"
	"errors"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/history"
)

// KeyFileEnv names the installation key file when --fingerprint-key is not given.
const KeyFileEnv = "LEAKWATCH_FINGERPRINT_KEY_FILE"

// Annotations on commands about the fingerprint key (the default is to load it before
// the command runs).
const (
	keyAnnotation = "leakwatch/fingerprint-key"
	keyNone       = "none" // the command makes no fingerprints (history, diff)
	keySelf       = "self" // the command loads it itself (monitor: from its configuration)
)

// keyFlag is the --fingerprint-key file given on the command line or in the
// environment, "" when neither.
func (e *env) keyFlag() string {
	if e.keyFile != "" {
		return e.keyFile
	}
	return os.Getenv(KeyFileEnv)
}

// loadFingerprintKey sets the process's fingerprint key before a command runs: the
// file given with --fingerprint-key (or $LEAKWATCH_FINGERPRINT_KEY_FILE); else, for a
// command recording into a PostgreSQL store (--store postgres://…), the key the store
// keeps for the whole team; else the user's own key file, created on first use.
func loadFingerprintKey(ctx context.Context, e *env, cmd *cobra.Command) error {
	switch cmd.Annotations[keyAnnotation] {
	case keyNone, keySelf:
		return nil
	}
	for c := cmd; c != nil; c = c.Parent() {
		switch c.Name() {
		case "help", "completion", cobra.ShellCompRequestCmd, cobra.ShellCompNoDescRequestCmd:
			return nil
		}
	}
	store := ""
	if f := cmd.Flags().Lookup("store"); f != nil {
		store = f.Value.String()
	}
	return useFingerprintKey(ctx, e, "", store, nil)
}

// useFingerprintKey applies the order above; configured is a key file named by a
// configuration (the monitor's fingerprint_key), which --fingerprint-key overrides;
// open is the store when the caller has it open already.
func useFingerprintKey(ctx context.Context, e *env, configured, storeDSN string, open *history.DB) error {
	file := e.keyFlag()
	if file == "" {
		file = configured
	}
	if file == "" && history.IsPostgres(storeDSN) {
		db := open
		if db == nil {
			var err error
			if db, err = history.Open(ctx, storeDSN, history.Options{}); err != nil {
				return err
			}
			defer db.Close()
		}
		kctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		k, err := db.FingerprintKey(kctx)
		if err != nil {
			return err
		}
		if err := finding.SetKey(k); err != nil {
			return err
		}
		e.logger.Debug("fingerprint key from the history store", "store", db.String(), "key_id", finding.KeyID())
		return nil
	}
	explicit := file != ""
	if file == "" {
		var err error
		if file, err = finding.DefaultKeyFile(); err != nil {
			return oneOffKey(e, err)
		}
	}
	k, created, err := finding.LoadKeyFile(file)
	if err != nil {
		if !explicit && !errors.Is(err, finding.ErrKeyUnsafe) {
			// No home to keep a key in (a container with a read-only file system): the
			// run still gets keyed fingerprints, only not comparable with other runs'.
			return oneOffKey(e, err)
		}
		return err
	}
	if err := finding.SetKey(k); err != nil {
		return err
	}
	if created {
		e.logger.Info("created the fingerprint key (keep it private: it keeps fingerprints of low-entropy values from being reversed)",
			"file", file)
	}
	e.logger.Debug("fingerprint key", "file", file, "key_id", finding.KeyID())
	return nil
}

// oneOffKey keys this run's fingerprints with a random key of its own when the user's
// key file cannot be had, and says what that costs.
func oneOffKey(e *env, why error) error {
	if err := finding.SetKey(finding.NewKey()); err != nil {
		return err
	}
	e.logger.Warn("no fingerprint key file: this run's fingerprints are keyed with a one-off key and will not match "+
		"other runs' (give --fingerprint-key FILE or $"+KeyFileEnv+")", "err", why)
	return nil
}
