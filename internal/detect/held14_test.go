package detect

import "testing"

// The classes the held14a evaluation split showed missing or misreported
// (tools/evalcorpus/held14.go; held14b, its held-out sibling, was only read in totals).
// Each test covers one general syntax with strings written for the test, not taken from
// the split, beside controls that must stay quiet.

// A name in a cased script that is not ASCII starts a sentence or a heading with a
// capital: the anchors fold ASCII only, so the capitalised and upper-case spellings are
// names too.
func TestHeld14CasedNames(t *testing.T) {
	held5Want(t, []held5Case{
		{"Пароль: Tern!6620Cove", "password-assignment", "Tern!6620Cove"},
		{"Пароль от почты — Wren*8812Moss, логин ops.", "password-assignment", "Wren*8812Moss"},
		{"ПАРОЛЬ: Tern!6620Cove", "password-assignment", "Tern!6620Cove"},
		{"Κωδικός: Sloe^4471Haw", "password-assignment", "Sloe^4471Haw"},
		{`{"Пароль": "Heron-5531Pond"}`, "password-assignment", "Heron-5531Pond"},
	})
	h11Quiet(t, []string{
		"Пароль слишком короткий.",
		"Пароль: ********",
		"ПАРОЛЬ: см. хранилище",
	})
}

// The full-width colon of Chinese and Japanese text assigns like ':'.
func TestHeld14FullWidthColon(t *testing.T) {
	held5Want(t, []held5Case{
		{"API Secret：Zq8mVt3LpR7wKs2NbX4cY6dEzM0aJ1", "generic-api-key", "Zq8mVt3LpR7wKs2NbX4cY6dEzM0aJ1"},
		{"DB_PASSWORD：Wren*8812Moss", "password-assignment", "Wren*8812Moss"},
	})
	h11Quiet(t, []string{
		"API Secret：<your-secret>",
		"DB_PASSWORD：${DB_PASSWORD}",
	})
}

// A named value wrapped in an object's "value" member (Terraform outputs, parameter
// files) is the name's value.
func TestHeld14ValueMember(t *testing.T) {
	held5Want(t, []held5Case{
		{`  "admin_password": { "value": "Wren*8812Moss", "type": "string", "sensitive": true },`, "password-assignment", "Wren*8812Moss"},
		{`  "deploy_token": {"sensitive": true, "type": "string", "value": "Zq8mVt3LpR7wKs2NbX4cY6dEzM0aJ1"}`, "generic-api-key", "Zq8mVt3LpR7wKs2NbX4cY6dEzM0aJ1"},
	})
	h11Quiet(t, []string{
		`"admin_password": { "reference": { "keyVault": { "id": "/subscriptions/x" }, "secretName": "adminPassword" } }`,
		`"admin_password": { "type": "securestring", "value": null }`,
		`"admin_password": { "metadata": { "value": "Wren*8812Moss" } }`,
		`"admin_password": { "value": "${TF_VAR_admin_password}" }`,
	})
}

// Colour codes written with JSON's escape (a notebook's traceback) are no text.
func TestHeld14JSONColour(t *testing.T) {
	held5Want(t, []held5Case{
		{`"traceback": ["\u001b[0;31mconn\u001b[0m \u001b[38;5;241m=\u001b[39m connect(user\u001b[38;5;241m=\u001b[39m\u001b[38;5;124m'etl'\u001b[39m, password\u001b[38;5;241m=\u001b[39m\u001b[38;5;124m'Sloe^4471Haw'\u001b[39m)"]`, "password-assignment", "Sloe^4471Haw"},
	})
	h11Quiet(t, []string{
		`"traceback": ["\u001b[0;31mconn\u001b[0m \u001b[38;5;241m=\u001b[39m connect(user\u001b[38;5;241m=\u001b[39m\u001b[38;5;124m'etl'\u001b[39m, password\u001b[38;5;241m=\u001b[39mgetpass())"]`,
	})
}

// Apache's htpasswd takes the password by position under -b; a Basic header built in
// code encodes "user:password" in clear.
func TestHeld14PositionalAndBasic(t *testing.T) {
	held5Want(t, []held5Case{
		{"htpasswd -b /etc/apache2/.htpasswd editor Tern!6620Cove", "password-assignment", "Tern!6620Cove"},
		{"sudo htpasswd -Bbc .htpasswd editor 'Wren*8812Moss'", "password-assignment", "Wren*8812Moss"},
		{"htpasswd -nb editor Sloe^4471Haw", "password-assignment", "Sloe^4471Haw"},
		{`xhr.setRequestHeader("Authorization", "Basic " + btoa("editor:Heron-5531Pond"));`, "password-assignment", "Heron-5531Pond"},
		{`headers = {"Authorization": "Basic " + base64.b64encode(b"editor:Tern!6620Cove").decode()}`, "password-assignment", "Tern!6620Cove"},
	})
	h11Quiet(t, []string{
		"htpasswd -c /etc/apache2/.htpasswd editor",
		"htpasswd -b .htpasswd editor $EDITOR_PASSWORD",
		`const encoded = btoa("hello:world");`,
		`"Basic " + btoa(user + ":" + pass)`,
		"Basic " + "btoa(`${user}:${pass}`)",
	})
}

// A name that ends in a digest's algorithm names the digest, not the secret; a key its
// issuer publishes is no secret under any name.
func TestHeld14DigestAndPublishable(t *testing.T) {
	h11Quiet(t, []string{
		`api_token_sha256 = "9c1f3e5a7b2d4f6a8c0e1b3d5f7a9c2e4b6d8f0a1c3e5b7d9f2a4c6e8b0d1f3a"`,
		`refresh_token_md5: 3f9a1c7e5b2d4f6a8c0e1b3d5f7a9c2e`,
		`api_key = "pk_live_Zq8mVt3LpR7wKs2NbX4cY6dEzM0aJ1"`,
		`SESSION_SECRET=pk_test_Zq8mVt3LpR7wKs2NbX4cY6dEzM0aJ1`,
		`password: pk_test_Zq8mVt3LpR7wKs2NbX4cY6dEzM0aJ1`,
	})
	held5Want(t, []held5Case{
		{`api_token = "Zq8mVt3LpR7wKs2NbX4cY6dEzM0aJ1bQ9uW5"`, "generic-api-key", "Zq8mVt3LpR7wKs2NbX4cY6dEzM0aJ1bQ9uW5"},
	})
}
