package finding

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// withKey runs fn with k as the process key and restores the previous one after.
func withKey(t *testing.T, k []byte, fn func()) {
	t.Helper()
	keyMu.Lock()
	old, oldSet := key, keySet
	keyMu.Unlock()
	defer func() {
		keyMu.Lock()
		key, keySet = old, oldSet
		keyMu.Unlock()
	}()
	if err := SetKey(k); err != nil {
		t.Fatal(err)
	}
	fn()
}

func TestFingerprintIsKeyed(t *testing.T) {
	const v = "192.168.1.20"
	plain := sha256.Sum256([]byte(v))
	k1, k2 := NewKey(), NewKey()
	var a1, a2, b string
	withKey(t, k1, func() { a1 = Fingerprint(v) })
	withKey(t, k1, func() { a2 = Fingerprint(v) })
	withKey(t, k2, func() { b = Fingerprint(v) })
	if a1 != a2 {
		t.Fatalf("same key, different fingerprints: %s %s", a1, a2)
	}
	if a1 == b {
		t.Fatal("two keys gave the same fingerprint")
	}
	if a1 == hex.EncodeToString(plain[:]) || b == hex.EncodeToString(plain[:]) {
		t.Fatal("the fingerprint is the plain SHA-256 of the value")
	}
	if len(a1) != 64 {
		t.Fatalf("fingerprint %q is not 32 bytes of hex", a1)
	}
}

func TestLoadKeyFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "sub", "fingerprint.key")
	k, created, err := LoadKeyFile(p)
	if err != nil || !created || len(k) != KeySize {
		t.Fatalf("first load: %d bytes, created %v, %v", len(k), created, err)
	}
	st, err := os.Stat(p)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("key file mode %v, %v", st.Mode(), err)
	}
	if st, _ := os.Stat(filepath.Dir(p)); st.Mode().Perm() != 0o700 {
		t.Fatalf("key directory mode %v", st.Mode())
	}
	again, created, err := LoadKeyFile(p)
	if err != nil || created || string(again) != string(k) {
		t.Fatalf("second load: created %v, %v, same %v", created, err, string(again) == string(k))
	}
	if err := os.Chmod(p, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := LoadKeyFile(p); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Fatalf("a world-readable key file was accepted: %v", err)
	}
	bad := filepath.Join(dir, "bad.key")
	if err := os.WriteFile(bad, []byte("not hex at all\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, err := LoadKeyFile(bad); err == nil {
		t.Fatal("a key file that is not hex was accepted")
	}
	if err := SetKey([]byte("short")); err == nil {
		t.Fatal("a 5-byte key was accepted")
	}
}

func TestRedactLowEntropy(t *testing.T) {
	for in, want := range map[string]string{
		"10.0.0.1":            "1…(8)",
		"192.168.100.200":     "1…(15)",
		"4111111111111111":    "4…(16)",
		"+14155550123":        "+…(12)",
		"jo@example.org":      "j…(14)",
		"1.2.3.4":             "…(7)",
		"alice.smith@corp.io": "a…(19)",
	} {
		if got := RedactLowEntropy(in); got != want {
			t.Errorf("RedactLowEntropy(%q) = %q, want %q", in, got, want)
		}
	}
	for _, c := range []Category{PII, Infrastructure} {
		f := Finding{Category: c, Rule: "ip-address"}
		f.SetSecret("192.168.100.200", false)
		if f.Redacted != "1…(15)" {
			t.Fatalf("a %s finding shows %q", c, f.Redacted)
		}
	}
}

// The reused MACs give exactly HMAC-SHA256(key, value): reset between values, renewed
// when the key changes, and safe from many goroutines.
func TestFingerprintReusedMACs(t *testing.T) {
	want := func(k []byte, v string) string {
		m := hmac.New(sha256.New, k)
		m.Write([]byte(v))
		return hex.EncodeToString(m.Sum(nil))
	}
	for _, k := range [][]byte{NewKey(), NewKey()} {
		withKey(t, k, func() {
			var wg sync.WaitGroup
			for g := range 8 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := range 200 {
						v := fmt.Sprintf("value-%d-%d", g, i)
						if got := Fingerprint(v); got != want(k, v) {
							t.Errorf("Fingerprint(%q) = %s, want %s", v, got, want(k, v))
							return
						}
					}
				}()
			}
			wg.Wait()
		})
	}
}
