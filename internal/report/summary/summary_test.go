package summary

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/internal/finding"
)

func TestObject(t *testing.T) {
	cases := []struct{ db, table, col, want string }{
		{"default", "log_stream", "string_tags", "default.log_stream.string_tags"},
		{"", "db0", "user:24", "db0.user:24"},
		// etcd: the dataset is a key prefix and the column a key under it (issue 14).
		{"", "/app/", "/app/users/19", "/app/users/19"},
		{"", "feature:", "feature:beta", "feature:beta"},
		{"", "/app/", "", "/app/"},
		{"appdb", "public.users", "email", "appdb.public.users.email"},
		{"", "", "", ""},
	}
	for _, c := range cases {
		if got := Object(c.db, c.table, c.col); got != c.want {
			t.Errorf("Object(%q, %q, %q) = %q, want %q", c.db, c.table, c.col, got, c.want)
		}
	}
}

func TestCount(t *testing.T) {
	cases := map[string]string{
		Count(1, "kind of secret", "kinds of secrets"): "1 kind of secret",
		Count(7, "kind of secret", "kinds of secrets"): "7 kinds of secrets",
		Count(0, "key", "keys"):                        "0 keys",
		Count(int64(1100000), "row", "rows"):           "1,100,000 rows",
		Number(-1234):                                  "-1,234",
	}
	for got, want := range cases {
		if got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	}
}

// kvReport is a Redis with findings at 30 user:<n> keys (two kinds each), one config
// key, and a SQL table whose columns must not be merged.
func kvReport() *finding.Report {
	r := &finding.Report{Services: []finding.Service{
		{Host: "10.0.0.1", Port: 6379, Protocol: "redis", Product: "redis", Auth: finding.AuthNone, Status: finding.StatusOpen,
			Datasets: []finding.Dataset{{Table: "db0", Kind: "keyspace", Rows: 3116, KeysListed: 3116,
				Patterns: []finding.KeyPattern{{Pattern: "cache:page:{n}", Listed: 3000, Sampled: 3}, {Pattern: "user:{n}", Listed: 50, Sampled: 30}}}}},
		{Host: "10.0.0.2", Port: 5432, Protocol: "postgres", Product: "postgres", Auth: finding.AuthNone, Status: finding.StatusOpen,
			Datasets: []finding.Dataset{{Database: "app", Table: "users", Kind: "table", Rows: 2000}}},
	}}
	add := func(f finding.Finding, v string) {
		f.SetSecret(v, false)
		f.Count = 1
		f.ComputeID()
		r.Findings = append(r.Findings, f)
	}
	kv := finding.Finding{Host: "10.0.0.1", Port: 6379, Protocol: "redis", Table: "db0"}
	for i := 1; i <= 30; i++ {
		f := kv
		f.Column = fmt.Sprintf("user:%d", i)
		f.Severity, f.Category, f.Rule, f.Title = finding.Medium, finding.PII, "email", "E-mail address"
		add(f, fmt.Sprintf("user%d@mail.test", i))
		f.Rule, f.Title = "phone-number", "Phone number"
		add(f, fmt.Sprintf("+1555000%04d", i))
	}
	f := kv
	f.Column = "config:app"
	f.Severity, f.Category, f.Rule, f.Title = finding.Critical, finding.Secret, "stripe-secret-key", "Stripe live secret key"
	add(f, "sk_live_0123456789abcdefghijklmn")
	sql := finding.Finding{Host: "10.0.0.2", Port: 5432, Protocol: "postgres", Database: "app", Table: "users",
		Severity: finding.Medium, Category: finding.PII, Rule: "email", Title: "E-mail address"}
	for i, col := range []string{"email1", "email2", "email1"} {
		f := sql
		f.Column = col
		add(f, fmt.Sprintf("u%d@x.test", i))
	}
	exp := finding.Finding{Host: "10.0.0.1", Port: 6379, Protocol: "redis", Severity: finding.High, Category: finding.Exposure,
		Rule: "redis-no-auth", Title: "Redis answers without a password", Remediation: "Require a password."}
	exp.ComputeID()
	r.Findings = append(r.Findings, exp)
	finding.Sort(r.Findings)
	return r
}

// TestGroupsByKeyPattern: in a key-value store, findings at user:1 … user:30 are one
// group per kind ("user:{n}"), with the keys found in and the prober's counts; in a
// table, columns are never merged, even when their names differ only by a digit.
func TestGroupsByKeyPattern(t *testing.T) {
	r := kvReport()
	gs := Groups(r)
	var got []string
	for _, g := range gs {
		got = append(got, fmt.Sprintf("%s %s|%s|%d", g.Severity, g.Location(), g.Rule, len(g.Findings)))
	}
	want := []string{
		"critical db0.config:app|stripe-secret-key|1",
		"high |redis-no-auth|1",
		"medium db0.user:{n}|email|30",
		"medium db0.user:{n}|phone-number|30",
		"medium app.users.email1|email|2",
		"medium app.users.email2|email|1",
	}
	if !slices.Equal(got, want) {
		t.Errorf("groups:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, g := range gs {
		if g.Field != "user:{n}" {
			continue
		}
		if !g.KeyPattern || len(g.Keys) != 30 || g.Listed == nil || g.Listed.Listed != 50 {
			t.Errorf("user:{n}: pattern %v keys %d listed %+v", g.KeyPattern, len(g.Keys), g.Listed)
		}
		if n := g.KeysNote(); n != "in 30 keys (30 of 50 read)" {
			t.Errorf("keys note %q", n)
		}
		ev := g.Evidence(2, false, false)
		if len(ev) != 3 || ev[2] != "+28 more" || strings.Contains(ev[0], "@mail.test") {
			t.Errorf("evidence %q", ev)
		}
	}
	// A one-key "pattern" says nothing more than its name.
	if n := gs[0].KeysNote(); n != "" {
		t.Errorf("config:app note %q", n)
	}
}

// TestEvidenceRevealOnlyWhenAsked: a report written with --reveal holds raw values; the
// group shows them only when the writer asks (the text report), never otherwise (html,
// disclosure).
func TestEvidenceRevealOnlyWhenAsked(t *testing.T) {
	var f finding.Finding
	f.Category, f.Rule, f.Host, f.Port, f.Table, f.Column = finding.Secret, "k", "h", 1, "t", "c"
	f.SetSecret("sk-supersecretvalue-1234567890", true)
	g := Groups(&finding.Report{Findings: []finding.Finding{f}})[0]
	if ev := g.Evidence(5, true, false); len(ev) != 1 || ev[0] != "sk-supersecretvalue-1234567890" {
		t.Errorf("reveal: %q", ev)
	}
	for _, fp := range []bool{false, true} {
		if ev := strings.Join(g.Evidence(5, false, fp), " "); strings.Contains(ev, "supersecret") || !strings.HasPrefix(ev, "sk-su…(30)") {
			t.Errorf("redacted (fingerprint %v): %q", fp, ev)
		}
	}
}

// TestHeadline is issue 14's headline, on a report shaped like the incident: every part
// a person needs, in one block, from the report's own numbers.
func TestHeadline(t *testing.T) {
	r := &finding.Report{
		Services: []finding.Service{
			{Host: "127.0.0.1", Port: 8123, Protocol: "clickhouse-http", Product: "clickhouse", Name: "ClickHouse", Auth: finding.AuthNone,
				User: "default", Status: finding.StatusOpen, Hostname: "db.example.test",
				Datasets: []finding.Dataset{
					{Database: "default", Table: "log_stream", Kind: "table", Rows: 1100000, Classes: []string{"chat", "secrets"},
						TimeRange: &finding.TimeRange{Column: "timestamp", Min: "2025-01-06 00:00:00", Max: "2025-02-19 10:00:00"}},
					{Database: "default", Table: "users", Kind: "table", Rows: 5000,
						TimeRange: &finding.TimeRange{Column: "created", Min: "2024-03-01", Max: "2024-12-25"}},
				}},
			{Host: "127.0.0.1", Port: 9000, Protocol: "clickhouse-native", Product: "clickhouse", Auth: finding.AuthNone, SameAs: "127.0.0.1:8123"},
			{Host: "127.0.0.2", Port: 8123, Protocol: "clickhouse-http", Product: "clickhouse", Auth: finding.AuthRequired},
		},
		Contacts: []finding.Contact{{Host: "db.example.test", URL: "https://db.example.test/.well-known/security.txt",
			Contact: []string{"mailto:security@example.test"}}},
	}
	svc := finding.Finding{Host: "127.0.0.1", Port: 8123, Protocol: "clickhouse-http"}
	for i, rule := range []string{"openai-project-key", "openai-project-key", "aws-secret-access-key"} {
		f := svc
		f.Database, f.Table, f.Column = "default", "log_stream", "string_tags"
		f.Category, f.Severity, f.Rule, f.Title = finding.Secret, finding.Critical, rule, map[string]string{
			"openai-project-key": "OpenAI project API key", "aws-secret-access-key": "AWS secret access key"}[rule]
		f.SetSecret(fmt.Sprintf("secret-value-%d-abcdefghij", i), false)
		r.Findings = append(r.Findings, f)
	}
	// Two public client addresses in an access log and one e-mail address: the
	// addresses are counted as infrastructure, apart from personal data.
	for i, v := range []string{"81.2.69.160", "81.2.69.142", "ana@example.test"} {
		f := svc
		f.Database, f.Table, f.Column = "default", "log_stream", "message"
		f.Category, f.Severity, f.Rule, f.Title = finding.Infrastructure, finding.Low, "client-ip-address", "Public client IP address in an access log"
		if i == 2 {
			f.Category, f.Severity, f.Rule, f.Title = finding.PII, finding.Medium, "email", "E-mail address"
		}
		f.SetSecret(v, false)
		r.Findings = append(r.Findings, f)
	}
	// Two bcrypt hashes in a users table: password hashes, counted apart from secrets.
	for i := range 2 {
		f := svc
		f.Database, f.Table, f.Column = "default", "users", "password_hash"
		f.Category, f.Severity, f.Rule, f.Title = finding.CredentialHash, finding.Medium, "password-hash-bcrypt", "bcrypt password hash"
		f.SetSecret(fmt.Sprintf("$2b$10$hash-%d", i), false)
		r.Findings = append(r.Findings, f)
	}
	capf := svc
	capf.Category, capf.Severity, capf.Rule, capf.Title = finding.Capability, finding.High, "clickhouse-table-functions", `ClickHouse lets user "default" call 7 table functions that reach beyond its data`
	expf := svc
	expf.Category, expf.Severity, expf.Rule, expf.Title = finding.Exposure, finding.Critical, "clickhouse-no-auth", "ClickHouse answers without a password"
	cfgf := finding.Finding{Host: "127.0.0.2", Port: 8123, Category: finding.Config, Severity: finding.Critical, Rule: "cve", Title: "old"}
	r.Findings = append(r.Findings, capf, expf, cfgf)
	finding.Sort(r.Findings)

	s := Of(r)
	if len(s.Exposures) != 1 {
		t.Fatalf("%d exposures, want 1 (the protected server has only a configuration finding)", len(s.Exposures))
	}
	got := s.Exposures[0].Headline()
	want := []string{
		"ClickHouse db.example.test 127.0.0.1:8123 (also 9000)",
		"open to anyone",
		"1,105,000 rows in 2 tables from 2024-03-01 to 2025-02-19",
		"1,100,000 rows of chat logs in default.log_stream from 2025-01-06 to 2025-02-19",
		"2 kinds of secrets (3 values)",
		"personal data (1 value): E-mail address",
		"infrastructure data (2 values): Public client IP address in an access log",
		"password hashes (2 values): bcrypt password hash",
		`also: ClickHouse lets user "default" call 7 table functions that reach beyond its data`,
		"contact: mailto:security@example.test (security.txt at https://db.example.test/.well-known/security.txt)",
	}
	if !slices.Equal(got, want) {
		t.Errorf("headline:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if e := s.Exposures[0]; e.Severity != finding.Critical || len(e.Also) != 1 || e.SecretsList() != "AWS secret access key, OpenAI project API key" {
		t.Errorf("exposure %+v", e)
	}
	// With --verify, the headline says how many secrets their issuers accepted (and only
	// those are called live).
	live := false
	for i := range r.Findings {
		if r.Findings[i].Category == finding.Secret {
			r.Findings[i].Verified = finding.VerifiedRevoked
			if !live {
				r.Findings[i].Verified, live = finding.VerifiedLive, true
			}
		}
	}
	if got := Of(r).Exposures[0].SecretsLine(); got != "2 kinds of secrets (3 values, 1 verified live, 2 revoked)" {
		t.Errorf("secrets line with verdicts: %q", got)
	}
	// A protected server that lets anyone do something serious gets a headline too.
	r.Findings = append(r.Findings, finding.Finding{Host: "127.0.0.2", Port: 8123, Category: finding.Capability, Severity: finding.High,
		Rule: "x", Title: "anyone can create the first admin"})
	if s := Of(r); len(s.Exposures) != 2 || s.Exposures[1].Access() != "password required" {
		t.Errorf("protected server with a serious capability: %d exposures", len(s.Exposures))
	}
}

func TestProductName(t *testing.T) {
	r := &finding.Report{Findings: []finding.Finding{{Host: "h", Port: 1, Category: finding.Exposure,
		Title: "MySQL / MariaDB answers without a password and holds 3 kinds of secrets"}}}
	for _, c := range []struct {
		svc  finding.Service
		want string
	}{
		{finding.Service{Host: "h", Port: 1, Product: "mysql"}, "MySQL / MariaDB"},               // from the exposure title
		{finding.Service{Host: "h", Port: 2, Product: "redis"}, "Redis"},                         // known
		{finding.Service{Host: "h", Port: 2, Product: "ferretdb", Name: "FerretDB"}, "FerretDB"}, // recorded
		{finding.Service{Host: "h", Port: 2, Product: "newdb"}, "newdb"},
	} {
		if got := ProductName(r, &c.svc); got != c.want {
			t.Errorf("ProductName(%+v) = %q, want %q", c.svc, got, c.want)
		}
	}
}
