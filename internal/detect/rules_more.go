package detect

import "github.com/leakwatch/leakwatch/internal/finding"

// Providers added from their documented formats (issue 11): AWS AppSync, Azure's
// identifiable keys, New Relic's browser, query and mobile keys, Mailgun's public and
// webhook signing keys, Cloudflare's prefixed API tokens, GitLab session cookies, Deno
// Deploy tokens; and keys that only their name identifies (Azure storage keys outside a
// connection string, Discord client secrets, Sentry's legacy tokens, Squarespace).
var moreTokens = []tk{
	{id: "aws-appsync-api-key", title: "AWS AppSync API key", provider: "AWS", sev: finding.High,
		re:  `da2-[a-z0-9]{26}`,
		ex:  []string{`APPSYNC_API_KEY=da2-{L:26}`, `"x-api-key": "da2-{L:26}"`},
		nex: []string{`da2-{L:10}`, `oda2-{L:26}`}},
	{id: "azure-identifiable-key", title: "Azure identifiable key (Storage, Cosmos DB, Search, Functions, Service Bus, Event Hubs, Container Registry, API Management)", provider: "Microsoft Azure", sev: finding.Critical,
		// Keys Azure issues since 2023 carry a signature naming the service at a fixed
		// place near their end: AZSt storage, ACDb Cosmos DB, AzSe search, AzFu
		// functions, +ASb Service Bus, +AEh Event Hubs, +ACR container registry, APIM.
		re:   `[A-Za-z0-9+/]{30,80}(?:AZSt|ACDb|AzSe|AzFu|\+ASb|\+AEh|\+ACR|APIM)[A-Za-z0-9+/]{4,10}={0,2}`,
		lits: []string{"AZSt", "ACDb", "AzSe", "AzFu", "+ASb", "+AEh", "+ACR", "APIM"}, back: 80,
		ex:  []string{`AZURE_STORAGE_KEY={b:76}AZSt{b:6}==`, `search_admin_key: {a:42}AzSe{a:6}`, `"functionKey": "{b:46}AzFu{b:6}=="`, `acr_password={a:42}+ACR{a:6}`},
		nex: []string{`AZSt{b:6}`, `the APIM gateway`, `{b:10}AzFu`}},
	{id: "newrelic-browser-api-key", title: "New Relic browser API key", provider: "New Relic", sev: finding.Medium,
		re:  `NRJS-[a-f0-9]{19}`,
		ex:  []string{`NREUM.loader_config={licenseKey:"NRJS-{h:19}"}`},
		nex: []string{`NRJS-{h:10}`}},
	{id: "newrelic-insights-query-key", title: "New Relic Insights query key", provider: "New Relic", sev: finding.High,
		re:  `NRIQ-[A-Za-z0-9_-]{25,32}`,
		ex:  []string{`NRIQ-{u:32}`},
		nex: []string{`NRIQ-{u:10}`}},
	{id: "newrelic-browser-key", title: "New Relic browser monitoring key", provider: "New Relic", sev: finding.Medium,
		re:  `NRBR-[a-f0-9]{19}`,
		ex:  []string{`newrelic_browser_key = NRBR-{h:19}`},
		nex: []string{`NRBR-{h:8}`}},
	{id: "newrelic-mobile-app-token", title: "New Relic mobile application token", provider: "New Relic", sev: finding.Medium,
		// EU-region tokens carry the region ("eu01xx") in place of the leading "AA"
		// and four hex digits
		re: `(?:AA[a-f0-9]{40}|eu01xx[a-f0-9]{36})-NRMA`, lits: []string{"-NRMA"}, back: 42,
		ex:  []string{`NewRelic.withApplicationToken("AA{h:40}-NRMA")`, `NEW_RELIC_MOBILE_TOKEN=eu01xx{h:36}-NRMA`},
		nex: []string{`AA{h:20}-NRMA`, `eu01xx{h:20}-NRMA`}},
	{id: "mailgun-public-key", title: "Mailgun public validation key", provider: "Mailgun", sev: finding.Medium,
		re:  `pubkey-[a-f0-9]{32}`,
		ex:  []string{`MAILGUN_PUBLIC_KEY=pubkey-{h:32}`},
		nex: []string{`pubkey-{h:12}`}},
	{id: "cloudflare-prefixed-api-token", title: "Cloudflare API token or key (cfk_, cfut_, cfat_)", provider: "Cloudflare", sev: finding.Critical,
		re: `cf(?:k|ut|at)_[A-Za-z0-9]{40}[a-f0-9]{8}`, lits: []string{"cfk_", "cfut_", "cfat_"},
		ex:  []string{`CLOUDFLARE_API_KEY=cfk_{a:40}{h:8}`, `cfut_{a:40}{h:8}`},
		nex: []string{`cfk_{a:10}`, `xcfk_{a:40}{h:8}`, `cfut_{a:40}{h:8}X`}},
	{id: "gitlab-session-cookie", title: "GitLab session cookie", provider: "GitLab", sev: finding.High,
		re: `_gitlab_session=([0-9a-z]{32})`, group: 1, noLeft: true,
		ex:  []string{`Cookie: _gitlab_session={h:32}; preferred_language=en`},
		nex: []string{`_gitlab_session={h:10}`}},
	{id: "deno-deploy-token", title: "Deno Deploy access token", provider: "Deno", sev: finding.High,
		re: `dd[pw]_[A-Za-z0-9]{36}`, lits: []string{"ddp_", "ddw_"},
		ex:  []string{`DENO_DEPLOY_TOKEN=ddp_{a:36}`, `deployctl deploy --token ddw_{a:36}`},
		nex: []string{`ddp_{a:12}`}},
}

var moreKV = []kv{
	{id: "azure-storage-account-key-assigned", title: "Azure storage account key assigned to a named key", provider: "Microsoft Azure", sev: finding.Critical,
		keys: []string{"storage", "azure", "account_key", "accountkey", "account-key"}, value: `[A-Za-z0-9+/]{86}==`,
		ex:  []string{`AZURE_STORAGE_KEY={b:86}==`, `storageAccountKey: "{b:86}=="`, `{"account_key": "{b:86}=="}`},
		nex: []string{`AZURE_STORAGE_KEY={b:40}==`, `AZURE_STORAGE_ACCOUNT=myaccount`}},
	{id: "discord-client-secret", title: "Discord client secret", provider: "Discord", sev: finding.High,
		keys: []string{"discord"}, all: []string{"secret"}, value: `[A-Za-z0-9_-]{32}`, valueOK: mixed,
		ex:  []string{`DISCORD_CLIENT_SECRET={u:32}`},
		nex: []string{`DISCORD_CLIENT_ID={d:18}`}},
	{id: "sentry-legacy-token", title: "Sentry auth token (legacy)", provider: "Sentry", sev: finding.High,
		keys: []string{"sentry"}, value: `[a-f0-9]{64}`,
		ex:  []string{`SENTRY_AUTH_TOKEN={h:64}`},
		nex: []string{`SENTRY_DSN=https://{h:32}@o1.ingest.sentry.io/1`}},
	{id: "squarespace-api-key", title: "Squarespace API key", provider: "Squarespace", sev: finding.High,
		keys: []string{"squarespace"}, value: uuidRe,
		ex:  []string{`SQUARESPACE_API_KEY={uuid}`},
		nex: []string{`SQUARESPACE_SITE=shop`}},
	{id: "mailgun-webhook-signing-key", title: "Mailgun webhook signing key", provider: "Mailgun", sev: finding.High,
		keys: []string{"signing", "webhook"}, near: []string{"mailgun"}, value: `[a-f0-9]{32}(?:-[a-f0-9]{8}-[a-f0-9]{8})?`,
		ex:  []string{`MAILGUN_WEBHOOK_SIGNING_KEY={h:32}`, `# mailgun\nwebhook_signing_key = {h:32}-{h:8}-{h:8}`},
		nex: []string{`WEBHOOK_SIGNING_KEY={h:32}`}},
}
