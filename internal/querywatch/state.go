package querywatch

import (
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"syscall"
	"time"
)

// The state file remembers, per watched server, how far each log has been read, which
// rows of the last moments were already seen (logs are re-read with an overlap, so rows
// flushed late are not missed), and the detectors' sliding windows, so that a restart
// neither repeats alerts nor forgets a sweep that started before it.

const stateVersion = 1

type stateFile struct {
	Version int                     `json:"version"`
	Servers map[string]*serverState `json:"servers"`
}

type serverState struct {
	QueryLog   cursor             `json:"query_log"`
	SessionLog cursor             `json:"session_log"`
	ServerLogs map[string]*logPos `json:"server_logs,omitempty"`
	Detector   detectorState      `json:"detector"`
	Updated    time.Time          `json:"updated"`
}

// cursor is a log's read position: the newest event time processed (Unix seconds), and
// the keys of the rows seen since Watermark minus the overlap.
type cursor struct {
	Watermark int64        `json:"watermark,omitempty"`
	Seen      []seenBucket `json:"seen,omitempty"`
	seen      map[uint64]int64
}

// seenBucket holds the keys of the rows of one second, packed as base64 little-endian
// uint64s to keep the file small.
type seenBucket struct {
	T    int64  `json:"t"`
	Keys string `json:"k"`
}

// logPos is how far a server log file has been read. Head fingerprints the file's first
// HeadLen bytes, so a file truncated and rewritten in place (logrotate's copytruncate)
// is noticed even when it has grown back past the offset.
type logPos struct {
	Dev     uint64 `json:"dev"`
	Ino     uint64 `json:"ino"`
	Offset  int64  `json:"offset"`
	Head    uint64 `json:"head,omitempty"`
	HeadLen int    `json:"head_len,omitempty"`
}

func (c *cursor) load() {
	c.seen = map[uint64]int64{}
	for _, b := range c.Seen {
		raw, err := base64.StdEncoding.DecodeString(b.Keys)
		if err != nil {
			continue
		}
		for i := 0; i+8 <= len(raw); i += 8 {
			c.seen[binary.LittleEndian.Uint64(raw[i:])] = b.T
		}
	}
}

func (c *cursor) has(k uint64) bool { _, ok := c.seen[k]; return ok }

func (c *cursor) add(k uint64, t int64) {
	if c.seen == nil {
		c.seen = map[uint64]int64{}
	}
	c.seen[k] = t
	if t > c.Watermark {
		c.Watermark = t
	}
}

// prune forgets keys older than the overlap before the watermark.
func (c *cursor) prune(overlap time.Duration) {
	limit := c.Watermark - int64(overlap/time.Second) - 1
	for k, t := range c.seen {
		if t < limit {
			delete(c.seen, k)
		}
	}
}

// pack stores the seen keys in Seen, grouped by second.
func (c *cursor) pack() {
	byT := map[int64][]uint64{}
	for k, t := range c.seen {
		byT[t] = append(byT[t], k)
	}
	c.Seen = c.Seen[:0]
	ts := make([]int64, 0, len(byT))
	for t := range byT {
		ts = append(ts, t)
	}
	sort.Slice(ts, func(i, j int) bool { return ts[i] < ts[j] })
	for _, t := range ts {
		keys := byT[t]
		sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
		raw := make([]byte, 8*len(keys))
		for i, k := range keys {
			binary.LittleEndian.PutUint64(raw[8*i:], k)
		}
		c.Seen = append(c.Seen, seenBucket{T: t, Keys: base64.StdEncoding.EncodeToString(raw)})
	}
}

// stateStore reads and writes the state file under an exclusive lock, so two watchers
// sharing a file do not lose each other's servers.
type stateStore struct {
	path string
}

func (s *stateStore) lock() (func(), error) {
	if err := os.MkdirAll(filepath.Dir(s.path), 0o700); err != nil {
		return nil, fmt.Errorf("state directory: %w", err)
	}
	f, err := os.OpenFile(s.path+".lock", os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("state lock: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, fmt.Errorf("state lock: %w", err)
	}
	return func() {
		_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}

func (s *stateStore) read() (*stateFile, error) {
	st := &stateFile{Version: stateVersion, Servers: map[string]*serverState{}}
	b, err := os.ReadFile(s.path)
	if errors.Is(err, fs.ErrNotExist) {
		return st, nil
	}
	if err != nil {
		return nil, fmt.Errorf("state file: %w", err)
	}
	if err := json.Unmarshal(b, st); err != nil {
		return nil, fmt.Errorf("state file %s is damaged (%v): move it away to start afresh", s.path, err)
	}
	if st.Version != stateVersion {
		return nil, fmt.Errorf("state file %s has version %d, want %d", s.path, st.Version, stateVersion)
	}
	if st.Servers == nil {
		st.Servers = map[string]*serverState{}
	}
	return st, nil
}

// load returns the state of one server (a fresh one when unknown).
func (s *stateStore) load(key string) (*serverState, error) {
	unlock, err := s.lock()
	if err != nil {
		return nil, err
	}
	defer unlock()
	st, err := s.read()
	if err != nil {
		return nil, err
	}
	ss := st.Servers[key]
	if ss == nil {
		ss = &serverState{}
	}
	ss.QueryLog.load()
	ss.SessionLog.load()
	if ss.ServerLogs == nil {
		ss.ServerLogs = map[string]*logPos{}
	}
	return ss, nil
}

// save writes one server's state, keeping the others', atomically and with mode 0600.
func (s *stateStore) save(key string, ss *serverState) error {
	unlock, err := s.lock()
	if err != nil {
		return err
	}
	defer unlock()
	st, err := s.read()
	if err != nil {
		return err
	}
	ss.Updated = time.Now().UTC().Truncate(time.Second)
	ss.QueryLog.pack()
	ss.SessionLog.pack()
	st.Servers[key] = ss
	b, err := json.Marshal(st)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(s.path), filepath.Base(s.path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("state file: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return fmt.Errorf("state file: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), s.path)
}
