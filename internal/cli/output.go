package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// Output files describe exposures and, with --reveal, hold secrets; they often land in
// shared directories (/tmp, a CI workspace). So leakwatch never writes into a file that
// someone else prepared for it:
//
//   - a new or replaced regular file is written to a temporary file of mode 0600 in the
//     same directory (O_EXCL) and renamed over the path when complete, so the report is
//     never visible half-written and never lands in an inode another user holds;
//   - an existing file owned by another user is refused, whatever its mode;
//   - a symbolic link is never written through: a link another user planted would send
//     the report to the file it names. The one exception is a link owned by root or by
//     the user that leads to a device or pipe (/dev/stdout, /dev/fd/1);
//   - /dev/null and other devices or pipes owned by root or the user are written to as
//     they are: their mode is not leakwatch's to change.

// outFile is an output file being written. Close publishes it (renaming the temporary
// file over the path); Abort drops what was written.
type outFile struct {
	f    *os.File
	tmp  string // the temporary file renamed over path by Close; "" when written in place
	path string
	done bool
}

func (o *outFile) Write(p []byte) (int, error) { return o.f.Write(p) }

// Close finishes the file: a temporary file is flushed to disk and renamed over the
// path.
func (o *outFile) Close() error {
	if o.done {
		return nil
	}
	o.done = true
	if o.tmp == "" {
		return o.f.Close()
	}
	err := o.f.Sync()
	if cerr := o.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(o.tmp, o.path)
	}
	if err != nil {
		_ = os.Remove(o.tmp)
		return fmt.Errorf("writing %s: %w", o.path, err)
	}
	return nil
}

// Abort closes the file without publishing it: a path that was to be replaced keeps
// its old content.
func (o *outFile) Abort() {
	if o.done {
		return
	}
	o.done = true
	_ = o.f.Close()
	if o.tmp != "" {
		_ = os.Remove(o.tmp)
	}
}

// createPrivate opens path for a whole new content (see the rules above).
func createPrivate(path string) (*outFile, error) {
	return openPrivate(path, false)
}

// appendPrivate opens path to add to it (watch-queries streaming into a log), creating
// it with mode 0600: an existing regular file must be the user's own, and is tightened
// to 0600.
func appendPrivate(path string) (*outFile, error) {
	return openPrivate(path, true)
}

func openPrivate(path string, appending bool) (*outFile, error) {
	if path == "" {
		return nil, errors.New("no output file named")
	}
	st, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if appending {
			return openInPlace(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE|os.O_EXCL|syscall.O_NOFOLLOW, nil)
		}
		return openTemp(path)
	case err != nil:
		return nil, err
	case st.Mode()&fs.ModeSymlink != 0:
		return openLink(path, st)
	case st.IsDir():
		return nil, fmt.Errorf("%s is a directory", path)
	}
	if err := ownedByUser(path, st, st.Mode().IsRegular()); err != nil {
		return nil, err
	}
	switch {
	case !st.Mode().IsRegular():
		// A device or pipe: written to as it is, never created, truncated or chmodded.
		return openInPlace(path, os.O_WRONLY|syscall.O_NOFOLLOW, st)
	case appending:
		return openInPlace(path, os.O_WRONLY|os.O_APPEND|syscall.O_NOFOLLOW, st)
	}
	return openTemp(path)
}

// openTemp starts a new content for path in a temporary file beside it.
func openTemp(path string) (*outFile, error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	// CreateTemp opens with O_EXCL and mode 0600.
	f, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("creating %s: %w", path, err)
	}
	// A umask cannot widen 0600, but an ACL default on the directory could.
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		_ = os.Remove(f.Name())
		return nil, err
	}
	return &outFile{f: f, tmp: f.Name(), path: path}, nil
}

// openInPlace opens path with flags and checks that what was opened is what was
// inspected (want, nil for a file just created): same file, still the user's own.
func openInPlace(path string, flags int, want fs.FileInfo) (*outFile, error) {
	f, err := os.OpenFile(path, flags|syscall.O_CLOEXEC, 0o600)
	if err != nil {
		if errors.Is(err, syscall.ELOOP) {
			return nil, fmt.Errorf("%s became a symbolic link; not writing through it", path)
		}
		return nil, err
	}
	st, err := f.Stat()
	if err == nil && want != nil && !os.SameFile(st, want) {
		err = fmt.Errorf("%s was replaced while being opened; not writing to it", path)
	}
	if err == nil {
		err = ownedByUser(path, st, st.Mode().IsRegular())
	}
	if err == nil && st.Mode().IsRegular() && st.Mode().Perm() != 0o600 {
		err = f.Chmod(0o600)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return &outFile{f: f, path: path}, nil
}

// openLink writes through a symbolic link only when nobody else could have planted it
// and it leads to a device or pipe (/dev/stdout); a report is never written through a
// link to a regular file.
func openLink(path string, link fs.FileInfo) (*outFile, error) {
	refuse := fmt.Errorf("%s is a symbolic link; leakwatch does not write through links (give the file's real path, or - for standard output)", path)
	if owner, ok := ownerOf(link); !ok || (owner != 0 && owner != os.Geteuid()) {
		return nil, refuse
	}
	target, err := os.Stat(path)
	if err != nil || target.Mode().IsRegular() || target.IsDir() {
		return nil, refuse
	}
	f, err := os.OpenFile(path, os.O_WRONLY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil || st.Mode().IsRegular() || !os.SameFile(st, target) {
		f.Close()
		return nil, refuse
	}
	return &outFile{f: f, path: path}, nil
}

// ownedByUser refuses a file another user owns: a regular file must be the user's own;
// a device or pipe may also be root's (/dev/null, /dev/tty).
func ownedByUser(path string, st fs.FileInfo, regular bool) error {
	owner, ok := ownerOf(st)
	me := os.Geteuid()
	if ok && (owner == me || (!regular && owner == 0)) {
		return nil
	}
	return fmt.Errorf("%s exists and belongs to uid %d, not to you (uid %d); not writing a report into it (remove it or choose another path)", path, owner, me)
}

func ownerOf(st fs.FileInfo) (int, bool) {
	sys, ok := st.Sys().(*syscall.Stat_t)
	if !ok {
		return -1, false
	}
	return int(sys.Uid), true
}

// openOutput returns standard output (for "" or "-") or path opened with createPrivate.
// abort drops a file that was not finished (its old content stays).
func openOutput(stdout io.Writer, path string) (w io.Writer, commit func() error, abort func(), err error) {
	if path == "" || path == "-" {
		return stdout, func() error { return nil }, func() {}, nil
	}
	f, err := createPrivate(path)
	if err != nil {
		return nil, nil, nil, err
	}
	return f, f.Close, f.Abort, nil
}
