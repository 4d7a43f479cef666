package detect

import "testing"

// TestPrecisionClasses: false-positive classes found on the tuning splits (the a
// halves, Nosey Parker's half A) and the labelling policy, one case a class with a near
// miss that must still be reported. Every string is written here.
func TestPrecisionClasses(t *testing.T) {
	e := Default()
	for _, c := range []struct {
		class, text, rule, value string
	}{
		// an address that a role, a service or a bot holds is no one's
		// personal data; a person's address in the same places stays a finding.
		{"no-reply sender in a mailer config", "  from: no-reply@tallow-shop.net", "", ""},
		{"do-not-reply sender", "sender = DoNotReply@fenwick-bank.co.uk", "", ""},
		{"bounce address with a tag", "Return-Path: <bounces+77120@mx.quillon.io>", "", ""},
		{"RFC 2142 mailbox", `"abuse_contact": "abuse@harrow-net.de"`, "", ""},
		{"desk with a region", "Contact helpdesk-emea@orrery-labs.com for access.", "", ""},
		{"a business mailbox one person may read", "Contact sales@orrery-labs.com for a quote.", "email", "sales@orrery-labs.com"},
		{"alerting sender", "smtp_from: alertmanager@ops.varda-cloud.io", "", ""},
		{"service account", "2026-04-03 09:12:44 <= svc_ledger@pay.birchway.internal.io H=mx1", "", ""},
		{"bot account", "Author: renovate[bot] <29139614+renovate[bot]@users.noreply.github.com>", "", ""},
		{"person's address", "  from: ingrid.halvorsen@tallow-shop.net", "email", "ingrid.halvorsen@tallow-shop.net"},
		{"person's address with a tag", "reply-to: tomas+orders@quillon.io", "email", "tomas+orders@quillon.io"},
		{"person named like a word", "owner: sally.info@harrow-net.de", "email", "sally.info@harrow-net.de"},
		// an export writes a word in parentheses where it leaves a
		// password out — "(encrypted)", in any language; a password with parentheses and
		// digits or symbols in them is still one.
		{"marker in a CSV column", "id;name;email;password;note\n4411;Jonas;jonas.brandt@lindqvist-post.se;(verschlüsselt);-", "!password-assignment", ""},
		{"marker under a key", `db_password = "(not set)"`, "", ""},
		{"marker in another script", "password: (зашифровано)", "", ""},
		{"a password in parentheses", `db_password = "(Tavern7!Quill)"`, "password-assignment", "(Tavern7!Quill)"},
		// a provider's shape that is the tail of a longer
		// token ("pk_test_" and the rest) is no credential of the provider named nearby; the
		// same shape standing alone after the name is.
		{"tail of a publishable key near jira", `{"project": "Jira", "body": "masked: pk_test_Rv4cW8nTq2Lm6Xz9Bk3Hs7Pd"}`, "!atlassian-legacy-token", ""},
		{"the shape alone after the name", `jira token: Rv4cW8nTq2Lm6Xz9Bk3Hs7Pd`, "atlassian-legacy-token", "Rv4cW8nTq2Lm6Xz9Bk3Hs7Pd"},
		{"the shape after a one-word prefix", `jira_token := "jira_Rv4cW8nTq2Lm6Xz9Bk3Hs7Pd"`, "atlassian-legacy-token", "Rv4cW8nTq2Lm6Xz9Bk3Hs7Pd"},
		// the salt kept beside one password hash is no secret; an
		// application's salt named for its use still is.
		{"salt beside a hash", "accessControl:\n  salt: Qv7RmZ2kXw9LpT4sNb8JcY3dHf6GaE1u", "", ""},
		{"password salt column", `{"password_hash": "4c1e…", "password_salt": "Zk8TqW3mRv7NpL2xBc9YsH4dJf6GaE1u"}`, "!generic-api-key", ""},
		{"an application's signing salt", `  live_view: [signing_salt: "Wq8Zr2Tk5Lm9Xp3Vb7Nc"]`, "generic-api-key", "Wq8Zr2Tk5Lm9Xp3Vb7Nc"},
		{"Drupal's hash salt", `$settings['hash_salt'] = 'Hx4Tq9Wz2Rm7Kp3Vb8Nc6Yd1Lf5Gj0Ua8Ie3Ro7Tw';`, "generic-api-key", "Hx4Tq9Wz2Rm7Kp3Vb8Nc6Yd1Lf5Gj0Ua8Ie3Ro7Tw"},
		// an image or a document in base64 under a secret's or a password's
		// name is content, not a credential; a generated key there still is one.
		{"PNG under apiKey", "apiKey: iVBORw0KGgoAAAANSUhEUqVNyhglMLsdbRMs3tYjey7ZHj9yH8sZcRdElNZJPJ1cNGC+MQ==", "", ""},
		{"PDF under a password column", "user,password\nsigned-form,JVBERi0xLjcKIB5p/tqg7ui5mX9cfCmZ/a/lkyU81lSvTfrXFCeg", "", ""},
		{"a key under apiKey", "apiKey: Vq4NyhglMLsdbRMs3tYjey7ZHj9yH8sZcRdElNZJ", "generic-api-key", "Vq4NyhglMLsdbRMs3tYjey7ZHj9yH8sZcRdElNZJ"},
		// a reference that a platform resolves to the secret at run time
		// names where the secret is kept, not the secret; a password beside it is still one.
		{"Google Secret Manager version", "DB_PASSWORD=projects/orbital-482913/secrets/db-main/versions/latest", "", ""},
		{"App Service Key Vault reference", "SMTP_PASSWORD=@Microsoft.KeyVault(SecretUri=https://kv-orbital.vault.azure.net/secrets/smtp-pass/)", "", ""},
		{"Secrets Manager ARN", "MQ_PASSWORD=arn:aws:secretsmanager:eu-west-1:482913004411:secret:prod/mq-Xa81Qz", "", ""},
		{"CloudFormation dynamic reference", `"MasterUserPassword": "{{resolve:secretsmanager:prod/pg:SecretString:password}}"`, "", ""},
		{"a password that starts like a path", "DB_PASSWORD=projects7/Quill!Tavern", "password-assignment", "projects7/Quill!Tavern"},
	} {
		checkClassCase(t, e, c.class, c.text, c.rule, c.value)
	}
}
