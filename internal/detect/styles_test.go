package detect

import (
	"strings"
	"testing"
)

// TestAssignmentStyles covers the ways of naming a secret that the key-name rules read
// (issue 11: assignment styles, key names, other languages, encodings). Every value
// is generated; each input must yield the rule named, over exactly the value.
func TestAssignmentStyles(t *testing.T) {
	e := Default()
	v := ExpandExample("{a:32}")
	pw := "Tr4il-Mix!ng77"
	for _, c := range []struct{ in, rule, value string }{
		{`account_key = "` + v + `"`, "generic-api-key", v},
		{`storageAccountKey: ` + v, "generic-api-key", v},
		{`credentials: "` + v + `"`, "generic-api-key", v},
		{`{"key": "` + v + `"}`, "generic-api-key", v},
		{`auth: ` + v, "generic-api-key", v},
		{`APIKEY=` + v, "generic-api-key", v},
		{`Api-Key: ` + v, "generic-api-key", v},
		{`"X-API-KEY": "` + v + `"`, "generic-api-key", v},
		{`密钥：` + v, "generic-api-key", v},
		{`API 密钥是 ` + v + `，请勿外传`, "generic-api-key", v},
		{`パスワード: ` + pw, "password-assignment", pw},
		{`пароль: ` + pw, "password-assignment", pw},
		{`contraseña=` + pw, "password-assignment", pw},
		{`密码是` + pw, "password-assignment", pw},
		{`<apiToken>` + v + `</apiToken>`, "generic-api-key", v},
		{`<password>` + pw + `</password>`, "password-assignment", pw},
		{`<add key="ApiKey" value="` + v + `"/>`, "generic-api-key", v},
		{"- name: DB_PASSWORD\n  value: \"" + pw + `"`, "password-assignment", pw},
		{`var apiToken string = "` + v + `"`, "generic-api-key", v},
		{`apiToken := "` + v + `"`, "generic-api-key", v},
		{`$password .= "` + pw + `";`, "password-assignment", pw},
		{`System.setProperty("db.password", "` + pw + `");`, "password-assignment", pw},
		{`headers.put("X-Api-Key", "` + v + `")`, "generic-api-key", v},
		{`os.environ["API_TOKEN"] = "` + v + `"`, "generic-api-key", v},
		{`API_TOKEN ?= ` + v, "generic-api-key", v},
		{`API_TOKEN ::= ` + v, "generic-api-key", v},
		{`API_TOKEN :::= ` + v, "generic-api-key", v},
		{`export API_TOKEN=` + v, "generic-api-key", v},
		{`ENV API_TOKEN ` + v, "generic-api-key", v},
		{`mysql -u root -p` + pw + ` db`, "password-assignment", pw},
		{`deploy --api-token ` + v, "generic-api-key", v},
		{`GET /login?user=bob%40mailbox.org&password=Tr4il%21Mix HTTP/1.1`, "email", "bob@mailbox.org"},
		{`password=&quot;` + pw + `&quot;`, "password-assignment", pw},
	} {
		ms := scanAll(e, c.in)
		ok := false
		for _, m := range ms {
			if m.Rule.ID == c.rule && m.Value == c.value {
				ok = true
			}
		}
		if !ok {
			t.Errorf("%q: want %s %q, got %s", c.in, c.rule, c.value, describe(ms))
		}
	}
	// Names that are not secrets' stay quiet.
	for _, in := range []string{`{"key": "user_settings_theme"}`, `{"partition_key": "` + v + `"}`, `{"public_key": "` + v + `"}`,
		`author: ` + v, `{"key": "UserSettingsThemeDark"}`, `cache_key = "` + v + `"`, `密码是什么？`, `mysql -p`} {
		for _, m := range scanAll(e, in) {
			if strings.HasPrefix(m.Rule.ID, "generic") || m.Rule.ID == "password-assignment" {
				t.Errorf("%q: unexpected %s", in, describe([]Match{m}))
			}
		}
	}
}
