package detect

import "testing"

// A setter call's key argument names its setting by a whole credential word; a key
// that merely ends in a password's short abbreviation glued to other letters
// (CLDR's time-zone id "wsapw") is some other name.
func TestSetterKeyWholeWord(t *testing.T) {
	held5Want(t, []held5Case{
		{"set('PasswordEncrypted', 'Kestrel#4412')", "password-assignment", "Kestrel#4412"},
		{`config.set('database', 'password', 'Kestrel#4412')`, "password-assignment", "Kestrel#4412"},
		{`System.setProperty("db.password", "Kestrel#4412");`, "password-assignment", "Kestrel#4412"},
		{`props.put("mail.smtp.password", "Kestrel#4412");`, "password-assignment", "Kestrel#4412"},
		{`props.put("db.pwd", "Kestrel#4412");`, "password-assignment", "Kestrel#4412"},
		{`m.Set("admin_pw", "Kestrel#4412")`, "password-assignment", "Kestrel#4412"},
		{`m.Set("apiToken", "q7Zt2mWv9RkX4pLc8NbY3sHd6JfA1gUe")`, "generic-api-key", "q7Zt2mWv9RkX4pLc8NbY3sHd6JfA1gUe"},
	})
	h11Quiet(t, []string{
		`tzCanonicalIDMap.put("wsapw", "Pacific/Apia");`,
		`tzCanonicalIDMap.put("wsapw", "Kestrel#4412");`,
		`m.Set("rootpwd", "Kestrel#4412")`,
		`config.set('ldap', 'bindpw', 'Kestrel#4412')`,
	})
}
