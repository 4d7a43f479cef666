package lab

import (
	"fmt"
	"strings"
	"time"
)

// The seed shared by the SQL lab servers (PostgreSQL, MariaDB): an application database
// holding what leaks in practice — user records with e-mails and phone numbers, a
// configuration table with live-looking credentials, a chatbot's message log with roles
// — plus a billing area and an analytics database. Rows are generated here, from a
// seeded Synth, so both products hold the same values and tests can name them.
const (
	SQLAppDatabase       = "appdb"
	SQLAnalyticsDatabase = "analytics"
	// SQLBilling is a schema of appdb on PostgreSQL and a database of its own on MySQL.
	SQLBilling = "billing"

	SeedUsersRows    = 2000
	SeedConfigRows   = 12
	SeedChatRows     = 1800 // 600 conversations of system, user and assistant messages
	SeedPaymentsRows = 500
	SeedAuditRows    = 300
	SeedEventsRows   = 50_000
	// SeedChatStart is the first chat message's time; one message follows a minute later.
	SeedChatStart = "2025-01-06 00:00:00"
)

// SeedColumn is one column with its type on each product.
type SeedColumn struct {
	Name           string
	PGType, MyType string
}

// SeedTable is a table to create and fill. Database is the MySQL database; on
// PostgreSQL the table lives in SQLAppDatabase, in schema Schema.
type SeedTable struct {
	Database, Schema, Name string
	Columns                []SeedColumn
	// Index names a column to index (the time column, so time ranges are cheap).
	Index string
	// Analyse says whether statistics are gathered after loading (PostgreSQL): one
	// table is left without, as on a server whose autovacuum never ran.
	Analyse bool
	Rows    [][]string
}

// SQLSeedTables returns the seed, the same every time.
func SQLSeedTables() []SeedTable {
	s := NewSynth(20250106)
	col := func(name, pg, my string) SeedColumn { return SeedColumn{Name: name, PGType: pg, MyType: my} }

	users := SeedTable{Database: SQLAppDatabase, Schema: "public", Name: "users", Analyse: true, Columns: []SeedColumn{
		col("id", "bigint PRIMARY KEY", "BIGINT PRIMARY KEY"), col("created", "date", "DATE"),
		col("email", "text", "VARCHAR(255)"), col("phone", "text", "VARCHAR(64)"),
		col("full_name", "text", "VARCHAR(255)"), col("password_hash", "text", "VARCHAR(255)"),
	}}
	day0 := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	for i := range SeedUsersRows {
		users.Rows = append(users.Rows, []string{fmt.Sprint(i + 1), day0.AddDate(0, 0, i%300).Format("2006-01-02"),
			s.Email(), s.Phone(), s.Pick(firstNames...) + " " + s.Pick(lastNames...), "$2b$12$" + s.String(alnum, 53)})
	}

	cfg := SeedTable{Database: SQLAppDatabase, Schema: "public", Name: "app_config", Analyse: true, Columns: []SeedColumn{
		col("key", "text PRIMARY KEY", "VARCHAR(128) PRIMARY KEY"), col("value", "text", "TEXT"), col("updated", "timestamptz", "DATETIME"),
	}}
	id, secret := s.AWSKeyPair()
	for _, kv := range [][2]string{
		{"database.url", s.PostgresDSN()}, {"database.replica_url", s.PostgresDSN()},
		{"aws.access_key_id", id}, {"aws.secret_access_key", secret},
		{"stripe.secret_key", s.StripeKey()}, {"slack.bot_token", s.SlackBotToken()},
		{"openai.api_key", s.OpenAIKey()}, {"github.token", s.GitHubToken()},
		{"jwt.signing_sample", s.JWT()}, {"tls.private_key", s.PrivateKeyPEM()},
		{"feature.new_ui", "true"}, {"log.level", "info"},
	} {
		cfg.Rows = append(cfg.Rows, []string{kv[0], kv[1], "2025-01-06 09:00:00"})
	}

	chat := SeedTable{Database: SQLAppDatabase, Schema: "public", Name: "chat_messages", Index: "created_at", Analyse: true, Columns: []SeedColumn{
		col("id", "bigint PRIMARY KEY", "BIGINT PRIMARY KEY"), col("conversation_id", "bigint", "BIGINT"),
		col("created_at", "timestamptz", "DATETIME"), col("role", "text", "VARCHAR(16)"),
		col("model", "text", "VARCHAR(64)"), col("content", "text", "TEXT"),
	}}
	t0, _ := time.Parse(time.DateTime, SeedChatStart)
	for c := range SeedChatRows / 3 {
		prompt, answer := exchange(s, c)
		model := s.Pick("deepseek-chat", "gpt-4o", "claude-3-5-sonnet", "qwen-max")
		for j, m := range [][2]string{{"system", "You are a helpful assistant."}, {"user", prompt}, {"assistant", answer}} {
			n := 3*c + j
			chat.Rows = append(chat.Rows, []string{fmt.Sprint(n + 1), fmt.Sprint(1000 + c),
				t0.Add(time.Duration(n) * time.Minute).Format(time.DateTime), m[0], model, m[1]})
		}
	}

	pay := SeedTable{Database: SQLBilling, Schema: SQLBilling, Name: "payments", Analyse: true, Columns: []SeedColumn{
		col("id", "bigint PRIMARY KEY", "BIGINT PRIMARY KEY"), col("paid_on", "date", "DATE"),
		col("customer_email", "text", "VARCHAR(255)"), col("amount", "numeric(10,2)", "DECIMAL(10,2)"),
		col("card_last4", "text", "CHAR(4)"),
	}}
	for i := range SeedPaymentsRows {
		pay.Rows = append(pay.Rows, []string{fmt.Sprint(i + 1), day0.AddDate(0, 0, i%200).Format("2006-01-02"), s.Email(),
			fmt.Sprintf("%d.%02d", 5+s.IntN(500), s.IntN(100)), s.String(digits, 4)})
	}

	audit := SeedTable{Database: SQLAppDatabase, Schema: "public", Name: "audit_log", Columns: []SeedColumn{
		col("id", "bigint", "BIGINT"), col("at", "timestamp", "DATETIME"), col("actor", "text", "VARCHAR(255)"), col("action", "text", "VARCHAR(255)"),
	}}
	for i := range SeedAuditRows {
		audit.Rows = append(audit.Rows, []string{fmt.Sprint(i + 1), t0.Add(time.Duration(i) * time.Hour).Format(time.DateTime),
			s.Email(), s.Pick("login", "export", "password-reset", "api-key-created")})
	}
	// Secrets in fields of their own, with nothing in the value to name them: only the
	// column says what they are (issue 11). Every value is one the scan must find.
	accounts := SeedTable{Database: SQLAppDatabase, Schema: "public", Name: "service_accounts", Analyse: true, Columns: []SeedColumn{
		col("id", "bigint PRIMARY KEY", "BIGINT PRIMARY KEY"), col("service", "text", "VARCHAR(64)"),
		col("username", "text", "VARCHAR(64)"), col("password", "text", "VARCHAR(255)"),
		col("api_key", "text", "VARCHAR(255)"), col("aws_secret_access_key", "text", "VARCHAR(255)"),
	}}
	fs := FieldSecrets(s)
	accounts.Rows = append(accounts.Rows, []string{"1", "billing-sync", "svc_billing", fs["password"], fs["api_key"], fs["aws_secret_access_key"]})
	return []SeedTable{users, cfg, chat, pay, audit, accounts}
}

// FieldSecrets are the secrets planted in fields of their own (a column, a hash field, a
// document path), by the name of the field: a human password, a random API key with no
// provider prefix and an AWS secret access key. Whatever store holds them, a scan must
// find each one by its field's name.
func FieldSecrets(s *Synth) map[string]string {
	_, aws := s.AWSKeyPair()
	return map[string]string{
		"password":              s.Pick("Winter", "Harbor", "Quartz") + fmt.Sprint(2000+s.IntN(30)) + "!" + s.Pick("Blue", "Fox", "Oak"),
		"api_key":               s.String(alnum, 32),
		"aws_secret_access_key": aws,
	}
}

// FieldSecretRules are the rules that must claim the values of FieldSecrets.
var FieldSecretRules = map[string]string{
	"password": "password-assignment", "api_key": "generic-api-key", "aws_secret_access_key": "aws-secret-access-key",
}

// SeedFieldSecrets are the values the SQL seed planted in service_accounts.
func SeedFieldSecrets() map[string]string {
	for _, t := range SQLSeedTables() {
		if t.Name == "service_accounts" {
			r := t.Rows[0]
			return map[string]string{"password": r[3], "api_key": r[4], "aws_secret_access_key": r[5]}
		}
	}
	return nil
}

// SeedSecrets are values from the seed that a scan must find (they sit in the first
// rows of app_config), for tests to look for.
func SeedSecrets() map[string]string {
	out := map[string]string{}
	for _, t := range SQLSeedTables() {
		if t.Name == "app_config" {
			for _, r := range t.Rows {
				out[r[0]] = r[1]
			}
		}
	}
	return out
}

// insertBatches renders multi-row INSERTs of at most n rows, quoting with quote.
func insertBatches(table string, cols []string, rows [][]string, n int, quote func(string) string) []string {
	var out []string
	for start := 0; start < len(rows); start += n {
		var b strings.Builder
		fmt.Fprintf(&b, "INSERT INTO %s (%s) VALUES ", table, strings.Join(cols, ", "))
		for i, r := range rows[start:min(start+n, len(rows))] {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteByte('(')
			for j, v := range r {
				if j > 0 {
					b.WriteString(", ")
				}
				b.WriteString(quote(v))
			}
			b.WriteByte(')')
		}
		out = append(out, b.String())
	}
	return out
}
