package cli

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// nobody is the uid another local user's files get in these tests (they run as root
// in CI; elsewhere the chown is skipped).
const nobody = 65534

func chownNobody(t *testing.T, path string) {
	t.Helper()
	if err := os.Lchown(path, nobody, nobody); err != nil {
		t.Skipf("cannot give %s to another user (needs root): %v", path, err)
	}
}

// detectTo runs `leakwatch detect -o out` on text holding a secret.
func detectTo(t *testing.T, out string) (int, string) {
	t.Helper()
	text, _, _ := sampleLog()
	code, _, stderr := runCLI(t, text, "detect", "--format", "json", "-o", out, "-")
	return code, stderr
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Another user plants a symbolic link where the report goes: the file it names must
// not change, and the link stays a link.
func TestOutputNeverFollowsSymlink(t *testing.T) {
	dir := t.TempDir()
	victim := filepath.Join(dir, "victim.conf")
	if err := os.WriteFile(victim, []byte("precious\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, owner := range []string{"own", "other user's"} {
		link := filepath.Join(dir, strings.ReplaceAll(owner, " ", "-")+"-report.json")
		if err := os.Symlink(victim, link); err != nil {
			t.Fatal(err)
		}
		if owner != "own" {
			chownNobody(t, link)
		}
		code, stderr := detectTo(t, link)
		if code != ExitError || !strings.Contains(stderr, "symbolic link") {
			t.Errorf("%s link: exit %d, stderr %q", owner, code, stderr)
		}
		if got := readFile(t, victim); got != "precious\n" {
			t.Fatalf("%s link: the link's target was overwritten: %q", owner, got)
		}
		if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
			t.Fatalf("%s link: replaced (%v)", owner, err)
		}
		if f, err := appendPrivate(link); err == nil {
			f.Close()
			t.Errorf("%s link: opened for appending", owner)
		}
	}
	if st, _ := os.Stat(victim); st.Mode().Perm() != 0o644 {
		t.Errorf("the link's target changed mode to %v", st.Mode().Perm())
	}
	// A dangling link is not a way to create a file elsewhere either.
	link := filepath.Join(dir, "dangling.json")
	if err := os.Symlink(filepath.Join(dir, "created-through-link"), link); err != nil {
		t.Fatal(err)
	}
	if code, _ := detectTo(t, link); code != ExitError {
		t.Errorf("dangling link: exit %d", code)
	}
	if _, err := os.Lstat(filepath.Join(dir, "created-through-link")); err == nil {
		t.Error("a file was created through a dangling link")
	}
}

// Another user pre-creates the report path, writable by everyone: the report must not
// land in a file they own (and can read).
func TestOutputRefusesOtherUsersFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "report.json")
	if err := os.WriteFile(p, []byte("theirs"), 0o666); err != nil {
		t.Fatal(err)
	}
	chownNobody(t, p)
	if err := os.Chmod(p, 0o666); err != nil {
		t.Fatal(err)
	}
	code, stderr := detectTo(t, p)
	if code != ExitError || !strings.Contains(stderr, "belongs to uid 65534") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if got := readFile(t, p); got != "theirs" {
		t.Fatalf("the other user's file now holds %q", got)
	}
	if f, err := appendPrivate(p); err == nil {
		f.Close()
		t.Error("the other user's file was opened for appending")
	}
	// Their pipe likewise: whoever reads it would get the report.
	fifo := filepath.Join(dir, "report.fifo")
	if err := syscall.Mkfifo(fifo, 0o666); err != nil {
		t.Fatal(err)
	}
	chownNobody(t, fifo)
	if f, err := createPrivate(fifo); err == nil {
		f.Close()
		t.Error("another user's pipe was opened")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("left behind: %v", entries)
	}
}

// The user's own report is replaced whole: a new file of mode 0600 renamed over the
// path (so a reader never sees half a report, and other links to the old file keep
// the old content).
func TestOutputReplacesOwnFileAtomically(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "report.json")
	if err := os.WriteFile(p, []byte("old report"), 0o644); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "hardlink")
	if err := os.Link(p, other); err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(p)
	code, stderr := detectTo(t, p)
	if code != ExitFindings {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	after, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if after.Mode().Perm() != 0o600 || os.SameFile(before, after) {
		t.Fatalf("mode %v, same inode %v: want a new 0600 file", after.Mode().Perm(), os.SameFile(before, after))
	}
	if got := readFile(t, p); !strings.Contains(got, "github-pat") {
		t.Fatalf("report %q", got)
	}
	if got := readFile(t, other); got != "old report" {
		t.Fatalf("the old file was written in place: %q", got)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("temporary files left behind: %v", entries)
	}

	// Aborted: the old content stays and no temporary file remains.
	f, err := createPrivate(p)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = f.Write([]byte("half"))
	f.Abort()
	if got := readFile(t, p); !strings.Contains(got, "github-pat") {
		t.Fatalf("an aborted write replaced the report: %q", got)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("temporary files left behind: %v", entries)
	}

	// Appending (watch-queries) keeps the file and tightens its mode.
	if err := os.Chmod(other, 0o644); err != nil {
		t.Fatal(err)
	}
	a, err := appendPrivate(other)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = a.Write([]byte("+more"))
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(other); st.Mode().Perm() != 0o600 || readFile(t, other) != "old report+more" {
		t.Fatalf("appended file: mode %v content %q", st.Mode().Perm(), readFile(t, other))
	}
	n, err := appendPrivate(filepath.Join(dir, "new.log"))
	if err != nil {
		t.Fatal(err)
	}
	n.Close()
	if st, _ := os.Stat(filepath.Join(dir, "new.log")); st.Mode().Perm() != 0o600 {
		t.Fatalf("new log mode %v", st.Mode().Perm())
	}
}

func TestOpenPrivateTightensRegularFilesOnly(t *testing.T) {
	p := filepath.Join(t.TempDir(), "report.json")
	if err := os.WriteFile(p, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := createPrivate(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(p); st.Mode().Perm() != 0o600 || st.Size() != 0 {
		t.Errorf("existing report: mode %v size %d, want 0600 and truncated", st.Mode().Perm(), st.Size())
	}

	// `-o /dev/null` must not make /dev/null private: that breaks every other program.
	before, err := os.Stat(os.DevNull)
	if err != nil {
		t.Skip("no /dev/null")
	}
	t.Cleanup(func() { _ = os.Chmod(os.DevNull, before.Mode().Perm()) })
	f, err = createPrivate(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write([]byte("x")); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if after, _ := os.Stat(os.DevNull); after.Mode().Perm() != before.Mode().Perm() || after.Mode()&os.ModeCharDevice == 0 {
		t.Errorf("/dev/null changed from %v to %v", before.Mode(), after.Mode())
	}

	// A link of the user's own (or root's) to a device, as /dev/stdout is, is written
	// through; the same link planted by someone else is not.
	link := filepath.Join(t.TempDir(), "null")
	if err := os.Symlink(os.DevNull, link); err != nil {
		t.Fatal(err)
	}
	f, err = createPrivate(link)
	if err != nil {
		t.Fatalf("own link to /dev/null: %v", err)
	}
	f.Close()
	chownNobody(t, link)
	if f, err := createPrivate(link); err == nil {
		f.Close()
		t.Error("another user's link to /dev/null was written through")
	}
}
