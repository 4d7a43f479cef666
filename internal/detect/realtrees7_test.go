package detect

import "testing"

// TestTreeRound7Classes: the classes of false positives found by triaging every non-test
// secret finding of the Go module cache (its first run, with main at 483a38a), and the
// places where the store round's policy passwords (policyPassword) fired outside a
// setting's value (found by switching mechanisms off and counting on held-out trees,
// never by reading their findings). Each
// example text must yield no secret; each leak text, the same text with only the signal
// the class reads changed, must still yield its rule and value.
func TestTreeRound7Classes(t *testing.T) {
	model := func(name string) string {
		return "{\n  \"version\": \"2.0\",\n  \"metadata\": {\n    \"protocol\": \"json\",\n    \"" + name +
			"\": [\"heron.auth#sigv9\"],\n    \"serviceId\": \"Heron\"\n  }\n}\n"
	}
	checkNamedTreeClasses(t, "service-2.json", []treeClassCase{
		{class: "a nested field whose own name is a bare auth: a list of schemes, not a password",
			example: model("auth"), leak: model("auth_secret"),
			rule: "generic-api-key", value: "heron.auth#sigv9"},
	})
	discovery := func(name string) string {
		return "{\n  \"password\": {\n    \"description\": \"Needed for a private registry. The password to log in to the registry. " +
			"To keep it safe, it is best to give an encrypted password by naming a vault secret: `" + name +
			"`. Plain text is visible to everyone who reads the job.\",\n    \"type\": \"string\"\n  }\n}\n"
	}
	checkNamedTreeClasses(t, "registry-api.json", []treeClassCase{
		{class: "a resource name's pattern, a path with a lone '*' for a segment",
			example: discovery("vaults/*/entries/*/revisions/*"), leak: discovery("vaults/hq7/entries/Zt4/revisions/3"),
			rule: "password-assignment", value: "vaults/hq7/entries/Zt4/revisions/3"},
	})
	checkTreeClasses(t, []treeClassCase{
		{class: "a struct field and its type, parted by blanks alone, no operator: no place for a password",
			example: "type vfsMethods struct {\n\tAuthToken            Tvfs4_xauthfn\n\tXOther               uintptr\n}\n",
			leak:    "type vfsMethods struct {\n\tAuthToken:           Tvfs4_xauthfn\n\tXOther               uintptr\n}\n",
			rule:    "generic-api-key", value: "Tvfs4_xauthfn"},
		{class: "the next setting of a line whose secret is left empty",
			example: "# hook_amqp enable=off auth_token= Marlin_gate=47 queue_dir=\n",
			leak:    "# hook_amqp enable=off auth_token= Marlin_gate=47\n",
			rule:    "generic-api-key", value: "Marlin_gate=47"},
	})
}

// TestPolicyPasswordPlaces: a password as a policy asks for it, under a secret's name,
// is still found in every place where a setting keeps its value in text.
func TestPolicyPasswordPlaces(t *testing.T) {
	e := Default()
	for _, c := range []struct{ text, value string }{
		{"WEBHOOK_SECRET=Osprey4417!Tidal\n", "Osprey4417!Tidal"},
		{"push_token: Gannet-2290!Reef\n", "Gannet-2290!Reef"},
		{"{\"signing_secret\": \"Kestrel83#Moor\"}\n", "Kestrel83#Moor"},
		{"{\"host\":\"hub-3\",\"токен\":\"Plover58$Dune-x\"}\n", "Plover58$Dune-x"},
		{"<deployToken>Curlew7702@Fen</deployToken>\n", "Curlew7702@Fen"},
		{"webhook_secret=Heron6631%26Weir&region=eu-2\n", "Heron6631&Weir"},
	} {
		if ms := scanText(e, "", c.text); !hasMatch(ms, "generic-api-key", c.value) {
			t.Errorf("%q: want generic-api-key %q, got %s", c.text, c.value, describe(ms))
		}
	}
}
