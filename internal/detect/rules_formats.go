package detect

import (
	"bytes"
	"encoding/base64"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// Provider formats learnt from the providers' documentation (issue 11, classes seen in
// Nosey Parker's half-A examples): Vault recovery tokens, New Relic admin keys, Jina
// AI keys, Microsoft Teams' legacy Office 365 connector URLs, Azure DevOps PATs in the
// identifiable format, Grafana's base64 API keys and Code Climate reporter ids.
var formatTokens = []tk{
	{id: "hashicorp-vault-recovery-token", title: "HashiCorp Vault recovery token", provider: "HashiCorp", sev: finding.Critical,
		re: `hvr\.[A-Za-z0-9_-]{24,200}`, check: generatedBody(4),
		ex:  []string{`VAULT_TOKEN=hvr.{u:40}7`, `token: hvr.{a:95}`},
		nex: []string{`hvr.{u:12}`, `hvr.recovery_token_goes_here_now`}},
	{id: "newrelic-admin-api-key", title: "New Relic admin API key", provider: "New Relic", sev: finding.Critical,
		re:  `NRAA-[a-f0-9]{27}`,
		ex:  []string{`NEW_RELIC_ADMIN_KEY=NRAA-{h:27}`, `admin:NRAA-{h:27}`},
		nex: []string{`NRAA-{h:12}`, `NRAA-{h:27}{h:4}`}},
	{id: "jina-api-key", title: "Jina AI API key", provider: "Jina AI", sev: finding.High,
		re: `jina_[a-f0-9]{32}[A-Za-z0-9_-]{20,40}`, check: generatedBody(5),
		ex:  []string{`JINA_API_KEY=jina_{h:32}{a:27}X`, `Authorization: Bearer jina_{h:32}{a:28}`},
		nex: []string{`jina_{h:20}`, `jina_embeddings_v3_model`}},
	{id: "teams-legacy-webhook-url", title: "Microsoft Teams incoming webhook URL (Office 365 connector)", provider: "Microsoft", sev: finding.Medium,
		re:   `outlook\.office(?:365)?\.com` + slash + `webhook` + slash + `[0-9a-f-]{36}@[0-9a-f-]{36}` + slash + `IncomingWebhook` + slash + `[0-9a-f]{32}` + slash + `[0-9a-f-]{36}`,
		lits: []string{"outlook.office"},
		ex:   []string{`https://outlook.office.com/webhook/{uuid}@{uuid}/IncomingWebhook/{h:32}/{uuid}`, `url: "https://outlook.office365.com/webhook/{uuid}@{uuid}/IncomingWebhook/{h:32}/{uuid}"`},
		nex:  []string{`https://outlook.office.com/webhook/{uuid}@{uuid}/IncomingWebhook/`, `https://outlook.office.com/mail/inbox`}},
	{id: "azure-devops-pat-identifiable", title: "Azure DevOps personal access token (identifiable format)", provider: "Microsoft Azure", sev: finding.Critical,
		// Since 2024 Azure DevOps issues 84-character PATs carrying the signature "AZDO"
		// at a fixed place near their end.
		// Only the first 52 characters are random: Microsoft's identifiable key format
		// fills the fields after them (a "JQQJ" signature, reserved bytes, the date) with
		// runs of "A" for zero bits, which the placeholder test would take for padding.
		re: `[A-Za-z0-9]{76}AZDO[A-Za-z0-9]{4}`, lits: []string{"AZDO"}, back: 76, check: randomHead(52), bodyOK: randomHead(52),
		ex:  []string{`AZURE_DEVOPS_EXT_PAT={a:52}JQQJ99{a:18}AZDO{a:4}`, `{a:76}AZDO{a:4}`},
		nex: []string{`{a:40}AZDO{a:4}`, `{a:76}AZDO{a:4}X`, `AZDO_ORG_URL=https://dev.azure.com/contoso`}},
	{id: "grafana-api-key-legacy", title: "Grafana API key (legacy base64 format)", provider: "Grafana Labs", sev: finding.High,
		// Grafana's pre-service-account API keys are base64 of {"k":"…","n":"…","id":N}.
		re: `eyJrIjoi[A-Za-z0-9+/]{32,300}={0,2}`, check: grafanaLegacyKey,
		ex:  []string{`GRAFANA_API_KEY={grafana}`, `client = GrafanaClient("{grafana}", host=h)`},
		nex: []string{`eyJrIjoiYWJjIn0=`, `eyJrIjoi{b:60}`}},
}

var formatKV = []kv{
	{id: "codeclimate-reporter-id", title: "Code Climate test reporter id", provider: "Code Climate", sev: finding.Medium,
		keys: []string{"reporter_id", "codeclimate"}, value: `[a-f0-9]{64}`, valueOK: func(v []byte) bool { return !isPlaceholder(v) },
		ex:  []string{`CC_TEST_REPORTER_ID: {h:64}`, `CODECLIMATE_REPO_TOKEN={h:64}`},
		nex: []string{`CC_TEST_REPORTER_ID: {h:40}`, `REPORTER_ID={h:64}x`}},
}

// generatedBody accepts a token whose part after a prefix of skip bytes mixes letter
// cases or letters and digits and is no stand-in.
func generatedBody(skip int) func([]byte) bool {
	return func(v []byte) bool {
		if len(v) <= skip {
			return false
		}
		b := v[skip:]
		if i := bytes.IndexByte(b, '.'); skip > 0 && i >= 0 && i < 3 {
			b = b[i+1:]
		}
		return classCount(b) >= 2 && !isPlaceholder(b) && !plainWordy(b)
	}
}

// plainWordy is wordy for a token's generated body, which is often base64url: a random
// piece between its '-' and '_' ("RvS0xve6edQNYqSCfebh", "mm2f") is often half lower
// case, and wordy took such pieces for words. Here a word is letters alone, in one case
// or capitalised ("your", "API", "Token"), as a stand-in's words are.
func plainWordy(v []byte) bool {
	return mostlyWords(v, func(p []byte) bool { return len(p) >= 3 && genWord(p) })
}

// genWord: letters only, all lower case, all upper case, or one capital and then lower.
func genWord(p []byte) bool {
	lower, upper := 0, 0
	for i, c := range p {
		switch {
		case is(c, cLower):
			lower++
		case isUpper(c):
			if i > 0 && lower > 0 {
				return false // a capital after lower case: camel or random
			}
			upper++
		default:
			return false
		}
	}
	return lower == 0 || upper <= 1
}

// randomHead applies the test of generatedBody to the first n bytes of a token alone:
// those of a format whose later fields are structured rather than random.
func randomHead(n int) func([]byte) bool {
	g := generatedBody(0)
	return func(v []byte) bool {
		return len(v) >= n && g(v[:n])
	}
}

// grafanaLegacyKey decodes the key and asks for the fields Grafana writes.
func grafanaLegacyKey(v []byte) bool {
	v = bytes.TrimRight(v, "=")
	var buf [256]byte
	if base64.RawStdEncoding.DecodedLen(len(v)) > len(buf) {
		return false
	}
	n, err := base64.RawStdEncoding.Decode(buf[:], v)
	if err != nil {
		return false
	}
	d := buf[:n]
	k := bytes.Index(d, []byte(`"k":"`))
	if k < 0 || !bytes.Contains(d, []byte(`"n":"`)) {
		return false
	}
	e := bytes.IndexByte(d[k+5:], '"')
	return e >= 16 && !isPlaceholder(d[k+5:k+5+e])
}
