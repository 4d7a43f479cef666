package redis

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/lab"
	"github.com/leakwatch/leakwatch/internal/lab/labtest"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// TestMonitorProvesReadOnly watches a fresh seeded server with MONITOR from the test's
// own admin connection while full probes run, then checks every command the server
// received against the server's own command table: each must be flagged readonly and
// not write, or be one of the few administrative reads that touch no key.
func TestMonitorProvesReadOnly(t *testing.T) {
	r := labtest.RedisFresh(t, lab.RedisConfig{Unsafe: true}, true)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	mon, err := r.Admin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer mon.Close()
	if v, err := mon.Do(ctx, "MONITOR"); err != nil || v != "OK" {
		t.Fatalf("MONITOR: %v %v", v, err)
	}

	var sent [][]string
	p := New()
	p.sent = func(args []string) { sent = append(sent, append([]string(nil), args...)) }
	for _, rows := range []int{20, 3} {
		o := store.DefaultOptions()
		o.SampleRows = rows
		res, err := p.Probe(ctx, probetest.At(r.Host, r.Port), &o)
		if err != nil || len(res.Samples) == 0 {
			t.Fatalf("probe: %v", err)
		}
	}

	admin, err := r.Admin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	const marker = "leakwatch-monitor-end"
	if _, err := admin.Do(ctx, "ECHO", marker); err != nil {
		t.Fatal(err)
	}
	var cmds [][]string
	for {
		v, err := mon.Receive(ctx)
		if err != nil {
			t.Fatalf("reading MONITOR: %v", err)
		}
		line, _ := v.(string)
		args := monitorArgs(t, line)
		if len(args) > 0 && strings.EqualFold(args[0], "echo") && len(args) > 1 && args[1] == marker {
			break
		}
		if len(args) > 0 {
			cmds = append(cmds, args)
		}
	}
	if len(cmds) < 50 {
		t.Fatalf("only %d commands seen by MONITOR", len(cmds))
	}

	// MONITOR hides commands flagged admin (CONFIG, ACL GETUSER, …): those are checked
	// from the prober's own record of what it sent, against the server's command table.
	adminReads := map[string]bool{"ping": true, "info": true, "select": true, "acl|whoami": true, "acl|getuser": true,
		"command|info": true, "config|get": true, "module|list": true}
	flagsOf := map[string][]string{}
	counts := map[string]int{}
	check := func(args []string) (isAdmin bool) {
		name := strings.ToLower(args[0])
		if name == "keys" {
			t.Fatalf("KEYS sent: %q", args)
		}
		full := name
		if len(args) > 1 && (name == "acl" || name == "command" || name == "config" || name == "module" || name == "client") {
			full = name + "|" + strings.ToLower(args[1])
		}
		counts[full]++
		flags, ok := flagsOf[full]
		if !ok {
			v, err := admin.Do(ctx, "COMMAND", "INFO", full)
			if err != nil {
				t.Fatal(err)
			}
			info, _ := v.([]any)
			if len(info) != 1 {
				t.Fatalf("COMMAND INFO %s: %v", full, v)
			}
			entry, _ := info[0].([]any)
			if len(entry) < 3 {
				t.Fatalf("%s is not a command of this server: %v", full, v)
			}
			for _, f := range entry[2].([]any) {
				flags = append(flags, f.(string))
			}
			flagsOf[full] = flags
		}
		has := func(f string) bool {
			for _, x := range flags {
				if x == f {
					return true
				}
			}
			return false
		}
		if has("write") || (!has("readonly") && !adminReads[full]) {
			t.Fatalf("command %q (flags %v) is not read-only", args, flags)
		}
		return has("admin")
	}
	for _, args := range cmds {
		if check(args) {
			t.Fatalf("MONITOR showed an admin command %q", args)
		}
	}
	t.Logf("MONITOR saw %d commands: %v", len(cmds), counts)
	counts = map[string]int{}
	hidden := 0
	for _, args := range sent {
		if check(args) {
			hidden++
		}
	}
	t.Logf("the prober sent %d more that MONITOR hides (admin): %v", hidden, counts)
	// What the prober recorded is what the server saw: nothing else reached it (AUTH is
	// hidden too; none was sent to this open server).
	if len(sent)-hidden != len(cmds) {
		t.Fatalf("prober sent %d commands (%d admin), server saw %d", len(sent), hidden, len(cmds))
	}
}

// monitorArgs parses a MONITOR line: 1339518083.107412 [0 127.0.0.1:60866] "keys" "*".
func monitorArgs(t *testing.T, line string) []string {
	t.Helper()
	i := strings.Index(line, "] ")
	if i < 0 {
		return nil
	}
	rest := line[i+2:]
	var out []string
	for len(rest) > 0 {
		rest = strings.TrimLeft(rest, " ")
		if rest == "" {
			break
		}
		if rest[0] != '"' {
			t.Fatalf("unexpected MONITOR line %q", line)
		}
		// Arguments are quoted like C strings; strconv.Unquote handles the escapes
		// Redis uses (\", \\, \n, \xNN), once the closing quote is found.
		j := 1
		for ; j < len(rest); j++ {
			if rest[j] == '\\' {
				j++
				continue
			}
			if rest[j] == '"' {
				break
			}
		}
		arg, err := strconv.Unquote(rest[:j+1])
		if err != nil {
			arg = rest[1:j]
		}
		out = append(out, arg)
		rest = rest[j+1:]
	}
	return out
}
