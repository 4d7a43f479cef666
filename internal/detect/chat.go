package detect

import (
	"fmt"
	"sort"
	"strings"
)

// Chat transcripts are recognised per column, not per value: one value that mentions a
// "role" proves little, a column where many values carry message arrays with roles, or
// prompt/completion pairs, is a column of conversations.

var chatRoles = map[string]string{ // role → side
	"user": "user", "human": "user", "customer": "user",
	"assistant": "assistant", "ai": "assistant", "bot": "assistant", "model": "assistant", "chatbot": "assistant",
	"system": "system", "developer": "system", "tool": "tool", "function": "tool", "ipython": "tool",
}

var completionKeys = []string{"completion", "response", "answer", "output", "generated_text", "reply", "assistant_response"}

var transcriptMarkers = []string{"<|im_start|>", "<|start_header_id|>", "[INST]", "<start_of_turn>", "<|user|>", "<|assistant|>"}

var speakerPrefixes = []string{"user:", "assistant:", "human:", "ai:", "system:", "用户：", "助手：", "用户:", "助手:"}

// chatSignal describes what makes one value look like a conversation.
type chatSignal struct {
	messages   bool // role-tagged message objects
	prompt     bool // a prompt with its completion
	transcript bool // chat-template markers or speaker-prefixed lines
	roles      map[string]bool
}

func (s chatSignal) any() bool { return s.messages || s.prompt || s.transcript }

// ClassifyChat decides whether a column's (or table's) sampled values are chat
// transcripts, and says why.
func ClassifyChat(values []string) (bool, string) {
	n, chatty, roleValues := 0, 0, 0
	var nMsg, nPrompt, nTranscript int
	roles := map[string]bool{}
	sides := map[string]bool{}
	for _, v := range values {
		t := strings.TrimSpace(v)
		if t == "" {
			continue
		}
		n++
		if len(t) <= 16 {
			low := strings.ToLower(t)
			if side, ok := chatRoles[low]; ok {
				roleValues++
				roles[low] = true
				sides[side] = true
				continue
			}
		}
		s := chatSignals(t)
		if !s.any() {
			continue
		}
		chatty++
		if s.messages {
			nMsg++
		}
		if s.prompt {
			nPrompt++
		}
		if s.transcript {
			nTranscript++
		}
		for r := range s.roles {
			roles[r] = true
			sides[chatRoles[r]] = true
		}
	}
	if n == 0 {
		return false, "no values"
	}
	// A column of role names is the role column of a messages table.
	if roleValues*10 >= n*8 && sides["user"] && sides["assistant"] {
		return true, fmt.Sprintf("%d of %d values are message roles (%s)", roleValues, n, roleList(roles))
	}
	if chatty == 0 || !(chatty == n || chatty >= 2 && chatty*20 >= n) {
		if chatty > 0 {
			return false, fmt.Sprintf("only %d of %d values look like chat", chatty, n)
		}
		return false, "no chat structure in the values"
	}
	var what []string
	if nMsg > 0 {
		what = append(what, fmt.Sprintf("%d hold role-tagged messages (%s)", nMsg, roleList(roles)))
	}
	if nPrompt > 0 {
		what = append(what, fmt.Sprintf("%d hold prompt/completion pairs", nPrompt))
	}
	if nTranscript > 0 {
		what = append(what, fmt.Sprintf("%d are chat-formatted transcripts", nTranscript))
	}
	return true, fmt.Sprintf("%d of %d sampled values look like chat: %s", chatty, n, strings.Join(what, "; "))
}

func roleList(roles map[string]bool) string {
	var rs []string
	for r := range roles {
		rs = append(rs, r)
	}
	sort.Strings(rs)
	return strings.Join(rs, ", ")
}

// chatSignals inspects one value. Keys are read with the same assignment parser the
// secret rules use, so JSON nested in JSON strings works too.
func chatSignals(v string) chatSignal {
	var s chatSignal
	hasRole := strings.Contains(v, "role") || strings.Contains(v, "Role") || strings.Contains(v, "ROLE")
	hasPrompt := strings.Contains(v, "prompt") || strings.Contains(v, "Prompt")
	var data []byte
	if hasRole || hasPrompt {
		data = []byte(v)
	}
	hasContent := false
	for off := 0; hasRole && off < len(data); {
		i := indexFold(data[off:], "role")
		if i < 0 {
			break
		}
		at := off + i
		off = at + 4
		a, ok := parseAssign(data, at)
		if !ok || !strings.EqualFold(string(data[a.keyStart:a.keyEnd]), "role") {
			continue
		}
		role := strings.ToLower(string(a.value(data)))
		if _, known := chatRoles[role]; known {
			if s.roles == nil {
				s.roles = map[string]bool{}
			}
			s.roles[role] = true
		}
	}
	if len(s.roles) > 0 {
		hasContent = containsFold(data, "content", "parts", "text", "message")
		s.messages = hasContent
	}
	if at := indexFold(data, "prompt"); hasPrompt && at >= 0 {
		if a, ok := parseAssign(data, at); ok && a.valEnd > a.valStart {
			for _, k := range completionKeys {
				if j := indexFold(data, k); j >= 0 {
					if b, ok := parseAssign(data, j); ok && b.valEnd > b.valStart {
						s.prompt = true
						break
					}
				}
			}
		}
	}
	for _, m := range transcriptMarkers {
		if strings.Contains(v, m) {
			s.transcript = true
			break
		}
	}
	if !s.transcript && strings.Contains(v, ":") && (strings.Contains(v, "\n") || strings.Contains(v, `\n`)) &&
		containsFold([]byte(v), speakerPrefixes...) {
		speakers := map[string]bool{}
		for _, line := range strings.FieldsFunc(strings.ReplaceAll(v, `\n`, "\n"), func(r rune) bool { return r == '\n' }) {
			l := strings.ToLower(strings.TrimSpace(line))
			for _, p := range speakerPrefixes {
				if strings.HasPrefix(l, p) {
					speakers[strings.TrimRight(p, ":：")] = true
				}
			}
		}
		s.transcript = len(speakers) >= 2
	}
	return s
}
