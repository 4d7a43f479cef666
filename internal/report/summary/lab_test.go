package summary_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/lab"
	"github.com/leakwatch/leakwatch/internal/lab/labtest"
	"github.com/leakwatch/leakwatch/internal/report/summary"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/etcd"
	"github.com/leakwatch/leakwatch/internal/store/memcached"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
	"github.com/leakwatch/leakwatch/internal/store/redis"
)

func TestMain(m *testing.M) { os.Exit(labtest.Run(m)) }

// scanned is one real lab server scanned by the pipeline, as a report.
func scanned(t *testing.T, p store.Prober, addr string) *finding.Report {
	t.Helper()
	svc, fs := probetest.Scan(t, p, probetest.Endpoint(t, addr))
	finding.Sort(fs)
	return &finding.Report{Services: []finding.Service{*svc}, Findings: fs}
}

// groupAt finds the data group of rule at field (a key pattern) in dataset table.
func groupAt(t *testing.T, s *summary.Summary, table, field, rule string) *summary.Group {
	t.Helper()
	for _, g := range s.Groups {
		if g.IsData() && g.Table == table && g.Field == field && g.Rule == rule {
			return g
		}
	}
	var have []string
	for _, g := range s.Groups {
		if g.IsData() {
			have = append(have, fmt.Sprintf("%s|%s|%s", g.Table, g.Field, g.Rule))
		}
	}
	t.Fatalf("no %s group at %s %s; groups: %s", rule, table, field, strings.Join(have, "; "))
	return nil
}

// checkGrouping asserts what grouping promises on a key-value store's real scan: one
// group per (dataset, field or key pattern, kind), fewer groups than findings, every
// finding in exactly one group.
func checkGrouping(t *testing.T, r *finding.Report, s *summary.Summary) {
	t.Helper()
	seen := map[string]bool{}
	data, members := 0, 0
	for _, g := range s.Groups {
		members += len(g.Findings)
		if !g.IsData() {
			continue
		}
		data++
		k := strings.Join([]string{g.Host, fmt.Sprint(g.Port), g.Database, g.Table, g.Field, g.Rule}, "|")
		if seen[k] {
			t.Errorf("two groups for %s", k)
		}
		seen[k] = true
		if strings.Contains(g.Location(), "/./") {
			t.Errorf("location repeats the key prefix: %q", g.Location())
		}
	}
	if members != len(r.Findings) {
		t.Errorf("%d findings in groups, %d in the report", members, len(r.Findings))
	}
	dataFindings := 0
	for _, f := range r.Findings {
		if f.Category == finding.Secret || f.Category == finding.PII || f.Category == finding.Chat {
			dataFindings++
		}
	}
	if data >= dataFindings {
		t.Errorf("%d data groups for %d data findings: nothing grouped", data, dataFindings)
	}
	t.Logf("%d data findings in %d groups", dataFindings, data)
}

// TestGroupsLabRedis is issue 14's grouping on the lab's real Redis: the 50 user:<n>
// hashes holding e-mail addresses and phone numbers are one group each, "user:{n}", with
// the keys read and the keys listed; the chat lists one group "chat:history:{n}".
func TestGroupsLabRedis(t *testing.T) {
	r := scanned(t, redis.New(), labtest.RedisOpen(t).Addr())
	s := summary.Of(r)
	checkGrouping(t, r, s)
	for _, rule := range []string{"email", "phone-number"} {
		g := groupAt(t, s, "db0", "user:{n}", rule)
		if !g.KeyPattern || g.Listed == nil || g.Listed.Listed != lab.RedisUsers {
			t.Errorf("%s in user:{n}: pattern %v, listed %+v; want %d listed", rule, g.KeyPattern, g.Listed, lab.RedisUsers)
			continue
		}
		if len(g.Keys) == 0 || len(g.Keys) > g.Listed.Sampled || g.Values() < len(g.Keys) {
			t.Errorf("%s in user:{n}: %d keys, %d read, %d values", rule, len(g.Keys), g.Listed.Sampled, g.Values())
		}
		want := fmt.Sprintf("in %s (%d of %d read)", summary.Count(len(g.Keys), "key", "keys"), g.Listed.Sampled, lab.RedisUsers)
		if g.KeysNote() != want {
			t.Errorf("keys note %q, want %q", g.KeysNote(), want)
		}
	}
	chat := groupAt(t, s, "db0", "chat:history:{n}", "chat-transcript")
	if chat.Listed == nil || chat.Listed.Listed != lab.RedisChats || len(chat.Keys) < 2 {
		t.Errorf("chat group: listed %+v, keys %v", chat.Listed, chat.Keys)
	}
	if ds := chat.Dataset; ds == nil || ds.KeysListed != lab.RedisSeedKeys[0] {
		t.Errorf("db0 keys listed = %+v, want %d", ds, lab.RedisSeedKeys[0])
	}
	if len(s.Exposures) != 1 || !strings.Contains(s.Exposures[0].ChatLine(), "20 keys of chat logs in db0.chat:history:{n}") {
		t.Errorf("headline chat line: %+v", s.Exposures)
	}
}

// TestGroupsLabMemcached: the same on the lab's Memcached (its one "items" cache).
func TestGroupsLabMemcached(t *testing.T) {
	r := scanned(t, memcached.New(), labtest.MemcachedOpen(t).Addr())
	s := summary.Of(r)
	checkGrouping(t, r, s)
	g := groupAt(t, s, "items", "user:profile:{n}", "email")
	if g.Listed == nil || g.Listed.Listed != lab.MemcachedUsers || len(g.Keys) == 0 {
		t.Errorf("user:profile:{n}: listed %+v, keys %v", g.Listed, g.Keys)
	}
	c := groupAt(t, s, "items", "chat:transcript:{n}", "chat-transcript")
	if c.Listed == nil || c.Listed.Listed != lab.MemcachedChats {
		t.Errorf("chat:transcript:{n}: listed %+v", c.Listed)
	}
}

// TestGroupsLabEtcd: on the lab's etcd, keys are shown once ("/app/users/{n}", not
// "/app/./app/users/19"), and the 20 user keys are one group per kind.
func TestGroupsLabEtcd(t *testing.T) {
	r := scanned(t, etcd.New(), labtest.EtcdOpen(t).Addr())
	s := summary.Of(r)
	checkGrouping(t, r, s)
	g := groupAt(t, s, "/app/", "/app/users/{n}", "email")
	if g.Location() != "/app/users/{n}" || g.Listed == nil || g.Listed.Listed != lab.EtcdAppUsers {
		t.Errorf("location %q, listed %+v", g.Location(), g.Listed)
	}
	for _, f := range r.Findings {
		if w := summary.Where(f); strings.Contains(w, "/./") {
			t.Errorf("finding at %q", w)
		}
	}
}
