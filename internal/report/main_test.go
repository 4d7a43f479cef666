package report

import (
	"os"
	"testing"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// The golden files hold fingerprints, which are keyed: every run of these tests uses
// the same fixed key, as an installation uses the same key file.
func TestMain(m *testing.M) {
	if err := finding.SetKey([]byte("leakwatch report golden-file key")); err != nil {
		panic(err)
	}
	os.Exit(m.Run())
}
