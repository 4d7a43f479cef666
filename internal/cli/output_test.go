package cli

import (
	"os"
	"path/filepath"
	"testing"
)

func TestOpenPrivateTightensRegularFilesOnly(t *testing.T) {
	p := filepath.Join(t.TempDir(), "report.json")
	if err := os.WriteFile(p, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := createPrivate(p)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
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
	f.Close()
	if after, _ := os.Stat(os.DevNull); after.Mode().Perm() != before.Mode().Perm() {
		t.Errorf("/dev/null mode changed from %v to %v", before.Mode().Perm(), after.Mode().Perm())
	}
}
