package verify

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// FuzzVerifierAnswers feeds arbitrary issuer answers to every verifier: none may panic,
// and every verdict is one of the three, with short printable text that never holds the
// secret.
func FuzzVerifierAnswers(f *testing.F) {
	for _, tc := range cases() {
		for _, r := range []reply{tc.live, tc.revoked, tc.limited} {
			f.Add(r.status, "X-OAuth-Scopes: repo", []byte(r.body))
		}
	}
	f.Add(302, "Location: https://evil.example/", []byte(""))
	f.Add(200, "", []byte(`{"data":{"actor":{"accounts":[null,{"name":{"x":1}}]}}}`))
	byRule := map[string]vcase{}
	for _, tc := range cases() {
		byRule[tc.rule] = tc
	}
	f.Fuzz(func(t *testing.T, status int, header string, body []byte) {
		if status < 100 || status > 599 {
			status = 200
		}
		h := http.Header{}
		if k, v, ok := strings.Cut(header, ":"); ok {
			h.Set(strings.TrimSpace(k), strings.TrimSpace(v))
		}
		if len(body) > maxBody {
			body = body[:maxBody]
		}
		r, _ := New(Config{})
		for _, tc := range byRule {
			v := ForRule(tc.rule)
			s, missing := v.secret(tc.rule, tc.value, &Record{Text: []string{tc.record}, Found: tc.found})
			if missing != "" {
				t.Fatalf("%s: %s", tc.rule, missing)
			}
			c := &call{r: r, v: v, secrets: s.values(), send: func(*request) (*response, error) {
				return &response{status: status, header: h, body: body, location: "evil.example"}, nil
			}}
			res := v.check(context.Background(), c, s)
			res.Identity, res.Reason = clip(c.scrub(res.Identity), maxIdentity), clip(c.scrub(res.Reason), maxReason)
			switch res.Status {
			case finding.VerifiedLive, finding.VerifiedRevoked, finding.VerifiedUnknown:
			default:
				t.Fatalf("%s: verdict %q", tc.rule, res.Status)
			}
			for _, txt := range []string{res.Identity, res.Reason} {
				if !utf8.ValidString(txt) || utf8.RuneCountInString(txt) > maxReason+1 {
					t.Fatalf("%s: text %q", tc.rule, txt)
				}
				for _, r := range txt {
					if unicode.IsControl(r) {
						t.Fatalf("%s: control character in %q", tc.rule, txt)
					}
				}
				if strings.Contains(txt, tc.value) {
					t.Fatalf("%s: the secret is in %q", tc.rule, txt)
				}
			}
		}
	})
}
