package lab

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// ManifestFile is the name of the file cmd/leaklab keeps in its directory.
const ManifestFile = "lab.json"

// Manifest records the detached servers of a lab directory, so that another process can
// list their targets and stop them. New kinds of servers add records, not fields.
type Manifest struct {
	Servers []ServerRecord `json:"servers"`
}

// ServerRecord is one detached server.
type ServerRecord struct {
	Name    string         `json:"name"` // unique in the lab: "clickhouse-open"
	Kind    string         `json:"kind"` // "clickhouse", later "postgres", "redis", …
	Host    string         `json:"host"`
	Ports   map[string]int `json:"ports"`   // interface name → port: "http", "native", …
	Targets []string       `json:"targets"` // host:port, as given to leakwatch scan
	Pid     int            `json:"pid"`
	Dir     string         `json:"dir"`
	Version string         `json:"version,omitempty"`
	// User and Password are the administrative account; empty password means open.
	User     string    `json:"user,omitempty"`
	Password string    `json:"password,omitempty"`
	Note     string    `json:"note,omitempty"`
	Started  time.Time `json:"started"`
}

// ReadManifest reads dir's manifest; a missing file is an empty manifest.
func ReadManifest(dir string) (*Manifest, error) {
	b, err := os.ReadFile(filepath.Join(dir, ManifestFile))
	if errors.Is(err, os.ErrNotExist) {
		return &Manifest{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("lab: %w", err)
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("lab: %s: %w", filepath.Join(dir, ManifestFile), err)
	}
	return &m, nil
}

// WriteManifest writes m to dir atomically, readable only by its owner (it holds the
// lab's passwords).
func WriteManifest(dir string, m *Manifest) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	tmp := filepath.Join(dir, ManifestFile+".tmp")
	if err := os.WriteFile(tmp, append(b, '\n'), 0o600); err != nil {
		return fmt.Errorf("lab: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, ManifestFile)); err != nil {
		return fmt.Errorf("lab: %w", err)
	}
	return nil
}

// Running reports whether the record's process is alive and is still the server that
// was started in its directory (a recycled pid belongs to someone else).
func (r ServerRecord) Running() bool {
	if !ProcessAlive(r.Pid) {
		return false
	}
	cmdline, err := os.ReadFile("/proc/" + strconv.Itoa(r.Pid) + "/cmdline")
	if err != nil {
		return true // no procfs: trust the pid
	}
	return r.Dir != "" && strings.Contains(string(cmdline), r.Dir)
}

// StopRecord stops the record's server if it is running: SIGTERM, then SIGKILL after
// the grace period.
func StopRecord(r ServerRecord, grace time.Duration) error {
	if !r.Running() {
		return nil
	}
	if err := syscall.Kill(r.Pid, syscall.SIGTERM); err != nil {
		return fmt.Errorf("lab: stopping %s (pid %d): %w", r.Name, r.Pid, err)
	}
	deadline := time.Now().Add(grace)
	for time.Now().Before(deadline) {
		if !r.Running() {
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	_ = syscall.Kill(r.Pid, syscall.SIGKILL)
	for i := 0; i < 100 && r.Running(); i++ {
		time.Sleep(20 * time.Millisecond)
	}
	if r.Running() {
		return fmt.Errorf("lab: %s (pid %d) survived SIGKILL", r.Name, r.Pid)
	}
	return nil
}
