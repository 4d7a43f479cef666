package detect

import "testing"

// Documented command-line signatures whose password has no password word beside it:
// the tool and the argument's position (or an option that does not name a password)
// are its name. Strings written for the test.
func TestCLIArgsPositional(t *testing.T) {
	held5Want(t, []held5Case{
		{"mkstore -wrl /srv/wallet -createCredential FINDB rpt_user Gorse#41Lynx", "password-assignment", "Gorse#41Lynx"},
		{"createUser -e 0x8000000001 nmsuser SHA-256 \"Quill7!Marsh\" AES \"Brine3^Fjord\"", "password-assignment", "Quill7!Marsh"},
		{"createUser -e 0x8000000001 nmsuser SHA-256 \"Quill7!Marsh\" AES \"Brine3^Fjord\"", "password-assignment", "Brine3^Fjord"},
		{"sudo rabbitmqctl add_user telemetry Plover%83Dune", "password-assignment", "Plover%83Dune"},
		{"net user backupsvc Heath&27Tarn /add /y", "password-assignment", "Heath&27Tarn"},
		{"wpa_passphrase \"Lab WiFi\" Sedge*55Weir", "password-assignment", "Sedge*55Weir"},
		{"cf auth deployer Alder@62Scree", "password-assignment", "Alder@62Scree"},
	})
	h11Quiet(t, []string{
		"mkstore -wrl /srv/wallet -createCredential FINDB rpt_user",      // prompts
		"createUser nmsuser SHA \"<authpass>\" AES \"<privpass>\"",       // stand-ins
		"rabbitmqctl add_user telemetry \"$RABBIT_PASS\"",                // a variable
		"net user backupsvc * /add",                                      // prompts
		"docker run -p 8443:443 login",                                   // not "docker login"
		"# see createUser in snmpd.conf(5): createUser u SHA pass01 AES", // not a directive
	})
}

// Options whose value is a password although their name does not say so.
func TestCLIArgsFlags(t *testing.T) {
	held5Want(t, []held5Case{
		{`ldapsearch -x -D "cn=reader,dc=corp" -w Fen7!Rushes -b dc=corp`, "password-assignment", "Fen7!Rushes"},
		{"snmpget -v3 -l authPriv -u nms -a SHA -A Cairn4$Ghyll -x AES -X Moor9&Beck 10.9.8.7 sysName.0", "password-assignment", "Cairn4$Ghyll"},
		{"snmpget -v3 -l authPriv -u nms -a SHA -A Cairn4$Ghyll -x AES -X Moor9&Beck 10.9.8.7 sysName.0", "password-assignment", "Moor9&Beck"},
		{"plink -batch -pw Holm2*Skerry ops@10.1.2.3 uptime", "password-assignment", "Holm2*Skerry"},
		{"xfreerdp /v:ts01 /u:CORP\\ops /p:Tor5#Clough /cert:ignore", "password-assignment", "Tor5#Clough"},
		{"7z x -pVoe8%Carr archive.7z", "password-assignment", "Voe8%Carr"},
		{"db2 connect to WHDB user db2rpt using Lough6@Drum", "password-assignment", "Lough6@Drum"},
		{"lftp -u mirror,Scar3!Nab sftp://files.corp", "password-assignment", "Scar3!Nab"},
		{"keytool -list -keystore app.jks -storepass Gill4^Force", "password-assignment", "Gill4^Force"},
		{"openssl pkcs12 -in a.p12 -nodes -passin pass:Rigg7*Hause", "password-assignment", "Rigg7*Hause"},
	})
	h11Quiet(t, []string{
		"ldapsearch -x -w secret -b dc=corp",   // a sample word
		"ldapsearch -x -W -b dc=corp",          // prompts
		"snmpget -v3 -A $AUTH -X $PRIV host",   // variables
		"plink -pw <password> host",            // stand-in
		"7z a -p archive.7z dir",               // prompts
		"openssl rsa -passin env:KEY_PASS",     // from the environment
		"the option -w of ldapsearch is a bug", // prose: -w is not the tool's
	})
}

// strongSwan's ipsec.secrets: the secret's type after the selectors' colon.
func TestCLIArgsIPsecSecrets(t *testing.T) {
	held5Want(t, []held5Case{
		{`10.0.0.1 10.0.0.2 : PSK "Pike9!Wether"`, "password-assignment", "Pike9!Wether"},
		{`roadwarrior : EAP "Stoat4#Ridge"`, "password-assignment", "Stoat4#Ridge"},
	})
	h11Quiet(t, []string{
		`: RSA server.key`,
		`: PSK "changeme"`,
	})
}

// auditd's EXECVE record splits a command line into quoted arguments.
func TestCLIArgsAuditExecve(t *testing.T) {
	held5Want(t, []held5Case{
		{`type=EXECVE msg=audit(1700000000.123:42): argc=4 a0="curl" a1="-fsS" a2="--user" a3="ci-bot:Wold5&Carse"`, "password-assignment", "Wold5&Carse"},
		{`type=EXECVE msg=audit(1700000000.123:43): argc=5 a0="/usr/bin/sshpass" a1="-p" a2="Fell8^Tarn" a3="ssh" a4="ops@host"`, "password-assignment", "Fell8^Tarn"},
	})
	h11Quiet(t, []string{
		`type=EXECVE msg=audit(1700000000.123:44): argc=3 a0="curl" a1="-u" a2="ci-bot"`,
		`type=EXECVE msg=audit(1700000000.123:45): argc=3 a0="echo" a1="-p" a2="Fell8^Tarn"`,
	})
}

// Documented call signatures whose password argument has no name in the call.
func TestCallArgsSignatures(t *testing.T) {
	held5Want(t, []held5Case{
		{"  Net::SMTP.start('relay.corp', 25, 'corp', 'alerts', 'Bothy3!Crag', :login)", "password-call-argument", "Bothy3!Crag"},
		{`my $h = DBI->connect("dbi:Pg:dbname=w", "rpt", "Shieling5#Burn");`, "password-call-argument", "Shieling5#Burn"},
		{`    smtp.login("alerts@corp.lan", "Croft6$Brae")`, "password-call-argument", "Croft6$Brae"},
		{`auth := smtp.PlainAuth("", "alerts@corp.lan", "Corrie7%Loch", "relay.corp")`, "password-call-argument", "Corrie7%Loch"},
		{`r = requests.get(u, auth=("svc", "Machair8^Sound"))`, "password-call-argument", "Machair8^Sound"},
		{`return new PasswordAuthentication("svc", "Strath9&Glen".toCharArray());`, "password-call-argument", "Strath9&Glen"},
		{`l.simple_bind_s("cn=svc,dc=corp", "Kyle2*Ness")`, "password-call-argument", "Kyle2*Ness"},
		{`$ok = ssh2_auth_password($c, "deploy", "Bealach4!Coire");`, "password-call-argument", "Bealach4!Coire"},
	})
	h11Quiet(t, []string{
		`smtp.login(user, password)`,
		`smtp.login("alerts@corp.lan", os.environ["SMTP_PASS"])`,
		`auth := smtp.PlainAuth("", user, pass, host)`,
		`requests.get(u, auth=("svc", "changeme"))`,
	})
}

// A password word followed by what the password opens (a database, an environment, a
// role), as Romance, Slavic and Dutch keys put it, and sorted English keys too.
func TestScopedPasswordKey(t *testing.T) {
	held5Want(t, []held5Case{
		{"senha_banco=Ruvo7!Quelt", "password-assignment", "Ruvo7!Quelt"},
		{"contraseña_de_la_bd: Ruvo7!Quelu", "password-assignment", "Ruvo7!Quelu"},
		{"пароль_бд=Ruvo7!Quelv", "password-assignment", "Ruvo7!Quelv"},
		{`wachtwoordAdmin = "Ruvo7!Quelw"`, "password-assignment", "Ruvo7!Quelw"},
		{"password_prod: Ruvo7!Quelx", "password-assignment", "Ruvo7!Quelx"},
		{"mot_de_passe_bdd=Ruvo7!Quely", "password-assignment", "Ruvo7!Quely"},
	})
	h11Quiet(t, []string{
		"password_hash=Ruvo7!Quelt",
		"senha_politica=Ruvo7!Quelt",
		"password_server=auth9.corp.lan",
		"password_prod=${PROD_PASSWORD}",
		"pass_dev=Ruvo7!Quelt",
	})
}

// "Login: user / password" in documentation and chat, also across a document's runs.
func TestLoginPair(t *testing.T) {
	held5Want(t, []held5Case{
		{"Kiosk login is kiosk01 / Nerth4#Vall", "password-assignment", "Nerth4#Vall"},
		{"Credentials: svc.backup / Nerth4#Valm.", "password-assignment", "Nerth4#Valm"},
		{`<w:p><w:r><w:t xml:space="preserve">NAS login: ops / </w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>Nerth4#Valn</w:t></w:r></w:p>`, "password-assignment", "Nerth4#Valn"},
	})
	h11Quiet(t, []string{
		"Login: admin / admin",
		"Login / Register",
		"credentials: aws/ec201",
		"login: /api/v2/login",
		"Login is user / <password>",
	})
}

// Clients that take user and password joined by a colon after an option of their own.
func TestCLIArgsUserPair(t *testing.T) {
	held5Want(t, []held5Case{
		{"nikto -h https://app.corp -id scan:Ketch5!Ness", "password-assignment", "Ketch5!Ness"},
		{"wfuzz -c --basic=fuzz:Ketch5!Nesu -z file,w.txt https://app.corp/FUZZ", "password-assignment", "Ketch5!Nesu"},
		{"http -a ops:Ketch5!Nesv GET https://api.corp/health", "password-assignment", "Ketch5!Nesv"},
		{"socks5 10.20.30.40 1080 relay Ketch5!Nesw", "password-assignment", "Ketch5!Nesw"},
	})
	h11Quiet(t, []string{
		"skopeo copy --src-creds mirror docker://a/b docker://c/d",
		"http -a ops:$TOKEN GET https://api.corp/health",
		"socks5 10.20.30.40 1080",
	})
}

// A change record gives a name's new value in a member of its own.
func TestChangeRecordNewMember(t *testing.T) {
	held5Want(t, []held5Case{
		{`{"event":"settings.update","changes":{"ldap.bind_password":{"old":"[hidden]","new":"Brough6$Carr"}}}`, "password-assignment", "Brough6$Carr"},
		{`{"db_password": {"before": "", "after": "Brough6$Cars"}}`, "password-assignment", "Brough6$Cars"},
	})
	h11Quiet(t, []string{
		`{"db_password": {"old": "[hidden]", "new": "[hidden]"}}`,
		`{"db_password": {"new": "${DB_PASSWORD}"}}`,
	})
}

// A credentials file printed under a comment that names it: OpenVPN's auth-user-pass
// file (user, then password) and a password file (the password alone).
func TestCredentialsFileBlock(t *testing.T) {
	held5Want(t, []held5Case{
		{"# /etc/openvpn/branch.creds (auth-user-pass)\nbranch-gw\nSkelp4!Dyke\n\nclient\n", "password-assignment", "Skelp4!Dyke"},
		{"# smtp relay password file\nSkelp4!Dykf\n", "password-assignment", "Skelp4!Dykf"},
	})
	h11Quiet(t, []string{
		"# auth-user-pass\nclient\ndev tun\nremote vpn.corp 1194\n",
		"# --auth-user-pass FILE: read the user and password from FILE\nSkelp4!Dyke\n",
		"# password file\n/etc/app/pw.txt\n",
		"# auth-user-pass file\nbranch-gw\nchangeme\n",
	})
}

// Chat rich text sets a password apart as code, its name ending the element before.
func TestRichTextCodeElement(t *testing.T) {
	held5Want(t, []held5Case{
		{`{"type": "text", "text": "vault unseal for dr: password "}, {"type": "text", "text": "Garth3%Holm", "style": {"code": true}}`, "password-assignment", "Garth3%Holm"},
		{`{"type":"text","text":"new wifi pw: "},{"type":"text","text":"Garth3%Holn","style":{"code":true}}`, "password-assignment", "Garth3%Holn"},
	})
	h11Quiet(t, []string{
		`{"type": "text", "text": "run "}, {"type": "text", "text": "Garth3%Holm", "style": {"code": true}}`,
		`{"type": "text", "text": "reset the password "}, {"type": "text", "text": "kubectl", "style": {"code": true}}`,
	})
}

// A password command that only prints a literal gives the password itself.
func TestPasswordCommandEcho(t *testing.T) {
	held5Want(t, []held5Case{
		{"restic -r /mnt/bk backup /srv --password-command 'echo Sough7&Lynn'", "password-assignment", "Sough7&Lynn"},
		{`passwordeval "echo Sough7&Lynm"`, "password-assignment", "Sough7&Lynm"},
		{`PassCmd "printf '%s' Sough7&Lynp"`, "password-assignment", "Sough7&Lynp"},
	})
	h11Quiet(t, []string{
		`passwordeval "gpg -q -d ~/.msmtp.gpg"`,
		"restic --password-command 'echo $RESTIC_PW'",
		`PassCmd "pass show mail/corp"`,
	})
}

// English prose that links a password word to its value by a change, an arrow, a
// leader or a qualifier closed by a colon.
func TestProseLinks(t *testing.T) {
	held5Want(t, []held5Case{
		{"the vpn password was changed to Wynd4!Close yesterday", "password-assignment", "Wynd4!Close"},
		{"Password (staging): Wynd4!Closf", "password-assignment", "Wynd4!Closf"},
		{"pw for grafana: Wynd4!Closg", "password-assignment", "Wynd4!Closg"},
		{"PASSWORD ........ Wynd4!Closh", "password-assignment", "Wynd4!Closh"},
		{"admin password -> Wynd4!Closi", "password-assignment", "Wynd4!Closi"},
	})
	h11Quiet(t, []string{
		"password -> bcrypt",
		"password => Hash::make($pw)",
		"Password (required): <string>",
		"password was changed to ********",
		"password for user: the user's password",
		"PASSWORD ........ Required",
		"password set to ${DB_PASS}",
	})
}

// A function named after the password, with a parameter list, is no prose.
func TestProseLinksCode(t *testing.T) {
	h11Quiet(t, []string{
		"func Password(v strfmt.Password) *strfmt.Password {",
		"func (c *KeystoresCreateCall) Password(Password string) *KeystoresCreateCall {",
	})
}
