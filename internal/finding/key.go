package finding

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
)

// Fingerprints are keyed. A plain SHA-256 of a low-entropy value (an IPv4 address, a
// phone or card number, an e-mail address) is reversed by hashing every candidate, so a
// stolen report or history would give the values back. Fingerprint is therefore
// HMAC-SHA256 under an installation key that never leaves the machine (or the team's
// PostgreSQL history store): without the key, the stored fingerprints say nothing; with
// the same key, the same value gets the same fingerprint in every run, so runs still
// compare and repeats still de-duplicate.
//
// The key is process-wide and set once at start-up (the CLI loads it before any
// command runs). A program that never sets one gets a random key of its own: its
// fingerprints are keyed and consistent within the process, but do not match another
// process's.

// KeySize is the length of a generated installation key in bytes.
const KeySize = 32

// ErrKeyUnsafe marks a key file that others could read, write or own: it is refused
// rather than used.
var ErrKeyUnsafe = errors.New("unsafe fingerprint key file")

var (
	keyMu  sync.RWMutex
	key    []byte
	keySet bool
)

// SetKey sets the key Fingerprint uses from now on. It is meant to be called once, at
// start-up, before any finding is made. An empty key is refused.
func SetKey(k []byte) error {
	if len(k) < 16 {
		return fmt.Errorf("fingerprint key: %d bytes is too short (want at least 16)", len(k))
	}
	keyMu.Lock()
	key, keySet = append([]byte(nil), k...), true
	keyMu.Unlock()
	return nil
}

// KeyIsSet reports whether SetKey was called (rather than the process using a random
// key of its own).
func KeyIsSet() bool {
	keyMu.RLock()
	defer keyMu.RUnlock()
	return keySet
}

func currentKey() []byte {
	keyMu.RLock()
	k := key
	keyMu.RUnlock()
	if k != nil {
		return k
	}
	keyMu.Lock()
	defer keyMu.Unlock()
	if key == nil {
		key = make([]byte, KeySize)
		if _, err := rand.Read(key); err != nil {
			panic("finding: no randomness for a fingerprint key: " + err.Error())
		}
	}
	return key
}

// KeyID names the key in effect without revealing it: the first 8 bytes of an HMAC of
// a fixed label, in hex. Runs record it so that a change of key is recognised.
func KeyID() string {
	m := hmac.New(sha256.New, currentKey())
	m.Write([]byte("leakwatch fingerprint key id"))
	return hex.EncodeToString(m.Sum(nil)[:8])
}

// NewKey returns a new random installation key.
func NewKey() []byte {
	k := make([]byte, KeySize)
	if _, err := rand.Read(k); err != nil {
		panic("finding: no randomness for a fingerprint key: " + err.Error())
	}
	return k
}

// DefaultKeyFile is where the installation key lives unless told otherwise:
// <user config dir>/leakwatch/fingerprint.key ($XDG_CONFIG_HOME or ~/.config on Linux).
func DefaultKeyFile() (string, error) {
	d, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("fingerprint key: no user configuration directory (%w): give the key file explicitly", err)
	}
	return filepath.Join(d, "leakwatch", "fingerprint.key"), nil
}

// LoadKeyFile reads the installation key from path, creating the file (mode 0600, in a
// 0700 directory) with a new random key the first time. created reports that. A key file
// that other users can read or write, or that another user owns, is refused: whoever can
// read it can reverse the fingerprints of low-entropy values.
func LoadKeyFile(path string) (k []byte, created bool, err error) {
	if path == "" {
		return nil, false, errors.New("fingerprint key: no file given")
	}
	k, err = readKeyFile(path)
	if err == nil || !errors.Is(err, fs.ErrNotExist) {
		return k, false, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, false, fmt.Errorf("fingerprint key: %w", err)
	}
	k = NewKey()
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL|syscall.O_NOFOLLOW, 0o600)
	if errors.Is(err, fs.ErrExist) { // another process created it first: use theirs
		k, err = readKeyFile(path)
		return k, false, err
	}
	if err != nil {
		return nil, false, fmt.Errorf("fingerprint key: creating %s: %w", path, err)
	}
	_, werr := f.WriteString(hex.EncodeToString(k) + "\n")
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		_ = os.Remove(path)
		return nil, false, fmt.Errorf("fingerprint key: writing %s: %w", path, werr)
	}
	return k, true, nil
}

func readKeyFile(path string) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("fingerprint key: %w", err)
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("fingerprint key: %s is not a regular file", path)
	}
	if perm := st.Mode().Perm(); perm&0o077 != 0 {
		return nil, fmt.Errorf("fingerprint key: %s has mode %04o: other users could read it and reverse fingerprints (chmod 600 it): %w",
			path, perm, ErrKeyUnsafe)
	}
	if sys, ok := st.Sys().(*syscall.Stat_t); ok && int(sys.Uid) != os.Geteuid() && sys.Uid != 0 {
		return nil, fmt.Errorf("fingerprint key: %s belongs to another user (uid %d): %w", path, sys.Uid, ErrKeyUnsafe)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("fingerprint key: %w", err)
	}
	return ParseKey(string(b))
}

// ParseKey decodes a key written as hex (what LoadKeyFile writes and the PostgreSQL
// store keeps).
func ParseKey(s string) ([]byte, error) {
	k, err := hex.DecodeString(strings.TrimSpace(s))
	if err != nil {
		return nil, errors.New("fingerprint key: not hex")
	}
	if len(k) < 16 {
		return nil, fmt.Errorf("fingerprint key: %d bytes is too short (want at least 16)", len(k))
	}
	return k, nil
}
