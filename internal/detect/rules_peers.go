package detect

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// Formats that peers' test suites showed missing (issue 11), each written from the
// provider's own documentation.
var peerTokens = []tk{
	{id: "jenkins-encrypted-secret", title: "Jenkins encrypted secret (credentials.xml, config.xml, JCasC)", provider: "Jenkins", sev: finding.High,
		// hudson.util.Secret writes a credential as {<base64>} where the bytes start
		// with a version byte 1 and the IV's length (16) as a 32-bit integer, so the
		// text always starts "AQAAABA". The master key that decrypts it sits on the
		// same controller: a copy of the file is a copy of the credential.
		re: `\{[^{}<>\r\n]{20,1000}(?:[^{}<>\r\n]{0,1000})\}`, lits: []string{"AQAAABA"}, back: 64, find: jenkinsSecret, noLeft: true, noRight: true,
		rem: "Treat the credential as exposed: rotate it at the service it opens, then in Jenkins; keep credentials.xml, secrets/ and config.xml out of backups, images and repositories.",
		ex: []string{`<secret>{AQAAABAAAAAQ{b:43}=}</secret>`, `<password>{AQAAABAAAAAw{b:64}}</password>`,
			`  privateKeyPassphrase: "{AQAAABAAAAAQ{b:43}=}"`},
		nex: []string{`<secret>{AQAAABAAAA}</secret>`, `text {AQAAABAAAAAQ{b:43}=} text`, `<secret>AQAAABAAAAAQ{b:43}=</secret>`}},
	{id: "azure-logic-apps-webhook-url", title: "Azure Logic Apps / Power Automate HTTP trigger URL", provider: "Microsoft Azure", sev: finding.High,
		// A workflow's "When an HTTP request is received" trigger is called at a URL
		// whose sig= parameter is a shared-access signature: whoever has the URL can
		// run the workflow. Logic Apps serve it from *.logic.azure.com, Power Automate
		// from *.environment.api.powerplatform.com.
		re: `https://[A-Za-z0-9.\-]{1,120}(?:logic\.azure\.com|powerplatform\.com)[^\s"'<>]{20,800}`, lits: []string{"logic.azure.com", "powerplatform.com"},
		back: 140, find: triggerURL, noLeft: true, keepRaw: true,
		rem: "Regenerate the workflow's access keys (Logic Apps: Access keys → regenerate; Power Automate: recreate the trigger), then remove the URL from wherever it was stored.",
		ex: []string{`https://prod-{d:2}.westeurope.logic.azure.com:443/workflows/{h:32}/triggers/manual/paths/invoke?api-version=2016-10-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig={u:43}`,
			`webhook: "https://default{h:30}.{d:2}.environment.api.powerplatform.com:443/powerautomate/automations/direct/workflows/{h:32}/triggers/manual/paths/invoke?api-version=1&sig={u:43}&sv=1.0"`},
		nex: []string{`https://prod-{d:2}.westeurope.logic.azure.com:443/workflows/{h:32}/triggers/manual/paths/invoke?api-version=2016-10-01`,
			`see https://learn.microsoft.com/azure/logic-apps and https://make.powerplatform.com/environments`}},
	{id: "azure-entra-refresh-token", title: "Microsoft Entra ID (Azure AD) refresh token", provider: "Microsoft Azure", sev: finding.High,
		// The identity platform's refresh tokens are opaque but keep one outline: a
		// version ("0." or "1."), a client-info part starting "A", and a long part
		// whose header reads "AgAB". They last up to 90 days and mint access tokens.
		re: `[01]\.A[A-Za-z0-9_\-]{30,130}\.AgAB[A-Za-z0-9_\-]{300,1000}(?:[A-Za-z0-9_\-]{0,1000})`, lits: []string{".AgAB"}, back: 134,
		find: entraRefreshToken, bodyOK: entraBodyOK,
		rem: "Revoke the user's or app's sessions (Revoke-MgUserSignInSession, or revoke in Entra ID), then remove the token from where it was stored.",
		ex:  []string{`"refresh_token": "0.A{u:50}.AgABAAAAAAD{u:600}"`, `let refreshToken = "1.AV{u:52}.AgABAwEAAAD{u:700}";`},
		nex: []string{`"refresh_token": "0.A{u:50}.AgABAAAAAAD{u:40}"`, `"v": "x0.A{u:50}.AgABAAAAAAD{u:600}"`}},
	{id: "tines-webhook-url", title: "Tines webhook URL", provider: "Tines", sev: finding.High,
		// a webhook action's URL ends in its secret: /webhook/<path>/<secret>, both 32
		// lower-case letters and digits; anyone with it can start the story
		re: `https://[A-Za-z0-9\-]{1,63}\.tines\.com/webhook/[a-z0-9]{32}/[a-z0-9]{32}`, lits: []string{".tines.com/webhook/"}, back: 72,
		ex:  []string{`TINES_WEBHOOK=https://acme-corp.tines.com/webhook/{L:32}/{L:32}`},
		nex: []string{`https://acme-corp.tines.com/webhook/{L:32}/{L:10}`, `https://www.tines.com/docs/actions/types/webhook`}},
	{id: "flutterwave-encryption-key", title: "Flutterwave encryption key", provider: "Flutterwave", sev: finding.High,
		// the 3DES key that encrypts card payloads sent to Flutterwave's v3 API: the
		// secret key's prefix and 12 hex digits (dashboards write it with or without a
		// dash)
		re: `FLWSECK(?:_TEST)?-?[a-f0-9]{12}`, lits: []string{"FLWSECK_", "FLWSECK-"},
		ex:  []string{`FLW_ENCRYPTION_KEY=FLWSECK_TEST{h:12}`, `flutterwaveEncKey: "FLWSECK_TEST-{h:12}"`},
		nex: []string{`FLWSECK_TEST-{h:8}`, `FLWSECK_TEST-{h:32}-X`}},
	{id: "tableau-api-key", title: "Tableau personal access token secret", provider: "Tableau", sev: finding.High,
		// Tableau shows a PAT's secret once: 16 bytes in base64, a colon, 32 letters
		// and digits. The shape is Tableau's; the name must be nearby (another line
		// will do: a PAT's name, secret and server are usually written one a line).
		re: `[A-Za-z0-9+/]{22}==:[A-Za-z0-9]{32}`, lits: []string{"==:"}, back: 22,
		ctx: &ctxSpec{near: []string{"tableau"}, dist: 300, anyLine: true},
		// (the id is the one the provider catalogue gave Tableau before this rule)
		ex:  []string{"TABLEAU_PAT_NAME=ci\nTABLEAU_PAT_SECRET={b:22}==:{a:32}", "server: https://eu-west-1a.online.tableau.com\ntoken_secret: {b:22}==:{a:32}"},
		nex: []string{"TABLEAU_PAT_SECRET={b:22}==:{a:12}", "key: {b:22}==:{a:32}"}},
}

// publishedKeys are credentials their vendors publish for local development, by
// length and SHA-256: the storage emulators' (Azurite's) key for devstoreaccount1
// opens nothing but an emulator on the developer's machine. Kept as digests so the
// source holds no key-shaped literal.
var publishedKeys = map[int][]string{
	88: {"0011cc25eb4320717494d2703e8cba85743e71b500283c21c8b88147992f9059"},
}

func published(v string) bool {
	hs, ok := publishedKeys[len(v)]
	if !ok {
		return false
	}
	sum := sha256.Sum256([]byte(v))
	h := hex.EncodeToString(sum[:])
	for _, x := range hs {
		if h == x {
			return true
		}
	}
	return false
}

// entraRefreshToken reads a refresh token around its ".AgAB" anchor.
func entraRefreshToken(data []byte, at int) (int, int, bool, int) {
	p := at
	for p > 0 && at-p < 134 && is(data[p-1], cURLSafe) {
		p--
	}
	// p is at the client-info part: "A…", after "0." or "1."
	if at-p < 31 || data[p] != 'A' || p < 2 || data[p-1] != '.' || data[p-2] != '0' && data[p-2] != '1' ||
		p >= 3 && is(data[p-3], cWord|cDot) {
		return 0, 0, false, 0
	}
	e := run(data, at+1, cURLSafe, 2600)
	if e-(at+1) < 300 {
		return 0, 0, false, 0
	}
	return p - 2, e, true, e
}

// entraBodyOK applies the placeholder test to a refresh token's parts without the
// header after "AgAB", whose version and flag bytes are runs of "A" in every token.
func entraBodyOK(tok []byte) bool {
	i := bytes.Index(tok, []byte(".AgAB"))
	if i < 0 || len(tok)-i < 16 {
		return false
	}
	return tokenBodyOK(tok[:i]) && tokenBodyOK(tok[i+16:])
}

// triggerURL reads a workflow trigger URL around its host's anchor and accepts it when it
// calls a trigger and carries a signature.
func triggerURL(data []byte, at int) (int, int, bool, int) {
	lo := at - 140
	if lo < 0 {
		lo = 0
	}
	s := bytes.LastIndex(data[lo:at], []byte("https://"))
	if s < 0 {
		return 0, 0, false, 0
	}
	s += lo
	for i := s; i < at; i++ {
		if !is(data[i], cURLSafe) && data[i] != '.' && data[i] != ':' && data[i] != '/' {
			return 0, 0, false, 0
		}
	}
	e := at
	for e < len(data) && e-at < 900 && data[e] > ' ' && data[e] != '"' && data[e] != '\'' && data[e] != '<' && data[e] != '>' && data[e] != '\\' {
		e++
	}
	u := data[s:e]
	i := bytes.Index(u, []byte("sig="))
	if i < 0 || !bytes.Contains(u, []byte("/triggers/")) || (u[i-1] != '?' && u[i-1] != '&') {
		return 0, 0, false, 0
	}
	n := 0
	for j := i + 4; j < len(u) && (is(u[j], cURLSafe) || u[j] == '%'); j++ {
		n++
	}
	if n < 30 {
		return 0, 0, false, 0
	}
	return s, e, true, e
}

// jenkinsSecret reads the braces around a hudson.util.Secret: the anchor at the start of
// their content (after at most a word or two), the braces assigned to something (an
// element's text, a YAML or properties value), and returns the content.
func jenkinsSecret(data []byte, at int) (int, int, bool, int) {
	s := at
	for s > 0 && at-s < 64 && data[s-1] != '{' && data[s-1] != '}' && data[s-1] != '\n' && data[s-1] != '<' && data[s-1] != '>' {
		s--
	}
	if s == 0 || data[s-1] != '{' {
		return 0, 0, false, 0
	}
	// what stands before the opening brace: '>' of an element, or a key's ':' or '='
	p := s - 1
	for p > 0 && (data[p-1] == ' ' || data[p-1] == '\t' || data[p-1] == '"' || data[p-1] == '\'') {
		p--
	}
	if p == 0 || data[p-1] != '>' && data[p-1] != ':' && data[p-1] != '=' {
		return 0, 0, false, 0
	}
	e := at
	for e < len(data) && e-at < 2048 && data[e] != '}' && data[e] != '{' && data[e] != '\n' && data[e] != '<' {
		e++
	}
	if e >= len(data) || data[e] != '}' || e-at < 20 {
		return 0, 0, false, 0
	}
	return s, e, true, e
}

// Keys peers report that only their names identify.
var peerKV = []kv{
	{id: "hashicorp-vault-approle-secret-id", title: "HashiCorp Vault AppRole secret ID", provider: "HashiCorp", sev: finding.High,
		// An AppRole login takes a role_id and a secret_id, both UUIDs; the secret_id
		// is the credential. A UUID under "secret_id" is one when Vault or the role is
		// named in the key or nearby.
		keys: []string{"secret_id", "secretid", "secret-id"}, keyOK: endsWith("secret", "id"),
		near: []string{"vault", "approle", "role_id", "roleid", "hashicorp"}, nearAnyLine: true, value: uuidRe,
		ex:  []string{`VAULT_SECRET_ID={uuid}`, "role_id = \"{uuid}\"\nsecret_id = \"{uuid}\"", `{"approle": {"role_id": "{uuid}", "secret_id": "{uuid}"}}`},
		nex: []string{`secret_id = "{uuid}"`, `VAULT_SECRET_ID=s3cr3t`}},
	{id: "discord-client-id", title: "Discord application (client) ID", provider: "Discord", sev: finding.Low,
		// a snowflake: 17 to 20 digits; an identifier, not a secret, but it names the
		// application whose secret is usually written beside it
		keys: []string{"discord"}, keyOK: hasAnySegment("client", "app", "application", "token", "key", "secret"), value: `[0-9]{17,20}`,
		ex:  []string{`DISCORD_CLIENT_ID={d:18}`, `discordAppId: "{d:19}"`},
		nex: []string{`DISCORD_CHANNEL_ID={d:18}`, `DISCORD_CLIENT_ID={d:8}`}},
	{id: "asana-client-id", title: "Asana OAuth client ID", provider: "Asana", sev: finding.Low,
		keys: []string{"asana"}, keyOK: hasAnySegment("client", "app", "token", "key", "secret"), value: `[0-9]{16}`,
		ex:  []string{`ASANA_CLIENT_ID={d:16}`, `asanaToken = "{d:16}"`},
		nex: []string{`ASANA_PROJECT_ID={d:16}`, `ASANA_CLIENT_ID={d:12}`}},
}

// endsWith accepts keys whose last segments are words: endsWith("secret", "id") takes
// VAULT_SECRET_ID and secretId.
func endsWith(words ...string) func([][]byte) bool {
	return func(segs [][]byte) bool {
		if len(segs) == 1 && len(words) > 1 {
			// run together: "secretid", "vaultsecretid"
			return bytes.HasSuffix(segs[0], []byte(joinWords(words)))
		}
		if len(segs) < len(words) {
			return false
		}
		tail := segs[len(segs)-len(words):]
		for i, w := range words {
			if string(tail[i]) != w {
				return false
			}
		}
		return true
	}
}

func joinWords(ws []string) string {
	var b []byte
	for _, w := range ws {
		b = append(b, w...)
	}
	return string(b)
}

// hasAnySegment accepts keys with one of words among their segments.
func hasAnySegment(words ...string) func([][]byte) bool {
	return func(segs [][]byte) bool {
		for _, s := range segs {
			for _, w := range words {
				if string(s) == w {
					return true
				}
			}
		}
		return false
	}
}
