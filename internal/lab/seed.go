package lab

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
)

// The incident's shape: what SeedIncident creates, for tests and the demo to check against.
const (
	IncidentDatabase = "default"
	IncidentTable    = "log_stream"
	// IncidentRows is how many rows log_stream gets: more than the 1,050,000 of the incident.
	IncidentRows = 1_100_000
	// IncidentStart is the first timestamp; rows follow every IncidentStep seconds.
	IncidentStart = "2025-01-06 00:00:00"
	IncidentStep  = 10
	// SecondDatabase holds more tables, so inventory has more than one database to list.
	SecondDatabase = "analytics"
)

// IncidentKinds are the kinds of sensitive values planted in log_stream.string_tags. Row n
// carries kind n mod len(IncidentKinds), so any run of that many consecutive rows (and
// so the first rows of any plain SELECT … LIMIT 20) holds every kind, next to a chat
// transcript.
var IncidentKinds = []string{
	"openai-api-key", "anthropic-api-key", "deepseek-api-key", "aws-access-key", "github-token",
	"stripe-secret-key", "slack-token", "jwt", "private-key", "postgres-dsn", "email-phone",
}

// poolSize is how many different values each kind has; small enough to keep the seeding
// query under ClickHouse's query size limit, large enough to look like many users.
const poolSize = 16

// SeedIncident fills the server like the incident's: default.log_stream with
// IncidentRows rows of chat transcripts and API keys in a JSON string column,
// default.users, default.app_config (TinyLog) and a view, plus the analytics database.
// It is deterministic: the same values every time.
func (ch *ClickHouse) SeedIncident(ctx context.Context) error {
	syn := NewSynth(20250106)
	for _, q := range seedStatements(syn) {
		// The seeding query embeds its value pools and outgrows the default 256 KiB.
		if _, err := ch.query(ctx, "default", ch.Password, q, url.Values{"max_query_size": {"4194304"}}); err != nil {
			return fmt.Errorf("lab: seeding: %w", err)
		}
	}
	return nil
}

func seedStatements(s *Synth) []string {
	fragments := make([]string, 0, len(IncidentKinds)*poolSize)
	for _, kind := range IncidentKinds {
		for range poolSize {
			fragments = append(fragments, incidentFragment(s, kind))
		}
	}
	chats := make([]string, 0, 48)
	for i := range 48 {
		chats = append(chats, chatFragment(s, i))
	}
	const alnumSQL = "'" + alnum + "'"
	logStream := fmt.Sprintf(`INSERT INTO %[1]s.%[2]s
SELECT
  toDateTime('%[3]s') + number * %[4]d AS timestamp,
  lower(hex(cityHash64(number, 'trace'))) AS trace_id,
  arrayElement(%[5]s, 1 + number %% 8) AS span_name,
  arrayElement(%[6]s, 1 + cityHash64(number, 'svc') %% 6) AS service,
  arrayElement(['INFO','INFO','INFO','WARN','DEBUG','ERROR'], 1 + cityHash64(number, 'lvl') %% 6) AS level,
  concat('10.', toString(number %% 7), '.', toString(intDiv(number, 7) %% 250), '.', toString(1 + cityHash64(number, 'ip') %% 250)) AS host,
  toUInt32(3 + cityHash64(number, 'lat') %% 9000) AS duration_ms,
  concat('{"request_id":"req_',
    arrayStringConcat(arrayMap(i -> substring(%[7]s, 1 + cityHash64(number, i) %% %[8]d, 1), range(24))),
    '",', arrayElement(%[9]s, 1 + cityHash64(number, 'chat') %% %[10]d),
    ',', arrayElement(%[11]s, 1 + (number %% %[12]d) * %[13]d + cityHash64(number, 'key') %% %[13]d), '}') AS string_tags,
  concat('{"latency_ms":', toString(3 + cityHash64(number, 'lat') %% 9000), ',"tokens_in":', toString(cityHash64(number, 'tin') %% 4000),
    ',"tokens_out":', toString(cityHash64(number, 'tout') %% 2000), '}') AS number_tags
FROM system.numbers LIMIT %[14]d`,
		IncidentDatabase, IncidentTable, IncidentStart, IncidentStep,
		sqlArray([]string{"chat.completion", "http.request", "auth.login", "billing.charge", "config.load", "user.profile", "upstream.call", "chat.completion"}),
		sqlArray([]string{"api-gateway", "chat-backend", "billing", "auth", "inference-router", "dev-tools"}),
		alnumSQL, len(alnum),
		sqlArray(chats), len(chats),
		sqlArray(fragments), len(IncidentKinds), poolSize,
		IncidentRows)

	users := make([]string, 0, 64)
	for range 64 {
		users = append(users, s.Email()+"\t"+s.Phone())
	}
	var cfgRows []string
	id, secret := s.AWSKeyPair()
	for _, kv := range [][2]string{
		{"database.url", s.PostgresDSN()},
		{"database.replica_url", s.PostgresDSN()},
		{"aws.access_key_id", id},
		{"aws.secret_access_key", secret},
		{"stripe.secret_key", s.StripeKey()},
		{"slack.bot_token", s.SlackBotToken()},
		{"openai.api_key", s.OpenAIKey()},
		{"deepseek.api_key", s.DeepSeekKey()},
		{"jwt.signing_sample", s.JWT()},
		{"tls.private_key", s.PrivateKeyPEM()},
		{"feature.new_ui", "true"},
		{"log.level", "info"},
	} {
		cfgRows = append(cfgRows, fmt.Sprintf("(%s, %s, toDateTime('2025-01-06 09:00:00'))", sqlString(kv[0]), sqlString(kv[1])))
	}

	return []string{
		`CREATE DATABASE IF NOT EXISTS ` + SecondDatabase,
		`DROP TABLE IF EXISTS default.recent_errors`,
		`DROP TABLE IF EXISTS default.log_stream`,
		`CREATE TABLE default.log_stream (
  timestamp DateTime, trace_id String, span_name String, service String, level String, host String,
  duration_ms UInt32, string_tags String, number_tags String
) ENGINE = MergeTree() PARTITION BY toYYYYMM(timestamp) ORDER BY (timestamp, service)`,
		logStream,
		`DROP TABLE IF EXISTS default.users`,
		`CREATE TABLE default.users (id UInt64, created Date, email String, phone String, full_name String, password_hash String)
ENGINE = MergeTree() ORDER BY id`,
		fmt.Sprintf(`INSERT INTO default.users SELECT number, toDate('2024-03-01') + number %% 300,
  splitByChar('\t', arrayElement(%[1]s, 1 + number %% 64))[1],
  splitByChar('\t', arrayElement(%[1]s, 1 + number %% 64))[2],
  concat(arrayElement(%[2]s, 1 + number %% 12), ' ', arrayElement(%[3]s, 1 + intDiv(number, 12) %% 10)),
  concat('$2b$12$', arrayStringConcat(arrayMap(i -> substring(%[4]s, 1 + cityHash64(number, i) %% %[5]d, 1), range(53))))
FROM system.numbers LIMIT 5000`, sqlArray(users), sqlArray(firstNames), sqlArray(lastNames), "'"+alnum+"'", len(alnum)),
		`DROP TABLE IF EXISTS default.app_config`,
		`CREATE TABLE default.app_config (key String, value String, updated DateTime) ENGINE = TinyLog`,
		`INSERT INTO default.app_config VALUES ` + strings.Join(cfgRows, ", "),
		`CREATE VIEW default.recent_errors AS SELECT timestamp, service, string_tags FROM default.log_stream WHERE level = 'ERROR'`,
		`DROP TABLE IF EXISTS ` + SecondDatabase + `.events`,
		`CREATE TABLE ` + SecondDatabase + `.events (event_date Date, user_id UInt64, event String, props String)
ENGINE = MergeTree() PARTITION BY toYYYYMM(event_date) ORDER BY (event_date, user_id)`,
		`INSERT INTO ` + SecondDatabase + `.events SELECT toDate('2025-01-06') + intDiv(number, 2000), cityHash64(number) % 5000,
  arrayElement(['login','chat','upgrade','logout'], 1 + number % 4), concat('{"plan":"', arrayElement(['free','pro','team'], 1 + number % 3), '"}')
FROM system.numbers LIMIT 200000`,
		`DROP TABLE IF EXISTS ` + SecondDatabase + `.sessions`,
		`CREATE TABLE ` + SecondDatabase + `.sessions (started DateTime, user_id UInt64, token String) ENGINE = Memory`,
		fmt.Sprintf(`INSERT INTO %s.sessions VALUES (toDateTime('2025-01-07 08:00:00'), 7, %s), (toDateTime('2025-01-07 08:05:00'), 8, %s)`,
			SecondDatabase, sqlString(s.JWT()), sqlString(s.JWT())),
	}
}

// incidentFragment returns one JSON member (or two) holding a value of kind.
func incidentFragment(s *Synth, kind string) string {
	m := func(kv ...string) string {
		var parts []string
		for i := 0; i+1 < len(kv); i += 2 {
			parts = append(parts, jsonString(kv[i])+":"+jsonString(kv[i+1]))
		}
		return strings.Join(parts, ",")
	}
	switch kind {
	case "openai-api-key":
		return m("provider", "openai", "api_key", s.OpenAIKey())
	case "anthropic-api-key":
		return m("provider", "anthropic", "x-api-key", s.AnthropicKey())
	case "deepseek-api-key":
		return m("provider", "deepseek", "api_key", s.DeepSeekKey())
	case "aws-access-key":
		id, secret := s.AWSKeyPair()
		return m("aws_access_key_id", id, "aws_secret_access_key", secret)
	case "github-token":
		return m("token_github", s.GitHubToken())
	case "stripe-secret-key":
		return m("stripe_key", s.StripeKey())
	case "slack-token":
		return m("slack_token", s.SlackBotToken())
	case "jwt":
		return m("http.request.header.authorization", "Bearer "+s.JWT())
	case "private-key":
		return m("tls_key", s.PrivateKeyPEM())
	case "postgres-dsn":
		return m("dsn", s.PostgresDSN())
	case "email-phone":
		return `"user":{` + m("email", s.Email(), "phone", s.Phone()) + `}`
	}
	panic("lab: unknown incident kind " + kind)
}

var (
	prompts = []string{
		"Summarise this contract for me", "Write a Python function that parses CSV", "帮我写一封请假邮件",
		"What is the capital of Australia?", "Translate to French: good morning", "Explain quicksort like I'm five",
		"为什么天空是蓝色的？", "Draft a tweet about our launch",
	}
	answers = []string{
		"Sure, here is a summary.", "Here is the function you asked for.", "好的，这是您的邮件。", "Canberra.",
		"Bonjour.", "Imagine sorting a pile of cards...", "因为瑞利散射。", "Launch day!",
	}
)

// exchange is the i-th user prompt of the lab's chats and the answer it got; some users
// paste their own contact details or keys into the prompt, as real users do.
func exchange(s *Synth, i int) (prompt, answer string) {
	k := i % len(prompts)
	prompt = prompts[k]
	switch i % 6 {
	case 1:
		prompt += ". Reply to " + s.Email()
	case 3:
		prompt = "My key " + s.DeepSeekKey() + " returns 401, why? " + prompt
	case 5:
		prompt += " Call me on " + s.Phone()
	}
	return prompt, answers[k]
}

// chatFragment is a "model" and "messages" member: a user/assistant exchange, where
// some users paste their own contact details or keys, as real users do.
func chatFragment(s *Synth, i int) string {
	prompt, answer := exchange(s, i)
	type message struct {
		Role    string `json:"role"`
		Content string `json:"content"`
	}
	msgs := []message{{"system", "You are a helpful assistant."}, {"user", prompt}, {"assistant", answer}}
	b := marshalNoHTML(msgs)
	return jsonString("model") + ":" + jsonString(s.Pick("deepseek-chat", "gpt-4o", "claude-3-5-sonnet", "qwen-max")) + `,"messages":` + b
}

func marshalNoHTML(v any) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
	return strings.TrimSuffix(buf.String(), "\n")
}

func jsonString(s string) string { return marshalNoHTML(s) }

// JSONText is v as JSON without HTML escaping, for tools that seed their own data.
func JSONText(v any) string { return marshalNoHTML(v) }

// sqlString quotes s as a ClickHouse string literal.
func sqlString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `'`, `\'`)
	return "'" + r.Replace(s) + "'"
}

func sqlArray(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = sqlString(x)
	}
	return "[" + strings.Join(q, ",") + "]"
}
