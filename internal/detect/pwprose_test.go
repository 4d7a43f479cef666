package detect

import "testing"

// and a short word reads as the value when it is a typed password.
func TestUnknownCopula(t *testing.T) {
	held5Want(t, []held5Case{
		{"La pasvorto de la retpoŝto estas Maple*73", "password-in-prose", "Maple*73"},
		{"Ang password ng router ay Harbor88!", "password-in-prose", "Harbor88!"},
		{`"body": "<p>La pasvorto estas Quill07&amp;vale*</p>"`, "password-in-prose", "Quill07&amp;vale*"},
		// Sindhi spells Urdu's loanword with its own letter
		{"سرور جو پاسورڊ آهي Wq8KZp96Lom", "password-in-prose", "Wq8KZp96Lom"},
	})
	held5Quiet(t, []string{
		"the password for the server is stored in Vault2024",
		"Set the password with the tool in Build2024 and more",
		"password hashing uses bcrypt12 by default",
		"La pasvorto estas Qz8IZ&gt;96IOM\\\\051</p>",
		// English's verb, and a quoted value that does not end its line
		`"When \"false\" or not set, kubelet will pass the tokens in VolumeContext with the key \"csi.storage.k8s.io/serviceAccount.tokens\" (existing behavior). This maintains backward compatibility with existing drivers and their readers for now; a later release changes the default and removes the field from the API types."`,
	}, "password-in-prose")
}

// A token that ends its clause may hold the signs code also uses.
func TestClauseEndToken(t *testing.T) {
	held5Want(t, []held5Case{
		{`2026-01-02,x,"I could not log in with my password Brqlmte;0417 — please reset it"`, "password-in-prose", "Brqlmte;0417"},
		{`2026-01-02,x,"I could not log in with my password Vqopzke<3818 — please"`, "password-in-prose", "Vqopzke<3818"},
	})
	held5Quiet(t, []string{
		"the password is getPassword();",
		"reset the password in cfg[Key1] — see docs",
		"password <Secret123> — placeholder",
	}, "password-in-prose")
}

// that joins a record's lines ends the line.
func TestNumberedPassphraseLineRest(t *testing.T) {
	held5Want(t, []held5Case{
		{"<p>La pasvorto de la servilo estas mosel tarn 31</p>", "password-in-prose", "mosel tarn 31"},
		{"þRE: accessþHi,®the new VPN password is elbe rhone 64®please don't forwardþ", "password-in-prose", "elbe rhone 64"},
		{`"body": "<p>Sandhi server-e yaiku Brugge#48</p>"`, "password-in-prose", "Brugge#48"},
	})
	held5Quiet(t, []string{
		"The password is valid for 30",
		"Passwort: noch nicht gesetzt 12",
		"the password expires after 90",
		"PASS: numeric section flags\nPASS: mbind sections 12\nPASS: array sections\n",
	}, "password-in-prose")
}
