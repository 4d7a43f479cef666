package verify

import (
	"flag"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/internal/detect"
)

var update = flag.Bool("update", false, "rewrite docs/verifiers.md from the registry")

// Every rule ID the verifiers map (and take paired values from) is a rule of the
// detection engine: a rule renamed or removed there fails here, at merge time.
func TestMappedRulesExistInDetect(t *testing.T) {
	ids := map[string]bool{}
	for _, r := range detect.AllRules() {
		ids[r.ID] = true
	}
	for _, r := range MappedRules() {
		if !ids[r] {
			t.Errorf("rule %q is mapped to a verifier but the detection engine has no such rule", r)
		}
	}
}

// The issuers issue 15 asks for, each with a verifier.
func TestIssueProviders(t *testing.T) {
	for _, name := range []string{"OpenAI", "Anthropic", "DeepSeek", "Google", "Hugging Face", "Mistral AI", "Groq", "Cohere",
		"Replicate", "AWS", "GitHub", "GitLab", "Slack", "Stripe", "Twilio", "SendGrid", "Mailgun", "Telegram", "Discord", "npm",
		"PyPI", "Docker Hub", "Datadog", "New Relic", "Sentry", "Cloudflare", "DigitalOcean", "Heroku", "Shopify", "Square", "Okta",
		"Azure Storage", "Postmark", "Linear", "Notion", "Airtable", "Atlassian", "Vercel", "Netlify", "Supabase"} {
		v := Lookup(name)
		if v == nil {
			t.Errorf("no verifier for %s", name)
			continue
		}
		if len(v.Rules) == 0 {
			t.Errorf("%s maps no rule", name)
		}
	}
	if len(registry) < 40 {
		t.Errorf("%d verifiers, want at least 40", len(registry))
	}
}

func TestVerifierMetadata(t *testing.T) {
	for _, v := range registry {
		if u, err := url.Parse(v.Doc); err != nil || u.Scheme != "https" || u.Host == "" {
			t.Errorf("%s: documentation link %q", v.ID, v.Doc)
		}
		if v.Name == "" || v.Request == "" || v.Relies == "" {
			t.Errorf("%s: undocumented", v.ID)
		}
		if v.ID != strings.ToLower(v.ID) || strings.ContainsAny(v.ID, " _") {
			t.Errorf("%s: IDs are lower-case words joined by hyphens", v.ID)
		}
		switch {
		case v.NotAsked != "":
			if len(v.Hosts) != 0 || v.check != nil {
				t.Errorf("%s: not asked, yet has hosts or a check", v.ID)
			}
		default:
			if len(v.Hosts) == 0 || v.check == nil {
				t.Errorf("%s: no hosts or no check", v.ID)
			}
			for _, h := range v.Hosts {
				if strings.ContainsAny(h, ":/ ") || !strings.Contains(h, ".") {
					t.Errorf("%s: host %q is not a plain name", v.ID, h)
				}
			}
			if !strings.Contains(v.Request, "https://"+v.Hosts[0]) {
				t.Errorf("%s: request %q does not name its host %s", v.ID, v.Request, v.Hosts[0])
			}
		}
	}
}

// docs/verifiers.md is generated from the registry; run with -update after a change.
func TestVerifierDoc(t *testing.T) {
	path := filepath.Join("..", "..", "docs", "verifiers.md")
	want := Document()
	if *update {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (generate it: go test ./internal/verify -run TestVerifierDoc -update)", err)
	}
	if string(got) != want {
		t.Errorf("%s is out of date: go test ./internal/verify -run TestVerifierDoc -update", path)
	}
	for _, v := range registry {
		if !strings.Contains(string(got), "| `"+v.ID+"` |") || !strings.Contains(string(got), v.Doc) {
			t.Errorf("%s missing from %s", v.ID, path)
		}
	}
}
