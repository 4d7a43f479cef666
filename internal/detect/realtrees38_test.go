package detect

import (
	"strings"
	"testing"
)

// TestTreeRound38Classes: each example text must yield no secret; each leak text, the
// same text with only the signal the class reads changed, must still yield its rule
// and value.
func TestTreeRound38Classes(t *testing.T) {
	cmp := func(name, op string) string {
		return "def apply(self):\n    if self.want." + name + " " + op + " 'Zq7vRt2mWx9k':\n        self.update()\n"
	}
	sub := func(name string) string {
		return "if module.params['" + name + "'] == \"Zq7vRt2mWx9k\":\n    pass\n"
	}
	checkNamedTreeClasses(t, "user.py", []treeClassCase{
		{class: "a mode compared with an operation on a password", example: cmp("update_password", "=="), leak: cmp("db_password", "=="),
			rule: "password-assignment", value: "Zq7vRt2mWx9k"},
		{class: "the same with !=", example: cmp("change_pass", "!="), leak: cmp("admin_pass", "!="),
			rule: "password-assignment", value: "Zq7vRt2mWx9k"},
		{class: "a quoted subscript compared", example: sub("update_password"), leak: sub("host_password"),
			rule: "password-assignment", value: "Zq7vRt2mWx9k"},
	})
	list := func(v string) string {
		return "module = AnsibleModule(\n    required_together=[\n        ('api_password', '" + v + "'),\n    ],\n)\n"
	}
	checkNamedTreeClasses(t, "mod.py", []treeClassCase{
		{class: "a sibling parameter's name after a password's", example: list("api_token_id"), leak: list("api_Zq7vRt2mWx9k"),
			rule: "password-assignment", value: "api_Zq7vRt2mWx9k"},
	})
	expr := func(v string) string { return "    community = " + v + "\"community\"]\n" }
	checkNamedTreeClasses(t, "snmp.py", []treeClassCase{
		{class: "a subscript cut at its quote", example: expr("module.params["), leak: expr("Zq7vRt2mWx9k["),
			rule: "password-assignment", value: "Zq7vRt2mWx9k["},
	})
	rdoc := func(marker string) string {
		return "    # == Usage\n    #\n    #   uri = URI.parse(\"http://john:Zq7vRt2mWx9k@my.example.com\")\n    #   uri.user = \"sam\"\n    #   uri.to_s  " + marker + " \"http://sam@my.example.com\"\n    #\n    def user=(user)\n"
	}
	jsdoc := func(marker string) string {
		return "/**\n * Connects.\n *\n * " + marker + "\n * connect('postgres://app:Zq7vRt2mWx9k@db.example.com/app');\n */\nfunction connect(url) {}\n"
	}
	checkNamedTreeClasses(t, "generic.rb", []treeClassCase{
		{class: "an RDoc example with its results", example: rdoc("#=>"), leak: rdoc("# gives"),
			rule: "url-credentials", value: "Zq7vRt2mWx9k"},
		{class: "the spaced marker", example: rdoc("# =>"), leak: rdoc("# ->"),
			rule: "url-credentials", value: "Zq7vRt2mWx9k"},
	})
	checkNamedTreeClasses(t, "db.js", []treeClassCase{
		{class: "a JSDoc @example", example: jsdoc("@example"), leak: jsdoc("@since 1.2"),
			rule: "postgres-connection-string", value: "Zq7vRt2mWx9k"},
	})
	// a commented-out setting in a block without a marker still counts, and so does a
	// code line after an example block
	for _, s := range []string{
		"# settings\n# password = \"Zq7vRt2mWx9k\"\n# user = admin\n",
		"# x.to_s #=> \"y\"\n\npassword = \"Zq7vRt2mWx9k\"\n",
		"#curl -u 'api:Zq7vRt2mWx9k' https://api.example.net \\\n#  -F to='joe@example.com'\n",
	} {
		if !hasMatch(scanText(Default(), "app.rb", s), "password-assignment", "Zq7vRt2mWx9k") {
			t.Errorf("%q: the password was dropped", s)
		}
	}
	pod := func(cmd string) string {
		return "package Mojo::URL;\nuse Mojo::Base -base;\n1;\n\n" + cmd + "\n\n  # \"sri:Zq7vRt2mWx9k\"\n  Mojo::URL->new('https://sri:Zq7vRt2mWx9k@example.com/foo')->userinfo;\n\n=cut\n"
	}
	checkNamedTreeClasses(t, "URL.pm", []treeClassCase{
		{class: "a POD verbatim paragraph", example: pod("=head2 userinfo"), leak: pod("# head2 userinfo"),
			rule: "url-credentials", value: "Zq7vRt2mWx9k"},
	})
	roff := func(open, close string) string {
		return ".SS \"userinfo\"\n.PP\n" + open + "\n\\&  Mojo::URL\\->new(\\*(Aqhttps://sri:Zq7vRt2mWx9k@example.com/foo\\*(Aq)\\->userinfo;\n" + close + "\n.SH \"METHODS\"\n"
	}
	checkNamedTreeClasses(t, "Mojo::URL.3pm", []treeClassCase{
		{class: "pod2man's verbatim block", example: roff(".Vb 2", ".Ve"), leak: roff(".PP", ".PP"),
			rule: "url-credentials", value: "Zq7vRt2mWx9k"},
		{class: "the man macros' example block", example: roff(".EX", ".EE"), leak: roff(".Ve", ".EE"),
			rule: "url-credentials", value: "Zq7vRt2mWx9k"},
	})
	// code after =cut, and a POD paragraph that is not indented, still count
	for _, s := range []string{
		"=head1 NAME\n\nx\n\n=cut\n\n  my $url = 'https://sri:Zq7vRt2mWx9k@example.com/foo';\n",
		"=head1 NAME\n\nThe URL https://sri:Zq7vRt2mWx9k@example.com/foo is ours.\n",
		// a long unwrapped paragraph: a blank 256 bytes back is no indent
		"=head1 NAME\n\n" + strings.Repeat("Connects to the store. ", 14) + "Also the URL https://sri:Zq7vRt2mWx9k@example.com/foo is ours.\n",
	} {
		if !hasMatch(scanText(Default(), "x.pm", s), "url-credentials", "Zq7vRt2mWx9k") {
			t.Errorf("%q: the password was dropped", s)
		}
	}
	// Ruby's block comment closes with a bare "=end": the indented code after it is no
	// POD verbatim paragraph
	ruby := "=begin\nNotes.\n=end\nclass Store\n  def url\n    'https://sri:Zq7vRt2mWx9k@example.com/foo'\n  end\nend\n"
	if !hasMatch(scanText(Default(), "store.rb", ruby), "url-credentials", "Zq7vRt2mWx9k") {
		t.Errorf("%q: the password was dropped", ruby)
	}
	po := func(src string) string {
		return "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\n#: views/debug.py:12\nmsgid \"" + src + "\"\nmsgstr \"Для пароля встановіть DEBUG=Zq7vRt2mWx9k.\"\n"
	}
	checkNamedTreeClasses(t, "django.po", []treeClassCase{
		{class: "a msgstr that copies its msgid's setting", example: po("Set the password with DEBUG=Zq7vRt2mWx9k."), leak: po("Set the password with DEBUG."),
			rule: "password-in-prose", value: "DEBUG=Zq7vRt2mWx9k."},
	})
	xlf := func(src string) string {
		return "<trans-unit id=\"60\">\n  <source>" + src + "</source>\n  <target>Αυτό δεν είναι έγκυρος κωδικός Zq7vRt2mWx9k.</target>\n</trans-unit>\n"
	}
	checkNamedTreeClasses(t, "validators.el.xlf", []treeClassCase{
		{class: "an XLIFF target that copies its source's word", example: xlf("This is not a valid Zq7vRt2mWx9k."), leak: xlf("This is not a valid code."),
			rule: "password-assignment", value: "Zq7vRt2mWx9k."},
	})
	oauth := func(pw string) string { return "    url = \"https://ghbot:" + pw + "@git.example.com/org/repo.git\"\n" }
	checkNamedTreeClasses(t, "remote.rb", []treeClassCase{
		{class: "GitHub's fixed token password", example: oauth("x-oauth-basic"), leak: oauth("x-oauth-bas1c"),
			rule: "url-credentials", value: "x-oauth-bas1c"},
	})
}

// TestTreeRound38Shapes pins the readers.
func TestTreeRound38Shapes(t *testing.T) {
	for l, want := range map[string]byte{
		"=head1 NAME": 'P', "=item": 'P', "=cut": 'C', "=cut\n": 'C', "=end": 'C', "=end\r\n": 'C', "=end html": 'P', ".Vb 2": 'V', ".EX": 'V', ".Ve": 'E', ".EE\n": 'E',
		"=x": 0, "=Head1": 0, "=======": 0, "=head1:": 0, ".Vbx": 0, ".SH": 0, "==": 0,
	} {
		if got := directiveKind([]byte(l)); got != want {
			t.Errorf("directiveKind(%q) = %q, want %q", l, got, want)
		}
	}
	for line, want := range map[string]bool{
		" * @example": true, "# @example see below": true, "  -F to='joe@example.com'": false, "@examples": false,
		"x@example": false, "// @example.": false,
	} {
		if got := exampleTag([]byte(line)); got != want {
			t.Errorf("exampleTag(%q) = %v, want %v", line, got, want)
		}
	}
	for v, want := range map[string]bool{
		"module.params[": true, "self.conn.get(": true, "a.b[": true, "module.params": false, "params[": false,
		"x.9y[": false, "S3cr.et[1": false, "p@ss.w[": false,
	} {
		if got := openExpr(v); got != want {
			t.Errorf("openExpr(%q) = %v, want %v", v, got, want)
		}
	}
	for kv, want := range map[[2]string]bool{
		{"api_password", "api_token_id"}: true, {"auth_passphrase", "auth_protocol"}: true, {"fmgr_ha_cluster_pw", "fmgr_ha_cluster_id"}: true,
		{"api_password", "api_password"}: false, {"api_password", "web_user"}: false, {"password", "password_confirm"}: false,
		{"api_password", "api_Secret1"}: false, {"api_password", "api_"}: false, {"db_password", "db_secret"}: false,
	} {
		if got := siblingOf(kv[0], kv[1]); got != want {
			t.Errorf("siblingOf(%q, %q) = %v, want %v", kv[0], kv[1], got, want)
		}
	}
	for s, want := range map[string]bool{
		"if update_password == 'x'": true, "if update_password === 'x'": true, "if update_password !== 'x'": true,
		"update_password = 'x'": false, "if password == 'x'": false, "if update_password <= 'x'": false,
	} {
		at := len(s) - 2
		if got := actionCompare([]byte(s), at); got != want {
			t.Errorf("actionCompare(%q) = %v, want %v", s, got, want)
		}
	}
}
