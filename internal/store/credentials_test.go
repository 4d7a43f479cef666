package store

import (
	"fmt"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/internal/finding"
)

func TestCredentialsToTry(t *testing.T) {
	show := func(cs []*Credential) string {
		var parts []string
		for _, c := range cs {
			if c == nil {
				parts = append(parts, "none")
				continue
			}
			parts = append(parts, fmt.Sprintf("%s:%s@%s/%v", c.Username, c.Password, c.Store, c.Default))
		}
		return strings.Join(parts, " ")
	}
	user := []Credential{
		{Username: "any", Password: "1"},
		{Store: "PostgreSQL", Username: "pg", Password: "2"},
		{Store: "mariadb", Username: "maria", Password: "3"},
		{Store: "Redis", Username: "red", Password: "4", Default: true}, // only probers mark defaults
		{Store: "clickhouse", Username: "ch", Password: "5"},
	}
	defaults := []Credential{{Username: "admin", Password: "admin"}, {Store: "other", Username: "root", Password: "root"}}
	for _, tc := range []struct {
		product    string
		noDefaults bool
		want       string
	}{
		{"redis", false, "none admin:admin@redis/true root:root@redis/true any:1@/false red:4@Redis/false"},
		{"redis", true, "none any:1@/false red:4@Redis/false"},
		{"postgres", false, "none admin:admin@postgres/true root:root@postgres/true any:1@/false pg:2@PostgreSQL/false"},
		{"mysql", true, "none any:1@/false maria:3@mariadb/false"},
		{"etcd", true, "none any:1@/false"},
	} {
		o := &Options{Credentials: user, NoDefaultCredentials: tc.noDefaults}
		if got := show(CredentialsToTry(o, tc.product, defaults...)); got != tc.want {
			t.Errorf("%s (no defaults %v):\n got %s\nwant %s", tc.product, tc.noDefaults, got, tc.want)
		}
	}
	if got := show(CredentialsToTry(&Options{}, "x")); got != "none" {
		t.Errorf("nothing to try but no credentials: %s", got)
	}

	// The entries are copies: a prober filling in a user name changes neither the
	// options nor the defaults.
	o := &Options{Credentials: []Credential{{Password: "p"}}}
	for _, c := range CredentialsToTry(o, "x", defaults...)[1:] {
		c.Username = "changed"
	}
	if o.Credentials[0].Username != "" || defaults[0].Username != "admin" || defaults[0].Default || defaults[1].Store != "other" {
		t.Fatalf("inputs changed: %+v %+v", o.Credentials, defaults)
	}
}

func TestCredentialFor(t *testing.T) {
	for _, tc := range []struct {
		store, product string
		want           bool
	}{
		{"", "redis", true}, {"redis", "redis", true}, {"REDIS", "redis", true}, {"redis", "memcached", false},
		{"postgresql", "postgres", true}, {"postgres", "postgresql", false}, {"mariadb", "mysql", true},
		{"MariaDB", "MySQL", true}, {"mariadb", "postgres", false}, {"postgresq", "postgres", false},
	} {
		if got := (Credential{Store: tc.store}).For(tc.product); got != tc.want {
			t.Errorf("Credential{Store: %q}.For(%q) = %v", tc.store, tc.product, got)
		}
	}
}

func TestAuthOf(t *testing.T) {
	if AuthOf(nil) != finding.AuthNone || AuthOf(&Credential{Default: true}) != finding.AuthDefault ||
		AuthOf(&Credential{Username: "u"}) != finding.AuthCredentials {
		t.Fatal("AuthOf")
	}
}
