package detect

import "testing"

// The classes of misses the held6 evaluation split showed (tools/evalcorpus/held6.go).
// Each test covers one class; the strings are written for the test, not taken from the
// split.

// Passwords in prose where a copula of the language ("to", "คือ") or a clause and
// guillemets stand between the word and the value.
func TestHeld6PasswordProseCopulas(t *testing.T) {
	held5Want(t, []held5Case{
		{"Client : le mot de passe que nous avons mis est « Brume77!Quai »", "password-assignment", "Brume77!Quai"},
		{"Klient: hasło do serwera to Wierzba#2291 dzięki", "password-assignment", "Wierzba#2291"},
		{"ผู้ใช้: รหัสผ่านคือ Tamarind55!x", "password-assignment", "Tamarind55!x"},
	})
	held5Quiet(t, []string{
		"Klient: hasło do serwera to nie jest problem",
		"le mot de passe que vous avez choisi est « trop court »",
		// English prose is no Polish copula (changelog lines in /usr/share/doc)
		"    certtool: do not ask for password when exporting to PKCS#8 implicitly",
		"    PKCS#7/8: normalize the password according to rfc7613",
	}, "password-assignment")
}

// XML elements whose name attribute names a secret hold it as their text.
func TestHeld6XMLNamedElement(t *testing.T) {
	held5Want(t, []held5Case{
		{`    <string name="staging_db_password" translatable="false">Lagune.42.Ostrea</string>`, "password-assignment", "Lagune.42.Ostrea"},
		{`  <property name="javax.persistence.jdbc.password">Fjord*8812Kelp</property>`, "password-assignment", "Fjord*8812Kelp"},
		{`<tr><td>ldap_bind_password</td><td>Pelican&amp;3390</td></tr>`, "password-assignment", "Pelican&3390"},
	})
	held5Quiet(t, []string{
		`    <string name="password_hint">Enter your password</string>`,
		`  <property name="hibernate.connection.password">${DB_PASSWORD}</property>`,
		`    <string name="label_password">Password</string>`,
		`<tr><td>password</td><td>********</td></tr>`,
		`    <string name="db_password" />`,
	}, "password-assignment")
}

// Kafka's and ZooKeeper's JAAS login modules declare users as user_NAME="password".
func TestHeld6JAASUserEntries(t *testing.T) {
	in := "KafkaServer {\n  org.apache.kafka.common.security.plain.PlainLoginModule required\n" +
		"  username=\"broker\"\n  password=\"Quokka9931Reef\"\n  user_alice=\"Wombat#7720\"\n  user_streams=\"tX4kL92mQz\";\n};\n"
	held5Want(t, []held5Case{
		{in, "password-assignment", "Wombat#7720"},
		{in, "password-assignment", "tX4kL92mQz"},
	})
	held5Quiet(t, []string{
		"Client {\n  org.apache.zookeeper.server.auth.DigestLoginModule required\n  user_super=\"${file:/etc/zk/pw:super}\";\n};\n",
		`config.user_agent="Mozilla/5.0 (X11)"`,
	}, "password-assignment")
}

// Windows batch files: set NAME=value and net use's positional password.
func TestHeld6BatchPasswords(t *testing.T) {
	held5Want(t, []held5Case{
		{"set DBPASS=Heron^&77Pike\r", "password-assignment", "Heron^&77Pike"},
		{`net use Y: \\files01\share /user:ACME\backup Osprey2290!`, "password-assignment", "Osprey2290!"},
	})
	held5Quiet(t, []string{
		"set DBPASS=%1",
		`net use Y: \\files01\share /user:ACME\backup *`,
		`net use Y: \\files01\share /persistent:yes`,
	}, "password-assignment")
}

// echo 'user:password' | chpasswd sets a password from the shell.
func TestHeld6Chpasswd(t *testing.T) {
	held5Want(t, []held5Case{
		{`echo 'deploy:Gannet44#Moor' | chpasswd`, "password-assignment", "Gannet44#Moor"},
		{`  inline: "echo 'root:kelp.tern.2207' | sudo chpasswd"`, "password-assignment", "kelp.tern.2207"},
	})
	held5Quiet(t, []string{`echo "$USER:$PASS" | chpasswd`}, "password-assignment")
}

// Signing keys and salts that web frameworks generate from all of printable ASCII.
func TestHeld6PrintableASCIIKeys(t *testing.T) {
	wp := "p3]K!x9{Lm#7vQ@2s)Zr^8Tn%4c~Yb&6Hd*1Wf<5Jg>0Ek;Ua+Rq-Io=Pz"
	dj := "django-insecure-q2%w8#e5!r1@t9^y3&u7*i4(o6)p0-a=s+d%f2#g8"
	held5Want(t, []held5Case{
		{"define( 'NONCE_SALT', '" + wp + "' );", "generic-api-key", wp},
		{"SECRET_KEY = '" + dj + "'", "generic-api-key", dj},
	})
	held5Quiet(t, []string{
		"define( 'AUTH_KEY', 'put your unique phrase here' );",
		`SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]`,
		`token = "if(a[i]<b[j]){c+=d;}else{e-=f;}return(g*h)%k;//"`,
		// base64 with one stray character is no printable-ASCII key
		`secret = "Qm9vdGxlZz1Ud2lu!Y2FzdGxlL3RyZWUrZm9yZXN0/cml2ZXI+bW91bnRhaW4="`,
	}, "generic-api-key")
}

// The private member of a JSON Web Key.
func TestHeld6JWKPrivateMember(t *testing.T) {
	d := "Vq3mZ8_kLw2-RtY7pXcN4hJs9aDfGu6eB1oQiK0nTzM"
	held5Want(t, []held5Case{
		{`{"keys":[{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",` + "\n" + `  "d":"` + d + `"}]}`, "private-key-other", d},
	})
	held5Quiet(t, []string{
		`{"d": "` + d + `"}`,
		`{"kty":"oct","k":"` + d + `"}`,
	}, "private-key-other")
}

// A template parameter's default value, declared under the parameter's name.
func TestHeld6TemplateParameterDefault(t *testing.T) {
	held5Want(t, []held5Case{
		{"Parameters:\n  AdminPassword:\n    Type: String\n    NoEcho: true\n    Default: 'Curlew#5531Dune'\nResources: {}\n", "password-assignment", "Curlew#5531Dune"},
	})
	held5Quiet(t, []string{
		"Parameters:\n  AdminPassword:\n    Type: String\n    NoEcho: true\nOther:\n    Default: 'Curlew#5531Dune'\n",
		"Parameters:\n  AdminPassword:\n    Type: String\n    Default: ''\n",
	}, "password-assignment")
}

// SSH key fingerprints name a key; they are not one.
func TestHeld6FingerprintsNotSecrets(t *testing.T) {
	held5Quiet(t, []string{
		`  "host_key_fingerprint": "SHA256:Qx7mW2kR9pL4vT8nB3cJ6hF1dS5aZ0yE+uI/oG2wK9q"`,
		`api_key_sha256 = "SHA256:Qx7mW2kR9pL4vT8nB3cJ6hF1dS5aZ0yE+uI/oG2wK9q"`,
	}, "generic-api-key")
}

// Dockerfile ENV and ARG values run to the next blank.
func TestHeld6DockerfileEnvValue(t *testing.T) {
	held5Want(t, []held5Case{
		{"FROM alpine\nENV MYSQL_PASSWORD=Tern&4471;Bay\n", "password-assignment", "Tern&4471;Bay"},
	})
}

// Resend's API keys: "re_", eight characters, "_", twenty-four.
func TestHeld6ResendKey(t *testing.T) {
	k := "re_Xw3kP9Qa_m2N7bV5cL8dR4tY6zH1jF0sG"
	held5Want(t, []held5Case{{"dein token ist " + k + " bitte rotieren", "resend-api-key", k}})
	held5Quiet(t, []string{"re_compile_pattern_buffer_with_flags", "re_Xw3kP9Qa"}, "resend-api-key")
}

// Mobile and Windows shapes: AndroidManifest meta-data, property-list key/string pairs,
// setx.
func TestHeld6MobileAndSetx(t *testing.T) {
	v := "Hq7mZ2xKp9Lw4RtV8sNc3BdF6gJ1yUe5"
	held5Want(t, []held5Case{
		{`  <meta-data android:name="com.acme.sdk.api_token" android:value="` + v + `" />`, "generic-api-key", v},
		{"  <key>AcmeApiToken</key>\n  <string>" + v + "</string>", "generic-api-key", v},
		{`setx ACME_API_TOKEN "` + v + `" /M`, "generic-api-key", v},
	})
	held5Quiet(t, []string{
		`  <meta-data android:name="com.acme.sdk.api_token" android:value="@string/acme_token" />`,
		"  <key>AcmeApiToken</key>\n  <string>$(ACME_API_TOKEN)</string>",
		`setx ACME_API_TOKEN "%ACME_TOKEN%" /M`,
	}, "generic-api-key")
}
