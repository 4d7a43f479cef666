package detect

import "github.com/leakwatch/leakwatch/internal/finding"

// AI providers. OpenAI keys carry "T3BlbkFJ" (base64 of "OpenAI") in the middle, which
// is what separates them from other sk- strings.
var aiTokens = []tk{
	{id: "openai-project-key", title: "OpenAI project API key", provider: "OpenAI", sev: finding.Critical,
		re: `sk-proj-[A-Za-z0-9_-]{20,400}T3BlbkFJ[A-Za-z0-9_-]{20,400}`, find: openAIKey(len("sk-proj-")),
		ex:  []string{`OPENAI_API_KEY=sk-proj-{u:74}T3BlbkFJ{u:74}`, `{"api_key": "sk-proj-{u:58}T3BlbkFJ{u:58}"}`},
		nex: []string{`sk-proj-{u:74}{u:74}`, `sk-proj-xxxxxxxxxxxxxxxxxxxxxxxxT3BlbkFJxxxxxxxxxxxxxxxxxxxxxxxx`, `task-proj-{u:40}T3BlbkFJ{u:40}`}},
	{id: "openai-service-account-key", title: "OpenAI service account key", provider: "OpenAI", sev: finding.Critical,
		re: `sk-svcacct-[A-Za-z0-9_-]{20,400}T3BlbkFJ[A-Za-z0-9_-]{20,400}`, find: openAIKey(len("sk-svcacct-")),
		ex:  []string{`key: sk-svcacct-{u:74}T3BlbkFJ{u:74}`},
		nex: []string{`sk-svcacct-{u:60}`, `sk-svcacct-EXAMPLEEXAMPLEEXAMPLET3BlbkFJEXAMPLEEXAMPLEEXAMPLE`}},
	{id: "openai-admin-key", title: "OpenAI admin API key", provider: "OpenAI", sev: finding.Critical,
		re: `sk-admin-[A-Za-z0-9_-]{20,400}T3BlbkFJ[A-Za-z0-9_-]{20,400}`, find: openAIKey(len("sk-admin-")),
		ex:  []string{`"sk-admin-{u:58}T3BlbkFJ{u:58}"`},
		nex: []string{`sk-admin-{u:30}`, `sk-admin-{u:3}T3BlbkFJ{u:3}`}},
	{id: "openai-api-key", title: "OpenAI API key (legacy user key)", provider: "OpenAI", sev: finding.Critical,
		re:  `sk-(?:None-)?[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}`,
		ex:  []string{`Authorization: sk-{a:20}T3BlbkFJ{a:20}`},
		nex: []string{`sk-{a:48}`, `sk-{a:20}T3BlbkFJ{a:10}`}},
	{id: "anthropic-api-key", title: "Anthropic API key", provider: "Anthropic", sev: finding.Critical,
		re: `sk-ant-api\d\d-[A-Za-z0-9_-]{80,120}AA`, find: anthropicKey(len("sk-ant-api03-")),
		ex:  []string{`ANTHROPIC_API_KEY="sk-ant-api03-{u:93}AA"`},
		nex: []string{`sk-ant-api03-{u:20}`, `sk-ant-api03-` + "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" + `AA`}},
	{id: "anthropic-admin-key", title: "Anthropic admin API key", provider: "Anthropic", sev: finding.Critical,
		re: `sk-ant-admin\d\d-[A-Za-z0-9_-]{80,120}AA`, find: anthropicKey(len("sk-ant-admin01-")),
		ex:  []string{`x-api-key: sk-ant-admin01-{u:93}AA`},
		nex: []string{`sk-ant-admin01-{u:40}`}},
	{id: "deepseek-api-key", title: "DeepSeek API key", provider: "DeepSeek", sev: finding.Critical,
		// The incident's own key type. "sk-" and 32 hex digits is DeepSeek's documented
		// shape, a finding wherever it stands; a DashScope context names the other
		// provider that uses it.
		re:  `sk-[a-f0-9]{32}`,
		ex:  []string{`{"api_key": "sk-{h:32}", "provider": "deepseek"}`, `DEEPSEEK_API_KEY=sk-{h:32}`, `client = OpenAI(base_url="https://api.deepseek.com", api_key="sk-{h:32}")`, "user_id,api_key\n{d:5},sk-{h:32}", "我的密钥是sk-{h:32}，请保密"},
		nex: []string{`task-{h:32}`, `sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`, `api_key=sk-{h:31}`, `sk-learn==1.4.2`, `sk-{h:33}`, `ask-{h:32}`}},
	{id: "dashscope-api-key", title: "Alibaba DashScope (Qwen) API key", provider: "Alibaba Cloud", sev: finding.Critical,
		re: `sk-[a-f0-9]{32}`, prio: prioSpecific + 1,
		ctx: &ctxSpec{keys: []string{"dashscope", "qwen", "bailian"}, near: []string{"dashscope", "qwen", "bailian"}},
		ex:  []string{`DASHSCOPE_API_KEY=sk-{h:32}`, `{"model": "qwen-max", "key": "sk-{h:32}"}`},
		nex: []string{`{"api_key": "sk-{h:32}", "provider": "deepseek"}`}},
	{id: "moonshot-api-key", title: "Moonshot (Kimi) API key", provider: "Moonshot AI", sev: finding.Critical,
		re:  `sk-[A-Za-z0-9]{48}`,
		ctx: &ctxSpec{keys: []string{"moonshot", "kimi"}, near: []string{"moonshot", "kimi"}},
		ex:  []string{`MOONSHOT_API_KEY=sk-{a:48}`},
		nex: []string{`OTHER_KEY=sk-{a:48}`}},
	{id: "stability-api-key", title: "Stability AI API key", provider: "Stability AI", sev: finding.High,
		re:  `sk-[A-Za-z0-9]{48}`,
		ctx: &ctxSpec{keys: []string{"stability"}, near: []string{"stability.ai", "stability_"}},
		ex:  []string{`STABILITY_API_KEY=sk-{a:48}`},
		nex: []string{`UNRELATED=sk-{a:48}`}},
	{id: "google-api-key", title: "Google API key (Gemini, Maps, Firebase)", provider: "Google", sev: finding.High,
		re:  `AIza[0-9A-Za-z_-]{35}`,
		ex:  []string{`GEMINI_API_KEY=AIza{u:35}`, `"key":"AIza{u:35}"`},
		nex: []string{`AIza{u:20}`, `xAIza{u:35}`, `AIzaxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`}},
	{id: "huggingface-token", title: "Hugging Face access token", provider: "Hugging Face", sev: finding.High,
		re:  `hf_[A-Za-z0-9]{34}`,
		ex:  []string{`HF_TOKEN=hf_{B:34}`, `token: "hf_{B:34}"`},
		nex: []string{`hf_{B:20}`, `shf_{B:34}`, `hf_{B:40}`}},
	{id: "huggingface-org-token", title: "Hugging Face organization token", provider: "Hugging Face", sev: finding.High,
		re:  `api_org_[A-Za-z0-9]{34}`,
		ex:  []string{`api_org_{B:34}`},
		nex: []string{`api_org_{B:10}`}},
	{id: "groq-api-key", title: "Groq API key", provider: "Groq", sev: finding.Critical,
		re:  `gsk_[A-Za-z0-9]{52}`,
		ex:  []string{`GROQ_API_KEY=gsk_{a:52}`},
		nex: []string{`gsk_{a:30}`}},
	{id: "replicate-api-token", title: "Replicate API token", provider: "Replicate", sev: finding.High,
		re:  `r8_[A-Za-z0-9]{37}`,
		ex:  []string{`REPLICATE_API_TOKEN=r8_{a:37}`},
		nex: []string{`r8_{a:20}`, `pr8_{a:37}`}},
	{id: "xai-api-key", title: "xAI (Grok) API key", provider: "xAI", sev: finding.Critical,
		re:  `xai-[A-Za-z0-9]{80}`,
		ex:  []string{`XAI_API_KEY=xai-{a:80}`},
		nex: []string{`xai-{a:40}`}},
	{id: "perplexity-api-key", title: "Perplexity API key", provider: "Perplexity", sev: finding.High,
		re:  `pplx-[A-Za-z0-9]{48}`,
		ex:  []string{`pplx-{a:48}`},
		nex: []string{`pplx-{a:20}`}},
	{id: "openrouter-api-key", title: "OpenRouter API key", provider: "OpenRouter", sev: finding.Critical,
		re:  `sk-or-v1-[a-f0-9]{64}`,
		ex:  []string{`OPENROUTER_API_KEY=sk-or-v1-{h:64}`},
		nex: []string{`sk-or-v1-{h:30}`}},
	{id: "langsmith-api-key", title: "LangSmith API key", provider: "LangChain", sev: finding.High,
		re: `lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}`, lits: []string{"lsv2_pt_", "lsv2_sk_"},
		ex:  []string{`LANGCHAIN_API_KEY=lsv2_pt_{h:32}_{h:10}`},
		nex: []string{`lsv2_pt_{h:32}`}},
	{id: "cerebras-api-key", title: "Cerebras API key", provider: "Cerebras", sev: finding.High,
		re:  `csk-[a-z0-9]{48}`,
		ex:  []string{`csk-{L:48}`},
		nex: []string{`csk-{L:20}`}},
	{id: "nvidia-api-key", title: "NVIDIA NIM API key", provider: "NVIDIA", sev: finding.High,
		re:  `nvapi-[A-Za-z0-9_-]{64}`,
		ex:  []string{`NVIDIA_API_KEY=nvapi-{u:64}`},
		nex: []string{`nvapi-{u:30}`}},
	{id: "pinecone-api-key", title: "Pinecone API key", provider: "Pinecone", sev: finding.High,
		// the secret part is 63 characters in the keys the console shows; 64 are
		// seen too (a key of the newer issue); longer is another string
		re:  `pcsk_[A-Za-z0-9]{5,6}_[A-Za-z0-9]{63,64}`,
		ex:  []string{`PINECONE_API_KEY=pcsk_{a:5}_{a:63}`, `apiKey : Text = "pcsk_{a:5}_{a:64}"`},
		nex: []string{`pcsk_{a:5}`, `pcsk_{a:5}_{a:40}`, `pcsk_{a:5}_{a:63}EXTRA`}},
	{id: "elevenlabs-api-key", title: "ElevenLabs API key", provider: "ElevenLabs", sev: finding.High,
		re:  `sk_[a-f0-9]{48}`,
		ctx: &ctxSpec{keys: []string{"elevenlabs", "xi-api-key", "xi_api_key"}, near: []string{"elevenlabs"}},
		ex:  []string{`ELEVENLABS_API_KEY=sk_{h:48}`, `xi-api-key: sk_{h:48}`},
		nex: []string{`OTHER=sk_{h:48}`}},
	{id: "baidu-qianfan-api-key", title: "Baidu Qianfan API key", provider: "Baidu", sev: finding.High,
		re:  `bce-v3/ALTAK-[A-Za-z0-9]{15,30}/[a-f0-9]{40}`,
		ex:  []string{`QIANFAN_API_KEY=bce-v3/ALTAK-{a:21}/{h:40}`},
		nex: []string{`bce-v3/ALTAK-{a:21}`}},
}

var aiKV = []kv{
	{id: "mistral-api-key", title: "Mistral AI API key", provider: "Mistral AI", sev: finding.Critical,
		keys: []string{"mistral"}, value: `[A-Za-z0-9]{32}`, valueOK: mixed,
		ex:  []string{`MISTRAL_API_KEY={a:32}`, `{"mistral_api_key": "{a:32}"}`},
		nex: []string{`MISTRAL_MODEL=mistral-large-latest`, `MISTRAL_API_KEY={a:20}`, `OTHER_KEY={a:32}`}},
	{id: "cohere-api-key", title: "Cohere API key", provider: "Cohere", sev: finding.High,
		keys: []string{"cohere", "co_api_key"}, value: `[A-Za-z0-9]{40}`, valueOK: mixed,
		ex:  []string{`COHERE_API_KEY={a:40}`, `CO_API_KEY: "{a:40}"`},
		nex: []string{`COHERE_API_KEY={a:39}`}},
	{id: "together-api-key", title: "Together AI API key", provider: "Together AI", sev: finding.High,
		keys: []string{"together"}, value: `tgp_v1_[A-Za-z0-9_-]{43}|[a-f0-9]{64}`,
		ex:  []string{`TOGETHER_API_KEY={h:64}`, `together_api_key: tgp_v1_{u:43}`},
		nex: []string{`TOGETHER_API_KEY={h:40}`}},
	{id: "assemblyai-api-key", title: "AssemblyAI API key", provider: "AssemblyAI", sev: finding.High,
		keys: []string{"assemblyai", "assembly_ai"}, value: `[a-f0-9]{32}`,
		ex:  []string{`ASSEMBLYAI_API_KEY={h:32}`},
		nex: []string{`ASSEMBLYAI_API_KEY=not-a-key`}},
	{id: "azure-openai-key", title: "Azure OpenAI API key", provider: "Microsoft Azure", sev: finding.Critical,
		keys: []string{"azure_openai", "azureopenai", "aoai", "azure-openai"}, value: `[a-f0-9]{32}|[A-Za-z0-9]{84}`,
		ex:  []string{`AZURE_OPENAI_API_KEY={h:32}`, `azure_openai_key: {a:84}`},
		nex: []string{`AZURE_OPENAI_ENDPOINT=https://x.openai.azure.com/`}},
	{id: "wandb-api-key", title: "Weights & Biases API key", provider: "Weights & Biases", sev: finding.High,
		keys: []string{"wandb"}, value: `[a-f0-9]{40}`,
		ex:  []string{`WANDB_API_KEY={h:40}`},
		nex: []string{`WANDB_PROJECT=my-project`}},
	{id: "zhipu-api-key", title: "Zhipu AI (GLM) API key", provider: "Zhipu AI", sev: finding.High,
		keys: []string{"zhipu", "bigmodel", "glm"}, value: `[a-f0-9]{32}\.[A-Za-z0-9]{16}`,
		ex:  []string{`ZHIPUAI_API_KEY={h:32}.{a:16}`},
		nex: []string{`ZHIPUAI_API_KEY={h:32}`}},
	{id: "ai21-api-key", title: "AI21 Labs API key", provider: "AI21 Labs", sev: finding.High,
		keys: []string{"ai21"}, value: `[A-Za-z0-9]{32}`, valueOK: mixed,
		ex:  []string{`AI21_API_KEY={a:32}`},
		nex: []string{`AI21_MODEL=jamba-large`}},
	{id: "clarifai-pat", title: "Clarifai personal access token", provider: "Clarifai", sev: finding.High,
		keys: []string{"clarifai"}, value: `[a-f0-9]{32}`,
		ex:  []string{`CLARIFAI_PAT={h:32}`},
		nex: []string{`CLARIFAI_USER=someone`}},
	{id: "deepgram-api-key", title: "Deepgram API key", provider: "Deepgram", sev: finding.High,
		keys: []string{"deepgram"}, value: `[a-f0-9]{40}`,
		ex:  []string{`DEEPGRAM_API_KEY={h:40}`},
		nex: []string{`DEEPGRAM_API_KEY={h:32}`}},
}

// openAIKey matches prefix + URL-safe characters holding "T3BlbkFJ" with at least 20
// characters on each side, as the regular expression does, without its backtracking.
func openAIKey(prefix int) func([]byte, int) (int, int, bool, int) {
	return func(data []byte, at int) (int, int, bool, int) {
		p := at + prefix
		if p > len(data) {
			return 0, 0, false, 0
		}
		e := run(data, p, cURLSafe, 801)
		mid := indexIn(data[p:e], "T3BlbkFJ")
		if mid < 0 {
			return 0, 0, false, e // no later start in this run has the marker either
		}
		if mid < 20 || e-(p+mid+8) < 20 || e-p > 800 {
			return 0, 0, false, 0
		}
		return at, e, true, 0
	}
}

// anthropicKey matches prefix + 80 to 120 URL-safe characters + "AA".
func anthropicKey(prefix int) func([]byte, int) (int, int, bool, int) {
	return func(data []byte, at int) (int, int, bool, int) {
		p := at + prefix
		if p > len(data) {
			return 0, 0, false, 0
		}
		e := run(data, p, cURLSafe, 123)
		if n := e - p; n < 82 || n > 122 || data[e-1] != 'A' || data[e-2] != 'A' {
			return 0, 0, false, 0
		}
		return at, e, true, 0
	}
}

func indexIn(b []byte, s string) int {
	for i := 0; i+len(s) <= len(b); i++ {
		if b[i] == s[0] && string(b[i:i+len(s)]) == s {
			return i
		}
	}
	return -1
}

// mixed accepts values that mix at least two of lower case, upper case and digits, as
// generated keys do.
func mixed(v []byte) bool { return classCount(v) >= 2 }
