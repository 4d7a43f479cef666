package detect

import (
	"encoding/base64"
	"encoding/json"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/lazyre"
)

// tunnelTokens are connector tokens whose structure proves them wherever they stand:
// a command line ("cloudflared service install <token>"), a compose file, a unit file.
var tunnelTokens = []tk{
	{id: "cloudflare-tunnel-token", title: "Cloudflare Tunnel token", provider: "Cloudflare", sev: finding.Critical,
		// A Cloudflare Tunnel's connector token is base64 of a JSON object: "a" the
		// account's tag (32 hex digits), "t" the tunnel's UUID and "s" the tunnel's
		// secret (base64). It opens with eyJhIjoi, the base64 of {"a":"; the check
		// decodes it, so any other base64 of JSON that starts alike is no match.
		re: `eyJhIjoi[A-Za-z0-9+/]{80,400}={0,2}`, lits: []string{"eyJhIjoi"},
		check: cfTunnelToken,
		ex: []string{"cloudflared service install eyJhIjoiMjhhYmM3MGU5MWVmYTRjOWM2NjUyODRjYjBmMDc1ODYiLCJ0IjoiYmNhY2FmZDMtYjYzYS00ZDgwLThiNWUtMDE0YmRhMzUxYjYyIiwicyI6Ii9LV0dxdk1TTW5vUmpOTEdGK2Erc09jZWJScE1lR1p4WWJzc0JOWUhKcEU9In0=",
			"    command: tunnel --no-autoupdate run --token eyJhIjoiMjhhYmM3MGU5MWVmYTRjOWM2NjUyODRjYjBmMDc1ODYiLCJ0IjoiYmNhY2FmZDMtYjYzYS00ZDgwLThiNWUtMDE0YmRhMzUxYjYyIiwicyI6Ii9LV0dxdk1TTW5vUmpOTEdGK2Erc09jZWJScE1lR1p4WWJzc0JOWUhKcEU9In0="},
		nex: []string{
			// no tunnel id; an account tag that is no tag
			"eyJhIjoiMjhhYmM3MGU5MWVmYTRjOWM2NjUyODRjYjBmMDc1ODYiLCJzIjoiL0tXR3F2TVNNbm9Sak5MR0YrYStzT2NlYlJwTWVHWnhZYnNzQk5ZSEpwRT0ifQ==",
			"eyJhIjoieHl6IiwidCI6ImJjYWNhZmQzLWI2M2EtNGQ4MC04YjVlLTAxNGJkYTM1MWI2MiIsInMiOiIvS1dHcXZNU01ub1JqTkxHRithK3NPY2ViUnBNZUdaeFlic3NCTllISnBFPSJ9"}},
}

var (
	tunnelTag  = lazyre.New(`^[0-9a-f]{32}$`)
	tunnelUUID = lazyre.New(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
)

// cfTunnelToken reports base64 of a JSON object with a Cloudflare account tag, a
// tunnel UUID and a secret of at least 32 bytes.
func cfTunnelToken(tok []byte) bool {
	enc := base64.StdEncoding
	if len(tok)%4 != 0 {
		enc = base64.RawStdEncoding
	}
	raw, err := enc.DecodeString(string(tok))
	if err != nil || len(raw) > 1024 {
		return false
	}
	var t struct {
		A string `json:"a"`
		T string `json:"t"`
		S string `json:"s"`
	}
	if json.Unmarshal(raw, &t) != nil || !tunnelTag.MatchString(t.A) || !tunnelUUID.MatchString(t.T) {
		return false
	}
	sec, err := base64.StdEncoding.DecodeString(t.S)
	if err != nil {
		sec, err = base64.RawStdEncoding.DecodeString(t.S)
	}
	return err == nil && len(sec) >= 32 && !lowVariety(sec)
}
