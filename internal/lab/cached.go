package lab

import (
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// The servers that are no Debian package (FerretDB and MinIO from the Go module proxy,
// pouchdb-server from npm) are built once per version by scripts/build-servers.sh into
// a cache directory outside the repository; its bin/ holds a link to each build.

// CacheDir is where scripts/build-servers.sh builds: $LEAKWATCH_LAB_CACHE, else
// $XDG_CACHE_HOME/leakwatch-lab, else ~/.cache/leakwatch-lab.
func CacheDir() string {
	if d := os.Getenv("LEAKWATCH_LAB_CACHE"); d != "" {
		return d
	}
	if d := os.Getenv("XDG_CACHE_HOME"); d != "" {
		return filepath.Join(d, "leakwatch-lab")
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return filepath.Join(os.TempDir(), "leakwatch-lab")
	}
	return filepath.Join(home, ".cache", "leakwatch-lab")
}

// ErrNotBuilt means a server that scripts/build-servers.sh builds is not there.
type ErrNotBuilt struct{ Name string }

func (e *ErrNotBuilt) Error() string {
	return fmt.Sprintf("%s not built: run scripts/build-servers.sh %s (make deps) to build it into %s", e.Name, e.Name, CacheDir())
}

// cachedBinary finds a server built by scripts/build-servers.sh, or else one named name
// on PATH.
func cachedBinary(name string) (string, error) {
	p := filepath.Join(CacheDir(), "bin", name)
	if st, err := os.Stat(p); err == nil && !st.IsDir() {
		return p, nil
	}
	if p, err := exec.LookPath(name); err == nil {
		return p, nil
	}
	return "", &ErrNotBuilt{Name: name}
}

// Planted is one secret a lab seed put in a server, and where a scan must report it:
// the database, table and column of the finding (bucket, object key and "content" for
// an object store; "containers", a container's name and "env" for Docker).
type Planted struct {
	Database, Table, Column string
	// Kind names the secret ("aws-secret-key", "github-token") for people reading a
	// failed test; the scan's rule ids are the detector's business.
	Kind  string
	Value string
	// FieldContext marks a value that only its field's name makes a secret (an AWS
	// secret access key is 40 characters of base64): found because detection reads
	// field names as context.
	FieldContext bool
}

// dsnPassword is the password of a URL-style connection string: what a scan reports
// of it.
func dsnPassword(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return dsn
	}
	p, _ := u.User.Password()
	return p
}

// String is the location, for test messages (never the value).
func (p Planted) String() string {
	return strings.Join([]string{p.Database, p.Table, p.Column}, " / ") + " (" + p.Kind + ")"
}
