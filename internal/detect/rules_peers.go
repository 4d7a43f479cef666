package detect

import "github.com/leakwatch/leakwatch/internal/finding"

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
