package detect

import "testing"

// TestTreeRound5Classes: the classes of false positives found by triaging every non-test
// secret finding of /usr/share/man at 247270d (realtrees5.go). Each example text must
// yield no secret; each leak text, the same markup with only the signal the class reads
// changed, must still yield its rule and value: the test fails without the class and
// again if the class swallows the leak.
func TestTreeRound5Classes(t *testing.T) {
	const page = ".TH VAULTD 8\n.SH \"NAME\"\nvaultd \\- keep the keys\n"
	checkTreeClasses(t, []treeClassCase{
		{class: "a prose word after Passwort, hidden by the zero-width \\&",
			example: page + ".SH \"BESCHREIBUNG\"\n.PP\nNur wer das Passwort kennen\\&. Danach\n",
			leak:    page + ".SH \"BESCHREIBUNG\"\n.PP\nNur wer das Passwort Kq9z7Tm4\\&. Danach\n",
			rule:    "password-assignment", value: `Kq9z7Tm4\&`},
		{class: "a prose word spelled with an accent escape",
			example: page + ".SH \"DESCRIPTION\"\n.PP\nle mot de passe verrouill\\('e ne change pas\n",
			leak:    page + ".SH \"DESCRIPTION\"\n.PP\nle mot de passe v3rr0u1ll\\('e ne change pas\n",
			rule:    "password-assignment", value: `v3rr0u1ll\('e`},
		{class: "a placeholder word in a font change",
			example: page + ".SH \"OPTIONS\"\n.nf\n\\fBvaultd proxyauth=user:pass\\fP\n.fi\n",
			leak:    page + ".SH \"OPTIONS\"\n.nf\n\\fBvaultd proxyauth=user:Wq7zR2kx\\fP\n.fi\n",
			rule:    "password-assignment", value: `Wq7zR2kx\fP`},
		{class: "a netrc entry whose documentation host is split by \\&",
			example: page + ".SH \"FILES\"\n.nf\nmachine example\\&.org login apt password debian\n.fi\n",
			leak:    page + ".SH \"FILES\"\n.nf\nmachine mirror\\&.heronworks\\&.io login apt password debian\n.fi\n",
			rule:    "netrc-password", value: "debian"},
		{class: "a URL whose documentation host is split by \\&",
			example: page + ".SH \"FILES\"\n.nf\ndeb https://apt:debian@example\\&.org/debian bookworm main\n.fi\n",
			leak:    page + ".SH \"FILES\"\n.nf\ndeb https://apt:debian@mirror\\&.heronworks\\&.io/debian bookworm main\n.fi\n",
			rule:    "url-credentials", value: "debian"},
		{class: "a secret in a page's EXAMPLES section",
			example: page + ".SH \"EXAMPLES\"\n.nf\n  vaultd create \\-\\-username=ops \\-\\-password=\"Kq9zT7mW\"\n.fi\n",
			leak:    page + ".SH \"CONFIGURATION\"\n.nf\n  vaultd create \\-\\-username=ops \\-\\-password=\"Kq9zT7mW\"\n.fi\n",
			rule:    "password-assignment", value: "Kq9zT7mW"},
		{class: "a secret in a page's translated examples section",
			example: page + ".SH \"BEISPIEL\"\n.nf\nmachine mirror\\&.heronworks\\&.io login apt password Kq9zT7mW\n.fi\n",
			leak:    page + ".SH \"DATEIEN\"\n.nf\nmachine mirror\\&.heronworks\\&.io login apt password Kq9zT7mW\n.fi\n",
			rule:    "netrc-password", value: "Kq9zT7mW"},
		{class: "a display introduced as an example",
			example: page + ".SH \"OPTIONS\"\nFor example, a proxy line of:\n.Bd -literal -offset indent\nvaultd proxyauth=ops:Wq7zR2kx\n.Ed\n",
			leak:    page + ".SH \"OPTIONS\"\nThe proxy line this site uses:\n.Bd -literal -offset indent\nvaultd proxyauth=ops:Wq7zR2kx\n.Ed\n",
			rule:    "password-assignment", value: "Wq7zR2kx"},
		{class: "a credential display whose host line names a documentation host",
			example: page + ".SH \"USAGE\"\n.nf\nprotocol=https\nhost=example\\&.com\nusername=bob\npassword=Wq7zR2kx\n.fi\n",
			leak:    page + ".SH \"USAGE\"\n.nf\nprotocol=https\nhost=git\\&.heronworks\\&.io\nusername=bob\npassword=Wq7zR2kx\n.fi\n",
			rule:    "password-assignment", value: "Wq7zR2kx"},
		{class: "a system file's path after the word for password",
			example: page + ".SH \"KISITLAMALAR\"\nŞayet parolalar /etc/passwd dosyası içinde saklanıyorsa\n",
			leak:    page + ".SH \"KISITLAMALAR\"\nŞayet parolalar /etc/Pq7zR2kx dosyası içinde saklanıyorsa\n",
			rule:    "password-assignment", value: "/etc/Pq7zR2kx"},
		{class: "a URL synopsis with the credentials in optional brackets",
			example: "It is in the standard form of ftp://[[ops][:Kq9zT7m]@]ftp.heronworks.io[:21]/ here.\n",
			leak:    "It is in the standard form of ftp://ops:Kq9zT7m]@ftp.heronworks.io:21/ here.\n",
			rule:    "ftp-url-credentials", value: "Kq9zT7m]"},
		{class: "a URL template whose port is a word",
			example: "das Format \\fIhttp://Benutzer:Kennwort7@Server:Port/\\fR hat\n",
			leak:    "das Format \\fIhttp://Benutzer:Kennwort7@proxy.heronworks.io:3128/\\fR hat\n",
			rule:    "url-credentials", value: "Kennwort7"},
		{class: "a named IPv6 address after a token key",
			example: "[IPv6AcceptRA]\nToken=static:::1a:2b:3c:4d\nToken=prefixstable:2002:da8:1::\n",
			leak:    "[IPv6AcceptRA]\nToken=static:Zk3J9x2Lm8Qp4Zr7Tv1Wy6\n",
			rule:    "generic-api-key", value: "static:Zk3J9x2Lm8Qp4Zr7Tv1Wy6"},
	})
}
