package detect

import (
	"strings"
	"testing"
)

// TestPeerCaseClasses: classes of credentials and of the ways they are written that
// peers' test suites showed missing (one case a class, every string written here),
// each with a near miss that must stay quiet.
func TestPeerCaseClasses(t *testing.T) {
	e := Default()
	for _, c := range []struct {
		class, text, rule, value string
	}{
		// a provider's name glued to a key word in one lower- or upper-case identifier
		{"glued name", `spotifykey = "Qm7rT2vX9kLp4sWz8bN3cY6hJ1dF5gA0"`, "spotify-api-key", "Qm7rT2vX9kLp4sWz8bN3cY6hJ1dF5gA0"},
		{"glued name", `TRELLOAPIKEY: Hq3ZkV8pR2mW7xT4nB9cL6sY1dF5gJ0a`, "trello-api-key", "Hq3ZkV8pR2mW7xT4nB9cL6sY1dF5gJ0a"},
		{"glued name: not key words", `spotifykeyboard = "Qm7rT2vX9kLp4sWz8bN3cY6hJ1dF5gA0"`, "", ""},
		// a Docker config.json as written by docker login: "auths" lines above "auth"
		{"docker auths over lines", "{\n  \"auths\": {\n    \"registry.example.org\": {\n      \"auth\": \"YnVpbGRlcjpSdDd2UTJ4THA5V3o=\"\n    }\n  }\n}",
			"docker-config-auth", "builder:Rt7vQ2xLp9Wz"},
		{"docker auths: a how-to's placeholder", "{\n  \"auths\": {\n    \"registry.example.org\": {\n      \"auth\": \"bXlfdXNlcjpteV9wYXNzd29yZA==\"\n    }\n  }\n}", "", ""},
		// Jenkins' hudson.util.Secret in credentials.xml and in configuration as code
		{"jenkins secret", "<com.cloudbees.plugins.credentials.impl.StringCredentialsImpl>\n  <id>deploy</id>\n  <secret>{AQAAABAAAAAQm3Vx8Kq2Lr7Tz9Wp4Yb6Nc1Hd5Fg0Js2Ua8Ie3Ro7=}</secret>\n",
			"jenkins-encrypted-secret", "AQAAABAAAAAQm3Vx8Kq2Lr7Tz9Wp4Yb6Nc1Hd5Fg0Js2Ua8Ie3Ro7="},
		{"jenkins secret in YAML", `      password: "{AQAAABAAAAAwT4rW9xLq2Zm7Kp3Vb8Yc1Nd6Hf0Gj5Su2Ia9Eo4Ru7Tw3Qx8Lz1Mv6Pk}"`,
			"jenkins-encrypted-secret", "AQAAABAAAAAwT4rW9xLq2Zm7Kp3Vb8Yc1Nd6Hf0Gj5Su2Ia9Eo4Ru7Tw3Qx8Lz1Mv6Pk"},
		{"jenkins header outside braces", "see AQAAABAAAAAQm3Vx8Kq2Lr7Tz9Wp4Yb6Nc1Hd5Fg0Js2Ua8Ie3Ro7= in the dump", "", ""},
		// a declaration's type between the name and '='
		{"declared type", `const fastlyKey string = "Tq7Vw2Xz9Lp4Rs8Mn3Kb6Yc1Hd5Fg0Ja"`, "fastly-api-key", "Tq7Vw2Xz9Lp4Rs8Mn3Kb6Yc1Hd5Fg0Ja"},
		{"declared type: the name says nothing", "// fastly\nconst region string = \"Tq7Vw2Xz9Lp4Rs8Mn3Kb6Yc1Hd5Fg0Ja\"", "", ""},
		// Logic Apps and Power Automate HTTP triggers, whichever order the query has
		{"workflow trigger URL", `hook: https://prod-27.northeurope.logic.azure.com:443/workflows/4c1f0e9a7b2d4e8f9a0b1c2d3e4f5a6b/triggers/manual/paths/invoke?sig=Vd3kR9xT2mLq7Zp4Wb8Yc1Nf6Hg0Js5Ua2Ie3Ro7Tw&api-version=2016-10-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0`,
			"azure-logic-apps-webhook-url", "https://prod-27.northeurope.logic.azure.com:443/workflows/4c1f0e9a7b2d4e8f9a0b1c2d3e4f5a6b/triggers/manual/paths/invoke?sig=Vd3kR9xT2mLq7Zp4Wb8Yc1Nf6Hg0Js5Ua2Ie3Ro7Tw&api-version=2016-10-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0"},
		{"workflow trigger URL without a signature", `hook: https://prod-27.northeurope.logic.azure.com:443/workflows/4c1f0e9a7b2d4e8f9a0b1c2d3e4f5a6b/triggers/manual/paths/invoke?api-version=2016-10-01`, "", ""},
		// Tableau PAT secret, its server on another line
		{"tableau PAT", "tableau:\n  server: https://10ax.online.tableau.com\n  pat_name: ci\n  pat_secret: Wm3Rk8Tq2Vx7Lp4Zb9Nc1H==:Yd6Fg0Js5Ua2Ie3Ro7Tw4Qx8Lz1Mv6Pk",
			"tableau-api-key", "Wm3Rk8Tq2Vx7Lp4Zb9Nc1H==:Yd6Fg0Js5Ua2Ie3Ro7Tw4Qx8Lz1Mv6Pk"},
		{"tableau shape, no tableau", "pat_secret: Wm3Rk8Tq2Vx7Lp4Zb9Nc1H==:Yd6Fg0Js5Ua2Ie3Ro7Tw4Qx8Lz1Mv6Pk", "!tableau-api-key", ""},
		// Vault AppRole
		{"vault approle", "auth:\n  approle:\n    role_id: 6f1c2a9e-3b7d-4e05-8a61-2c9d0f4b7e13\n    secret_id: d94e0b27-51a8-4c3f-9e62-7b1a0c8d5f34\n",
			"hashicorp-vault-approle-secret-id", "d94e0b27-51a8-4c3f-9e62-7b1a0c8d5f34"},
		{"secret_id with no vault", `{"secret_id": "d94e0b27-51a8-4c3f-9e62-7b1a0c8d5f34", "kind": "invoice"}`, "", ""},
		// digits-only identifiers under a provider's application keys
		{"discord client id", `DISCORD_CLIENT_ID=918273645546372819`, "discord-client-id", "918273645546372819"},
		{"discord channel id", `DISCORD_CHANNEL_ID=918273645546372819`, "", ""},
		{"asana client id", `asana_client_id: "1207384956102938"`, "asana-client-id", "1207384956102938"},
		{"asana project id", `asana_project_id: "1207384956102938"`, "", ""},
		{"discord secret of digits", `DISCORD_TOKEN=83920174650193847562019384756102`, "discord-client-secret", "83920174650193847562019384756102"},
		{"discord token, a short number", `DISCORD_TOKEN=8392017465019384756201`, "", ""},
		// Flutterwave's encryption key
		{"flutterwave encryption key", `FLW_ENCRYPTION_KEY=FLWSECK_TEST7c3e9a1f0b52`, "flutterwave-encryption-key", "FLWSECK_TEST7c3e9a1f0b52"},
		{"flutterwave prefix, too short", `FLW_ENCRYPTION_KEY=FLWSECK_TEST7c3e9a`, "", ""},
		// Entra ID refresh tokens of both versions, whose header holds a run of "A"
		{"entra refresh token", `{"token_type": "Bearer", "refresh_token": "0.ApTyGJMuHbEL31IeL2HPcHyGcFRl1SPnXNYvMIHa_2o76umfXfK.AgABAAAAAADm_r5kJP1VrT-1FJors_6ILi8IHn5kxsC7tVO_HbkQfyy_KV5zjR3j1twdTKWTddB-XhkAS1voQG6yyzyN9zHYIa4UOrGNATMuDJawTgsu8PO-799nKSNrh9UCauSDmLhuVtcqcYezdZ_tDDj8hYs5suKcNd8Zra9A9sKPxZ9W3qLy7zKUVQDT7S8sTQCBNR3YbDgbleph1QHt61QTC4XATWS8PHp9NHfYjFM5DI4pZj59fhZ5R1Py4oJe2JbmPTuSgR7cMy-UcU3zr1ZtoLuCr64CxqlIOdNKhiFXiQ2hzT_pLjHX2JiCLhKcIhP6Br1iQFeOUhGXZnnal5WisCgEBCY8f5N3_ynbdrZRzsGQBJg3UHKwkflF6XUi5AhuqpfEnbtXAqwK8jZfALhLSzFyCmmdKTxp_TkSF2RCdKDFRuNw5GCf-hA6ILI8gJhead6_wJ9kFZJSqgmRB9H-iMb-lk777PZnK8Cl6J5ixaaJLShuQjOud_-yDUA-5zmS1swoPqApryPZBlgvIyxJu2jGjNGkTfi3oYv2DzaKG05Rk-GQV81rkmghzem9yPVUJa_c5q52RYfLWrLoevhZC0x0awirH_juQbLifxz53nCQE28"}`, "azure-entra-refresh-token", "0.ApTyGJMuHbEL31IeL2HPcHyGcFRl1SPnXNYvMIHa_2o76umfXfK.AgABAAAAAADm_r5kJP1VrT-1FJors_6ILi8IHn5kxsC7tVO_HbkQfyy_KV5zjR3j1twdTKWTddB-XhkAS1voQG6yyzyN9zHYIa4UOrGNATMuDJawTgsu8PO-799nKSNrh9UCauSDmLhuVtcqcYezdZ_tDDj8hYs5suKcNd8Zra9A9sKPxZ9W3qLy7zKUVQDT7S8sTQCBNR3YbDgbleph1QHt61QTC4XATWS8PHp9NHfYjFM5DI4pZj59fhZ5R1Py4oJe2JbmPTuSgR7cMy-UcU3zr1ZtoLuCr64CxqlIOdNKhiFXiQ2hzT_pLjHX2JiCLhKcIhP6Br1iQFeOUhGXZnnal5WisCgEBCY8f5N3_ynbdrZRzsGQBJg3UHKwkflF6XUi5AhuqpfEnbtXAqwK8jZfALhLSzFyCmmdKTxp_TkSF2RCdKDFRuNw5GCf-hA6ILI8gJhead6_wJ9kFZJSqgmRB9H-iMb-lk777PZnK8Cl6J5ixaaJLShuQjOud_-yDUA-5zmS1swoPqApryPZBlgvIyxJu2jGjNGkTfi3oYv2DzaKG05Rk-GQV81rkmghzem9yPVUJa_c5q52RYfLWrLoevhZC0x0awirH_juQbLifxz53nCQE28"},
		{"entra outline, too short", `{"refresh_token": "0.ApTyGJMuHbEL31IeL2HPcHyGcFRl1SPnXNYvMIHa_2o76umfXfK.AgABAAAAAADm_r5kJP1VrT-1FJors_6ILi8IHn5kxsC7tVO_HbkQfyy_KV5zjR3j1twdTKWTddB-XhkAS1voQG6yyzyN9zHY"}`, "!azure-entra-refresh-token", ""},
		// New Relic mobile tokens of the EU region
		{"new relic EU mobile token", `NEW_RELIC_APP_TOKEN=eu01xx3f9a0c7d52b8e14a6f09d3c27b58e1a4f06b-NRMA`, "newrelic-mobile-app-token", "eu01xx3f9a0c7d52b8e14a6f09d3c27b58e1a4f06b-NRMA"},
		{"new relic EU prefix, short", `NEW_RELIC_APP_TOKEN=eu01xx3f9a0c7d52b8e14a6f-NRMA`, "!newrelic-mobile-app-token", ""},
		// an Azure storage account key on the line after its name, or after a flag
		{"storage key, next line", "static const std::string AccountKey{\n    \"Kq3Vw8Xz2Lp7Rs4Mn9Kb1Yc6Hd0Fg5Ja3Ue8Io2Rt7Tw4Qx9Lz1Mv6Pk3Sb8Nc2Hd5Gf0Jr7Ua4Ie9Ro1Tq6Wx==\"};", "azure-storage-account-key-assigned", "Kq3Vw8Xz2Lp7Rs4Mn9Kb1Yc6Hd0Fg5Ja3Ue8Io2Rt7Tw4Qx9Lz1Mv6Pk3Sb8Nc2Hd5Gf0Jr7Ua4Ie9Ro1Tq6Wx=="},
		{"storage key, a flag", "Cleanup.exe -storagename backups -storagekey Kq3Vw8Xz2Lp7Rs4Mn9Kb1Yc6Hd0Fg5Ja3Ue8Io2Rt7Tw4Qx9Lz1Mv6Pk3Sb8Nc2Hd5Gf0Jr7Ua4Ie9Ro1Tq6Wx== -whatif", "azure-storage-account-key-assigned", "Kq3Vw8Xz2Lp7Rs4Mn9Kb1Yc6Hd0Fg5Ja3Ue8Io2Rt7Tw4Qx9Lz1Mv6Pk3Sb8Nc2Hd5Gf0Jr7Ua4Ie9Ro1Tq6Wx=="},
		{"storage key shape, no key name", "const blob = \"Kq3Vw8Xz2Lp7Rs4Mn9Kb1Yc6Hd0Fg5Ja3Ue8Io2Rt7Tw4Qx9Lz1Mv6Pk3Sb8Nc2Hd5Gf0Jr7Ua4Ie9Ro1Tq6Wx==\";", "!azure-storage-account-key-assigned", ""},
		// an Okta token after the name, with no assignment
		{"okta token in prose", "okta token - '00Tq7Vw2Xz9Lp4Rs8Mn3Kb6Yc1Hd5Fg0Ja2Ue7Io4R'", "okta-api-token", "00Tq7Vw2Xz9Lp4Rs8Mn3Kb6Yc1Hd5Fg0Ja2Ue7Io4R"},
		{"okta, short value", "okta token - '00Tq7Vw2Xz9Lp4Rs8Mn3Kb'", "!okta-api-token", ""},
		// Tines webhook
		{"tines webhook", "TINES_HOOK=https://acme.tines.com/webhook/k3v8x2l7r4m9b1c6h0f5j2u7i4o9t1w6/q8z3n6p1s5d0g7a2e9y4u1r6t3w8k5m2", "tines-webhook-url",
			"https://acme.tines.com/webhook/k3v8x2l7r4m9b1c6h0f5j2u7i4o9t1w6/q8z3n6p1s5d0g7a2e9y4u1r6t3w8k5m2"},
		{"tines webhook without its secret", "see https://acme.tines.com/webhook/k3v8x2l7r4m9b1c6h0f5j2u7i4o9t1w6/", "", ""},
		// a value that ends a sentence
		{"sentence stop", "Connect with jdbc:sqlserver://db1:1433;user=app;password=Xq7mRw0rdTz2.", "", "Xq7mRw0rdTz2"},
		{"an ellipsis is a value cut short", "export OP_TOKEN=ops_eyJzaWduSW5BZGRyZXNzIjoi...", "", ""},
		// providers the catalogue lacked
		{"vbout key", "vbout token = '4829175036192847561038294'", "vbout-api-key", "4829175036192847561038294"},
		{"vbout, a count", "vbout contacts = '4829175036192847561038294'", "", ""},
		{"lemon squeezy key", "LEMONSQUEEZY_API_KEY=eyJhbGciOiAiUlMyNTYiLCAidHlwIjogIkpXVCJ9.575YX8XM5mSLFy5UBIHEYeD7p4Zdl_AK6j0KgodkDINzNlxICAbaG8wy1JZirLnqB0PRfMBH7-WY5YQ1xOy1bAimCaXyMFSb4hBqlxJJLafBvv6Q9RxXTndfYUZx9K1GNNEgeyg1-lWIQd9JjbaCIi05fHFWkvQLuR5qREC8tnECJ9InoRJJ5vFQrtK8J1D_BwwBJKLOg1qx647KDnL9CdO_-gBvmSZVr4_epzgZ3ZbxcoaRR_sFIjVO58jb0w_o5pJEjFjtnCRz6YDieSGO5NvJZZ8gWB8EWcisUycL0xQ5.6ZAwr7paMPbfxLnphCsKE4r1j-DbI2EWqR8T4_Lc4lVgnwamSi_Z0OAwDFzP-LVI60zif8_Qr38oNY1DhQCEYTdBkptf_N_PgZ3Cw0UabbRdsXooYbYMReQLhxM31QZzCMZtuOrYJ9NDE9SYXOaWUkMHR7JMpy72t3avBFZX06uvzYVMBpKzYrhjOUzRqv3XzaXJrm8MBtGdimrbzXJx_bPyCONeg4zGZwBMhgjr1M4JFxUx8V_H2_1kznuk9iklDBfFU0xGoyGoJc29gfFM7SfOG16PaGtTPu4R16h1uRlQe9OntjiYjeYfZFHBih2DENcjJLUev99tarr_RJP5", "lemonsqueezy-api-key", "eyJhbGciOiAiUlMyNTYiLCAidHlwIjogIkpXVCJ9.575YX8XM5mSLFy5UBIHEYeD7p4Zdl_AK6j0KgodkDINzNlxICAbaG8wy1JZirLnqB0PRfMBH7-WY5YQ1xOy1bAimCaXyMFSb4hBqlxJJLafBvv6Q9RxXTndfYUZx9K1GNNEgeyg1-lWIQd9JjbaCIi05fHFWkvQLuR5qREC8tnECJ9InoRJJ5vFQrtK8J1D_BwwBJKLOg1qx647KDnL9CdO_-gBvmSZVr4_epzgZ3ZbxcoaRR_sFIjVO58jb0w_o5pJEjFjtnCRz6YDieSGO5NvJZZ8gWB8EWcisUycL0xQ5.6ZAwr7paMPbfxLnphCsKE4r1j-DbI2EWqR8T4_Lc4lVgnwamSi_Z0OAwDFzP-LVI60zif8_Qr38oNY1DhQCEYTdBkptf_N_PgZ3Cw0UabbRdsXooYbYMReQLhxM31QZzCMZtuOrYJ9NDE9SYXOaWUkMHR7JMpy72t3avBFZX06uvzYVMBpKzYrhjOUzRqv3XzaXJrm8MBtGdimrbzXJx_bPyCONeg4zGZwBMhgjr1M4JFxUx8V_H2_1kznuk9iklDBfFU0xGoyGoJc29gfFM7SfOG16PaGtTPu4R16h1uRlQe9OntjiYjeYfZFHBih2DENcjJLUev99tarr_RJP5"},
		{"lemon squeezy, short", "LEMONSQUEEZY_API_KEY=eyJhbGciOiAiUlMyNTYiLCAidHlwIjogIkpXVCJ9.575YX8XM5mSLFy5UBIHEYeD7p4Zdl_AK6j0KgodkDINzNlxICAbaG8wy1JZirLnqB0PRfMBH7-WY5YQ", "!lemonsqueezy-api-key", ""},
		// a negated key name in a test
		{"negated key", `nonMatchingToken := "q8Zt3LmN9pR2tKw7YbH4"`, "", ""},
		{"negated key's neighbour", `matchingToken := "q8Zt3LmN9pR2tKw7YbH4"`, "", "q8Zt3LmN9pR2tKw7YbH4"},
		// the storage emulator's published key opens nothing; another key does
		{"storage emulator key", "UseDevelopmentStorage: DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + emulatorKey() + ";", "", ""},
		{"storage key beside the emulator's account", "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Kq3Vw8Xz2Lp7Rs4Mn9Kb1Yc6Hd0Fg5Ja3Ue8Io2Rt7Tw4Qx9Lz1Mv6Pk3Sb8Nc2Hd5Gf0Jr7Ua4Ie9Ro1Tq6Wx==;",
			"azure-storage-account-key", "Kq3Vw8Xz2Lp7Rs4Mn9Kb1Yc6Hd0Fg5Ja3Ue8Io2Rt7Tw4Qx9Lz1Mv6Pk3Sb8Nc2Hd5Gf0Jr7Ua4Ie9Ro1Tq6Wx=="},
		// a provider's key that names an identifier holds no secret of a plain shape
		{"provider id key", "shopify_client_id=Hq3ZkV8pR2mW7xT4nB9cL6sY1dF5gJ0a", "!shopify-client-secret", ""},
		{"provider secret key", "shopify_client_secret=Hq3ZkV8pR2mW7xT4nB9cL6sY1dF5gJ0a", "shopify-client-secret", "Hq3ZkV8pR2mW7xT4nB9cL6sY1dF5gJ0a"},
		// JSON nested in a JSON string, written without spaces
		{"escaped JSON, no space", `cfg = "{\"db\":{\"password\":\"Vq8#rT2mLx9p\"}}"`, "password-assignment", "Vq8#rT2mLx9p"},
		{"escaped URL is no assignment", `{"next": "https:\/\/example.org\/pass\/Vq8rT2mLx9pW"}`, "", ""},
	} {
		checkClassCase(t, e, c.class, c.text, c.rule, c.value)
	}
}

// checkClassCase asserts one case of a class table: rule "!id" wants no match of that
// rule; rule "" with a value wants some secret with that value; rule "" alone wants no
// secret at all; otherwise rule must find value.
func checkClassCase(t *testing.T, e *Engine, class, text, rule, value string) {
	t.Helper()
	ms := scanAll(e, text)
	if not, ok := strings.CutPrefix(rule, "!"); ok {
		for _, m := range ms {
			if m.Rule.ID == not {
				t.Errorf("%s: %q: want no %s, got %s", class, text, not, describe(ms))
			}
		}
		return
	}
	if rule == "" && value != "" {
		ok := false
		for _, m := range ms {
			ok = ok || m.Rule.Category == "secret" && m.Value == value
		}
		if !ok {
			t.Errorf("%s: %q: want a secret %q, got %s", class, text, value, describe(ms))
		}
		return
	}
	if rule == "" {
		for _, m := range ms {
			if m.Rule.Category == "secret" {
				t.Errorf("%s: %q: want nothing, got %s", class, text, describe(ms))
				break
			}
		}
		return
	}
	if !hasMatch(ms, rule, value) {
		t.Errorf("%s: %q: want %s %q, got %s", class, text, rule, value, describe(ms))
	}
}

// emulatorKey assembles the storage emulator's published key (Microsoft documents it
// for Azurite) from its parts, so no key-shaped literal sits in the source.
func emulatorKey() string {
	return strings.Join([]string{"Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq",
		"/K1SZFPTOtr/KBHBeksoGMGw=="}, "")
}
