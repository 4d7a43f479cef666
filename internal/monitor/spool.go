package monitor

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/history"
)

// spooledRun is a finished run that could not be recorded when it ended. Its report is
// already sanitised (no raw values reach the disk).
type spooledRun struct {
	// Key records the run at most once, should the monitor die between recording it and
	// removing its file.
	Key      string          `json:"key"`
	Group    string          `json:"group"`
	Trigger  string          `json:"trigger"`
	Started  time.Time       `json:"started"`
	Finished time.Time       `json:"finished"`
	Report   *finding.Report `json:"report,omitempty"`
	Error    string          `json:"error,omitempty"`
	// FingerprintKey is the key id the report was made under.
	FingerprintKey string `json:"fingerprint_key,omitempty"`
}

func (s *spooledRun) record() history.RunRecord {
	rec := history.RunRecord{Group: s.Group, Trigger: s.Trigger, Started: s.Started, Finished: s.Finished, Report: s.Report, Key: s.Key}
	if s.Error != "" {
		rec.Err = errors.New(s.Error)
	}
	return rec
}

// spool keeps runs on local disk, one file each, named so that they sort in the order
// they finished, until the store takes them.
type spool struct {
	dir string
	max int

	mu sync.Mutex
}

// defaultSpoolDir names a directory after the store, so that two monitors with two
// stores never mix their runs.
func defaultSpoolDir(storeName, configDir string) string {
	sum := sha256.Sum256([]byte(storeName))
	name := "spool-" + hex.EncodeToString(sum[:6])
	if d, err := os.UserConfigDir(); err == nil {
		return filepath.Join(d, "leakwatch", name)
	}
	return filepath.Join(configDir, "leakwatch-"+name)
}

func newSpool(dir string, max int) *spool { return &spool{dir: dir, max: max} }

// list returns the spooled files, oldest first.
func (s *spool) list() ([]string, error) {
	ents, err := os.ReadDir(s.dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("spool: %w", err)
	}
	var out []string
	for _, e := range ents {
		if e.Type().IsRegular() && strings.HasSuffix(e.Name(), ".json") {
			out = append(out, filepath.Join(s.dir, e.Name()))
		}
	}
	slices.Sort(out)
	return out, nil
}

// Len is how many runs wait.
func (s *spool) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	l, _ := s.list()
	return len(l)
}

// add writes r (atomically: a temporary file renamed) and drops the oldest runs beyond
// the bound; it returns how many were dropped.
func (s *spool) add(r *spooledRun) (dropped int, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := os.MkdirAll(s.dir, 0o700); err != nil {
		return 0, fmt.Errorf("spool: %w", err)
	}
	b, err := json.Marshal(r)
	if err != nil {
		return 0, fmt.Errorf("spool: %w", err)
	}
	rnd := make([]byte, 4)
	_, _ = rand.Read(rnd)
	name := fmt.Sprintf("%020d-%s.json", r.Finished.UnixNano(), hex.EncodeToString(rnd))
	tmp, err := os.CreateTemp(s.dir, ".spool-*")
	if err != nil {
		return 0, fmt.Errorf("spool: %w", err)
	}
	_, werr := tmp.Write(b)
	if werr == nil {
		werr = tmp.Sync()
	}
	if cerr := tmp.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(tmp.Name(), filepath.Join(s.dir, name))
	}
	if werr != nil {
		_ = os.Remove(tmp.Name())
		return 0, fmt.Errorf("spool: %w", werr)
	}
	files, err := s.list()
	if err != nil {
		return 0, err
	}
	for len(files) > s.max {
		if err := os.Remove(files[0]); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return dropped, fmt.Errorf("spool: %w", err)
		}
		files = files[1:]
		dropped++
	}
	return dropped, nil
}

// read loads one spooled run.
func (s *spool) read(path string) (*spooledRun, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("spool: %w", err)
	}
	var r spooledRun
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("spool: %s: %w", filepath.Base(path), err)
	}
	if r.Key == "" || r.Group == "" {
		return nil, fmt.Errorf("spool: %s: not a spooled run", filepath.Base(path))
	}
	return &r, nil
}

func (s *spool) remove(path string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("spool: %w", err)
	}
	return nil
}

func newSpoolKey() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return "spool/" + hex.EncodeToString(b)
}
