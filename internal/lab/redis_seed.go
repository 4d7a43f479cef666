package lab

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// What SeedRedis creates, for tests and the demo to check against.
const (
	RedisUsers       = 50   // db0 hashes user:<n>: email, phone, name, password hash, some API tokens
	RedisSessions    = 40   // db0 strings session:<n>: JWTs with a one-day TTL
	RedisChats       = 20   // db0 lists chat:history:<n>: JSON chat messages
	RedisFiller      = 3000 // db0 strings cache:page:<n>: harmless HTML fragments
	RedisRateLimits  = 200  // db1 strings ratelimit:<ip> with a TTL
	RedisBigValue    = 300 << 10
	RedisBigListLen  = 500
	RedisBigListItem = 2 << 10
)

// RedisSeedKeys is the number of keys SeedRedis leaves in each database.
var RedisSeedKeys = map[int]int64{
	0: 1 + RedisUsers + RedisSessions + RedisChats + RedisFiller + 5, // + config, leaderboard, online, events, blob, big list
	1: 1 + RedisRateLimits,
	3: 5, // deploy:github, tls:server_key, notes, integration:billing, settings:cloud
}

// RedisSeedExpires is the number of keys with a TTL in each database.
var RedisSeedExpires = map[int]int64{0: RedisSessions, 1: RedisRateLimits}

// Seed fills the server with synthetic secrets, personal data and chat transcripts in
// every Redis type. Deterministic: the same values every time.
func (r *Redis) Seed(ctx context.Context) error {
	c, err := r.Admin(ctx)
	if err != nil {
		return err
	}
	defer c.Close()
	for db, cmds := range RedisSeedCommands(NewSynth(6379)) {
		batch := append([][]string{{"SELECT", strconv.Itoa(db)}, {"FLUSHDB"}}, cmds...)
		for len(batch) > 0 {
			n := min(len(batch), 500)
			if err := c.Pipeline(ctx, batch[:n]); err != nil {
				return fmt.Errorf("lab: seeding redis db%d: %w", db, err)
			}
			batch = batch[n:]
		}
	}
	return nil
}

// RedisFieldSecrets are the values Seed plants in fields of their own (in database 3).
func RedisFieldSecrets() map[string]string {
	cmds := RedisSeedCommands(NewSynth(6379))[3]
	for _, c := range cmds {
		if len(c) > 7 && c[1] == "integration:billing" {
			return map[string]string{"password": c[5], "api_key": c[7], "aws_secret_access_key": awsInSettings(cmds)}
		}
	}
	return nil
}

func awsInSettings(cmds [][]string) string {
	for _, c := range cmds {
		if len(c) == 3 && c[1] == "settings:cloud" {
			var v struct {
				Settings struct {
					AWS struct {
						Secret string `json:"secret_access_key"`
					} `json:"aws"`
				} `json:"settings"`
			}
			if json.Unmarshal([]byte(c[2]), &v) == nil {
				return v.Settings.AWS.Secret
			}
		}
	}
	return ""
}

// RedisSeedCommands returns the writes that seed each database.
func RedisSeedCommands(s *Synth) map[int][][]string {
	out := map[int][][]string{}
	add := func(db int, args ...string) { out[db] = append(out[db], args) }

	id, secret := s.AWSKeyPair()
	add(0, "SET", "config:app", fmt.Sprintf(`{"database_url":%s,"aws_access_key_id":%s,"aws_secret_access_key":%s,`+
		`"openai_api_key":%s,"stripe_secret_key":%s,"slack_bot_token":%s,"feature_flags":{"new_ui":true}}`,
		jsonString(s.PostgresDSN()), jsonString(id), jsonString(secret), jsonString(s.OpenAIKey()),
		jsonString(s.StripeKey()), jsonString(s.SlackBotToken())))
	for i := 1; i <= RedisUsers; i++ {
		args := []string{"HSET", fmt.Sprintf("user:%d", i),
			"email", s.Email(), "phone", s.Phone(),
			"name", s.Pick(firstNames...) + " " + s.Pick(lastNames...),
			"password_hash", "$2b$12$" + s.String(alnum, 53)}
		if i%5 == 0 {
			args = append(args, "api_token", s.DeepSeekKey())
		}
		add(0, args...)
	}
	for i := 1; i <= RedisSessions; i++ {
		add(0, "SET", fmt.Sprintf("session:%s", s.String(hexLower, 16)), s.JWT(), "EX", "86400")
	}
	for i := 1; i <= RedisChats; i++ {
		args := []string{"RPUSH", fmt.Sprintf("chat:history:%d", i)}
		for _, m := range chatMessages(s, i) {
			args = append(args, m)
		}
		add(0, args...)
	}
	for i := 1; i <= RedisFiller; i++ {
		add(0, "SET", fmt.Sprintf("cache:page:%d", i), fmt.Sprintf("<div class=\"card\">item %d</div>", i))
	}
	lb := []string{"ZADD", "leaderboard"}
	for i := 0; i < 10; i++ {
		lb = append(lb, strconv.Itoa(1000-i*37), s.Email())
	}
	add(0, lb...)
	add(0, "SADD", "online_users", "7", "8", "42", "1001")
	for i := 0; i < 5; i++ {
		add(0, "XADD", "events", "*", "event", "login", "email", s.Email(), "ip", fmt.Sprintf("10.0.%d.%d", i, 10+i))
	}
	add(0, "SET", "blob:big", strings.Repeat("x", RedisBigValue))
	big := []string{"RPUSH", "list:big"}
	for i := 0; i < RedisBigListLen; i++ {
		big = append(big, strings.Repeat(string(rune('a'+i%26)), RedisBigListItem))
	}
	add(0, big...)

	add(1, "RPUSH", "queue:jobs", fmt.Sprintf(`{"job":"export","dsn":%s,"notify":%s}`, jsonString(s.PostgresDSN()), jsonString(s.Email())))
	for i := 0; i < RedisRateLimits; i++ {
		add(1, "SET", fmt.Sprintf("ratelimit:10.1.%d.%d", i/250, i%250), strconv.Itoa(i%17), "EX", "3600")
	}

	add(3, "HSET", "deploy:github", "token_github", s.GitHubToken(), "slack_token", s.SlackBotToken())
	// Secrets in fields of their own: hash fields named password and api_key, and an
	// AWS secret under a nested document path (settings.aws.secret_access_key).
	fs := FieldSecrets(s)
	add(3, "HSET", "integration:billing", "username", "svc_billing", "password", fs["password"], "api_key", fs["api_key"])
	add(3, "SET", "settings:cloud", fmt.Sprintf(`{"settings":{"aws":{"region":"eu-west-1","secret_access_key":%s}}}`, jsonString(fs["aws_secret_access_key"])))
	add(3, "SET", "tls:server_key", s.PrivateKeyPEM())
	add(3, "SET", "notes", "rotate the staging keys on friday")
	return out
}

// chatMessages is one conversation as JSON messages, where some users paste their
// contact details or keys, as real users do.
func chatMessages(s *Synth, i int) []string {
	k := i % len(prompts)
	prompt := prompts[k]
	switch i % 4 {
	case 1:
		prompt += ". Reply to " + s.Email()
	case 3:
		prompt = "My key " + s.OpenAIKey() + " returns 401, why? " + prompt
	}
	return []string{
		`{"role":"system","content":"You are a helpful assistant."}`,
		`{"role":"user","content":` + jsonString(prompt) + `}`,
		`{"role":"assistant","content":` + jsonString(answers[k]) + `}`,
	}
}
