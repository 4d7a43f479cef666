package redis

import (
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store/vuln"
)

func TestAllowList(t *testing.T) {
	for _, tc := range []struct {
		args []string
		ok   bool
	}{
		{[]string{"PING"}, true},
		{[]string{"scan", "0", "COUNT", "10"}, true},
		{[]string{"CONFIG", "GET", "dir"}, true},
		{[]string{"config", "set", "dir", "/tmp"}, false},
		{[]string{"CONFIG"}, false},
		{[]string{"ACL", "WHOAMI"}, true},
		{[]string{"ACL", "SETUSER", "x"}, false},
		{[]string{"MODULE", "LOAD", "/tmp/x.so"}, false},
		{[]string{"KEYS", "*"}, false},
		{[]string{"SET", "a", "b"}, false},
		{[]string{"FLUSHALL"}, false},
		{[]string{"EVAL", "return 1", "0"}, false},
		{[]string{"SLAVEOF", "1.2.3.4", "6379"}, false},
		{[]string{"GET", "a"}, false}, // GETRANGE is used, with its cap
		{nil, false},
	} {
		if got := allowed(tc.args); got != tc.ok {
			t.Errorf("allowed(%q) = %v, want %v", tc.args, got, tc.ok)
		}
	}
}

func TestACLRules(t *testing.T) {
	for _, tc := range []struct {
		rules    string
		cmd, sub string
		want     bool
	}{
		{"+@all", "config", "set", true},
		{"+@all -@dangerous", "config", "set", false},
		{"+@all -@dangerous", "eval", "", true},
		{"+@read +@connection -@dangerous +info", "config", "set", false},
		{"-@all +config|get", "config", "set", false},
		{"-@all +config", "config", "set", true},
		{"+@all -config +config|get", "config", "set", false},
		{"+@all -config|set", "config", "set", false},
		{"+@admin", "module", "load", true},
		{"allcommands -slaveof", "replicaof", "", true},
		{"allcommands -slaveof", "slaveof", "", false},
		{"nocommands +@read", "replicaof", "", false},
		{"", "config", "set", false},
	} {
		p := perms{acl: true, known: true, rules: strings.Fields(tc.rules)}
		if got := p.allows(tc.cmd, tc.sub); got != tc.want {
			t.Errorf("%q allows %s|%s = %v, want %v", tc.rules, tc.cmd, tc.sub, got, tc.want)
		}
	}
	if !(perms{acl: false, known: true}).allows("config", "set") {
		t.Error("without ACLs every command is allowed")
	}
}

func TestParseInfo(t *testing.T) {
	in := parseInfo("# Server\r\nredis_version:7.0.15\r\nredis_mode:standalone\r\nos:Linux 6.1 x86_64\r\n\r\n" +
		"# Keyspace\r\ndb3:keys=3,expires=0,avg_ttl=0\r\ndb0:keys=3116,expires=40,avg_ttl=86399123\r\ndbx:keys=1\r\ndb1:expires=4\r\n")
	if in.fields["redis_version"] != "7.0.15" || in.fields["os"] != "Linux 6.1 x86_64" {
		t.Fatalf("fields %v", in.fields)
	}
	if len(in.keyspace) != 2 || in.keyspace[0] != (dbStats{index: 0, keys: 3116, expires: 40, avgTTL: 86399123}) || in.keyspace[1].index != 3 {
		t.Fatalf("keyspace %+v", in.keyspace)
	}
	for _, tc := range []struct{ info, flavor, version string }{
		{"redis_version:7.2.4\r\nserver_name:valkey\r\nvalkey_version:8.0.1\r\n", "valkey", "8.0.1"},
		{"redis_version:6.2.11\r\ndragonfly_version:df-v1.14.0\r\n", "dragonfly", "df-v1.14.0"},
		{"redis_version:6.2.6\r\nmvcc-depth:0\r\n", "keydb", "6.2.6"},
		{"redis_version:3.2.6\r\n", "redis", "3.2.6"},
	} {
		f, v := parseInfo(tc.info).flavor()
		if f != tc.flavor || v != tc.version {
			t.Errorf("flavor(%q) = %s %s", tc.info, f, v)
		}
	}
}

func TestRender(t *testing.T) {
	bulk := func(s string) reply { return reply{kind: '$', str: s} }
	arr := func(e ...reply) reply { return reply{kind: '*', elems: e} }
	// A hash is one record: its fields one object, in one cell, however many rows the
	// other types may take.
	if got := render("hash", arr(bulk("0"), arr(bulk("api_key"), bulk("sk-1"), bulk("email"), bulk("a@b.c"))), 1, 1<<10); strings.Join(got, "|") != `{"api_key":"sk-1","email":"a@b.c"}` {
		t.Fatalf("hash: %q", got)
	}
	// Fields are added while the object fits its bytes: it stays JSON, whole fields
	// only; a first field too long alone is kept with its value cut.
	if got := render("hash", arr(bulk("0"), arr(bulk("a"), bulk("12345"), bulk("b"), bulk("67890"))), 10, 20); strings.Join(got, "|") != `{"a":"12345"}` {
		t.Fatalf("hash within 20 bytes: %q", got)
	}
	if got := render("hash", arr(bulk("0"), arr(bulk("a"), bulk(strings.Repeat("x", 50)))), 10, 20); len(got) != 1 || len(got[0]) > 20 || got[0] != `{"a":"`+strings.Repeat("x", 12)+`"}` {
		t.Fatalf("long first field within 20 bytes: %q", got)
	}
	if got := render("stream", arr(arr(bulk("1-0"), arr(bulk("ip"), bulk("10.0.0.1")))), 10, 1<<10); len(got) != 1 || got[0] != `{"id":"1-0","ip":"10.0.0.1"}` {
		t.Fatalf("stream: %q", got)
	}
	if got := render("zset", arr(bulk("0"), arr(bulk("m1"), bulk("1"), bulk("m2"), bulk("2"))), 1, 1<<10); len(got) != 1 || got[0] != "m1" {
		t.Fatalf("zset: %q", got)
	}
	if got := render("hash", bulk("x"), 10, 1<<10); got != nil {
		t.Fatalf("malformed hash reply: %q", got)
	}
}

func TestCVETable(t *testing.T) {
	ids := func(v string) string {
		var out []string
		for _, c := range vuln.Matching(cves, v) {
			out = append(out, c.ID)
		}
		return strings.Join(out, " ")
	}
	for _, tc := range []struct {
		version  string
		has, not []string
	}{
		{"7.0.15", []string{"CVE-2025-49844", "CVE-2024-31449", "CVE-2025-21605"}, []string{"CVE-2023-41056", "CVE-2023-28425", "CVE-2022-24834"}},
		{"7.0.9", []string{"CVE-2023-41056", "CVE-2023-28856", "CVE-2023-28425"}, []string{"CVE-2023-25155"}},
		{"7.0.8", []string{"CVE-2023-28425", "CVE-2023-25155"}, []string{"CVE-2023-41056", "CVE-2022-35977"}},
		{"8.2.2", nil, []string{"CVE-2025-49844"}},
		{"8.2.1", []string{"CVE-2025-49844"}, []string{"CVE-2025-21605", "CVE-2024-46981"}},
		{"6.2.19", []string{"CVE-2025-49844"}, []string{"CVE-2025-32023", "CVE-2024-51741"}},
		{"6.0.16", []string{"CVE-2022-24834", "CVE-2022-24735"}, []string{"CVE-2021-32675", "CVE-2021-32625", "CVE-2022-31144"}},
		{"2.8.4", []string{"CVE-2015-4335", "CVE-2021-32675"}, []string{"CVE-2024-31449", "CVE-2021-29477"}},
	} {
		got := " " + ids(tc.version) + " "
		for _, id := range tc.has {
			if !strings.Contains(got, " "+id+" ") {
				t.Errorf("%s: missing %s in %s", tc.version, id, got)
			}
		}
		for _, id := range tc.not {
			if strings.Contains(got, " "+id+" ") {
				t.Errorf("%s: unexpected %s", tc.version, id)
			}
		}
	}
	for _, c := range cves {
		if c.Summary == "" || len(c.Fixed) == 0 || !strings.HasPrefix(c.ID, "CVE-") {
			t.Errorf("incomplete entry %+v", c)
		}
	}
}

func TestDebianLua(t *testing.T) {
	svc := finding.Service{Version: "5.0.14", Details: map[string]string{"executable": "/usr/bin/redis-server"}}
	if _, ok := debianLua(svc); !ok {
		t.Fatal("Debian-packaged 5.0.14 not flagged")
	}
	svc.Details["executable"] = "/usr/local/bin/redis-server"
	if _, ok := debianLua(svc); ok {
		t.Fatal("a source build is flagged")
	}
	svc = finding.Service{Version: "7.0.15", Details: map[string]string{"executable": "/usr/bin/redis-server"}}
	if _, ok := debianLua(svc); ok {
		t.Fatal("7.0.15 flagged")
	}
}
