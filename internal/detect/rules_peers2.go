package detect

import (
	"bytes"
	"encoding/base64"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// Classes that the test suites of semgrep-rules, ripsecrets and Trivy showed missing
// (issue 11, tools/peercases), each written from the provider's or format's own
// documentation; every string here is written for this file.
var peers2Tokens = []tk{
	{id: "slack-workspace-token", title: "Slack workspace or refresh token (short form)", provider: "Slack", sev: finding.High,
		// Workspace apps' access tokens (xoxa-) and their refresh tokens (xoxr-) were
		// issued in shorter shapes than the xoxa-2-… ones slack-legacy-token reads: an
		// optional one-digit version, then letters and digits only. The prefix is
		// Slack's alone; the body must look generated.
		re: `xox[ar]-(?:\d-)?[A-Za-z0-9]{10,48}`, lits: []string{"xoxa-", "xoxr-"}, bodyOK: slackShortBody,
		ex:  []string{`"access_token": "xoxa-7-q4m9tz2kw8vp"`, `SLACK_REFRESH=xoxr-k3v9qz7tm2lp8w`},
		nex: []string{`xoxa-2-short`, `xoxr-aaaaaaaaaaaa`, `xoxa-documentation`}},
	{id: "slack-legacy-user-token", title: "Slack user token (legacy, short groups)", provider: "Slack", sev: finding.Critical,
		// Test and legacy user tokens were three dash-separated numbers of a few digits
		// and a hexadecimal tail, shorter than today's xoxp- tokens.
		// Three equal numbers ("1234-1234-1234") are a document's stand-in.
		re: `xoxp-\d{6,14}-\d{6,14}-\d{6,14}-[a-f0-9]{16,64}`, check: distinctGroups,
		ex:  []string{`xoxp-815264-930417-482915-c7e2a19f04b83d56e1`},
		nex: []string{`xoxp-815264-930417-482915-c7e2a1`, `xoxp-1234-5678-9012-0000000000000000`, `xoxp-123456-123456-123456-c7e2a19f04b83d56e1`}},
	{id: "slack-user-token-xoxe", title: "Slack user token (xoxe)", provider: "Slack", sev: finding.Critical,
		// the user token Slack appends to private file URLs (?t=xoxe-…): three numbers
		// of 10 to 13 digits and a 28–34 character tail, like an xoxp- token
		re:  `xoxe-\d{10,13}-\d{10,13}-\d{10,13}-[A-Za-z0-9]{28,34}`,
		ex:  []string{`https://files.slack.com/files-pri/T0A1B2C3D-F0E9D8C7B/report.pdf?t=xoxe-5837261940372-6948172039485-7059283140596-9c2e7b1a4f0d83e6b5a2c9174d0e3f68`},
		nex: []string{`xoxe-5837261940372-6948172039485-9c2e7b1a4f0d83e6b5a2c9174d0e3f68`}},
	{id: "kolide-api-key", title: "Kolide API key", provider: "Kolide", sev: finding.High,
		// Kolide K2 API keys: "k2sk_v", a version digit, "_" and 24 letters and digits
		re:  `k2sk_v\d_[A-Za-z0-9]{24}`,
		ex:  []string{`KOLIDE_API_KEY=k2sk_v1_Tq8Wm3Zr7Lp2Vx9Kb4Nc6Hd1`},
		nex: []string{`k2sk_v1_Tq8Wm3Zr7Lp2`}},
	{id: "infracost-api-token", title: "Infracost API key", provider: "Infracost", sev: finding.High,
		// Infracost Cloud's API keys: "ico-" and 32 letters and digits; a word before
		// the dash ("favico-…") or a file name's dot ("box.ico-<md5>.png") is not one,
		// nor 32 hexadecimal digits (an asset's digest)
		re: `ico-[A-Za-z0-9]{32}`, left: notAfterDot, bodyOK: notHexDigest,
		ex:  []string{`INFRACOST_API_KEY=ico-Wm3Rk8Tq2Vx7Lp4Zb9Nc1Hd6Fg0Js5Ua`, `api_key: "ico-Wm3Rk8Tq2Vx7Lp4Zb9Nc1Hd6Fg0Js5Ua"`},
		nex: []string{`favico-Wm3Rk8Tq2Vx7Lp4Zb9Nc1Hd6Fg0Js5Ua`, `ico-Wm3Rk8Tq2Vx7Lp4`, `/img/box.ico-{h:32}.png`, `ico-{h:32}`}},
	{id: "onfido-api-token", title: "Onfido API token", provider: "Onfido", sev: finding.High,
		// Onfido's API tokens: api_live or api_sandbox, an optional region (_us, _ca),
		// then an 11-character id and a 32-character secret, dot-separated
		re:  `api_(?:live|sandbox)(?:_[a-z]{2})?\.[A-Za-z0-9_\-]{11}\.[A-Za-z0-9_\-]{32}`,
		ex:  []string{`ONFIDO_TOKEN=api_live.Qm3Vx8Kq2Lr.Tz9Wp4Yb6Nc1Hd5Fg0Js2Ua8Ie3Ro7Tw`, `api_live_us.Qm3Vx8Kq2Lr.Tz9Wp4Yb6Nc1Hd5Fg0Js2Ua8Ie3Ro7Tw`},
		nex: []string{`api_live.Qm3Vx8Kq2Lr.Tz9Wp4Yb6Nc`, `api_live.endpoint`}},
	{id: "maven-master-password", title: "Maven master password (settings-security.xml)", provider: "Maven", sev: finding.High,
		// settings-security.xml's <master> holds the key that decrypts every password of
		// settings.xml. Its encrypted form {…} is encrypted with a constant that Maven
		// itself publishes, so it is as good as the plain one — when it is one: Plexus
		// cipher's text has a structure of its own (plexusCipherText), which a value
		// made up for a template or a test does not have.
		re: `<master>\s*(\{[A-Za-z0-9+/=\\]{16,200}\}|[^<{}\s][^<\s]{5,127})\s*</master>`, group: 1, lits: []string{"<master>"},
		bodyOK: mavenMasterOK,
		rem:    "Set a new master password (mvn --encrypt-master-password), re-encrypt the passwords of settings.xml with it, rotate those passwords, and keep settings-security.xml out of repositories and images.",
		ex: []string{"<settingsSecurity>\n  <master>{jpqUfRncDLoHLpQUnRBW5lbBowVWiES95dZm4FbSpY0=}</master>\n</settingsSecurity>", `<master>Kv7tR2wq9Lmz</master>`,
			`<master>{tw9HUGkH3vMH4Y53GZvmROUj+CkyLbvvYOMX70Rq2oAKZbrPyI1SFBSoqIbdRDCw}</master>`},
		nex: []string{`<master>${env.MAVEN_MASTER}</master>`, `<master>true</master>`, `<master>{}</master>`,
			`<master>{y6on0wH2lmQJzFhDmGrvgmSWRTsIHrxGJyI0KT+++Uk=}</master>`, `<master>{XyUSO3zDUaILUy5i7OXNatmXDxm5eVPjmWETjpjXuc4wLL29}</master>`}},
}

// distinctGroups: the dash-separated numbers of a token are not all one number.
func distinctGroups(tok []byte) bool {
	parts := bytes.Split(tok, []byte("-"))
	if len(parts) < 4 {
		return false
	}
	return !bytes.Equal(parts[1], parts[2]) || !bytes.Equal(parts[2], parts[3])
}

// notAfterDot rejects a token glued to a dot or slash before it: part of a file name
// or a path.
func notAfterDot(data []byte, at int) bool {
	return leftOK(data, at) && (at == 0 || data[at-1] != '.' && data[at-1] != '/')
}

// notHexDigest rejects a prefixed body of hexadecimal digits only: a digest.
func notHexDigest(tok []byte) bool {
	_, body, _ := bytes.Cut(tok, []byte("-"))
	for _, c := range body {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return !isPlaceholder(body)
		}
	}
	return false
}

func slackShortBody(b []byte) bool {
	_, body, _ := bytes.Cut(b, []byte("-"))
	if len(body) > 2 && body[1] == '-' {
		body = body[2:]
	}
	return classCount(body) >= 2 && entropy(body) >= 3 && !isPlaceholder(body)
}

// mavenMasterOK: the encrypted form always counts; a plain value must not be a
// placeholder or a setting ("true").
func mavenMasterOK(v []byte) bool {
	if v[0] == '{' {
		return plexusCipherText(v)
	}
	return !isPlaceholder(v)
}

// plexusCipherText reports a "{base64}" value that is what Plexus cipher (Maven's
// password encryption, AES-CBC with PKCS#5 padding) writes: an 8-byte salt, one byte
// giving the length of the random filler at the end, the cipher text in whole 16-byte
// blocks, then the filler, chosen so that the whole is whole blocks too. With a cipher
// text of whole blocks that length byte is always 7: every text Maven wrote passes,
// one random blob of whole blocks in 256 does, and one of another length never. A
// backslash escaping a brace in a string literal ("{…\\}") is passed over.
func plexusCipherText(v []byte) bool {
	if len(v) < 2 || v[0] != '{' || v[len(v)-1] != '}' {
		return false
	}
	in := bytes.ReplaceAll(v[1:len(v)-1], []byte{'\\'}, nil)
	raw, err := base64.StdEncoding.DecodeString(string(in))
	if err != nil {
		raw, err = base64.RawStdEncoding.DecodeString(string(in))
	}
	return err == nil && len(raw) >= 32 && len(raw)%16 == 0 && raw[8] == 7
}

// plexusEncrypted reports a password written as Maven's (Plexus cipher's) encrypted
// form, "{" base64 "}", which settings.xml keeps in <password> and <passphrase>: only
// the master password (a finding of its own) opens it.
func plexusEncrypted(v []byte) bool {
	if len(v) < 14 || v[0] != '{' || v[len(v)-1] != '}' {
		return false
	}
	in := bytes.TrimRight(v[1:len(v)-1], "=")
	if len(v)-2-len(in) > 2 {
		return false
	}
	for _, c := range in {
		if !is(c, cAlnum) && c != '+' && c != '/' {
			return false
		}
	}
	return true
}

// braceExpr reports a value that is one expression in single braces, as a format
// string (Python's f-strings, C#'s $"…", JavaScript's templates after the $) fills
// in: "{get_token()}", "{cfg.db.password}", "{secrets['db']}". braceName covers a
// bare name.
func braceExpr(low []byte) bool {
	if len(low) < 5 || len(low) > 96 || low[0] != '{' || low[len(low)-1] != '}' {
		return false
	}
	in := low[1 : len(low)-1]
	if !(in[0] == '_' || in[0] >= 'a' && in[0] <= 'z') {
		return false
	}
	id := run(in, 0, cWord|cDot, len(in))
	if id < 2 || id == len(in) || in[id] != '(' && in[id] != '[' {
		return false
	}
	open, close := in[id], byte(')')
	if open == '[' {
		close = ']'
	}
	if in[len(in)-1] != close {
		return false
	}
	for _, c := range in[id+1 : len(in)-1] {
		if !(is(c, cWord|cDot) || c == '\'' || c == '"' || c == ',' || c == ' ') {
			return false
		}
	}
	return true
}

// docKeyTail reports a key that ends in a marker word and "key", the way providers'
// documentation ends its example keys ("…EXAMPLEKEY"): "…TESTKEY", "…FAKEKEY". In a
// random token seven given letters at the end turn up about once in 10^12.
func docKeyTail(low []byte) bool {
	for _, t := range []string{"testkey", "fakekey", "demokey", "mockkey"} {
		if len(low) > len(t)+8 && bytes.HasSuffix(low, []byte(t)) {
			return true
		}
	}
	return false
}
