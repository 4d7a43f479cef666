package detect

import "testing"

// Hex of 16 to 31 digits under a key's or a secret's name is a key (the entropy floor
// refused two in five of them: these repeat digits by chance), but not as a row of a
// table of such values keyed by names, where a name that says key or credential names
// a row.
func TestGates40HexKey(t *testing.T) {
	held5Want(t, []held5Case{
		{"signing_key=a38a43d1aa749599\n", "generic-api-key", "a38a43d1aa749599"},
		{`encryption_key: "931090835500B6AD"` + "\n", "generic-api-key", "931090835500B6AD"},
		{"SESSION_SECRET=e7ec39ff7f49febd\nDEBUG=false\n", "generic-api-key", "e7ec39ff7f49febd"},
	})
	h11Quiet(t, []string{
		"{\n  \"Acme::Queue::Policy\": \"c459061555d582ca\",\n  \"Acme::Queue::Topic\": \"74a6a44f8e468b36\",\n" +
			"  \"Acme::Vault::AccessKey\": \"acae05d0352e2315\",\n  \"Acme::Vault::Secret\": \"131de8ab31c81340\",\n" +
			"  \"Acme::Web::Site\": \"61b3215bab36cbd4\"\n}\n",
		"api_key_id=a38a43d1aa749599\n",
		"signing_key=aaaa43d1aa749599\n",
	})
}

// An application's bare SALT in capitals signs and derives like a key; a lower-case
// salt beside a user's record is a stored hash's.
func TestGates40AppSalt(t *testing.T) {
	held5Want(t, []held5Case{
		{"SALT=Rq8vTn3LwZ6pKd2XmB9fHs4yJc7GtA1e\n", "generic-api-key", "Rq8vTn3LwZ6pKd2XmB9fHs4yJc7GtA1e"},
	})
	h11Quiet(t, []string{`{"login": "ann", "salt": "Rq8vTn3LwZ6pKd2XmB9fHs4yJc7GtA1e"}`})
}

// One bracket inside a generated value that is its line's whole value opens no call
// or index; code's bracket has a name before it and its pair.
func TestGates40StrayBracket(t *testing.T) {
	held5Want(t, []held5Case{
		{"api_secret=Vd7KqL2x@Wm9PzR-(Tb4-NcY6hJ3sF\n", "generic-api-key", "Vd7KqL2x@Wm9PzR-(Tb4-NcY6hJ3sF"},
		{"SECRET=Hq5Zr8WnK2p)Lx7TcV4mY9d\n", "generic-api-key", "Hq5Zr8WnK2p)Lx7TcV4mY9d"},
	})
	h11Quiet(t, []string{"secret = derive(Vd7KqL2xWm9PzRTb4NcY6hJ3sF, 4)\n"})
}

// Two generated runs joined by one dot, a line's whole value, are no member of an
// object; "pkg.Name" and "cfg.Secret" are.
func TestGates40DottedRandom(t *testing.T) {
	held5Want(t, []held5Case{
		{"password: RxPqWm7ZtKv.NbLcYhGsDfq\n", "password-assignment", "RxPqWm7ZtKv.NbLcYhGsDfq"},
	})
	h11Quiet(t, []string{"token = auth.Bearer\n", "secret = conf.Signing\n"})
}

// One ',', quote or backtick inside a quoted generated run is part of it.
func TestGates40LoneSymbol(t *testing.T) {
	held5Want(t, []held5Case{
		{`{"SECRET": "Pw4nZ8rKtQ2,Lx9VmC3hY7d"}`, "generic-api-key", "Pw4nZ8rKtQ2,Lx9VmC3hY7d"},
		{"client_secret: \"Gt6mW2qXr9`Bn4KpZ7vLc3\"\n", "generic-api-key", "Gt6mW2qXr9`Bn4KpZ7vLc3"},
	})
	h11Quiet(t, []string{`{"SECRET": "HRKU-Bz8Qwn_TK3pLvXe9Rm;fq2ZsW7uGYx4NdA_hC5Jt"}`})
}

// '^' before a generated run is the password's first symbol, not a version range.
func TestGates40CaretLead(t *testing.T) {
	held5Want(t, []held5Case{
		{"app.db.password=^4kR7wQzN2vLp9XmTc6Hb\n", "password-assignment", "^4kR7wQzN2vLp9XmTc6Hb"},
	})
	h11Quiet(t, []string{`"password-checker": "^2.4.1"`})
}

// A JVM system property in capitals: "-D" is the flag, not part of the name.
func TestGates40JVMUpper(t *testing.T) {
	held5Want(t, []held5Case{
		{"java -DPWD=Vr8nQk3LzW -jar svc.jar\n", "password-assignment", "Vr8nQk3LzW"},
	})
}

// "password = value" under an INI section's header is a setting, not code's
// assignment of one variable to another.
func TestGates40INISection(t *testing.T) {
	held5Want(t, []held5Case{
		{"[mysql]\nhost = db1\npassword = KWmaTr38xq\n", "password-assignment", "KWmaTr38xq"},
	})
	h11Quiet(t, []string{"[mysql]\npassword = dbPass2\n"})
}

// Under a password's name a stand-in word, a size, a port or a duration, a version and
// a relative path are no password.
func TestGates40NotLiteralPassword(t *testing.T) {
	h11Quiet(t, []string{
		"password: testing\n", `{"password": "TODO"}`, "DB_PASSWORD=2048\n", "<password>5432</password>",
		"ADMIN_PASSWORD: 604800\n", `password="v3.1.0-beta2"`, "password: ../conf/db.pass\n",
	})
}

// Under a password's name code is no literal password: a call, a subscript, a chain of
// members, quoted where a template or a test writes the expression.
func TestGates40CodeExpression(t *testing.T) {
	h11Quiet(t, []string{
		`password = "fetch_password()"`, `{"DB_PASSWORD": "flask.request.form['pw']"}`,
		"spec:\n  password: \"secrets.get('db')\"\n", `password: "ENV.fetch('DB_PASS')"`,
		`db_password: "params[:db_password]"`, `db_password: 'settings.secret'`,
		`password: "self.conf.database.secret"`,
	})
	held5Want(t, []held5Case{
		{`password: "kiwi7.Orchard"`, "password-assignment", "kiwi7.Orchard"},
		{`password: "Blue.Harbor.42"`, "password-assignment", "Blue.Harbor.42"},
		{`password: "Wt6nV[Xq]2"`, "password-assignment", "Wt6nV[Xq]2"},
		{`password: "lantern.quarry"`, "password-assignment", "lantern.quarry"},
		{"db_password = 'tundra.walrus5'\n", "password-assignment", "tundra.walrus5"},
	})
}
