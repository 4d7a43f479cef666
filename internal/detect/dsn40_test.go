package detect

import "testing"

// A password that is a field of a keyword=value list (ODBC, ADO.NET, JDBC and libpq
// connection strings; a URL's query) after the list's user field: the value is that
// user's password whatever its letters, never a program's name or member.
func TestConnListUserPasswordField(t *testing.T) {
	held5Want(t, []held5Case{
		{`Source = Odbc.DataSource("Driver={MySQL ODBC 8.0};Server=db1.corp.example;Uid=reports;Pwd=walrus.Lantern;", []),`, "password-assignment", "walrus.Lantern"},
		{`<add name="Main" connectionString="Data Source=sql7.internal;Initial Catalog=Ledger;User Id=svc_ledger;Password=copper-Finch;Encrypt=true" />`, "password-assignment", "copper-Finch"},
		{`  <pool url="jdbc:sqlserver://mssql.internal:1433;databaseName=Orders;user=orders_app;password=tundra.Heron" />`, "password-assignment", "tundra.Heron"},
		{`db.url = "jdbc:mysql://my.internal:3306/crm?user=crm&password=Basalt-Quiver-Onyx&useSSL=true"`, "password-assignment", "Basalt-Quiver-Onyx"},
	})
	held5Quiet(t, []string{
		"conn = connect(user=self.user, password=self.password)\n", // keyword arguments: code
		"params = \"uid=\" + user + \";pwd=\" + cfg.pw + \";\"\n",  // a string built in code
		"password=settings.dbpass;\n",                              // a statement, no user field
		"Server=db;Database=x;Password=cfg.Secret;\n",              // no user field before it
	}, "password-assignment")
}

// The logon command of Teradata's BTEQ and load utilities, ".LOGON [tdpid/]user,password":
// no key names the password, the command's grammar places it after the user and ','.
func TestTeradataLogonPassword(t *testing.T) {
	held5Want(t, []held5Case{
		{".LOGON tdprod/etl_batch,harbor.Finch;\n", "password-assignment", "harbor.Finch"},
		{".logon dwh01.corp.example/loader,K8wq-Zt3mXv\n", "password-assignment", "K8wq-Zt3mXv"},
		{"LOGON tdpid/ml_user,quokka77Ridge,'acct$1';\n", "password-assignment", "quokka77Ridge"},
	})
	held5Quiet(t, []string{
		".LOGON tdprod/etl_batch\n",               // the password asked for at the prompt
		".LOGON tdprod/etl_batch,$TD_PASSWORD;\n", // a variable's reference
		"  logon user, password;\n",               // prose naming the parts
		"call x.logon this,that\n",                // code
	}, "password-assignment")
}

// After a login word, "user / words-joined-with-a-number": the pair's second part is the
// password though it is no random string.
func TestLoginPairJoinedNumberedWords(t *testing.T) {
	held5Want(t, []held5Case{
		{"# portal login for crew scheduling: crewsched / uppsala-valletta8Z\n", "password-assignment", "uppsala-valletta8Z"},
		{"  ; login ops_ledger / quarry_lantern42\n", "password-assignment", "quarry_lantern42"},
	})
	held5Quiet(t, []string{
		"login admin / my-project\n", // no number
		"login user / group-id2-x\n", // mixed joins
	}, "password-assignment")
}

// A key with a password's abbreviation glued to an owner ("smtppwd", "HS_ADMPWD"): "pwd"
// glued makes no English compound, unlike "pass" (bypass, compass), so its value need
// only have a digit or a symbol; under a glued "pass" ("ROOFPASS") a value of letters
// with a number inside them and both cases is a password, not a compound's word.
func TestGluedKeyShortValue(t *testing.T) {
	held5Want(t, []held5Case{
		{"HS_ADMPWD=tk4vQe\n", "password-assignment", "tk4vQe"},
		{`<mailer smtpserver="mx.example.net" smtpuser="alerts" smtppwd="heron-basalt7" />`, "password-assignment", "heron-basalt7"},
		{"DOMEPASS= 'Quarry4471MidRk'   / dome controller\n", "password-assignment", "Quarry4471MidRk"},
		{"gatepass: tundra_ferry42\n", "password-assignment", "tundra_ferry42"},
	})
	held5Quiet(t, []string{
		"OLDPWD=/home/builder\n",     // the shell's previous directory
		"bypass: sha256Sum\n",        // a digest's name
		"compass: heading360\n",      // a reading, not a password
		"renderpass: gbuffer2Pass\n", // a graphics pass
		"fs-minipass: npm:^3.0.0\n",  // a dependency
	}, "password-assignment")
}
