package detect

import (
	"bytes"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// kf2Tokens are provider formats whose own structure names them, added after reading
// the misses of Kingfisher's and Trivy's examples by provider: each is written from
// the provider's documentation of its format, not from an example string.
var kf2Tokens = []tk{
	{id: "maxmind-license-key-v2", title: "MaxMind license key (2023 format)", provider: "MaxMind", sev: finding.High,
		// MaxMind's license keys since March 2023 are 40 characters of letters, digits
		// and '_': a six-character prefix, an underscore, the secret, and the suffix
		// "_mmk" (the release note warns the length may grow). The suffix ties the key
		// to MaxMind without the provider's name beside it.
		re: `[A-Za-z0-9]{6}_[A-Za-z0-9_]{29,60}_mmk`, lits: []string{"_mmk"}, back: 67,
		ex:  []string{`GEOIPUPDATE_LICENSE_KEY={a:6}_{a:29}_mmk`, `license: "{a:6}_{k:29}_mmk"`},
		nex: []string{`{a:6}_{a:12}_mmk`, `{a:6}_{a:29}_mmkx`, `check_mmk_file`}},
	{id: "azure-identifiable-key-84", title: "Azure identifiable key (84-character format: AI services, Container Registry, …)", provider: "Microsoft Azure", sev: finding.Critical,
		// Azure's newer keys (AI services, Container Registry tokens, DevOps PATs) are
		// 84 characters: 52 random ones, the "JQQJ" signature of Microsoft's
		// identifiable key format, and four letters naming the service ("ACOG",
		// "AZCR") before the last four characters. The DevOps PAT ("AZDO") has its own rule.
		re: `[A-Za-z0-9]{52}JQQJ[A-Za-z0-9]{20}[A-Za-z]{4}[A-Za-z0-9]{4}`, lits: []string{"JQQJ"}, back: 52,
		check: azureKey84, bodyOK: randomHead(52),
		ex:  []string{`AZURE_OPENAI_API_KEY={a:52}JQQJ99{a:18}ACOG{a:4}`, `acr_token: "{a:52}JQQJ99{a:18}AZCR{a:4}"`},
		nex: []string{`{a:30}JQQJ99{a:22}`, `{a:52}JQQJ99{a:18}AZDO{a:4}`, `{a:52}JQQJ99{a:22}x`}},
}

// azureKey84 accepts an 84-character identifiable key with a random head that is no
// Azure DevOps PAT (azure-devops-pat-identifiable reports those).
func azureKey84(v []byte) bool {
	return len(v) == 84 && !bytes.Equal(v[76:80], []byte("AZDO")) && randomHead(52)(v)
}
