package detect

import "testing"

// A value that says it is not a real one is a placeholder.
func TestNotARealValue(t *testing.T) {
	h11Quiet(t, []string{
		"## Access\n\n| System | URL | User | Password |\n| --- | --- | --- | --- |\n| Grafana | https://grafana.example.test | svc_ledger | `xoxb-not-a-real-token` |\n",
		"password: not-a-real-password",
		`{"api_key": "sk_live_not_a_real_key_0000"}`,
	})
	held5Quiet(t, []string{"SLACK_BOT_TOKEN=xoxb-not-a-real-token"}, "slack-bot-token", "slack-token", "password-assignment", "generic-api-key")
}
