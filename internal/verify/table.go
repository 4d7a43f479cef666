package verify

import (
	"fmt"
	"strings"
)

// Document renders docs/verifiers.md from the registry; a test keeps the file equal to
// it, so the documentation cannot drift from the code.
func Document() string {
	var b strings.Builder
	b.WriteString(`# Verifiers

Generated from the registry in internal/verify by ` + "`go test ./internal/verify -run TestVerifierDoc -update`" + `;
a test fails when this file and the code disagree.

With ` + "`--verify`" + ` (scan, detect) or ` + "`verify: true`" + ` (monitor), leakwatch asks each found secret's issuer,
once per distinct secret, the one read-only question below and records ` + "`verified`" + `: ` + "`live`" + `,
` + "`revoked`" + ` or ` + "`unknown`" + `. Every request goes to the fixed host(s) listed, over HTTPS with the system's
certificate roots, without a proxy, never following a redirect to another host; answers are read
up to 64 KiB; nothing is retried. A secret whose issuer is not listed, or whose paired value is
not in the same record, is ` + "`unknown`" + `.

`)
	fmt.Fprintf(&b, "%d verifiers.\n\n", len(registry))
	b.WriteString("| ID | Issuer | Rules | Request | Answers relied on | Paired value | Hosts | Issuer documentation |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|\n")
	for _, v := range registry {
		req, hosts := v.Request, strings.Join(v.Hosts, ", ")
		if v.NotAsked != "" {
			req, hosts = "none: "+v.NotAsked, "none"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s | %s | <%s> |\n", v.ID, cell(v.Name),
			cell("`"+strings.Join(v.Rules, "`, `")+"`"), cell(req), cell(v.Relies), cell(nonEmpty(v.Pair, "—")), cell(hosts), v.Doc)
	}
	return b.String()
}

func cell(s string) string { return strings.ReplaceAll(strings.ReplaceAll(s, "|", `\|`), "\n", " ") }

func nonEmpty(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
