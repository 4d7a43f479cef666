package detect

import "testing"

// The classes the held13a evaluation split showed missing or misreported
// (tools/evalcorpus/held13.go; held13b, its held-out sibling, was only read in totals).
// Each test covers one general syntax with strings written for the test, not taken from
// the split, beside controls that must stay quiet.

// Passwords named in Galician, Yoruba and Maltese prose.
func TestHeld13Prose(t *testing.T) {
	held5Want(t, []held5Case{
		{"O contrasinal do servidor de correo é Faro!5120Mar, non o envíes.", "password-assignment", "Faro!5120Mar"},
		{"Ọ̀rọ̀ aṣínà fún ẹ̀rọ náà ni Odo~3381Igi, ẹ má sọ fún ẹnikẹ́ni.", "password-assignment", "Odo~3381Igi"},
		{"Il-password tas-server issa hija Bahar^7714Gzira.", "password-assignment", "Bahar^7714Gzira"},
		{"Pochta serverining paroli Olma-4417bog, uni hech kimga bermang.", "password-assignment", "Olma-4417bog"},
	})
	h11Quiet(t, []string{
		"O contrasinal é demasiado curto.",
		"Il-password hija ħażina.",
		"the password hija Tulip2231x",
		"Sizning paroli noto'g'ri, qayta urinib ko'ring.",
	})
}

// A stored verifier or a ciphertext under a password name is not the password.
func TestHeld13Sealed(t *testing.T) {
	h11Quiet(t, []string{
		`CREATE USER 'ro'@'%' IDENTIFIED BY PASSWORD '*6B1E2A0C3F5D7E9A1B3C5D7E9F0A2B4C6D8E0F13';`,
		`    password: SCRAM-SHA-256$4096:c2FsdHNhbHRzYWx0$YWJjZGVmZ2hpamtsbW5vcA==:cXJzdHV2d3h5ejAxMjM0NTY=`,
		`client_secret = "[enc:IISCngProvider:Zq8mVt3LpR7wKs2NbX4cY6dEzM0aJ1bQ9uW5xT2y:enc]"`,
		`<EncryptedPassword>AQAAANCMnd8BFdERjHoAwE/Cl+sBAAAAq8mVt3LpR7wKs2NbX4cY6dEzM0aJ1bQ9uW5xT2yH7gF4</EncryptedPassword>`,
	})
}

// A salt kept beside a stored hash (its record names the iterations or the algorithm)
// is not a secret.
func TestHeld13HashSalt(t *testing.T) {
	h11Quiet(t, []string{
		`"secretData": "{\"value\":\"q8mVt3LpR7wKs2NbX4cY6dEzM0aJ1bQ9/uW5xT2yH7gF4q8mVt3LpR7wKs2NbX4cY6dEzM0aJ1bQ9+uW5xT2yH7gF4q8mV==\",\"salt\":\"Zm9vYmFyYmF6cXV4MTIzNA==\"}", "credentialData": "{\"hashIterations\":210000,\"algorithm\":\"pbkdf2-sha512\"}"`,
	})
	held5Want(t, []held5Case{
		{`$settings['hash_salt'] = 'Qm8xT2vL9pR4wKs7NbX1cY6dEzM0aJ3bQ5uW';`, "generic-api-key", "Qm8xT2vL9pR4wKs7NbX1cY6dEzM0aJ3bQ5uW"},
	})
}

// Command lines and configuration syntaxes that carry a credential in their own way.
func TestHeld13Syntaxes(t *testing.T) {
	held5Want(t, []held5Case{
		{"net user backup Tern!6620Cove /add", "password-assignment", "Tern!6620Cove"},
		{`build:remote --bes_header=Authorization=Bearer\ q8mVt3LpR7wKs2NbX4cY6dEzM0aJ1b`, "generic-api-key", "q8mVt3LpR7wKs2NbX4cY6dEzM0aJ1b"},
		{"  client_send = : mailer@relay.ria.lan : Sloe^4471Haw", "password-assignment", "Sloe^4471Haw"},
		{"*.smtp.relayhost.net:mailer:Sloe^4471Haw", "password-assignment", "Sloe^4471Haw"},
		{"config wifi-iface 'guest'\n\toption ssid 'Cafe'\n\toption encryption 'psk2'\n\toption key 'Heron-5531Pond'", "password-assignment", "Heron-5531Pond"},
		{"signingKey=data:;base64,q8mVt3LpR7wKs2NbX4cY6dEzM0aJ1bQ9uW5xT2yH7gE=", "generic-api-key", "q8mVt3LpR7wKs2NbX4cY6dEzM0aJ1bQ9uW5xT2yH7gE="},
		{`{ "type": "password", "value": "Wren*8812Moss", "temporary": false }`, "password-assignment", "Wren*8812Moss"},
		{"# /etc/agent/enroll.pass\nq8mVt3LpR7wKs2NbX4cY", "password-assignment", "q8mVt3LpR7wKs2NbX4cY"},
		{"017 mailhost any 3f9a1c7e5b2d4f6a8c0e1b3d5f7a9c2e4b6d8f0a1c3e5b7d9f2a4c6e8b0d1f3a", "generic-api-key", "3f9a1c7e5b2d4f6a8c0e1b3d5f7a9c2e4b6d8f0a1c3e5b7d9f2a4c6e8b0d1f3a"},
		{`{"settings":{"key":"k4pz-7qm2-xv9d-3tnb-w8re","server":"rtmp://ingest.example.tv/live"}}`, "generic-api-key", "k4pz-7qm2-xv9d-3tnb-w8re"},
		{"rpcpass=Tern!6620Cove", "password-assignment", "Tern!6620Cove"},
		{"s3://bkp/x?auth-username=ops&auth-password=%2BqR8mVt3LpR7wKs2NbX4cY6dEzM0aJ1bQ9uW5xT2", "generic-api-key", "+qR8mVt3LpR7wKs2NbX4cY6dEzM0aJ1bQ9uW5xT2"},
	})
	h11Quiet(t, []string{
		"net user guest /active:no",
		"net user deploy * /add",
		"net user %USERNAME% /domain",
		"  client_send = ^user^pass",
		"config interface 'lan'\n\toption key 'eth0-lan-bridge'",
		`{ "type": "password", "value": "${ADMIN_PASSWORD}" }`,
		"# /etc/passwd\nroot:x:0:0:root:/root:/bin/bash",
		"# /etc/agent/enroll.pass",
		"017 mailhost any 3f9a1c7e",
		`{"settings":{"key":"value","server":"rtmp://ingest.example.tv/live"}}`,
		"org.apache.commons:commons-lang3:3.14.0",
		"smtp.relayhost.net:587:starttls",
		`PWD="$HOME"+subdir`,
		"api_token=+readTokenFromVault",
	})
}
