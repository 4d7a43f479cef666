package detect

import (
	"strings"
	"testing"
)

func TestClassifyChat(t *testing.T) {
	rep := func(n int, v ...string) []string {
		var out []string
		for i := 0; i < n; i++ {
			out = append(out, v...)
		}
		return out
	}
	msgs := `[{"role": "user", "content": "Summarise this contract"}, {"role": "assistant", "content": "Sure."}]`
	nested := `{"request_id": "r1", "string_tags": "{\"messages\": [{\"role\": \"user\", \"content\": \"帮我写一封请假邮件\"}, {\"role\": \"assistant\", \"content\": \"好的\"}]}"}`
	gemini := `{"contents": [{"role": "user", "parts": [{"text": "hi"}]}, {"role": "model", "parts": [{"text": "hello"}]}]}`
	cases := []struct {
		name   string
		values []string
		want   bool
		reason string
	}{
		{"message arrays", rep(10, msgs), true, "role-tagged messages (assistant, user)"},
		{"nested in a log column", append(rep(3, nested), rep(7, `{"request_id": "r2", "latency_ms": 12}`)...), true, "3 of 10"},
		{"gemini contents", rep(4, gemini), true, "model, user"},
		{"prompt and completion", rep(5, `{"prompt": "Translate to French: good morning", "completion": "Bonjour"}`), true, "prompt/completion"},
		{"chatml", rep(3, "<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\nhello<|im_end|>"), true, "transcripts"},
		{"speaker lines", rep(3, "User: where is my order?\nAssistant: It ships today."), true, "transcripts"},
		{"role column", rep(20, "user", "assistant", "system"), true, "message roles"},
		{"plain logs", rep(50, `{"level": "INFO", "msg": "GET /health 200"}`), false, ""},
		{"access roles are not chat", rep(20, "admin", "user", "viewer"), false, ""},
		{"role field in an IAM policy", rep(20, `{"role": "admin", "content": "policy text"}`), false, ""},
		{"one chat value among many", append(rep(1, msgs), rep(99, "plain text")...), false, "only 1 of 100"},
		{"empty", nil, false, "no values"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, why := ClassifyChat(c.values)
			if got != c.want {
				t.Fatalf("ClassifyChat = %v (%s), want %v", got, why, c.want)
			}
			if !strings.Contains(why, c.reason) {
				t.Fatalf("reason %q does not mention %q", why, c.reason)
			}
		})
	}
}
