package history

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// reversePrivateIPv4 hashes every address of 10/8, 172.16/12 and 192.168/16 with
// plain SHA-256, as an attacker holding a stolen history would, and returns how many
// addresses it tried and which of them hash to one of stored. The two cores each take
// half the space; the text of each address is built in place.
func reversePrivateIPv4(stored map[[32]byte]bool) (tried int, found []string) {
	// A match is first looked for by the hash's first 8 bytes in a short list, then
	// confirmed in the map: far cheaper than hashing 32-byte map keys 18 million times.
	var prefixes []uint64
	for h := range stored {
		prefixes = append(prefixes, binary.BigEndian.Uint64(h[:8]))
	}
	var octet [256][]byte
	for i := range octet {
		octet[i] = strconv.AppendInt(nil, int64(i), 10)
	}
	type block struct{ a, b int }
	var blocks []block
	for _, r := range []struct{ a, bFrom, bTo int }{{10, 0, 255}, {172, 16, 31}, {192, 168, 168}} {
		for b := r.bFrom; b <= r.bTo; b++ {
			blocks = append(blocks, block{r.a, b})
		}
	}
	workers := max(1, min(runtime.NumCPU(), 4))
	type result struct {
		tried int
		found []string
	}
	out := make(chan result, workers)
	for w := range workers {
		go func() {
			var res result
			buf := make([]byte, 0, 16)
			for i := w; i < len(blocks); i += workers {
				bl := blocks[i]
				for c := 0; c < 256; c++ {
					buf = strconv.AppendInt(buf[:0], int64(bl.a), 10)
					buf = append(buf, '.')
					buf = strconv.AppendInt(buf, int64(bl.b), 10)
					buf = append(buf, '.')
					buf = strconv.AppendInt(buf, int64(c), 10)
					buf = append(buf, '.')
					prefix := len(buf)
					for d := 0; d < 256; d++ {
						buf = append(buf[:prefix], octet[d]...)
						sum := sha256.Sum256(buf)
						p := binary.BigEndian.Uint64(sum[:8])
						for _, q := range prefixes {
							if p == q && stored[sum] {
								res.found = append(res.found, string(buf))
							}
						}
					}
					res.tried += 256
				}
			}
			out <- res
		}()
	}
	for range workers {
		r := <-out
		tried += r.tried
		found = append(found, r.found...)
	}
	return tried, found
}

// TestStolenHistoryCannotBeReversed is issue 10 row 10: a history file taken from a
// monitor holds ip-address findings; hashing every private IPv4 address must match
// none of its fingerprints (they are keyed), while the same value found in two runs
// under the same installation key has the same fingerprint in both.
func TestStolenHistoryCannotBeReversed(t *testing.T) {
	dir := t.TempDir()
	key, created, err := finding.LoadKeyFile(filepath.Join(dir, "config", "fingerprint.key"))
	if err != nil || !created {
		t.Fatalf("key: created %v, %v", created, err)
	}
	if err := finding.SetKey(key); err != nil {
		t.Fatal(err)
	}
	ips := []string{"10.20.30.40", "192.168.1.20", "172.16.5.9", "10.0.0.1"}
	report := func() *finding.Report {
		rep := &finding.Report{Tool: "leakwatch", Started: time.Now().Add(-time.Second), Finished: time.Now(),
			Services: []finding.Service{{Host: "127.0.0.1", Port: 8123, Protocol: "clickhouse-http", Product: "clickhouse",
				Auth: finding.AuthNone, Status: finding.StatusOpen}}}
		for _, ip := range ips {
			f := finding.Finding{Severity: finding.Low, Category: finding.Infrastructure, Rule: "ip-address", Title: "IPv4 address",
				Host: "127.0.0.1", Port: 8123, Protocol: "clickhouse-http", Database: "default", Table: "access_log", Column: "client"}
			f.SetSecret(ip, false)
			f.ComputeID()
			rep.Findings = append(rep.Findings, f)
		}
		return rep
	}
	path := filepath.Join(dir, "history.db")
	d := open(t, path)
	ctx := context.Background()
	r1, err := d.SaveRun(ctx, RunRecord{Group: "lab", Trigger: "schedule", Started: time.Now(), Report: report()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	// A second run, in what stands for another process: the key is read again from
	// its file.
	again, created, err := finding.LoadKeyFile(filepath.Join(dir, "config", "fingerprint.key"))
	if err != nil || created {
		t.Fatalf("key again: created %v, %v", created, err)
	}
	if err := finding.SetKey(again); err != nil {
		t.Fatal(err)
	}
	r2, err := d.SaveRun(ctx, RunRecord{Group: "lab", Trigger: "schedule", Started: time.Now(), Report: report()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	d.Close()

	// The thief opens the file with nothing but SQLite.
	raw, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	rows, err := raw.Query(`SELECT run_id, doc FROM findings ORDER BY run_id, ord`)
	if err != nil {
		t.Fatal(err)
	}
	stored := map[string]bool{}
	byRun := map[int64][]string{}
	for rows.Next() {
		var run int64
		var doc string
		if err := rows.Scan(&run, &doc); err != nil {
			t.Fatal(err)
		}
		var f finding.Finding
		if err := json.Unmarshal([]byte(doc), &f); err != nil {
			t.Fatal(err)
		}
		if f.SHA256 == "" || f.Value != "" {
			t.Fatalf("stored finding %+v", f)
		}
		stored[f.SHA256] = true
		byRun[run] = append(byRun[run], f.SHA256+" "+f.Redacted)
	}
	rows.Close()
	if len(stored) != len(ips) {
		t.Fatalf("%d distinct fingerprints stored, want %d", len(stored), len(ips))
	}
	if fmt.Sprint(byRun[r1.ID]) != fmt.Sprint(byRun[r2.ID]) {
		t.Fatalf("the same values got other fingerprints in the second run:\n%v\n%v", byRun[r1.ID], byRun[r2.ID])
	}

	// Every private IPv4 address, hashed as an attacker would. The same pass also looks
	// for the plain SHA-256 of the planted values (what leakwatch stored before keyed
	// fingerprints), so a broken enumeration cannot pass for a safe store.
	stolen := map[[32]byte]bool{}
	for fp := range stored {
		b, err := hex.DecodeString(fp)
		if err != nil || len(b) != 32 {
			t.Fatalf("stored fingerprint %q is not 32 bytes of hex", fp)
		}
		stolen[[32]byte(b)] = true
	}
	targets := map[[32]byte]bool{}
	for h := range stolen {
		targets[h] = true
	}
	for _, ip := range ips {
		targets[sha256.Sum256([]byte(ip))] = true
	}
	start := time.Now()
	tried, found := reversePrivateIPv4(targets)
	sort.Strings(found)
	var reversed []string
	for _, ip := range found {
		if stolen[sha256.Sum256([]byte(ip))] {
			reversed = append(reversed, ip)
		}
	}
	t.Logf("hashed %d private IPv4 addresses in %v: %d stored fingerprints reversed %v; control (plain hashes of the planted values) found %v",
		tried, time.Since(start).Round(time.Millisecond), len(reversed), reversed, found)
	if tried != 1<<24+1<<20+1<<16 {
		t.Fatalf("enumeration covered %d addresses", tried)
	}
	plain := append([]string(nil), ips...)
	sort.Strings(plain)
	if fmt.Sprint(found) != fmt.Sprint(plain) {
		t.Fatalf("the enumeration found %v, want the planted %v", found, plain)
	}
	if len(reversed) > 0 {
		t.Fatalf("the stolen history gives values away: %v", reversed)
	}
	// The redacted form gives no more than one character away.
	for _, fs := range byRun {
		for _, s := range fs {
			if _, red, _ := cutLast(s, " "); len([]rune(red)) > len("1…(11)") {
				t.Errorf("redacted form %q shows too much of an IP address", red)
			}
		}
	}
}

func cutLast(s, sep string) (string, string, bool) {
	for i := len(s) - len(sep); i >= 0; i-- {
		if s[i:i+len(sep)] == sep {
			return s[:i], s[i+len(sep):], true
		}
	}
	return s, "", false
}
