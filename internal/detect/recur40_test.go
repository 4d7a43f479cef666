package detect

import "testing"

// Misses that recur across independently written tuning splits (issue 11, stop 40).

// A password of dotted words with a number glued to the last word, set on a line of its
// own in a file whose name gives no format, or as a URL's query parameter: the setting's
// value, not a member of a package or object.
func TestRecurDottedNumberedPassword(t *testing.T) {
	held5Want(t, []held5Case{
		{"user=orders\npassword=marlin.oporto42\nlanguage=sql\n", "password-assignment", "marlin.oporto42"},
		{"# hive client\nhive.metastore.password=lisbon.tagus7Qk\n", "password-assignment", "lisbon.tagus7Qk"},
		{"repository hackage\nusername: drover\npassword: cedar.olinda55\n", "password-assignment", "cedar.olinda55"},
		{"  - warehouse_password=tallinn.narva204Zp\n", "password-assignment", "tallinn.narva204Zp"},
		{"<url>rtmp://relay.example.org/live?user=cam&amp;passphrase=brasov.sibiu31Xy</url>", "password-assignment", "brasov.sibiu31Xy"},
	})
	held5Quiet(t, []string{
		"password = settings.admin2\n",          // spaced: an assignment in code
		"x = \"a\" + password=item.attr2\n",     // a string built in code
		"pwd=cfg.secret1;\n",                    // a statement's end
		"    client(password=self.admin_pw2,\n", // a keyword argument
		"password=crypto.sha256\n",              // a digest's name
		"password: Config.Pass1\n",              // capitalised: a type's member
		"db_password=dbconf.pw2\n",              // a word of two letters
	}, "password-assignment")
}

// The same dotted, numbered password in running text after the word for it: the
// phrase reader took a dotted value for a package's member.
func TestRecurDottedNumberedPasswordProse(t *testing.T) {
	held5Want(t, []held5Case{
		{`{"description": "Nuk mund të hyj, fjalëkalimi është tirana.vlora58"}`, "password-in-prose", "tirana.vlora58"},
		{"<!-- old sa password was manta.quito33, rotated -->", "password-in-prose", "manta.quito33"},
		{`{"body": "La contraseña de la wifi de la oficina es merida.lagos41"}`, "password-in-prose", "merida.lagos41"},
	})
	held5Quiet(t, []string{
		"the password is hashed with hashlib.sha256 before storage",
		"pass config.Pass2 to the handler",
		"the password field is user.pw1",
	}, "password-in-prose")
}
