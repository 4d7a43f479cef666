package cli

import (
	"io"
	"os"
)

// createPrivate creates or truncates path with mode 0600: reports describe exposures
// and, with --reveal, hold secrets.
func createPrivate(path string) (*os.File, error) {
	return openPrivate(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC)
}

// openPrivate opens path with flags, creating it with mode 0600 and tightening the mode
// of an existing regular file too. Anything else — /dev/null, a pipe, a terminal — is
// written to as it is: its mode is not leakwatch's to change.
func openPrivate(path string, flags int) (*os.File, error) {
	f, err := os.OpenFile(path, flags, 0o600)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err == nil && st.Mode().IsRegular() && st.Mode().Perm() != 0o600 {
		err = f.Chmod(0o600)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// openOutput returns standard output (for "" or "-") or path opened with openPrivate.
func openOutput(stdout io.Writer, path string) (io.Writer, func() error, error) {
	if path == "" || path == "-" {
		return stdout, func() error { return nil }, nil
	}
	f, err := createPrivate(path)
	if err != nil {
		return nil, nil, err
	}
	return f, f.Close, nil
}
